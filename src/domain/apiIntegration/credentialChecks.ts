/**
 * Test API Credentials: the seven checks of what Okta's provisioning needs from the Salesforce connected
 * app and its integration user, as pure functions from what the probes observed (a plain record, filled by
 * src/salesforce/api/credentialProbes.ts) to one CheckResult per check, in the issue's order. A check that
 * cannot run says why and what would make it run; every failure names what to change and where.
 * Text that came from Salesforce is already redacted and made one line by the probes.
 */
import { requiredPermissions } from '../permissionCatalog';
import type { IntegrationUserVerdict } from '../profileAudit';
import type { CheckOutcome, CheckResult } from './protocol';

/** Okta's callback URL, which its instructions have the admin register on the connected app. */
export const oktaCallbackUrl = 'https://system-admin.okta.com/admin/app/generic/oauth20redirect';

export const checkIds = ['loginHost', 'consumerKey', 'oktaCallback', 'noExtraDemands', 'secretAndRefresh', 'integrationUser', 'apiRequests'] as const;
export type CheckId = (typeof checkIds)[number];

/** A probe that got no usable answer: the network, a timeout, a 5xx, or a page that is not Salesforce's. */
export interface ProbeFailure {
  message: string;
}

/** A read that either answered or failed; the failure's message says what happened, for the admin. */
export type Probe<T> = { ok: true; value: T } | { ok: false; failure: ProbeFailure };

/**
 * What the authorize endpoint answered to a request with Okta's callback as `redirect_uri` and no PKCE
 * challenge, never followed: the login page (nothing refused), or the refusal it redirected to.
 */
export type AuthorizeAnswer =
  | { kind: 'loginPage' }
  | { kind: 'unknownClient' }
  | { kind: 'callbackNotRegistered' }
  | { kind: 'pkceRequired' }
  /** Any other OAuth error, e.g. OAUTH_APPROVAL_ERROR_GENERIC. */
  | { kind: 'otherError'; error: string; description: string }
  | { kind: 'noAnswer'; failure: ProbeFailure };

/** What a refresh-token grant with the consumer key (and secret) answered. */
export type RefreshAnswer =
  | { kind: 'renewed'; scopes?: string[]; rotated: boolean }
  /** Salesforce's {error, error_description}. */
  | { kind: 'refused'; error: string; description: string }
  | { kind: 'noAnswer'; failure: ProbeFailure };

export interface OrgFacts {
  isSandbox: boolean;
  organizationType: string;
  instanceName: string;
}

export interface UserFacts {
  username: string;
  isActive: boolean;
  profileName: string;
}

/** Why the signed-in user could not be read: no API access at all is its own finding. */
export type UserProbe = { ok: true; value: UserFacts } | { ok: false; failure: ProbeFailure; apiDisabled?: boolean };

/** What the probes of a signed-in integration user's session observed. */
export interface SessionProbes {
  /** The scopes the session's token response named, when the caller kept them. */
  grantedScopes?: string[];
  /** Whether the caller holds a refresh token for this session. */
  hasRefreshToken: boolean;
  /** Absent when there was no refresh token to try. */
  refresh?: RefreshAnswer;
  /** Whether the refresh was sent with the consumer secret (it proves the secret only then). */
  refreshedWithSecret: boolean;
  /** Why there was no session to read with (only a refresh token was given, and it failed); then nothing below is set. */
  unavailable?: string;
  /** Absent only when `unavailable` says why. */
  user?: UserProbe;
  /** The audit of the user's profile; absent when the user could not be read. */
  audit?: Probe<IntegrationUserVerdict>;
  org?: Probe<OrgFacts>;
  limits?: Probe<{ max: number; remaining: number }>;
}

export interface ProbeRecord {
  loginUrl: string;
  /** The Okta app's settings.app.instanceType (PRODUCTION, SANDBOX, GOVERNMENT…), when known. */
  oktaInstanceType?: string;
  /** The connected app's name, for Setup paths; "<your app>" when unknown. */
  appName?: string;
  authorize: AuthorizeAnswer;
  /** Present when the integration user's session was given. */
  session?: SessionProbes;
}

