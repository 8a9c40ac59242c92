// A local Salesforce org speaking the real HTTP APIs: OAuth 2.0 (web-server flow with PKCE,
// refresh, client credentials), the REST API with a parsed SOQL subset, and Salesforce's errors.
// Access tokens expire (configurable) with 401 INVALID_SESSION_ID; users without API Enabled get
// 403 API_CURRENTLY_DISABLED, and everyone in an org without API access 403 API_DISABLED_FOR_ORG
// (accessRules.ts); every API call counts against a daily limit shown in /limits and in each REST
// answer's Sforce-Limit-Info header.
// Two listeners: `url` is the org's My Domain (OAuth and the REST API); `loginUrl` is a generic
// login host standing in for login.salesforce.com / test.salesforce.com (OAuth only, no client
// credentials; its tokens name the My Domain as instance_url).
import { FaultInjector, type Faults, faultsFromEnvironment } from '../faults';
import { type Problem, type Route, type RunningServer, type SandboxRequest, type SandboxResponse, startServer } from '../httpServer';
import { apiRefusal } from './accessRules';
import { type ConnectedApp, type ConnectedAppOptions, createConnectedApp } from './connectedApp';
import { type SfRecord } from './model';
import { type AuthorizeErrorForm, oauthError, type OAuthHost, oauthRoutes, remoteAccessErrorPath } from './oauthRoutes';
import { type RestContext, restRoutes, sfError, type UserEmail } from './restRoutes';
import { createSalesforceSeed, organizationId, type SalesforceSeed, type SeedOptions, usernamesInOtherOrgs } from './seed';
import { SessionStore } from './sessions';

export interface SalesforceSandboxOptions extends SeedOptions {
  faults?: Faults;
  /** The My Domain's port; default a free one. */
  port?: number;
  /** The generic login host's port; default a free one. */
  loginPort?: number;
  log?: (line: string) => void;
  /** How the authorize endpoint shows a refused request; default `redirect`, as Salesforce does (see oauthRoutes.ts). */
  authorizeErrors?: AuthorizeErrorForm;
  /** Default 7,200 s (Salesforce's default session timeout is 2 hours). */
  accessTokenLifetimeSeconds?: number;
  /** Default 15,000, a Developer Edition org's daily API requests. */
  dailyRequestLimit?: number;
  /** Default 900 s: Salesforce drops a query locator after 15 minutes without use (INVALID_QUERY_LOCATOR). */
  queryLocatorLifetimeSeconds?: number;
  /** Default true; false models an org whose edition has no API access (API_DISABLED_FOR_ORG for everyone). */
  apiEnabledForOrg?: boolean;
  /** Query page sizes served in turn; default restRoutes' defaultQueryBatchSizes (2,000 and fewer). */
  queryBatchSizes?: readonly number[];
  /** How the connected app is set up (Okta's callback URL registered, PKCE required); see connectedApp.ts. */
  connectedApp?: ConnectedAppOptions;
  /** Usernames held in other Salesforce orgs; default seed.ts's usernamesInOtherOrgs. */
  usernamesInOtherOrgs?: readonly string[];
}

export interface SalesforceSandbox extends RunningServer {
  /** The generic login host (as login.salesforce.com): OAuth only, and no client-credentials grant. */
  readonly loginUrl: string;
  readonly organizationId: string;
  readonly connectedApp: ConnectedApp;
  readonly seed: SalesforceSeed;
  readonly integrationUsername: string;
  readonly integrationPassword: string;
  /** A session for the integration user, issued at start. */
  readonly accessToken: string;
  /** A session for a user whose profile lacks "API Enabled". */
  readonly noApiAccessToken: string;
  /** Issues a session for any seeded user, as a login would. */
  issueAccessToken(username: string): string;
  /** The new-user emails the org sent, in order: one per User create that asked for it. */
  readonly userEmails: readonly UserEmail[];
}

