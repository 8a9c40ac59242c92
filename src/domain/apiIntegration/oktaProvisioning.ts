/**
 * The Configure API Integration form (form.ts) against Okta's provisioning API, both ways: the saved
 * form read from what Okta reports of an app, the request bodies that save each section, the app
 * `features` flags that prove a section is saved, and the Admin Console checklist for when Okta's API
 * refuses to configure the app (it does for Salesforce: the spec's ApplicationConnections and
 * ApplicationFeatures tags list the apps it configures, and Salesforce is not among them).
 * Pure: the adapter (src/okta/api/provisioningSave.ts) does the calls.
 */

import * as l10n from '@vscode/l10n';
import { type Draft, defaultLoginHost, type ToAppSection, type ToOktaSection } from './form';
import type { GuidedStep } from './protocol';

/**
 * Which `features` flag each saved setting shows as. Okta's spec ties the feature objects to the
 * app's read-only `features` array only in prose ("Similar to the app Provisioning > To App setting"),
 * so this mapping is ours; the sandbox keeps the same one (test/sandbox/okta/provisioning.ts):
 * - To App's four options are USER_PROVISIONING's create.lifecycleCreate, update.profile,
 *   update.lifecycleDeactivate and update.password, shown as PUSH_NEW_USERS, PUSH_PROFILE_UPDATES,
 *   PUSH_USER_DEACTIVATION and PUSH_PASSWORD_UPDATES (the flag names say as much);
 * - To Okta, once saved, shows as IMPORT_NEW_USERS and IMPORT_PROFILE_UPDATES;
 * - an enabled API integration shows as IMPORT_USER_SCHEMA. A guess: Okta reads an app's user schema
 *   only over its API connection, so the flag can only be on while the integration is.
 */
export const toAppFlags: Readonly<Record<keyof ToAppSection, string>> = {
  createUsers: 'PUSH_NEW_USERS',
  updateUserAttributes: 'PUSH_PROFILE_UPDATES',
  deactivateUsers: 'PUSH_USER_DEACTIVATION',
  syncPassword: 'PUSH_PASSWORD_UPDATES',
};
export const toOktaFlags: readonly string[] = ['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES'];
export const apiIntegrationFlag = 'IMPORT_USER_SCHEMA';

const provisioningFlags = new Set([apiIntegrationFlag, ...Object.values(toAppFlags), ...toOktaFlags]);

/** What Okta (and this machine) say about an app's provisioning: the inputs of savedDraft. */
export interface SavedProvisioning {
  /** The app's `settings.app` (instanceType, loginUrl). */
  settingsApp: Readonly<Record<string, unknown>>;
  features: readonly string[];
  /** The default provisioning connection, when Okta's API reports one for this app. */
  connection?: { authScheme: string; status: string };
  /** USER_PROVISIONING's capabilities, when Okta's API reports them. */
  userProvisioning?: Readonly<Record<string, unknown>>;
  /** INBOUND_PROVISIONING's capabilities, when Okta's API reports them. */
  inboundProvisioning?: Readonly<Record<string, unknown>>;
  /** The consumer key as saved on this machine: Okta's API never returns it. */
  consumerKey?: string;
  /** Whether a consumer secret is in SecretStorage. */
  secretStored: boolean;
}

/** To Okta as a new app has it (and the sandbox's default): no schedule, match by email, confirm nothing. */
export const defaultToOkta: Readonly<ToOktaSection> = {
  scheduleEnabled: false,
  fullImport: { expression: '', timezone: '' },
  incrementalImport: { expression: '', timezone: '' },
  usernameFormat: 'EMAIL',
  usernameExpression: '',
  exactMatchCriteria: 'EMAIL',
  allowPartialMatch: false,
  autoConfirmPartialMatch: false,
  autoConfirmExactMatch: false,
  autoConfirmNewUsers: false,
  autoActivateNewUsers: false,
};

/**
 * The form as saved. Okta's API has no field for Allow Pushing Null Values, nor does it return the
 * consumer key or secret: the first reads as off, the key and secret as this machine remembers them.
 */
