// Provisioning through the API: the apps the spec lists for connections and features, an app's
// default connection, and how the USER_PROVISIONING and INBOUND_PROVISIONING features map onto the
// app's read-only `features` array. The spec ties them together only in prose; our mapping:
//   USER_PROVISIONING create.lifecycleCreate      ENABLED ⇔ PUSH_NEW_USERS
//                     update.profile              ENABLED ⇔ PUSH_PROFILE_UPDATES
//                     update.lifecycleDeactivate  ENABLED ⇔ PUSH_USER_DEACTIVATION
//                     update.password             ENABLED ⇔ PUSH_PASSWORD_UPDATES
//   INBOUND_PROVISIONING, once set                          ⇒ IMPORT_NEW_USERS, IMPORT_PROFILE_UPDATES
//   the connection ENABLED (API integration on)             ⇔ IMPORT_USER_SCHEMA
//   the connection turned off                               ⇒ no IMPORT_USER_SCHEMA, no PUSH_* (To App needs it)
// The last two are guesses: Okta imports an app's user schema only over its API connection, and the
// Admin Console offers To App only while the API integration is enabled. The extension reads the same
// mapping (src/domain/apiIntegration/oktaProvisioning.ts): keep them in step.
import { checkShape, type Shape } from './shapeCheck';
import { type OktaApp, type OktaOrg, type ProvisioningConnection, type ProvisioningSettings } from './model';

export type FeatureName = 'USER_PROVISIONING' | 'INBOUND_PROVISIONING';
type AuthScheme = 'TOKEN' | 'OAUTH2';

export interface ProvisioningSupport {
  authSchemes: readonly AuthScheme[];
  features: readonly FeatureName[];
}

const both: FeatureName[] = ['USER_PROVISIONING', 'INBOUND_PROVISIONING'];

/** The apps the spec's ApplicationConnections and ApplicationFeatures tags list, with what each supports. */
const supported = new Map<string, ProvisioningSupport>([
  ['google', { authSchemes: ['OAUTH2'], features: both }],
  ['office365', { authSchemes: ['OAUTH2'], features: both }],
  ['okta_org2org', { authSchemes: ['TOKEN', 'OAUTH2'], features: both }],
  ['slack', { authSchemes: ['OAUTH2'], features: both }],
  ['zoomus', { authSchemes: ['OAUTH2'], features: both }],
  ['zscalerbyz', { authSchemes: ['TOKEN'], features: ['USER_PROVISIONING'] }],
]);

/** With the switch on: a guess at what Okta would offer for Salesforce, which provisions over OAuth 2.0 today. */
const salesforce: ProvisioningSupport = { authSchemes: ['OAUTH2'], features: both };

/** Apps that provision at all (and so have profile mappings), whether the API can configure them or not. */
export const provisioningAppNames: ReadonlySet<string> = new Set([...supported.keys(), 'salesforce']);

export function provisioningSupport(app: OktaApp, salesforceSupported: boolean): ProvisioningSupport | undefined {
  return app.name === 'salesforce' ? (salesforceSupported ? salesforce : undefined) : supported.get(app.name);
}

const pushFeatures = {
  lifecycleCreate: 'PUSH_NEW_USERS',
  profile: 'PUSH_PROFILE_UPDATES',
  lifecycleDeactivate: 'PUSH_USER_DEACTIVATION',
  password: 'PUSH_PASSWORD_UPDATES',
} as const;
const importFeatures = ['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES'];
const integrationFeature = 'IMPORT_USER_SCHEMA';
const provisioningFeatures = new Set<string>([...Object.values(pushFeatures), ...importFeatures, integrationFeature]);

/**
 * An app's connection as last set through the API; before that, enabled with the app's first scheme
 * if its features show provisioning (set up in the Admin Console), else not set up.
 */
export function connectionOf(org: OktaOrg, app: OktaApp, support: ProvisioningSupport): ProvisioningConnection {
  const set = org.connections.get(app.id);
  if (set) return set;
  const setUpInConsole = app.features.some((f) => provisioningFeatures.has(f));
  return setUpInConsole ? { authScheme: support.authSchemes[0], status: 'ENABLED' } : { authScheme: 'UNKNOWN', status: 'DISABLED' };
}

/** Applies POST /connections/default; returns the problems instead when the body is refused. */
export function setConnection(org: OktaOrg, app: OktaApp, support: ProvisioningSupport, body: unknown, activate: boolean): string[] {
  const request = (body ?? {}) as { baseUrl?: unknown; profile?: { authScheme?: unknown; token?: unknown } };
  const authScheme = request.profile?.authScheme;
  if (!support.authSchemes.includes(authScheme as AuthScheme)) {
    return [`profile.authScheme: The app ${app.name} supports ${support.authSchemes.join(' or ')} provisioning connections.`];
  }
  const token = request.profile?.token;
  if (authScheme === 'TOKEN' && (typeof token !== 'string' || !token)) return ['profile.token: The field cannot be left blank.'];
  // A guess: the spec says baseUrl is used only by, and so needed by, Zscaler 2.0.
  if (app.name === 'zscalerbyz' && typeof request.baseUrl !== 'string') return ['baseUrl: The field cannot be left blank.'];
  const previous = connectionOf(org, app, support);
  setConnectionStatus(org, app, {
    authScheme: authScheme as AuthScheme,
    // A guess: activating an OAuth 2.0 connection takes effect at once (Okta first sends the admin
    // through the app's consent page).
    status: activate ? 'ENABLED' : previous.status,
    ...(typeof request.baseUrl === 'string' ? { baseUrl: request.baseUrl } : {}),
  });
  return [];
}

