/**
 * The Okta adapter: everything that touches @okta/okta-sdk-nodejs. Bundled on its own
 * (dist/okta.js) and loaded on first use, because the SDK is large and slow to load.
 * Imports nothing from vscode, so the command-line tool can use it too.
 *
 * Apps, assignments and schemas are read and written as raw JSON through the SDK's HTTP layer
 * (client.http): the SDK's model classes drop a Salesforce app's settings.app.
 */
import * as l10n from '@vscode/l10n';
import { type FailureEvent, type FailureWindow, provisioningErrorEventTypes } from '../../domain/provisioningFailures/failureEvent';
import { failureEventFromLog } from '../../domain/provisioningFailures/logEvents';
import type { NetworkSettings } from '../../http/requestPolicy';
import { nextLink } from './linkHeader';
import { createOktaClient } from './oktaClient';
import { type OktaAuthContext, OktaFailure, ProvisioningNotConfigurable } from './oktaFailure';
import { type OktaProfileMapping, type OktaUserRecord, profileMappingOf, userRecordOf } from './preflightShapes';

// This bundle's own copy of @vscode/l10n, configured by src/common/lazyBundle.ts when it loads.
export { config as configureL10n } from '@vscode/l10n';
export { OktaFailure, ProvisioningNotConfigurable } from './oktaFailure';
export { type OktaProfileMapping, type OktaUserRecord } from './preflightShapes';
export { type FailureEvent, type FailureWindow } from '../../domain/provisioningFailures/failureEvent';
export {
  type FeaturePoll, readSavedForm, type SavedForm, type SaveOptions, type SaveOutcome, saveSection, type WaitOptions, waitForFeatures,
} from './provisioningSave';
// The pre-flight and the dry run travel in this bundle too (with the expression evaluator): they always read Okta.
export { runDryRunOf, runPreflightOf } from './preflightRead';
export { formatPreflightJson, formatPreflightText, preflightExitCode } from '../../domain/preflight/preflight';
// So do the provisioning failures' grouping, explanations and report: they follow a System Log read.
export { explainFailure } from '../../domain/provisioningFailures/failureCauses';
export { FailureGrouper, worstGroup } from '../../domain/provisioningFailures/failureGroups';
export { formatFailureReport } from '../../domain/provisioningFailures/failureReport';
export { parseSince } from '../../domain/provisioningFailures/failureWindow';
export { formatDryRunText } from '../../domain/preflight/dryRunReport';

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
  /** Saving an app's provisioning connection and features (the Configure API Integration form's Save). */
  configureProvisioning: ['okta.apps.manage'],
  /** The provisioning pre-flight and dry run: the app's user schema and push mapping, users and their app profiles. */
  preflight: ['okta.schemas.read', 'okta.profileMappings.read', 'okta.users.read', 'okta.apps.read'],
  /** Provisioning failures: the System Log's error events of an app (readProvisioningFailures). */
  failures: ['okta.logs.read'],
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
  /** From `settings.app`: PRODUCTION, SANDBOX or GOVERNMENT (Salesforce). */
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

