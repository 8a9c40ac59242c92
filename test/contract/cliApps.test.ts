// okta-sf apps, run as a user would run it (the built dist/cli.js in its own process), against the
// sandbox Okta org: each way of signing in, the report and JSON, every app page by page with --all,
// and the exit code 2, with the adapter's message, whenever it cannot run.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../harness/freePort';
import { hostileAppLabel } from '../sandbox/okta/seed';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { runOktaSf as oktaSf } from './oktaSfProcess';

interface AppsJson {
  schemaVersion: number;
  orgUrl: string;
  salesforce: Array<Record<string, unknown>>;
  otherApps?: Array<Record<string, unknown>>;
}

/** A temporary folder for key files, removed after the suite. */
function keyFolder(): { file(name: string, text: string): string } {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-apps-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    file(name, text) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text, { mode: 0o600 });
      return file;
    },
  };
}

const token = (org: SandboxSuite) => ({ OKTA_SF_OKTA_TOKEN: org.okta.apiToken });

describe('okta-sf apps', () => {
  const org = oktaSandboxSuite({ appCount: 450 });
  const keys = keyFolder();

  it('reports the Salesforce instances with an API token from OKTA_SF_OKTA_TOKEN, in one request', async () => {
    const before = org.exchanges.of('listApplications').length;
    const run = await oktaSf(['apps', '--org-url', org.okta.url], token(org));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(org.exchanges.of('listApplications').length - before, 1);
    assert.equal(run.stdout, [
      `Salesforce.com instances in ${org.okta.url} (2):`,
      '',
      `Salesforce.com  (${(await org.appsNamed('salesforce'))[0].id})`,
      '  ACTIVE · PRODUCTION · https://acme.my.salesforce.com',
      '  Push new users · Push profile updates · Deactivate users',
      '',
      `Salesforce.com (Sandbox)  (${(await org.appsNamed('salesforce'))[1].id})`,
      '  ACTIVE · SANDBOX · https://acme--uat.sandbox.my.salesforce.com',
      '  Provisioning not set up',
      '(1 API calls)',
      '',
    ].join('\n'));
  });

  it('prints JSON with settings.app read whole', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--json'], token(org));
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AppsJson;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.otherApps, undefined);
    assert.deepEqual(report.salesforce.map((app) => [app.label, app.instanceType, app.integrationType, app.loginUrl, app.features]), [
      ['Salesforce.com', 'PRODUCTION', 'STANDARD', 'https://acme.my.salesforce.com', ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION']],
      ['Salesforce.com (Sandbox)', 'SANDBOX', 'STANDARD', 'https://acme--uat.sandbox.my.salesforce.com', []],
    ]);
  });

  it('lists every app with --all, 200 a page on the Link cursor', async () => {
    const before = org.exchanges.of('listApplications').length;
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--json', '--all'], token(org));
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AppsJson;
    assert.equal(report.salesforce.length, 2);
    assert.equal(report.otherApps?.length, 448);
    assert.equal(new Set(report.otherApps?.map((app) => app.id)).size, 448);
    assert.equal(org.exchanges.of('listApplications').length - before, 3);

    const text = await oktaSf(['apps', '--org-url', org.okta.url, '--all'], token(org));
    assert.match(text.stdout, /^Other apps \(448\):\nMicrosoft Office 365 {2}\(office365, ACTIVE, 0oa/m);
    assert.match(text.stdout, /\(3 API calls\)\n$/);
  });

  it('signs in as a service app with --client-id and --private-key-file', async () => {
    const keyFile = keys.file('service-app.pem', org.okta.serviceApp.privateKeyPem);
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--client-id', org.okta.serviceApp.clientId, '--private-key-file', keyFile, '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as AppsJson).salesforce.length, 2);
    const tokenRequest = new URLSearchParams(org.exchanges.of('token').at(-1)?.requestBody as string);
    assert.equal(tokenRequest.get('scope'), 'okta.apps.read', 'asks only for the scope it uses');
  });

  it("says on stderr when it waits out Okta's rate limit, and carries on", async () => {
    // The org's own rate limit, in Okta's format (429 with X-Rate-Limit-Reset), on the next listing only.
    org.okta.faults.set({ rateLimit: { count: 1, resetSeconds: 1, path: '/api/v1/apps' } });
    try {
      const run = await oktaSf(['apps', '--org-url', org.okta.url, '--json'], token(org));
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /^Waiting [1-3] s: 127\.0\.0\.1:\d+ is limiting the rate of requests \(HTTP 429\)…\n$/);
      assert.equal((JSON.parse(run.stdout) as AppsJson).salesforce.length, 2);
    } finally {
      org.okta.faults.set({});
    }
  });

  it('warns that --api-token shows in the process list, and still runs', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--api-token', org.okta.apiToken], { OKTA_SF_OKTA_TOKEN: '' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^Warning: --api-token shows in the process list \(ps\) and in shell history; set OKTA_SF_OKTA_TOKEN in the environment instead\.\n$/);
  });

  it('exits 2 with the adapter\'s message when Okta refuses the token, printing nothing else', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url], { OKTA_SF_OKTA_TOKEN: '00wrongTokenwrongTokenwrongTokenwrongToken' });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Okta refused the API token \(E0000011\)\..*Security → API → Tokens and connect again\.\n$/);
  });

  it('exits 2 naming what is refused for a key Okta does not know, without printing the key', async () => {
    const unknownKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const keyFile = keys.file('unknown.json', JSON.stringify(unknownKey));
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--client-id', org.okta.serviceApp.clientId, '--private-key-file', keyFile], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Okta refused the service app's sign-in \(invalid_client: .*Public Keys/);
  });

  it('exits 2 naming a public key or an EC key file, with the extension\'s messages', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicFile = keys.file('public.pem', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const ecFile = keys.file('ec.pem', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    for (const [file, named] of [[publicFile, /That is a public key\./], [ecFile, /That is an EC key\. .*only RSA keys work/]] as const) {
      const run = await oktaSf(['apps', '--org-url', org.okta.url, '--client-id', org.okta.serviceApp.clientId, '--private-key-file', file], {});
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.ok(run.stderr.startsWith(`${file}: `), run.stderr);
      assert.match(run.stderr, named);
    }
  });

  it('exits 2 when it cannot start: no credential, an unreadable key file, an org that does not answer (an Admin Console URL corrected with a note)', async () => {
    const none = await oktaSf(['apps', '--org-url', org.okta.url], { OKTA_SF_OKTA_TOKEN: '' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^Give an Okta API token in OKTA_SF_OKTA_TOKEN \(or --api-token\), or a service app with --client-id and --private-key-file\.\n$/);

    const missing = path.join(os.tmpdir(), 'no-such-okta-key.pem');
    const noFile = await oktaSf(['apps', '--org-url', org.okta.url, '--client-id', org.okta.serviceApp.clientId, '--private-key-file', missing], {});
    assert.equal(noFile.code, 2);
    assert.equal(noFile.stderr, `Cannot read the private key file ${missing} (ENOENT).\n`);

    const noKey = await oktaSf(['apps', '--org-url', org.okta.url, '--client-id', org.okta.serviceApp.clientId], {});
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /needs both --client-id and --private-key-file/);

    // An Admin Console address is corrected to the org URL with a note, as the extension does. The request then goes
    // to the corrected host, through a proxy that is not there, so no real okta.com is ever called from a test.
    const closed = `http://127.0.0.1:${await freePort()}`;
    const admin = await oktaSf(['apps', '--org-url', 'https://acme-admin.okta.com'], { ...token(org), HTTPS_PROXY: closed, HTTP_PROXY: closed, NO_PROXY: '' });
    assert.equal(admin.code, 2);
    // Nothing else on stderr: no Node deprecation warning from the SDK's (unused) proxy agent.
    assert.match(admin.stderr, /^That is the Admin Console address; the org URL https:\/\/acme\.okta\.com is used instead\.\nCannot reach the proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)[^\n]*\n$/);

    const down = await oktaSf(['apps', '--org-url', closed], token(org));
    assert.equal(down.code, 2);
    assert.match(down.stderr, /refused the connection \(ECONNREFUSED/);
  });

  it('refuses an API token and a service app together, with the usage', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--api-token', 'x', '--client-id', 'y'], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Give either an API token or a service app \(--client-id with --private-key-file\), not both\.\nUsage:/);

    const help = await oktaSf(['apps', '--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^ {2}okta-sf apps --org-url URL /m);
    assert.match(help.stdout, /set OKTA_SF_OKTA_TOKEN/);
  });
});