/** Stores the connection and shows its status in the app's features (the mapping above). */
export function setConnectionStatus(org: OktaOrg, app: OktaApp, connection: ProvisioningConnection): void {
  org.connections.set(app.id, connection);
  const on = connection.status === 'ENABLED';
  toggle(app, integrationFeature, on);
  if (!on) for (const feature of Object.values(pushFeatures)) toggle(app, feature, false);
  app.lastUpdated = new Date().toISOString();
}

export function settingsOf(org: OktaOrg, app: OktaApp): ProvisioningSettings {
  return org.provisioningSettings.get(app.id) ?? {
    password: { seed: 'RANDOM', change: 'KEEP_EXISTING' },
    inbound: {
      importSettings: { username: { usernameFormat: 'EMAIL' }, schedule: { status: 'DISABLED' } },
      importRules: {
        userCreateAndMatch: {
          exactMatchCriteria: 'EMAIL', allowPartialMatch: false, autoConfirmPartialMatch: false,
          autoConfirmExactMatch: false, autoConfirmNewUsers: false, autoActivateNewUsers: false,
        },
      },
    },
  };
}

/** USER_PROVISIONING is on wherever provisioning is; INBOUND_PROVISIONING once it has been set. */
export function featureStatus(app: OktaApp, name: FeatureName): 'ENABLED' | 'DISABLED' {
  return name === 'USER_PROVISIONING' || app.features.includes('IMPORT_NEW_USERS') ? 'ENABLED' : 'DISABLED';
}

export function featureCapabilities(org: OktaOrg, app: OktaApp, name: FeatureName): Record<string, unknown> {
  const settings = settingsOf(org, app);
  if (name === 'INBOUND_PROVISIONING') return settings.inbound;
  const status = (feature: string) => ({ status: app.features.includes(feature) ? 'ENABLED' : 'DISABLED' });
  return {
    create: { lifecycleCreate: status(pushFeatures.lifecycleCreate) },
    update: {
      profile: status(pushFeatures.profile),
      lifecycleDeactivate: status(pushFeatures.lifecycleDeactivate),
      password: { ...status(pushFeatures.password), ...settings.password },
    },
  };
}

const enabled: Shape = ['ENABLED', 'DISABLED'];
const userProvisioningShape: Shape = {
  create: { lifecycleCreate: { status: enabled } },
  update: {
    lifecycleDeactivate: { status: enabled },
    profile: { status: enabled },
    password: { status: enabled, seed: ['OKTA', 'RANDOM'], change: ['CHANGE', 'KEEP_EXISTING'] },
  },
};
const importSchedule: Shape = { expression: 'string', timezone: 'string' };
const inboundProvisioningShape: Shape = {
  importSettings: {
    username: { usernameFormat: ['EMAIL', 'CUSTOM'], userNameExpression: 'string' },
    schedule: { status: enabled, fullImport: importSchedule, incrementalImport: importSchedule },
  },
  importRules: {
    userCreateAndMatch: {
      exactMatchCriteria: ['EMAIL', 'USERNAME'], allowPartialMatch: 'boolean', autoConfirmPartialMatch: 'boolean',
      autoConfirmExactMatch: 'boolean', autoConfirmNewUsers: 'boolean', autoActivateNewUsers: 'boolean',
    },
  },
};

/** Applies PUT /features/{name} (a partial update, says the spec); returns the problems instead when refused. */
export function updateFeature(org: OktaOrg, app: OktaApp, name: FeatureName, body: unknown): string[] {
  const settings = settingsOf(org, app);
  if (name === 'INBOUND_PROVISIONING') {
    // The spec's CapabilitiesInboundProvisioningObject requires both parts.
    const missing = ['importSettings', 'importRules'].filter((key) => !(body as Record<string, unknown> | undefined)?.[key]);
    const problems = [...missing.map((key) => `${key}: The field cannot be left blank.`), ...checkShape(body, inboundProvisioningShape)];
    if (problems.length) return problems;
    settings.inbound = body as ProvisioningSettings['inbound'];
    for (const feature of importFeatures) toggle(app, feature, true);
  } else {
    const problems = checkShape(body, userProvisioningShape);
    if (problems.length) return problems;
    const { create, update } = body as UserProvisioningUpdate;
    const changes: Partial<Record<keyof typeof pushFeatures, CapabilityUpdate>> = { ...create, ...update };
    for (const key of Object.keys(pushFeatures) as Array<keyof typeof pushFeatures>) {
      const status = changes[key]?.status;
      if (status) toggle(app, pushFeatures[key], status === 'ENABLED');
    }
    const { seed = settings.password.seed, change = settings.password.change } = update?.password ?? {};
    settings.password = { seed, change };
  }
  org.provisioningSettings.set(app.id, settings);
  app.lastUpdated = new Date().toISOString();
  return [];
}

interface CapabilityUpdate {
  status?: 'ENABLED' | 'DISABLED';
  seed?: 'OKTA' | 'RANDOM';
  change?: 'CHANGE' | 'KEEP_EXISTING';
}

interface UserProvisioningUpdate {
  create?: { lifecycleCreate?: CapabilityUpdate };
  update?: { profile?: CapabilityUpdate; lifecycleDeactivate?: CapabilityUpdate; password?: CapabilityUpdate };
}

function toggle(app: OktaApp, feature: string, on: boolean): void {
  const has = app.features.includes(feature);
  if (on && !has) app.features.push(feature);
  if (!on && has) app.features.splice(app.features.indexOf(feature), 1);
}
