// Salesforce's REST API as this project uses it: versions, a version's resources, the identity
// URL, SOQL queries in pages of at most 2,000 rows (REST and Tooling) whose locators expire when unused,
// describe, record read, User and Profile writes and limits, each under the signed-in user's access
// rules (accessRules.ts, profileWrites.ts). Errors are Salesforce's [{message, errorCode, fields?}].
import { randomBytes } from 'node:crypto';
import { type Route, type SandboxRequest, type SandboxResponse } from '../httpServer';
import { accessOf, createUserRefusal, limitsRefusal, type Refusal } from './accessRules';
import { type OrgData, type SfRecord } from './model';
import { organizationId, sfId } from './seed';
import { executeSoql, queriedObject, SoqlError } from './soql';
import { createProfile, updateProfile } from './profileWrites';
import { createUser } from './userCreate';

export const apiVersions = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0'];

/**
 * A version's release name, as the versions list labels it: three releases a year, Winter (of the
 * next year), Spring, Summer, one version each; 20.0 was Winter '11, 65.0 is Winter '26 (the REST API
 * Developer Guide's version list and its "List Available REST API Versions" example).
 */
export function releaseName(version: string): string {
  const step = Math.round(Number(version)) - 20;
  return `${['Winter', 'Spring', 'Summer'][step % 3]} '${11 + Math.floor(step / 3)}`;
}

/**
 * Page sizes served in turn, the first page first. Salesforce returns "up to 2,000 records" a batch, but "the
 * returned batch can include fewer records than the limit ..., based on the size and complexity of records
 * queried" (REST API Developer Guide, Query). Its rule is not published, so the sandbox cycles through this
 * fixed list: deterministic, at most 2,000, and below it on some pages, so that no client can count on 2,000.
 */
export const defaultQueryBatchSizes: readonly number[] = [2000, 1000, 1700];

/**
 * Rows of the page before that each further page of a PermissionDependency query serves again. Public client code
 * that probed a real org saw "the queryMore cursor RE-SERVES" (10,000 records holding 2,000 distinct rows); the
 * sandbox serves a milder overlap of the same kind, so totalSize stays the number of distinct rows. A guess at the shape.
 */
const reservedDependencyRows = 150;

export interface RestContext {
  data: OrgData;
  baseUrl(): string;
  identityUrl(user: SfRecord): string;
  limits(): { max: number; remaining: number };
  /** How long a query locator lives without being used. */
  locatorLifetimeMs: number;
  /** Page sizes served in turn (defaultQueryBatchSizes unless a test needs others). */
  queryBatchSizes?: readonly number[];
  /** The signed-in user of a request; the server's before() hook has checked the session. */
  userOf(req: SandboxRequest): SfRecord;
  /** Usernames other Salesforce orgs hold (lower case): a create with one is refused as DUPLICATE_USERNAME. */
  usernamesInOtherOrgs: ReadonlySet<string>;
  /** Where the new-user emails the org would send are recorded, in order. */
  userEmails: UserEmail[];
}

/** The new-user email Salesforce sends when a create asks for it (see userEmailWanted). */
export interface UserEmail {
  userId: string;
  username: string;
  email: string;
  /** The new-user e-mail (asked for on create), or the password reset's. */
  reason?: 'newUser' | 'passwordReset';
}

/**
 * Whether a User create asks Salesforce to email the new user. The SOAP API's EmailHeader has
 * triggerUserEmail ("send a new User email notification"), false unless set; the REST API Developer
 * Guide lists no email header. Public client code sends it over REST as
 * `Sforce-Email-Header: triggerAutoResponseEmail=true, triggerUserEmail=true` (a Go Salesforce
 * client's CaseHeaders): the header name, its comma-separated name=value form, and that REST honours
 * it for User are guesses.
 */
export function userEmailWanted(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  return value.split(',').some((part) => /^\s*triggerUserEmail\s*=\s*true\s*$/i.test(part));
}

interface Cursor {
  rows: Array<Record<string, unknown>>;
  usedAt: number;
  /** PermissionDependency: each further page repeats rows of the page before (reservedDependencyRows). */
  reservesRows: boolean;
}

export const sfError = (status: number, errorCode: string, message: string, fields?: string[]): SandboxResponse =>
  ({ status, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] });

