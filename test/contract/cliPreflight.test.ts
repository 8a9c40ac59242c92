// okta-sf preflight, run as a user would run it (the built dist/cli.js in its own process), against both
// sandbox orgs, Okta's PRODUCTION Salesforce app pointing at the Salesforce org's My Domain: the report and
// JSON, the exit codes (1 on an error finding, 0 without, 2 when it cannot run), the requests made, and
// no secret in what it prints.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { OktaExchanges } from './oktaExchanges';
import { runOktaSf as oktaSf } from './oktaSfProcess';

interface PreflightJson {
  schemaVersion: number;
  verdict: string;
  counts: Record<string, number>;
  subject: { salesforceOrgUrl: string; app: { id: string } };
  findings: Array<{ code: string; severity: string; attribute: string; salesforceField?: string; okta: string; salesforce: string; fix: string }>;
}

describe('okta-sf preflight', () => {
  const exchanges = new OktaExchanges();
  let sf: SalesforceSandbox;
  let okta: OktaSandbox;
  let production = '';
  let sandboxApp = '';
  let otherApp = '';
  let hostileApp = '';
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    okta = await startOktaSandbox({ log: () => {}, onExchange: exchanges.record, salesforceLoginUrls: { production: sf.url }, hostileApp: true });
    const apps = await (await fetch(`${okta.url}/api/v1/apps?limit=200`, { headers: { Authorization: `SSWS ${okta.apiToken}` } })).json() as Array<{ id: string; name: string; settings: { app: { instanceType?: string } } }>;
    production = apps.find((a) => a.name === 'salesforce' && a.settings.app.instanceType === 'PRODUCTION')?.id ?? '';
    sandboxApp = apps.find((a) => a.name === 'salesforce' && a.settings.app.instanceType === 'SANDBOX')?.id ?? '';
    otherApp = apps.find((a) => a.name !== 'salesforce')?.id ?? '';
    hostileApp = apps.filter((a) => a.name === 'salesforce' && a.settings.app.instanceType === 'PRODUCTION')[1]?.id ?? '';
  });
  after(() => Promise.all([okta.close(), sf.close()]));
  afterEach(() => exchanges.assertValid());

  const okEnv = () => ({ OKTA_SF_OKTA_TOKEN: okta.apiToken, OKTA_SF_ACCESS_TOKEN: sf.accessToken });
  const count = (operation: string) => exchanges.of(operation).length;

  it('reports the PRODUCTION app\'s traps with both sides and the fix, exits 1, reading Okta 3 times beyond the app', async () => {
    const before = ['getApplicationUserSchema', 'listProfileMappings', 'getProfileMapping', 'getApplication'].map(count);
    // No --instance-url: the app's login URL is the org's My Domain.
    const run = await oktaSf(['preflight', '--org-url', okta.url, '--app', production], okEnv());
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, new RegExp(`^Provisioning pre-flight of Salesforce\\.com \\(${production}\\): users would fail to provision: \\d+ errors?`));
    assert.match(run.stdout, /^ERROR {2}EmailEncodingKey {2}\[required-unmapped\]\n {2}Salesforce requires EmailEncodingKey on create/m);
    assert.match(run.stdout, /^ERROR {2}timeZoneSidKey → TimeZoneSidKey {2}\[picklist-mismatch\]\n {2}Okta's values "Asia\/Calcutta" are not active values/m);
    assert.match(run.stdout, /^ {2}Fix: /m);
    const after = ['getApplicationUserSchema', 'listProfileMappings', 'getProfileMapping', 'getApplication'].map(count);
    assert.deepEqual(after.map((n, i) => n - before[i]), [1, 1, 1, 1]);
    for (const secret of [okta.apiToken, sf.accessToken]) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret));
  });

  it('prints JSON with client credentials at the org\'s My Domain', async () => {
    const run = await oktaSf(['preflight', '--org-url', okta.url, '--app', production, '--login-url', sf.url, '--sf-client-id', sf.connectedApp.consumerKey, '--json'],
      { OKTA_SF_OKTA_TOKEN: okta.apiToken, OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret });
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as PreflightJson;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.verdict, 'fails');
    assert.equal(report.subject.app.id, production);
    assert.equal(report.subject.salesforceOrgUrl, sf.url);
    const timeZone = report.findings.find((f) => f.code === 'picklist-mismatch');
    assert.equal(timeZone?.salesforceField, 'TimeZoneSidKey');
    assert.match(timeZone.okta, /enum of 16/);
    assert.match(timeZone.salesforce, /^picklist\(40\), required on create/);
    assert.equal(report.counts.error, report.findings.filter((f) => f.severity === 'error').length);
  });

  it('exits 0 for an app Salesforce would accept (warnings only)', async () => {
    const run = await oktaSf(['preflight', '--org-url', okta.url, '--app', sandboxApp, '--instance-url', sf.url], okEnv());
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /: passes with warnings: 0 errors, \d+ warnings?/);
  });

  it('signs in to Okta as a service app with the pre-flight\'s scopes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-preflight-'));
    try {
      const keyFile = path.join(dir, 'service-app.pem');
      fs.writeFileSync(keyFile, okta.serviceApp.privateKeyPem, { mode: 0o600 });
      const run = await oktaSf(['preflight', '--org-url', okta.url, '--app', production, '--client-id', okta.serviceApp.clientId, '--private-key-file', keyFile, '--json'],
        { OKTA_SF_ACCESS_TOKEN: sf.accessToken });
      assert.equal(run.code, 1, run.stderr);
      assert.equal((JSON.parse(run.stdout) as PreflightJson).subject.app.id, production);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a mapping expression that does not parse at its position, checks the rest, and keeps org text on one line', async () => {
    const run = await oktaSf(['preflight', '--org-url', okta.url, '--app', hostileApp, '--instance-url', sf.url], okEnv());
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^ERROR {2}costCenter {2}\[expression-invalid\]\n {2}The expression does not parse: .*\n {6}String\.substring\(user\.login, 0\n {6} {30}\^$/m);
    // The rest is still checked: the PRODUCTION app's traps are there too.
    assert.match(run.stdout, /^ERROR {2}EmailEncodingKey {2}\[required-unmapped\]$/m);
    // The app's 10,000-character label with markup: one line, cut, as typed.
    const [first] = run.stdout.split('\n');
    assert.ok(first.startsWith('Provisioning pre-flight of <img src=x onerror="alert(1)"><b>Sales</b>force') && first.length < 400, first.slice(0, 300));
    assert.ok(run.stdout.split('\n').every((line) => line.length < 1000));
  });

  const cannotRun: Array<[string, () => string[], () => NodeJS.ProcessEnv, RegExp]> = [
    ['no --app', () => ['preflight', '--org-url', okta.url], okEnv, /Give --app/],
    ['an app id of another shape', () => ['preflight', '--org-url', okta.url, '--app', '0oa1/../users'], okEnv, /Give --app/],
    ['an app the org does not have', () => ['preflight', '--org-url', okta.url, '--app', '0oaNOTANAPP000000000'], okEnv, /not found|Not found|does not exist/i],
    ['an app that is not Salesforce', () => ['preflight', '--org-url', okta.url, '--app', otherApp], okEnv, /is not a Salesforce\.com app/],
    ['no Salesforce credential', () => ['preflight', '--org-url', okta.url, '--app', production], () => ({ OKTA_SF_OKTA_TOKEN: okta.apiToken, OKTA_SF_ACCESS_TOKEN: '' }), /Give the Salesforce org/],
    ['a refused Salesforce session', () => ['preflight', '--org-url', okta.url, '--app', production], () => ({ ...okEnv(), OKTA_SF_ACCESS_TOKEN: '00Dbad!token' }), /session|sign in/i],
    ['a refused Okta token', () => ['preflight', '--org-url', okta.url, '--app', production], () => ({ ...okEnv(), OKTA_SF_OKTA_TOKEN: '00notAToken' }), /token/i],
  ];
  for (const [name, args, env, says] of cannotRun) {
    it(`exits 2, saying why, for ${name}`, async () => {
      const run = await oktaSf(args(), env());
      assert.equal(run.code, 2, run.stdout);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, says);
    });
  }
});
