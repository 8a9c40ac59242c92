/**
 * Test API Credentials: the seven checks of what Okta's provisioning needs from the Salesforce connected
 * app and its integration user, as pure functions from what the probes observed (a plain record, filled by
 * src/salesforce/api/credentialProbes.ts) to one CheckResult per check, in the order. A check that
 * cannot run says why and what would make it run; every failure names what to change and where.
 * Text that came from Salesforce is already redacted and made one line by the probes.
 */
import * as l10n from '@vscode/l10n';
import { permissionByName } from '../permissionCatalog';
import { joinList } from '../plainText';
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

function checkTitle(check: CheckId): string {
  switch (check) {
    case 'loginHost': return l10n.t('Login host answers and matches the Okta app’s instance type');
    case 'consumerKey': return l10n.t('Consumer key is known at the login host');
    case 'oktaCallback': return l10n.t('Okta’s callback URL is registered on the connected app');
    case 'noExtraDemands': return l10n.t('The connected app demands nothing Okta’s sign-in does not send');
    case 'secretAndRefresh': return l10n.t('Consumer secret, scopes and refresh token');
    case 'integrationUser': return l10n.t('Integration user and its profile');
    case 'apiRequests': return l10n.t('API requests remaining today');
  }
}

const result = (check: CheckId, outcome: CheckOutcome, detail: string, fix?: string): CheckResult =>
  ({ check, title: checkTitle(check), outcome, detail, ...(fix ? { fix } : {}) });

const hostOf = (loginUrl: string) => (URL.canParse(loginUrl) ? new URL(loginUrl).host : loginUrl);

/** Setup paths of the app, for a classic connected app and for an External Client App. */
function appSetup(record: ProbeRecord, what: 'oauthSettings' | 'policies' | 'consumerDetails'): string {
  const app = record.appName ?? l10n.t('<your app>');
  switch (what) {
    case 'oauthSettings':
      return l10n.t('Setup > App Manager > {0} > Edit > API (Enable OAuth Settings) (an External Client App: Setup > External Client App Manager > {0} > Edit Settings > OAuth Settings)', app);
    case 'policies':
      return l10n.t('Setup > App Manager > {0} > Manage > Edit Policies (an External Client App: Setup > External Client App Manager > {0} > Edit Policies > OAuth Policies)', app);
    case 'consumerDetails':
      return l10n.t('Setup > App Manager > {0} > View > Manage Consumer Details (an External Client App: Setup > External Client App Manager > {0} > Settings > OAuth Settings > Consumer Key and Secret)', app);
  }
}

const oktaInstanceTypePath = () => l10n.t('Okta Admin Console > Applications > Applications > <the Salesforce app> > General > App Settings > Edit > Instance Type');

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
    return result('loginHost', 'fail', l10n.t('{0} did not answer as Salesforce’s login host: {1}', host, record.authorize.failure.message),
      l10n.t('Check the login host: https://login.salesforce.com for a production org, https://test.salesforce.com for a sandbox, or the org’s My Domain (Setup > My Domain shows it). If it is right, try again later: Salesforce may be unavailable.'));
  }
  const fromHost = orgKindOfHost(URL.canParse(record.loginUrl) ? new URL(record.loginUrl).hostname : record.loginUrl);
  const org = record.session?.org;
  const fromOrg = org?.ok ? (org.value.isSandbox ? 'sandbox' : 'production') : undefined;
  const kind = fromOrg ?? fromHost;
  const orgType = org?.ok ? org.value.organizationType : '';
  const basis = fromOrg
    ? (fromOrg === 'sandbox'
      ? l10n.t('The org is a sandbox (Organization.IsSandbox is true, {0}).', orgType)
      : l10n.t('The org is a production org (Organization.IsSandbox is false, {0}).', orgType))
    : fromHost ? (fromHost === 'sandbox' ? l10n.t('{0} serves sandboxes.', host) : l10n.t('{0} serves production orgs.', host)) : undefined;
  if (!kind || !basis) {
    const why = org && !org.ok ? l10n.t('the org could not be read ({0})', org.failure.message) : l10n.t('no session of the integration user was given');
    return result('loginHost', 'warn', l10n.t('{0} answers, but its name does not say whether the org is a sandbox, and {1}, so it could not be decided whether it agrees with the Okta app’s instance type.', host, why),
      l10n.t('Authenticate as the integration user (or give its session) so the org itself says whether it is a sandbox.'));
  }
  if (!record.oktaInstanceType) {
    return result('loginHost', 'warn', l10n.t('{0} answers. {1} The Okta app’s instance type was not given, so it was not compared.', host, basis),
      l10n.t('Run the check from the Okta app (or give --okta-org-url and --okta-app) to compare its instance type.'));
  }
  const expected = orgKindOfInstanceType(record.oktaInstanceType);
  if (!expected) {
    return result('loginHost', 'warn', l10n.t('{0} answers. {1} The Okta app’s instance type is {2}, which does not say production or sandbox, so it was not compared.', host, basis, record.oktaInstanceType),
      l10n.t('Check that the domain the Okta app names is this org’s ({0}).', oktaInstanceTypePath()));
  }
  if (expected !== kind) {
    const wanted = kind === 'sandbox' ? l10n.t('Sandbox') : l10n.t('Production');
    return result('loginHost', 'fail', expected === 'production'
      ? l10n.t('{0} But the Okta app’s instance type is {1}: Okta would sign in and provision at login.salesforce.com, where this sandbox’s users are unknown.', basis, record.oktaInstanceType)
      : l10n.t('{0} But the Okta app’s instance type is {1}: Okta would sign in and provision at test.salesforce.com, where this production org’s users are unknown.', basis, record.oktaInstanceType),
      l10n.t('In {0}, choose {1}; or point this check at the org the Okta app is meant for.', oktaInstanceTypePath(), wanted));
  }
  return result('loginHost', 'pass', l10n.t('{0} answers. {1} The Okta app’s instance type {2} agrees.', host, basis, record.oktaInstanceType));
}

