// okta-sf audit-org, run as a user would run it (the built dist/cli.js in its own process),
// against the sandbox org.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { runOktaSf as oktaSf } from './oktaSfProcess';

describe('okta-sf audit-org', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());
  const clientCredentials = () => ['--login-url', sf.url, '--client-id', sf.connectedApp.consumerKey];
  const secret = () => ({ OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret });

  it('prints the report and exits 1 when an integration profile fails', async () => {
    const run = await oktaSf(['audit-org', ...clientCredentials()], secret());
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Okta integration profile audit: the org does not pass\./);
    assert.match(run.stdout, /^FAIL {2}Okta Integration - Missing Dependencies/m);
    assert.match(run.stdout, /^PASS {2}Okta Integration \(/m);
    assert.match(run.stdout, /\(3 API calls\)\n$/);
  });

  it('exits 0 when the named integration profiles pass, and prints JSON on request', async () => {
    const run = await oktaSf(['audit-org', ...clientCredentials(), '--profiles', 'Okta Integration', '--json'], secret());
    assert.equal(run.code, 0, run.stderr);
    const audit = JSON.parse(run.stdout) as { orgPasses: boolean };
    assert.equal(audit.orgPasses, true);
  });

  it('takes an instance URL and an access token instead, warning when the token is on the command line', async () => {
    const run = await oktaSf(['audit-org', '--instance-url', sf.url, '--profiles', 'Okta Integration - Chatter*', '--json'], { OKTA_SF_ACCESS_TOKEN: sf.accessToken });
    assert.equal(run.code, 1, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { orgPasses: boolean }).orgPasses, false);
    assert.equal(run.stderr, '');
    const onCommandLine = await oktaSf(['audit-org', '--instance-url', sf.url, '--access-token', sf.accessToken, '--json']);
    assert.equal(onCommandLine.code, 1);
    assert.match(onCommandLine.stderr, /^Warning: --access-token shows in the process list/);
  });

  it('explains an unknown consumer key and a wrong secret, exiting 2 without echoing the secret', async () => {
    const unknownKey = await oktaSf(['audit-org', '--login-url', sf.url, '--client-id', '3MVG9nope'], secret());
    assert.equal(unknownKey.code, 2);
    assert.match(unknownKey.stderr, /consumer key is not known at .*test\.salesforce\.com/s);
    const wrongSecret = await oktaSf(['audit-org', ...clientCredentials(), '--client-secret', 'not-the-secret-123']);
    assert.equal(wrongSecret.code, 2);
    assert.match(wrongSecret.stderr, /refused the consumer secret/);
    assert.match(wrongSecret.stderr, /^Warning: --client-secret shows in the process list \(ps\) and in shell history; set OKTA_SF_CLIENT_SECRET/);
    assert.doesNotMatch(unknownKey.stderr, /Warning/);
    assert.doesNotMatch(wrongSecret.stderr + wrongSecret.stdout, /not-the-secret-123/);
  });

  it('sends a client-credentials sign-in refused on a generic login host to the My Domain, and other invalid_grant to the app settings', async () => {
    const onLoginHost = await oktaSf(['audit-org', '--login-url', sf.loginUrl, '--client-id', sf.connectedApp.consumerKey], secret());
    assert.equal(onLoginHost.code, 2);
    assert.match(onLoginHost.stderr, /request not supported on this domain/);
    assert.match(onLoginHost.stderr, /Use your My Domain URL \(https:\/\/<yourdomain>\.my\.salesforce\.com\) as --login-url\./);
    const runAs = sf.connectedApp.runAsUsername;
    sf.connectedApp.runAsUsername = 'nobody@acme-sandbox.example';
    try {
      const noRunAsUser = await oktaSf(['audit-org', ...clientCredentials()], secret());
      assert.equal(noRunAsUser.code, 2);
      assert.match(noRunAsUser.stderr, /enable the Client Credentials Flow and choose its Run As user/);
      assert.doesNotMatch(noRunAsUser.stderr, /My Domain/);
    } finally {
      sf.connectedApp.runAsUsername = runAs;
    }
  });

  it('explains missing arguments, exiting 2', async () => {
    const run = await oktaSf(['audit-org', '--login-url', sf.url]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Give --login-url, --client-id and --client-secret/);
    assert.equal((await oktaSf(['audit-orgs'])).code, 2);
  });
});