export function savedDraft(saved: SavedProvisioning): Draft {
  const { instanceType, loginUrl } = saved.settingsApp;
  const derived = defaultLoginHost({ instanceType: optionalText(instanceType), loginUrl: optionalText(loginUrl) });
  return {
    apiIntegration: {
      enableApiIntegration: apiIntegrationEnabled(saved),
      consumerKey: saved.consumerKey ?? '',
      consumerSecret: saved.secretStored ? { kind: 'stored' } : { kind: 'none' },
      loginHost: derived ? { derived, override: '' } : { override: '' },
      allowPushingNullValues: false,
    },
    toApp: savedToApp(saved),
    toOkta: saved.inboundProvisioning ? toOktaOf(saved.inboundProvisioning) : structuredClone(defaultToOkta),
  };
}

/**
 * The connection's status when Okta reports it; otherwise any provisioning flag, since Okta pushes or
 * imports only over an enabled API integration (a production app set up in the console may show its
 * PUSH_* flags without IMPORT_USER_SCHEMA).
 */
function apiIntegrationEnabled(saved: SavedProvisioning): boolean {
  if (saved.connection) return saved.connection.status === 'ENABLED';
  return saved.features.some((flag) => provisioningFlags.has(flag));
}

function savedToApp(saved: SavedProvisioning): ToAppSection {
  const caps = saved.userProvisioning;
  const flag = (key: keyof ToAppSection) => saved.features.includes(toAppFlags[key]);
  if (!caps) return { createUsers: flag('createUsers'), updateUserAttributes: flag('updateUserAttributes'), deactivateUsers: flag('deactivateUsers'), syncPassword: flag('syncPassword') };
  const on = (...path: string[]) => field(caps, ...path, 'status') === 'ENABLED';
  return {
    createUsers: on('create', 'lifecycleCreate'),
    updateUserAttributes: on('update', 'profile'),
    deactivateUsers: on('update', 'lifecycleDeactivate'),
    syncPassword: on('update', 'password'),
  };
}

function toOktaOf(caps: Readonly<Record<string, unknown>>): ToOktaSection {
  const schedule = (which: string) => ({
    expression: text(field(caps, 'importSettings', 'schedule', which, 'expression')),
    timezone: text(field(caps, 'importSettings', 'schedule', which, 'timezone')),
  });
  const rule = (name: string) => field(caps, 'importRules', 'userCreateAndMatch', name) === true;
  return {
    scheduleEnabled: field(caps, 'importSettings', 'schedule', 'status') === 'ENABLED',
    fullImport: schedule('fullImport'),
    incrementalImport: schedule('incrementalImport'),
    usernameFormat: field(caps, 'importSettings', 'username', 'usernameFormat') === 'CUSTOM' ? 'CUSTOM' : 'EMAIL',
    usernameExpression: text(field(caps, 'importSettings', 'username', 'userNameExpression')),
    exactMatchCriteria: field(caps, 'importRules', 'userCreateAndMatch', 'exactMatchCriteria') === 'USERNAME' ? 'USERNAME' : 'EMAIL',
    allowPartialMatch: rule('allowPartialMatch'),
    autoConfirmPartialMatch: rule('autoConfirmPartialMatch'),
    autoConfirmExactMatch: rule('autoConfirmExactMatch'),
    autoConfirmNewUsers: rule('autoConfirmNewUsers'),
    autoActivateNewUsers: rule('autoActivateNewUsers'),
  };
}

/**
 * POST /connections/default for the API integration (the spec's ProvisioningConnectionOauthRequest).
 * Its profile has `authScheme` and `clientId` ("only used for the Okta Org2Org app" today); the consumer
 * key goes in clientId, a guess at how Okta would take a Salesforce connection. The spec has no field
 * for a client secret, so the consumer secret is never sent: Okta's console asks for it on its own page.
 */
export function connectionRequest(draft: Draft): { profile: { authScheme: 'OAUTH2'; clientId: string } } {
  return { profile: { authScheme: 'OAUTH2', clientId: draft.apiIntegration.consumerKey.trim() } };
}

const status = (on: boolean) => ({ status: on ? 'ENABLED' : 'DISABLED' });

/** PUT /features/USER_PROVISIONING (the spec's CapabilitiesObject) for To App. */
export function userProvisioningCapabilities(toApp: ToAppSection): Record<string, unknown> {
  return {
    create: { lifecycleCreate: status(toApp.createUsers) },
    update: { profile: status(toApp.updateUserAttributes), lifecycleDeactivate: status(toApp.deactivateUsers), password: status(toApp.syncPassword) },
  };
}

