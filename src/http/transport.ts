/**
 * How one HTTP exchange leaves this machine, for the request policy (requestPolicy.ts): Node's own
 * `node:http` and `node:https`, with keep-alive connection pools per proxy and certificate setting,
 * and VS Code's kind of proxying: https targets through an HTTP CONNECT tunnel, http targets as an
 * absolute URI to the proxy, credentials from the proxy URL as `Proxy-Authorization`.
 * Node's modules come from its own binary, so loading them costs a few ms (undici, used before,
 * cost about 150 ms and 25 MB to load: the Okta SDK's first use, issue 12).
 * Nothing here retries, waits or names a failure: the policy does. Errors keep Node's codes
 * (ECONNRESET, ENOTFOUND, certificate codes, ...), which httpFailure.ts names.
 * Imports nothing from vscode.
 */
import * as l10n from '@vscode/l10n';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

export interface Route {
  /** The proxy URL (proxyRules.ts decides), or undefined to connect directly. */
  proxy?: string;
  /** false accepts any certificate, the proxy's and the target's (VS Code's `http.proxyStrictSSL`). */
  strictSSL: boolean;
  /** Aborts the exchange, the proxy's tunnel included. */
  signal: AbortSignal;
}

export interface Outgoing {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A tunnel that the proxy refused (any status but 200); the message names the status as `(407)`. */
export class ProxyTunnelError extends Error {
  readonly code = 'ERR_PROXY_TUNNEL';
  constructor(readonly status: number) {
    super(`Proxy response (${status}) to CONNECT`);
  }
}

/**
 * Sends one request and resolves when the answer's head has come; the body is then read from the
 * returned message. Rejects on a transport error before the head, or when `route.signal` aborts.
 */
export function exchange(url: URL, outgoing: Outgoing, route: Route): Promise<http.IncomingMessage> {
  const pool = poolFor(route.proxy, route.strictSSL);
  const headers: Record<string, string> = { ...outgoing.headers };
  if (outgoing.body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(outgoing.body));
  }
  const options: http.RequestOptions & TunnelOptions = { method: outgoing.method, headers, signal: route.signal, tunnelSignal: route.signal };
  let request: http.ClientRequest;
  if (!pool.proxy) {
    request = (url.protocol === 'https:' ? https : http).request(url, { ...options, agent: url.protocol === 'https:' ? pool.https : pool.http });
  } else if (url.protocol === 'https:') {
    request = https.request(url, { ...options, agent: pool.https });
  } else {
    // A plain request goes to the proxy itself, naming the whole target URL; Host stays the target's.
    request = pool.proxy.module.request(pool.proxy.url, {
      ...options, agent: pool.http, path: `${url.origin}${url.pathname}${url.search}`,
      headers: { ...headers, host: url.host, ...pool.proxy.authorization },
    });
  }
  return new Promise((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
    request.end(outgoing.body);
  });
}

/** A keep-alive connection pool: one agent for http targets, one for https targets. */
interface Pool {
  http: http.Agent;
  https: https.Agent;
  proxy?: Proxy;
}

interface Proxy {
  url: URL;
  module: typeof http | typeof https;
  authorization: { 'proxy-authorization'?: string };
  strictSSL: boolean;
}

/** Pools, one per proxy and certificate setting; the settings rarely change, so few are ever made. */
const pools = new Map<string, Pool>();
const maxPools = 4;

function poolFor(proxyUrl: string | undefined, strictSSL: boolean): Pool {
  const key = `${proxyUrl ?? ''}|${strictSSL}`;
  let pool = pools.get(key);
  if (!pool) {
    // No socket timeouts: the policy's deadline is the only one ("0: wait forever" must hold).
    const keepAlive = { keepAlive: true, rejectUnauthorized: strictSSL };
    const proxy = proxyUrl === undefined ? undefined : proxyOf(proxyUrl, strictSSL);
    pool = proxy
      ? { http: new proxy.module.Agent(keepAlive), https: new TunnelAgent(proxy, keepAlive), proxy }
      : { http: new http.Agent(keepAlive), https: new https.Agent(keepAlive) };
    if (pools.size >= maxPools) {
      const [oldestKey, oldest] = pools.entries().next().value as [string, Pool];
      pools.delete(oldestKey);
      oldest.http.destroy();
      oldest.https.destroy();
    }
    pools.set(key, pool);
  }
  return pool;
}

function proxyOf(proxyUrl: string, strictSSL: boolean): Proxy {
  const url = new URL(proxyUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(l10n.t('Unsupported proxy protocol {0} (only http: and https: proxies)', url.protocol));
  const credentials = url.username || url.password
    ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
    : undefined;
  return {
    url,
    module: url.protocol === 'https:' ? https : http,
    authorization: credentials === undefined ? {} : { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` },
    strictSSL,
  };
}

/** The request options Node hands on to an agent's createConnection: the request's own `signal` is not among them. */
interface TunnelOptions {
  tunnelSignal?: AbortSignal;
}

/**
 * An https agent whose connections are TLS over a CONNECT tunnel through the proxy. Node documents
 * that createConnection may hand its socket to `callback` instead of returning it, which lets the
 * tunnel be opened first; the agent then pools the TLS sockets by target as usual.
 */
class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: Proxy, options: https.AgentOptions) {
    super(options);
  }

  override createConnection(options: tls.ConnectionOptions & TunnelOptions, callback: (error: Error | null, socket?: Duplex) => void): Duplex | undefined {
    const host = options.host ?? 'localhost';
    const authority = `${net.isIPv6(host) ? `[${host}]` : host}:${options.port ?? 443}`;
    const connect = this.proxy.module.request(this.proxy.url, {
      method: 'CONNECT', path: authority, agent: false, signal: options.tunnelSignal,
      headers: { host: authority, ...this.proxy.authorization }, rejectUnauthorized: this.proxy.strictSSL,
    });
    connect.once('connect', (response: http.IncomingMessage, socket: net.Socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        callback(new ProxyTunnelError(response.statusCode ?? 0));
        return;
      }
      callback(null, tls.connect({
        socket, host, servername: options.servername || undefined, rejectUnauthorized: options.rejectUnauthorized, ALPNProtocols: ['http/1.1'],
      }));
    });
    connect.once('error', (error) => callback(error));
    connect.end();
    return undefined;
  }
}
