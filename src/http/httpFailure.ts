/**
 * What went wrong with one HTTP request, named so that an admin knows what happened and what to
 * change: refused, reset, TLS, DNS, timeout, redirect, an HTML page where an API was expected, a
 * cut-off answer, the proxy. Built by the request policy (requestPolicy.ts) for both adapters and
 * the okta-sf command line; imports nothing from vscode.
 */
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
    return new HttpFailure('proxy', status
      ? `The proxy ${viaProxy} refused to connect to ${host} (HTTP ${status}${status === '407' ? ': it wants credentials, give them in the proxy URL' : ''}). Check ${wording.proxy}.`
      : `The connection to ${host} through the proxy ${viaProxy} failed (${code ?? excerpt(message, 80)}). Check ${wording.proxy}.`);
  }
  if (viaProxy && (code === 'ECONNREFUSED' || (code && dnsCodes.has(code)))) {
    return new HttpFailure('proxy', `Cannot reach the proxy ${viaProxy} (${code}). Check ${wording.proxy}.`);
  }
  if (code === 'ECONNREFUSED') {
    return new HttpFailure('refused', `${host} refused the connection (ECONNREFUSED: nothing answers on port ${url.port || (url.protocol === 'https:' ? 443 : 80)}). Check the ${service.urlName}.`);
  }
  if (code && dnsCodes.has(code)) {
    return new HttpFailure('dns', `${url.hostname} was not found (DNS: ${code}). Check the ${service.urlName} for typos, and the network.`);
  }
  if (code && resetCodes.has(code)) {
    return new HttpFailure('reset', `${host} closed the connection before answering (${code}). Try again; if it keeps happening, check the network and ${wording.proxy}.`);
  }
  if ((code && isTlsCode(code)) || /wrong version number|certificate|ssl|tls/i.test(message)) {
    const plainHttp = /wrong version number|packet length too long/i.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER';
    return new HttpFailure('tls', plainHttp
      ? `${host} does not speak HTTPS on port ${url.port || 443} (${code ?? 'TLS error'}). Check the ${service.urlName}: is it an http:// server?`
      : `The secure connection to ${host} failed (${code ?? excerpt(message, 80)}). If a proxy or security tool on this network re-signs HTTPS, its certificate authority must be trusted (NODE_EXTRA_CA_CERTS); check ${wording.proxy}.`);
  }
  if (code && unreachableCodes.has(code)) {
    return new HttpFailure('network', `${host} cannot be reached from this machine (${code}). Check the network and ${wording.proxy}.`);
  }
  return new HttpFailure('network', `The request to ${host} failed (${code ?? excerpt(message, 120)}). Check the ${service.urlName}, the network and ${wording.proxy}.`);
}

/**
 * What a pause before a retry is called while it lasts, `secondsLeft` counting down:
 * "waiting 12 s: dev-1.okta.com is limiting the rate of requests (HTTP 429)".
 */
export function waitMessage(wait: Pick<RetryWait, 'host' | 'reason' | 'status'>, secondsLeft: number): string {
  const why = wait.reason === 'rateLimited'
    ? `${wait.host} is limiting the rate of requests (HTTP ${wait.status ?? 429})`
    : wait.reason === 'serverError'
      ? `${wait.host} had a server error${wait.status ? ` (HTTP ${wait.status})` : ''}; trying again`
      : `the connection to ${wait.host} broke; trying again`;
  return `waiting ${Math.max(1, Math.ceil(secondsLeft))} s: ${why}`;
}
