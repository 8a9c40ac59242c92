/**
 * The Configure API Integration form as data: its three sections in the order of Okta's procedure
 * ("Enable Salesforce provisioning": API integration, then To App, then To Okta), the draft an admin
 * is typing, which sections differ from what is saved, and the validation run before a Save.
 * Plain TypeScript with no Node or VS Code import: the webview bundle uses it too.
 */

import * as l10n from '@vscode/l10n';
import { checkSalesforceLoginUrl, isGenericSalesforceLoginHost } from '../orgUrls';

export type SectionId = 'apiIntegration' | 'toApp' | 'toOkta';

/** The sections in the procedure's order. */
export const sectionIds: readonly SectionId[] = ['apiIntegration', 'toApp', 'toOkta'];

/**
 * The consumer secret as the form knows it. A stored secret stays in SecretStorage: the form only
 * knows that there is one, so its text never reaches the webview, a draft on disk or a message.
 */
export type SecretState = { kind: 'stored' } | { kind: 'typed'; value: string } | { kind: 'none' };

export interface ApiIntegrationSection {
  enableApiIntegration: boolean;
  consumerKey: string;
  consumerSecret: SecretState;
  /** `derived` comes from the Okta app (see defaultLoginHost); a non-blank `override` replaces it. */
  loginHost: { derived?: string; override: string };
  allowPushingNullValues: boolean;
}

/** Provisioning > To App, as the Admin Console names its options (Okta's USER_PROVISIONING feature). */
export interface ToAppSection {
  createUsers: boolean;
  updateUserAttributes: boolean;
  deactivateUsers: boolean;
  syncPassword: boolean;
}

/** One import run: a UNIX cron expression and an IANA time zone (the spec's ImportScheduleSettings). */
export interface ImportSchedule {
  expression: string;
  /** Optional in the spec; blank means Okta's default. */
  timezone: string;
}

/**
 * Provisioning > To Okta. The procedure only says "edit the Salesforce to Okta provisioning settings";
 * what there is to edit is taken from Okta's management OpenAPI spec (2026.06.3), the INBOUND_PROVISIONING
 * feature's CapabilitiesInboundProvisioningObject: importSettings.schedule (status, fullImport,
 * incrementalImport), importSettings.username and importRules.userCreateAndMatch.
 */
export interface ToOktaSection {
  scheduleEnabled: boolean;
  fullImport: ImportSchedule;
  incrementalImport: ImportSchedule;
  usernameFormat: 'EMAIL' | 'CUSTOM';
  /** Okta Expression Language, used only when usernameFormat is CUSTOM. */
  usernameExpression: string;
  exactMatchCriteria: 'EMAIL' | 'USERNAME';
  allowPartialMatch: boolean;
  autoConfirmPartialMatch: boolean;
  autoConfirmExactMatch: boolean;
  autoConfirmNewUsers: boolean;
  autoActivateNewUsers: boolean;
}

/** The form's values, per section: what is saved, or what the admin has typed so far. */
export interface Draft {
  apiIntegration: ApiIntegrationSection;
  toApp: ToAppSection;
  toOkta: ToOktaSection;
}

const productionLogin = 'https://login.salesforce.com';
const sandboxLogin = 'https://test.salesforce.com';

/**
 * The login host the form proposes for an Okta Salesforce app, from its `settings.app`.
 * - A `loginUrl` on a My Domain wins: it names the org itself, and the spec describes it as "the Login
 *   URL specified in your Salesforce Single Sign-On settings" (such as https://acme.my.salesforce.com?so=00D…),
 *   so its origin is where this org signs in. A loopback URL counts too: the local sandbox stands in for one.
 *   When it disagrees with the instance type, Test API Credentials says so; the default does not guess.
 * - Otherwise the instance type (Okta's help page "Salesforce instance types": a production or a sandbox
 *   org): a sandbox signs in at test.salesforce.com, production at login.salesforce.com, as the Salesforce
 *   CLI's documentation says.
 * - GOVERNMENT, a missing or an unknown type: undefined, so the admin enters the org's My Domain. Okta's
 *   page says only "a Salesforce Government Cloud org"; which shared host, if any, serves those is not
 *   documented there, so rather than guess one the form asks.
 */
export function defaultLoginHost(app: { instanceType?: string; loginUrl?: string }): string | undefined {
  const myDomain = myDomainOrigin(app.loginUrl);
  if (myDomain) return myDomain;
  switch (app.instanceType?.trim().toUpperCase()) {
    case 'SANDBOX': return sandboxLogin;
    case 'PRODUCTION': return productionLogin;
    default: return undefined;
  }
}

function myDomainOrigin(loginUrl: string | undefined): string | undefined {
  if (!loginUrl?.trim()) return undefined;
  const check = checkSalesforceLoginUrl(loginUrl);
  // What the login host check accepts, less the two shared hosts, is a My Domain or a local test server.
  return check.ok && !isGenericSalesforceLoginHost(new URL(check.url).hostname) ? check.url : undefined;
}

/** The host the form signs in at: the override when one is typed, else the derived default. */
export function effectiveLoginHost(section: ApiIntegrationSection): string | undefined {
  return section.loginHost.override.trim() || section.loginHost.derived;
}

/** The sections whose values differ between the draft and the saved form, in the procedure's order. */
export function changedSections(draft: Draft, saved: Draft): SectionId[] {
  return sectionIds.filter((id) => !sameValue(draft[id], saved[id]));
}

/** The draft with the given sections (all by default) put back to what is saved: "Discard changes". */
export function discardChanges(draft: Draft, saved: Draft, sections: readonly SectionId[] = sectionIds): Draft {
  const reset = { ...draft };
  for (const id of sections) Object.assign(reset, { [id]: structuredClone(saved[id]) });
  return reset;
}

