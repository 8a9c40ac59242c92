// okta-sf test-credentials, run as a user would run it (the built dist/cli.js in its own process), against
// the sandbox orgs: the checks as text and JSON, the exit codes, the Okta app's instance type, and secrets
// that come from the environment and are never printed.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oktaCallbackUrl } from '../sandbox/salesforce/connectedApp';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { oktaSandboxSuite } from './oktaSandboxSuite';
import { runOktaSf as oktaSf } from './oktaSfProcess';
import { signInAsOkta } from './oktaSignIn';

interface ChecksJson {
  schemaVersion: number;
  loginUrl: string;
  oktaInstanceType: string | null;
  results: Array<{ check: string; outcome: string; detail: string; fix?: string }>;
  summary: { pass: number; warn: number; fail: number; skipped: number; exitCode: number };
}

describe('okta-sf test-credentials', () => {
  const okta = oktaSandboxSuite();
  let sf: SalesforceSandbox;
  let sandboxOrg: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    sandboxOrg = await startSalesforceSandbox({ log: () => {}, isSandboxOrg: true });
  });
  after(async () => {
    await Promise.all([sf.close(), sandboxOrg.close()]);
  });
  const keyOf = (org: SalesforceSandbox) => ['test-credentials', '--login-url', org.loginUrl, '--consumer-key', org.connectedApp.consumerKey];
  const secretOf = (org: SalesforceSandbox) => ({ OKTA_SF_CLIENT_SECRET: org.connectedApp.consumerSecret });

  it('passes all seven with a refresh token from the environment, printing no secret', async () => {
    const session = await signInAsOkta(sf, sf.seed.integrationUsers.correct);
    const run = await oktaSf(keyOf(sf), { ...secretOf(sf), OKTA_SF_REFRESH_TOKEN: session.refreshToken });
    // Without the Okta app, check 1 cannot compare the instance type: a warning, not a failure.
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^WARN {2}1\. Login host answers/);
    assert.match(run.stdout, /^PASS {2}5\. Consumer secret, scopes and refresh token$/m);
    assert.match(run.stdout, /^PASS {2}6\. Integration user and its profile$/m);
    assert.match(run.stdout, /\n\n6 passed, 1 warning\n$/);
    assert.match(run.stderr, /Refreshing the integration user's session/);
    assert.match(run.stderr, /rotates refresh tokens, so the refresh token given was replaced/);
    for (const secret of [sf.connectedApp.consumerSecret, session.refreshToken ?? '', session.accessToken]) {
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'a secret was printed');
    }
  });

  it('prints JSON with an instance URL and access token; without a refresh token check 5 is skipped', async () => {
    const session = await signInAsOkta(sf, sf.seed.integrationUsers.permissionSetGrant);
    const run = await oktaSf([...keyOf(sf), '--instance-url', session.instanceUrl, '--json'], { ...secretOf(sf), OKTA_SF_ACCESS_TOKEN: session.accessToken });
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as ChecksJson;
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.oktaInstanceType, null);
    assert.deepEqual(json.results.map((result) => `${result.check}:${result.outcome}`), [
      'loginHost:warn', 'consumerKey:pass', 'oktaCallback:pass', 'noExtraDemands:pass', 'secretAndRefresh:skipped', 'integrationUser:fail', 'apiRequests:pass',
    ]);
    assert.match(json.results[5].fix ?? '', /Okta Integration - Permission Set Grant → System Permissions, enable Manage Users/);
    assert.deepEqual(json.summary, { pass: 4, warn: 1, fail: 1, skipped: 1, exitCode: 1 });
  });

  it('fails an unregistered Okta callback URL from the key alone (exit 1)', async () => {
    sf.connectedApp.callbackUrls.splice(sf.connectedApp.callbackUrls.indexOf(oktaCallbackUrl), 1);
    try {
      const run = await oktaSf(keyOf(sf));
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /^FAIL {2}3\. Okta’s callback URL is registered/m);
      assert.ok(run.stdout.includes(`Fix: In Setup > App Manager > <your app> > Edit > API (Enable OAuth Settings)`));
      assert.match(run.stdout, /^SKIP {2}5\./m);
    } finally {
      sf.connectedApp.callbackUrls.push(oktaCallbackUrl);
    }
  });

  it('reads the Okta app\'s instance type: a sandbox org behind the PRODUCTION app fails check 1', async () => {
    const [production] = await okta.appsNamed('salesforce');
    assert.equal(production.settings.app.instanceType, 'PRODUCTION');
    const session = await signInAsOkta(sandboxOrg, sandboxOrg.seed.integrationUsers.correct);
    // Required after Okta signed in (its newer sign-in sends a challenge): reported, not failed.
    sandboxOrg.connectedApp.requirePkce = true;
    const run = await oktaSf([...keyOf(sandboxOrg), '--okta-org-url', okta.okta.url, '--okta-app', production.id, '--json'], {
      ...secretOf(sandboxOrg), OKTA_SF_REFRESH_TOKEN: session.refreshToken, OKTA_SF_OKTA_TOKEN: okta.okta.apiToken,
    });
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as ChecksJson;
    assert.equal(json.oktaInstanceType, 'PRODUCTION');
    assert.equal(json.results[0].outcome, 'fail');
    assert.match(json.results[0].detail, /IsSandbox is true.*PRODUCTION/s);
    assert.equal(json.results[3].outcome, 'warn');
  });

  describe('cannot run (exit 2)', () => {
    it('without a consumer key', async () => {
      const run = await oktaSf(['test-credentials', '--login-url', sf.loginUrl]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /Give --login-url .* and --consumer-key\./);
    });

    it('with the secret as a flag, saying where it goes', async () => {
      const run = await oktaSf([...keyOf(sf), '--client-secret', 'shh']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^test-credentials reads the consumer secret from OKTA_SF_CLIENT_SECRET only\.\n/);
      assert.ok(!run.stderr.includes('shh') && !run.stdout.includes('shh'));
    });

    it('with an instance URL but no access token', async () => {
      const run = await oktaSf([...keyOf(sf), '--instance-url', sf.url]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /--instance-url and an access token \(OKTA_SF_ACCESS_TOKEN\) go together/);
    });

    it('with an Okta app but no Okta credential, or one that is not a Salesforce app', async () => {
      const noToken = await oktaSf([...keyOf(sf), '--okta-org-url', okta.okta.url, '--okta-app', '0oaNope'], { OKTA_SF_OKTA_TOKEN: '' });
      assert.equal(noToken.code, 2);
      assert.match(noToken.stderr, /needs an Okta API token in OKTA_SF_OKTA_TOKEN/);
      const [other] = (await okta.rawApps('limit=20')).filter((app) => app.name !== 'salesforce');
      assert.ok(other);
      const notSalesforce = await oktaSf([...keyOf(sf), '--okta-org-url', okta.okta.url, '--okta-app', other.id], { OKTA_SF_OKTA_TOKEN: okta.okta.apiToken });
      assert.equal(notSalesforce.code, 2);
      assert.match(notSalesforce.stderr, /is not a Salesforce\.com app/);
    });
  });
});