const titles: Record<CheckId, string> = {
  loginHost: 'Login host answers and matches the Okta app’s instance type',
  consumerKey: 'Consumer key is known at the login host',
  oktaCallback: 'Okta’s callback URL is registered on the connected app',
  noExtraDemands: 'The connected app demands nothing Okta’s sign-in does not send',
  secretAndRefresh: 'Consumer secret, scopes and refresh token',
  integrationUser: 'Integration user and its profile',
  apiRequests: 'API requests remaining today',
};

const result = (check: CheckId, outcome: CheckOutcome, detail: string, fix?: string): CheckResult =>
  ({ check, title: titles[check], outcome, detail, ...(fix ? { fix } : {}) });

const hostOf = (loginUrl: string) => (URL.canParse(loginUrl) ? new URL(loginUrl).host : loginUrl);

/** Setup paths of the app, for a classic connected app and for an External Client App. */
function appSetup(record: ProbeRecord, what: 'oauthSettings' | 'policies' | 'consumerDetails'): string {
  const app = record.appName ?? '<your app>';
  switch (what) {
    case 'oauthSettings':
      return `Setup > App Manager > ${app} > Edit > API (Enable OAuth Settings) (an External Client App: Setup > External Client App Manager > ${app} > Edit Settings > OAuth Settings)`;
    case 'policies':
      return `Setup > App Manager > ${app} > Manage > Edit Policies (an External Client App: Setup > External Client App Manager > ${app} > Edit Policies > OAuth Policies)`;
    case 'consumerDetails':
      return `Setup > App Manager > ${app} > View > Manage Consumer Details (an External Client App: Setup > External Client App Manager > ${app} > Settings > OAuth Settings > Consumer Key and Secret)`;
  }
}

const oktaInstanceTypePath = 'Okta Admin Console > Applications > Applications > <the Salesforce app> > General > App Settings > Edit > Instance Type';

// ---- 1. The login host

export type OrgKind = 'production' | 'sandbox';

/**
 * What the host name alone says about the org behind it: test.salesforce.com and a sandbox's My Domain
 * (*.sandbox.my.salesforce.com) serve sandboxes; login.salesforce.com and other My Domains production orgs.
 * Any other host (a proxy, a local test server) is undecidable from its name.
 */
export function orgKindOfHost(hostname: string): OrgKind | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) return 'sandbox';
  if (host === 'login.salesforce.com' || host.endsWith('.my.salesforce.com')) return 'production';
  return undefined;
}

/**
 * The org kind an Okta instance type points at. GOVERNMENT is Government Cloud production (Okta's "Salesforce
 * instance types": "A Salesforce Government Cloud org"); any other value (a My Domain) says nothing.
 */
function orgKindOfInstanceType(instanceType: string): OrgKind | undefined {
  switch (instanceType.toUpperCase()) {
    case 'PRODUCTION':
    case 'GOVERNMENT':
      return 'production';
    case 'SANDBOX':
      return 'sandbox';
    default:
      return undefined;
  }
}

