// Fault injection shared by both sandbox orgs. Set at start from an environment variable
// (SANDBOX_OKTA_FAULTS / SANDBOX_SALESFORCE_FAULTS) or at run time through the admin endpoint
// /__sandbox/faults (GET reads, PUT replaces, DELETE clears), as one JSON object:
//
//   {
//     "latencyMs": 50,                                   added before every answer
//     "rateLimit": {"count": 2, "resetSeconds": 5},      the org's own rate limit, in its format
//     "serverError": {"count": 1, "status": 503, "retryAfterSeconds": 2},
//                                                        status 429, 500, 502, 503 or 504
//     "connectionReset": {"count": 1},                   the socket destroyed, no answer
//     "blackHole": {"count": 1},                         the request read, never answered
//     "redirect": {"count": 1, "location": "http://127.0.0.1:9/x", "status": 307},
//                                                        status 301, 302 (default), 303, 307 or 308
//     "htmlAnswer": {"count": 1, "status": 200},         a text/html page (captive portal, proxy)
//     "slowBody": {"ms": 90000, "count": 1},             answers trickled over ms (count optional:
//                                                        without it, every answer while set)
//     "tokenLifetimeSeconds": 5                          access tokens issued from now on
//   }
//
// Counted faults (all but latencyMs, slowBody without count and tokenLifetimeSeconds) apply to the
// next `count` API requests and then stop by themselves. Each takes an optional "path", a path
// prefix such as "/services/oauth2/token" or "/services/data/v64.0/query": only requests whose
// path starts with it get the fault and use up its count; others pass untouched. When several
// match, one request gets one of them, in the order listed above. Settings are checked whole: a
// typo, a wrong type or a value out of range is refused with a message saying what is wrong.

export type ServerErrorStatus = 429 | 500 | 502 | 503 | 504;
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

interface Scoped {
  /** A path prefix; without it, every API request. */
  path?: string;
}

export interface Faults {
  latencyMs?: number;
  rateLimit?: Scoped & { count: number; resetSeconds: number };
  serverError?: Scoped & { count: number; status: ServerErrorStatus; retryAfterSeconds?: number };
  connectionReset?: Scoped & { count: number };
  blackHole?: Scoped & { count: number };
  redirect?: Scoped & { count: number; location: string; status?: RedirectStatus };
  htmlAnswer?: Scoped & { count: number; status: number };
  slowBody?: Scoped & { ms: number; count?: number };
  /** Server-specific: each org reads it when it issues an access token. */
  tokenLifetimeSeconds?: number;
}

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'reset' }
  | { kind: 'blackHole' }
  | { kind: 'rateLimit'; resetAt: number }
  | { kind: 'serverError'; status: ServerErrorStatus; retryAfterSeconds?: number }
  | { kind: 'redirect'; status: RedirectStatus; location: string }
  | { kind: 'htmlAnswer'; status: number };

/** A problem with a value, or undefined when it is fine. */
type Check = (value: unknown) => string | undefined;
interface Field {
  check: Check;
  optional?: boolean;
}

const serverErrorStatuses: readonly ServerErrorStatus[] = [429, 500, 502, 503, 504];
const redirectStatuses: readonly RedirectStatus[] = [301, 302, 303, 307, 308];

const integer = (min: number, max: number): Check => (value) =>
  (Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? undefined : `must be an integer from ${min} to ${max}`);
const oneOf = (values: readonly number[]): Check => (value) =>
  (values.includes(value as number) ? undefined : `must be one of ${values.join(', ')}`);
const pathPrefix: Check = (value) =>
  (typeof value === 'string' && value.startsWith('/') ? undefined : 'must be a path starting with "/", such as "/services/oauth2/token"');
const absoluteUrl: Check = (value) => {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? undefined : 'must be an absolute http(s) URL, such as "http://127.0.0.1:9000/elsewhere"';
};

const required = (check: Check): Field => ({ check });
const optional = (check: Check): Field => ({ check, optional: true });
const count = required(integer(1, 1_000_000));
const path = optional(pathPrefix);
/** A day: longer is never what a test means. */
const seconds = integer(0, 86_400);

