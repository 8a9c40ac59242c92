// okta-sf failures, run as a user would run it (the built dist/cli.js in its own process), against the
// sandbox's Okta org, whose System Log holds provisioning failures for its Salesforce apps: the groups in
// text and JSON with exit 1, a window without failures (exit 0, saying so with the window), and exit 2
// with the reason for a --since that is not a window, an app that is not Salesforce, and a service app
// that is not granted okta.logs.read. What the groups should be is counted here from the System Log's
// own answer over plain HTTP, apart from the CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { provisioningErrorEventTypes } from '../../src/domain/provisioningFailures/failureEvent';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { OktaExchanges } from './oktaExchanges';
import { runOktaSf as oktaSf } from './oktaSfProcess';

interface FailuresJson {
  schemaVersion: number;
  app: { id: string; label: string };
  window: { since: string; until: string };
  total: number;
  groups: Array<{ key: string; code?: string; field?: string; count: number; users: Array<{ id: string; label: string }>; title: string; fix: string; severity: string }>;
}

interface RawLogEvent { uuid: string; eventType: string; outcome: { result: string; reason?: string }; target: Array<{ id: string; type: string }> }

const dayMs = 86_400_000;

describe('okta-sf failures', () => {
  const exchanges = new OktaExchanges();
  let okta: OktaSandbox;
  let production = '';
  let sandboxApp = '';
  let otherApp = '';
  before(async () => {
    okta = await startOktaSandbox({ log: () => {}, onExchange: exchanges.record });
    const apps = await (await fetch(`${okta.url}/api/v1/apps?limit=200`, { headers: { Authorization: `SSWS ${okta.apiToken}` } })).json() as Array<{ id: string; name: string; settings: { app: { instanceType?: string } } }>;
    production = apps.find((a) => a.name === 'salesforce' && a.settings.app.instanceType === 'PRODUCTION')?.id ?? '';
    sandboxApp = apps.find((a) => a.name === 'salesforce' && a.settings.app.instanceType === 'SANDBOX')?.id ?? '';
    otherApp = apps.find((a) => a.name !== 'salesforce')?.id ?? '';
  });
  after(() => okta.close());
  afterEach(() => exchanges.assertValid());

  const env = () => ({ OKTA_SF_OKTA_TOKEN: okta.apiToken });

  /** The app's provisioning error events in the last `days` days, as the System Log answers a plain query (one page holds them). */
  async function loggedFailures(appId: string, days: number): Promise<RawLogEvent[]> {
    const query = new URLSearchParams({ since: new Date(Date.now() - days * dayMs).toISOString(), limit: '1000' });
    const response = await fetch(`${okta.url}/api/v1/logs?${query.toString()}`, { headers: { Authorization: `SSWS ${okta.apiToken}` } });
    assert.equal(response.status, 200);
    const events = await response.json() as RawLogEvent[];
    return events.filter((e) => provisioningErrorEventTypes.includes(e.eventType) && e.outcome.result === 'FAILURE' && e.target.some((t) => t.id === appId));
  }

  it('groups the PRODUCTION app\'s failures by cause in JSON, each with its fix, and exits 1', async () => {
    const logged = await loggedFailures(production, 7);
    assert.ok(logged.length > 1, 'the sandbox has no failures for the PRODUCTION app in the last 7 days');
    const run = await oktaSf(['failures', '--org-url', okta.url, '--app', production, '--json'], env());
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as FailuresJson;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.app.id, production);
    // Every failure the log holds for the app in the window is counted once, in one group.
    assert.equal(report.total, logged.length);
    assert.equal(report.groups.reduce((sum, g) => sum + g.count, 0), logged.length);
    // The window is the 7 days before now (the default --since).
    assert.ok(Math.abs(Date.parse(report.window.until) - Date.parse(report.window.since) - 7 * dayMs) < 1000, JSON.stringify(report.window));
    // Salesforce's code and field, from the reason "STRING_TOO_LONG: Alias: data value too large: …".
    const tooLong = report.groups.find((g) => g.code === 'STRING_TOO_LONG');
    assert.equal(tooLong?.field, 'Alias');
    assert.equal(tooLong.count, logged.filter((e) => e.outcome.reason?.includes('STRING_TOO_LONG: Alias')).length);
    assert.ok(tooLong.fix.length > 0 && tooLong.users.length > 0);
    const codes = report.groups.map((g) => g.code);
    for (const code of ['DUPLICATE_USERNAME', 'REQUIRED_FIELD_MISSING']) {
      if (logged.some((e) => e.outcome.reason?.includes(code))) assert.ok(codes.includes(code), `${code} is not among ${codes.join(', ')}`);
    }
    assert.ok(!run.stdout.includes(okta.apiToken));
  });

  it('prints the same groups as a report, worst first, one heading per group', async () => {
    const json = JSON.parse((await oktaSf(['failures', '--org-url', okta.url, '--app', production, '--json'], env())).stdout) as FailuresJson;
    const run = await oktaSf(['failures', '--org-url', okta.url, '--app', production], env());
    assert.equal(run.code, 1, run.stderr);
    const [first, ...rest] = run.stdout.split('\n');
    assert.match(first, new RegExp(`^Provisioning failures of Salesforce\\.com \\(${production}\\), from \\S+ to \\S+: ${json.total} in ${json.groups.length} groups`));
    const headings = rest.filter((line) => /^\S/.test(line));
    assert.deepEqual(headings.map((line) => line.split('  ')[1]), json.groups.map((g) => g.title));
    assert.match(run.stdout, /^ERROR {2}.*\[STRING_TOO_LONG · Alias\]$/m);
    assert.match(run.stdout, /^ {2}Fix: /m);
    // Markup and long reasons stay text on one line.
    assert.ok(run.stdout.split('\n').every((line) => line.length < 1000));
  });

  it('says there is none, with the window, and exits 0 for a window without failures', async () => {
    assert.equal((await loggedFailures(sandboxApp, 1 / 24)).length, 0, 'the SANDBOX app has failures in the last hour');
    const run = await oktaSf(['failures', '--org-url', okta.url, '--app', sandboxApp, '--since', '1h'], env());
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`^Provisioning failures of Salesforce\\.com \\(Sandbox\\) \\(${sandboxApp}\\), from \\d{4}-\\d\\d-\\d\\dT\\S+ to \\d{4}-\\d\\d-\\d\\dT\\S+: none\\.`));
    const json = await oktaSf(['failures', '--org-url', okta.url, '--app', sandboxApp, '--since', '1h', '--json'], env());
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual([(JSON.parse(json.stdout) as FailuresJson).total, (JSON.parse(json.stdout) as FailuresJson).groups], [0, []]);
  });

  it('reads a longer window when asked: the SANDBOX app\'s failures over 30 days', async () => {
    const logged = await loggedFailures(sandboxApp, 30);
    const run = await oktaSf(['failures', '--org-url', okta.url, '--app', sandboxApp, '--since', '30d', '--json'], env());
    assert.equal(run.code, logged.length ? 1 : 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as FailuresJson).total, logged.length);
  });

  const cannotRun: Array<[string, () => string[], RegExp]> = [
    ['a --since that is not a window', () => ['failures', '--org-url', okta.url, '--app', production, '--since', 'last week'], /--since "last week" is not a window/],
    ['a --since beyond the System Log\'s 90 days', () => ['failures', '--org-url', okta.url, '--app', production, '--since', '120d'], /90 days/],
    ['no --app', () => ['failures', '--org-url', okta.url], /Give --app/],
    ['an app that is not Salesforce', () => ['failures', '--org-url', okta.url, '--app', otherApp], /is not a Salesforce\.com app/],
    ['an unknown option', () => ['failures', '--org-url', okta.url, '--app', production, '--window', '7d'], /Unknown option '--window'/],
  ];
  for (const [name, args, says] of cannotRun) {
    it(`exits 2, saying why, for ${name}`, async () => {
      const run = await oktaSf(args(), env());
      assert.equal(run.code, 2, run.stdout);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, says);
    });
  }

  it('exits 2 naming okta.logs.read for a service app that is not granted it', async () => {
    const narrow = await startOktaSandbox({ log: () => {}, serviceAppScopes: ['okta.apps.read'] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-failures-'));
    try {
      const keyFile = path.join(dir, 'service-app.pem');
      fs.writeFileSync(keyFile, narrow.serviceApp.privateKeyPem, { mode: 0o600 });
      const args = ['failures', '--org-url', narrow.url, '--app', production, '--client-id', narrow.serviceApp.clientId, '--private-key-file', keyFile];
      const run = await oktaSf(args, {});
      assert.equal(run.code, 2, run.stdout);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /okta\.logs\.read/);
      // Granted, the same service app reads the failures.
      fs.writeFileSync(keyFile, okta.serviceApp.privateKeyPem, { mode: 0o600 });
      const granted = await oktaSf(['failures', '--org-url', okta.url, '--app', production, '--client-id', okta.serviceApp.clientId, '--private-key-file', keyFile, '--json'], {});
      assert.equal(granted.code, 1, granted.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await narrow.close();
    }
  });

  it('lists failures in --help', async () => {
    const run = await oktaSf(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /okta-sf failures --org-url URL --app ID \[--since 7d\] \[--json\]/);
    assert.match(run.stdout, /failures: 0 no failure\nin the window, 1 failures, 2 they could not be read/);
  });
});
