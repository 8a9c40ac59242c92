/**
 * The one request policy for every call to Okta and Salesforce, from both adapters and the
 * okta-sf command line. It decides, in this file only:
 * - the deadline: one per request, covering retries, redirects and rate-limit waits;
 * - retries: only requests that are safe to send again (GET and HEAD, or those marked
 *   `idempotent`, such as a refresh-token grant), on a reset, a cut-off answer, 429 or
 *   500/502/503/504, at most twice, backing off, waiting as `Retry-After` (or Okta's
 *   `X-Rate-Limit-Reset`) says when that fits in the deadline;
 * - redirects: followed within the same origin only; a redirect elsewhere is a failure that says
 *   where it pointed, so credentials never follow it;
 * - proxies: as VS Code applies `http.proxy`, `http.noProxy` and `http.proxyStrictSSL` (proxyRules.ts);
 * - what a failure is called (httpFailure.ts), including an HTML page where an API was expected;
 * - which waits are worth telling the user about: each pause before a retry goes to `onWait`, so
 *   that a rate limit shows as "waiting N s" while the work carries on (waitMessage in httpFailure.ts).
 * Imports nothing from vscode.
 */
import * as l10n from '@vscode/l10n';
import type { IncomingMessage } from 'node:http';
import { excerpt } from '../domain/redact';
import { HttpFailure, networkFailure, type Service, type Wording } from './httpFailure';
import { isLoopback, proxyFor, type ProxySettings } from './proxyRules';
import { exchange } from './transport';

export { HttpFailure, type HttpFailureKind, type Service, waitMessage, type Wording } from './httpFailure';

export interface NetworkSettings extends ProxySettings {
  /** Per request, retries and waits included; 0 waits forever. */
  timeoutMs: number;
  /** VS Code's `http.proxyStrictSSL`: false accepts any certificate, as VS Code then does. Default true. */
  strictSSL?: boolean;
  wording: Wording;
  /**
   * Told of each pause before a retry, as it begins; the extension counts it down in the progress
   * of the work that made the request, the command line on stderr. A listener that throws is ignored.
   */
  onWait?: (wait: RetryWait) => void;
}

/** A pause before a request is sent again. */
export interface RetryWait {
  /** The host that answered (or failed to). */
  host: string;
  ms: number;
  /** Why: the server limits the rate of requests (429), it had a server error, or the connection broke. */
  reason: 'rateLimited' | 'serverError' | 'connection';
  /** The status that caused the pause, when an answer came. */
  status?: number;
  /** Settles when the pause is over: it ran out, or the request was cancelled or out of time. */
  over: Promise<void>;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Safe to send again though not a GET: a client-credentials or refresh-token grant, a revoke.
   * Never an authorization-code exchange (a code works once) or a write.
   */
  idempotent?: boolean;
  /** What the request is meant to reach, for messages. */
  service: Service;
  /** An HTML answer is expected (the authorize page); otherwise it is a failure. */
  acceptHtml?: boolean;
  /** Hand redirects back instead of following them (the authorize preflight reads where they point). */
  returnRedirects?: boolean;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The URL that answered, after same-origin redirects. */
  url: string;
}

const maxRetries = 2;
const maxRedirects = 5;
const retryStatuses = new Set([429, 500, 502, 503, 504]);
const safeMethods = new Set(['GET', 'HEAD']);
const firstBackoffMs = 300;
/** An answer larger than this is refused rather than held in memory (a page of 2,000 records is a few MB). */
const maxBodyBytes = 64 * 1024 * 1024;
/** Without a deadline (timeout 0), the longest rate-limit wait honoured before giving up. */
const maxRetryWaitMs = 5 * 60_000;

export async function send(request: HttpRequest, settings: NetworkSettings): Promise<HttpAnswer> {
  const deadline = new Deadline(settings.timeoutMs, request.signal);
  try {
    let url = parseUrl(request);
    let { method, body } = request;
    const retryable = request.idempotent === true || safeMethods.has(method);
    for (let attempt = 0, redirects = 0; ;) {
      let answer: HttpAnswer;
      try {
        answer = await sendOnce({ ...request, method, body }, url, settings, deadline);
      } catch (error) {
        const failure = deadline.failure(url, settings) ?? asFailure(error, url, request.service, settings);
        const again = retryable && attempt < maxRetries && (failure.kind === 'reset' || failure.kind === 'truncated');
        if (!again) throw failure;
        await pause(deadline, backoff(attempt++), url, settings, { reason: 'connection' });
        continue;
      }
      if (isRedirect(answer.status) && !request.returnRedirects) {
        const target = redirectTarget(answer, url, request.service);
        if (++redirects > maxRedirects) throw new HttpFailure('redirect', l10n.t('{0} redirected more than {1} times. Check the {2}.', url.host, maxRedirects, request.service.urlName), answer.status);
        if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = target;
        continue;
      }
      if (retryStatuses.has(answer.status) && retryable && attempt < maxRetries) {
        const wait = retryWait(answer) ?? backoff(attempt);
        if (deadline.allows(wait)) {
          attempt++;
          await pause(deadline, wait, url, settings, { reason: answer.status === 429 ? 'rateLimited' : 'serverError', status: answer.status });
          continue;
        }
      }
      return checked(answer, request, attempt + 1);
    }
  } finally {
    deadline.dispose();
  }
}

