/**
 * The Salesforce adapter: everything that touches jsforce. Bundled on its own
 * (dist/salesforce.js) and loaded on first use. Imports nothing from vscode.
 */
import * as l10n from '@vscode/l10n';
import { Connection } from 'jsforce/core';
import type { UserDescribeField } from '../../domain/preflight/attributeChecks';
import type { IntegrationUser } from '../../domain/profileAudit';
import { excerpt } from '../../domain/redact';
import { isSafeForCredentials, type NetworkSettings, send } from '../../http/requestPolicy';
import { requestTokens, revokeToken } from './oauthClient';
import * as orgWrites from './orgWrites';
import { isSalesforceId, readOrgSnapshot, type SnapshotOptions, type SnapshotRead } from './orgSnapshot';
import { restService, useRequestPolicy } from './policyTransport';
import { SalesforceFailure } from './salesforceFailure';
import { holdingsFrom, soqlString, userFieldsFromDescribe, type UserHolding, userHoldingQuery } from './userDescribe';
import { tokenFailure } from './webServerSignIn';

// This bundle's own copy of @vscode/l10n, configured by src/common/lazyBundle.ts when it loads.
export { config as configureL10n } from '@vscode/l10n';
export { SalesforceFailure } from './salesforceFailure';
export type { NetworkSettings } from '../../http/requestPolicy';
// The audit and its reports travel in this bundle too: they are needed only once an org is read.
export { formatAuditCsv, formatAuditJson, formatAuditText } from '../../domain/auditReport';
export { auditOrg } from '../../domain/profileAudit';
// The org fixes' plans and the integration user's checks too (the latter bring the pre-flight's validators).
export { fixFields, planProfileCreate, planProfileFix, previewLines, revertPlan } from '../../domain/orgFixes/profileFixes';
export { integrationUserDefaults, userCreateBody, validateIntegrationUser } from '../../domain/orgFixes/integrationUser';
export { integrationProfileFile, MetadataInputRefused, oktaConnectedAppFiles } from '../../domain/orgFixes/metadataFiles';
export type { SnapshotRead } from './orgSnapshot';
export { callbackListing, callbackUrlFor, SignInFailure, signInWithBrowser, type SignedInTokens } from './webServerSignIn';
export { describePortOwner } from './portOwner';
export {
  type CredentialTestInput, type CredentialTestOutcome, type IntegrationSession, readIntegrationUser, type RefreshOnlySession, testApiCredentials,
} from './credentialProbes';
export { displaySfOrg, listSfOrgs, SfCliFailure, type SfCliOrg } from './sfCli';
export type { UserHolding } from './userDescribe';
export {
  isProfileId, type MissingDependency, type ProfilePermissions, SalesforceWriteFailure, type UserLicenseSeats,
} from './orgWrites';

export interface SalesforceSessionOptions {
  instanceUrl: string;
  accessToken: string;
  /** Set explicitly: jsforce's own default (50.0) is years old. */
  apiVersion: string;
  network: NetworkSettings;
  /**
   * Gets a new access token when Salesforce says the session expired (401 INVALID_SESSION_ID);
   * the request is then sent once more. Throw a SalesforceFailure('sessionExpired') when only
   * signing in again can help.
   */
  refresh?: () => Promise<string>;
}

export interface SalesforceIdentity {
  username: string;
  displayName: string;
  organizationId: string;
  userId: string;
}

export interface ApiLimit {
  max: number;
  remaining: number;
}

export interface SalesforceSession {
  /** Reads the signed-in user's identity, which proves the token and API access. */
  verify(signal?: AbortSignal): Promise<SalesforceIdentity>;
  /** Reads what the profile audit needs from the whole org (orgSnapshot.ts); `activeUserCounts` costs one more query. */
  readSnapshot(signal?: AbortSignal, options?: SnapshotOptions): Promise<SnapshotRead>;
  /** The org's daily API request allowance (`/limits` DailyApiRequests). */
  readApiLimit(signal?: AbortSignal): Promise<ApiLimit>;
  /** The profile of one user, e.g. the signed-in one (SalesforceIdentity.userId). */
  readUserProfileId(userId: string, signal?: AbortSignal): Promise<string>;
  /** The named users that exist, with their profiles (one query). */
  readUsers(usernames: readonly string[], signal?: AbortSignal): Promise<IntegrationUser[]>;
  /** User's fields as sobjects/User/describe gives them (one request). */
  describeUser(signal?: AbortSignal): Promise<UserDescribeField[]>;
  /** Existing users, inactive ones included, holding any of the values (one SOQL query, however many values). */
  findUsersHolding(values: ReadonlyArray<{ field: string; value: string }>, signal?: AbortSignal): Promise<UserHolding[]>;
  /** Current values of some Permissions… fields of a profile (for the preview and for revert): one query. */
  readProfilePermissions(profileId: string, fields: readonly string[], signal?: AbortSignal): Promise<orgWrites.ProfilePermissions>;
  /** PATCH /sobjects/Profile/{id} with the Permissions… fields: one request; a refusal is a SalesforceWriteFailure. */
  updateProfilePermissions(profileId: string, fields: Record<string, boolean>, signal?: AbortSignal): Promise<void>;
  /** POST /sobjects/Profile: one request; the new profile's id. */
  createProfile(body: Record<string, unknown>, signal?: AbortSignal): Promise<string>;
  /** POST /sobjects/User, saying whether Salesforce is to email the new user: one request; the new user's id. */
  createUser(body: Record<string, unknown>, options: { sendEmail: boolean }, signal?: AbortSignal): Promise<string>;
  /** Salesforce's password reset: it e-mails the user a link to set a password (one request; the temporary password is dropped). */
  sendPasswordResetEmail(userId: string, signal?: AbortSignal): Promise<void>;
  /** The org's user licenses with their seats (one query). */
  readUserLicenses(signal?: AbortSignal): Promise<orgWrites.UserLicenseSeats[]>;
  /** Every profile's name (one query), to refuse a name that exists before asking Salesforce. */
  readProfileNames(signal?: AbortSignal): Promise<string[]>;
}