/** An app's default provisioning connection (the spec's ProvisioningConnectionResponse). */
export interface OktaProvisioningConnection {
  /** OAUTH2, TOKEN, or UNKNOWN when none is set up. */
  authScheme: string;
  /** ENABLED, DISABLED or UNKNOWN. */
  status: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The body of POST /connections/default: the spec's ProvisioningConnectionOauthRequest or …TokenRequest. */
export interface OktaConnectionRequest {
  profile: { authScheme: 'OAUTH2' | 'TOKEN'; clientId?: string; token?: string };
  baseUrl?: string;
}

export type OktaFeatureName = 'USER_PROVISIONING' | 'INBOUND_PROVISIONING';

/** One provisioning feature of an app (the spec's ApplicationFeature), its capabilities as Okta's raw JSON. */
export interface OktaAppFeature {
  name: string;
  /** ENABLED or DISABLED. */
  status: string;
  capabilities: Readonly<Record<string, unknown>>;
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
  /**
   * Provisioning through Okta's API (ApplicationConnections and ApplicationFeatures). For an app the spec
   * does not list, such as Salesforce today, each throws ProvisioningNotConfigurable. Reads need
   * okta.apps.read, writes okta.apps.manage (oktaScopes.configureProvisioning).
   */
  getDefaultConnection(appId: string, signal?: AbortSignal): Promise<OktaProvisioningConnection>;
  /** Sets the connection; `activate` also turns it on (the spec's `?activate=true`). */
  setDefaultConnection(appId: string, request: OktaConnectionRequest, activate: boolean, signal?: AbortSignal): Promise<OktaProvisioningConnection>;
  activateDefaultConnection(appId: string, signal?: AbortSignal): Promise<void>;
  deactivateDefaultConnection(appId: string, signal?: AbortSignal): Promise<void>;
  /** Fails with Okta's "Provisioning is not enabled for the app instance" (kind `invalid`) while the connection is off. */
  listFeatures(appId: string, signal?: AbortSignal): Promise<OktaAppFeature[]>;
  /** A partial update of the feature's capabilities, as the spec's PUT /features/{name} takes them. */
  updateFeature(appId: string, name: OktaFeatureName, capabilities: Record<string, unknown>, signal?: AbortSignal): Promise<OktaAppFeature>;
  /** The app's Okta-user-to-app mapping with its properties (two requests); undefined when the app has none. */
  readPushMapping(appId: string, signal?: AbortSignal): Promise<OktaProfileMapping | undefined>;
  /** Users whose first name, last name or email starts with `text` (Okta's q), at most 20, whole profiles. */
  searchUsers(text: string, signal?: AbortSignal): Promise<OktaUserRecord[]>;
  /** The user as the app holds them (app profile included); undefined when the user does not have the app. */
  readAppUser(appId: string, userId: string, signal?: AbortSignal): Promise<OktaAppUser | undefined>;
  /**
   * The app's provisioning error events in the window, oldest first: every page of the System Log
   * (GET /api/v1/logs, filtered on the server by event type and the app as target), each handed to
   * `onPage` as it arrives (possibly empty) and not kept. Needs okta.logs.read (oktaScopes.failures).
   */
  readProvisioningFailures(appId: string, window: FailureWindow, onPage: (events: FailureEvent[]) => void, signal?: AbortSignal): Promise<ProvisioningFailuresRead>;
}

/** What readProvisioningFailures did: requests made (one per page) and events handed over. */
export interface ProvisioningFailuresRead {
  requests: number;
  events: number;
}

/** The System Log's largest page (the spec's listLogEvents: limit "between 0 and 1000"). */
const logPageSize = 1000;

export function openOktaSession(options: OktaSessionOptions): OktaSession {
  const client = createOktaClient(options);
  const { orgUrl, credential } = options;

  /** The service app's last refusal by the token endpoint: the SDK keeps the error answer as its "token". */
  function authContext(): OktaAuthContext {
    if (credential.kind === 'apiToken') return { credential: 'apiToken' };
    const answer = client.http.oauth?.accessToken as { error?: unknown; error_description?: unknown } | null | undefined;
    return typeof answer?.error === 'string'
      ? { credential: 'serviceApp', tokenRefusal: { error: answer.error, description: typeof answer.error_description === 'string' ? answer.error_description : undefined } }
      : { credential: 'serviceApp' };
  }

  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw OktaFailure.from(error, orgUrl, authContext());
    }
  }

  const json = { Accept: 'application/json', 'Content-Type': 'application/json' };
  const getJson = <T>(path: string, signal?: AbortSignal) => call(async () => (await client.http.getJson(`${orgUrl}${path}`, { signal } as never)) as T);
  const send = <T>(method: 'post' | 'put', path: string, body: unknown, signal?: AbortSignal) =>
    call(async () => (await (await client.http.http(`${orgUrl}${path}`, { method, headers: json, body: JSON.stringify(body), signal } as never)).json()) as T);
  const remove = (path: string, signal?: AbortSignal) => call(async () => {
    await client.http.http(`${orgUrl}${path}`, { method: 'delete', headers: json, signal } as never);
  });
  /** A POST without a body whose answer (204) has none either. */
  const sendEmpty = (path: string, signal?: AbortSignal) => call(async () => {
    await client.http.http(`${orgUrl}${path}`, { method: 'post', headers: json, signal } as never);
  });

  /**
   * One page of a listing at `path` (with `query` on the first page), or the page a previous answer's
   * `next` link names: followed as it is, as Okta asks, but only under the same org and path.
   */
  async function getPage(path: string, query: Record<string, string | undefined>, after: string | undefined, signal?: AbortSignal) {
    const url = after ?? `${orgUrl}${path}?${new URLSearchParams(definedOnly(query))}`;
    if (after) checkCursor(after, `${orgUrl}${path}`);
    return call(async () => {
      const response = await client.http.http(url, { method: 'get', headers: json, signal } as never);
      const items = (await response.json()) as unknown;
      if (!Array.isArray(items)) throw new OktaFailure('server', l10n.t('Okta answered a listing of {0} with something other than a list.', path));
      return { items: items as Array<Record<string, unknown>>, next: nextLink(response.headers.get('link')) };
    });
  }

  return {
    async verify(signal) {
      await getJson<unknown[]>('/api/v1/apps?limit=1', signal);
      // A service app has no admin behind its token; its client id names it.
      if (credential.kind === 'serviceApp') return { login: credential.clientId };
      try {
        const me = await getJson<{ profile?: { login?: string } }>('/api/v1/users/me', signal);
        return { login: me.profile?.login };
      } catch (error) {
        // A token may read apps without being allowed to read users; the login is only a label.
        if (error instanceof OktaFailure && error.kind === 'forbidden') return {};
        throw error;
      }
    },
    async listApps({ salesforceOnly, q, after, limit = 200 } = {}, signal) {
      const query = { filter: salesforceOnly ? 'name eq "salesforce"' : undefined, q, limit: String(Math.min(Math.max(1, limit), 200)) };
      const page = await getPage('/api/v1/apps', query, after, signal);
      return { items: page.items.map(appOf), next: page.next };
    },
    async getApp(appId, signal) {
      return appOf(await getJson<Record<string, unknown>>(`/api/v1/apps/${encodeURIComponent(appId)}`, signal));
    },
    async listAppUsers(appId, after, signal) {
      const page = await getPage(`/api/v1/apps/${encodeURIComponent(appId)}/users`, { limit: '500' }, after, signal);
      return assignmentPage(page, appUserOf);
    },
    async listAppGroups(appId, after, signal) {
      const page = await getPage(`/api/v1/apps/${encodeURIComponent(appId)}/groups`, { limit: '200', expand: 'group' }, after, signal);
      return assignmentPage(page, appGroupOf);
    },
    async searchUsersAndGroups(text, signal) {
      const q = text.trim();
      if (!q) return [];
      const query = `q=${encodeURIComponent(q)}&limit=20`;
      const [users, groups] = await Promise.all([
        getJson<Array<Record<string, unknown>>>(`/api/v1/users?${query}`, signal),
        getJson<Array<Record<string, unknown>>>(`/api/v1/groups?${query}`, signal),
      ]);
      return [...users.map(userPrincipalOf), ...groups.map(groupPrincipalOf)];
    },
    async assignUser(appId, userId, profile, signal) {
      const body = { id: userId, scope: 'USER', ...(profile ? { profile } : {}) };
      return appUserOf(await send<Record<string, unknown>>('post', `/api/v1/apps/${encodeURIComponent(appId)}/users`, body, signal));
    },
    async assignGroup(appId, groupId, profile, signal) {
      const body = profile ? { profile } : {};
      return appGroupOf(await send<Record<string, unknown>>('put', `/api/v1/apps/${encodeURIComponent(appId)}/groups/${encodeURIComponent(groupId)}`, body, signal));
    },
    unassignUser: (appId, userId, signal) => remove(`/api/v1/apps/${encodeURIComponent(appId)}/users/${encodeURIComponent(userId)}`, signal),
    unassignGroup: (appId, groupId, signal) => remove(`/api/v1/apps/${encodeURIComponent(appId)}/groups/${encodeURIComponent(groupId)}`, signal),
    async readAppUserSchema(appId, signal) {
      return appUserSchemaOf(await getJson<Record<string, unknown>>(`/api/v1/meta/schemas/apps/${encodeURIComponent(appId)}/default`, signal));
    },
    async getDefaultConnection(appId, signal) {
      return connectionOf(await refusedAsUnsupported(() => getJson<Record<string, unknown>>(connectionPath(appId), signal), 'read'));
    },
    async setDefaultConnection(appId, request, activate, signal) {
      const path = `${connectionPath(appId)}?activate=${String(activate)}`;
      return connectionOf(await refusedAsUnsupported(() => send<Record<string, unknown>>('post', path, request, signal)));
    },
    activateDefaultConnection: (appId, signal) => refusedAsUnsupported(() => sendEmpty(`${connectionPath(appId)}/lifecycle/activate`, signal)),
    deactivateDefaultConnection: (appId, signal) => refusedAsUnsupported(() => sendEmpty(`${connectionPath(appId)}/lifecycle/deactivate`, signal)),
    async listFeatures(appId, signal) {
      const features = await refusedAsUnsupported(() => getJson<unknown>(`/api/v1/apps/${encodeURIComponent(appId)}/features`, signal));
      if (!Array.isArray(features)) throw new OktaFailure('server', l10n.t("Okta answered the list of an app's features with something other than a list."));
      return features.map((raw) => featureOf(record(raw)));
    },
    async updateFeature(appId, name, capabilities, signal) {
      const path = `/api/v1/apps/${encodeURIComponent(appId)}/features/${encodeURIComponent(name)}`;
      return featureOf(await refusedAsUnsupported(() => send<Record<string, unknown>>('put', path, capabilities, signal)));
    },
    async readPushMapping(appId, signal) {
      // Only the first page: mappings with one app as target are the push from Okta's user type(s), a
      // couple at most, so a next link is not followed. The listing leaves out properties (spec).
      const { items } = await getPage('/api/v1/mappings', { targetId: appId, limit: '200' }, undefined, signal);
      const push = items.find((item) => record(item.source).type === 'user');
      if (!push) return undefined;
      return profileMappingOf(await getJson<Record<string, unknown>>(`/api/v1/mappings/${encodeURIComponent(text(push.id))}`, signal));
    },
    async searchUsers(query, signal) {
      const q = query.trim();
      if (!q) return [];
      const users = await getJson<unknown>(`/api/v1/users?q=${encodeURIComponent(q)}&limit=20`, signal);
      if (!Array.isArray(users)) throw new OktaFailure('server', l10n.t('Okta answered a user search with something other than a list.'));
      return users.map((raw) => userRecordOf(record(raw)));
    },
    async readProvisioningFailures(appId, window, onPage, signal) {
      const query = { since: window.since, until: window.until, filter: failureFilter(appId), limit: String(logPageSize), sortOrder: 'ASCENDING' };
      const read: ProvisioningFailuresRead = { requests: 0, events: 0 };
      let next: string | undefined;
      do {
        const page = await getPage('/api/v1/logs', query, next, signal);
        read.requests++;
        const events = page.items.map(failureEventFromLog).filter((event): event is FailureEvent => event !== undefined);
        read.events += events.length;
        onPage(events);
        // With `until` Okta ends the next links when the window is done; an empty page ends it too, so
        // that a log answering like a polling request (always a next link) cannot keep us here.
        next = page.items.length ? page.next : undefined;
      } while (next);
      return read;
    },
    async readAppUser(appId, userId, signal) {
      try {
        return appUserOf(await getJson<Record<string, unknown>>(`/api/v1/apps/${encodeURIComponent(appId)}/users/${encodeURIComponent(userId)}`, signal));
      } catch (error) {
        // E0000007: Okta's "Not found" for a user who does not have the app.
        if (error instanceof OktaFailure && error.kind === 'notFound' && error.errorCode === 'E0000007') return undefined;
        throw error;
      }
    },
  };
}