function loginHostCheck(record: ProbeRecord): CheckResult {
  const host = hostOf(record.loginUrl);
  if (record.authorize.kind === 'noAnswer') {
    return result('loginHost', 'fail', `${host} did not answer as Salesforce’s login host: ${record.authorize.failure.message}`,
      'Check the login host: https://login.salesforce.com for a production org, https://test.salesforce.com for a sandbox, or the org’s My Domain '
      + '(Setup > My Domain shows it). If it is right, try again later: Salesforce may be unavailable.');
  }
  const fromHost = orgKindOfHost(URL.canParse(record.loginUrl) ? new URL(record.loginUrl).hostname : record.loginUrl);
  const org = record.session?.org;
  const fromOrg = org?.ok ? (org.value.isSandbox ? 'sandbox' : 'production') : undefined;
  const kind = fromOrg ?? fromHost;
  const basis = fromOrg
    ? `The org is ${fromOrg === 'sandbox' ? 'a sandbox' : 'a production org'} (Organization.IsSandbox is ${fromOrg === 'sandbox'}, ${org?.ok ? org.value.organizationType : ''}).`
    : fromHost ? `${host} serves ${fromHost === 'sandbox' ? 'sandboxes' : 'production orgs'}.` : undefined;
  if (!kind || !basis) {
    const why = org && !org.ok ? `the org could not be read (${org.failure.message})` : 'no session of the integration user was given';
    return result('loginHost', 'warn', `${host} answers, but its name does not say whether the org is a sandbox, and ${why}, so it could not be decided whether it agrees with the Okta app’s instance type.`,
      'Authenticate as the integration user (or give its session) so the org itself says whether it is a sandbox.');
  }
  if (!record.oktaInstanceType) {
    return result('loginHost', 'warn', `${host} answers. ${basis} The Okta app’s instance type was not given, so it was not compared.`,
      'Run the check from the Okta app (or give --okta-org-url and --okta-app) to compare its instance type.');
  }
  const expected = orgKindOfInstanceType(record.oktaInstanceType);
  if (!expected) {
    return result('loginHost', 'warn', `${host} answers. ${basis} The Okta app’s instance type is ${record.oktaInstanceType}, which does not say production or sandbox, so it was not compared.`,
      `Check that the domain the Okta app names is this org’s (${oktaInstanceTypePath}).`);
  }
  if (expected !== kind) {
    const wanted = kind === 'sandbox' ? 'Sandbox' : 'Production';
    return result('loginHost', 'fail', `${basis} But the Okta app’s instance type is ${record.oktaInstanceType}: Okta would sign in and provision at `
      + `${expected === 'production' ? 'login.salesforce.com, where this sandbox’s users are unknown' : 'test.salesforce.com, where this production org’s users are unknown'}.`,
      `In ${oktaInstanceTypePath}, choose ${wanted}; or point this check at the org the Okta app is meant for.`);
  }
  return result('loginHost', 'pass', `${host} answers. ${basis} The Okta app’s instance type ${record.oktaInstanceType} agrees.`);
}

// ---- 2 to 4. The authorize endpoint's answer to Okta's callback without a PKCE challenge

const skippedBy = (check: CheckId, reason: string, toRun: string) => result(check, 'skipped', `Not checked: ${reason}.`, toRun);

function consumerKeyCheck(record: ProbeRecord): CheckResult {
  const host = hostOf(record.loginUrl);
  switch (record.authorize.kind) {
    case 'noAnswer':
      return skippedBy('consumerKey', 'the login host did not answer', 'Fix the login host (check 1), then run the checks again.');
    case 'unknownClient':
      return result('consumerKey', 'fail', `${host} does not know this consumer key (invalid_client_id).`,
        `Copy the Consumer Key again from ${appSetup(record, 'consumerDetails')}. The app must live in the org behind this host: an app made in a sandbox `
        + 'is known at test.salesforce.com, one made in production at login.salesforce.com. A new or changed app can take 2 to 10 minutes to reach Salesforce’s servers.');
    case 'otherError':
      return result('consumerKey', 'pass', `${host} knows the key: it refused the request for another reason (${record.authorize.error}), not invalid_client_id.`);
    default:
      return result('consumerKey', 'pass', `${host} knows this consumer key.`);
  }
}

function oktaCallbackCheck(record: ProbeRecord): CheckResult {
  switch (record.authorize.kind) {
    case 'noAnswer':
      return skippedBy('oktaCallback', 'the login host did not answer', 'Fix the login host (check 1), then run the checks again.');
    case 'unknownClient':
      return skippedBy('oktaCallback', 'the consumer key is not known', 'Fix the consumer key (check 2), then run the checks again.');
    case 'callbackNotRegistered':
      return result('oktaCallback', 'fail', `The connected app does not list Okta’s callback URL ${oktaCallbackUrl} (redirect_uri_mismatch), so Okta’s Authenticate with Salesforce.com would end on an error page.`,
        `In ${appSetup(record, 'oauthSettings')} > Callback URL, add ${oktaCallbackUrl} on a line of its own, and save.`);
    case 'otherError':
      return result('oktaCallback', 'pass', `Salesforce did not refuse Okta’s callback URL (it answered ${record.authorize.error} for another reason).`);
    default:
      return result('oktaCallback', 'pass', `The connected app accepts ${oktaCallbackUrl}.`);
  }
}