// ---- 2 to 4. The authorize endpoint's answer to Okta's callback without a PKCE challenge

const skippedBy = (check: CheckId, reason: string, toRun: string) => result(check, 'skipped', l10n.t('Not checked: {0}.', reason), toRun);

function consumerKeyCheck(record: ProbeRecord): CheckResult {
  const host = hostOf(record.loginUrl);
  switch (record.authorize.kind) {
    case 'noAnswer':
      return skippedBy('consumerKey', l10n.t('the login host did not answer'), l10n.t('Fix the login host (check 1), then run the checks again.'));
    case 'unknownClient':
      return result('consumerKey', 'fail', l10n.t('{0} does not know this consumer key (invalid_client_id).', host),
        l10n.t('Copy the Consumer Key again from {0}. The app must live in the org behind this host: an app made in a sandbox is known at test.salesforce.com, one made in production at login.salesforce.com. A new or changed app can take 2 to 10 minutes to reach Salesforce’s servers.', appSetup(record, 'consumerDetails')));
    case 'otherError':
      return result('consumerKey', 'pass', l10n.t('{0} knows the key: it refused the request for another reason ({1}), not invalid_client_id.', host, record.authorize.error));
    default:
      return result('consumerKey', 'pass', l10n.t('{0} knows this consumer key.', host));
  }
}

function oktaCallbackCheck(record: ProbeRecord): CheckResult {
  switch (record.authorize.kind) {
    case 'noAnswer':
      return skippedBy('oktaCallback', l10n.t('the login host did not answer'), l10n.t('Fix the login host (check 1), then run the checks again.'));
    case 'unknownClient':
      return skippedBy('oktaCallback', l10n.t('the consumer key is not known'), l10n.t('Fix the consumer key (check 2), then run the checks again.'));
    case 'callbackNotRegistered':
      return result('oktaCallback', 'fail', l10n.t('The connected app does not list Okta’s callback URL {0} (redirect_uri_mismatch), so Okta’s Authenticate with Salesforce.com would end on an error page.', oktaCallbackUrl),
        l10n.t('In {0} > Callback URL, add {1} on a line of its own, and save.', appSetup(record, 'oauthSettings'), oktaCallbackUrl));
    case 'otherError':
      return result('oktaCallback', 'pass', l10n.t('Salesforce did not refuse Okta’s callback URL (it answered {0} for another reason).', record.authorize.error));
    default:
      return result('oktaCallback', 'pass', l10n.t('The connected app accepts {0}.', oktaCallbackUrl));
  }
}

