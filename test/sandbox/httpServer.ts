// The small HTTP layer both sandbox orgs share: loopback listener, routing by method and path
// pattern, JSON bodies, and loud logging of routes that do not exist.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

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
  close(): Promise<void>;
}

export interface ServerOptions {
  name: string;
  routes: Route[];
  /** Runs before routing; a response ends the request there (authentication, for example). */
  before?: (req: SandboxRequest, route: Route) => SandboxResponse | undefined;
  /** Headers every response carries. */
  headers: () => Record<string, string>;
  notFound: (req: SandboxRequest) => SandboxResponse;
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
    let response: SandboxResponse;
    try {
      const match = findRoute(compiled, req);
      if (!match) {
        log(`[${options.name}] NO ROUTE for ${req.method} ${url.pathname}: answering 404. Add the route if the real API has it.`);
        response = options.notFound(req);
      } else {
        req.params = match.params;
        response = options.before?.(req, match.route) ?? (await match.route.handler(req));
      }
    } catch (error) {
      log(`[${options.name}] handler error for ${req.method} ${url.pathname}: ${(error as Error).stack}`);
      response = { status: 500, body: { message: 'sandbox handler error' } };
    }
    const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    outgoing.writeHead(response.status, {
      ...options.headers(),
      ...(response.body === undefined || typeof response.body === 'string' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
      ...response.headers,
    });
    outgoing.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
