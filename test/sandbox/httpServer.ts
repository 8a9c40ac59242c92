// The small HTTP layer both sandbox orgs share: loopback listener, routing by method and path
// pattern, JSON bodies, fault injection (faults.ts), and loud logging of routes that do not exist.
// Every request goes through one guarded path: whatever it holds (a malformed Host, bad
// percent-encoding, a body cut short or too large, a handler that throws), it gets an answer in
// the org's own error format or its socket closed, and the process carries on. Malformed request
// lines and headers never get this far: Node's parser answers them 400 (431 past 16 KB of request
// line and headers, Salesforce's documented limit; Okta publishes none) and closes the socket.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FaultAction, type FaultInjector, parseFaults } from './faults';

export interface SandboxRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the shared layer answers on an org's behalf, in that org's error format. */
export type Problem =
  | { kind: 'notFound' }
  | { kind: 'rateLimited'; resetAt: number }
  | { kind: 'serverError'; status: number }
  | { kind: 'badRequest'; reason: string }
  | { kind: 'tooLarge'; limitBytes: number };

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: string;
  /** A path with `:name` segments, e.g. /api/v1/apps/:id */
  path: string;
  handler: Handler;
}

export interface RunningServer {
  readonly url: string;
  readonly faults: FaultInjector;
  close(): Promise<void>;
}

const adminPath = '/__sandbox/faults';
const maxHeaderBytes = 16_384;
/** How long the rest of a refused, too large body is read before its connection is closed. */
const lingerMs = 5000;

export interface ServerOptions {
  name: string;
  routes: Route[];
  /** Runs before routing; a response ends the request there (authentication, for example). */
  before?: (req: SandboxRequest, route: Route) => SandboxResponse | undefined;
  /** Headers every response carries. */
  headers: () => Record<string, string>;
  faults: FaultInjector;
  /** The org's own answer to a problem, in the format of the API `req` went to (REST or OAuth). */
  errorAnswer: (req: SandboxRequest, problem: Problem) => SandboxResponse;
  /** The largest request body the org takes; larger ones are refused with 413 unread. */
  maxBodyBytes: number;
  port?: number;
  log?: (line: string) => void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const compiled = options.routes.map((route) => ({ route, pattern: compile(route.path) }));
  const sockets = new Set<Socket>();
  /** The listener's own origin, known once it listens (before any request). */
  let origin = '';

  const server = http.createServer({ maxHeaderSize: maxHeaderBytes }, (incoming, outgoing) => {
    answer(incoming, outgoing).catch((error: unknown) => {
      // A bug of the sandbox's own (a handler's header Node refuses, say): loud, and only this request's.
      log(`[${options.name}] could not answer ${incoming.method} ${incoming.url}: ${(error as Error).stack ?? String(error)}`);
      incoming.socket.destroy();
    });
  });

