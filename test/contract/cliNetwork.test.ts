// okta-sf audit-org's network options: --timeout, the API version it asks for, proxies from the
// environment (never for this machine), run as a user runs it, against the sandbox org.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { runOktaSf } from './oktaSfProcess';

describe('okta-sf audit-org on the network', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());
  const audit = (...extra: string[]) => ['audit-org', '--login-url', sf.url, '--client-id', sf.connectedApp.consumerKey, '--profiles', 'Okta Integration', ...extra];

  it('refuses a --timeout that is not a number of seconds', async () => {
    for (const timeout of ['--timeout=soon', '--timeout=-1', '--timeout=', '--timeout=1e3']) {
      const run = await runOktaSf(audit(timeout), { OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret });
      assert.equal(run.code, 2, timeout);
      assert.match(run.stderr, /--timeout takes a number of seconds \(0 for no limit\)/);
    }
  });

  it('says which API versions the org offers when asked for one it does not, instead of blaming the instance URL', async () => {
    const run = await runOktaSf(audit('--api-version', '99.0'), { OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /This org does not offer Salesforce API version 99\.0; it offers \d+\.0 to \d+\.0\. Choose one of those\./);
    assert.doesNotMatch(run.stderr, /instance URL/);
  });

  it('never sends requests for this machine through a proxy from the environment', async () => {
    const dead = 'http://127.0.0.1:9';
    const run = await runOktaSf(audit('--json'), { OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret, HTTPS_PROXY: dead, HTTP_PROXY: dead, NO_PROXY: '' });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { orgPasses: boolean }).orgPasses, true);
  });

  it('sends other hosts through it, and names the proxy when it cannot be reached', async () => {
    const run = await runOktaSf(['audit-org', '--login-url', 'https://login.example.test', '--client-id', 'key', '--timeout', '5'],
      { OKTA_SF_CLIENT_SECRET: 'secret', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Cannot reach the proxy http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Check the HTTPS_PROXY and NO_PROXY environment variables\.\n$/);
  });
});
