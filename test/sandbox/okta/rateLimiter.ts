// Okta's rate limits: each endpoint has its own bucket of requests per one-minute window, reported
// on every answer as X-Rate-Limit-Limit / -Remaining / -Reset (epoch second when the window ends).

/**
 * Requests per minute per endpoint. A guess in the range of Okta's published limits for a
 * production org; the spec does not give them. Endpoints not listed get `defaultPerMinute`.
 */
const perMinute: Record<string, number> = {
  '/oauth2/v1/token': 600,
  '/api/v1/apps': 100,
  '/api/v1/apps/:appId': 500,
  '/api/v1/users': 600,
  '/api/v1/users/:id': 600,
  '/api/v1/groups': 500,
  // The System Log's limit is among Okta's lowest (its rate-limit pages list /api/v1/logs at 60 to 120 per minute by edition).
  '/api/v1/logs': 60,
};
const defaultPerMinute = 1000;

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch second at which the window ends. */
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { endsAt: number; used: number }>();

  /** `limitForAll` replaces every endpoint's limit (tests use a small one). */
  constructor(private readonly limitForAll?: number) {}

  limitOf(bucket: string): number {
    return this.limitForAll ?? perMinute[bucket] ?? defaultPerMinute;
  }

  /** Counts one request against the bucket, if any are left in its window. */
  take(bucket: string, now = Date.now()): RateLimitState {
    const nowSeconds = Math.floor(now / 1000);
    let window = this.windows.get(bucket);
    if (!window || window.endsAt <= nowSeconds) this.windows.set(bucket, (window = { endsAt: nowSeconds + 60, used: 0 }));
    const limit = this.limitOf(bucket);
    const allowed = window.used < limit;
    if (allowed) window.used++;
    return { allowed, limit, remaining: limit - window.used, resetAt: window.endsAt };
  }
}

export function rateLimitHeaders(state: Omit<RateLimitState, 'allowed'>): Record<string, string> {
  return {
    'X-Rate-Limit-Limit': String(state.limit),
    'X-Rate-Limit-Remaining': String(state.remaining),
    'X-Rate-Limit-Reset': String(state.resetAt),
  };
}