interface IdentityResponse {
  username: string;
  display_name: string;
  organization_id: string;
  user_id: string;
}

/** Renewals one operation may make (a long audit may outlive more than one session). */
const maxRenewals = 2;

export function openSalesforceSession(options: SalesforceSessionOptions): SalesforceSession {
  const { instanceUrl, apiVersion, network } = options;
  let accessToken = options.accessToken;
  /** jsforce wraps a failed refresh in a plain Error; the original says what to do. */
  let refreshFailure: unknown;
  /** One renewal at a time, shared by every request that found the session expired. */
  let renewal: Promise<string> | undefined;
  const renew = options.refresh;
  const refresh = renew && (() => {
    renewal ??= renew().then((token) => {
      accessToken = token;
      return token;
    }).finally(() => {
      renewal = undefined;
    });
    return renewal;
  });

  /**
   * A connection per operation, so that its requests are cancelled with it. jsforce renews on
   * every 401 without end; a session refused again right after renewals is not one more renewal away.
   */
  const connect = (signal?: AbortSignal) => {
    let renewals = 0;
    return useRequestPolicy(new Connection({
      instanceUrl, accessToken, version: apiVersion,
      refreshFn: refresh && ((_, callback) => {
        const renewed = ++renewals > maxRenewals
          ? Promise.reject(new SalesforceFailure('sessionExpired', l10n.t('{0} refused the session again after it was renewed (INVALID_SESSION_ID). Sign in again.', new URL(instanceUrl).host), 'INVALID_SESSION_ID'))
          : refresh();
        renewed.then((token) => callback(null, token), (error: unknown) => {
          refreshFailure = error;
          callback(error instanceof Error ? error : new Error(String(error)));
        });
      }),
    }), network, signal);
  };

  async function run<T>(work: (connection: Connection) => PromiseLike<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await work(connect(signal));
    } catch (error) {
      const refreshFailed = error instanceof Error && error.message.startsWith('Unable to refresh session');
      const failure = SalesforceFailure.from((refreshFailed && refreshFailure) || error, instanceUrl);
      throw failure.kind === 'notFound' ? await unknownApiVersion(signal) ?? failure : failure;
    }
  }

  /** A 404 is most often an API version the org does not offer; the versions it does are public. */
  async function unknownApiVersion(signal?: AbortSignal): Promise<SalesforceFailure | undefined> {
    try {
      const answer = await send({ method: 'GET', url: `${instanceUrl}/services/data`, service: restService, signal }, network);
      const offered: unknown = JSON.parse(answer.body);
      if (!Array.isArray(offered)) return undefined;
      const versions = offered.map((v: { version?: unknown }) => String(v.version));
      if (versions.includes(apiVersion)) return undefined;
      return new SalesforceFailure('notFound', l10n.t('This org does not offer Salesforce API version {0}; it offers {1} to {2}. Choose one of those.', excerpt(apiVersion, 20), versions[0], String(versions.at(-1))), 'NOT_FOUND');
    } catch {
      return undefined;
    }
  }

  const get = <T>(url: string, signal?: AbortSignal) => run((connection) => connection.request<T>({ method: 'GET', url }), signal);
  /** A write whose refusal is explained by orgWrites.writeFailure; anything else is worded by run. */
  const write = <T>(target: orgWrites.WriteTarget, work: (connection: Connection) => Promise<T>, signal?: AbortSignal) => run(async (connection) => {
    try {
      return await work(connection);
    } catch (error) {
      throw orgWrites.writeFailure(error, target) ?? error;
    }
  }, signal);

  return {
    async verify(signal) {
      // Connection.identity() puts the token in the URL.
      const { identity: identityUrl } = await get<{ identity: string }>(`/services/data/v${apiVersion}`, signal);
      if (!isSafeForCredentials(identityUrl)) {
        throw new SalesforceFailure('unreachable', l10n.t('{0} named an identity URL that is not https ({1}); the token was not sent there. Check the instance URL.', new URL(instanceUrl).host, excerpt(String(identityUrl), 80)));
      }
      const identity = await get<IdentityResponse>(`${identityUrl}?format=json`, signal);
      return { username: identity.username, displayName: identity.display_name, organizationId: identity.organization_id, userId: identity.user_id };
    },
    readSnapshot: (signal, read) => run((connection) => readOrgSnapshot(connection, read), signal),
    async readApiLimit(signal) {
      const limits = await get<{ DailyApiRequests: { Max: number; Remaining: number } }>(`/services/data/v${apiVersion}/limits`, signal);
      return { max: limits.DailyApiRequests.Max, remaining: limits.DailyApiRequests.Remaining };
    },
    async readUserProfileId(userId, signal) {
      if (!isSalesforceId(userId)) throw new SalesforceFailure('notFound', l10n.t('"{0}" is not a Salesforce user id.', excerpt(userId, 40)));
      const result = await run((connection) => connection.query<{ ProfileId: string }>(`SELECT ProfileId FROM User WHERE Id = '${userId}'`), signal);
      const [user] = result.records;
      if (!user) throw new SalesforceFailure('notFound', l10n.t('The user {0} is not visible to this session.', userId));
      return user.ProfileId;
    },
    async readUsers(usernames, signal) {
      if (!usernames.length) return [];
      const quoted = usernames.map(soqlString).join(', ');
      const result = await run((connection) => connection.query<{ Username: string; ProfileId: string }>(
        `SELECT Username, ProfileId FROM User WHERE Username IN (${quoted})`), signal);
      return result.records.map((user) => ({ username: user.Username, profileId: user.ProfileId }));
    },
    async describeUser(signal) {
      return userFieldsFromDescribe(await get<unknown>(`/services/data/v${apiVersion}/sobjects/User/describe`, signal), instanceUrl);
    },
    async findUsersHolding(values, signal) {
      const query = userHoldingQuery(values, `/services/data/v${apiVersion}/query`);
      if (!query) return [];
      // One request unless more than 2,000 users hold the values; the further pages are read rather than dropped.
      const result = await run((connection) => connection.query<Record<string, unknown>>(query.soql, { autoFetch: true, maxFetch: Number.MAX_SAFE_INTEGER }), signal);
      return holdingsFrom(result.records, query.asked);
    },
    async readProfilePermissions(profileId, fields, signal) {
      const read = await run((connection) => orgWrites.readProfilePermissions(connection, profileId, fields), signal);
      if (!read) throw new SalesforceFailure('notFound', l10n.t('No profile with the id {0} is visible to this session. Refresh the profiles and choose again.', profileId));
      return read;
    },
    updateProfilePermissions: (profileId, fields, signal) =>
      write({ kind: 'profile', id: profileId }, (connection) => orgWrites.updateProfilePermissions(connection, apiVersion, profileId, fields), signal),
    createProfile: (body, signal) =>
      write({ kind: 'profile', name: typeof body.Name === 'string' ? body.Name : undefined }, (connection) => orgWrites.createProfile(connection, apiVersion, body), signal),
    createUser: (body, { sendEmail }, signal) =>
      write({ kind: 'user', username: typeof body.Username === 'string' ? body.Username : undefined }, (connection) => orgWrites.createUser(connection, apiVersion, body, sendEmail), signal),
    sendPasswordResetEmail: (userId, signal) => write({ kind: 'user' }, (connection) => orgWrites.sendPasswordResetEmail(connection, apiVersion, userId), signal),
    readUserLicenses: (signal) => run((connection) => orgWrites.readUserLicenses(connection), signal),
    readProfileNames: (signal) => run((connection) => orgWrites.readProfileNames(connection), signal),
  };
}