/** Waits before a retry, telling settings.onWait as the pause begins. */
async function pause(deadline: Deadline, ms: number, url: URL, settings: NetworkSettings, cause: Pick<RetryWait, 'reason' | 'status'>): Promise<void> {
  const waiting = deadline.wait(ms, url, settings);
  try {
    settings.onWait?.({ host: url.host, ms, ...cause, over: waiting.then(() => undefined, () => undefined) });
  } catch {
    // How a wait is shown is not the request's concern.
  }
  await waiting;
}

function parseUrl(request: HttpRequest): URL {
  try {
    return new URL(request.url);
  } catch {
    throw new HttpFailure('network', l10n.t('"{0}" is not a web address. Check the {1}.', excerpt(request.url, 80), request.service.urlName));
  }
}

/** True for the statuses a redirect comes with. */
const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** Where a redirect points, if it stays on the same origin; anything else is refused and named. */
function redirectTarget(answer: HttpAnswer, from: URL, service: Service): URL {
  const location = answer.headers.location;
  let target: URL | undefined;
  try {
    target = location ? new URL(location, from) : undefined;
  } catch {
    target = undefined;
  }
  if (!target) throw new HttpFailure('redirect', l10n.t('{0} answered with a redirect (HTTP {1}) without a usable address. Check the {2}.', from.host, answer.status, service.urlName), answer.status);
  if (target.origin !== from.origin) {
    // Only origin and path: a query string may carry a token.
    throw new HttpFailure('redirect', l10n.t(
      '{0} redirected the request to {1} (HTTP {2}). It was not followed, so no credentials went there. If the address has moved (a new My Domain, for example), use the new one as the {3}.',
      from.host, target.origin + excerpt(target.pathname, 80), answer.status, service.urlName,
    ), answer.status);
  }
  return target;
}

/**
 * An answer as callers expect it. Named here, whatever the API: an HTML page where an API was
 * expected, a rate limit that outlasted the retries, a server error that did.
 */
function checked(answer: HttpAnswer, request: HttpRequest, attempts: number): HttpAnswer {
  const host = new URL(answer.url).host;
  const type = answer.headers['content-type'] ?? '';
  if (!request.acceptHtml && /^\s*text\/html/i.test(type)) {
    throw new HttpFailure('html', answer.status >= 500
      ? l10n.t('{0} answered with an HTML page (HTTP {1}), not {2}: it may be down for maintenance; if it stays so, check the {3}.', host, answer.status, request.service.name, request.service.urlName)
      : l10n.t('{0} answered with an HTML page (HTTP {1}), not {2}: check the {3}.', host, answer.status, request.service.name, request.service.urlName), answer.status);
  }
  const status = attempts > 1 ? l10n.t('HTTP {0}, {1} tries', answer.status, attempts) : l10n.t('HTTP {0}', answer.status);
  if (answer.status === 429) {
    const wait = retryWait(answer);
    throw new HttpFailure('rateLimited', wait === undefined
      ? l10n.t('{0} is limiting the rate of requests ({1}); try again in a minute.', host, status)
      : l10n.t('{0} is limiting the rate of requests ({1}); try again in {2} s.', host, status, Math.max(1, Math.ceil(wait / 1000))), 429);
  }
  if (answer.status >= 500) {
    const detail = excerpt(answer.body);
    throw new HttpFailure('server', detail
      ? l10n.t('{0} had a server error ({1}): {2}. Try again in a few minutes.', host, status, detail)
      : l10n.t('{0} had a server error ({1}). Try again in a few minutes.', host, status), answer.status);
  }
  return answer;
}

/** Exponential backoff with jitter: about 0.3 s, then 0.6 s. */
const backoff = (attempt: number) => Math.round(firstBackoffMs * 2 ** attempt * (0.8 + Math.random() * 0.4));

/**
 * How long the server asks us to wait: `Retry-After` in seconds or as a date, or, on a 429,
 * Okta's `X-Rate-Limit-Reset` (epoch seconds, against the answer's own `Date`, as Okta documents;
 * Okta sends it on every answer, where it says nothing about a server error).
 */