/**
 * PUT /features/INBOUND_PROVISIONING (the spec's CapabilitiesInboundProvisioningObject) for To Okta.
 * A schedule with no expression is left out (the spec requires `expression` in each), and so is a blank
 * time zone (optional, at least one character) and the expression of an EMAIL username format.
 */
export function inboundProvisioningCapabilities(toOkta: ToOktaSection): Record<string, unknown> {
  const schedule: Record<string, unknown> = status(toOkta.scheduleEnabled);
  if (toOkta.scheduleEnabled) {
    for (const which of ['fullImport', 'incrementalImport'] as const) {
      const { expression, timezone } = toOkta[which];
      if (expression.trim()) schedule[which] = { expression: expression.trim(), ...(timezone.trim() ? { timezone: timezone.trim() } : {}) };
    }
  }
  const username = toOkta.usernameFormat === 'CUSTOM'
    ? { usernameFormat: 'CUSTOM', userNameExpression: toOkta.usernameExpression.trim() }
    : { usernameFormat: 'EMAIL' };
  const { exactMatchCriteria, allowPartialMatch, autoConfirmPartialMatch, autoConfirmExactMatch, autoConfirmNewUsers, autoActivateNewUsers } = toOkta;
  return {
    importSettings: { username, schedule },
    importRules: { userCreateAndMatch: { exactMatchCriteria, allowPartialMatch, autoConfirmPartialMatch, autoConfirmExactMatch, autoConfirmNewUsers, autoActivateNewUsers } },
  };
}

/** The flags that must be on, and those that must be off, for a section to read as saved. */
export interface FeatureExpectation {
  present: string[];
  absent: string[];
}

/**
 * What the app's `features` show once `section` is saved as in the draft (see the mapping above).
 * To Okta's schedule and matching rules have no flag: its proof is only that inbound provisioning is set.
 */
export function expectedFeatures(section: keyof Draft, draft: Draft): FeatureExpectation {
  switch (section) {
    case 'apiIntegration':
      // Okta offers To App only over an enabled integration, so turning it off clears To App's flags too (a guess).
      return draft.apiIntegration.enableApiIntegration
        ? { present: [apiIntegrationFlag], absent: [] }
        : { present: [], absent: [apiIntegrationFlag, ...Object.values(toAppFlags)] };
    case 'toApp': {
      const keys = Object.keys(toAppFlags) as Array<keyof ToAppSection>;
      return {
        present: keys.filter((key) => draft.toApp[key]).map((key) => toAppFlags[key]),
        absent: keys.filter((key) => !draft.toApp[key]).map((key) => toAppFlags[key]),
      };
    }
    case 'toOkta':
      return { present: [...toOktaFlags], absent: [] };
  }
}

/** Whether the app's features show what is expected. */
export function featuresMatch(features: readonly string[], expected: FeatureExpectation): boolean {
  return expected.present.every((flag) => features.includes(flag)) && expected.absent.every((flag) => !features.includes(flag));
}

/** The flags still wrong: missing ones by name, unwanted ones as "no FLAG". */
export function unmetFeatures(features: readonly string[], expected: FeatureExpectation): string[] {
  return [
    ...expected.present.filter((flag) => !features.includes(flag)),
    ...expected.absent.filter((flag) => features.includes(flag)).map((flag) => l10n.t('no {0}', flag)),
  ];
}

/** The expectation as the panel lists it (the protocol's `expected`): "FLAG", or "no FLAG" for one that must be off. */
export function describeExpected(expected: FeatureExpectation): string[] {
  return [...expected.present, ...expected.absent.map((flag) => l10n.t('no {0}', flag))];
}

/**
 * The Admin Console checklist for a section, in the order of Okta's procedure ("Enable Salesforce
 * provisioning"). Labels are the console's as that procedure names them; the To Okta labels, which it
 * does not name, follow the spec's descriptions of the same settings. Values the admin types are quoted
 * in the text; the key and the secret are copied on click instead.
 */