const connectionPath = (appId: string) => `/api/v1/apps/${encodeURIComponent(appId)}/connections/default`;

/**
 * Okta's spec lists the apps whose provisioning its API configures (ApplicationConnections and
 * ApplicationFeatures tags: Google Workspace, Office 365, Org2Org, Slack, Zoom, Zscaler 2.0; not
 * Salesforce), and refuses the others with 400 E0000001 (API validation failed). Told apart from other
 * 400s this way:
 * - reading the connection (`read`): the GET has no body to be invalid and the spec gives it no 400 of
 *   its own, so any E0000001 there is that refusal. saveSection reads the connection first for this reason.
 * - a write: E0000001 also answers a body Okta rejects and, on features, a connection that is off ("Provisioning
 *   is not enabled for the app instance", the spec's ErrorAppFeatureAPIValidationFailed), so only a refusal
 *   whose words say the app does not support provisioning counts. Okta does not document those words:
 *   matched loosely, as the sandbox words its guess (test/sandbox/okta/routes/provisioning.ts).
 */
async function refusedAsUnsupported<T>(work: () => Promise<T>, call: 'read' | 'write' = 'write'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OktaFailure && isUnsupportedRefusal(error, call)) throw new ProvisioningNotConfigurable(error);
    throw error;
  }
}