export function retryWait(answer: Pick<HttpAnswer, 'status' | 'headers'>, now = Date.now()): number | undefined {
  const retryAfter = answer.headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = answer.headers['x-rate-limit-reset']?.trim();
  if (answer.status === 429 && reset && /^\d+$/.test(reset)) {
    const serverNow = Date.parse(answer.headers.date ?? '');
    return Math.max(0, Number(reset) * 1000 - (Number.isNaN(serverNow) ? now : serverNow)) + 1000;
  }
  return undefined;
}

async function sendOnce(request: HttpRequest, url: URL, settings: NetworkSettings, deadline: Deadline): Promise<HttpAnswer> {
  const proxy = proxyFor(url, settings);
  let response: IncomingMessage;
  try {
    response = await exchange(url, request, { proxy, strictSSL: settings.strictSSL !== false, signal: deadline.signal });
  } catch (error) {
    throw deadline.failure(url, settings) ?? networkFailure(error, url, request.service, settings.wording, proxy && new URL(proxy).origin);
  }
  const status = response.statusCode ?? 0;
  if (proxy && status === 407) {
    response.destroy();
    throw networkFailure(new Error('Proxy response (407)'), url, request.service, settings.wording, new URL(proxy).origin);
  }
  deadline.answering();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) {
        response.destroy();
        throw new HttpFailure('tooLarge', l10n.t('{0} sent an answer larger than {1} MB; it was not read. Check the {2}.', url.host, maxBodyBytes / 1024 / 1024, request.service.urlName), status);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof HttpFailure) throw error;
    const failure = deadline.failure(url, settings);
    if (failure) throw failure;
    // Node ends the body with an error ("aborted") when the connection closes before the answer's
    // Content-Length or last chunk: a cut-off answer, never a short one taken as whole.
    throw new HttpFailure('truncated', l10n.t("{0}'s answer (HTTP {1}) was cut off after {2} bytes, before its end. Try again.", url.host, status, size), status);
  }
  // headersDistinct keeps every repeated header (Node's `headers` drops some repeats, such as a second Content-Type).
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(response.headersDistinct)) {
    if (values !== undefined) headers[name] = values.join(', ');
  }
  return { status, headers, body: Buffer.concat(chunks).toString('utf8'), url: url.href };
}

function asFailure(error: unknown, url: URL, service: Service, settings: NetworkSettings): HttpFailure {
  return error instanceof HttpFailure ? error : networkFailure(error, url, service, settings.wording);
}

/**
 * One request's deadline and cancellation: aborts the request in flight when either comes, and
 * says which it was. Tracks whether an answer had begun, to tell "no answer" from "too slow an answer".
 */
class Deadline {
  private readonly timeout = new AbortController();
  private readonly timer?: ReturnType<typeof setTimeout>;
  private readonly endsAt: number;
  private answerBegun = false;
  readonly signal: AbortSignal;

  constructor(private readonly timeoutMs: number, private readonly cancel?: AbortSignal) {
    this.endsAt = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    if (timeoutMs > 0) this.timer = setTimeout(() => this.timeout.abort(), timeoutMs);
    this.signal = cancel ? AbortSignal.any([cancel, this.timeout.signal]) : this.timeout.signal;
  }

  answering(): void {
    this.answerBegun = true;
  }

  allows(waitMs: number): boolean {
    return Date.now() + waitMs < this.endsAt && waitMs <= maxRetryWaitMs;
  }

  /** The failure if the request was cancelled or ran out of time, else undefined. */
  failure(url: URL, settings: NetworkSettings): HttpFailure | undefined {
    if (this.cancel?.aborted) return new HttpFailure('cancelled', l10n.t('Cancelled.'));
    if (!this.timeout.signal.aborted) return undefined;
    const seconds = this.timeoutMs / 1000;
    return new HttpFailure('timeout', this.answerBegun
      ? l10n.t('{0} began to answer but did not finish within {1} s. Try again, or {2}.', url.host, seconds, settings.wording.timeout)
      : l10n.t('{0} did not answer within {1} s. Check the address and the network, or {2}.', url.host, seconds, settings.wording.timeout));
  }

  /** Waits before a retry; stops at once on cancellation or the deadline. */
  wait(ms: number, url: URL, settings: NetworkSettings): Promise<void> {
    this.answerBegun = false;
    return new Promise((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        reject(this.failure(url, settings) ?? new HttpFailure('cancelled', l10n.t('Cancelled.')));
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', stop);
        resolve();
      }, ms);
      if (this.signal.aborted) return stop();
      this.signal.addEventListener('abort', stop, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * An address a token may be sent to: https, or plain http only on this machine (a local test
 * org). Used for the `instance_url` and identity URL that Salesforce hands back.
 */
export function isSafeForCredentials(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}
