// What the request policy's transport (src/http/transport.ts, Node's http and https) must do on
// the wire that requestPolicy.test.ts does not already pin down: proxy credentials on the CONNECT
// tunnel and on plain requests (never passed on to the target), one tunnel and one connection
// reused across requests, a chunked answer cut mid-way, repeated headers, the request's own
// framing. The servers are raw sockets where an HTTP server would tidy up what is being tested.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { after, describe, it } from 'node:test';
import { send } from '../../src/http/requestPolicy';
import { selfSignedCertificate } from './selfSignedCert';
import { failureOf, get, testNetwork } from './testNetwork';

const closers: Array<() => void> = [];
after(() => closers.forEach((close) => close()));



/** Listens on loopback; every socket is destroyed when the tests end. */
async function listen<T extends net.Server>(server: T): Promise<{ server: T; port: number; connections: () => number }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  server.on('connection', (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    sockets.forEach((socket) => socket.destroy());
    server.close();
  });
  return { server, port: (server.address() as net.AddressInfo).port, connections: () => connections };
}

/** An https API answering with the headers it was sent. */
async function echoApi(secure: boolean) {
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
  };
  return listen(secure ? https.createServer(selfSignedCertificate(), handler) : http.createServer(handler));
}

/** A forward proxy that wants `user`/`pass` and records what it was asked: CONNECT to `target()`, or a plain request. */
async function authProxy(target: () => number) {
  const seen: Array<{ line: string; authorization?: string }> = [];
  const expected = `Basic ${Buffer.from('proxy user:p@ss:word').toString('base64')}`;
  const proxy = await listen(http.createServer((req, res) => {
    seen.push({ line: `${req.method} ${req.url}`, authorization: req.headers['proxy-authorization'] });
    if (req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic' });
      return res.end();
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    http.request({ host: '127.0.0.1', port: target(), path: new URL(req.url ?? '/').pathname, method: req.method, headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    }).end();
  }));
  proxy.server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    seen.push({ line: `CONNECT ${req.url}`, authorization: req.headers['proxy-authorization'] });
    if (req.headers['proxy-authorization'] !== expected) return socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
    const upstream = net.connect(target(), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return { ...proxy, seen, url: (user: string) => `http://${user}@127.0.0.1:${proxy.port}` };
}

describe('transport: proxies', () => {
  it('opens the tunnel with the proxy URL\'s credentials, decoded, and passes none of them to the target', async () => {
    const api = await echoApi(true);
    const proxy = await authProxy(() => api.port);
    const network = testNetwork({ proxy: proxy.url('proxy%20user:p%40ss%3Aword'), strictSSL: false });
    const answer = await send(get('https://api.example.test/q', { headers: { Authorization: 'Bearer t0k3n' } }), network);
    const { headers } = JSON.parse(answer.body) as { headers: http.IncomingHttpHeaders };
    assert.equal(headers.host, 'api.example.test');
    assert.equal(headers.authorization, 'Bearer t0k3n');
    assert.equal(headers['proxy-authorization'], undefined);
    assert.deepEqual(proxy.seen.map((s) => s.line), ['CONNECT api.example.test:443']);
    assert.equal(proxy.seen[0].authorization, `Basic ${Buffer.from('proxy user:p@ss:word').toString('base64')}`);
  });

  it('sends the same credentials with a plain request in absolute form', async () => {
    const api = await echoApi(false);
    const proxy = await authProxy(() => api.port);
    const answer = await send(get('http://api.example.test/q?x=1'), testNetwork({ proxy: proxy.url('proxy%20user:p%40ss%3Aword') }));
    assert.equal(answer.status, 200);
    assert.deepEqual(proxy.seen.map((s) => s.line), ['GET http://api.example.test/q?x=1']);
    assert.ok(proxy.seen[0].authorization?.startsWith('Basic '));
  });

  it('names wrong proxy credentials, for both kinds of target, without the password', async () => {
    const proxy = await authProxy(() => 0);
    for (const url of ['https://api.example.test/q', 'http://api.example.test/q']) {
      const refused = await failureOf(send(get(url), testNetwork({ proxy: proxy.url('proxy%20user:wrong-secret') })));
      assert.equal(refused.kind, 'proxy', url);
      assert.match(refused.message, /^The proxy http:\/\/127\.0\.0\.1:\d+ refused to connect to api\.example\.test \(HTTP 407: it wants credentials/);
      assert.doesNotMatch(refused.message, /wrong-secret|proxy user/);
    }
  });

  it('names a tunnel the proxy refuses with another status, a redirect to a sign-in portal included', async () => {
    for (const status of ['403 Forbidden', '302 Found\r\nLocation: http://portal.example.test/']) {
      const proxy = await listen(http.createServer());
      proxy.server.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => socket.end(`HTTP/1.1 ${status}\r\n\r\n`));
      const refused = await failureOf(send(get('https://blocked.example.test/q'), testNetwork({ proxy: `http://127.0.0.1:${proxy.port}` })));
      assert.equal(refused.kind, 'proxy', status);
      assert.match(refused.message, new RegExp(`refused to connect to blocked\\.example\\.test \\(HTTP ${status.slice(0, 3)}\\)\\. Check the test proxy settings\\.`));
    }
  });

  it('keeps one tunnel for several requests to the same host', async () => {
    const api = await echoApi(true);
    const proxy = await authProxy(() => api.port);
    const network = testNetwork({ proxy: proxy.url('proxy%20user:p%40ss%3Aword'), strictSSL: false });
    for (let i = 0; i < 3; i++) assert.equal((await send(get(`https://reuse.example.test/q${i}`), network)).status, 200);
    assert.deepEqual(proxy.seen.map((s) => s.line), ['CONNECT reuse.example.test:443']);
  });

  it('keeps the tunnel when the work that opened it is cancelled afterwards (a view refreshed, a command cancelled)', async () => {
    const api = await echoApi(true);
    const proxy = await authProxy(() => api.port);
    const network = testNetwork({ proxy: proxy.url('proxy%20user:p%40ss%3Aword'), strictSSL: false });
    const first = new AbortController();
    assert.equal((await send(get('https://later.example.test/a', { signal: first.signal }), network)).status, 200);
    first.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await send(get('https://later.example.test/b'), network)).status, 200);
    assert.deepEqual(proxy.seen.map((s) => s.line), ['CONNECT later.example.test:443'], 'the tunnel was closed with the first request\'s work');
  });

  it('gives up on a proxy that never answers the CONNECT when cancelled, and closes its connection', async () => {
    const proxy = await listen(http.createServer());
    // 'end': the client closed its side (the proxy's sockets are half-open until the proxy closes too).
    const closed = new Promise<void>((resolve) => proxy.server.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => socket.on('end', () => resolve())));
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    const failure = await failureOf(send(get('https://slow.example.test/q', { signal: cancel.signal }), testNetwork({ proxy: `http://127.0.0.1:${proxy.port}` })));
    assert.equal(failure.kind, 'cancelled');
    await closed;
  });
});

