// The sandbox's shared HTTP layer: fault injection through the admin endpoint and the environment,
// each fault kind on both orgs, scoped by path, and loud 404s.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { outDir } from '../harness/paths';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

const tokenPath = '/services/oauth2/token';
const queryPath = '/services/data/v64.0/query';

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

describe('sandbox faults and unknown routes', () => {
  let sf: SalesforceSandbox;
  const logged: string[] = [];
  before(async () => {
    sf = await startSalesforceSandbox({ log: (line) => logged.push(line) });
  });
  after(() => sf.close());

  const admin = (method: string, body?: unknown) =>
    fetch(`${sf.url}/__sandbox/faults`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const setFaults = async (faults: unknown) => assert.equal((await admin('PUT', faults)).status, 200);
  const versions = () => fetch(`${sf.url}/services/data/`);
  const query = (signal?: AbortSignal) => fetch(`${sf.url}${queryPath}?q=${encodeURIComponent('SELECT Id FROM Profile LIMIT 1')}`, {
    headers: { Authorization: `Bearer ${sf.accessToken}` }, signal,
  });
  const token = () => fetch(`${sf.url}${tokenPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sf.connectedApp.consumerKey, client_secret: sf.connectedApp.consumerSecret }),
  });

  it('sets, reads and clears faults through /__sandbox/faults, refusing unknown ones', async () => {
    assert.deepEqual(await (await admin('PUT', { latencyMs: 5 })).json(), { latencyMs: 5 });
    assert.deepEqual(await (await admin('GET')).json(), { latencyMs: 5 });
    const typo = await admin('PUT', { latency: 5 });
    assert.equal(typo.status, 400);
    assert.match(((await typo.json()) as { message: string }).message, /unknown fault\(s\): latency/);
    assert.deepEqual(await (await admin('DELETE')).json(), {});
  });

  it('accepts every fault kind at once and reads it back', async () => {
    const all = {
      latencyMs: 0,
      rateLimit: { count: 1, resetSeconds: 0, path: '/nowhere' },
      serverError: { count: 1, status: 504, retryAfterSeconds: 3, path: '/nowhere' },
      connectionReset: { count: 1, path: '/nowhere' },
      blackHole: { count: 2, path: '/nowhere' },
      redirect: { count: 1, location: 'https://login.example.com/x', status: 308, path: '/nowhere' },
      htmlAnswer: { count: 1, status: 200, path: '/nowhere' },
      slowBody: { ms: 120_000, count: 1, path: '/nowhere' },
      tokenLifetimeSeconds: 60,
    };
    try {
      assert.deepEqual(await (await admin('PUT', all)).json(), all);
      assert.equal((await versions()).status, 200, 'faults scoped to another path leave this one alone');
    } finally {
      await admin('DELETE');
    }
  });

  it('refuses wrong types, ranges, statuses and URLs with a message naming each, keeping the faults it had', async () => {
    await setFaults({ latencyMs: 1 });
    const refusals: Array<[unknown, RegExp]> = [
      ['{"latencyMs": ', /faults must be JSON/],
      [[1], /faults must be a JSON object/],
      [{ latencyMs: '50' }, /latencyMs must be an integer from 0 to 600000 \(got "50"\)/],
      [{ latencyMs: -1 }, /latencyMs must be an integer/],
      [{ serverError: { count: 1, status: 501 } }, /serverError\.status must be one of 429, 500, 502, 503, 504 \(got 501\)/],
      [{ serverError: { count: 0, status: 500 } }, /serverError\.count must be an integer from 1/],
      [{ serverError: { count: 1, status: 500, retryAfter: 2 } }, /serverError\.retryAfter is not a setting of serverError/],
      [{ serverError: { count: 1, status: 500, retryAfterSeconds: 1.5 } }, /serverError\.retryAfterSeconds must be an integer/],
      [{ serverError: 503 }, /serverError must be an object/],
      [{ rateLimit: { count: 1 } }, /rateLimit\.resetSeconds must be an integer from 0 to 86400 \(got nothing\)/],
      [{ connectionReset: { count: 1, path: 'services/data' } }, /connectionReset\.path must be a path starting with "\/"/],
      [{ redirect: { count: 1, location: '/relative' } }, /redirect\.location must be an absolute http\(s\) URL/],
      [{ redirect: { count: 1, location: 'javascript:alert(1)' } }, /redirect\.location must be an absolute http\(s\) URL/],
      [{ redirect: { count: 1, location: 'http://127.0.0.1:9/', status: 304 } }, /redirect\.status must be one of 301, 302, 303, 307, 308/],
      [{ htmlAnswer: { count: 1, status: 99 } }, /htmlAnswer\.status must be an integer from 200 to 599/],
      [{ blackHole: { count: true } }, /blackHole\.count must be an integer/],
      [{ slowBody: { ms: 0 } }, /slowBody\.ms must be an integer from 1 to 3600000/],
      [{ slowBodyMs: 300 }, /unknown fault\(s\): slowBodyMs/],
      [{ tokenLifetimeSeconds: null }, /tokenLifetimeSeconds must be an integer/],
    ];
    for (const [faults, message] of refusals) {
      const refused = await admin('PUT', faults);
      assert.equal(refused.status, 400, JSON.stringify(faults));
      assert.match(((await refused.json()) as { message: string }).message, message);
    }
    const two = await admin('PUT', { latencyMs: 'x', serverError: { count: 1, status: 501 } });
    assert.match(((await two.json()) as { message: string }).message, /latencyMs .*; serverError\.status/, 'every problem is named');
    assert.deepEqual(await (await admin('GET')).json(), { latencyMs: 1 });
    await admin('DELETE');
  });

  it('adds latency to every answer', async () => {
    await setFaults({ latencyMs: 150 });
    const [, elapsed] = await timed(async () => (await versions()).text());
    await admin('DELETE');
    assert.ok(elapsed >= 140, `answered in ${elapsed} ms`);
  });

  it('sends slow bodies in pieces over the given time, only on its path and only `count` times', async () => {
    await setFaults({ slowBody: { ms: 300, path: queryPath, count: 1 } });
    const [, other] = await timed(async () => (await versions()).json());
    assert.ok(other < 200, `another path answered in ${other} ms`);
    const [slow, elapsed] = await timed(async () => (await query()).json() as Promise<{ records: unknown[] }>);
    assert.equal(slow.records.length, 1);
    assert.ok(elapsed >= 250, `answered in ${elapsed} ms`);
    const [, again] = await timed(async () => (await query()).json());
    assert.ok(again < 200, `the second query answered in ${again} ms`);
    assert.deepEqual(await (await admin('GET')).json(), {});
  });

  it('trickles a body past a client\'s timeout, and answers on once the client gives up', async () => {
    await setFaults({ slowBody: { ms: 120_000 } });
    try {
      const response = await fetch(`${sf.url}/services/data/`, { signal: AbortSignal.timeout(1000) });
      assert.equal(response.status, 200, 'the headers come at once');
      await assert.rejects(response.text(), (error: Error) => error.name === 'TimeoutError');
    } finally {
      await admin('DELETE');
    }
    assert.equal((await versions()).status, 200);
  });

  it('resets the connection of the next N requests, then answers again', async () => {
    await setFaults({ connectionReset: { count: 1 } });
    await assert.rejects(versions(), (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'UND_ERR_SOCKET' || /fetch failed/.test(error.message));
    assert.equal((await versions()).status, 200);
  });

  it('refuses the next N requests as rate limited, as Salesforce does: 403 REQUEST_LIMIT_EXCEEDED, no Retry-After', async () => {
    await setFaults({ rateLimit: { count: 2, resetSeconds: 30 } });
    for (let i = 0; i < 2; i++) {
      const refused = await versions();
      assert.equal(refused.status, 403);
      assert.equal(refused.headers.get('retry-after'), null, 'Salesforce documents no header saying when to try again');
      assert.equal(((await refused.json()) as Array<{ errorCode: string }>)[0].errorCode, 'REQUEST_LIMIT_EXCEEDED');
    }
    assert.equal((await versions()).status, 200);
  });

  it('answers 500 or 503 in the API\'s error format for the next N requests', async () => {
    await setFaults({ serverError: { count: 1, status: 500 } });
    const failed = await versions();
    assert.equal(failed.status, 500);
    assert.equal(((await failed.json()) as Array<{ errorCode: string }>)[0].errorCode, 'UNKNOWN_EXCEPTION');
    assert.equal((await versions()).status, 200);
  });

  it('answers 429, 502 and 504 too, with Retry-After when asked', async () => {
    for (const status of [429, 502, 504]) {
      await setFaults({ serverError: { count: 1, status, retryAfterSeconds: 7 } });
      const failed = await query();
      assert.equal(failed.status, status);
      assert.equal(failed.headers.get('retry-after'), '7');
      const [error] = (await failed.json()) as Array<{ errorCode: string; message: string }>;
      assert.equal(error.errorCode, status === 429 ? 'REQUEST_LIMIT_EXCEEDED' : 'UNKNOWN_EXCEPTION');
    }
    await setFaults({ serverError: { count: 1, status: 503 } });
    assert.equal((await query()).headers.get('retry-after'), null, 'no Retry-After unless asked');
  });

  it('gives a fault scoped to a path only to requests under it; others pass without using it up', async () => {
    await setFaults({ serverError: { count: 1, status: 503, path: queryPath } });
    assert.equal((await versions()).status, 200);
    assert.equal((await token()).status, 200);
    assert.deepEqual(await (await admin('GET')).json(), { serverError: { count: 1, status: 503, path: queryPath } });
    assert.equal((await query()).status, 503);
    assert.equal((await query()).status, 200);
  });

  it('answers faults on the token endpoint in OAuth\'s error format, and on the REST API in its own', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ serverError: { count: 1, status: 503, path: tokenPath } }, 503, 'temporarily_unavailable'],
      [{ serverError: { count: 1, status: 500, path: tokenPath } }, 500, 'server_error'],
      [{ serverError: { count: 1, status: 429, path: tokenPath } }, 429, 'temporarily_unavailable'],
      [{ rateLimit: { count: 1, resetSeconds: 5, path: tokenPath } }, 400, 'invalid_grant'],
    ];
    for (const [faults, status, error] of cases) {
      await setFaults(faults);
      const refused = await token();
      assert.equal(refused.status, status);
      const body = (await refused.json()) as { error: string; error_description: string };
      assert.equal(body.error, error);
      assert.ok(body.error_description);
    }
    assert.equal((await token()).status, 200);
  });

  it('black-holes the next N requests: read, never answered, the socket left open', async () => {
    await setFaults({ blackHole: { count: 1, path: queryPath } });
    assert.equal((await versions()).status, 200, 'another path is answered');
    const [outcome, waited] = await timed(() => query(AbortSignal.timeout(500)).then(() => 'answered', (e: Error) => e.name));
    assert.equal(outcome, 'TimeoutError');
    assert.ok(waited >= 450, `gave up after ${waited} ms`);
    assert.ok(logged.some((line) => /injected black hole for GET \/services\/data\/v64\.0\/query/.test(line)));
    assert.equal((await query()).status, 200, 'the next request is answered');
  });

  it('redirects the next N requests to another origin, 302 unless told', async () => {
    const captured: string[] = [];
    const capture = http.createServer((req, res) => {
      captured.push(`${req.method} ${req.url}`);
      res.end('captured');
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/captured?from=sandbox`;
    try {
      await setFaults({ redirect: { count: 2, location: elsewhere, path: tokenPath } });
      const manual = await fetch(`${sf.url}${tokenPath}`, { method: 'POST', redirect: 'manual' });
      assert.equal(manual.status, 302);
      assert.equal(manual.headers.get('location'), elsewhere);
      const followed = await fetch(`${sf.url}${tokenPath}`, { method: 'POST', body: 'grant_type=password' });
      assert.equal(await followed.text(), 'captured');
      assert.deepEqual(captured, ['GET /captured?from=sandbox'], 'a 302 after a POST is followed with a GET');
      await setFaults({ redirect: { count: 1, location: elsewhere, status: 307 } });
      assert.equal((await fetch(`${sf.url}/services/data/`, { redirect: 'manual' })).status, 307);
      assert.equal((await versions()).status, 200);
    } finally {
      capture.close();
    }
  });

  it('answers an HTML page with the given status instead of the API', async () => {
    for (const status of [200, 502]) {
      await setFaults({ htmlAnswer: { count: 1, status, path: tokenPath } });
      const page = await token();
      assert.equal(page.status, status);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await page.text(), /^<!DOCTYPE html>/);
    }
    assert.equal((await token()).status, 200);
  });

  it('answers a route it lacks with the API\'s 404 and says so loudly in its log', async () => {
    const missing = await fetch(`${sf.url}/services/data/v64.0/analytics/reports`, { headers: { Authorization: `Bearer ${sf.accessToken}` } });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    assert.ok(logged.some((line) => /NO ROUTE for GET \/services\/data\/v64\.0\/analytics\/reports/.test(line)), logged.join('\n'));
  });
});