function noExtraDemandsCheck(record: ProbeRecord): CheckResult {
  switch (record.authorize.kind) {
    case 'noAnswer':
      return skippedBy('noExtraDemands', 'the login host did not answer', 'Fix the login host (check 1), then run the checks again.');
    case 'unknownClient':
      return skippedBy('noExtraDemands', 'the consumer key is not known', 'Fix the consumer key (check 2), then run the checks again.');
    case 'callbackNotRegistered':
      return skippedBy('noExtraDemands', 'Salesforce refuses Okta’s callback URL before it looks at anything else', 'Register Okta’s callback URL (check 3), then run the checks again.');
    case 'pkceRequired':
      // Okta's instructions differ by version (platform-facts.md): older ones say "Require PKCE: disabled", the
      // newest, for External Client Apps, turn it on. So this is reported, not failed.
      return result('noExtraDemands', 'warn', 'The connected app requires a PKCE code challenge (Salesforce answered “missing required code challenge” to a request without one). '
        + 'Okta’s newest instructions turn PKCE on; older ones say to leave it off, and an Okta org whose sign-in sends no challenge is refused.',
      `If Okta’s Authenticate with Salesforce.com ends with “missing required code challenge”, clear “Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows” in ${appSetup(record, 'oauthSettings')}.`);
    case 'otherError':
      return result('noExtraDemands', 'fail', `Salesforce refused a sign-in request like Okta’s: ${record.authorize.error}${record.authorize.description ? ` (${record.authorize.description})` : ''}.`,
        `Compare the app’s OAuth settings with Okta’s instructions in ${appSetup(record, 'oauthSettings')}: web-server flow with a secret; client credentials, device flow, ID token and single logout off.`);
    case 'loginPage':
      return result('noExtraDemands', 'pass', 'A sign-in request as Okta sends it (Okta’s callback, no PKCE challenge) reaches the login page.');
  }
}

// ---- 5 to 7. With the integration user's session

const noSession = (check: CheckId) => skippedBy(check, 'no session of the integration user was given',
  'Authenticate with Salesforce.com as the integration user (okta-sf: give --refresh-token, or --instance-url with --access-token), then run the checks again.');

const requiredScopes = ['api', 'refresh_token'];

function secretAndRefreshCheck(record: ProbeRecord): CheckResult {
  const { session } = record;
  if (!session) return noSession('secretAndRefresh');
  if (!session.hasRefreshToken || !session.refresh) {
    return result('secretAndRefresh', 'skipped', 'Not checked: the session has no refresh token, so neither the secret nor a refresh could be tried.',
      `Authenticate with Salesforce.com again; if no refresh token comes back, add the scope “Perform requests at any time (refresh_token, offline_access)” in ${appSetup(record, 'oauthSettings')}.`);
  }
  const host = hostOf(record.loginUrl);
  const { refresh } = session;
  if (refresh.kind === 'noAnswer') return result('secretAndRefresh', 'fail', `The refresh at ${host} got no answer: ${refresh.failure.message}`, 'Try again; if it keeps failing, check the login host.');
  if (refresh.kind === 'refused') {
    switch (refresh.error) {
      case 'invalid_client':
        return result('secretAndRefresh', 'fail', `${host} refused the consumer secret (invalid_client).`,
          `Copy the Consumer Secret again from ${appSetup(record, 'consumerDetails')} and enter it here and in Okta.`);
      case 'invalid_grant':
        return result('secretAndRefresh', 'fail', `${host} refused the refresh token (invalid_grant${refresh.description ? `: ${refresh.description}` : ''}): it expired or was revoked.`,
          `Authenticate with Salesforce.com again. So that Okta’s token lasts, set Refresh Token Policy to “Refresh token is valid until revoked” in ${appSetup(record, 'policies')}.`);
      default:
        return result('secretAndRefresh', 'fail', `${host} refused the refresh (${refresh.error}${refresh.description ? `: ${refresh.description}` : ''}).`,
          `Check the app’s OAuth settings and policies in ${appSetup(record, 'oauthSettings')}.`);
    }
  }
  const scopes = refresh.scopes ?? session.grantedScopes;
  const missing = scopes ? requiredScopes.filter((scope) => !scopes.includes(scope)) : [];
  if (missing.length > 0) {
    return result('secretAndRefresh', 'fail', `The token’s scopes (${scopes?.join(' ')}) lack ${missing.join(' and ')}.`,
      `In ${appSetup(record, 'oauthSettings')} > Selected OAuth Scopes, add “Manage user data via APIs (api)” and “Perform requests at any time (refresh_token, offline_access)”, then authenticate again.`);
  }
  const scopeText = scopes ? `the token carries ${requiredScopes.join(' and ')}` : 'Salesforce named no scopes, so they were not checked';
  const rotation = refresh.rotated ? ' The app rotates refresh tokens: the new one replaces the old.' : '';
  if (!session.refreshedWithSecret) {
    return result('secretAndRefresh', 'warn', `A refresh token was issued and a refresh with it works; ${scopeText}. The consumer secret was not given, so it was not tried.${rotation}`,
      'Enter the consumer secret and run the checks again.');
  }
  // Without scopes named, the check is not complete: a warning, not a pass.
  return result('secretAndRefresh', scopes ? 'pass' : 'warn',
    `${host} accepted the consumer secret; a refresh token was issued and a refresh with it works; ${scopeText}.${rotation}`);
}