/** Routes anyone may call; all others need a live session of a user with API access. */
const oauthPaths = ['/services/oauth2/authorize', '/services/oauth2/token', '/services/oauth2/revoke', '/services/oauth2/userinfo', remoteAccessErrorPath];
const publicPaths = new Set(['/services/data', ...oauthPaths]);

/** The OAuth endpoints that answer errors as {error, error_description}, not as the REST API does. */
const oauthErrorPaths = /^\/services\/oauth2\/(?:token|revoke)\/?$/;
/**
 * Salesforce refuses larger requests with "Maximum size of request reached. Maximum size of request
 * is 52428800 bytes." (JSON_PARSER_ERROR), as clients report it; the 413 status is a guess.
 */
const maxBodyBytes = 52_428_800;
const unknownException = 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)';

/** Salesforce's answers to what the shared HTTP layer finds or injects. */
function errorAnswer(req: SandboxRequest, problem: Problem): SandboxResponse {
  const oauth = oauthErrorPaths.test(req.url.pathname);
  switch (problem.kind) {
    case 'notFound':
      return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    case 'rateLimited':
      // Salesforce documents no 429 for the REST API: over-limit calls get 403 REQUEST_LIMIT_EXCEEDED,
      // with no header saying when to try again (so none here: the fault's resetSeconds is Okta's).
      // At the token endpoint the limit is the user's logins per hour; that answer is a guess.
      return oauth ? oauthError('invalid_grant', 'login rate exceeded') : sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    case 'serverError':
      if (oauth) return oauthError(problem.status === 503 || problem.status === 429 ? 'temporarily_unavailable' : 'server_error', unknownException, problem.status);
      // Salesforce documents no 429: this one models what a gateway or proxy in front of it answers (a guess).
      if (problem.status === 429) return sfError(429, 'REQUEST_LIMIT_EXCEEDED', 'Too many requests; try again later.');
      return sfError(problem.status, 'UNKNOWN_EXCEPTION', unknownException);
    case 'badRequest':
      // Salesforce documents 400 as "the request couldn't be understood" without an error code: BAD_REQUEST is a guess.
      return oauth ? oauthError('invalid_request', problem.reason) : sfError(400, 'BAD_REQUEST', problem.reason);
    case 'tooLarge': {
      const message = `Maximum size of request reached. Maximum size of request is ${problem.limitBytes} bytes.`;
      return oauth ? oauthError('invalid_request', message, 413) : sfError(413, 'JSON_PARSER_ERROR', message);
    }
  }
}

