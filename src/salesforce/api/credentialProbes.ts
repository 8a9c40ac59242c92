/**
 * The probes behind Test API Credentials: what Salesforce answers, gathered into the record that
 * src/domain/apiIntegration/credentialChecks.ts turns into the seven checks. Nothing is changed in the org:
 * the authorize endpoint is asked and never followed, a refresh proves the secret (with rotation on, the new
 * refresh token goes back to the caller, since the old one then stops working), and the rest are reads.
 * One probe failing (timeout, 5xx, a page that is not Salesforce's) is its own check's failure, never the
 * run's. Every request goes through the request policy. Imports nothing from vscode.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { Connection } from 'jsforce/core';
import {
  type AuthorizeAnswer as AuthorizeOutcome, credentialChecks, oktaCallbackUrl, type OrgFacts, type Probe, type ProbeRecord,
  type RefreshAnswer, type SessionProbes, type UserProbe,
} from '../../domain/apiIntegration/credentialChecks';
import type { CheckResult, ConnectionView } from '../../domain/apiIntegration/protocol';
import { oneLineText } from '../../domain/plainText';
import { requiredPermissions } from '../../domain/permissionCatalog';
import { auditOrg, type IntegrationUserVerdict } from '../../domain/profileAudit';
import { excerpt } from '../../domain/redact';
import { HttpFailure } from '../../http/httpFailure';
import type { NetworkSettings } from '../../http/requestPolicy';
import { readAuthorizeAnswer } from './authorizeProbe';
import { authorizeUrl, OAuthError, requestTokens } from './oauthClient';
import { isSalesforceId } from './orgSnapshot';
import { useRequestPolicy } from './policyTransport';
import { openSalesforceSession, type SalesforceSession } from './salesforceApi';
import { SalesforceFailure } from './salesforceFailure';

/** A signed-in integration user: what Authenticate with Salesforce.com (or okta-sf's options) gives. */
export interface IntegrationSession {
  instanceUrl: string;
  accessToken: string;
  refreshToken?: string;
  /** The token response's `scope`, space-separated, when it was kept. */
  scope?: string;
}

/** A refresh token without its access token: the refresh of check 5 gives the session the other checks use. */
export interface RefreshOnlySession {
  refreshToken: string;
  scope?: string;
}

export interface CredentialTestInput {
  /** https://login.salesforce.com, https://test.salesforce.com or a My Domain. */
  loginUrl: string;
  consumerKey: string;
  consumerSecret?: string;
  /** The Okta app's settings.app.instanceType, for check 1. */
  oktaInstanceType?: string;
  /** The connected app's name, for the Setup paths in fixes. */
  appName?: string;
  /** Checks 5 to 7 run only with it: a whole session, or a refresh token alone (okta-sf's --refresh-token). */
  session?: IntegrationSession | RefreshOnlySession;
  /** Default 64.0. */
  apiVersion?: string;
}

export interface CredentialTestOutcome {
  results: CheckResult[];
  /**
   * The session after the refresh of check 5: a new access token, and a new refresh token where the app
   * rotates them (the one given then no longer works: keep this one). Absent when no refresh succeeded.
   */
  renewedSession?: IntegrationSession;
}

const defaultApiVersion = '64.0';

/** Text from Salesforce or the network, as shown: redacted, one line, short. */
const shown = (text: string) => oneLineText(excerpt(text, 300));
const failureOf = (error: unknown) => ({ message: shown(error instanceof Error ? error.message : String(error)) });

async function probe<T>(read: () => Promise<T>): Promise<Probe<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (isCancelled(error)) throw error;
    return { ok: false, failure: failureOf(error) };
  }
}

/** Cancelling ends the run; every other failure is one check's. */
function isCancelled(error: unknown): boolean {
  return (error instanceof HttpFailure && error.kind === 'cancelled') || (error instanceof SalesforceFailure && error.kind === 'cancelled');
}

/** Runs every probe the input allows and answers the seven checks. */
export async function testApiCredentials(
  input: CredentialTestInput, network: NetworkSettings, signal?: AbortSignal, onProgress?: (message: string) => void,
): Promise<CredentialTestOutcome> {
  const host = URL.canParse(input.loginUrl) ? new URL(input.loginUrl).host : input.loginUrl;
  onProgress?.(l10n.t("Asking {0} about the consumer key and Okta's callback URL…", host));
  const authorize = await probeAuthorize(input, network, signal);
  const record: ProbeRecord = { loginUrl: input.loginUrl, oktaInstanceType: input.oktaInstanceType, appName: input.appName, authorize };
  if (!input.session) return { results: credentialChecks(record) };

  const given = input.session;
  let session = 'accessToken' in given ? given : undefined;
  let renewedSession: IntegrationSession | undefined;
  let refresh: RefreshAnswer | undefined;
  if (given.refreshToken) {
    onProgress?.(l10n.t("Refreshing the integration user's session at {0}…", host));
    const answer = await probeRefresh(input, given.refreshToken, network, signal);
    refresh = answer.refresh;
    if (answer.renewed) session = renewedSession = answer.renewed;
  }
  const common = { refresh, hasRefreshToken: !!given.refreshToken, refreshedWithSecret: !!input.consumerSecret, grantedScopes: scopesOf(given.scope) };
  if (session) {
    onProgress?.(l10n.t('Reading the integration user, its profile and the org…'));
    record.session = { ...common, ...await probeSession(session, input.apiVersion ?? defaultApiVersion, network, signal) };
  } else {
    record.session = { ...common, unavailable: l10n.t('the refresh token gave no session, and no access token was given') };
  }
  return { results: credentialChecks(record), ...(renewedSession ? { renewedSession } : {}) };
}