function isUnsupportedRefusal(failure: OktaFailure, call: 'read' | 'write'): boolean {
  if (failure.kind !== 'invalid' || failure.errorCode !== 'E0000001') return false;
  return call === 'read' || /not support\w*\b.*provision/i.test(failure.message);
}

/** The System Log filter for an app's provisioning errors: `(eventType eq "…" or …) and target.id eq "…"`. */
function failureFilter(appId: string): string {
  const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
  const types = provisioningErrorEventTypes.map((type) => `eventType eq ${quoted(type)}`).join(' or ');
  return `(${types}) and target.id eq ${quoted(appId)}`;
}

function definedOnly(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A cursor must be a next link of the same listing: never send the credential elsewhere. */
function checkCursor(after: string, listing: string): void {
  const url = URL.canParse(after) ? new URL(after) : undefined;
  if (!url || `${url.origin}${url.pathname}` !== new URL(listing).href) {
    throw new OktaFailure('invalid', l10n.t('That page cursor does not belong to {0} on this org: list again from the first page.', new URL(listing).pathname));
  }
}

function assignmentPage<T>(page: { items: Array<Record<string, unknown>>; next?: string }, map: (raw: Record<string, unknown>) => T): OktaAssignmentPage<T> {
  const items = page.items.map(map);
  return page.next ? { items, next: page.next } : { items, count: items.length };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {});

/** An app from Okta's raw JSON; settings.app is read here, where the SDK's models would drop it. */
export function appOf(raw: Record<string, unknown>): OktaApp {
  const app = record(record(raw.settings).app);
  return {
    id: text(raw.id), name: text(raw.name), label: text(raw.label), status: text(raw.status), signOnMode: text(raw.signOnMode),
    instanceType: optionalText(app.instanceType), loginUrl: optionalText(app.loginUrl), integrationType: optionalText(app.integrationType),
    features: Array.isArray(raw.features) ? raw.features.filter((f): f is string => typeof f === 'string') : [],
    raw,
  };
}

function connectionOf(raw: Record<string, unknown>): OktaProvisioningConnection {
  return { authScheme: text(record(raw.profile).authScheme) || 'UNKNOWN', status: text(raw.status) || 'UNKNOWN', raw };
}

function featureOf(raw: Record<string, unknown>): OktaAppFeature {
  return { name: text(raw.name), status: text(raw.status), capabilities: record(raw.capabilities), raw };
}

function appUserOf(raw: Record<string, unknown>): OktaAppUser {
  return {
    id: text(raw.id), userName: optionalText(record(raw.credentials).userName), scope: text(raw.scope),
    status: optionalText(raw.status), profile: record(raw.profile), raw,
  };
}

function appGroupOf(raw: Record<string, unknown>): OktaAppGroup {
  return {
    id: text(raw.id), priority: typeof raw.priority === 'number' ? raw.priority : undefined,
    name: optionalText(record(record(record(raw._embedded).group).profile).name), profile: record(raw.profile), raw,
  };
}

function userPrincipalOf(raw: Record<string, unknown>): OktaPrincipal {
  const profile = record(raw.profile);
  const displayName = [text(profile.firstName), text(profile.lastName)].filter(Boolean).join(' ');
  return { kind: 'user', id: text(raw.id), login: text(profile.login), displayName: displayName || text(profile.login), status: text(raw.status) };
}

function groupPrincipalOf(raw: Record<string, unknown>): OktaPrincipal {
  const profile = record(raw.profile);
  return { kind: 'group', id: text(raw.id), name: text(profile.name), description: optionalText(profile.description) };
}

/** Base and custom attributes of an app user schema; custom ones win, as the Profile Editor shows them. */
function appUserSchemaOf(raw: Record<string, unknown>): OktaAppUserSchema {
  const definitions = record(raw.definitions);
  const properties = (part: string) => record(record(definitions[part]).properties);
  const attributes = Object.fromEntries(
    Object.entries({ ...properties('base'), ...properties('custom') }).map(([name, value]) => [name, record(value)]),
  );
  return { attributes, raw };
}
