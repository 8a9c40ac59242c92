// HTTP/1.1 spoken by hand over a socket, for requests no HTTP client would send: malformed request
// lines and headers, bodies cut short, lengths that lie. What came back is read as it came.
import * as net from 'node:net';

export interface RawAnswer {
  /** The status of the first response, if one came. */
  status?: number;
  headers: Record<string, string>;
  /** The body, de-chunked when sent chunked. */
  body: string;
  /** How the exchange ended: the server closed, the client did (cut), or nothing came in time. */
  ended: 'closed' | 'cut' | 'timeout';
}

export interface RawOptions {
  /** Close the socket this long after writing, without waiting for an answer (a client giving up). */
  cutAfterMs?: number;
  /** Keep writing this chunk, this many times, after `bytes` (a body that goes on). */
  then?: { chunk: string | Buffer; times: number };
  timeoutMs?: number;
}

export function rawExchange(port: number, bytes: string | Buffer, options: RawOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let ended: RawAnswer['ended'] = 'closed';
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      ended = 'timeout';
      socket.destroy();
    }, options.timeoutMs ?? 5000);
    socket.on('connect', () => {
      void write();
    });
    socket.on('data', (chunk) => received.push(chunk));
    // Resets and broken pipes are answers too: the server refusing to listen further.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(received).toString('latin1'), ended));
    });

    async function write(): Promise<void> {
      socket.write(bytes);
      for (let i = 0; i < (options.then?.times ?? 0) && !socket.destroyed && !received.length; i++) {
        if (!socket.write(options.then?.chunk ?? '')) await new Promise((resolve) => socket.once('drain', resolve));
      }
      if (options.cutAfterMs !== undefined) {
        setTimeout(() => {
          if (ended === 'closed') ended = 'cut';
          socket.destroy();
        }, options.cutAfterMs);
      }
    }
  });
}

function parse(text: string, ended: RawAnswer['ended']): RawAnswer {
  const headEnd = text.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
  if (headEnd < 0 || !status) return { headers: {}, body: '', ended };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, headEnd).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(headEnd + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  return { status: Number(status), headers, body: Buffer.from(body, 'latin1').toString('utf8'), ended };
}

/** The first response's body from a chunked stream (anything after its last chunk is dropped). */
function dechunk(text: string): string {
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = lineEnd < 0 ? 0 : parseInt(text.slice(at, lineEnd), 16);
    if (!size) return body;
    body += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
