// The org's System Log: LogEvent objects (the spec's LogEvent schema) in `published` order. The seed
// writes provisioning error events for the Salesforce apps (mostly the PRODUCTION one, a few for the
// SANDBOX one) over the 30 days before the sandbox starts, whose outcome.reason carries Salesforce's
// error codes and messages; beside them, events of other apps and other types that a filter on one
// app's provisioning errors must leave out. The same events on every run, relative to the start time.
//
// Where the words come from:
// - Salesforce's error codes and messages: its SOAP/REST API reference, "Core Data Types Used in API
//   Calls → StatusCode" and the messages its API returns for them (e.g. "Required fields are missing:
//   [EmailEncodingKey]", "Alias: data value too large: … (max length=8)"), and the OAuth endpoint's
//   `invalid_grant` / "expired access/refresh token" (Salesforce Help, "OAuth 2.0 Refresh Token Flow").
// - The text Okta writes around them is a GUESS: Okta's help page "Provisioning Integration Error
//   Events" names the events but does not quote their reasons; the shape used here ("Automatic
//   provisioning of user … to app … failed: Error while creating user …: CODE: message") follows
//   what admins paste from their System Log into public forum threads.
// - The spec's LogOutcome.reason has maxLength 255, so a longer text is cut at 255 characters (that
//   Okta cuts rather than refuses is a guess).
import { createHash } from 'node:crypto';
import { type OktaApp, type OktaOrg, type OktaUser } from './model';

export interface LogTarget { id: string; type: string; alternateId: string; displayName: string }

export interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: '0';
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  displayMessage: string;
  actor: LogTarget;
  outcome: { result: 'SUCCESS' | 'FAILURE'; reason?: string };
  target: LogTarget[];
  legacyEventType?: string;
  transaction: { type: 'JOB' | 'WEB'; id: string; detail: Record<string, never> };
}

/** The spec's LogOutcome.reason maxLength. */
export const reasonMaxLength = 255;

/** A reason that matches no cause the extension knows, one with markup (a validation rule's own text), one far over the spec's length. */
export const unknownReasonText = 'Could not complete the operation: Read timed out after 120000 ms (connection to acme.my.salesforce.com)';
export const markupReasonText = 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Title must be set: <script>alert("okta-sf")</script><b>bold</b>';
export const longReasonText = `UNKNOWN_EXCEPTION: ${'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-89 (-1043). '.repeat(60)}`.slice(0, 5000);

/** Salesforce's error for each provisioning failure the seed writes (the codes the failures report groups by). */
const salesforceErrors: Array<(user: OktaUser) => string> = [
  () => 'DUPLICATE_USERNAME: Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations.',
  (user) => `STRING_TOO_LONG: Alias: data value too large: ${(user.profile.firstName + user.profile.lastName).toLowerCase()} (max length=8)`,
  () => 'REQUIRED_FIELD_MISSING: Required fields are missing: [EmailEncodingKey]',
  (user) => `INVALID_EMAIL_ADDRESS: Email: invalid email address: ${user.profile.login.replace(/\.example$/, '')}`,
  () => 'FIELD_INTEGRITY_EXCEPTION: The user license doesn\'t allow the permission: Modify All Data',
  () => 'INVALID_CROSS_REFERENCE_KEY: Profile ID: invalid cross reference id: 00e5g000001AbCdAAK',
  () => 'LICENSE_LIMIT_EXCEEDED: License Limit Exceeded',
  () => 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: insufficient access rights on cross-reference id: 00E5g000000XyZaEAK',
];

const displayMessages: Record<string, string> = {
  'application.provision.user.push': 'Push new user to external application',
  'application.provision.user.push_profile': 'Push user profile to external application',
  'application.provision.user.deactivate': 'Deactivate user in external application',
  'application.integration.authentication_failure': 'Authentication failure with external application',
  'application.integration.general_failure': 'General failure with external application',
  'application.user_membership.add': 'Add user to application membership',
};