const scopesOf = (scope: string | undefined) => scope?.split(/\s+/).filter(Boolean);

/** The authorize endpoint's answer to a request as Okta sends it: Okta's callback, no PKCE challenge. */
async function probeAuthorize(input: CredentialTestInput, network: NetworkSettings, signal?: AbortSignal): Promise<AuthorizeOutcome> {
  let url: string;
  try {
    url = authorizeUrl({ loginUrl: input.loginUrl, clientId: input.consumerKey }, {
      redirectUri: oktaCallbackUrl, state: randomBytes(16).toString('base64url'), scope: 'api refresh_token',
    });
  } catch (error) {
    return { kind: 'noAnswer', failure: failureOf(error) };
  }
  try {
    const answer = await readAuthorizeAnswer(url, network, signal);
    switch (answer.error) {
      case undefined:
        // The login page, or a redirect to it: nothing was refused.
        return answer.status < 400 ? { kind: 'loginPage' }
          : { kind: 'noAnswer', failure: { message: l10n.t("{0} answered HTTP {1} without saying why, not as Salesforce's authorize endpoint does.", new URL(url).host, answer.status) } };
      case 'invalid_client_id':
        return { kind: 'unknownClient' };
      case 'redirect_uri_mismatch':
        return { kind: 'callbackNotRegistered' };
    }
    const description = shown(answer.errorDescription ?? '');
    if (answer.error === 'invalid_request' && /code.?challenge/i.test(description)) return { kind: 'pkceRequired' };
    return { kind: 'otherError', error: shown(answer.error), description };
  } catch (error) {
    if (isCancelled(error)) throw error;
    return { kind: 'noAnswer', failure: failureOf(error) };
  }
}

async function probeRefresh(input: CredentialTestInput, refreshToken: string, network: NetworkSettings, signal?: AbortSignal)
  : Promise<{ refresh: RefreshAnswer; renewed?: IntegrationSession }> {
  const client = { loginUrl: input.loginUrl, clientId: input.consumerKey, clientSecret: input.consumerSecret || undefined };
  try {
    const tokens = await requestTokens(client, { grant_type: 'refresh_token', refresh_token: refreshToken }, network, signal);
    const rotated = tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken;
    return {
      refresh: { kind: 'renewed', scopes: scopesOf(tokens.scope), rotated },
      renewed: { instanceUrl: tokens.instanceUrl, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? refreshToken, scope: tokens.scope },
    };
  } catch (error) {
    if (isCancelled(error)) throw error;
    if (error instanceof OAuthError && !error.error.startsWith('ERROR_HTTP_') && error.error !== 'invalid_response') {
      return { refresh: { kind: 'refused', error: shown(error.error), description: shown(error.message) } };
    }
    return { refresh: { kind: 'noAnswer', failure: failureOf(error) } };
  }
}

type SessionReads = Required<Pick<SessionProbes, 'user'>> & Pick<SessionProbes, 'audit' | 'org' | 'limits'>;

interface UserRow {
  Username: string;
  IsActive: boolean;
  ProfileId: string;
  Profile: { Name: string } | null;
}

interface OrganizationRow {
  IsSandbox: boolean;
  OrganizationType: string;
  InstanceName: string;
}

/** SOQL the session's own methods do not offer, through the request policy. */
async function query<T>(session: IntegrationSession, apiVersion: string, network: NetworkSettings, soql: string, signal?: AbortSignal): Promise<T[]> {
  const connection = useRequestPolicy(new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: apiVersion }), network, signal);
  try {
    return (await connection.query(soql)).records as unknown as T[];
  } catch (error) {
    throw SalesforceFailure.from(error, session.instanceUrl);
  }
}

