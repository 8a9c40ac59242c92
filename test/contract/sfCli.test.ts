// The Salesforce CLI adapter, running a fake `sf` (test/sandbox/sfCli/fakeSf.ts) that answers in
// the real CLI's JSON shapes with real sessions of the sandbox org.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { displaySfOrg, listSfOrgs, SfCliFailure, type SfCliOptions } from '../../src/salesforce/api/sfCli';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { type FakeSfOrg, type FakeSfState, installFakeSf } from '../sandbox/sfCli/installFakeSf';

const orgs: FakeSfOrg[] = [
  { alias: 'prod', username: 'admin@acme.example' },
  { username: 'integration@acme.example' },
  { alias: 'uat', username: 'admin@acme.example.uat', kind: 'sandbox', isDefault: true },
  { alias: 'hub', username: 'hub@acme.example', kind: 'devHub' },
  { alias: 'lapsed', username: 'old@acme.example', expired: true },
  { alias: 'feature-x', username: 'test-ab12cd@example.com', kind: 'scratch' },
];

async function failureOf(promise: Promise<unknown>): Promise<SfCliFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof SfCliFailure, `expected an SfCliFailure, got ${String(error)}`);
  return error;
}

describe('Salesforce CLI adapter with a fake sf', () => {
  let salesforce: SalesforceSandbox;
  let tmp: string;
  let installs = 0;
  before(async () => {
    salesforce = await startSalesforceSandbox({ log: () => {} });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-sfcli-'));
  });
  after(async () => {
    await salesforce.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Options that run a fake sf, found on PATH, with these orgs and quirks. */
  function fakeSf(state: Partial<FakeSfState> = {}): SfCliOptions {
    const { loginUrl, consumerKey, consumerSecret } = { loginUrl: salesforce.url, ...salesforce.connectedApp };
    const { env } = installFakeSf(path.join(tmp, `bin${++installs}`), { salesforce: { loginUrl, consumerKey, consumerSecret }, orgs, ...state });
    return { env: { ...process.env, ...env } };
  }

  const limitsStatus = async (instanceUrl: string, accessToken: string) =>
    (await fetch(`${instanceUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${accessToken}` } })).status;

  it('lists every org once, the default first, then by alias, orgs without one last', async () => {
    const listed = await listSfOrgs(fakeSf());
    assert.ok(listed);
    assert.deepEqual(listed.map((o) => o.alias ?? o.username), ['uat', 'feature-x', 'hub', 'lapsed', 'prod', 'integration@acme.example']);
    const uat = listed[0];
    assert.deepEqual(uat, {
      alias: 'uat', username: 'admin@acme.example.uat', orgId: salesforce.organizationId, instanceUrl: salesforce.url,
      loginUrl: salesforce.url, isDefault: true, connectedStatus: 'Connected', isScratch: false,
    });
    assert.equal(listed.find((o) => o.alias === 'lapsed')?.connectedStatus, 'RefreshTokenAuthError');
    assert.deepEqual(listed.filter((o) => o.isScratch).map((o) => o.alias), ['feature-x']);
    assert.equal(listed.filter((o) => o.isDefault).length, 1);
  });

  it('never passes on the access tokens an older CLI lists', async () => {
    const listed = await listSfOrgs(fakeSf({ redactsSecrets: false }));
    assert.equal(listed?.length, orgs.length);
    assert.doesNotMatch(JSON.stringify(listed), /accessToken|!/);
  });

  it('answers an empty list when the CLI knows no org', async () => {
    assert.deepEqual(await listSfOrgs(fakeSf({ orgs: [] })), []);
  });

  it('gives a session that works, asking for the token the CLI now hides from org display', async () => {
    const session = await displaySfOrg('prod', fakeSf());
    assert.equal(await limitsStatus(session.instanceUrl, session.accessToken), 200);
    assert.deepEqual({ ...session, accessToken: undefined }, {
      accessToken: undefined, instanceUrl: salesforce.url, username: 'admin@acme.example', orgId: salesforce.organizationId, alias: 'prod', apiVersion: '64.0',
    });
  });

  it('takes the token from org display when an older CLI shows it, and finds an org by username', async () => {
    const session = await displaySfOrg('integration@acme.example', fakeSf({ redactsSecrets: false }));
    assert.equal(await limitsStatus(session.instanceUrl, session.accessToken), 200);
    assert.equal(session.alias, undefined);
  });

  it('calls an unknown alias noSuchOrg, naming it', async () => {
    const failure = await failureOf(displaySfOrg('nope', fakeSf()));
    assert.equal(failure.kind, 'noSuchOrg');
    assert.match(failure.message, /"nope"/);
  });

  it('reads the error from stderr, where sfdx before v45 wrote it', async () => {
    assert.equal((await failureOf(displaySfOrg('nope', fakeSf({ errorsToStderr: true })))).kind, 'noSuchOrg');
  });

  it('calls a revoked CLI sign-in signInExpired, with the command that renews it, whichever CLI', async () => {
    for (const redactsSecrets of [true, false]) {
      const failure = await failureOf(displaySfOrg('lapsed', fakeSf({ redactsSecrets })));
      assert.equal(failure.kind, 'signInExpired');
      assert.match(failure.message, /Run "sf org login web --alias lapsed --instance-url http:\/\/[^"]+" again, then retry\./);
      assert.doesNotMatch(failure.message, /![A-Za-z]/);
    }
  });

  it('answers undefined from listSfOrgs and notInstalled from displaySfOrg when sf is not on PATH', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const options: SfCliOptions = { env: { ...process.env, PATH: empty } };
    assert.equal(await listSfOrgs(options), undefined);
    const failure = await failureOf(displaySfOrg('prod', options));
    assert.equal(failure.kind, 'notInstalled');
    assert.match(failure.message, /not installed/);
  });

  it('treats a command that does not exist as sf not installed', async () => {
    const command = path.join(tmp, 'no-such-dir', 'sf');
    assert.equal(await listSfOrgs({ ...fakeSf(), command }), undefined);
    assert.equal((await failureOf(displaySfOrg('prod', { ...fakeSf(), command }))).kind, 'notInstalled');
  });

  it('stops when cancelled, before or while sf runs', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal((await failureOf(displaySfOrg('prod', { ...fakeSf(), signal: controller.signal }))).kind, 'cancelled');

    const running = new AbortController();
    const listing = listSfOrgs({ ...fakeSf({ hangs: true }), signal: running.signal, timeoutMs: 10_000 });
    setTimeout(() => running.abort(), 200);
    assert.equal((await failureOf(listing)).kind, 'cancelled');
  });

  it('gives up on a CLI that does not answer', async () => {
    const failure = await failureOf(displaySfOrg('prod', { ...fakeSf({ hangs: true }), timeoutMs: 300 }));
    assert.equal(failure.kind, 'timeout');
    assert.match(failure.message, /did not answer "sf org display --target-org prod"/);
  });

  it('calls output that is not JSON failed, without repeating it', async () => {
    const garbled = 'Warning: a plugin failed to load\n{ "status": 0, "result": GARBLED-7f3a\n';
    for (const run of [() => listSfOrgs(fakeSf({ garbled })), () => displaySfOrg('prod', fakeSf({ garbled }))]) {
      const failure = await failureOf(run());
      assert.equal(failure.kind, 'failed');
      assert.match(failure.message, /answered "sf org (list|display --target-org prod) --json" with something other than JSON \(exit code 1\)/);
      assert.doesNotMatch(failure.message, /GARBLED/);
    }
  });
});
