// A local Okta org: the Management API routes the extension uses (shapes from Okta's OpenAPI spec
// 2026.06.3) and the token endpoint of the org authorization server. Callers use an API token (SSWS)
// or a service app's OAuth 2.0 token (private-key JWT, DPoP) limited by scopes; every endpoint has its
// own rate limit; errors, paging and headers are Okta's. Beside the API, a stand-in for the Admin
// Console's Provisioning tab (adminConsole.ts), for UI tests that follow the guided steps.
import { FaultInjector, type Faults, faultsFromEnvironment } from '../faults';
import { type Problem, type RunningServer, type SandboxRequest, type SandboxResponse, startServer } from '../httpServer';
import { adminConsoleRoutes } from './adminConsole';
import { AccessTokens } from './auth/accessTokens';
import { ApiTokens, revokeCurrentTokenRoute } from './auth/apiTokens';
import { DpopVerifier } from './auth/dpop';
import { registerServiceApp, type ServiceAppCredentials } from './auth/serviceApp';
import { tokenEndpoint } from './auth/tokenEndpoint';
import { oauthError, oktaError } from './errors';
import { type Gate, type OktaExchange, oktaHeaders, toServerRoute } from './oktaRoute';
import { RateLimiter } from './rateLimiter';
import { appRoutes } from './routes/apps';
import { assignmentRoutes } from './routes/assignments';
import { directoryRoutes } from './routes/directory';
import { logRoutes } from './routes/logs';
import { profileRoutes } from './routes/profiles';
import { provisioningRoutes } from './routes/provisioning';
import { createOktaSeed, type OktaSeedOptions } from './seed';
import { seedSystemLog } from './systemLog';

export type { OktaExchange } from './oktaRoute';
export type { ServiceAppCredentials } from './auth/serviceApp';

export interface OktaSandbox extends RunningServer {
  /** The admin's API token made at start. */
  readonly apiToken: string;
  readonly serviceApp: ServiceAppCredentials;
  /** Another API token of the admin's, as Admin Console → Security → API → Tokens → Create Token makes one. */
  createApiToken(): string;
  /** Whether Okta pretends to support provisioning Salesforce through the API (supportSalesforceProvisioning); settable while it runs. */
  readonly switches: { salesforceSupported: boolean };
}

export interface OktaSandboxOptions {
  /** How many apps the org has (default 64); thousands for benchmarks. */
  appCount?: number;
  /**
   * Provisioning error events added to the System Log for the PRODUCTION Salesforce app, spread over
   * the 24 hours before the start (benchmarks: 10,000), besides the seed's (systemLog.ts).
   */
  logEvents?: number;
  /** One more Salesforce instance, whose label holds markup and 10,000 characters (seed.ts, hostileAppLabel). */
  hostileApp?: boolean;
  /** One more Salesforce instance, a SANDBOX one that is INACTIVE (seed.ts, inactiveSalesforceLabel). */
  inactiveSalesforceApp?: boolean;
  faults?: Faults;
  port?: number;
  log?: (line: string) => void;
  /** settings.app.loginUrl of the seed's PRODUCTION and SANDBOX Salesforce instances (seed.ts). */
  salesforceLoginUrls?: OktaSeedOptions['salesforceLoginUrls'];
  /** Pretend Okta supports provisioning Salesforce through the API (also SANDBOX_OKTA_SALESFORCE_PROVISIONING=1). */
  supportSalesforceProvisioning?: boolean;
  /** The service app requires DPoP-bound access tokens (an option of Okta service apps). */
  serviceAppRequiresDpop?: boolean;
  /** The scopes granted to the service app (default: every scope the extension asks for). */
  serviceAppScopes?: readonly string[];
  /** Replaces every endpoint's per-minute rate limit. */
  requestsPerMinute?: number;
  /** Sees every request to an Okta route with its answer, e.g. to validate them against the spec. */
  onExchange?: (exchange: OktaExchange) => void;
}

/**
 * Okta publishes no request size limit: 1 MB is a guess, far above its largest bodies (app user
 * schemas and profile mappings, tens of KB).
 */
const maxBodyBytes = 1_048_576;

/** Access tokens live an hour, as the org authorization server issues them. */
const tokenLifetimeSeconds = 3600;