  async function answer(incoming: http.IncomingMessage, outgoing: http.ServerResponse): Promise<void> {
    // Waits end when the client goes away, so no timer outlives its request.
    const gone = new AbortController();
    outgoing.once('close', () => gone.abort());
    const url = requestUrl(incoming, origin);
    const req: SandboxRequest = { method: incoming.method ?? 'GET', url: url ?? new URL(origin), params: {}, headers: incoming.headers, body: '' };
    if (!url) {
      log(`[${options.name}] refused ${req.method} ${incoming.url}: a malformed Host header or request target`);
      const problem = { kind: 'badRequest', reason: 'The Host header or the request target is not a valid URL.' } as const;
      return send(outgoing, options.errorAnswer(req, problem), { ...options.headers(), Connection: 'close' });
    }
    const body = await readBody(incoming, options.maxBodyBytes);
    if (body.kind === 'aborted') {
      log(`[${options.name}] ${req.method} ${url.pathname}: the client went away before sending the whole body`);
      return;
    }
    if (body.kind === 'tooLarge') {
      // The rest of the body is read and dropped for a while, so that a client still sending it
      // reads the 413 rather than a reset; then the connection goes.
      const linger = setTimeout(() => incoming.socket.destroy(), lingerMs).unref();
      incoming.once('end', () => clearTimeout(linger));
      log(`[${options.name}] refused ${req.method} ${url.pathname}: a body over ${options.maxBodyBytes} bytes`);
      return send(outgoing, options.errorAnswer(req, { kind: 'tooLarge', limitBytes: options.maxBodyBytes }), options.headers());
    }
    req.body = body.text;
    if (url.pathname === adminPath) return send(outgoing, faultsAdmin(req, options.faults), {});

    const action = options.faults.next(url.pathname);
    if (action.kind === 'reset') {
      log(`[${options.name}] injected connection reset for ${req.method} ${url.pathname}`);
      incoming.socket.destroy();
      return;
    }
    if (action.kind === 'blackHole') {
      // No answer: the socket stays open until the client gives up or close() destroys it.
      log(`[${options.name}] injected black hole for ${req.method} ${url.pathname}`);
      return;
    }
    const slowBodyMs = options.faults.slowBodyMs(url.pathname);
    const { latencyMs = 0 } = options.faults.current;
    try {
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: gone.signal });
      await send(outgoing, await respond(req, action), options.headers(), slowBodyMs, gone.signal);
    } catch (error) {
      if (!gone.signal.aborted) throw error;
    }
  }

  async function respond(req: SandboxRequest, action: FaultAction): Promise<SandboxResponse> {
    switch (action.kind) {
      case 'rateLimit':
        return options.errorAnswer(req, { kind: 'rateLimited', resetAt: action.resetAt });
      case 'serverError': {
        const answer = options.errorAnswer(req, { kind: 'serverError', status: action.status });
        if (action.retryAfterSeconds === undefined) return answer;
        return { ...answer, headers: { ...answer.headers, 'Retry-After': String(action.retryAfterSeconds) } };
      }
      case 'redirect':
        return { status: action.status, headers: { Location: action.location }, body: '' };
      case 'htmlAnswer':
        return htmlPage(action.status);
    }
    try {
      const match = findRoute(compiled, req);
      if (match === 'badEncoding') return options.errorAnswer(req, { kind: 'badRequest', reason: 'The URL holds a malformed percent-encoding.' });
      if (!match) {
        log(`[${options.name}] NO ROUTE for ${req.method} ${req.url.pathname}: answering 404. Add the route if the real API has it.`);
        return options.errorAnswer(req, { kind: 'notFound' });
      }
      req.params = match.params;
      return options.before?.(req, match.route) ?? (await match.route.handler(req));
    } catch (error) {
      log(`[${options.name}] handler error for ${req.method} ${req.url.pathname}: ${(error as Error).stack}`);
      return options.errorAnswer(req, { kind: 'serverError', status: 500 });
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    faults: options.faults,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function compile(path: string): RegExp {
  const source = path.split('/').map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${source}/?$`);
}

function findRoute(compiled: Array<{ route: Route; pattern: RegExp }>, req: SandboxRequest) {
  for (const { route, pattern } of compiled) {
    if (route.method !== req.method) continue;
    const m = pattern.exec(req.url.pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [name, raw] of Object.entries(m.groups ?? {})) {
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        return 'badEncoding';
      }
    }
    return { route, params };
  }
  return undefined;
}

/** A host name or address with an optional port, as a Host header may hold it. */
const hostHeader = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The request's URL as the client addressed it (its Host header, which OAuth audiences and DPoP
 * proofs name; the listener's own origin for HTTP/1.0 without one), or undefined when the Host
 * header or the target is malformed. Only origin-form targets ("/path?query"): the sandbox is not a proxy.
 */
function requestUrl(incoming: http.IncomingMessage, origin: string): URL | undefined {
  const target = incoming.url ?? '';
  const host = incoming.headers.host;
  if (!target.startsWith('/') || (host !== undefined && !hostHeader.test(host))) return undefined;
  const href = `${host === undefined ? origin : `http://${host}`}${target}`;
  return URL.canParse(href) ? new URL(href) : undefined;
}

type Body = { kind: 'read'; text: string } | { kind: 'tooLarge' } | { kind: 'aborted' };

/** The request body, up to `limit` bytes; a larger one (declared or sent) is known at once, and the rest dropped as it comes. */
function readBody(incoming: http.IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    if (Number(incoming.headers['content-length'] ?? 0) > limit) {
      incoming.resume();
      resolve({ kind: 'tooLarge' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      resolve({ kind: 'tooLarge' });
    });
    incoming.on('end', () => resolve({ kind: 'read', text: Buffer.concat(chunks).toString('utf8') }));
    // A body cut short: 'error' (aborted) when the connection closes before its end.
    incoming.on('error', () => resolve({ kind: 'aborted' }));
  });
}

async function send(outgoing: http.ServerResponse, response: SandboxResponse, headers: Record<string, string>, slowBodyMs = 0, gone?: AbortSignal): Promise<void> {
  const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  outgoing.writeHead(response.status, {
    ...headers,
    ...(response.body === undefined || typeof response.body === 'string' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
    ...response.headers,
  });
  if (slowBodyMs <= 0) {
    outgoing.end(body);
    return;
  }
  // A slow body: the headers at once, then up to ten pieces spread evenly over slowBodyMs, so
  // that even a one-byte answer takes that long to finish.
  outgoing.flushHeaders();
  const pieces = Math.max(1, Math.min(10, body.length));
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < pieces; i++) {
    await sleep(slowBodyMs / pieces, undefined, { signal: gone });
    outgoing.write(body.slice(i * size, (i + 1) * size));
  }
  outgoing.end();
}

/** What a wrong login host, a captive portal or a proxy's error page answers instead of the API. */
function htmlPage(status: number): SandboxResponse {
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Answer'}`;
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>This page is not the API.</p></body></html>`,
  };
}

function faultsAdmin(req: SandboxRequest, faults: FaultInjector): SandboxResponse {
  try {
    if (req.method === 'PUT' || req.method === 'POST') faults.set(parseFaults(req.body));
    else if (req.method === 'DELETE') faults.set({});
    else if (req.method !== 'GET') return { status: 405, body: { message: 'use GET, PUT or DELETE' } };
    return { status: 200, body: faults.current };
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } };
  }
}