const notFound = () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
const refuse = (refusal: Refusal) => sfError(refusal.status, refusal.errorCode, refusal.message);

/** A write's body: a JSON object, or the error Salesforce answers for anything else. */
function jsonObject(text: string): { fields: Record<string, unknown> } | SandboxResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character: was expecting a JSON object at [line:1, column:1]');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return sfError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object');
  return { fields: body as Record<string, unknown> };
}

export function restRoutes(ctx: RestContext): Route[] {
  /** Query cursors: a query's rows by locator id, when each was last used, and whether its pages repeat rows. */
  const cursors = new Map<string, Cursor>();
  const batchSizes = ctx.queryBatchSizes ?? defaultQueryBatchSizes;

  /** The size of the page that starts at `offset`: the same page always has the same size, so a repeated request gets the same rows. */
  function batchSizeAt(offset: number, total: number): number {
    // Past the last row there is nothing to size (and a forged offset must not loop for long).
    for (let i = 0, start = 0; start <= Math.min(offset, total); i++) {
      const size = batchSizes[i % batchSizes.length];
      if (start === offset) return size;
      start += size;
    }
    return batchSizes[0];
  }
  let createdRecords = 0;
  const newId = (prefix: string) => sfId(prefix, 90_000 + ++createdRecords);
  const access = (req: SandboxRequest) => accessOf(ctx.data, ctx.userOf(req));
  /** A new user, as every user, holds an assignment to their profile's own permission set (see seed.ts). */
  const assignOwnProfileSet = (user: SfRecord) => {
    const ownSet = ctx.data.records('PermissionSet').find((set) => set.IsOwnedByProfile === true && set.ProfileId === user.ProfileId);
    if (ownSet) {
      ctx.data.insert('PermissionSetAssignment', {
        Id: newId('0Pa'), AssigneeId: user.Id, PermissionSetId: ownSet.Id, PermissionSetGroupId: null, IsActive: true,
      });
    }
  };

  const versionOf = (req: SandboxRequest) => {
    // `latest` stands for the newest version ("Version alias" in the REST API Developer Guide's Versions resource).
    if (req.params.version === 'latest') return apiVersions[apiVersions.length - 1];
    const version = req.params.version.replace(/^v/, '');
    return apiVersions.includes(version) ? version : undefined;
  };

  /** Drops the cursors unused for longer than a locator lives, so no query's rows are held for long. */
  function dropExpiredCursors(now: number): void {
    for (const [id, { usedAt }] of cursors) if (now - usedAt > ctx.locatorLifetimeMs) cursors.delete(id);
  }

  function page(version: string, tooling: boolean, cursor: Omit<Cursor, 'usedAt'>, offset: number, locator?: string): SandboxResponse {
    const { rows } = cursor;
    const end = offset + batchSizeAt(offset, rows.length);
    const done = end >= rows.length;
    let next: string | undefined;
    if (!done) {
      if (!locator) dropExpiredCursors(Date.now());
      const id = locator ?? `01gSb${randomBytes(8).toString('hex').slice(0, 13).toUpperCase()}`;
      // Each page served restarts its locator's lifetime.
      cursors.set(id, { ...cursor, usedAt: Date.now() });
      next = `/services/data/v${version}${tooling ? '/tooling' : ''}/query/${id}-${end}`;
    } else if (locator) {
      cursors.delete(locator);
    }
    const start = cursor.reservesRows && offset > 0 ? Math.max(0, offset - reservedDependencyRows) : offset;
    return {
      status: 200,
      body: { totalSize: rows.length, done, ...(next ? { nextRecordsUrl: next } : {}), records: rows.slice(start, end) },
    };
  }

  function query(tooling: boolean) {
    return (req: SandboxRequest): SandboxResponse => {
      const version = versionOf(req);
      if (!version) return notFound();
      const soql = req.url.searchParams.get('q');
      if (!soql) return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      try {
        const result = executeSoql(ctx.data, soql, { apiVersion: version, tooling, canRead: access(req).canRead });
        if (result.records.length === 0 && result.totalSize > 0) {
          return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } }; // SELECT COUNT()
        }
        return page(version, tooling, { rows: result.records, reservesRows: queriedObject(ctx.data, soql) === 'PermissionDependency' }, 0);
      } catch (error) {
        if (error instanceof SoqlError) return sfError(400, error.errorCode, error.message);
        throw error;
      }
    };
  }

  function morePages(tooling: boolean) {
    return (req: SandboxRequest): SandboxResponse => {
      const version = versionOf(req);
      const match = /^(01g\w+)-(\d+)$/.exec(req.params.locator);
      dropExpiredCursors(Date.now());
      const cursor = match ? cursors.get(match[1]) : undefined;
      if (!version || !match || !cursor) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return page(version, tooling, cursor, Number(match[2]), match[1]);
    };
  }

  return [
    {
      method: 'GET', path: '/services/data',
      handler: () => ({ status: 200, body: apiVersions.map((version) => ({ label: releaseName(version), url: `/services/data/v${version}`, version })) }),
    },
    {
      method: 'GET', path: '/services/data/:version',
      handler: (req) => {
        const version = versionOf(req);
        if (!version) return notFound();
        const base = `/services/data/v${version}`;
        return {
          status: 200,
          body: {
            identity: ctx.identityUrl(ctx.userOf(req)), limits: `${base}/limits`, query: `${base}/query`,
            sobjects: `${base}/sobjects`, tooling: `${base}/tooling`,
          },
        };
      },
    },
    {
      method: 'GET', path: '/id/:org/:user',
      handler: (req) => {
        const caller = ctx.userOf(req);
        // An internal user's token with the api scope reads any identity URL of the same org (the
        // identity service documents reading other users' identities: asserted_user is false then);
        // an id of another org or of no user gets a plain-text 403 (the Bad_Id wording is a guess).
        const found = req.params.org === organizationId ? ctx.data.byId(req.params.user) : undefined;
        if (found?.type !== 'User') return { status: 403, body: 'Bad_Id' };
        return { status: 200, body: identity(ctx, found.record, found.record.Id === caller.Id) };
      },
    },
    { method: 'GET', path: '/services/data/:version/query', handler: query(false) },
    { method: 'GET', path: '/services/data/:version/query/:locator', handler: morePages(false) },
    { method: 'GET', path: '/services/data/:version/tooling/query', handler: query(true) },
    { method: 'GET', path: '/services/data/:version/tooling/query/:locator', handler: morePages(true) },
    {
      method: 'GET', path: '/services/data/:version/sobjects/:object/describe',
      handler: (req) => {
        const object = ctx.data.object(req.params.object);
        if (!versionOf(req) || !object || object.tooling) return notFound();
        return { status: 200, body: describe(object, `/services/data/v${versionOf(req)}`) };
      },
    },
    {
      method: 'GET', path: '/services/data/:version/sobjects/:object/:id',
      handler: (req) => {
        const found = ctx.data.byId(req.params.id);
        const object = ctx.data.object(req.params.object);
        if (!versionOf(req) || !object || !found || found.type !== object.name) return notFound();
        return {
          status: 200,
          body: { attributes: { type: object.name, url: `/services/data/v${versionOf(req)}/sobjects/${object.name}/${found.record.Id}` }, ...found.record },
        };
      },
    },
    {
      method: 'POST', path: '/services/data/:version/sobjects/:object',
      handler: (req) => {
        if (!versionOf(req)) return notFound();
        const object = ctx.data.object(req.params.object)?.name;
        if (object !== 'User' && object !== 'Profile') {
          // Only User and Profile creation are modelled; other objects are outside what the sandbox stands in for.
          return sfError(400, 'INVALID_TYPE', `The sandbox does not create ${req.params.object} records`);
        }
        if (object === 'User' && !access(req).canCreateUsers) return refuse(createUserRefusal);
        const body = jsonObject(req.body);
        if (!('fields' in body)) return body;
        const result = object === 'User'
          ? createUser({ data: ctx.data, newId: () => newId('005'), usernamesInOtherOrgs: ctx.usernamesInOtherOrgs }, body.fields)
          : createProfile({ data: ctx.data, user: ctx.userOf(req), newId }, body.fields);
        if ('errors' in result) return { status: 400, body: result.errors };
        if (object === 'User') {
          assignOwnProfileSet(result.record);
          if (userEmailWanted(req.headers['sforce-email-header'])) {
            ctx.userEmails.push({ userId: result.record.Id, username: String(result.record.Username), email: String(result.record.Email) });
          }
        }
        return { status: 201, body: { id: result.record.Id, success: true, errors: [] } };
      },
    },
    {
      // "Reset User Password" (REST API Developer Guide, API 24.0+): e-mails the user a link and answers a
      // temporary password. That the caller needs the right to manage internal users (as for create) rather
      // than Reset User Passwords alone is a guess.
      method: 'DELETE', path: '/services/data/:version/sobjects/User/:id/password',
      handler: (req) => {
        if (!versionOf(req)) return notFound();
        if (!access(req).canCreateUsers) return refuse(createUserRefusal);
        const user = ctx.data.byId(req.params.id);
        if (user?.type !== 'User') return notFound();
        ctx.userEmails.push({ userId: user.record.Id, username: String(user.record.Username), email: String(user.record.Email), reason: 'passwordReset' });
        return { status: 200, body: { NewPassword: newId('pw') } };
      },
    },
    {
      method: 'PATCH', path: '/services/data/:version/sobjects/:object/:id',
      handler: (req) => {
        if (!versionOf(req)) return notFound();
        if (ctx.data.object(req.params.object)?.name !== 'Profile') {
          // Only Profile updates are modelled; other objects are outside what the sandbox stands in for.
          return sfError(400, 'INVALID_TYPE', `The sandbox does not update ${req.params.object} records`);
        }
        const body = jsonObject(req.body);
        if (!('fields' in body)) return body;
        const result = updateProfile({ data: ctx.data, user: ctx.userOf(req), newId }, req.params.id, body.fields);
        if ('notFound' in result) return notFound();
        if ('errors' in result) return { status: 400, body: result.errors };
        return { status: 204 };
      },
    },
    {
      method: 'GET', path: '/services/data/:version/limits',
      handler: (req) => {
        if (!versionOf(req)) return notFound();
        if (!access(req).canReadLimits) return refuse(limitsRefusal);
        const { max, remaining } = ctx.limits();
        return {
          status: 200,
          body: {
            DailyApiRequests: { Max: max, Remaining: remaining },
            DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
            DataStorageMB: { Max: 1024, Remaining: 1010 },
            FileStorageMB: { Max: 1024, Remaining: 1024 },
          },
        };
      },
    },
  ];
}

