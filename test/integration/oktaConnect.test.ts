// Connecting Okta orgs inside the real extension host: with an API token (the run's sandbox org) and as an
// OAuth 2.0 service app whose key is read from a file (a second sandbox org, started here, whose service app
// requires DPoP), both in the Accounts menu and one signed out from there; a refused token and a missing
// scope reach the admin with the adapter's message, and nothing is stored for them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { SandboxConnection } from '../sandbox/sandbox';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { labelOf, ourExtension, until } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;

type Connected = { org?: { id: string; url: string; account?: string; method?: { kind: string; clientId?: string; scopes?: string[] } }; failure?: string };

const hostOf = (url: string) => new URL(url).host;
const accountLabels = async () => (await vscode.authentication.getAccounts('oktaSf.okta')).map((account) => account.label).sort();

describe('Okta connect', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const okta = (JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection).okta;
  let tree: vscode.TreeDataProvider<unknown>;
  let dpopOrg: OktaSandbox;
  let keyFolder: string;

  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.oktaApps;
    dpopOrg = await startOktaSandbox({ serviceAppRequiresDpop: true, log: () => {} });
    keyFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-connect-'));
  });

  after(async () => {
    for (const url of [okta.orgUrl, dpopOrg.url]) {
      const org = { id: url, url };
      await vscode.commands.executeCommand('oktaSf.okta.disconnect', { org });
    }
    await dpopOrg.close();
    fs.rmSync(keyFolder, { recursive: true, force: true });
  });

  /** The org nodes by label, once every check has finished. */
  const shownOrgs = () => until(async () => {
    const nodes = (await tree.getChildren()) ?? [];
    const items = await Promise.all(nodes.map((node) => tree.getTreeItem(node)));
    if (items.some((item) => item.description === 'checking…')) return undefined;
    return new Map(items.map((item) => [labelOf(item), item]));
  }, 'the Okta orgs\' checks');

  it('connects with an API token, as the token\'s admin', async () => {
    const connected = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: `SSWS ${okta.apiToken}` });
    assert.equal(connected.failure, undefined);
    assert.deepEqual(connected.org, { id: okta.orgUrl, url: okta.orgUrl, account: 'admin@acme.example', method: { kind: 'apiToken' } });
    const shown = (await shownOrgs()).get(hostOf(okta.orgUrl));
    assert.equal(shown?.description, 'admin@acme.example');
  });

  it('connects as a service app that requires DPoP, its private key read from a file, with the scopes asked for', async () => {
    const keyFile = path.join(keyFolder, 'service-app.pem');
    fs.writeFileSync(keyFile, dpopOrg.serviceApp.privateKeyPem);
    const scopes = ['okta.apps.read', 'okta.users.read'];
    const connected = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', {
      orgUrl: dpopOrg.url, clientId: dpopOrg.serviceApp.clientId, privateKeyFile: keyFile, scopes,
    });
    assert.equal(connected.failure, undefined);
    assert.deepEqual(connected.org?.method, { kind: 'serviceApp', clientId: dpopOrg.serviceApp.clientId, scopes });
    const orgs = await shownOrgs();
    assert.equal(orgs.get(hostOf(dpopOrg.url))?.description, dpopOrg.serviceApp.clientId, 'the org\'s check signed in again with the stored key');
    assert.equal(orgs.get(hostOf(okta.orgUrl))?.description, 'admin@acme.example', 'the first org is still connected');
  });

  it('lists both orgs in the Accounts menu and signs one out from there, forgetting it', async () => {
    const serviceAppLabel = `service app ${dpopOrg.serviceApp.clientId} (${hostOf(dpopOrg.url)})`;
    assert.deepEqual(await accountLabels(), [`admin@acme.example (${hostOf(okta.orgUrl)})`, serviceAppLabel].sort());
    const [session] = await vscode.authentication.getAccounts('oktaSf.okta').then((accounts) => accounts.filter((a) => a.label === serviceAppLabel));
    assert.ok(session);
    // What the Accounts menu's Sign Out runs; its confirmation is answered yes in an extension test host.
    await vscode.commands.executeCommand('_signOutOfAccount', { providerId: 'oktaSf.okta', accountLabel: serviceAppLabel });
    await until(async () => ((await accountLabels()).length === 1 ? true : undefined), 'the sign-out');
    assert.deepEqual(await accountLabels(), [`admin@acme.example (${hostOf(okta.orgUrl)})`]);
    assert.deepEqual([...(await shownOrgs()).keys()], [hostOf(okta.orgUrl)]);
  });

  it('says why a refused API token is refused, and stores nothing', async () => {
    const refused = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', { orgUrl: dpopOrg.url, apiToken: `00${'x'.repeat(40)}` });
    assert.equal(refused.org, undefined);
    assert.match(refused.failure ?? '', /^Okta refused the API token \(E0000011\)\. .*Security → API → Tokens/);
    assert.deepEqual(await accountLabels(), [`admin@acme.example (${hostOf(okta.orgUrl)})`]);
  });

  it('names a scope the service app\'s token lacks, as the adapter says it', async () => {
    const missing = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', {
      orgUrl: dpopOrg.url, clientId: dpopOrg.serviceApp.clientId, privateKey: dpopOrg.serviceApp.privateKeyPem, scopes: ['okta.users.read'],
    });
    assert.equal(missing.org, undefined);
    assert.match(missing.failure ?? '', /^The service app's token lacks the scope okta\.apps\.read .*Okta API Scopes/);
  });

  it('refuses a public key in place of the private key, saying so, before calling Okta', async () => {
    const { createPublicKey } = await import('node:crypto');
    const publicKey = createPublicKey(dpopOrg.serviceApp.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    const refused = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', {
      orgUrl: dpopOrg.url, clientId: dpopOrg.serviceApp.clientId, privateKey: publicKey,
    });
    assert.match(refused.failure ?? '', /^That is a public key\./);
  });
});