function noExtraDemandsCheck(record: ProbeRecord): CheckResult {
  switch (record.authorize.kind) {
    case 'noAnswer':
      return skippedBy('noExtraDemands', l10n.t('the login host did not answer'), l10n.t('Fix the login host (check 1), then run the checks again.'));
    case 'unknownClient':
      return skippedBy('noExtraDemands', l10n.t('the consumer key is not known'), l10n.t('Fix the consumer key (check 2), then run the checks again.'));
    case 'callbackNotRegistered':
      return skippedBy('noExtraDemands', l10n.t('Salesforce refuses Okta’s callback URL before it looks at anything else'), l10n.t('Register Okta’s callback URL (check 3), then run the checks again.'));
    case 'pkceRequired':
      // Okta's instructions differ by version (platform-facts.md): older ones say "Require PKCE: disabled", the
      // newest, for External Client Apps, turn it on. So this is reported, not failed.
      return result('noExtraDemands', 'warn', l10n.t('The connected app requires a PKCE code challenge (Salesforce answered “missing required code challenge” to a request without one). Okta’s newest instructions turn PKCE on; older ones say to leave it off, and an Okta org whose sign-in sends no challenge is refused.'),
      l10n.t('If Okta’s Authenticate with Salesforce.com ends with “missing required code challenge”, clear “Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows” in {0}.', appSetup(record, 'oauthSettings')));
    case 'otherError':
      return result('noExtraDemands', 'fail', record.authorize.description
        ? l10n.t('Salesforce refused a sign-in request like Okta’s: {0} ({1}).', record.authorize.error, record.authorize.description)
        : l10n.t('Salesforce refused a sign-in request like Okta’s: {0}.', record.authorize.error),
        l10n.t('Compare the app’s OAuth settings with Okta’s instructions in {0}: web-server flow with a secret; client credentials, device flow, ID token and single logout off.', appSetup(record, 'oauthSettings')));
    case 'loginPage':
      return result('noExtraDemands', 'pass', l10n.t('A sign-in request as Okta sends it (Okta’s callback, no PKCE challenge) reaches the login page.'));
  }
}

// ---- 5 to 7. With the integration user's session

const noSession = (check: CheckId) => skippedBy(check, l10n.t('no session of the integration user was given'),
  l10n.t('Authenticate with Salesforce.com as the integration user (okta-sf: give --refresh-token, or --instance-url with --access-token), then run the checks again.'));

const requiredScopes = ['api', 'refresh_token'];

function secretAndRefreshCheck(record: ProbeRecord): CheckResult {
  const { session } = record;
  if (!session) return noSession('secretAndRefresh');
  if (!session.hasRefreshToken || !session.refresh) {
    return result('secretAndRefresh', 'skipped', l10n.t('Not checked: the session has no refresh token, so neither the secret nor a refresh could be tried.'),
      l10n.t('Authenticate with Salesforce.com again; if no refresh token comes back, add the scope “Perform requests at any time (refresh_token, offline_access)” in {0}.', appSetup(record, 'oauthSettings')));
  }
  const host = hostOf(record.loginUrl);
  const { refresh } = session;
  if (refresh.kind === 'noAnswer') return result('secretAndRefresh', 'fail', l10n.t('The refresh at {0} got no answer: {1}', host, refresh.failure.message), l10n.t('Try again; if it keeps failing, check the login host.'));
  if (refresh.kind === 'refused') {
    switch (refresh.error) {
      case 'invalid_client':
        return result('secretAndRefresh', 'fail', l10n.t('{0} refused the consumer secret (invalid_client).', host),
          l10n.t('Copy the Consumer Secret again from {0} and enter it here and in Okta.', appSetup(record, 'consumerDetails')));
      case 'invalid_grant':
        return result('secretAndRefresh', 'fail', refresh.description
          ? l10n.t('{0} refused the refresh token (invalid_grant: {1}): it expired or was revoked.', host, refresh.description)
          : l10n.t('{0} refused the refresh token (invalid_grant): it expired or was revoked.', host),
          l10n.t('Authenticate with Salesforce.com again. So that Okta’s token lasts, set Refresh Token Policy to “Refresh token is valid until revoked” in {0}.', appSetup(record, 'policies')));
      default:
        return result('secretAndRefresh', 'fail', refresh.description
          ? l10n.t('{0} refused the refresh ({1}: {2}).', host, refresh.error, refresh.description)
          : l10n.t('{0} refused the refresh ({1}).', host, refresh.error),
          l10n.t('Check the app’s OAuth settings and policies in {0}.', appSetup(record, 'oauthSettings')));
    }
  }
  const scopes = refresh.scopes ?? session.grantedScopes;
  const missing = scopes ? requiredScopes.filter((scope) => !scopes.includes(scope)) : [];
  if (missing.length > 0) {
    return result('secretAndRefresh', 'fail', l10n.t('The token’s scopes ({0}) lack {1}.', scopes?.join(' ') ?? '', joinList(missing)),
      l10n.t('In {0} > Selected OAuth Scopes, add “Manage user data via APIs (api)” and “Perform requests at any time (refresh_token, offline_access)”, then authenticate again.', appSetup(record, 'oauthSettings')));
  }
  const scopeText = scopes ? l10n.t('the token carries {0}', joinList(requiredScopes)) : l10n.t('Salesforce named no scopes, so they were not checked');
  const rotation = refresh.rotated ? ` ${l10n.t('The app rotates refresh tokens: the new one replaces the old.')}` : '';
  if (!session.refreshedWithSecret) {
    return result('secretAndRefresh', 'warn', l10n.t('A refresh token was issued and a refresh with it works; {0}. The consumer secret was not given, so it was not tried.', scopeText) + rotation,
      l10n.t('Enter the consumer secret and run the checks again.'));
  }
  // Without scopes named, the check is not complete: a warning, not a pass.
  return result('secretAndRefresh', scopes ? 'pass' : 'warn',
    l10n.t('{0} accepted the consumer secret; a refresh token was issued and a refresh with it works; {1}.', host, scopeText) + rotation);
}