describe('okta-sf apps: a service app that requires DPoP', () => {
  const org = oktaSandboxSuite({ serviceAppRequiresDpop: true });
  const keys = keyFolder();

  it('lists the Salesforce instances with DPoP-bound tokens', async () => {
    const keyFile = keys.file('dpop.pem', org.okta.serviceApp.privateKeyPem);
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--client-id', org.okta.serviceApp.clientId, '--private-key-file', keyFile, '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as AppsJson).salesforce.length, 2);
    assert.deepEqual(org.exchanges.of('token').map((e) => (e.responseBody as { error?: string; token_type?: string }).error ?? (e.responseBody as { token_type?: string }).token_type), ['use_dpop_nonce', 'DPoP']);
  });
});

describe('okta-sf apps: a label with markup and 10,000 characters', () => {
  const org = oktaSandboxSuite({ hostileApp: true });

  it('prints it on one line, cut, and whole in JSON', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url], token(org));
    assert.equal(run.code, 0, run.stderr);
    const line = run.stdout.split('\n').find((l) => l.startsWith('<img'));
    assert.ok(line);
    assert.ok(line.length < 300, `${line.length} characters`);
    assert.match(line, /more characters\)/);
    const json = JSON.parse((await oktaSf(['apps', '--org-url', org.okta.url, '--json'], token(org))).stdout) as AppsJson;
    assert.equal(json.salesforce[2].label, hostileAppLabel);
  });
});
