// A local Okta org speaking the Management API (shapes from Okta's OpenAPI spec 2026.06.3):
// SSWS authentication, Okta's error objects, and cursor paging with absolute Link headers.
import { randomBytes } from 'node:crypto';
import { type RunningServer, type SandboxRequest, type SandboxResponse, startServer } from '../httpServer';
import { FaultInjector, type Faults, parseFaults } from '../faults';
import { createOktaSeed, type OktaApp } from './oktaSeed';

export interface OktaSandbox extends RunningServer {
  readonly apiToken: string;
}

export interface OktaSandboxOptions {
  appCount?: number;
  faults?: Faults;
  port?: number;
  log?: (line: string) => void;
}

const errors = {
  E0000001: [400, 'Api validation failed: {0}'],
  E0000007: [404, 'Not found: Resource not found: {0}'],
  E0000011: [401, 'Invalid token provided'],
  E0000009: [500, 'Internal Server Error'],
  E0000010: [503, 'Service is temporarily unavailable'],
  E0000047: [429, 'API call exceeded rate limit due to too many requests.'],
} as const;

function oktaError(code: keyof typeof errors, detail = '', causes: string[] = []): SandboxResponse {
  const [status, summary] = errors[code];
  return {
    status,
    body: {
      errorCode: code, errorSummary: summary.replace('{0}', detail), errorLink: code,
      errorId: `oae${randomBytes(8).toString('base64url')}`, errorCauses: causes.map((errorSummary) => ({ errorSummary })),
    },
  };
}

/** Okta's default page size when `limit` is absent or -1; the spec does not give it (a guess). */
const defaultPageSize = 20;
const maxPageSize = 200;

export async function startOktaSandbox(options: OktaSandboxOptions = {}): Promise<OktaSandbox> {
  const seed = createOktaSeed(options.appCount);
  // Okta API tokens are 42 characters of base64url starting with "00".
  const apiToken = `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
  let baseUrl = '';

  const server = await startServer({
    name: 'okta',
    port: options.port,
    log: options.log,
    headers: () => ({ Date: new Date().toUTCString() }),
    notFound: (req) => oktaError('E0000007', req.url.pathname),
    faults: new FaultInjector(options.faults ?? parseFaults(process.env.SANDBOX_OKTA_FAULTS ?? '{}')),
    rateLimited: (resetAt) => {
      const error = oktaError('E0000047');
      return { ...error, headers: { 'X-Rate-Limit-Limit': '600', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(resetAt) } };
    },
    serverError: (status) => oktaError(status === 503 ? 'E0000010' : 'E0000009'),
    before(req) {
      const auth = req.headers.authorization ?? '';
      if (auth !== `SSWS ${apiToken}`) return oktaError('E0000011');
      return undefined;
    },
    routes: [
      { method: 'GET', path: '/api/v1/apps', handler: (req) => listApps(req, seed.apps, baseUrl) },
      {
        method: 'GET', path: '/api/v1/apps/:id',
        handler: (req) => {
          const app = seed.apps.find((a) => a.id === req.params.id);
          return app ? { status: 200, body: appJson(app, baseUrl) } : oktaError('E0000007', `App (${req.params.id})`);
        },
      },
      {
        method: 'GET', path: '/api/v1/users/:id',
        handler: (req) => {
          const user = req.params.id === 'me' ? seed.admin : seed.users.find((u) => u.id === req.params.id || u.profile.login === req.params.id);
          return user ? { status: 200, body: { ...user, _links: { self: { href: `${baseUrl}/api/v1/users/${user.id}` } } } } : oktaError('E0000007', `User (${req.params.id})`);
        },
      },
    ],
  });
  baseUrl = server.url;
  return { ...server, apiToken };
}

function listApps(req: SandboxRequest, apps: readonly OktaApp[], baseUrl: string): SandboxResponse {
  const params = req.url.searchParams;
  const limitParam = params.get('limit');
  const limit = limitParam === null || limitParam === '-1' ? defaultPageSize : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1) return oktaError('E0000001', 'limit', ['limit: The limit must be a positive number.']);
  if (limit > maxPageSize) return oktaError('E0000001', 'limit', [`limit: The limit must not exceed ${maxPageSize}.`]);
  const q = params.get('q')?.toLowerCase();
  const matching = q ? apps.filter((a) => a.name.toLowerCase().startsWith(q) || a.label.toLowerCase().startsWith(q)) : apps;
  // The cursor is the id of the last app of the previous page; clients treat it as opaque.
  const after = params.get('after');
  const start = after ? matching.findIndex((a) => a.id === after) + 1 : 0;
  const page = matching.slice(start, start + limit);
  const self = new URL(req.url.pathname + req.url.search, baseUrl).href;
  const links = [`<${self}>; rel="self"`];
  if (start + limit < matching.length) {
    const next = new URL(req.url.pathname, baseUrl);
    for (const [k, v] of params) if (k !== 'after') next.searchParams.set(k, v);
    next.searchParams.set('after', page[page.length - 1].id);
    next.searchParams.set('limit', String(limit));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { status: 200, body: page.map((a) => appJson(a, baseUrl)), headers: { Link: links.join(', ') } };
}

function appJson(app: OktaApp, baseUrl: string) {
  return {
    ...app,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
    _links: {
      self: { href: `${baseUrl}/api/v1/apps/${app.id}` },
      users: { href: `${baseUrl}/api/v1/apps/${app.id}/users` },
      groups: { href: `${baseUrl}/api/v1/apps/${app.id}/groups` },
      deactivate: { href: `${baseUrl}/api/v1/apps/${app.id}/lifecycle/deactivate` },
    },
  };
}
