/**
 * The Salesforce adapter: everything that touches jsforce. Bundled on its own
 * (dist/salesforce.js) and loaded on first use. Imports nothing from vscode.
 */
import { Connection, OAuth2 } from 'jsforce/core';
import type { IntegrationUser } from '../../domain/profileAudit';
import { isSalesforceId, readOrgSnapshot, type SnapshotOptions, type SnapshotRead } from './orgSnapshot';
import { SalesforceFailure } from './salesforceFailure';
import { tokenFailure } from './webServerSignIn';

export { SalesforceFailure } from './salesforceFailure';
// The audit and its reports travel in this bundle too: they are needed only once an org is read.
export { formatAuditCsv, formatAuditJson, formatAuditText } from '../../domain/auditReport';
export { auditOrg } from '../../domain/profileAudit';
export type { SnapshotRead } from './orgSnapshot';
export { callbackUrlFor, SignInFailure, signInWithBrowser, type SignedInTokens } from './webServerSignIn';
export { describePortOwner } from './portOwner';
export { displaySfOrg, listSfOrgs, SfCliFailure, type SfCliOrg } from './sfCli';

export interface SalesforceSessionOptions {
  instanceUrl: string;
  accessToken: string;
  /** Set explicitly: jsforce's own default (50.0) is years old. */
  apiVersion: string;
  requestTimeoutMs: number;
  proxyUrl?: string;
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
}

interface IdentityResponse {
  username: string;
  display_name: string;
  organization_id: string;
  user_id: string;
}

export function openSalesforceSession(options: SalesforceSessionOptions): SalesforceSession {
  const { refresh } = options;
  /** jsforce wraps a failed refresh in a plain Error; the original says what to do. */
  let refreshFailure: unknown;
  const connection = new Connection({
    instanceUrl: options.instanceUrl,
    accessToken: options.accessToken,
    version: options.apiVersion,
    httpProxy: options.proxyUrl,
    refreshFn: refresh && ((_, callback) => {
      refresh().then((accessToken) => callback(null, accessToken), (error: unknown) => {
        refreshFailure = error;
        callback(error instanceof Error ? error : new Error(String(error)));
      });
    }),
  });

  /** A GET with few, quick retries: jsforce's own (five, backing off to 8 s) suit batch jobs, not an admin waiting. */
  const get = <T>(url: string, signal?: AbortSignal) =>
    withDeadline(connection.request<T>({ method: 'GET', url }, { retry: { maxRetries: 2, minTimeout: 250 } }), options, signal, () => refreshFailure);

  return {
    async verify(signal) {
      // Connection.identity() puts the token in the URL and cannot be given retry options.
      const { identity: identityUrl } = await get<{ identity: string }>(`/services/data/v${options.apiVersion}`, signal);
      const identity = await get<IdentityResponse>(`${identityUrl}?format=json`, signal);
      return { username: identity.username, displayName: identity.display_name, organizationId: identity.organization_id, userId: identity.user_id };
    },
    readSnapshot: (signal, read) => withDeadline(readOrgSnapshot(connection, read), options, signal, () => refreshFailure),
    async readApiLimit(signal) {
      const limits = await get<{ DailyApiRequests: { Max: number; Remaining: number } }>(`/services/data/v${options.apiVersion}/limits`, signal);
      return { max: limits.DailyApiRequests.Max, remaining: limits.DailyApiRequests.Remaining };
    },
    async readUserProfileId(userId, signal) {
      if (!isSalesforceId(userId)) throw new SalesforceFailure('notFound', `"${userId}" is not a Salesforce user id.`);
      const result = await withDeadline(connection.query<{ ProfileId: string }>(`SELECT ProfileId FROM User WHERE Id = '${userId}'`), options, signal, () => refreshFailure);
      const [user] = result.records;
      if (!user) throw new SalesforceFailure('notFound', `The user ${userId} is not visible to this session.`);
      return user.ProfileId;
    },
    async readUsers(usernames, signal) {
      if (!usernames.length) return [];
      const quoted = usernames.map((name) => `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
      const result = await withDeadline(connection.query<{ Username: string; ProfileId: string }>(
        `SELECT Username, ProfileId FROM User WHERE Username IN (${quoted})`), options, signal, () => refreshFailure);
      return result.records.map((user) => ({ username: user.Username, profileId: user.ProfileId }));
    },
  };
}

export interface OAuthRefreshOptions {
  loginUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  proxyUrl?: string;
}

/** A new access token for a web-server sign-in; a revoked or expired refresh token means signing in again. */
export async function refreshOAuthSession(options: OAuthRefreshOptions): Promise<{ accessToken: string; instanceUrl: string }> {
  const oauth2 = new OAuth2({ loginUrl: options.loginUrl, clientId: options.clientId, clientSecret: options.clientSecret || undefined, httpProxy: options.proxyUrl });
  try {
    const tokens = await oauth2.refreshToken(options.refreshToken);
    return { accessToken: tokens.access_token, instanceUrl: tokens.instance_url };
  } catch (error) {
    const host = new URL(options.loginUrl).host;
    const failure = tokenFailure(error, host, '');
    if (failure.kind === 'unreachable') throw new SalesforceFailure('unreachable', failure.message);
    throw new SalesforceFailure('sessionExpired', (error as { name?: string }).name === 'invalid_grant'
      ? `The sign-in to ${host} has expired or was revoked (invalid_grant). Sign in again.`
      : `${failure.message} Sign in again.`, (error as { name?: string }).name);
  }
}

/** Revokes a refresh token (and the access tokens issued from it), so signing out ends the grant at Salesforce too. */
export async function revokeOAuthToken(loginUrl: string, token: string, proxyUrl?: string): Promise<void> {
  await new OAuth2({ loginUrl, httpProxy: proxyUrl }).revokeToken(token);
}

/** jsforce takes no per-call signal or timeout, so the caller stops waiting instead. */
async function withDeadline<T>(work: PromiseLike<T>, options: SalesforceSessionOptions, signal?: AbortSignal, refreshFailure?: () => unknown): Promise<T> {
  const stops: Array<() => void> = [];
  const stopped = new Promise<never>((_, reject) => {
    if (options.requestTimeoutMs > 0) {
      const timer = setTimeout(() => reject(new SalesforceFailure('timeout', `${options.instanceUrl} did not answer within ${options.requestTimeoutMs / 1000} s. Check the instance URL and the network, or raise "oktaSf.requestTimeoutSeconds".`)), options.requestTimeoutMs);
      stops.push(() => clearTimeout(timer));
    }
    if (signal) {
      const onAbort = () => reject(new SalesforceFailure('cancelled', 'Cancelled.'));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      stops.push(() => signal.removeEventListener('abort', onAbort));
    }
  });
  try {
    return await Promise.race([work, stopped]);
  } catch (error) {
    const refreshFailed = error instanceof Error && error.message.startsWith('Unable to refresh session');
    throw SalesforceFailure.from((refreshFailed && refreshFailure?.()) || error, options.instanceUrl);
  } finally {
    for (const stop of stops) stop();
  }
}