/** The signed-in user: identity, then the User record (active, profile). */
async function probeUser(sf: SalesforceSession, session: IntegrationSession, apiVersion: string, network: NetworkSettings, signal?: AbortSignal)
  : Promise<{ user: UserProbe; ids?: { userId: string; profileId: string } }> {
  try {
    const identity = await sf.verify(signal);
    if (!isSalesforceId(identity.userId)) throw new SalesforceFailure('server', l10n.t('Salesforce named a user id that is not one.'));
    const [row] = await query<UserRow>(session, apiVersion, network, `SELECT Username, IsActive, ProfileId, Profile.Name FROM User WHERE Id = '${identity.userId}'`, signal);
    if (!row) throw new SalesforceFailure('notFound', l10n.t('The user {0} is not visible to its own session.', identity.userId));
    return {
      ids: { userId: identity.userId, profileId: row.ProfileId },
      user: { ok: true, value: { username: shown(row.Username), isActive: row.IsActive === true, profileName: shown(row.Profile?.Name ?? row.ProfileId) } },
    };
  } catch (error) {
    if (isCancelled(error)) throw error;
    const apiDisabled = error instanceof SalesforceFailure && error.kind === 'apiDisabledForUser';
    return { user: { ok: false, failure: failureOf(error), ...(apiDisabled ? { apiDisabled } : {}) } };
  }
}

interface ProfileRow {
  Name: string;
  UserType: string | null;
  UserLicense: { Name: string } | null;
  [field: string]: unknown;
}

/**
 * The audit of one user's profile, with the knowledge of profileAudit.ts (permissions, dependencies, sets,
 * licenses). A user who may not read permission sets (no View Setup and Configuration, which Okta's list
 * requires anyway) still has its profile audited from the Profile object alone, which every API user may
 * read: the license and the permissions on the profile then decide, and the missing permission shows.
 */
async function auditUser(
  sf: SalesforceSession, session: IntegrationSession, apiVersion: string, network: NetworkSettings,
  user: { username: string; userId: string; profileId: string }, signal?: AbortSignal,
): Promise<IntegrationUserVerdict> {
  const integrationUsers = [{ username: user.username, profileId: user.profileId }];
  try {
    const { snapshot } = await sf.readSnapshot(signal, { forUser: { userId: user.userId, profileId: user.profileId } });
    return auditOrg({ ...snapshot, integrationUsers }).integrationUsers[0];
  } catch (error) {
    if (!(error instanceof SalesforceFailure && error.kind === 'missingPermission')) throw error;
    const required = requiredPermissions().permissions;
    const [row] = await query<ProfileRow>(session, apiVersion, network,
      `SELECT Name, UserType, UserLicense.Name, ${required.map((permission) => permission.apiField).join(', ')} FROM Profile WHERE Id = '${user.profileId}'`, signal)
      .catch(() => {
        throw error;
      });
    if (!row) throw error;
    const profile = {
      id: user.profileId, name: row.Name, userType: row.UserType, licenseName: row.UserLicense?.Name ?? null,
      permissions: Object.fromEntries(required.map((permission) => [permission.name, row[permission.apiField] === true])),
    };
    return auditOrg({ profiles: [profile], permissionSetGrants: [], integrationUsers }).integrationUsers[0];
  }
}

async function probeSession(session: IntegrationSession, apiVersion: string, network: NetworkSettings, signal?: AbortSignal): Promise<SessionReads> {
  const sf = openSalesforceSession({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, apiVersion, network });
  const { user, ids } = await probeUser(sf, session, apiVersion, network, signal);
  const org = await probe(async (): Promise<OrgFacts> => {
    const [row] = await query<OrganizationRow>(session, apiVersion, network, 'SELECT Id, IsSandbox, OrganizationType, InstanceName FROM Organization', signal);
    if (!row) throw new SalesforceFailure('notFound', l10n.t('The Organization record is not visible to this session.'));
    return { isSandbox: row.IsSandbox === true, organizationType: shown(String(row.OrganizationType ?? '')), instanceName: shown(String(row.InstanceName ?? '')) };
  });
  if (!user.ok || !ids) return { user, org };
  const audit = await probe(() => auditUser(sf, session, apiVersion, network, { username: user.value.username, ...ids }, signal));
  const limits = await probe(() => sf.readApiLimit(signal));
  return { user, audit, org, limits };
}

/**
 * The integration user Authenticate signed in as, for the panel: who, which org, which profile, and the
 * profile's audit verdict with its findings one line each. Throws a SalesforceFailure when the user cannot
 * be read at all.
 */
export async function readIntegrationUser(session: IntegrationSession, network: NetworkSettings, signal?: AbortSignal, apiVersion = defaultApiVersion): Promise<ConnectionView> {
  const sf = openSalesforceSession({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, apiVersion, network });
  try {
    const identity = await sf.verify(signal);
    const profileId = await sf.readUserProfileId(identity.userId, signal);
    const verdict = await auditUser(sf, session, apiVersion, network, { username: identity.username, userId: identity.userId, profileId }, signal);
    return {
      username: shown(identity.username), orgId: shown(identity.organizationId), host: new URL(session.instanceUrl).host,
      profile: shown(verdict.profileName ?? profileId), verdict: verdict.verdict,
      findings: verdict.findings.filter((finding) => finding.severity !== 'info').map((finding) => shown(`${finding.message} ${finding.fix}`)),
    };
  } catch (error) {
    throw SalesforceFailure.from(error, session.instanceUrl);
  }
}
