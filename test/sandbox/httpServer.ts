// The small HTTP layer both sandbox orgs share: loopback listener, routing by method and path
// pattern, JSON bodies, fault injection (faults.ts), and loud logging of routes that do not exist.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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

export interface ServerOptions {
  name: string;
  routes: Route[];
  /** Runs before routing; a response ends the request there (authentication, for example). */
  before?: (req: SandboxRequest, route: Route) => SandboxResponse | undefined;
  /** Headers every response carries. */
  headers: () => Record<string, string>;
  notFound: (req: SandboxRequest) => SandboxResponse;
  faults: FaultInjector;
  /** The org's own answers for injected faults, in its API's format. */
  rateLimited: (resetAt: number) => SandboxResponse;
  serverError: (status: number) => SandboxResponse;
  port?: number;
  log?: (line: string) => void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const compiled = options.routes.map((route) => ({ route, pattern: compile(route.path) }));
  const sockets = new Set<Socket>();

  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
    const req: SandboxRequest = { method: incoming.method ?? 'GET', url, params: {}, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
    if (url.pathname === adminPath) return send(outgoing, faultsAdmin(req, options.faults), {});

    const action = options.faults.next();
    if (action.kind === 'reset') {
      log(`[${options.name}] injected connection reset for ${req.method} ${url.pathname}`);
      incoming.socket.destroy();
      return;
    }
    const { latencyMs = 0, slowBodyMs = 0 } = options.faults.current;
    if (latencyMs > 0) await sleep(latencyMs);
    await send(outgoing, await respond(req, action), options.headers(), slowBodyMs);
  });

  async function respond(req: SandboxRequest, action: FaultAction): Promise<SandboxResponse> {
    if (action.kind === 'rateLimit') return options.rateLimited(action.resetAt);
    if (action.kind === 'serverError') return options.serverError(action.status);
    try {
      const match = findRoute(compiled, req);
      if (!match) {
        log(`[${options.name}] NO ROUTE for ${req.method} ${req.url.pathname}: answering 404. Add the route if the real API has it.`);
        return options.notFound(req);
      }
      req.params = match.params;
      return options.before?.(req, match.route) ?? (await match.route.handler(req));
    } catch (error) {
      log(`[${options.name}] handler error for ${req.method} ${req.url.pathname}: ${(error as Error).stack}`);
      return options.serverError(500);
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
    if (m) return { route, params: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
  }
  return undefined;
}

async function send(outgoing: http.ServerResponse, response: SandboxResponse, headers: Record<string, string>, slowBodyMs = 0): Promise<void> {
  const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  outgoing.writeHead(response.status, {
    ...headers,
    ...(response.body === undefined || typeof response.body === 'string' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
    ...response.headers,
  });
  if (slowBodyMs <= 0 || body.length < 2) {
    outgoing.end(body);
    return;
  }
  // A slow body: ten pieces, spread evenly over slowBodyMs.
  const pieces = 10;
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length; i += size) {
    outgoing.write(body.slice(i, i + size));
    await sleep(slowBodyMs / pieces);
  }
  outgoing.end();
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
