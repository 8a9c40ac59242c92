// The sandbox's shared HTTP layer: fault injection through the admin endpoint, and loud 404s.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

describe('sandbox faults and unknown routes', () => {
  let sf: SalesforceSandbox;
  const logged: string[] = [];
  before(async () => {
    sf = await startSalesforceSandbox({ log: (line) => logged.push(line) });
  });
  after(() => sf.close());

  const admin = (method: string, body?: unknown) =>
    fetch(`${sf.url}/__sandbox/faults`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const versions = () => fetch(`${sf.url}/services/data/`);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, performance.now() - started];
  };

  it('sets, reads and clears faults through /__sandbox/faults, refusing unknown ones', async () => {
    assert.deepEqual(await (await admin('PUT', { latencyMs: 5 })).json(), { latencyMs: 5 });
    assert.deepEqual(await (await admin('GET')).json(), { latencyMs: 5 });
    const typo = await admin('PUT', { latency: 5 });
    assert.equal(typo.status, 400);
    assert.match(((await typo.json()) as { message: string }).message, /unknown fault\(s\): latency/);
    assert.deepEqual(await (await admin('DELETE')).json(), {});
  });

  it('adds latency to every answer', async () => {
    await admin('PUT', { latencyMs: 150 });
    const [, elapsed] = await timed(async () => (await versions()).text());
    await admin('DELETE');
    assert.ok(elapsed >= 140, `answered in ${elapsed} ms`);
  });

  it('sends slow bodies in pieces over the given time', async () => {
    await admin('PUT', { slowBodyMs: 300 });
    const [body, elapsed] = await timed(async () => (await versions()).json() as Promise<unknown[]>);
    await admin('DELETE');
    assert.ok(body.length > 0);
    assert.ok(elapsed >= 250, `answered in ${elapsed} ms`);
  });

  it('resets the connection of the next N requests, then answers again', async () => {
    await admin('PUT', { connectionReset: { count: 1 } });
    await assert.rejects(versions(), (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'UND_ERR_SOCKET' || /fetch failed/.test(error.message));
    assert.equal((await versions()).status, 200);
  });

  it('refuses the next N requests as rate limited, with the reset time', async () => {
    await admin('PUT', { rateLimit: { count: 2, resetSeconds: 30 } });
    for (let i = 0; i < 2; i++) {
      const refused = await versions();
      assert.equal(refused.status, 403);
      // Whole seconds until the reset, rounded up: 30, or 31 when the second boundary fell between.
      assert.ok(['30', '31'].includes(refused.headers.get('retry-after') ?? ''), refused.headers.get('retry-after') ?? 'no Retry-After');
      assert.equal(((await refused.json()) as Array<{ errorCode: string }>)[0].errorCode, 'REQUEST_LIMIT_EXCEEDED');
    }
    assert.equal((await versions()).status, 200);
  });

  it('answers 500 or 503 in the API\'s error format for the next N requests', async () => {
    await admin('PUT', { serverError: { count: 1, status: 500 } });
    const failed = await versions();
    assert.equal(failed.status, 500);
    assert.equal(((await failed.json()) as Array<{ errorCode: string }>)[0].errorCode, 'UNKNOWN_EXCEPTION');
    assert.equal((await versions()).status, 200);
  });

  it('answers a route it lacks with the API\'s 404 and says so loudly in its log', async () => {
    const missing = await fetch(`${sf.url}/services/data/v64.0/analytics/reports`, { headers: { Authorization: `Bearer ${sf.accessToken}` } });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    assert.ok(logged.some((line) => /NO ROUTE for GET \/services\/data\/v64\.0\/analytics\/reports/.test(line)), logged.join('\n'));
  });
});
