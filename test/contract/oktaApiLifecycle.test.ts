// An app's lifecycle in the sandbox Okta org: deactivate and activate over plain HTTP as any client
// sends them, what the listings and the extension's adapter then say of the app, the refusals
// (an unknown app, a service app without okta.apps.manage), deleting only an inactive app, and the
// seed's INACTIVE Salesforce instance. Every exchange is checked against the spec.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openOktaSession } from '../../src/okta/api/oktaApi';
import { inactiveSalesforceLabel } from '../sandbox/okta/seed';
import { oktaSandboxSuite, type RawApp, type SandboxSuite } from './oktaSandboxSuite';
import { oktaApiError, serviceAppClient } from './oktaSdkClients';
import { testNetwork } from './testNetwork';

interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
}

/** A request with the org's API token, as curl would send it; the body parsed when there is one. */
async function send(org: SandboxSuite, method: string, path: string): Promise<Answer> {
  const response = await fetch(`${org.okta.url}${path}`, {
    method, headers: { Authorization: `SSWS ${org.okta.apiToken}`, Accept: 'application/json' },
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const lifecycle = (org: SandboxSuite, appId: string, action: 'activate' | 'deactivate') =>
  send(org, 'POST', `/api/v1/apps/${appId}/lifecycle/${action}`);

const salesforceByAdapter = (org: SandboxSuite) =>
  openOktaSession({ orgUrl: org.okta.url, credential: { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork() })
    .listApps({ salesforceOnly: true });

const ids = (apps: RawApp[]) => apps.map((app) => app.id);
const inactiveQuery = `filter=${encodeURIComponent('status eq "INACTIVE"')}&limit=200`;

describe('Okta sandbox: an app\'s lifecycle', () => {
  const org = oktaSandboxSuite();

  it('deactivates an app with 200 and {}, and then reads, filters and lists it as INACTIVE with its features kept', async () => {
    const [production] = await org.appsNamed('salesforce');
    assert.ok(!ids(await org.rawApps(inactiveQuery)).includes(production.id));

    assert.deepEqual(await lifecycle(org, production.id, 'deactivate'), { status: 200, body: {} });
    const read = await send(org, 'GET', `/api/v1/apps/${production.id}`);
    assert.equal(read.body?.status, 'INACTIVE');
    assert.deepEqual(read.body?.features, production.features);
    const links = read.body?._links as Record<string, { href: string }>;
    assert.equal(links.activate.href, `${org.okta.url}/api/v1/apps/${production.id}/lifecycle/activate`);
    assert.equal(links.deactivate, undefined);
    assert.ok(ids(await org.rawApps(inactiveQuery)).includes(production.id), 'filter=status eq "INACTIVE" leaves it out');
    assert.ok(ids(await org.rawApps('limit=200')).includes(production.id), 'the default listing leaves out an inactive app');

    const [first] = (await salesforceByAdapter(org)).items;
    assert.deepEqual([first.id, first.status, first.instanceType, first.features], [production.id, 'INACTIVE', 'PRODUCTION', production.features]);

    assert.deepEqual(await lifecycle(org, production.id, 'activate'), { status: 200, body: {} });
    assert.equal((await salesforceByAdapter(org)).items[0].status, 'ACTIVE');
    assert.ok(!ids(await org.rawApps(inactiveQuery)).includes(production.id));
  });

  it('answers an app already in the asked state as if it changed it (a guess), keeping its lastUpdated', async () => {
    const [production] = await org.appsNamed('salesforce');
    assert.deepEqual(await lifecycle(org, production.id, 'activate'), { status: 200, body: {} });
    const [after] = await org.appsNamed('salesforce');
    assert.deepEqual([after.status, (after as RawApp & { lastUpdated: string }).lastUpdated],
      ['ACTIVE', (production as RawApp & { lastUpdated: string }).lastUpdated]);
  });

  it('says an unknown app is not found, for either action', async () => {
    for (const action of ['activate', 'deactivate'] as const) {
      const answer = await lifecycle(org, '0oa000000000000000zz', action);
      assert.equal(answer.status, 404, action);
      assert.equal(answer.body?.errorCode, 'E0000007');
      assert.match(String(answer.body?.errorSummary), /0oa000000000000000zz \(AppInstance\)/);
    }
  });

  it('refuses a service app without okta.apps.manage with E0000006 naming the scope, and changes nothing', async () => {
    const [, sandboxInstance] = await org.appsNamed('salesforce');
    const url = `${org.okta.url}/api/v1/apps/${sandboxInstance.id}/lifecycle/deactivate`;
    const readOnly = serviceAppClient(org.okta, { scopes: ['okta.apps.read'] });
    await assert.rejects(readOnly.http.http(url, { method: 'post' }), oktaApiError(403, 'E0000006', /okta\.apps\.manage/));
    assert.equal((await org.appsNamed('salesforce'))[1].status, 'ACTIVE');

    const manager = serviceAppClient(org.okta, { scopes: ['okta.apps.manage'] });
    assert.equal((await manager.http.http(url, { method: 'post' })).status, 200);
    assert.equal((await org.appsNamed('salesforce'))[1].status, 'INACTIVE');
    assert.equal((await manager.http.http(url.replace(/deactivate$/, 'activate'), { method: 'post' })).status, 200);
  });

  it('deletes an app only once it is inactive (E0000056 before), and then it is gone from every listing', async () => {
    const [zoom] = await org.appsNamed('zoomus');
    const refused = await send(org, 'DELETE', `/api/v1/apps/${zoom.id}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body?.errorCode, 'E0000056');
    assert.deepEqual(refused.body?.errorCauses, [{ errorSummary: 'The application must be deactivated before deletion.' }]);
    assert.equal((await send(org, 'GET', `/api/v1/apps/${zoom.id}`)).status, 200);

    const mappings = async () => ((await send(org, 'GET', `/api/v1/mappings?sourceId=${zoom.id}`)).body as unknown as unknown[]).length;
    assert.equal(await mappings(), 1, 'Zoom provisions, so it has a profile mapping');

    assert.equal((await lifecycle(org, zoom.id, 'deactivate')).status, 200);
    assert.deepEqual(await send(org, 'DELETE', `/api/v1/apps/${zoom.id}`), { status: 204, body: undefined });
    assert.equal(await mappings(), 0, 'the deleted app\'s profile mappings stay behind');
    assert.equal((await send(org, 'GET', `/api/v1/apps/${zoom.id}`)).status, 404);
    assert.ok(!ids(await org.rawApps('limit=200')).includes(zoom.id));
    assert.equal((await send(org, 'GET', `/api/v1/apps/${zoom.id}/users`)).status, 404);
  });
});

describe('Okta sandbox: the seed\'s INACTIVE Salesforce instance', () => {
  const org = oktaSandboxSuite({ inactiveSalesforceApp: true });

  it('lists it after the other instances, INACTIVE, SANDBOX, with provisioning set up', async () => {
    const page = await salesforceByAdapter(org);
    assert.deepEqual(page.items.map((app) => [app.label, app.status, app.instanceType]), [
      ['Salesforce.com', 'ACTIVE', 'PRODUCTION'],
      ['Salesforce.com (Sandbox)', 'ACTIVE', 'SANDBOX'],
      [inactiveSalesforceLabel, 'INACTIVE', 'SANDBOX'],
    ]);
    assert.deepEqual(page.items[2].features, ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES']);
    const inactiveSalesforce = (await org.rawApps(inactiveQuery)).filter((app) => app.name === 'salesforce');
    assert.deepEqual(ids(inactiveSalesforce), [page.items[2].id]);
  });

  it('activates it like any other app', async () => {
    const id = (await salesforceByAdapter(org)).items[2].id;
    assert.deepEqual(await lifecycle(org, id, 'activate'), { status: 200, body: {} });
    assert.equal((await salesforceByAdapter(org)).items[2].status, 'ACTIVE');
  });
});
