// The request policy (src/http/requestPolicy.ts) over real sockets: retries, deadlines,
// redirects, proxies, certificates and the names of failures. The servers here misbehave on
// purpose, each in one way; the fault matrix (faultMatrix.test.ts) runs the adapters and the CLI
// against the sandbox orgs.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { after, describe, it } from 'node:test';
import { type RetryWait, send, waitMessage } from '../../src/http/requestPolicy';
import { selfSignedCertificate } from './selfSignedCert';
import { failureOf, get, testNetwork } from './testNetwork';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

interface TestServer {
  server: http.Server;
  url: string;
  port: number;
  hits: number;
  requests: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

const tls = selfSignedCertificate();

async function serve(handler: Handler, secure = false): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const state = { hits: 0, requests: [] as http.IncomingHttpHeaders[] };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    state.requests.push(req.headers);
    req.resume();
    req.on('end', () => handler(req, res, ++state.hits));
  };
  const server = secure ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  server.on(secure ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const running: TestServer = {
    server,
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    get hits() {
      return state.hits;
    },
    requests: state.requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
  servers.push(running);
  return running;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};



describe('request policy: retries', () => {
  it('sends a GET again after a connection reset, and succeeds', async () => {
    const server = await serve((req, res, hit) => (hit === 1 ? req.socket.destroy() : json(res, 200, { ok: true })));
    const answer = await send(get(`${server.url}/data`), testNetwork());
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { ok: true });
    assert.equal(server.hits, 2);
  });

  it('never sends a POST again unless it is marked idempotent', async () => {
    const server = await serve((req) => req.socket.destroy());
    const failure = await failureOf(send({ ...get(`${server.url}/token`), method: 'POST', body: 'code=once' }, testNetwork()));
    assert.equal(failure.kind, 'reset');
    assert.match(failure.message, /127\.0\.0\.1:\d+ closed the connection before answering/);
    assert.equal(server.hits, 1);
  });

  it('sends an idempotent POST again after a 503 and after a reset', async () => {
    const server = await serve((req, res, hit) => (hit === 1 ? json(res, 503, { error: 'busy' }) : hit === 2 ? req.socket.destroy() : json(res, 200, { ok: 1 })));
    const answer = await send({ ...get(`${server.url}/token`), method: 'POST', body: 'grant_type=refresh_token', idempotent: true }, testNetwork());
    assert.equal(answer.status, 200);
    assert.equal(server.hits, 3);
  });

  it('gives up after two retries and names the server error with a short excerpt of its answer', async () => {
    const server = await serve((_, res) => json(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred. ${'x'.repeat(5000)}` }]));
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork()));
    assert.equal(failure.kind, 'server');
    assert.equal(failure.status, 500);
    assert.equal(server.hits, 3);
    assert.match(failure.message, /had a server error \(HTTP 500, 3 tries\): \[\{"errorCode":"UNKNOWN_EXCEPTION"/);
    assert.ok(failure.message.length < 400, failure.message);
  });

  it('waits as Retry-After says before trying again', async () => {
    const server = await serve((_, res, hit) => (hit === 1 ? json(res, 429, {}, { 'Retry-After': '1' }) : json(res, 200, {})));
    const started = Date.now();
    await send(get(`${server.url}/q`), testNetwork());
    assert.ok(Date.now() - started >= 950, `retried after ${Date.now() - started} ms`);
    assert.equal(server.hits, 2);
  });

  it('does not wait past the deadline: a Retry-After beyond it fails at once, saying when to try again', async () => {
    const server = await serve((_, res) => json(res, 429, {}, { 'Retry-After': '120' }));
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork({ timeoutMs: 2000 })));
    assert.equal(failure.kind, 'rateLimited');
    assert.match(failure.message, /limiting the rate of requests \(HTTP 429\); try again in 120 s/);
    assert.equal(server.hits, 1);
  });

  it('sends a cut-off GET answer again, then names it', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"records": [');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork()));
    assert.equal(failure.kind, 'truncated');
    assert.match(failure.message, /answer \(HTTP 200\) was cut off after 13 bytes/);
    assert.equal(server.hits, 3);
  });
});

describe('request policy: waits are told as they begin', () => {
  it("tells onWait of a rate limit's pause, with the host and Okta's X-Rate-Limit-Reset, and when it is over", async () => {
    const waits: RetryWait[] = [];
    const events: string[] = [];
    const server = await serve((_, res, hit) => {
      events.push(`request ${hit}`);
      if (hit > 1) return json(res, 200, {});
      const now = Date.now();
      // Okta's format: the epoch second the window resets, against the answer's own Date.
      json(res, 429, {}, { Date: new Date(now).toUTCString(), 'X-Rate-Limit-Reset': String(Math.floor(now / 1000) + 1) });
    });
    await send(get(`${server.url}/api/v1/apps`), testNetwork({
      onWait: (wait) => {
        waits.push(wait);
        events.push('wait begins');
        void wait.over.then(() => events.push('wait over'));
      },
    }));
    assert.equal(waits.length, 1);
    const [wait] = waits;
    assert.equal(wait.reason, 'rateLimited');
    assert.equal(wait.status, 429);
    assert.equal(wait.host, `127.0.0.1:${server.port}`);
    // Reset in at most 1 s, plus the second Okta asks to add; never 0.
    assert.ok(wait.ms >= 1000 && wait.ms <= 2100, `waited ${wait.ms} ms`);
    assert.deepEqual(events, ['request 1', 'wait begins', 'wait over', 'request 2']);
    assert.match(waitMessage(wait, wait.ms / 1000), /^waiting [12] s: 127\.0\.0\.1:\d+ is limiting the rate of requests \(HTTP 429\)$/);
  });

  it('tells of each pause after a server error or a reset, and a listener that throws does not stop the work', async () => {
    const reasons: string[] = [];
    const server = await serve((req, res, hit) => (hit === 1 ? json(res, 503, {}, { 'Retry-After': '0' }) : hit === 2 ? req.socket.destroy() : json(res, 200, { ok: 1 })));
    const answer = await send(get(`${server.url}/q`), testNetwork({
      onWait: (wait) => {
        reasons.push(`${wait.reason} ${wait.status ?? '-'}`);
        throw new Error('a broken progress display');
      },
    }));
    assert.equal(answer.status, 200);
    assert.deepEqual(reasons, ['serverError 503', 'connection -']);
  });

  it('settles the pause when the request is cancelled during it, and tells nothing for a request that is not retried', async () => {
    const controller = new AbortController();
    let over: Promise<void> | undefined;
    const server = await serve((_, res) => json(res, 429, {}, { 'Retry-After': '3' }));
    const failure = failureOf(send(get(`${server.url}/q`, { signal: controller.signal }), testNetwork({
      onWait: (wait) => {
        over = wait.over;
        setTimeout(() => controller.abort(), 50);
      },
    })));
    assert.equal((await failure).kind, 'cancelled');
    assert.ok(over, 'the pause was told');
    await over;
    let told = 0;
    await failureOf(send({ ...get(`${server.url}/q`), method: 'POST', body: '{}' }, testNetwork({ onWait: () => told++ })));
    assert.equal(told, 0, 'a POST is not sent again, so there is no pause to tell of');
  });

  it('words each kind of pause, counting whole seconds up', () => {
    assert.equal(waitMessage({ host: 'dev-1.okta.com', reason: 'rateLimited', status: 429 }, 11.2), 'waiting 12 s: dev-1.okta.com is limiting the rate of requests (HTTP 429)');
    assert.equal(waitMessage({ host: 'x.my.salesforce.com', reason: 'serverError', status: 503 }, 0.2), 'waiting 1 s: x.my.salesforce.com had a server error (HTTP 503); trying again');
    assert.equal(waitMessage({ host: 'h', reason: 'connection' }, 2), 'waiting 2 s: the connection to h broke; trying again');
  });
});

describe('request policy: deadlines and cancellation', () => {
  it('names a server that accepts and never answers', async () => {
    const server = await serve(() => undefined);
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork({ timeoutMs: 300 })));
    assert.equal(failure.kind, 'timeout');
    assert.match(failure.message, /did not answer within 0\.3 s\. Check the address and the network, or raise the test timeout\./);
  });

  it('names an answer that trickles in slower than the deadline', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork({ timeoutMs: 400 })));
    assert.equal(failure.kind, 'timeout');
    assert.match(failure.message, /began to answer but did not finish within 0\.4 s/);
  });

  it('stops at once when cancelled, and says so', async () => {
    const server = await serve(() => undefined);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 50);
    const failure = await failureOf(send(get(`${server.url}/q`, { signal: cancel.signal }), testNetwork()));
    assert.equal(failure.kind, 'cancelled');
  });

  it('refuses an answer larger than it will hold in memory', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      let sent = 0;
      const write = () => {
        while (sent < 70 && res.write(chunk)) sent++;
        if (sent < 70) res.once('drain', write);
        else res.end();
      };
      write();
    });
    const failure = await failureOf(send(get(`${server.url}/q`), testNetwork()));
    assert.equal(failure.kind, 'tooLarge');
  });
});

describe('request policy: where requests may go', () => {
  it('follows a redirect within the same origin, credentials kept', async () => {
    const server = await serve((req, res) => (req.url === '/old' ? (res.writeHead(301, { Location: '/new' }), res.end()) : json(res, 200, { at: req.url })));
    const answer = await send(get(`${server.url}/old`, { headers: { Authorization: 'Bearer t0k3n' } }), testNetwork());
    assert.deepEqual(JSON.parse(answer.body), { at: '/new' });
    assert.equal(server.requests[1]?.authorization, 'Bearer t0k3n');
  });

  it('never follows a redirect to another origin, and says where it pointed', async () => {
    const capture = await serve((_, res) => json(res, 200, {}));
    const server = await serve((_, res) => {
      res.writeHead(302, { Location: `${capture.url}/steal?access_token=secret123` });
      res.end();
    });
    const failure = await failureOf(send(get(`${server.url}/q`, { headers: { Authorization: 'Bearer t0k3n' } }), testNetwork()));
    assert.equal(failure.kind, 'redirect');
    assert.match(failure.message, new RegExp(`redirected the request to ${capture.url.replace(/[.]/g, '\\.')}/steal \\(HTTP 302\\)\\. It was not followed`));
    assert.doesNotMatch(failure.message, /secret123/);
    assert.equal(capture.hits, 0);
  });

  it('names an HTML page where the API was expected, with its status, never the page itself', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<html><body><h1>Welcome to our website</h1>${'<p>lorem</p>'.repeat(500)}</body></html>`);
    });
    const failure = await failureOf(send(get(`${server.url}/services/oauth2/token`), testNetwork()));
    assert.equal(failure.kind, 'html');
    assert.match(failure.message, /answered with an HTML page \(HTTP 200\), not the test API: check the test URL\./);
    assert.doesNotMatch(failure.message, /Welcome|lorem/);
    // Unless HTML is what the request wants (a sign-in page).
    assert.equal((await send(get(`${server.url}/authorize`, { acceptHtml: true }), testNetwork())).status, 200);
  });

  it('names a refused port, an unknown host and a plain-http server behind an https URL', async () => {
    const closed = await serve(() => undefined);
    await closed.close();
    const refused = await failureOf(send(get(`${closed.url}/q`), testNetwork()));
    assert.equal(refused.kind, 'refused');
    assert.match(refused.message, new RegExp(`refused the connection \\(ECONNREFUSED: nothing answers on port ${closed.port}\\)\\. Check the test URL\\.`));

    const unknown = await failureOf(send(get('https://no-such-org.invalid/q'), testNetwork()));
    assert.equal(unknown.kind, 'dns');
    assert.match(unknown.message, /no-such-org\.invalid was not found \(DNS: ENOTFOUND\)/);

    const malformed = await failureOf(send(get('https://acme .example/q'), testNetwork()));
    assert.match(malformed.message, /^"https:\/\/acme \.example\/q" is not a web address\. Check the test URL\.$/);

    const plain = await serve((_, res) => json(res, 200, {}));
    const mismatch = await failureOf(send(get(`https://127.0.0.1:${plain.port}/q`), testNetwork()));
    assert.equal(mismatch.kind, 'tls');
    assert.match(mismatch.message, /does not speak HTTPS/);
  });

  it('checks certificates unless proxyStrictSSL is off, as VS Code does', async () => {
    const secure = await serve((_, res) => json(res, 200, { secure: true }), true);
    const untrusted = await failureOf(send(get(`${secure.url}/q`), testNetwork()));
    assert.equal(untrusted.kind, 'tls');
    assert.match(untrusted.message, /secure connection to 127\.0\.0\.1:\d+ failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    assert.equal((await send(get(`${secure.url}/q`), testNetwork({ strictSSL: false }))).status, 200);
  });
});

