// An Okta route names its operation as the spec does (operationId) and the OAuth 2.0 scope the spec
// requires. Around every handler: the endpoint's rate limit, the caller's authentication and scope,
// Date and X-Rate-Limit-* headers on the answer, and the exchange reported to the onExchange hook.
import { type Route, type SandboxRequest, type SandboxResponse } from '../httpServer';
import { authenticate, authorize, type Caller, type CallerSources } from './auth/authentication';
import { oktaError, OktaRefusal } from './errors';
import { type RateLimiter, rateLimitHeaders, type RateLimitState } from './rateLimiter';

export interface OktaRoute {
  method: string;
  /** With `:name` segments; also the route's rate-limit bucket. */
  path: string;
  operationId: string;
  /** The scope the spec requires of OAuth 2.0 callers; null where the route authenticates its callers itself. */
  scope: string | null;
  handler(req: SandboxRequest, caller?: Caller): SandboxResponse | Promise<SandboxResponse>;
}

/** One request and its answer as sent (a copy, which later changes to the org leave alone). */
export interface OktaExchange {
  operationId: string;
  method: string;
  /** Path and query. */
  path: string;
  requestBody?: unknown;
  status: number;
  responseBody: unknown;
  headers: Record<string, string>;
}

export interface Gate {
  limiter: RateLimiter;
  callers: CallerSources;
  onExchange?: (exchange: OktaExchange) => void;
}

export function toServerRoute(route: OktaRoute, gate: Gate): Route {
  return {
    method: route.method,
    path: route.path,
    async handler(req) {
      const limit = gate.limiter.take(route.path);
      const response = limit.allowed ? await answer(route, req, gate.callers) : oktaError('E0000047');
      const headers = { ...oktaHeaders(limit), ...response.headers };
      gate.onExchange?.({
        operationId: route.operationId, method: req.method, path: req.url.pathname + req.url.search,
        requestBody: requestBody(req), status: response.status, responseBody: structuredClone(response.body), headers,
      });
      return { ...response, headers };
    },
  };
}

async function answer(route: OktaRoute, req: SandboxRequest, callers: CallerSources): Promise<SandboxResponse> {
  try {
    if (route.scope === null) return await route.handler(req);
    const caller = authenticate(req, callers);
    if ('status' in caller) return caller;
    return authorize(req, caller, route.scope) ?? (await route.handler(req, caller));
  } catch (error) {
    if (error instanceof OktaRefusal) return error.response;
    throw error;
  }
}

/** Date and the endpoint's rate-limit state: Okta puts them on every answer. */
export function oktaHeaders(limit: Omit<RateLimitState, 'allowed'>): Record<string, string> {
  return { Date: new Date().toUTCString(), ...rateLimitHeaders(limit) };
}

function requestBody(req: SandboxRequest): unknown {
  if (!req.body) return undefined;
  const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
  if (form) return Object.fromEntries(new URLSearchParams(req.body));
  return jsonBody(req) ?? req.body;
}

/** The JSON body of a request, or undefined when it has none or it is not JSON. */
export function jsonBody(req: SandboxRequest): unknown {
  try {
    return req.body ? JSON.parse(req.body) : undefined;
  } catch {
    return undefined;
  }
}