function integrationUserCheck(record: ProbeRecord): CheckResult {
  const { session } = record;
  if (!session) return noSession('integrationUser');
  const { user, audit } = session;
  if (!user) return skippedBy('integrationUser', session.unavailable ?? 'the integration user was not read', 'Fix the refresh (check 5), or give an access token, then run the checks again.');
  if (!user.ok) {
    if (user.apiDisabled) {
      return result('integrationUser', 'fail', `The integration user has no API access: ${user.failure.message}`,
        'In Setup > Profiles > <the integration user’s profile> > System Permissions, enable API Enabled (on the profile itself, not through a permission set).');
    }
    return result('integrationUser', 'fail', `The integration user could not be read: ${user.failure.message}`, 'Authenticate with Salesforce.com again as the integration user.');
  }
  const { username, isActive, profileName } = user.value;
  if (!isActive) {
    return result('integrationUser', 'fail', `${username} is not active.`, `In Setup > Users > ${username} > Edit, tick Active (it needs a free Salesforce license).`);
  }
  if (!audit) return skippedBy('integrationUser', 'the profile audit did not run', 'Run the checks again.');
  if (!audit.ok) {
    return result('integrationUser', 'fail', `${username} is active, but its profile ${profileName} could not be audited: ${audit.failure.message}`,
      `In Setup > Profiles > ${profileName} > System Permissions, enable View Setup and Configuration (Okta’s list requires it), then run the checks again.`);
  }
  const errors = audit.value.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    const { detail, fix } = profileFailure(audit.value, profileName);
    return result('integrationUser', 'fail', `${username} is active; its profile ${profileName} ${detail}`, fix);
  }
  const warnings = audit.value.findings.filter((finding) => finding.severity === 'warning');
  if (warnings.length > 0) {
    return result('integrationUser', 'warn', `${username} is active; its profile ${profileName} has every permission Okta needs that could be read, but: ${warnings.map((finding) => finding.message).join(' ')}`,
      [...new Set(warnings.map((finding) => finding.fix))].join(' '));
  }
  return result('integrationUser', 'pass', `${username} is active and has API access; its profile ${profileName} holds every permission Okta needs itself, on a license that carries them.`);
}

const labels = new Map(requiredPermissions().permissions.map((permission) => [permission.name, permission.label]));
const labelOf = (permission: string) => labels.get(permission) ?? permission;

/** "A", "A and B", "A, B and C". */
const joined = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * The audit's errors for one profile, said once: what it lacks, what it has only through permission sets,
 * and anything else (a license that cannot carry them); the fix enables them all in one Setup visit.
 */
function profileFailure(verdict: IntegrationUserVerdict, profileName: string): { detail: string; fix: string } {
  const errors = verdict.findings.filter((finding) => finding.severity === 'error');
  const missing = errors.filter((finding) => finding.permission && finding.code !== 'permission-set-grant').map((finding) => finding.permission as string);
  const viaSets = verdict.permissions.flatMap((state) => (state.state === 'viaPermissionSet' ? [state] : []));
  const setNames = [...new Set(viaSets.flatMap((state) => state.grants.map((grant) => grant.permissionSetName)))];
  const others = errors.filter((finding) => !finding.permission);
  const parts = [
    ...(missing.length ? [`lacks ${joined(missing.map(labelOf))}`] : []),
    ...(viaSets.length ? [`has ${joined(viaSets.map((state) => labelOf(state.permission)))} only through the permission set${setNames.length > 1 ? 's' : ''} ${joined(setNames)}, which Okta does not count`] : []),
  ];
  const detail = [parts.length ? `${parts.join(', and ')}.` : '', ...others.map((finding) => finding.message)].filter(Boolean).join(' ');
  const toEnable = [...missing, ...viaSets.map((state) => state.permission)];
  const fix = [
    ...(toEnable.length ? [`In Setup → Profiles → ${profileName} → System Permissions, enable ${joined(toEnable.map(labelOf))} (on the profile itself, not through a permission set).`] : []),
    ...new Set(others.map((finding) => finding.fix)),
  ].join(' ');
  return { detail, fix };
}

