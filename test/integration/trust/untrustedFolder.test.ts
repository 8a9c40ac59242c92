// Workspace trust, in a VS Code with trust on and this folder untrusted (Restricted Mode): the profile
// diagnostics work, the Salesforce CLI's orgs are withheld with the reason and a way to trust, and they
// come back once trust is granted through VS Code's own Workspace Trust editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectWriteResult } from '../../../src/salesforce/projectMetadataCommands';
import { ourExtension, until } from '../extension';

const profileXml = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
  '\t<custom>true</custom>',
  '\t<userLicense>Salesforce</userLicense>',
  '\t<userPermissions>',
  '\t\t<enabled>true</enabled>',
  '\t\t<name>ApiEnabled</name>',
  '\t</userPermissions>',
  '</Profile>',
  '',
].join('\n');

let requests = 0;
/** Asks the browser showing this workbench (test/harness/workbenchBridge.ts) and waits for its answer. */
async function askWorkbench<T>(request: 'quickPickRows' | 'clickTrust'): Promise<T> {
  const dir = process.env.OKTA_SF_WORKBENCH_BRIDGE;
  assert.ok(dir, 'the runner passes OKTA_SF_WORKBENCH_BRIDGE');
  const id = `${process.pid}-${requests++}`;
  console.log(`okta-sf-workbench ${request} ${id}`);
  const file = path.join(dir, `${id}.json`);
  const answer = await until(() => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as T & { error?: string } : undefined), `the workbench's answer to ${request}`, 45_000);
  assert.equal(answer.error, undefined, `the workbench could not do ${request}`);
  return answer;
}

/** The open quick pick's rows once the Salesforce CLI part of the sign-in picker satisfies `ready`. */
const signInPickerRows = (ready: (rows: string[]) => boolean) => until(async () => {
  const { rows } = await askWorkbench<{ rows: string[] }>('quickPickRows');
  return rows.some((row) => row.includes('Paste an Access Token')) && ready(rows) ? rows : undefined;
}, 'the sign-in picker', 45_000);

/** Opens the sign-in picker (its command resolves only when it closes). */
const openSignInPicker = () => void vscode.commands.executeCommand('oktaSf.salesforce.connect');
const closePicker = () => vscode.commands.executeCommand('workbench.action.closeQuickOpen');

const signedInOrgs = () => vscode.authentication.getAccounts('oktaSf.salesforce');

describe('workspace trust', () => {
  before(async () => {
    await ourExtension().activate();
  });

  it('runs in Restricted Mode: the folder is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('checks profile files in the untrusted folder', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the suite runs with a workspace folder open');
    const uri = vscode.Uri.joinPath(workspace.uri, 'force-app/main/default/profiles/Okta Integration.profile-meta.xml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(profileXml));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await until(() => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return diagnostics.length ? diagnostics : undefined;
    }, 'diagnostics on the profile');
    const codes = found.map((diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code));
    assert.equal(codes.filter((code) => code === 'missing-permission').length, 13, codes.join(', '));
  });

  it('writes connected app metadata but offers no CLI deploy of it', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspace.uri, 'sfdx-project.json'),
      new TextEncoder().encode(JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })));
    const result = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeConnectedApp', {
      folder: workspace.uri.fsPath, form: 'connectedApp', label: 'Okta Provisioning', apiName: 'Okta_Provisioning', contactEmail: 'admin@acme.example',
    });
    assert.equal(result?.outcome, 'written', JSON.stringify(result));
    // The runner puts a fake sf on the PATH: trusted, this offers `sf project deploy start` (test/integration/projectMetadata.test.ts).
    assert.equal(result.outcome === 'written' ? result.deployCommand : 'not written', undefined);
  });

  it('withholds the Salesforce CLI: no sign-in through it, and the picker says why instead of listing its orgs', async () => {
    assert.equal(await vscode.commands.executeCommand('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' }), undefined);
    assert.deepEqual(await signedInOrgs(), []);
    openSignInPicker();
    const rows = await signInPickerRows((shown) => shown.some((row) => row.includes('Salesforce CLI orgs')));
    assert.ok(rows.some((row) => row.includes('Trust this folder to use the Salesforce CLI')), rows.join('\n'));
    assert.ok(!rows.some((row) => row.includes('okta-sandbox')), rows.join('\n'));
    // The picker stays open (it ignores focus moving away) for the next test, which trusts the folder.
  });

  it('brings the CLI back once the folder is trusted in the Workspace Trust editor: the open picker lists its orgs', async () => {
    const granted = new Promise<void>((resolve) => vscode.workspace.onDidGrantWorkspaceTrust(resolve));
    await vscode.commands.executeCommand('workbench.trust.manage');
    await askWorkbench('clickTrust');
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    try {
      const rows = await signInPickerRows((shown) => shown.some((row) => row.includes('okta-sandbox')));
      assert.ok(!rows.some((row) => row.includes('Trust this folder')), rows.join('\n'));
    } finally {
      await closePicker();
    }
  });

  it('signs in through the CLI once the folder is trusted', async () => {
    const org = await vscode.commands.executeCommand<{ alias?: string }>('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' });
    assert.equal(org?.alias, 'okta-sandbox');
    assert.equal((await signedInOrgs()).length, 1);
  });
});