/** A forward proxy: plain requests in absolute form, https through CONNECT; every host name leads to port `target()`. */
async function forwardProxy(target: () => number, answer407 = false): Promise<TestServer & { seen: string[] }> {
  const seen: string[] = [];
  const proxy = await serve((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (answer407) return json(res, 407, {}, { 'Proxy-Authenticate': 'Basic' });
    const forward = http.request({ host: '127.0.0.1', port: target(), path: new URL(req.url ?? '/').pathname, method: req.method, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    forward.end();
  });
  proxy.server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    seen.push(`CONNECT ${req.url}`);
    if (answer407) return socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
    const upstream = net.connect(target(), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return Object.assign(proxy, { seen });
}

describe('request policy: proxies', () => {
  it('sends requests to other hosts through http.proxy, and loopback ones never', async () => {
    const api = await serve((req, res) => json(res, 200, { host: req.headers.host }));
    const proxy = await forwardProxy(() => api.port);
    const answer = await send(get('http://api.example.test/q'), testNetwork({ proxy: proxy.url }));
    assert.deepEqual(JSON.parse(answer.body), { host: 'api.example.test' });
    assert.deepEqual(proxy.seen, ['GET http://api.example.test/q']);
    await send(get(`${api.url}/q`), testNetwork({ proxy: proxy.url }));
    assert.equal(proxy.seen.length, 1);
  });

  it('honours http.noProxy over NO_PROXY, and the environment when the settings say nothing', async () => {
    const api = await serve((_, res) => json(res, 200, {}));
    const proxy = await forwardProxy(() => api.port);
    // http.noProxy matches the host and its subdomains: the request goes direct, and there is no such host.
    const bypassed = await failureOf(send(get('http://eu.api.example.test/q'), testNetwork({ proxy: proxy.url, noProxy: ['example.test'], env: { NO_PROXY: 'other.test' } })));
    assert.equal(bypassed.kind, 'dns');
    // With no http.noProxy entries, NO_PROXY decides.
    assert.equal((await failureOf(send(get('http://api.other.test/q'), testNetwork({ proxy: proxy.url, env: { NO_PROXY: '.other.test' } })))).kind, 'dns');
    // With no http.proxy, HTTP_PROXY from the environment is used.
    assert.equal((await send(get('http://api.example.test/q'), testNetwork({ env: { HTTP_PROXY: proxy.url } }))).status, 200);
    assert.deepEqual(proxy.seen, ['GET http://api.example.test/q']);
  });

  it('names a proxy that cannot be reached and one that wants credentials', async () => {
    const gone = await serve(() => undefined);
    await gone.close();
    const unreachable = await failureOf(send(get('http://api.example.test/q'), testNetwork({ proxy: gone.url })));
    assert.equal(unreachable.kind, 'proxy');
    assert.match(unreachable.message, /Cannot reach the proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the test proxy settings\./);

    const closedDoor = await forwardProxy(() => 0, true);
    for (const url of ['https://api.example.test/q', 'http://api.example.test/q']) {
      const refused = await failureOf(send(get(url), testNetwork({ proxy: closedDoor.url })));
      assert.equal(refused.kind, 'proxy', url);
      assert.match(refused.message, /refused to connect to api\.example\.test \(HTTP 407: it wants credentials/);
    }
  });

  it('reaches https hosts through the proxy\'s tunnel, checking their certificates unless proxyStrictSSL is off', async () => {
    const secure = await serve((_, res) => json(res, 200, { secure: true }), true);
    const proxy = await forwardProxy(() => secure.port);
    const checkedCert = await failureOf(send(get('https://secure.example.test/q'), testNetwork({ proxy: proxy.url })));
    assert.equal(checkedCert.kind, 'tls');
    const answer = await send(get('https://secure.example.test/q'), testNetwork({ proxy: proxy.url, strictSSL: false }));
    assert.deepEqual(JSON.parse(answer.body), { secure: true });
    assert.ok(proxy.seen.every((line) => line === 'CONNECT secure.example.test:443'), proxy.seen.join());
  });
});
