// The Salesforce side inside the real extension host: a browser sign-in through the sandbox's
// login page (the harness's Chromium plays the admin there, and the extension's loopback server
// receives the code), the Salesforce Profiles tree, and the commands on it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { SandboxConnection } from '../sandbox/sandbox';
import { labelOf, ourExtension, treeReader } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;

/** Sets the sandbox org's faults (its admin endpoint), e.g. access tokens that expire at once. */
async function setFaults(loginUrl: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${loginUrl}/__sandbox/faults`, { method: 'PUT', body: JSON.stringify(faults) });
  assert.equal(response.status, 200, await response.text());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe('Salesforce side', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const sandbox = (JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection).salesforce;
  let tree: vscode.TreeDataProvider<unknown>;

  let localProfile: vscode.Uri;
  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.salesforceProfiles;
    // The workspace keeps one of the org's profiles as metadata, as an SFDX project does.
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    localProfile = vscode.Uri.joinPath(workspace.uri, 'force-app/main/default/profiles/Okta Integration.profile-meta.xml');
    await vscode.workspace.fs.writeFile(localProfile, new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n</Profile>\n'));
  });


  const { items, orgNode: checkedOrg } = treeReader(() => tree);
  /** The org's node once its check has finished. */
  const orgNode = () => checkedOrg();

  const profileNodes = async () => items((await orgNode()).node);

  type SignedIn = { account?: string; url: string; alias?: string; method?: { kind: string } } | undefined;
  let signedInAt = 0;

  it('signs in through the sandbox login page in the browser, the loopback server receiving the code', async () => {
    // The access token issued now lives 2 s, so a later test sees it expire.
    await setFaults(sandbox.loginUrl, { tokenLifetimeSeconds: 2 });
    const org = await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { loginUrl: sandbox.loginUrl, clientId: sandbox.consumerKey });
    signedInAt = Date.now();
    await setFaults(sandbox.loginUrl, {});
    assert.ok(org, 'the sign-in did not finish');
    assert.equal(org.account, sandbox.integrationUsername);
    assert.equal(org.url, sandbox.instanceUrl);
    assert.equal(org.method?.kind, 'browser');
  });

  it('renews the expired session with the refresh token and goes on, twice: the rotated refresh token is kept', async () => {
    await sleep(Math.max(0, signedInAt + 2500 - Date.now()));
    // The renewed session lives 2 s too, so the second check renews again, with the refresh token the first renewal handed back.
    await setFaults(sandbox.loginUrl, { tokenLifetimeSeconds: 2 });
    const first = await vscode.commands.executeCommand<string | undefined>('oktaSf.salesforce.testConnection');
    await setFaults(sandbox.loginUrl, {});
    assert.ok(first?.includes(sandbox.integrationUsername), 'Test Salesforce Connection failed after the access token expired');
    await sleep(2500);
    const second = await vscode.commands.executeCommand<string | undefined>('oktaSf.salesforce.testConnection');
    assert.ok(second?.includes(sandbox.integrationUsername), 'the second renewal failed: the rotated refresh token was not kept');
  });

  it('never sends a loopback org through VS Code\'s http.proxy', async () => {
    const http = vscode.workspace.getConfiguration('http');
    // Nothing listens there: a request that took the proxy would fail.
    await http.update('proxy', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      const message = await vscode.commands.executeCommand<string | undefined>('oktaSf.salesforce.testConnection');
      assert.ok(message?.includes(sandbox.integrationUsername), `Test Salesforce Connection went through the proxy: ${message}`);
    } finally {
      await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('lists the session in the Accounts menu through its authentication provider', async () => {
    const accounts = await vscode.authentication.getAccounts('oktaSf.salesforce');
    assert.deepEqual(accounts.map((account) => account.label), [`${sandbox.integrationUsername} (${new URL(sandbox.instanceUrl).host})`]);
  });

  it('shows the org as connected, then its profiles with verdicts, failing integration candidates first', async () => {
    const org = await orgNode();
    assert.equal(labelOf(org.item), sandbox.integrationUsername);
    assert.equal(org.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const profiles = await profileNodes();
    // As many as the org has (another suite may have created one: test/integration/orgFixes.test.ts).
    const count = await fetch(new URL('/services/data/v64.0/query?q=SELECT+COUNT()+FROM+Profile', sandbox.instanceUrl), { headers: { Authorization: `Bearer ${sandbox.accessToken}` } })
      .then((r) => r.json() as Promise<{ totalSize: number }>);
    assert.ok(count.totalSize >= 50);
    assert.equal(profiles.length, count.totalSize);
    const verdictOf = (name: string) => profiles.find((p) => labelOf(p.item) === name)?.item.contextValue;
    assert.match(verdictOf('Okta Integration') ?? '', /^salesforceProfile\.pass\.candidate/);
    assert.match(verdictOf('Okta Integration - Missing Dependencies') ?? '', /^salesforceProfile\.fail\.candidate/);
    assert.match(verdictOf('Okta Integration - Chatter License') ?? '', /^salesforceProfile\.fail\.candidate/);
    const firstThree = profiles.slice(0, 3).map((p) => p.item.contextValue ?? '');
    assert.ok(firstThree.every((value) => value.startsWith('salesforceProfile.fail.candidate')), firstThree.join(', '));
    const icon = profiles[0]?.item.iconPath;
    assert.ok(icon instanceof vscode.ThemeIcon && icon.id === 'error');
  });

  it('expands a profile into its required permissions, naming a permission set that grants one', async () => {
    const profile = (await profileNodes()).find((p) => labelOf(p.item) === 'Okta Integration - Permission Set Grant');
    assert.ok(profile);
    const permissions = await items(profile.node);
    const manageUsers = permissions.find((p) => labelOf(p.item) === 'Manage Users');
    assert.ok(manageUsers, permissions.map((p) => labelOf(p.item)).join(', '));
    assert.equal(manageUsers.item.contextValue, 'salesforcePermission.viaPermissionSet');
    assert.match(String(manageUsers.item.description), /Okta_User_Management/);
    const apiEnabled = permissions.find((p) => labelOf(p.item) === 'API Enabled');
    assert.equal(apiEnabled?.item.contextValue, 'salesforcePermission.onProfile');
  });

  it('writes the org\'s report with the why and the fix of each finding', async () => {
    const audit = await vscode.commands.executeCommand<{ orgPasses: boolean } | undefined>('oktaSf.auditProfiles');
    assert.equal(audit?.orgPasses, false);
    const report = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(report, /Okta Integration - Missing Dependencies/);
    assert.match(report, /Fix/);
    assert.match(report, /Okta_User_Management/);
  });

  it('tests the connection: identity, API version, requests left and the user\'s own verdict', async () => {
    const message = await vscode.commands.executeCommand<string | undefined>('oktaSf.salesforce.testConnection');
    assert.ok(message);
    assert.ok(message.includes(sandbox.integrationUsername), message);
    assert.match(message, /API 64\.0/);
    assert.match(message, /\d+ of \d+ daily API requests left/);
    assert.match(message, /Your profile Okta Integration: pass/);
  });

  it('reveals the workspace\'s .profile-meta.xml of a profile that has one', async () => {
    const profiles = await profileNodes();
    const local = profiles.filter((p) => /\.local$/.test(p.item.contextValue ?? '')).map((p) => labelOf(p.item));
    assert.ok(local.includes('Okta Integration'), local.join(', '));
    assert.ok(!local.includes('System Administrator'), 'a profile without a file is marked as having one');
    await vscode.commands.executeCommand('oktaSf.salesforce.revealProfileFile', profiles.find((p) => labelOf(p.item) === 'Okta Integration')?.node);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), localProfile.toString());
  });

  it('copies a profile\'s summary to the clipboard', async () => {
    const profile = (await profileNodes()).find((p) => labelOf(p.item) === 'Okta Integration - Chatter License');
    assert.ok(profile);
    await vscode.commands.executeCommand('oktaSf.salesforce.copyProfileSummary', profile.node);
    const text = await vscode.env.clipboard.readText();
    assert.match(text, /^Okta Integration - Chatter License \(Chatter Free\) fails/);
  });

  it('takes the integration profiles from the oktaSf.integrationProfiles setting', async () => {
    const settings = vscode.workspace.getConfiguration('oktaSf');
    await settings.update('integrationProfiles', ['Read Only'], vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('oktaSf.refresh');
      const profiles = await profileNodes();
      const candidates = profiles.filter((p) => /\.candidate/.test(p.item.contextValue ?? '')).map((p) => labelOf(p.item));
      assert.deepEqual(candidates, ['Read Only']);
    } finally {
      await settings.update('integrationProfiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  /** The audit the profile rows were drawn from (each ProfileNode holds it). */
  const shownAudit = async () => {
    const [first] = await profileNodes();
    const audit = (first?.node as { audit?: unknown } | undefined)?.audit;
    assert.ok(audit, 'the org shows its profiles');
    return audit;
  };

  it('refreshes one view at a time: Okta Apps\' Refresh leaves the Salesforce audit alone, its own reads it again', async () => {
    const before = await shownAudit();
    await vscode.commands.executeCommand('oktaSf.okta.refresh');
    assert.equal(await shownAudit(), before, 'refreshing Okta Apps did not read the Salesforce org again');
    await vscode.commands.executeCommand('oktaSf.salesforce.refresh');
    assert.notEqual(await shownAudit(), before, 'the view\'s own Refresh read the org again');
  });

  it('refreshes one org from its context menu: checked and read again', async () => {
    const before = await shownAudit();
    const org = await orgNode();
    await vscode.commands.executeCommand('oktaSf.salesforce.refresh', org.node);
    assert.equal((await tree.getTreeItem(org.node)).description !== undefined, true);
    assert.notEqual(await shownAudit(), before);
  });

  it('lets Compare with org finish when the view is refreshed while it waits for the audit', async () => {
    await vscode.commands.executeCommand('oktaSf.salesforce.refresh');
    await setFaults(sandbox.loginUrl, { latencyMs: 400 });
    try {
      const comparing = vscode.commands.executeCommand<string | undefined>('oktaSf.profile.compareWithOrg', localProfile);
      await sleep(150);
      await vscode.commands.executeCommand('oktaSf.salesforce.refresh');
      const text = await comparing;
      assert.ok(text, 'the comparison was aborted by the refresh');
      assert.match(text, /^Okta Integration: this file compared with the profile in /);
    } finally {
      await setFaults(sandbox.loginUrl, {});
    }
  });

  it('signs out: the org leaves the view and its session the Accounts menu', async () => {
    const org = await orgNode();
    await vscode.commands.executeCommand('oktaSf.salesforce.disconnect', org.node);
    assert.deepEqual(await items(), []);
    assert.deepEqual(await vscode.authentication.getAccounts('oktaSf.salesforce'), []);
  });

  it('signs in through an org the Salesforce CLI knows, and renews it by asking the CLI again', async () => {
    await setFaults(sandbox.loginUrl, { tokenLifetimeSeconds: 2 });
    const org = await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' });
    const started = Date.now();
    await setFaults(sandbox.loginUrl, {});
    assert.equal(org?.method?.kind, 'sfCli');
    assert.equal(org.alias, 'okta-sandbox');
    assert.equal(labelOf((await orgNode()).item), 'okta-sandbox');
    await sleep(Math.max(0, started + 2500 - Date.now()));
    const message = await vscode.commands.executeCommand<string | undefined>('oktaSf.salesforce.testConnection');
    assert.ok(message?.includes(sandbox.integrationUsername), 'Test Salesforce Connection failed after the CLI\'s access token expired');
  });

  it('does not sign in through a CLI org whose own sign-in has lapsed', async () => {
    const before = (await items()).length;
    assert.equal(await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { targetOrg: 'lapsed' }), undefined);
    assert.equal((await items()).length, before);
  });
});