/** Okta's own actor for what its provisioning jobs do. */
const oktaSystem: LogTarget = { id: '0oa1systemprincipal0', type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' };

/** Deterministic numbers in [0, 1): the same seed, the same log. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

/** A UUID-shaped id derived from the event's index, so that runs agree. */
function uuidOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const appTarget = (app: OktaApp): LogTarget => ({ id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label });
const userTarget = (user: OktaUser): LogTarget => ({
  id: user.id, type: 'User', alternateId: user.profile.login, displayName: `${user.profile.firstName} ${user.profile.lastName}`,
});

export const asOktaStoresIt = (reason: string): string => reason.slice(0, reasonMaxLength);

interface Draft { at: number; eventType: string; app: OktaApp; user?: OktaUser; reason?: string; result?: 'SUCCESS' | 'FAILURE' }

function eventOf(draft: Draft, index: number): LogEvent {
  const failed = (draft.result ?? 'FAILURE') === 'FAILURE';
  return {
    uuid: uuidOf(`okta-sf-sandbox-log-${index}`),
    published: new Date(draft.at).toISOString(),
    eventType: draft.eventType,
    version: '0',
    severity: failed ? 'ERROR' : 'INFO',
    displayMessage: displayMessages[draft.eventType] ?? draft.eventType,
    actor: oktaSystem,
    outcome: failed ? { result: 'FAILURE', reason: asOktaStoresIt(draft.reason ?? '') } : { result: 'SUCCESS' },
    target: [appTarget(draft.app), ...(draft.user ? [userTarget(draft.user)] : [])],
    transaction: { type: 'JOB', id: `sbx${uuidOf(`tx-${index}`).replace(/-/g, '').slice(0, 24)}`, detail: {} },
  };
}

/** The wording Okta puts around Salesforce's error (a guess, see the top of this file). */
function pushFailure(app: OktaApp, user: OktaUser, step: 'creating' | 'updating', error: string): string {
  return `Automatic provisioning of user ${user.profile.firstName} ${user.profile.lastName} to app ${app.label} failed: `
    + `Error while ${step} user ${user.profile.login}: ${error}`;
}

export interface SystemLogOptions {
  /** When the log ends (the sandbox's start), epoch ms. */
  now: number;
  /** More provisioning error events for the PRODUCTION app, over the last 24 hours (benchmarks). */
  syntheticEvents?: number;
}

const day = 86_400_000;

/** The seed's log, in `published` order (ties by uuid), as listLogEvents pages it. */
export function seedSystemLog(org: OktaOrg, options: SystemLogOptions): LogEvent[] {
  const [production, sandbox] = org.apps;
  const other = org.apps.find((app) => app.name === 'google') ?? org.apps[2];
  const people = org.appUsers(production.id).map((record) => record.user);
  const random = sequence(17);
  const at = (daysAgo: number) => options.now - Math.floor(daysAgo * day) - Math.floor(random() * 3_600_000);
  const drafts: Draft[] = [];

  // Forty failures of pushing PRODUCTION users, cycling through Salesforce's errors, over 30 days.
  for (let i = 0; i < 40; i++) {
    const user = people[i % people.length];
    const eventType = i % 5 === 4 ? 'application.provision.user.push_profile' : 'application.provision.user.push';
    const error = salesforceErrors[i % salesforceErrors.length](user);
    drafts.push({ at: at(29.5 - i * 0.72), eventType, app: production, user, reason: pushFailure(production, user, eventType.endsWith('profile') ? 'updating' : 'creating', error) });
  }
  const [first, second, third] = people;
  drafts.push(
    { at: at(12), eventType: 'application.provision.user.deactivate', app: production, user: second, reason: pushFailure(production, second, 'updating', 'API_CURRENTLY_DISABLED: API is disabled for this User') },
    // The connection's refresh token revoked or expired: no user, the integration itself fails.
    { at: at(3), eventType: 'application.integration.authentication_failure', app: production, reason: `Failed to refresh the access token for app ${production.label}: invalid_grant: expired access/refresh token` },
    { at: at(2.5), eventType: 'application.provision.user.push', app: production, user: third, reason: unknownReasonText },
    { at: at(2), eventType: 'application.provision.user.push_profile', app: production, user: first, reason: pushFailure(production, first, 'updating', markupReasonText) },
    { at: at(1.5), eventType: 'application.integration.general_failure', app: production, user: second, reason: longReasonText },
  );
  // A few for the SANDBOX instance, and events a filter on PRODUCTION's provisioning errors leaves out.
  const engineers = org.usersAssigned(sandbox.id);
  for (const [n, userId] of [...engineers.keys()].entries()) {
    const user = org.user(userId);
    if (user) drafts.push({ at: at(6 - n), eventType: 'application.provision.user.push', app: sandbox, user, reason: pushFailure(sandbox, user, 'creating', salesforceErrors[0](user)) });
  }
  drafts.push(
    { at: at(4), eventType: 'application.provision.user.push', app: other, user: first, reason: `Automatic provisioning of user ${first.profile.firstName} ${first.profile.lastName} to app ${other.label} failed: Error while creating user: Entity already exists.` },
    { at: at(5), eventType: 'application.user_membership.add', app: production, user: third, result: 'SUCCESS' },
  );
  for (let i = 0; i < (options.syntheticEvents ?? 0); i++) {
    const user = people[i % people.length];
    drafts.push({
      at: options.now - day + Math.floor((i * day) / Math.max(options.syntheticEvents ?? 1, 1)), eventType: 'application.provision.user.push', app: production, user,
      reason: pushFailure(production, user, 'creating', salesforceErrors[i % salesforceErrors.length](user)),
    });
  }
  return drafts.map(eventOf).sort(byPublished);
}

export function byPublished(a: LogEvent, b: LogEvent): number {
  return a.published < b.published ? -1 : a.published > b.published ? 1 : a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0;
}
