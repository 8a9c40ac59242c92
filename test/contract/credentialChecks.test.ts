// Test API Credentials against the sandbox org over HTTP: the probes (authorize endpoint never followed,
// a refresh with key and secret, the integration user's reads) and the seven checks they decide. The
// integration user signs in as Okta does (oktaSignIn.ts).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CheckResult } from '../../src/domain/apiIntegration/protocol';
import { type CredentialTestInput, readIntegrationUser, testApiCredentials } from '../../src/salesforce/api/salesforceApi';
import { oktaCallbackUrl } from '../sandbox/salesforce/connectedApp';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { integrationProfiles } from '../sandbox/salesforce/seed';
import { signInAsOkta } from './oktaSignIn';
import { testNetwork } from './testNetwork';

const byId = (results: CheckResult[], id: string) => {
  const found = results.find((result) => result.check === id);
  assert.ok(found, `no result for ${id}`);
  return found;
};
const outcomes = (results: CheckResult[]) => Object.fromEntries(results.map((result) => [result.check, result.outcome]));

describe('Test API Credentials against the sandbox', () => {
  let sf: SalesforceSandbox;
  let sandboxOrg: SalesforceSandbox;
  const network = testNetwork({ timeoutMs: 3000 });
  const input = (overrides: Partial<CredentialTestInput> = {}): CredentialTestInput => ({
    loginUrl: sf.loginUrl, consumerKey: sf.connectedApp.consumerKey, consumerSecret: sf.connectedApp.consumerSecret, oktaInstanceType: 'PRODUCTION', ...overrides,
  });

  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    sandboxOrg = await startSalesforceSandbox({ log: () => {}, isSandboxOrg: true });
  });
  after(async () => {
    await Promise.all([sf.close(), sandboxOrg.close()]);
  });
  beforeEach(() => {
    sf.faults.set({});
    sf.connectedApp.requirePkce = false;
    if (!sf.connectedApp.callbackUrls.includes(oktaCallbackUrl)) sf.connectedApp.callbackUrls.push(oktaCallbackUrl);
  });

  it('passes all seven for the integration user with the Okta Integration profile, and hands back the rotated refresh token', async () => {
    const session = await signInAsOkta(sf, sf.seed.integrationUsers.correct);
    const progress: string[] = [];
    const { results, renewedSession } = await testApiCredentials(input({ session }), network, undefined, (message) => progress.push(message));
    assert.deepEqual(results.map((result) => `${result.check}:${result.outcome}`), [
      'loginHost:pass', 'consumerKey:pass', 'oktaCallback:pass', 'noExtraDemands:pass', 'secretAndRefresh:pass', 'integrationUser:pass', 'apiRequests:pass',
    ], JSON.stringify(results, null, 1));
    assert.match(byId(results, 'loginHost').detail, /IsSandbox is false/);
    assert.match(byId(results, 'apiRequests').detail, /of 15,000 API requests remain today/);
    assert.ok(progress.length >= 3);
    // Rotation: the token used is spent; the renewed session's works.
    assert.ok(renewedSession?.refreshToken && renewedSession.refreshToken !== session.refreshToken);
    const again = await testApiCredentials(input({ session }), network);
    assert.equal(byId(again.results, 'secretAndRefresh').outcome, 'fail');
    assert.match(byId(again.results, 'secretAndRefresh').detail, /invalid_grant/);
    const renewed = await testApiCredentials(input({ session: renewedSession }), network);
    assert.equal(byId(renewed.results, 'secretAndRefresh').outcome, 'pass');
  });

  for (const [profile, expected] of [
    [integrationProfiles.missingDependencies, /Okta Integration - Missing Dependencies → System Permissions, enable Manage Password Policies, Reset User Passwords and Unlock Users and Freeze Users \(/],
    [integrationProfiles.permissionSetGrant, /Okta Integration - Permission Set Grant → System Permissions, enable Manage Users, Assign Permission Sets, .* \(on the profile itself/],
    [integrationProfiles.chatterLicense, /clone a profile whose User License is Salesforce/],
  ] as const) {
    it(`fails the integration user check for the profile ${profile}, with its fix`, async () => {
      const key = (Object.keys(integrationProfiles) as Array<keyof typeof integrationProfiles>).find((k) => integrationProfiles[k] === profile);
      assert.ok(key);
      const session = await signInAsOkta(sf, sf.seed.integrationUsers[key]);
      const { results } = await testApiCredentials(input({ session }), network);
      const check = byId(results, 'integrationUser');
      assert.equal(check.outcome, 'fail', check.detail);
      assert.match(check.fix ?? '', expected);
      assert.equal(byId(results, 'secretAndRefresh').outcome, 'pass');
    });
  }

  it('fails Okta\'s callback URL when the connected app does not list it', async () => {
    sf.connectedApp.callbackUrls.splice(sf.connectedApp.callbackUrls.indexOf(oktaCallbackUrl), 1);
    const { results } = await testApiCredentials(input(), network);
    assert.deepEqual(outcomes(results), {
      loginHost: 'warn', consumerKey: 'pass', oktaCallback: 'fail', noExtraDemands: 'skipped', secretAndRefresh: 'skipped', integrationUser: 'skipped', apiRequests: 'skipped',
    });
    assert.ok(byId(results, 'oktaCallback').fix?.includes(oktaCallbackUrl));
  });

  it('reports a connected app that requires PKCE', async () => {
    sf.connectedApp.requirePkce = true;
    const { results } = await testApiCredentials(input(), network);
    assert.equal(byId(results, 'noExtraDemands').outcome, 'warn');
    assert.match(byId(results, 'noExtraDemands').detail, /missing required code challenge/);
    assert.equal(byId(results, 'oktaCallback').outcome, 'pass');
  });

  it('fails a sandbox org behind a PRODUCTION Okta app, and passes it behind a SANDBOX one', async () => {
    const session = await signInAsOkta(sandboxOrg, sandboxOrg.seed.integrationUsers.correct);
    const base = { loginUrl: sandboxOrg.loginUrl, consumerKey: sandboxOrg.connectedApp.consumerKey, consumerSecret: sandboxOrg.connectedApp.consumerSecret };
    const { results, renewedSession } = await testApiCredentials({ ...base, oktaInstanceType: 'PRODUCTION', session }, network);
    const check = byId(results, 'loginHost');
    assert.equal(check.outcome, 'fail');
    assert.match(check.detail, /IsSandbox is true.*PRODUCTION/s);
    assert.match(check.fix ?? '', /Instance Type.*choose Sandbox/);
    const sandboxApp = await testApiCredentials({ ...base, oktaInstanceType: 'SANDBOX', session: renewedSession }, network);
    assert.equal(byId(sandboxApp.results, 'loginHost').outcome, 'pass');
  });

  it('fails a wrong secret at the refresh', async () => {
    const session = await signInAsOkta(sf, sf.seed.integrationUsers.correct);
    const { results, renewedSession } = await testApiCredentials(input({ session, consumerSecret: 'not-the-secret' }), network);
    const check = byId(results, 'secretAndRefresh');
    assert.equal(check.outcome, 'fail');
    assert.match(check.detail, /refused the consumer secret \(invalid_client\)/);
    assert.equal(renewedSession, undefined);
    // The other checks still ran with the session given.
    assert.equal(byId(results, 'integrationUser').outcome, 'pass');
  });

  it('fails an unknown consumer key', async () => {
    const { results } = await testApiCredentials(input({ consumerKey: '3MVG9notAKeyThisOrgKnows' }), network);
    assert.equal(byId(results, 'consumerKey').outcome, 'fail');
    assert.match(byId(results, 'consumerKey').detail, /invalid_client_id/);
  });

  describe('a login host that does not answer as Salesforce', () => {
    const expectHostFailure = (results: CheckResult[], pattern: RegExp) => {
      assert.equal(byId(results, 'loginHost').outcome, 'fail');
      assert.match(byId(results, 'loginHost').detail, pattern);
      assert.deepEqual([byId(results, 'consumerKey').outcome, byId(results, 'oktaCallback').outcome], ['skipped', 'skipped']);
    };

    it('down: nothing listens', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      expectHostFailure((await testApiCredentials(input({ loginUrl: `http://127.0.0.1:${port}` }), network)).results, /127\.0\.0\.1/);
    });

    it('5xx on every try', async () => {
      sf.faults.set({ serverError: { count: 3, status: 503, path: '/services/oauth2/authorize' } });
      expectHostFailure((await testApiCredentials(input(), network)).results, /server error \(HTTP 503/);
    });

    it('no answer within the deadline', async () => {
      sf.faults.set({ blackHole: { count: 3, path: '/services/oauth2/authorize' } });
      expectHostFailure((await testApiCredentials(input(), testNetwork({ timeoutMs: 600 }))).results, /raise the test timeout/);
    });
  });

  it('keeps one probe\'s failure to its own check', async () => {
    const session = await signInAsOkta(sf, sf.seed.integrationUsers.correct);
    sf.faults.set({ serverError: { count: 3, status: 500, path: '/services/data/v64.0/limits' } });
    const { results } = await testApiCredentials(input({ session }), network);
    assert.equal(byId(results, 'apiRequests').outcome, 'fail');
    assert.match(byId(results, 'apiRequests').detail, /HTTP 500/);
    assert.equal(byId(results, 'integrationUser').outcome, 'pass');
  });

  it('shows hostile text from the host as one short line, tokens redacted', async () => {
    const hostile = `evil\u202e\r\nline two Bearer 00DSb0000001SbX!AQEAQH5cZJ0mFAKEtokenFAKEtokenFAKEtoken ${'x'.repeat(2000)}`;
    const server = http.createServer((_, res) => {
      const query = new URLSearchParams({ error: 'weird_error', error_description: hostile });
      res.writeHead(302, { Location: `/setup/secur/RemoteAccessErrorPage.apexp?${query}` }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { results } = await testApiCredentials(input({ loginUrl: `http://127.0.0.1:${port}` }), network);
      const check = byId(results, 'noExtraDemands');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /weird_error/);
      assert.doesNotMatch(check.detail, /[\r\n\u202e]/);
      assert.doesNotMatch(check.detail, /FAKEtoken/);
      assert.ok(check.detail.length < 600, `${check.detail.length} characters`);
    } finally {
      server.close();
    }
  });

  it('reads the integration user for the panel: who, where, which profile, and its verdict', async () => {
    const good = await readIntegrationUser(await signInAsOkta(sf, sf.seed.integrationUsers.correct), network);
    assert.deepEqual(good, {
      username: sf.seed.integrationUsers.correct, orgId: sf.organizationId, host: new URL(sf.url).host, profile: 'Okta Integration', verdict: 'pass', findings: [],
    });
    const broken = await readIntegrationUser(await signInAsOkta(sf, sf.seed.integrationUsers.permissionSetGrant), network);
    assert.equal(broken.verdict, 'fail');
    assert.ok(broken.findings.some((line) => /Manage Users is not on the profile/.test(line)), broken.findings.join('\n'));
  });
});
