// The sandbox's stand-in for the Admin Console's Provisioning tab (test/sandbox/okta/adminConsole.ts)
// and the option that points the seed's Salesforce instances at another login URL: what a UI test
// relies on when it follows the guided steps in a browser.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminConsoleUrl } from '../../src/okta/appTreeModel';
import { hostileAppLabel } from '../sandbox/okta/seed';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';

describe('Okta sandbox: the Admin Console stand-in', () => {
  let okta: OktaSandbox;
  before(async () => {
    okta = await startOktaSandbox({ log: () => {}, hostileApp: true, salesforceLoginUrls: { production: 'http://127.0.0.1:9/my-domain' } });
  });
  after(() => okta.close());

  const apps = async () => (await (await fetch(`${okta.url}/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`, {
    headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json' },
  })).json()) as Array<{ id: string; name: string; label: string; features: string[]; settings: { app: Record<string, unknown> } }>;

  const tokenOf = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';

  it('serves the Provisioning page at the URL the extension opens, with the procedure\'s fields', async () => {
    const [production] = await apps();
    const response = await fetch(adminConsoleUrl(okta.url, production));
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    for (const label of ['Enable API integration', 'OAuth Consumer Key', 'OAuth Consumer Secret', 'Authenticate with Salesforce.com', 'Allow Pushing Null Values',
      'Create Users', 'Update User Attributes', 'Deactivate Users', 'Sync Password', 'Okta username format']) {
      assert.ok(html.includes(`>${label}<`), label);
    }
    assert.match(html, /id="createUsers" name="createUsers" checked/, 'the seed\'s PUSH_NEW_USERS shows ticked');
    assert.match(html, /stand-in/);
    assert.doesNotMatch(html, /<script/i);
  });

  it('escapes what it shows, such as a label holding markup', async () => {
    const hostile = (await apps()).find((app) => app.label === hostileAppLabel);
    assert.ok(hostile);
    const html = await (await fetch(adminConsoleUrl(okta.url, hostile))).text();
    assert.ok(!html.includes('<img src=x'), 'the markup is not live');
    assert.ok(html.includes('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;'));
  });

  it('refuses a POST without a token from a page it served, and a token used twice', async () => {
    const [, sandbox] = await apps();
    const url = adminConsoleUrl(okta.url, sandbox);
    const forged = await fetch(url, { method: 'POST', body: new URLSearchParams({ section: 'toApp', createUsers: 'on' }) });
    assert.equal(forged.status, 403);
    const formToken = tokenOf(await (await fetch(url)).text());
    const body = () => new URLSearchParams({ formToken, section: 'apiIntegration', action: 'authenticate', consumerKey: 'k', consumerSecret: 's' });
    assert.equal((await fetch(url, { method: 'POST', body: body() })).status, 200);
    assert.equal((await fetch(url, { method: 'POST', body: body() })).status, 403);
    assert.deepEqual((await apps())[1].features, [], 'nothing was saved');
  });

  it('refuses To App while the API integration is off, saying so', async () => {
    const [, sandbox] = await apps();
    const url = adminConsoleUrl(okta.url, sandbox);
    const formToken = tokenOf(await (await fetch(url)).text());
    const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ formToken, section: 'toApp', createUsers: 'on' }) });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /role="alert">Enable the API integration first\./);
  });

  it('answers 404 for an app id under another integration\'s name', async () => {
    const [production] = await apps();
    assert.equal((await fetch(adminConsoleUrl(okta.url, { id: production.id, name: 'slack' }))).status, 404);
  });

  it('points the PRODUCTION instance at the login URL given, leaving the SANDBOX one as seeded', async () => {
    const [production, sandbox] = await apps();
    assert.equal(production.settings.app.loginUrl, 'http://127.0.0.1:9/my-domain');
    assert.equal(sandbox.settings.app.loginUrl, 'https://acme--uat.sandbox.my.salesforce.com');
  });
});
