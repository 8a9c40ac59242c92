/**
 * The Okta adapter: everything that touches @okta/okta-sdk-nodejs. Bundled on its own
 * (dist/okta.js) and loaded on first use, because the SDK is large and slow to load.
 * Imports nothing from vscode, so the command-line tool can use it too.
 *
 * Apps, assignments and schemas are read and written as raw JSON through the SDK's HTTP layer
 * (client.http): the SDK's model classes drop a Salesforce app's settings.app.
 */
import type { NetworkSettings } from '../../http/requestPolicy';
import { createOktaClient } from './oktaClient';
import { OktaFailure } from './oktaFailure';

export { OktaFailure } from './oktaFailure';

/** How the extension signs in to an Okta org: an admin's API token (SSWS) or an OAuth 2.0 service app. */
export type OktaCredential =
  | { kind: 'apiToken'; token: string }
  | {
    kind: 'serviceApp';
    clientId: string;
    /** The app's private key: PEM text or a JWK as JSON text. */
    privateKey: string;
    /** The key's kid; without it Okta tries each of the app's keys. */
    keyId?: string;
    /** The Okta API scopes to ask for (see oktaScopes); each must be granted to the app. */
    scopes: readonly string[];
  };

/**
 * The Okta API scopes each feature uses. A service app asks only for those of the features it is
 * used for; a `.manage` scope also allows what its `.read` scope does.
 */
export const oktaScopes = {
  /** Listing apps, their assignments and provisioning features: the Okta Apps view and `okta-sf apps`. */
  readApps: ['okta.apps.read'],
  /** Assigning and unassigning users and groups, searched in the directory. */
  assign: ['okta.apps.manage', 'okta.users.read', 'okta.groups.read'],
  /** The app's user schema (the Salesforce profile attribute). */
  readSchemas: ['okta.schemas.read'],
  /** Profile mappings (the Configure API Integration form). */
  readProfileMappings: ['okta.profileMappings.read'],
} as const satisfies Record<string, readonly string[]>;

/** Every scope the extension's features use, for a service app used by all of them. */
export const allOktaScopes: readonly string[] = [...new Set(Object.values(oktaScopes).flat())];

export interface OktaSessionOptions {
  orgUrl: string;
  credential: OktaCredential;
  /** Timeouts, retries, redirects and proxies: the request policy's. */
  network: NetworkSettings;
}

export interface OktaIdentity {
  /** The admin the API token acts for (when the token may read it), or the service app's client id. */
  login?: string;
}

/** One page of a listing that Okta pages with a `Link: rel="next"` cursor. */
export interface OktaPage<T> {
  items: T[];
  /** The cursor of the next page (pass it as `after`); absent on the last page. */
  next?: string;
}