export function guidedSteps(section: keyof Draft, draft: Draft): GuidedStep[] {
  const open: GuidedStep = { text: l10n.t("Open the app's Provisioning tab in the Okta Admin Console."), openAdminConsole: true };
  switch (section) {
    case 'apiIntegration':
      return [open, { text: l10n.t('Under Settings, click Integration, then Configure API Integration.') }, ...apiIntegrationSteps(draft), { text: l10n.t('Click Save.') }];
    case 'toApp':
      return [open, { text: l10n.t('Under Settings, click To App, then Edit.') }, ...toAppSteps(draft.toApp), { text: l10n.t('Click Save.') }];
    case 'toOkta':
      return [open, { text: l10n.t('Under Settings, click To Okta, then Edit.') }, ...toOktaSteps(draft.toOkta), { text: l10n.t('Click Save.') }];
  }
}

const tick = (on: boolean, label: string) => (on ? l10n.t('Select {0}.', label) : l10n.t('Clear {0}.', label));

function apiIntegrationSteps(draft: Draft): GuidedStep[] {
  const section = draft.apiIntegration;
  if (!section.enableApiIntegration) return [{ text: l10n.t('Clear Enable API integration.') }];
  return [
    { text: l10n.t('Select Enable API integration.') },
    { text: l10n.t('Paste the OAuth Consumer Key into OAuth Consumer Key (Copy puts it on the clipboard).'), copy: 'consumerKey' },
    { text: l10n.t('Paste the OAuth Consumer Secret into OAuth Consumer Secret (Copy puts it on the clipboard; it is cleared after 60 seconds).'), copy: 'consumerSecret' },
    { text: l10n.t('Click Authenticate with Salesforce.com and sign in to Salesforce as the integration user.') },
    { text: tick(section.allowPushingNullValues, l10n.t('Allow Pushing Null Values')) },
  ];
}

function toAppSteps(toApp: ToAppSection): GuidedStep[] {
  return [
    { text: tick(toApp.createUsers, l10n.t('Create Users')) },
    { text: tick(toApp.updateUserAttributes, l10n.t('Update User Attributes')) },
    { text: tick(toApp.deactivateUsers, l10n.t('Deactivate Users')) },
    { text: tick(toApp.syncPassword, l10n.t('Sync Password')) },
  ];
}

function toOktaSteps(toOkta: ToOktaSection): GuidedStep[] {
  const steps: GuidedStep[] = [];
  if (toOkta.scheduleEnabled) {
    steps.push({ text: l10n.t('Turn the import schedule on.') });
    for (const [which, label] of [['fullImport', l10n.t('Full import')], ['incrementalImport', l10n.t('Incremental import')]] as const) {
      const { expression, timezone } = toOkta[which];
      steps.push({ text: expression.trim() ? (timezone.trim()
        ? l10n.t('Set {0} to "{1}" in the time zone {2}.', label, expression.trim(), timezone.trim())
        : l10n.t('Set {0} to "{1}".', label, expression.trim())) : l10n.t('Leave {0} empty.', label) });
    }
  } else {
    steps.push({ text: l10n.t('Turn the import schedule off.') });
  }
  steps.push(toOkta.usernameFormat === 'CUSTOM'
    ? { text: l10n.t('Set Okta username format to Custom, with the expression "{0}".', toOkta.usernameExpression.trim()) }
    : { text: l10n.t('Set Okta username format to Email.') });
  steps.push(
    { text: toOkta.exactMatchCriteria === 'EMAIL'
      ? l10n.t('Set "Imported user is an exact match to Okta user if" to Email matches.')
      : l10n.t('Set "Imported user is an exact match to Okta user if" to Okta username matches.') },
    { text: tick(toOkta.allowPartialMatch, l10n.t('Allow partial matches')) },
    { text: tick(toOkta.autoConfirmExactMatch, l10n.t('Auto-confirm exact matches')) },
    { text: tick(toOkta.autoConfirmPartialMatch, l10n.t('Auto-confirm partial matches')) },
    { text: tick(toOkta.autoConfirmNewUsers, l10n.t('Auto-confirm new users')) },
    { text: tick(toOkta.autoActivateNewUsers, l10n.t('Auto-activate new users')) },
  );
  return steps;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A value deep inside Okta's JSON, or undefined where a step is missing or not an object. */
function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