function apiRequestsCheck(record: ProbeRecord): CheckResult {
  const { session } = record;
  if (!session) return noSession('apiRequests');
  if (!session.user) return skippedBy('apiRequests', session.unavailable ?? 'the integration user was not read', 'Fix the refresh (check 5), or give an access token, then run the checks again.');
  if (!session.limits) return skippedBy('apiRequests', 'the integration user could not be read', 'Fix the integration user (check 6), then run the checks again.');
  if (!session.limits.ok) {
    return result('apiRequests', 'fail', `The org’s API limits could not be read: ${session.limits.failure.message}`,
      'Give the integration user’s profile View Setup and Configuration (Setup > Profiles > <profile> > System Permissions), which Okta’s list requires.');
  }
  const { max, remaining } = session.limits.value;
  const counts = `${remaining.toLocaleString('en-US')} of ${max.toLocaleString('en-US')} API requests remain today`;
  if (remaining <= 0) {
    return result('apiRequests', 'fail', `No API requests remain today (${counts}): Okta’s provisioning calls will be refused (REQUEST_LIMIT_EXCEEDED).`,
      'Wait for the 24-hour window to move on, or raise the org’s limit (Setup > Company Information shows it; Salesforce support can raise it).');
  }
  // Below a tenth of the allowance, an import or a large push can run out.
  if (remaining < max / 10) {
    return result('apiRequests', 'warn', `Only ${counts}.`, 'Find what uses the API (Setup > System Overview > API Requests), or wait for the 24-hour window to move on.');
  }
  return result('apiRequests', 'pass', `${counts}.`);
}

/** The seven checks, in order, from what the probes observed. */
export function credentialChecks(record: ProbeRecord): CheckResult[] {
  return [
    loginHostCheck(record), consumerKeyCheck(record), oktaCallbackCheck(record), noExtraDemandsCheck(record),
    secretAndRefreshCheck(record), integrationUserCheck(record), apiRequestsCheck(record),
  ];
}

export interface CheckSummary {
  counts: Record<CheckOutcome, number>;
  /** 0: all passed or warned; 1: a check failed; 2: nothing decisive ran (every check skipped). */
  exitCode: 0 | 1 | 2;
  /** One line, e.g. "5 passed, 1 warning, 1 failed". */
  line: string;
}

export function summarizeChecks(results: readonly CheckResult[]): CheckSummary {
  const counts: Record<CheckOutcome, number> = { pass: 0, warn: 0, fail: 0, skipped: 0 };
  for (const { outcome } of results) counts[outcome]++;
  const exitCode = counts.fail > 0 ? 1 : counts.pass + counts.warn === 0 ? 2 : 0;
  const parts = [[counts.pass, 'passed'], [counts.warn, counts.warn === 1 ? 'warning' : 'warnings'], [counts.fail, 'failed'], [counts.skipped, 'skipped']] as const;
  const line = parts.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`).join(', ') || 'no checks';
  return { counts, exitCode, line };
}

const marks: Record<CheckOutcome, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

/** The results as plain text to copy: one block per check, then the summary. */
export function formatCheckResults(results: readonly CheckResult[]): string {
  const blocks = results.map((check, i) => [
    `${marks[check.outcome]}  ${i + 1}. ${check.title}`,
    `      ${check.detail}`,
    ...(check.fix ? [`      ${check.outcome === 'skipped' ? 'To run it' : 'Fix'}: ${check.fix}`] : []),
  ].join('\n'));
  return `${blocks.join('\n\n')}\n\n${summarizeChecks(results).line}`;
}
