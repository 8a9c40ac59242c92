/**
 * The Salesforce adapter: everything that touches jsforce. Bundled on its own
 * (dist/salesforce.js) and loaded on first use. Imports nothing from vscode.
 */
import { Connection } from 'jsforce/core';
import { readOrgSnapshot, type SnapshotRead } from './orgSnapshot';
import { SalesforceFailure } from './salesforceFailure';

export { SalesforceFailure } from './salesforceFailure';
// The audit and its reports travel in this bundle too: they are needed only once an org is read.
export { formatAuditCsv, formatAuditJson, formatAuditText } from '../../domain/auditReport';
export { auditOrg } from '../../domain/profileAudit';
export type { SnapshotRead } from './orgSnapshot';

export interface SalesforceSessionOptions {
  instanceUrl: string;
  accessToken: string;
  /** Set explicitly: jsforce's own default (50.0) is years old. */
  apiVersion: string;
  requestTimeoutMs: number;
  proxyUrl?: string;
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
  /** Reads what the profile audit needs from the whole org (orgSnapshot.ts). */
  readSnapshot(signal?: AbortSignal): Promise<SnapshotRead>;
  /** The org's daily API request allowance (`/limits` DailyApiRequests). */
  readApiLimit(signal?: AbortSignal): Promise<ApiLimit>;
  /** The profile of one user, e.g. the signed-in one (SalesforceIdentity.userId). */
  readUserProfileId(userId: string, signal?: AbortSignal): Promise<string>;
}

interface IdentityResponse {
  username: string;
  display_name: string;
  organization_id: string;
  user_id: string;
}

export function openSalesforceSession(options: SalesforceSessionOptions): SalesforceSession {
  const connection = new Connection({
    instanceUrl: options.instanceUrl,
    accessToken: options.accessToken,
    version: options.apiVersion,
    httpProxy: options.proxyUrl,
  });

  /** A GET with few, quick retries: jsforce's own (five, backing off to 8 s) suit batch jobs, not an admin waiting. */
  const get = <T>(url: string, signal?: AbortSignal) =>
    withDeadline(connection.request<T>({ method: 'GET', url }, { retry: { maxRetries: 2, minTimeout: 250 } }), options, signal);

  return {
    async verify(signal) {
      // Connection.identity() puts the token in the URL and cannot be given retry options.
      const { identity: identityUrl } = await get<{ identity: string }>(`/services/data/v${options.apiVersion}`, signal);
      const identity = await get<IdentityResponse>(`${identityUrl}?format=json`, signal);
      return { username: identity.username, displayName: identity.display_name, organizationId: identity.organization_id, userId: identity.user_id };
    },
    readSnapshot: (signal) => withDeadline(readOrgSnapshot(connection), options, signal),
    async readApiLimit(signal) {
      const limits = await get<{ DailyApiRequests: { Max: number; Remaining: number } }>(`/services/data/v${options.apiVersion}/limits`, signal);
      return { max: limits.DailyApiRequests.Max, remaining: limits.DailyApiRequests.Remaining };
    },
    async readUserProfileId(userId, signal) {
      // The id goes into SOQL, so only a Salesforce id's characters may.
      if (!/^[a-zA-Z0-9]{15,18}$/.test(userId)) throw new SalesforceFailure('notFound', `"${userId}" is not a Salesforce user id.`);
      const result = await withDeadline(connection.query<{ ProfileId: string }>(`SELECT ProfileId FROM User WHERE Id = '${userId}'`), options, signal);
      const [user] = result.records;
      if (!user) throw new SalesforceFailure('notFound', `The user ${userId} is not visible to this session.`);
      return user.ProfileId;
    },
  };
}

/** jsforce takes no per-call signal or timeout, so the caller stops waiting instead. */
async function withDeadline<T>(work: PromiseLike<T>, options: SalesforceSessionOptions, signal?: AbortSignal): Promise<T> {
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
    throw SalesforceFailure.from(error, options.instanceUrl);
  } finally {
    for (const stop of stops) stop();
  }
}