export async function startOktaSandbox(options: OktaSandboxOptions = {}): Promise<OktaSandbox> {
  const org = createOktaSeed(options.appCount, {
    hostileApp: options.hostileApp, inactiveSalesforceApp: options.inactiveSalesforceApp, salesforceLoginUrls: options.salesforceLoginUrls,
  });
  const systemLog = seedSystemLog(org, { now: Math.floor(Date.now() / 1000) * 1000, syntheticEvents: options.logEvents });
  const apiTokens = new ApiTokens();
  const apiToken = apiTokens.create();
  const serviceApp = registerServiceApp(options.serviceAppRequiresDpop ?? false, options.serviceAppScopes);
  const faults = new FaultInjector(options.faults ?? faultsFromEnvironment('SANDBOX_OKTA_FAULTS'));
  const switches = { salesforceSupported: options.supportSalesforceProvisioning ?? process.env.SANDBOX_OKTA_SALESFORCE_PROVISIONING === '1' };
  const limiter = new RateLimiter(options.requestsPerMinute);
  const tokens = new AccessTokens();
  const dpop = new DpopVerifier();
  const gate: Gate = { limiter, callers: { apiTokens, admin: org.admin, tokens, dpop }, onExchange: options.onExchange };

  const tokenLifetime = () => faults.current.tokenLifetimeSeconds ?? tokenLifetimeSeconds;
  const routes = [
    tokenEndpoint({ app: serviceApp.registered, tokens, dpop, tokenLifetime }),
    revokeCurrentTokenRoute(apiTokens),
    ...appRoutes(org),
    ...provisioningRoutes(org, switches),
    ...assignmentRoutes(org),
    ...directoryRoutes(org),
    ...profileRoutes(org),
    ...logRoutes(systemLog),
  ];
  // Answers given outside the routes (unknown paths, injected faults) count against a bucket of their own.
  const unrouted = 'unrouted';

  /** Okta's answers to what the shared HTTP layer finds or injects; the OAuth endpoints answer RFC 6749 errors. */
  function errorAnswer(req: SandboxRequest, problem: Problem): SandboxResponse {
    const oauth = req.url.pathname.startsWith('/oauth2/');
    const tooMany = 'API call exceeded rate limit due to too many requests.';
    switch (problem.kind) {
      case 'notFound':
        return { ...oktaError('E0000007', req.url.pathname), headers: oktaHeaders(limiter.take(unrouted)) };
      case 'rateLimited': {
        const headers = oktaHeaders({ limit: limiter.limitOf(unrouted), remaining: 0, resetAt: problem.resetAt });
        // The OAuth error code is a guess; Okta documents the 429 and its headers.
        return oauth ? oauthError(429, 'temporarily_unavailable', tooMany, headers) : { ...oktaError('E0000047'), headers };
      }
      case 'serverError': {
        // A 429 here models a gateway or proxy in front of the org: no X-Rate-Limit-* headers (a guess).
        if (problem.status === 429) return oauth ? oauthError(429, 'temporarily_unavailable', tooMany) : oktaError('E0000047');
        const headers = oktaHeaders(limiter.take(unrouted));
        if (oauth) {
          const [error, description] = problem.status === 503
            ? ['temporarily_unavailable', 'Service is temporarily unavailable'] : ['server_error', 'Internal Server Error'];
          return oauthError(problem.status, error, description, headers);
        }
        return { ...oktaError(problem.status === 503 ? 'E0000010' : 'E0000009'), status: problem.status, headers };
      }
      case 'badRequest':
        return oauth ? oauthError(400, 'invalid_request', problem.reason) : oktaError('E0000001', 'request', [problem.reason]);
      case 'tooLarge': {
        const cause = `The request body is larger than ${problem.limitBytes} bytes.`;
        return oauth ? oauthError(413, 'invalid_request', cause) : { ...oktaError('E0000003', '', [cause]), status: 413 };
      }
    }
  }

  const server = await startServer({
    name: 'okta',
    port: options.port,
    log: options.log,
    headers: () => ({ Date: new Date().toUTCString() }),
    faults,
    errorAnswer,
    maxBodyBytes,
    // The Admin Console stand-in is a web page, not an API: no token, scope or rate limit of the API's.
    routes: [...routes.map((route) => toServerRoute(route, gate)), ...adminConsoleRoutes(org)],
  });
  return { ...server, apiToken, serviceApp: serviceApp.credentials, createApiToken: () => apiTokens.create(), switches };
}