/** A server that writes `answer` by hand on each connection, then does what `after` says. */
async function rawServer(answer: string, then: 'close' | 'keep' = 'close') {
  const requests: string[] = [];
  const raw = await listen(net.createServer((socket) => {
    socket.once('data', (data) => {
      requests.push(data.toString('latin1'));
      socket.write(answer, () => {
        if (then === 'close') setTimeout(() => socket.destroy(), 10);
      });
    });
  }));
  return { ...raw, requests, url: `http://127.0.0.1:${raw.port}` };
}

describe('transport: answers', () => {
  it('names a chunked answer cut before its last chunk as truncated, not as a short whole', async () => {
    const server = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[1,2,\r\n');
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork()));
    assert.equal(failure.kind, 'truncated');
    assert.match(failure.message, /answer \(HTTP 200\) was cut off after 5 bytes/);
    assert.equal(server.requests.length, 3, 'a GET is sent again twice');
  });

  it('names a connection closed before any answer as a reset, and never sends a POST again', async () => {
    const server = await rawServer('');
    const failure = await failureOf(send({ ...get(`${server.url}/q`), method: 'POST', body: '{}' }, testNetwork()));
    assert.equal(failure.kind, 'reset');
    assert.equal(server.requests.length, 1);
  });

  it('lower-cases header names and joins repeated ones with ", ", Set-Cookie and Content-Type included', async () => {
    const server = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-type: charset=utf-8\r\n'
      + 'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Rate-Limit-Remaining: 5\r\nX-RATE-LIMIT-REMAINING: 4\r\nContent-Length: 2\r\n\r\n{}', 'keep');
    const answer = await send(get(`${server.url}/q`), testNetwork());
    assert.equal(answer.headers['set-cookie'], 'a=1, b=2');
    assert.equal(answer.headers['content-type'], 'application/json, charset=utf-8');
    assert.equal(answer.headers['x-rate-limit-remaining'], '5, 4');
    assert.equal(answer.body, '{}');
  });

  it('leaves a compressed answer as it came: it never asks for one', async () => {
    const server = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}', 'keep');
    await send(get(`${server.url}/q`), testNetwork());
    assert.doesNotMatch(server.requests[0], /accept-encoding/i);
  });
});

describe('transport: requests', () => {
  it('sends a body with its length in bytes, not chunked, and keeps the connection for the next request', async () => {
    const api = await echoApi(false);
    const body = JSON.stringify({ name: 'Zoë Ångström' });
    for (let i = 0; i < 2; i++) {
      const answer = await send({ ...get(`http://127.0.0.1:${api.port}/q`), method: 'POST', body }, testNetwork());
      const echoed = JSON.parse(answer.body) as { headers: http.IncomingHttpHeaders; body: string };
      assert.equal(echoed.body, body);
      assert.equal(echoed.headers['content-length'], String(Buffer.byteLength(body)));
      assert.equal(echoed.headers['transfer-encoding'], undefined);
    }
    assert.equal(api.connections(), 1);
  });
});
