// The real Okta SDK reading apps from the sandbox org over HTTP: paging, q and filter, raw reads of
// Salesforce settings, Okta's errors, and rate limits. Every exchange is checked against the spec.
import { OktaApiError } from '@okta/okta-sdk-nodejs';
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oktaSandboxSuite } from './oktaSandboxSuite';
import { all, apiTokenClient, oktaApiError } from './oktaSdkClients';

describe('Okta SDK against the sandbox: apps', () => {
  const org = oktaSandboxSuite();

  it('pages through all 64 apps, 20 at a time, following absolute Link next URLs', async () => {
    const apps = await all(org.client.applicationApi.listApplications({ limit: 20 }));
    assert.equal(apps.length, 64);
    assert.equal(new Set(apps.map((app) => app.id)).size, 64);
    const pages = org.exchanges.of('listApplications');
    assert.deepEqual(pages.map((page) => (page.responseBody as unknown[]).length), [20, 20, 20, 4]);
    assert.match(pages[1].path, /[?&]after=0oa\w{17}/);
    assert.match(pages[3].headers.Link, /rel="self"$/, 'the last page has no next link');
  });

  it('filters by name and status, joined with and', async () => {
    const salesforce = await all(org.client.applicationApi.listApplications({ filter: 'name eq "salesforce" and status eq "ACTIVE"' }));
    assert.deepEqual(salesforce.map((app) => app.label), ['Salesforce.com', 'Salesforce.com (Sandbox)']);
    const inactive = await all(org.client.applicationApi.listApplications({ filter: 'status eq "INACTIVE"' }));
    assert.ok(inactive.length > 0 && inactive.every((app) => app.status === 'INACTIVE'));
  });

  it('finds apps whose name or label starts with q', async () => {
    const byLabel = await all(org.client.applicationApi.listApplications({ q: 'micro' }));
    assert.ok(byLabel.length > 0 && byLabel.every((app) => app.label?.startsWith('Microsoft Office 365')));
    const byName = await all(org.client.applicationApi.listApplications({ q: 'zscalerbyz' }));
    assert.ok(byName.length > 0 && byName.every((app) => app.label?.startsWith('Zscaler 2.0')));
  });

  it('keeps Salesforce settings.app when read as raw JSON, which the SDK\'s model drops', async () => {
    const [production, sandbox] = await org.appsNamed('salesforce');
    assert.deepEqual(production.settings.app, {
      instanceType: 'PRODUCTION', integrationType: 'STANDARD', loginUrl: 'https://acme.my.salesforce.com',
    });
    assert.equal(sandbox.settings.app.instanceType, 'SANDBOX');
    assert.deepEqual(production.features, ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION']);
    const one = await org.client.http.getJson(`${org.okta.url}/api/v1/apps/${production.id}`);
    assert.deepEqual(one.settings, production.settings);
    const model = await org.client.applicationApi.getApplication({ appId: production.id }) as { settings?: { app?: unknown } };
    assert.equal(model.settings?.app, undefined, 'the SDK now keeps settings.app: raw reads may no longer be needed');
  });

  it('refuses a limit above 200 with E0000001', async () => {
    await assert.rejects(all(org.client.applicationApi.listApplications({ limit: 201 })), oktaApiError(400, 'E0000001'));
  });

  it('answers E0000007 for an unknown app', async () => {
    await assert.rejects(org.client.applicationApi.getApplication({ appId: '0oa0000000unknownXYZ' }), oktaApiError(404, 'E0000007'));
  });

  it('refuses a filter on a property Okta cannot filter apps by', async () => {
    await assert.rejects(all(org.client.applicationApi.listApplications({ filter: 'label eq "Slack"' })), oktaApiError(400, 'E0000031'));
  });

  it('retries an injected 429 once its reset time has passed', async () => {
    const waits: Array<{ remaining: string | null; reset: string | null }> = [];
    const onBackoff = ({ headers }: { headers: { get(name: string): string | null } }) =>
      waits.push({ remaining: headers.get('x-rate-limit-remaining'), reset: headers.get('x-rate-limit-reset') });
    const retrying = apiTokenClient(org.okta, { onBackoff });
    const [first] = await org.rawApps('limit=1');
    org.okta.faults.set({ rateLimit: { count: 1, resetSeconds: 1 } });
    const started = Date.now();
    const app = await retrying.applicationApi.getApplication({ appId: first.id });
    assert.equal(app.id, first.id);
    assert.equal(waits.length, 1);
    assert.equal(waits[0].remaining, '0');
    assert.match(waits[0].reset ?? '', /^\d{10}$/);
    assert.ok(Date.now() - started >= 1000, 'the SDK waited for the reset');
  });

  it('gives up with E0000047 when the rate limit outlasts the retries', async () => {
    const [first] = await org.rawApps('limit=1');
    org.okta.faults.set({ rateLimit: { count: 2, resetSeconds: 0 } });
    const retryingOnce = apiTokenClient(org.okta, { maxRetries: 1 });
    await assert.rejects(retryingOnce.applicationApi.getApplication({ appId: first.id }), oktaApiError(429, 'E0000047'));
  });
});

describe('Okta SDK against the sandbox: the per-endpoint rate limiter', () => {
  const org = oktaSandboxSuite({ requestsPerMinute: 2 });

  it('counts each endpoint down to 429 E0000047, Remaining 0 and the window\'s reset', async () => {
    const client = apiTokenClient(org.okta, { maxRetries: 0 });
    const remaining = async (path: string) => (await client.http.http(`${org.okta.url}${path}`)).headers.get('x-rate-limit-remaining');
    assert.equal(await remaining('/api/v1/apps?limit=1'), '1');
    assert.equal(await remaining('/api/v1/apps?limit=1'), '0');
    assert.equal(await remaining('/api/v1/users?limit=1'), '1', 'another endpoint has its own bucket');
    const refusal = await client.http.http(`${org.okta.url}/api/v1/apps?limit=1`).catch((error: unknown) => error);
    assert.ok(oktaApiError(429, 'E0000047')(refusal) && refusal instanceof OktaApiError);
    assert.equal(refusal.headers.get('x-rate-limit-remaining'), '0');
    const reset = Number(refusal.headers.get('x-rate-limit-reset'));
    assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 60, 'resets within the minute');
  });
});
