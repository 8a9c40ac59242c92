// The Okta adapter's app listings, through the real @okta/okta-sdk-nodejs against the sandbox org:
// Salesforce instances by Okta's server-side filter, settings.app read raw, Link paging, q search.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type OktaApp, OktaFailure, type OktaSession, openOktaSession } from '../../src/okta/api/oktaApi';
import { hostileAppLabel } from '../sandbox/okta/seed';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

const apiTokenSession = (org: SandboxSuite): OktaSession =>
  openOktaSession({ orgUrl: org.okta.url, credential: { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork() });

/** The query of each GET /api/v1/apps the sandbox saw since `from`. */
const appListQueries = (org: SandboxSuite, from: number) =>
  org.exchanges.of('listApplications').slice(from).map((e) => new URL(e.path, org.okta.url).searchParams);

describe('Okta adapter: apps', () => {
  const org = oktaSandboxSuite();

  it('lists the Salesforce instances with one request, filtered on the server, settings.app kept', async () => {
    const before = org.exchanges.of('listApplications').length;
    const page = await apiTokenSession(org).listApps({ salesforceOnly: true });
    const queries = appListQueries(org, before);
    assert.equal(queries.length, 1);
    assert.equal(queries[0].get('filter'), 'name eq "salesforce"');
    assert.equal(page.next, undefined);
    const summary = (app: OktaApp) => [app.label, app.status, app.instanceType, app.integrationType, app.loginUrl, app.features.join(' ')];
    assert.deepEqual(page.items.map(summary), [
      ['Salesforce.com', 'ACTIVE', 'PRODUCTION', 'STANDARD', 'https://acme.my.salesforce.com', 'PUSH_NEW_USERS PUSH_PROFILE_UPDATES PUSH_USER_DEACTIVATION'],
      ['Salesforce.com (Sandbox)', 'ACTIVE', 'SANDBOX', 'STANDARD', 'https://acme--uat.sandbox.my.salesforce.com', ''],
    ]);
    // The raw JSON is Okta's, whole: what the SDK's models would drop is there.
    const [raw] = await org.appsNamed('salesforce');
    assert.deepEqual(page.items[0].raw, raw);
    assert.deepEqual((page.items[0].raw.settings as { app: unknown }).app, raw.settings.app);
  });

  it('gets one app by id with its settings.app', async () => {
    const [, sandboxInstance] = await org.appsNamed('salesforce');
    const app = await apiTokenSession(org).getApp(sandboxInstance.id);
    assert.equal(app.id, sandboxInstance.id);
    assert.equal(app.instanceType, 'SANDBOX');
    assert.equal(app.loginUrl, 'https://acme--uat.sandbox.my.salesforce.com');
  });

  it('says an unknown app is not found', async () => {
    const failure = await apiTokenSession(org).getApp('0oa000000000000000zz').catch((e: unknown) => e);
    assert.ok(failure instanceof OktaFailure);
    assert.equal(failure.kind, 'notFound');
    assert.equal(failure.errorCode, 'E0000007');
  });

  it('searches apps by name or label on the server with q', async () => {
    const before = org.exchanges.of('listApplications').length;
    const page = await apiTokenSession(org).listApps({ q: 'Sales' });
    assert.equal(appListQueries(org, before)[0].get('q'), 'Sales');
    assert.deepEqual(page.items.map((app) => app.label), ['Salesforce.com', 'Salesforce.com (Sandbox)']);
    assert.deepEqual((await apiTokenSession(org).listApps({ q: 'Zoom' })).items.map((app) => app.label), ['Zoom', 'Zoom 2', 'Zoom 3', 'Zoom 4']);
  });

  it('refuses a cursor that is not a next link of the same listing, sending nothing', async () => {
    const session = apiTokenSession(org);
    const before = org.exchanges.of('listApplications').length;
    for (const after of ['https://evil.example/api/v1/apps?after=x', `${org.okta.url}/api/v1/users?after=x`, 'not a url']) {
      const failure = await session.listApps({ after }).catch((e: unknown) => e);
      assert.ok(failure instanceof OktaFailure, after);
      assert.equal(failure.kind, 'invalid');
    }
    assert.equal(org.exchanges.of('listApplications').length, before);
  });
});

describe('Okta adapter: paging a large org', () => {
  const org = oktaSandboxSuite({ appCount: 450 });

  it('pages every app 200 at a time on the Link cursor, one request a page', async () => {
    const session = apiTokenSession(org);
    const before = org.exchanges.of('listApplications').length;
    const pages: OktaApp[][] = [];
    let after: string | undefined;
    do {
      const page = await session.listApps({ after });
      pages.push(page.items);
      after = page.next;
    } while (after);
    assert.deepEqual(pages.map((items) => items.length), [200, 200, 50]);
    const ids = pages.flat().map((app) => app.id);
    assert.equal(new Set(ids).size, 450);
    assert.equal(org.exchanges.of('listApplications').length - before, 3);
    assert.deepEqual(appListQueries(org, before).map((query) => query.get('limit')), ['200', '200', '200']);
  });

  it('keeps the Salesforce filter and a search on later pages', async () => {
    const session = apiTokenSession(org);
    const first = await session.listApps({ q: 'Slack', limit: 20 });
    assert.equal(first.items.length, 20);
    assert.ok(first.next);
    const second = await session.listApps({ q: 'Slack', after: first.next, limit: 20 });
    assert.ok(second.items.length > 0);
    assert.ok([...first.items, ...second.items].every((app) => app.name === 'slack'));
    assert.equal((await session.listApps({ salesforceOnly: true })).items.length, 2);
  });
});

describe('Okta adapter: an app label with markup and 10,000 characters', () => {
  const org = oktaSandboxSuite({ hostileApp: true });

  it('keeps the label as plain data, whole', async () => {
    const page = await apiTokenSession(org).listApps({ salesforceOnly: true });
    assert.equal(page.items.length, 3);
    const hostile = page.items[2];
    assert.equal(hostile.label, hostileAppLabel);
    assert.equal(hostile.label.length, 10_000);
    assert.equal(hostile.instanceType, 'PRODUCTION');
  });
});
