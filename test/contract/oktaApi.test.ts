// The Okta adapter, through the real @okta/okta-sdk-nodejs over HTTP, against the sandbox org.
import * as assert from 'node:assert/strict';
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

  const session = (apiToken: string, orgUrl = okta.url) => openOktaSession({ orgUrl, apiToken, network: testNetwork() });

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
});