/** Each fault: a number, or an object of fields. */
const shapes: Record<keyof Faults, Field | Record<string, Field>> = {
  latencyMs: required(integer(0, 600_000)),
  rateLimit: { count, resetSeconds: required(seconds), path },
  serverError: { count, status: required(oneOf(serverErrorStatuses)), retryAfterSeconds: optional(seconds), path },
  connectionReset: { count, path },
  blackHole: { count, path },
  redirect: { count, location: required(absoluteUrl), status: optional(oneOf(redirectStatuses)), path },
  htmlAnswer: { count, status: required(integer(200, 599)), path },
  // Up to an hour, so a trickle can outlast any client's timeout.
  slowBody: { ms: required(integer(1, 3_600_000)), count: optional(count.check), path },
  tokenLifetimeSeconds: required(integer(0, 31_536_000)),
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/** Checks an admin's JSON whole, so a typo fails loudly instead of silently injecting nothing. */
export function parseFaults(json: string): Faults {
  let value: unknown;
  try {
    value = JSON.parse(json || '{}');
  } catch (error) {
    throw new Error(`faults must be JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(value)) throw new Error('faults must be a JSON object, such as {"serverError": {"count": 1, "status": 503}}');
  const problems: string[] = [];
  const known = Object.keys(shapes);
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length) problems.push(`unknown fault(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
  for (const [name, shape] of Object.entries(shapes)) {
    if (name in value) problems.push(...checkFault(name, value[name], shape));
  }
  if (problems.length) throw new Error(problems.join('; '));
  return value as Faults;
}

/** Reads SANDBOX_*_FAULTS; a bad value stops the org from starting, naming the variable. */
export function faultsFromEnvironment(variable: string): Faults {
  try {
    return parseFaults(process.env[variable] ?? '');
  } catch (error) {
    throw new Error(`${variable}: ${(error as Error).message}`, { cause: error });
  }
}

function checkFault(name: string, value: unknown, shape: Field | Record<string, Field>): string[] {
  if (typeof shape.check === 'function') {
    const problem = (shape as Field).check(value);
    return problem ? [`${name} ${problem} (got ${shown(value)})`] : [];
  }
  const fields = shape as Record<string, Field>;
  if (!isObject(value)) return [`${name} must be an object with ${Object.keys(fields).join(', ')} (got ${shown(value)})`];
  const problems = Object.keys(value).filter((key) => !(key in fields))
    .map((key) => `${name}.${key} is not a setting of ${name}; it takes ${Object.keys(fields).join(', ')}`);
  for (const [key, field] of Object.entries(fields)) {
    if (value[key] === undefined && field.optional) continue;
    const problem = field.check(value[key]);
    if (problem) problems.push(`${name}.${key} ${problem} (got ${shown(value[key])})`);
  }
  return problems;
}

type Counted = 'connectionReset' | 'blackHole' | 'rateLimit' | 'serverError' | 'redirect' | 'htmlAnswer';

export class FaultInjector {
  private faults: Faults;

  constructor(initial: Faults = {}) {
    this.faults = structuredClone(initial);
  }

  get current(): Faults {
    return structuredClone(this.faults);
  }

  set(faults: Faults): void {
    this.faults = structuredClone(faults);
  }

  /** What to do with the next API request to `path`; the counted fault it gets is used up here. */
  next(path: string, now = Date.now()): FaultAction {
    if (this.take('connectionReset', path)) return { kind: 'reset' };
    if (this.take('blackHole', path)) return { kind: 'blackHole' };
    const rateLimit = this.take('rateLimit', path);
    if (rateLimit) return { kind: 'rateLimit', resetAt: Math.ceil(now / 1000) + rateLimit.resetSeconds };
    const serverError = this.take('serverError', path);
    if (serverError) return { kind: 'serverError', status: serverError.status, retryAfterSeconds: serverError.retryAfterSeconds };
    const redirect = this.take('redirect', path);
    if (redirect) return { kind: 'redirect', status: redirect.status ?? 302, location: redirect.location };
    const html = this.take('htmlAnswer', path);
    if (html) return { kind: 'htmlAnswer', status: html.status };
    return { kind: 'none' };
  }

  /** Over how many milliseconds the answer to a request to `path` is trickled (0: sent at once). */
  slowBodyMs(path: string): number {
    const slow = this.faults.slowBody;
    if (!slow || !matches(slow, path)) return 0;
    if (slow.count !== undefined && --slow.count <= 0) this.clear('slowBody');
    return slow.ms;
  }

  private take<K extends Counted>(kind: K, path: string): NonNullable<Faults[K]> | undefined {
    const fault = this.faults[kind];
    if (!fault || !matches(fault, path)) return undefined;
    if (--fault.count <= 0) this.clear(kind);
    return fault as NonNullable<Faults[K]>;
  }

  /** A used-up fault leaves the settings, as if it had never been set. */
  private clear(kind: keyof Faults): void {
    this.faults = Object.fromEntries(Object.entries(this.faults).filter(([key]) => key !== kind)) as Faults;
  }
}

function matches(fault: Scoped, path: string): boolean {
  return fault.path === undefined || path.startsWith(fault.path);
}