/** An app as the Okta Apps view shows it; `raw` is Okta's JSON, every property kept. */
export interface OktaApp {
  id: string;
  /** The integration's name, `salesforce` for every Salesforce.com instance. */
  name: string;
  label: string;
  /** ACTIVE or INACTIVE. */
  status: string;
  signOnMode: string;
  /** From `settings.app`: PRODUCTION or SANDBOX (Salesforce). */
  instanceType?: string;
  /** From `settings.app`: the Salesforce login URL. */
  loginUrl?: string;
  /** From `settings.app`: STANDARD, or another integration type. */
  integrationType?: string;
  /** Provisioning features that are on: PUSH_NEW_USERS, PUSH_PROFILE_UPDATES, … */
  features: string[];
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ListAppsOptions {
  /** Only Salesforce.com instances: Okta filters on the server (`filter=name eq "salesforce"`). */
  salesforceOnly?: boolean;
  /** Okta's search on name and label (starts with), on the server. */
  q?: string;
  /** The `next` cursor of the previous page. */
  after?: string;
  /** Apps per page, at most 200 (Okta's maximum). */
  limit?: number;
}

/** A user assigned to an app, directly or through a group. */
export interface OktaAppUser {
  id: string;
  /** The user's name in the app (credentials.userName). */
  userName?: string;
  /** USER (assigned directly) or GROUP (through a group). */
  scope: string;
  status?: string;
  /** The app user's profile, e.g. the Salesforce profile. */
  profile: Record<string, unknown>;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A group assigned to an app. */
export interface OktaAppGroup {
  id: string;
  priority?: number;
  /** The group's name when Okta embedded it (expand=group). */
  name?: string;
  profile: Record<string, unknown>;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Assignments of one app. Okta's API has no count of an app's assignments: `count` is the number of
 * items when the listing is complete (no next page) and absent otherwise.
 */
export interface OktaAssignmentPage<T> extends OktaPage<T> {
  count?: number;
}

/** A user or group found by searchUsersAndGroups. */
export type OktaPrincipal =
  | { kind: 'user'; id: string; login: string; displayName: string; status: string }
  | { kind: 'group'; id: string; name: string; description?: string };

/** An app's user schema: the attributes of its app users (raw JSON Schema properties, kept whole). */
export interface OktaAppUserSchema {
  /** Attributes by name, base and custom merged; each is Okta's raw JSON Schema property. */
  attributes: Record<string, Readonly<Record<string, unknown>>>;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface OktaSession {
  /** Proves the credential works and may read apps, which every feature needs. */
  verify(signal?: AbortSignal): Promise<OktaIdentity>;
  listApps(options?: ListAppsOptions, signal?: AbortSignal): Promise<OktaPage<OktaApp>>;
  getApp(appId: string, signal?: AbortSignal): Promise<OktaApp>;
  listAppUsers(appId: string, after?: string, signal?: AbortSignal): Promise<OktaAssignmentPage<OktaAppUser>>;
  listAppGroups(appId: string, after?: string, signal?: AbortSignal): Promise<OktaAssignmentPage<OktaAppGroup>>;
  /** Users and groups whose name starts with `text`, searched on the server. */
  searchUsersAndGroups(text: string, signal?: AbortSignal): Promise<OktaPrincipal[]>;
  assignUser(appId: string, userId: string, profile?: Record<string, unknown>, signal?: AbortSignal): Promise<OktaAppUser>;
  assignGroup(appId: string, groupId: string, profile?: Record<string, unknown>, signal?: AbortSignal): Promise<OktaAppGroup>;
  unassignUser(appId: string, userId: string, signal?: AbortSignal): Promise<void>;
  unassignGroup(appId: string, groupId: string, signal?: AbortSignal): Promise<void>;
  readAppUserSchema(appId: string, signal?: AbortSignal): Promise<OktaAppUserSchema>;
}

export function openOktaSession(options: OktaSessionOptions): OktaSession {
  const client = createOktaClient(options);

  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    try {
      return (await client.http.getJson(`${options.orgUrl}${path}`, { signal } as never)) as T;
    } catch (error) {
      throw OktaFailure.from(error, options.orgUrl);
    }
  }

  const notYet = (): never => {
    throw new OktaFailure('invalid', 'This Okta operation is not available yet.');
  };

  return {
    async verify(signal) {
      await getJson<unknown[]>('/api/v1/apps?limit=1', signal);
      try {
        const me = await getJson<{ profile?: { login?: string } }>('/api/v1/users/me', signal);
        return { login: me.profile?.login };
      } catch (error) {
        // A token may read apps without being allowed to read users; the login is only a label.
        if (error instanceof OktaFailure && error.kind === 'forbidden') return {};
        throw error;
      }
    },
    listApps: notYet,
    getApp: notYet,
    listAppUsers: notYet,
    listAppGroups: notYet,
    searchUsersAndGroups: notYet,
    assignUser: notYet,
    assignGroup: notYet,
    unassignUser: notYet,
    unassignGroup: notYet,
    readAppUserSchema: notYet,
  };
}
