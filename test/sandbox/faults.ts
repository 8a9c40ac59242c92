// Fault injection shared by both sandbox orgs. Set at start from an environment variable
// (SANDBOX_OKTA_FAULTS / SANDBOX_SALESFORCE_FAULTS, JSON) or at run time through the admin
// endpoint /__sandbox/faults (GET reads, PUT replaces, DELETE clears). Counted faults apply to
// the next N API requests and then stop by themselves.

export interface Faults {
  /** Added before every answer. */
  latencyMs?: number;
  /** The next `count` requests are refused as rate limited, the limit resetting after `resetSeconds`. */
  rateLimit?: { count: number; resetSeconds: number };
  /** The next `count` requests answer with this status. */
  serverError?: { count: number; status: 500 | 502 | 503 };
  /** The next `count` requests have their connection reset before any answer. */
  connectionReset?: { count: number };
  /** Bodies are sent in pieces spread over this many milliseconds. */
  slowBodyMs?: number;
  /** Access tokens issued from now on expire after this many seconds (server-specific). */
  tokenLifetimeSeconds?: number;
}

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'reset' }
  | { kind: 'rateLimit'; resetAt: number }
  | { kind: 'serverError'; status: number };

const keys = ['latencyMs', 'rateLimit', 'serverError', 'connectionReset', 'slowBodyMs', 'tokenLifetimeSeconds'];

/** Checks an admin's JSON, so a typo fails loudly instead of silently injecting nothing. */
export function parseFaults(json: string): Faults {
  const value: unknown = JSON.parse(json || '{}');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('faults must be a JSON object');
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length) throw new Error(`unknown fault(s): ${unknown.join(', ')}; known: ${keys.join(', ')}`);
  return value as Faults;
}

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

  /** What to do with the next API request; counted faults are used up here. */
  next(now = Date.now()): FaultAction {
    const f = this.faults;
    if (f.connectionReset && f.connectionReset.count > 0) {
      if (--f.connectionReset.count === 0) delete f.connectionReset;
      return { kind: 'reset' };
    }
    if (f.rateLimit && f.rateLimit.count > 0) {
      const resetAt = Math.ceil(now / 1000) + f.rateLimit.resetSeconds;
      if (--f.rateLimit.count === 0) delete f.rateLimit;
      return { kind: 'rateLimit', resetAt };
    }
    if (f.serverError && f.serverError.count > 0) {
      const { status } = f.serverError;
      if (--f.serverError.count === 0) delete f.serverError;
      return { kind: 'serverError', status };
    }
    return { kind: 'none' };
  }
}