describe('sandbox faults on the Okta org', () => {
  let okta: OktaSandbox;
  before(async () => {
    okta = await startOktaSandbox({ log: () => {} });
  });
  after(() => okta.close());

  const apps = (signal?: AbortSignal) => fetch(`${okta.url}/api/v1/apps?limit=1`, { headers: { Authorization: `SSWS ${okta.apiToken}` }, signal });
  const token = () => fetch(`${okta.url}/oauth2/v1/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });

  it('answers the token endpoint\'s faults in OAuth\'s format and the Management API\'s in Okta\'s', async () => {
    okta.faults.set({ serverError: { count: 2, status: 503 } });
    const oauth = await token();
    assert.equal(oauth.status, 503);
    assert.equal(((await oauth.json()) as { error: string }).error, 'temporarily_unavailable');
    const api = await apps();
    assert.equal(api.status, 503);
    assert.equal(((await api.json()) as { errorCode: string }).errorCode, 'E0000010');
    okta.faults.set({ rateLimit: { count: 1, resetSeconds: 5, path: '/oauth2/v1/token' } });
    const limited = await token();
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: string }).error, 'temporarily_unavailable');
    assert.match(limited.headers.get('x-rate-limit-reset') ?? '', /^\d{10}$/);
  });

  it('gives a 429 with Retry-After, a redirect, an HTML page and a black hole, each scoped by path', async () => {
    okta.faults.set({ serverError: { count: 1, status: 429, retryAfterSeconds: 2, path: '/api/v1/apps' } });
    assert.equal((await token()).status, 401, 'the token endpoint is not under /api/v1/apps');
    const limited = await apps();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal(((await limited.json()) as { errorCode: string }).errorCode, 'E0000047');

    okta.faults.set({ redirect: { count: 1, location: 'https://elsewhere.example/login' } });
    const moved = await fetch(`${okta.url}/api/v1/apps`, { redirect: 'manual' });
    assert.equal(moved.status, 302);
    assert.equal(moved.headers.get('location'), 'https://elsewhere.example/login');

    okta.faults.set({ htmlAnswer: { count: 1, status: 403 } });
    const page = await apps();
    assert.equal(page.status, 403);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);

    okta.faults.set({ blackHole: { count: 1 } });
    assert.equal(await apps(AbortSignal.timeout(300)).then(() => 'answered', (e: Error) => e.name), 'TimeoutError');
    assert.equal((await apps()).status, 200);
  });
});

describe('sandbox faults: shutting down and starting', () => {
  it('closes at once while a black-holed request and a slow body are still open', async () => {
    const sf = await startSalesforceSandbox({ log: () => {}, faults: { blackHole: { count: 1, path: queryPath }, slowBody: { ms: 600_000, path: '/services/data/' } } });
    const holed = fetch(`${sf.url}${queryPath}`).then(() => 'answered', () => 'dropped');
    const slow = fetch(`${sf.url}/services/data/`).then((response) => response.text()).then(() => 'answered', () => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [, closing] = await timed(() => sf.close());
    assert.ok(closing < 1000, `close() took ${closing} ms`);
    assert.deepEqual(await Promise.all([holed, slow]), ['dropped', 'dropped']);
  });

  it('refuses to start on bad SANDBOX_*_FAULTS, naming the variable and the problem', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-faults-')), 'connection.json');
    const run = spawnSync(process.execPath, [path.join(outDir, 'sandbox/main.js')], {
      env: { ...process.env, SANDBOX_CONNECTION_FILE: file, SANDBOX_SALESFORCE_FAULTS: '{"serverError": {"count": 1, "status": 418}}' },
      encoding: 'utf8', timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /SANDBOX_SALESFORCE_FAULTS: serverError\.status must be one of 429, 500, 502, 503, 504 \(got 418\)/);
    assert.equal(fs.existsSync(file), false);
  });
});