function integrationUserCheck(record: ProbeRecord): CheckResult {
  const { session } = record;
  if (!session) return noSession('integrationUser');
  const { user, audit } = session;
  if (!user) return skippedBy('integrationUser', session.unavailable ?? l10n.t('the integration user was not read'), l10n.t('Fix the refresh (check 5), or give an access token, then run the checks again.'));
  if (!user.ok) {
    if (user.apiDisabled) {
      return result('integrationUser', 'fail', l10n.t('The integration user has no API access: {0}', user.failure.message),
        l10n.t('In Setup > Profiles > <the integration user’s profile> > System Permissions, enable API Enabled (on the profile itself, not through a permission set).'));
    }
    return result('integrationUser', 'fail', l10n.t('The integration user could not be read: {0}', user.failure.message), l10n.t('Authenticate with Salesforce.com again as the integration user.'));
  }
  const { username, isActive, profileName } = user.value;
  if (!isActive) {
    return result('integrationUser', 'fail', l10n.t('{0} is not active.', username), l10n.t('In Setup > Users > {0} > Edit, tick Active (it needs a free Salesforce license).', username));
  }
  if (!audit) return skippedBy('integrationUser', l10n.t('the profile audit did not run'), l10n.t('Run the checks again.'));
  if (!audit.ok) {
    return result('integrationUser', 'fail', l10n.t('{0} is active, but its profile {1} could not be audited: {2}', username, profileName, audit.failure.message),
      l10n.t('In Setup > Profiles > {0} > System Permissions, enable View Setup and Configuration (Okta’s list requires it), then run the checks again.', profileName));
  }
  const errors = audit.value.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    const { detail, fix } = profileFailure(audit.value, profileName);
    return result('integrationUser', 'fail', l10n.t('{0} is active; its profile {1} {2}', username, profileName, detail), fix);
  }
  const warnings = audit.value.findings.filter((finding) => finding.severity === 'warning');
  if (warnings.length > 0) {
    return result('integrationUser', 'warn', l10n.t('{0} is active; its profile {1} has every permission Okta needs that could be read, but: {2}', username, profileName, warnings.map((finding) => finding.message).join(' ')),
      [...new Set(warnings.map((finding) => finding.fix))].join(' '));
  }
  return result('integrationUser', 'pass', l10n.t('{0} is active and has API access; its profile {1} holds every permission Okta needs itself, on a license that carries them.', username, profileName));
}

