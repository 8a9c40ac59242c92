// Another loopback address for a local server: a TCP forwarder on 127.0.0.2 to the server's own
// address. code-server's workbench rewrites only localhost, 127.0.0.1 and 0.0.0.0 addresses when it
// opens them (asExternalUri); an address under 127.0.0.2 reaches the same server untouched.
import * as net from 'node:net';

export interface LoopbackAlias {
  /** The server's URL with 127.0.0.2 and the forwarder's port. */
  url: string;
  close(): Promise<void>;
}

export async function loopbackAlias(serverUrl: string): Promise<LoopbackAlias> {
  const target = new URL(serverUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.2', resolve);
  });
  const alias = new URL(serverUrl);
  alias.hostname = '127.0.0.2';
  alias.port = String((server.address() as net.AddressInfo).port);
  return {
    url: alias.href.replace(/\/$/, ''),
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
