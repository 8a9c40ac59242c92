// The Salesforce adapter, through the real jsforce over HTTP, against the sandbox org.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SalesforceFailure, openSalesforceSession } from '../../src/salesforce/api/salesforceApi';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { freePort } from '../harness/freePort';
import { testNetwork } from './testNetwork';

describe('Salesforce adapter against the sandbox', () => {
  let salesforce: SalesforceSandbox;
  before(async () => {
    salesforce = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => salesforce.close());

  const session = (accessToken: string, instanceUrl = salesforce.url) =>
    openSalesforceSession({ instanceUrl, accessToken, apiVersion: '64.0', network: testNetwork() });

  it('reads the signed-in user\'s identity', async () => {
    const identity = await session(salesforce.accessToken).verify();
    const user = salesforce.seed.data.records('User').find((u) => u.Username === salesforce.integrationUsername);
    assert.deepEqual(identity, {
      username: salesforce.integrationUsername, displayName: 'Okta Integration',
      organizationId: salesforce.organizationId, userId: user?.Id,
    });
  });

  it('turns INVALID_SESSION_ID into "sign in again"', async () => {
    const failure = await session(`${salesforce.organizationId}!expired`).verify().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'sessionExpired');
    assert.equal(failure.errorCode, 'INVALID_SESSION_ID');
  });

  it('explains API_CURRENTLY_DISABLED as the user\'s missing API Enabled', async () => {
    const failure = await session(salesforce.noApiAccessToken).verify().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'apiDisabledForUser');
    assert.equal(failure.errorCode, 'API_CURRENTLY_DISABLED');
    assert.match(failure.message, /^This user may not use the Salesforce API \(API_CURRENTLY_DISABLED\)\. Give the user's profile "API Enabled", or sign in as a user who has it\.$/);
  });

  it('explains API_DISABLED_FOR_ORG as the org\'s edition, whoever signs in', async () => {
    const noApiOrg = await startSalesforceSandbox({ log: () => {}, apiEnabledForOrg: false });
    try {
      // The admin has every permission: only the org can be at fault.
      const failure = await session(noApiOrg.issueAccessToken(noApiOrg.seed.adminUsername), noApiOrg.url).verify().catch((e: unknown) => e);
      assert.ok(failure instanceof SalesforceFailure);
      assert.equal(failure.kind, 'apiDisabledForOrg');
      assert.match(failure.message, /^This org may not use the Salesforce API at all \(API_DISABLED_FOR_ORG\), whoever signs in: its edition has no API access\. /);
      assert.doesNotMatch(failure.message, /API Enabled/);
    } finally {
      await noApiOrg.close();
    }
  });

  it('reports an instance that cannot be reached, naming it', async () => {
    const instanceUrl = `http://127.0.0.1:${await freePort()}`;
    const failure = await session(salesforce.accessToken, instanceUrl).verify().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'unreachable');
    assert.match(failure.message, new RegExp(`^${new URL(instanceUrl).host} refused the connection \\(ECONNREFUSED.*Check the instance URL\\.$`));
  });

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await session(salesforce.accessToken).verify(controller.signal).catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'cancelled');
  });

  it('reads the snapshot, the daily API allowance and the signed-in user\'s profile', async () => {
    const api = session(salesforce.accessToken);
    const identity = await api.verify();
    const [{ snapshot }, limit, profileId] = await Promise.all([api.readSnapshot(), api.readApiLimit(), api.readUserProfileId(identity.userId)]);
    const user = salesforce.seed.data.records('User').find((u) => u.Username === salesforce.integrationUsername);
    assert.equal(profileId, user?.ProfileId);
    assert.ok(snapshot.profiles.some((p) => p.id === profileId && p.name === 'Okta Integration'));
    assert.ok(limit.max > 0 && limit.remaining <= limit.max);
    await assert.rejects(api.readUserProfileId("x' OR Id != '"), /not a Salesforce user id/);
  });
});