const labelOf = (permission: string) => permissionByName(permission)?.label ?? permission;

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
  const lacks = missing.length ? l10n.t('lacks {0}', joinList(missing.map(labelOf))) : undefined;
  const viaSetLabels = joinList(viaSets.map((state) => labelOf(state.permission)));
  const through = !viaSets.length ? undefined : setNames.length > 1
    ? l10n.t('has {0} only through the permission sets {1}, which Okta does not count', viaSetLabels, joinList(setNames))
    : l10n.t('has {0} only through the permission set {1}, which Okta does not count', viaSetLabels, joinList(setNames));
  const summary = lacks && through ? l10n.t('{0}, and {1}.', lacks, through) : lacks || through ? l10n.t('{0}.', lacks ?? through ?? '') : '';
  const detail = [summary, ...others.map((finding) => finding.message)].filter(Boolean).join(' ');
  const toEnable = [...missing, ...viaSets.map((state) => state.permission)];
  const fix = [
    ...(toEnable.length ? [l10n.t('In Setup → Profiles → {0} → System Permissions, enable {1} (on the profile itself, not through a permission set).', profileName, joinList(toEnable.map(labelOf)))] : []),
    ...new Set(others.map((finding) => finding.fix)),
  ].join(' ');
  return { detail, fix };
}

function apiRequestsCheck(record: ProbeRecord): CheckResult {
  const { session } = record;
  if (!session) return noSession('apiRequests');
  if (!session.user) return skippedBy('apiRequests', session.unavailable ?? l10n.t('the integration user was not read'), l10n.t('Fix the refresh (check 5), or give an access token, then run the checks again.'));
  if (!session.limits) return skippedBy('apiRequests', l10n.t('the integration user could not be read'), l10n.t('Fix the integration user (check 6), then run the checks again.'));
  if (!session.limits.ok) {
    return result('apiRequests', 'fail', l10n.t('The org’s API limits could not be read: {0}', session.limits.failure.message),
      l10n.t('Give the integration user’s profile View Setup and Configuration (Setup > Profiles > <profile> > System Permissions), which Okta’s list requires.'));
  }
  const { max, remaining } = session.limits.value;
  const counts = l10n.t('{0} of {1} API requests remain today', remaining.toLocaleString('en-US'), max.toLocaleString('en-US'));
  if (remaining <= 0) {
    return result('apiRequests', 'fail', l10n.t('No API requests remain today ({0}): Okta’s provisioning calls will be refused (REQUEST_LIMIT_EXCEEDED).', counts),
      l10n.t('Wait for the 24-hour window to move on, or raise the org’s limit (Setup > Company Information shows it; Salesforce support can raise it).'));
  }
  // Below a tenth of the allowance, an import or a large push can run out.
  if (remaining < max / 10) {
    return result('apiRequests', 'warn', l10n.t('Only {0}.', counts), l10n.t('Find what uses the API (Setup > System Overview > API Requests), or wait for the 24-hour window to move on.'));
  }
  return result('apiRequests', 'pass', l10n.t('{0}.', counts));
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
  const parts = [
    [counts.pass, () => l10n.t('{0} passed', counts.pass)],
    [counts.warn, () => (counts.warn === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', counts.warn))],
    [counts.fail, () => l10n.t('{0} failed', counts.fail)],
    [counts.skipped, () => l10n.t('{0} skipped', counts.skipped)],
  ] as const;
  const line = parts.filter(([count]) => count > 0).map(([, text]) => text()).join(', ') || l10n.t('no checks');
  return { counts, exitCode, line };
}

function mark(outcome: CheckOutcome): string {
  switch (outcome) {
    case 'pass': return l10n.t('PASS');
    case 'warn': return l10n.t('WARN');
    case 'fail': return l10n.t('FAIL');
    case 'skipped': return l10n.t('SKIP');
  }
}

/** The results as plain text to copy: one block per check, then the summary. */
export function formatCheckResults(results: readonly CheckResult[]): string {
  const blocks = results.map((check, i) => [
    `${mark(check.outcome)}  ${i + 1}. ${check.title}`,
    `      ${check.detail}`,
    ...(check.fix ? [`      ${check.outcome === 'skipped' ? l10n.t('To run it: {0}', check.fix) : l10n.t('Fix: {0}', check.fix)}`] : []),
  ].join('\n'));
  return `${blocks.join('\n\n')}\n\n${summarizeChecks(results).line}`;
}