/** The identity service's answer; `asserted` says whether the token was issued to this user. */
export function identity(ctx: Pick<RestContext, 'baseUrl' | 'identityUrl'>, user: SfRecord, asserted = true): Record<string, unknown> {
  const rest = `${ctx.baseUrl()}/services/data/v{version}/`;
  return {
    id: ctx.identityUrl(user), asserted_user: asserted, user_id: user.Id, organization_id: organizationId,
    username: user.Username, nick_name: user.CommunityNickname, display_name: user.Name, email: user.Email,
    first_name: user.FirstName, last_name: user.LastName, timezone: user.TimeZoneSidKey, active: user.IsActive,
    user_type: 'STANDARD', language: user.LanguageLocaleKey, locale: user.LocaleSidKey, utcOffset: -28800000,
    urls: { rest, query: `${rest}query/`, sobjects: `${rest}sobjects/`, profile: `${ctx.baseUrl()}/${user.Id}` },
    is_app_installed: true, last_modified_date: '2026-01-01T00:00:00.000+0000',
  };
}

/** The objects whose records the API may create and update (describe's object-level flags), as in a real org. */
const writable = new Set(['User', 'Profile', 'PermissionSet']);

function describe(object: NonNullable<ReturnType<OrgData['object']>>, base: string): Record<string, unknown> {
  return {
    name: object.name, label: object.label, keyPrefix: object.keyPrefix, createable: writable.has(object.name), updateable: writable.has(object.name), queryable: true,
    urls: { sobject: `${base}/sobjects/${object.name}`, describe: `${base}/sobjects/${object.name}/describe` },
    fields: object.fields.map((f) => ({
      name: f.name, label: f.label, type: f.type, length: f.length ?? 0, nillable: f.nillable, createable: f.createable,
      updateable: f.updateable, defaultedOnCreate: f.defaultedOnCreate, unique: f.unique ?? false, idLookup: f.idLookup ?? f.name === 'Id',
      referenceTo: f.referenceTo ?? [], relationshipName: f.relationshipName ?? null, restrictedPicklist: f.restrictedPicklist ?? false,
      picklistValues: (f.picklistValues ?? []).map((value) => ({ value, label: value, active: true, defaultValue: false })),
    })),
  };
}
