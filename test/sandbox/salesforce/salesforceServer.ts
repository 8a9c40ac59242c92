// A local Salesforce org speaking the REST API's entry points: the versions list, a version's
// resources (with the identity URL), and the identity service, with Salesforce's error JSON.
import { randomBytes } from 'node:crypto';
import { FaultInjector, type Faults, parseFaults } from '../faults';
import { type RunningServer, type SandboxRequest, type SandboxResponse, startServer } from '../httpServer';

export interface SalesforceSandbox extends RunningServer {
  /** A session for the integration user, who has API access. */
  readonly accessToken: string;
  /** A session for a user whose profile lacks "API Enabled". */
  readonly noApiAccessToken: string;
  readonly organizationId: string;
}

export interface SalesforceSandboxOptions {
  faults?: Faults;
  port?: number;
  log?: (line: string) => void;
}

interface SandboxUser {
  id: string;
  username: string;
  displayName: string;
  apiEnabled: boolean;
}

const organizationId = '00DSb0000001SbXMAU';
const apiVersions = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0'];

function sfError(status: number, errorCode: string, message: string): SandboxResponse {
  return { status, body: [{ message, errorCode }] };
}

/** A session id as Salesforce issues them: the org id, "!", then an opaque part. */
function sessionId(): string {
  return `${organizationId}!${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const users: SandboxUser[] = [
    { id: '005Sb00000Int01AAA', username: 'okta.integration@acme.example', displayName: 'Okta Integration', apiEnabled: true },
    { id: '005Sb00000Chat1AAA', username: 'chatter.only@acme.example', displayName: 'Chatter Only', apiEnabled: false },
  ];
  const sessions = new Map<string, SandboxUser>([[sessionId(), users[0]], [sessionId(), users[1]]]);
  const [accessToken, noApiAccessToken] = [...sessions.keys()];
  let baseUrl = '';

  function sessionUser(req: SandboxRequest): SandboxUser | undefined {
    const bearer = /^(?:Bearer|OAuth) (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // The identity service also takes the token as ?oauth_token=.
    return sessions.get(bearer ?? req.url.searchParams.get('oauth_token') ?? '');
  }

  const server = await startServer({
    name: 'salesforce',
    port: options.port,
    log: options.log,
    headers: () => ({ Date: new Date().toUTCString() }),
    notFound: () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist'),
    faults: new FaultInjector(options.faults ?? parseFaults(process.env.SANDBOX_SALESFORCE_FAULTS ?? '{}')),
    // Salesforce documents no REST 429; REQUEST_LIMIT_EXCEEDED (403) is how it refuses over-limit
    // calls. The reset time is our guess at a useful hint, sent as Retry-After.
    rateLimited: (resetAt) => ({
      ...sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
      headers: { 'Retry-After': String(Math.max(0, resetAt - Math.floor(Date.now() / 1000))) },
    }),
    serverError: (status) => sfError(status, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 0000000000-00000 (0000000000)'),
    before(req, route) {
      if (route.path === '/services/data') return undefined; // the versions list is public
      const user = sessionUser(req);
      if (!user) {
        if (route.path.startsWith('/id/')) return { status: 403, body: 'Bad_OAuth_Token' };
        return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      }
      if (!user.apiEnabled) return sfError(403, 'API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner');
      return undefined;
    },
    routes: [
      {
        method: 'GET', path: '/services/data',
        handler: () => ({ status: 200, body: apiVersions.map((version) => ({ label: `v${version}`, url: `/services/data/v${version}`, version })) }),
      },
      {
        method: 'GET', path: '/services/data/:version',
        handler: (req) => {
          const version = req.params.version.replace(/^v/, '');
          if (!apiVersions.includes(version)) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
          const user = sessionUser(req) as SandboxUser; // authenticated in before()
          const base = `/services/data/v${version}`;
          return {
            status: 200,
            body: {
              identity: `${baseUrl}/id/${organizationId}/${user.id}`,
              limits: `${base}/limits`, query: `${base}/query`, sobjects: `${base}/sobjects`, tooling: `${base}/tooling`,
            },
          };
        },
      },
      {
        method: 'GET', path: '/id/:org/:user',
        handler: (req) => {
          const user = sessionUser(req) as SandboxUser; // authenticated in before()
          if (req.params.org !== organizationId || req.params.user !== user.id) return { status: 403, body: 'Bad_Id' };
          const v = '{version}';
          return {
            status: 200,
            body: {
              id: `${baseUrl}/id/${organizationId}/${user.id}`, asserted_user: true, user_id: user.id, organization_id: organizationId,
              username: user.username, nick_name: user.username.split('@')[0], display_name: user.displayName, email: user.username,
              active: true, user_type: 'STANDARD', language: 'en_US', locale: 'en_US', utcOffset: 0,
              urls: { rest: `${baseUrl}/services/data/v${v}/`, query: `${baseUrl}/services/data/v${v}/query/`, profile: `${baseUrl}/${user.id}` },
              is_app_installed: true, last_modified_date: '2026-01-01T00:00:00.000+0000',
            },
          };
        },
      },
    ],
  });
  baseUrl = server.url;
  return { ...server, accessToken, noApiAccessToken, organizationId };
}