export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const seed = createSalesforceSeed(options);
  const faults = new FaultInjector(options.faults ?? faultsFromEnvironment('SANDBOX_SALESFORCE_FAULTS'));
  const sessions = new SessionStore(() => faults.current.tokenLifetimeSeconds ?? options.accessTokenLifetimeSeconds ?? 7200);
  const connectedApp = createConnectedApp(seed.integrationUsers.correct, options.connectedApp);
  const dailyLimit = options.dailyRequestLimit ?? 15_000;
  let requestsToday = 0;
  let baseUrl = '';
  const signedIn = new WeakMap<SandboxRequest, SfRecord>();
  const userEmails: UserEmail[] = [];

  const identityUrl = (user: SfRecord) => `${baseUrl}/id/${organizationId}/${user.Id}`;
  const userByName = (username: string) => seed.data.records('User').find((u) => u.Username === username);

  function bearer(req: SandboxRequest): string {
    const header = /^(?:Bearer|OAuth) (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // The identity URL also takes the token as ?oauth_token=.
    return header ?? req.url.searchParams.get('oauth_token') ?? '';
  }

  function sessionUser(req: SandboxRequest): SfRecord | SandboxResponse {
    const session = sessions.session(bearer(req));
    const user = session ? seed.data.byId(session.userId)?.record : undefined;
    if (!user || !user.IsActive) return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    return user;
  }

  const restContext: RestContext = {
    data: seed.data, baseUrl: () => baseUrl, identityUrl,
    limits: () => ({ max: dailyLimit, remaining: dailyLimit - requestsToday }),
    locatorLifetimeMs: (options.queryLocatorLifetimeSeconds ?? 900) * 1000,
    queryBatchSizes: options.queryBatchSizes,
    usernamesInOtherOrgs: new Set((options.usernamesInOtherOrgs ?? usernamesInOtherOrgs).map((u) => u.toLowerCase())),
    userEmails,
    userOf: (req) => {
      const user = signedIn.get(req);
      if (!user) throw new Error('route reached without a session');
      return user;
    },
  };
  const rest = restRoutes(restContext).map((route) => (route.path === '/services/data' ? route : withLimitInfo(route)));
  const oauth = (host: OAuthHost) => oauthRoutes({
    host, authorizeErrors: options.authorizeErrors ?? 'redirect', seed, app: connectedApp, sessions, baseUrl: () => baseUrl, identityUrl, sessionUser,
  });

  /** The Limit Info header on each REST API answer but the versions list's (which does not count), as Salesforce documents it. */
  function withLimitInfo(route: Route): Route {
    return {
      ...route,
      handler: async (req) => {
        const answer = await route.handler(req);
        return { ...answer, headers: { ...answer.headers, 'Sforce-Limit-Info': `api-usage=${requestsToday}/${dailyLimit}` } };
      },
    };
  }

  const common = { log: options.log, headers: () => ({ Date: new Date().toUTCString() }), faults, errorAnswer, maxBodyBytes };
  const server = await startServer({
    ...common,
    name: 'salesforce',
    port: options.port,
    before(req, route) {
      if (publicPaths.has(route.path)) return undefined;
      const user = sessionUser(req);
      if (!('Id' in user)) return route.path.startsWith('/id/') ? { status: 403, body: 'Bad_OAuth_Token' } : user;
      const refusal = apiRefusal(seed.data, user, options.apiEnabledForOrg ?? true);
      if (refusal) return sfError(refusal.status, refusal.errorCode, refusal.message);
      if (requestsToday >= dailyLimit) return sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
      requestsToday++;
      signedIn.set(req, user);
      return undefined;
    },
    routes: [...oauth('myDomain'), ...rest],
  });
  baseUrl = server.url;
  const loginServer = await startLoginHost().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });

  /**
   * The generic login host: the OAuth endpoints, the public versions list, and the identity service
   * (login.salesforce.com serves /id/ URLs). The org's REST API is not there: a guess at its answer,
   * 401 INVALID_SESSION_ID, as for a session the host does not hold (no public source found).
   */
  function startLoginHost() {
    return startServer({
      ...common,
      name: 'salesforce-login',
      port: options.loginPort,
      before(req, route) {
        if (publicPaths.has(route.path)) return undefined;
        if (!route.path.startsWith('/id/')) return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        const user = sessionUser(req);
        if (!('Id' in user)) return { status: 403, body: 'Bad_OAuth_Token' };
        signedIn.set(req, user);
        return undefined;
      },
      routes: [...oauth('login'), ...rest],
    });
  }

  const issueAccessToken = (username: string) => {
    const user = userByName(username);
    if (!user) throw new Error(`no sandbox user ${username}`);
    return sessions.issueAccessToken(user.Id, connectedApp.consumerKey);
  };
  const integrationUsername = seed.integrationUsers.correct;
  return {
    ...server,
    loginUrl: loginServer.url,
    close: async () => {
      await Promise.all([server.close(), loginServer.close()]);
    },
    organizationId,
    connectedApp,
    seed,
    integrationUsername,
    integrationPassword: seed.passwords.get(integrationUsername) ?? '',
    accessToken: issueAccessToken(integrationUsername),
    noApiAccessToken: issueAccessToken(seed.noApiUsername),
    issueAccessToken,
    userEmails,
  };
}