export interface OAuthRefreshOptions {
  loginUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  network: NetworkSettings;
}

export interface RenewedSession {
  accessToken: string;
  instanceUrl: string;
  /** A new refresh token, where the connected app rotates them: it replaces the old one, which stops working. */
  refreshToken?: string;
}

/** A new access token for a web-server sign-in; a revoked or expired refresh token means signing in again. */
export async function refreshOAuthSession(options: OAuthRefreshOptions): Promise<RenewedSession> {
  try {
    const tokens = await requestTokens(options, { grant_type: 'refresh_token', refresh_token: options.refreshToken }, options.network);
    return { accessToken: tokens.accessToken, instanceUrl: tokens.instanceUrl, refreshToken: tokens.refreshToken };
  } catch (error) {
    const host = new URL(options.loginUrl).host;
    const failure = tokenFailure(error, host, '');
    if (failure.kind === 'unreachable' || failure.kind === 'timeout' || failure.kind === 'cancelled') throw new SalesforceFailure(failure.kind, failure.message);
    throw new SalesforceFailure('sessionExpired', (error as { name?: string }).name === 'invalid_grant'
      ? l10n.t('The sign-in to {0} has expired or was revoked (invalid_grant). Sign in again.', host)
      : l10n.t('{0} Sign in again.', failure.message), (error as { name?: string }).name);
  }
}

/** Revokes a refresh token (and the access tokens issued from it), so signing out ends the grant at Salesforce too. */
export async function revokeOAuthToken(loginUrl: string, token: string, network: NetworkSettings): Promise<void> {
  await revokeToken(loginUrl, token, network);
}