/**
 * Structural equality of plain data (the form's values), whatever the key order: a draft restored
 * from webview state may list its keys in another order than the saved form does.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return aKeys.length === bKeys.length
    && aKeys.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Every field that can carry an error, in the order the form shows them (the UI focuses the first error). */
export const fieldOrder = [
  'consumerKey', 'consumerSecret', 'loginHost',
  'fullImport.expression', 'fullImport.timezone', 'incrementalImport.expression', 'incrementalImport.timezone',
  'usernameExpression',
] as const;

export type FieldId = (typeof fieldOrder)[number];

export interface FieldError {
  field: FieldId;
  section: SectionId;
  /** Says what to do; never repeats what was typed (a secret pasted into the wrong box stays off the screen). */
  message: string;
}

/**
 * Salesforce does not document the shape of a consumer key (public examples are 85 characters starting
 * with 3MVG9, and the sandbox issues keys like that), nor of a secret, so only what a paste gone wrong
 * breaks is checked: something there, no whitespace or control characters inside, and a length bound far
 * above any real value.
 */
export const maxCredentialLength = 255;

const whereCredentialsAre = () => l10n.t("In Salesforce Setup, open App Manager (or External Client App Manager), then your app's Manage Consumer Details (or its OAuth Settings), and copy it from there.");

/**
 * Every error in the draft, in field order (each section's checks run in that order). Sections that
 * are off (API integration not enabled) are not checked.
 */
export function validateForm(draft: Draft): FieldError[] {
  return [...apiIntegrationErrors(draft.apiIntegration), ...toOktaErrors(draft.toOkta)];
}

function apiIntegrationErrors(section: ApiIntegrationSection): FieldError[] {
  if (!section.enableApiIntegration) return [];
  const errors: FieldError[] = [];
  const error = (field: FieldId, message: string) => errors.push({ field, section: 'apiIntegration', message });
  const key = credentialProblem(section.consumerKey, l10n.t('OAuth Consumer Key'));
  if (key) error('consumerKey', key);
  const secret = section.consumerSecret;
  if (secret.kind !== 'stored') {
    const problem = credentialProblem(secret.kind === 'typed' ? secret.value : '', l10n.t('OAuth Consumer Secret'));
    if (problem) error('consumerSecret', problem);
  }
  const host = effectiveLoginHost(section);
  if (!host) {
    error('loginHost', l10n.t("Enter the org's Salesforce login host: its My Domain, such as https://acme.my.salesforce.com (Setup > My Domain shows it)."));
  } else {
    const check = checkSalesforceLoginUrl(host);
    if (!check.ok) error('loginHost', check.message);
  }
  return errors;
}

function credentialProblem(typed: string, name: string): string | undefined {
  const value = typed.trim();
  if (!value) return l10n.t('Enter the {0}. {1}', name, whereCredentialsAre());
  if (value.length > maxCredentialLength) return l10n.t('That is longer than an {0} can be; copy it again. {1}', name, whereCredentialsAre());
  if (/[\s\p{Cc}]/u.test(value)) return l10n.t('The {0} contains spaces, line breaks or control characters; paste it again as one piece.', name);
  return undefined;
}

function toOktaErrors(section: ToOktaSection): FieldError[] {
  const errors: FieldError[] = [];
  const error = (field: FieldId, message: string) => errors.push({ field, section: 'toOkta', message });
  if (section.scheduleEnabled && !section.fullImport.expression.trim() && !section.incrementalImport.expression.trim()) {
    error('fullImport.expression', l10n.t('Enter when imports run (a full import, an incremental import or both), or turn the import schedule off.'));
  }
  // A schedule that is off is not sent to Okta, so what it holds cannot block a Save.
  const schedules = section.scheduleEnabled ? ['fullImport', 'incrementalImport'] as const : [];
  for (const which of schedules) {
    const schedule = section[which];
    if (schedule.expression.trim() && !isCronExpression(schedule.expression)) {
      error(`${which}.expression`, which === 'fullImport'
        ? l10n.t('Enter the full import schedule as a cron expression of five fields (minute hour day month weekday), for example 0 2 * * 0 for Sundays at 02:00.')
        : l10n.t('Enter the incremental import schedule as a cron expression of five fields (minute hour day month weekday), for example 0 2 * * 0 for Sundays at 02:00.'));
    }
    if (schedule.timezone.trim() && !isTimeZoneName(schedule.timezone)) {
      error(`${which}.timezone`, which === 'fullImport'
        ? l10n.t('Enter the full import time zone as an IANA name, such as America/New_York or UTC, or leave it blank.')
        : l10n.t('Enter the incremental import time zone as an IANA name, such as America/New_York or UTC, or leave it blank.'));
    }
  }
  if (section.usernameFormat === 'CUSTOM' && !section.usernameExpression.trim()) {
    error('usernameExpression', l10n.t('Enter the Okta Expression Language expression that makes the Okta username, or choose Email as the username format.'));
  }
  return errors;
}

/**
 * The spec says only "UNIX cron format" (example `00 21 * * Mon,Thu,Fri,Sat`): five fields of digits,
 * names, `*`, ranges, lists and steps. Whether each value is in range is left to Okta, which says so on Save.
 */
function isCronExpression(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  return expression.length <= 100 && fields.length === 5 && fields.every((field) => /^[0-9A-Za-z*,/-]+$/.test(field));
}

/** An IANA zone's shape (Area/Location, or UTC), at most 64 characters as the spec allows. */
function isTimeZoneName(zone: string): boolean {
  const name = zone.trim();
  return name.length <= 64 && /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name);
}
