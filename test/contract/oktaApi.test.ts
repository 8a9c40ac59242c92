// The Okta adapter, through the real @okta/okta-sdk-nodejs over HTTP, against the sandbox org.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OktaFailure, openOktaSession } from '../../src/okta/api/oktaApi';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { freePort } from '../harness/freePort';
import { testNetwork } from './testNetwork';

describe('Okta adapter against the sandbox', () => {
  let okta: OktaSandbox;
  before(async () => {
    okta = await startOktaSandbox({ log: () => {} });
  });
  after(() => okta.close());

  const session = (apiToken: string, orgUrl = okta.url) => openOktaSession({ orgUrl, credential: { kind: 'apiToken', token: apiToken }, network: testNetwork() });

  it('verifies a valid API token and names its admin', async () => {
    assert.deepEqual(await session(okta.apiToken).verify(), { login: 'admin@acme.example' });
  });

  it('turns a rejected token into an "unauthorized" failure with Okta\'s error code', async () => {
    const failure = await session('00wrongTokenwrongTokenwrongTokenwrongToken').verify().catch((e: unknown) => e);
    assert.ok(failure instanceof OktaFailure);
    assert.equal(failure.kind, 'unauthorized');
    assert.equal(failure.errorCode, 'E0000011');
    assert.match(failure.message, /Security → API → Tokens/);
    assert.doesNotMatch(failure.message, /00wrongToken/);
  });

  it('reports an org that cannot be reached, naming it', async () => {
    const orgUrl = `http://127.0.0.1:${await freePort()}`;
    const failure = await session(okta.apiToken, orgUrl).verify().catch((e: unknown) => e);
    assert.ok(failure instanceof OktaFailure);
    assert.equal(failure.kind, 'unreachable');
    assert.match(failure.message, new RegExp(`^${new URL(orgUrl).host} refused the connection \\(ECONNREFUSED.*Check the org URL\\.$`));
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await session(okta.apiToken).verify(controller.signal).catch((e: unknown) => e);
    assert.ok(failure instanceof OktaFailure);
    assert.equal(failure.kind, 'cancelled');
  });

  describe('through the request policy', () => {
    const failureOf = async (work: Promise<unknown>) => {
      const failure = await work.then(() => undefined, (e: unknown) => e);
      assert.ok(failure instanceof OktaFailure, `expected an OktaFailure, got ${String(failure)}`);
      return failure;
    };
    const withFaults = async <T>(faults: Parameters<OktaSandbox['faults']['set']>[0], work: () => Promise<T>) => {
      okta.faults.set(faults);
      try {
        return await work();
      } finally {
        okta.faults.set({});
      }
    };

    it('retries a GET after a reset and after Okta\'s 429 (waiting for X-Rate-Limit-Reset)', async () => {
      const identity = await withFaults({ connectionReset: { count: 1 }, rateLimit: { count: 1, resetSeconds: 0 } }, () => session(okta.apiToken).verify());
      assert.deepEqual(identity, { login: 'admin@acme.example' });
    });

    it('names a lasting server error, an HTML page and a redirect to another origin, sending nothing there', async () => {
      const server = await withFaults({ serverError: { count: 50, status: 503 } }, () => failureOf(session(okta.apiToken).verify()));
      assert.equal(server.kind, 'server');
      assert.match(server.message, /had a server error \(HTTP 503, 3 tries\)/);

      const html = await withFaults({ htmlAnswer: { count: 50, status: 200 } }, () => failureOf(session(okta.apiToken).verify()));
      assert.equal(html.kind, 'unreachable');
      assert.match(html.message, /answered with an HTML page \(HTTP 200\), not Okta's API: check the org URL\./);

      let reached = 0;
      const elsewhere = http.createServer((_, res) => {
        reached++;
        res.end('[]');
      });
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
      try {
        const location = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/api/v1/apps`;
        const redirect = await withFaults({ redirect: { count: 50, location } }, () => failureOf(session(okta.apiToken).verify()));
        assert.match(redirect.message, /redirected the request to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/apps \(HTTP 302\)\. It was not followed/);
        assert.equal(reached, 0);
      } finally {
        elsewhere.close();
      }
    });

    it('names a black hole within the deadline', async () => {
      const failure = await withFaults({ blackHole: { count: 5 } }, () => failureOf(
        openOktaSession({ orgUrl: okta.url, credential: { kind: 'apiToken', token: okta.apiToken }, network: testNetwork({ timeoutMs: 500 }) }).verify()));
      assert.equal(failure.kind, 'timeout');
      assert.match(failure.message, /did not answer within 0\.5 s/);
    });

    it('never sends a loopback org through a proxy from the environment', async () => {
      const proxied = openOktaSession({ orgUrl: okta.url, credential: { kind: 'apiToken', token: okta.apiToken }, network: testNetwork({ env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' } }) });
      assert.deepEqual(await proxied.verify(), { login: 'admin@acme.example' });
    });
  });
});
