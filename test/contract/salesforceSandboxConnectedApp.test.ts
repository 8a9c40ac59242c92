// The sandbox org's options for Test API Credentials, over raw HTTP: a connected app without Okta's
// callback URL, one that requires PKCE, and an org that is a sandbox (Organization.IsSandbox).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oktaCallbackUrl } from '../sandbox/salesforce/connectedApp';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

/** GET the authorize endpoint without following; the redirect's target. */
async function authorize(sf: SalesforceSandbox, params: Record<string, string>): Promise<{ status: number; location: URL | undefined }> {
  const query = new URLSearchParams({ response_type: 'code', client_id: sf.connectedApp.consumerKey, redirect_uri: oktaCallbackUrl, state: 's1', ...params });
  const answer = await fetch(`${sf.loginUrl}/services/oauth2/authorize?${query}`, { redirect: 'manual' });
  await answer.text();
  const location = answer.headers.get('location');
  return { status: answer.status, location: location ? new URL(location) : undefined };
}

async function organization(sf: SalesforceSandbox): Promise<Record<string, unknown>> {
  const q = encodeURIComponent('SELECT Id, IsSandbox, OrganizationType, InstanceName FROM Organization');
  const answer = await fetch(`${sf.url}/services/data/v64.0/query?q=${q}`, { headers: { Authorization: `Bearer ${sf.accessToken}` } });
  assert.equal(answer.status, 200);
  const body = await answer.json() as { totalSize: number; records: Array<Record<string, unknown>> };
  assert.equal(body.totalSize, 1);
  return body.records[0];
}

describe('Salesforce sandbox: connected app and org options', () => {
  let plain: SalesforceSandbox;
  let strict: SalesforceSandbox;
  before(async () => {
    plain = await startSalesforceSandbox({ log: () => {} });
    strict = await startSalesforceSandbox({ log: () => {}, connectedApp: { oktaCallbackRegistered: false, requirePkce: true }, isSandboxOrg: true });
  });
  after(async () => {
    await Promise.all([plain.close(), strict.close()]);
  });

  it('shows the login page for Okta\'s callback without a challenge by default', async () => {
    assert.deepEqual(await authorize(plain, {}), { status: 200, location: undefined });
  });

  it('refuses Okta\'s callback when the app does not list it, on the error page', async () => {
    const { status, location } = await authorize(strict, {});
    assert.equal(status, 302);
    assert.equal(location?.pathname, '/setup/secur/RemoteAccessErrorPage.apexp');
    assert.equal(location?.searchParams.get('error'), 'redirect_uri_mismatch');
  });

  it('sends a request without a code challenge back to the callback when the app requires PKCE', async () => {
    strict.connectedApp.callbackUrls.push(oktaCallbackUrl);
    try {
      const { status, location } = await authorize(strict, {});
      assert.equal(status, 302);
      assert.equal(`${location?.origin}${location?.pathname}`, oktaCallbackUrl);
      assert.equal(location?.searchParams.get('error'), 'invalid_request');
      assert.equal(location?.searchParams.get('error_description'), 'missing required code challenge');
      assert.equal(location?.searchParams.get('state'), 's1');
      // With a challenge, the login page.
      assert.equal((await authorize(strict, { code_challenge: 'abc', code_challenge_method: 'S256' })).status, 200);
    } finally {
      strict.connectedApp.callbackUrls.pop();
    }
  });

  it('serves the Organization record: production by default, a sandbox when asked', async () => {
    assert.deepEqual(await organization(plain), {
      attributes: { type: 'Organization', url: `/services/data/v64.0/sobjects/Organization/${plain.organizationId}` },
      Id: plain.organizationId, IsSandbox: false, OrganizationType: 'Developer Edition', InstanceName: 'NA224',
    });
    const sandboxOrg = await organization(strict);
    assert.equal(sandboxOrg.IsSandbox, true);
    assert.equal(sandboxOrg.OrganizationType, 'Enterprise Edition');
  });
});
