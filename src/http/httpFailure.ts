/**
 * What went wrong with one HTTP request, named so that an admin knows what happened and what to
 * change: refused, reset, TLS, DNS, timeout, redirect, an HTML page where an API was expected, a
 * cut-off answer, the proxy. Built by the request policy (requestPolicy.ts) for both adapters and
 * the okta-sf command line; imports nothing from vscode.
 */
import * as l10n from '@vscode/l10n';
import { excerpt } from '../domain/redact';
import type { RetryWait } from './requestPolicy';

export type HttpFailureKind =
  | 'refused' | 'reset' | 'tls' | 'dns' | 'timeout' | 'redirect' | 'html' | 'truncated' | 'proxy'
  | 'rateLimited' | 'server' | 'tooLarge' | 'cancelled' | 'network';

/** Where the user changes what a message points at: the extension's settings or the CLI's flags. */
export interface Wording {
  /** How to allow more time, e.g. `raise "oktaSf.requestTimeoutSeconds"` or `raise --timeout`. */
  timeout: string;
  /** Where proxies are set, e.g. `VS Code's "http.proxy" and "http.noProxy" settings`. */
  proxy: string;
}

/** What a request was meant to reach, for messages: "Salesforce's REST API" at "the instance URL". */
export interface Service {
  name: string;
  /** The address the user typed that this request used, e.g. "instance URL", "login URL", "org URL". */
  urlName: string;
}

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    /** The HTTP status, when an answer came. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

/** How the adapters' own failures group an HttpFailure: what an admin can do differs only between these. */
export type FailureGroup = 'cancelled' | 'timeout' | 'rateLimited' | 'server' | 'unreachable';

export function failureGroup(failure: HttpFailure): FailureGroup {
  switch (failure.kind) {
    case 'cancelled':
    case 'timeout':
    case 'rateLimited':
    case 'server':
      return failure.kind;
    case 'tooLarge':
      return 'server';
    default:
      return 'unreachable';
  }
}

/** Network error codes, from Node's sockets, DNS and TLS, grouped by what the admin should check. */
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const unreachableCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const isTlsCode = (code: string) => /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/.test(code);

/** The first code in an error and its causes. */
export function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/**
 * Names a transport error (no HTTP answer, or an answer cut off) for a request to `url`.
 * `viaProxy` is the proxy's origin when the request went through one.
 */
export function networkFailure(error: unknown, url: URL, service: Service, wording: Wording, viaProxy?: string): HttpFailure {
  const code = errorCode(error);
  const host = url.host;
  const message = error instanceof Error ? error.message : String(error);
  // ERR_PROXY_TUNNEL: the proxy answered the CONNECT with another status than 200 (transport.ts).
  if (viaProxy && (code === 'ERR_PROXY_TUNNEL' || /proxy/i.test(message))) {
    const status = /\((\d{3})\)/.exec(message)?.[1];
    return new HttpFailure('proxy', status === '407'
      ? l10n.t('The proxy {0} refused to connect to {1} (HTTP 407: it wants credentials, give them in the proxy URL). Check {2}.', viaProxy, host, wording.proxy)
      : status
        ? l10n.t('The proxy {0} refused to connect to {1} (HTTP {2}). Check {3}.', viaProxy, host, status, wording.proxy)
        : l10n.t('The connection to {0} through the proxy {1} failed ({2}). Check {3}.', host, viaProxy, code ?? excerpt(message, 80), wording.proxy));
  }
  if (viaProxy && (code === 'ECONNREFUSED' || (code && dnsCodes.has(code)))) {
    return new HttpFailure('proxy', l10n.t('Cannot reach the proxy {0} ({1}). Check {2}.', viaProxy, code, wording.proxy));
  }
  if (code === 'ECONNREFUSED') {
    return new HttpFailure('refused', l10n.t('{0} refused the connection (ECONNREFUSED: nothing answers on port {1}). Check the {2}.', host, url.port || (url.protocol === 'https:' ? 443 : 80), service.urlName));
  }
  if (code && dnsCodes.has(code)) {
    return new HttpFailure('dns', l10n.t('{0} was not found (DNS: {1}). Check the {2} for typos, and the network.', url.hostname, code, service.urlName));
  }
  if (code && resetCodes.has(code)) {
    return new HttpFailure('reset', l10n.t('{0} closed the connection before answering ({1}). Try again; if it keeps happening, check the network and {2}.', host, code, wording.proxy));
  }
  if ((code && isTlsCode(code)) || /wrong version number|certificate|ssl|tls/i.test(message)) {
    const plainHttp = /wrong version number|packet length too long/i.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER';
    return new HttpFailure('tls', plainHttp
      ? l10n.t('{0} does not speak HTTPS on port {1} ({2}). Check the {3}: is it an http:// server?', host, url.port || 443, code ?? l10n.t('TLS error'), service.urlName)
      : l10n.t('The secure connection to {0} failed ({1}). If a proxy or security tool on this network re-signs HTTPS, its certificate authority must be trusted (NODE_EXTRA_CA_CERTS); check {2}.', host, code ?? excerpt(message, 80), wording.proxy));
  }
  if (code && unreachableCodes.has(code)) {
    return new HttpFailure('network', l10n.t('{0} cannot be reached from this machine ({1}). Check the network and {2}.', host, code, wording.proxy));
  }
  return new HttpFailure('network', l10n.t('The request to {0} failed ({1}). Check the {2}, the network and {3}.', host, code ?? excerpt(message, 120), service.urlName, wording.proxy));
}

/**
 * What a pause before a retry is called while it lasts, `secondsLeft` counting down:
 * "waiting 12 s: dev-1.okta.com is limiting the rate of requests (HTTP 429)".
 */
export function waitMessage(wait: Pick<RetryWait, 'host' | 'reason' | 'status'>, secondsLeft: number): string {
  const seconds = Math.max(1, Math.ceil(secondsLeft));
  if (wait.reason === 'rateLimited') return l10n.t('waiting {0} s: {1} is limiting the rate of requests (HTTP {2})', seconds, wait.host, wait.status ?? 429);
  if (wait.reason === 'serverError') {
    return wait.status
      ? l10n.t('waiting {0} s: {1} had a server error (HTTP {2}); trying again', seconds, wait.host, wait.status)
      : l10n.t('waiting {0} s: {1} had a server error; trying again', seconds, wait.host);
  }
  return l10n.t('waiting {0} s: the connection to {1} broke; trying again', seconds, wait.host);
}
