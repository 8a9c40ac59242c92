// Write Integration Profile to Project and Write Okta Connected App to Project, in the real extension host:
// a Salesforce DX project made in the workspace for the test (sfdx-project.json at the workspace root,
// its package directory in a folder of this run's own), removed afterwards.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import type { ProjectWriteResult } from '../../src/salesforce/projectMetadataCommands';
import { ourExtension, until } from './extension';

const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);

function written(result: ProjectWriteResult | undefined): Extract<ProjectWriteResult, { outcome: 'written' }> {
  assert.equal(result?.outcome, 'written', JSON.stringify(result));
  return result as Extract<ProjectWriteResult, { outcome: 'written' }>;
}

/** The names of the file's enabled user permissions; every one must be enabled. */
function enabledPermissions(text: string): string[] {
  const blocks = [...text.matchAll(/<userPermissions>\s*<enabled>(\w+)<\/enabled>\s*<name>(\w+)<\/name>\s*<\/userPermissions>/g)];
  assert.equal(blocks.length, (text.match(/<userPermissions>/g) ?? []).length, 'every userPermissions block reads as enabled + name');
  assert.ok(blocks.every((block) => block[1] === 'true'), 'every permission is enabled');
  return blocks.map((block) => block[2]);
}

describe('project metadata', () => {
  let workspace: vscode.Uri;
  let projectFile: vscode.Uri;
  /** This run's own folder in the workspace: the package directories live in it. */
  let own: vscode.Uri;
  let sourceFolder: vscode.Uri;
  let folder: string;

  const project = (packageDirectory: string) => write(projectFile, JSON.stringify({
    packageDirectories: [{ path: 'unused-package' }, { path: packageDirectory, default: true }], sourceApiVersion: '66.0',
  }, null, 2));

  before(async () => {
    await ourExtension().activate();
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the suite runs with a workspace folder open');
    workspace = root.uri;
    folder = root.uri.fsPath;
    projectFile = vscode.Uri.joinPath(workspace, 'sfdx-project.json');
    assert.equal(await exists(projectFile), false, 'the workspace starts without an SFDX project');
    own = vscode.Uri.joinPath(workspace, `project-metadata-${randomUUID().slice(0, 8)}`);
    sourceFolder = vscode.Uri.joinPath(own, 'force-app', 'main', 'default');
    await vscode.workspace.fs.createDirectory(sourceFolder);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(projectFile).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(own, { recursive: true }).then(undefined, () => undefined);
  });

  it('refuses clearly when no open folder holds sfdx-project.json, writing nothing', async () => {
    const profile = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeIntegrationProfile', { name: 'Okta Integration', license: 'Salesforce' });
    assert.equal(profile.outcome, 'notWritten');
    assert.match(profile.outcome === 'notWritten' ? profile.reason : '', /No open folder holds sfdx-project\.json.*Open a folder holding sfdx-project\.json/);
    const app = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeConnectedApp', {
      form: 'connectedApp', label: 'Okta Provisioning', apiName: 'Okta_Provisioning', contactEmail: 'admin@acme.example',
    });
    assert.equal(app.outcome, 'notWritten');
    assert.deepEqual(await vscode.workspace.fs.readDirectory(sourceFolder), []);
  });

  it('writes the integration profile under main/default with exactly the required permissions, and the diagnostics find nothing wrong', async () => {
    await project(`${vscode.workspace.asRelativePath(own, false)}/force-app`);
    const result = written(await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeIntegrationProfile', {
      folder, name: 'Okta Integration', license: 'Salesforce Platform',
    }));
    const expected = vscode.Uri.joinPath(sourceFolder, 'profiles', 'Okta Integration.profile-meta.xml');
    assert.deepEqual(result.files.map(String), [expected.toString()]);
    const text = await read(expected);
    assert.match(text, /<custom>true<\/custom>\n {4}<userLicense>Salesforce Platform<\/userLicense>/);
    const names = enabledPermissions(text);
    assert.deepEqual(names, [...names].sort(), 'sorted as retrieved files are');
    assert.deepEqual(names, [...new Set(result.permissions)].sort());
    for (const permission of requiredPermissions().permissions) assert.ok(names.includes(permission.name), `${permission.name} is missing`);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), expected.toString(), 'the written file is opened');

    // A profile missing Manage Users, opened after the written one: once its diagnostics are out, the written file's
    // (scheduled first, with the same delay) are too, so "no error" is the diagnostics' verdict and not a race.
    const control = vscode.Uri.joinPath(own, 'control', 'Okta Control.profile-meta.xml');
    await write(control, text.replace(/\s*<userPermissions>\s*<enabled>true<\/enabled>\s*<name>ManageUsers<\/name>\s*<\/userPermissions>/, ''));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(control));
    await until(() => (vscode.languages.getDiagnostics(control).some((d) => codeOf(d) === 'missing-permission') ? true : undefined), 'diagnostics on the control profile');
    const errors = vscode.languages.getDiagnostics(expected).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', expected);
    const readiness = lenses.map((lens) => lens.command?.title ?? '').find((title) => title.startsWith('Okta readiness'));
    assert.match(readiness ?? '', /^Okta readiness (\d+)\/\1$/);
  });

  it('refuses a profile name Salesforce would not keep, with the reason, writing nothing', async () => {
    const result = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeIntegrationProfile', { folder, name: 'Admin', license: 'Salesforce' });
    assert.equal(result.outcome, 'notWritten');
    assert.match(result.outcome === 'notWritten' ? result.reason : '', /standard profile “System Administrator”/);
    assert.equal(await exists(vscode.Uri.joinPath(sourceFolder, 'profiles', 'Admin.profile-meta.xml')), false);
  });

  it('keeps an existing profile file with replace: false, and replaces only it with replace: true', async () => {
    const file = vscode.Uri.joinPath(sourceFolder, 'profiles', 'Okta Integration.profile-meta.xml');
    const neighbour = vscode.Uri.joinPath(sourceFolder, 'profiles', 'Sales.profile-meta.xml');
    await write(neighbour, 'the admin\'s own file');
    await write(file, 'edited by the admin');
    const kept = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeIntegrationProfile', {
      folder, name: 'Okta Integration', license: 'Salesforce', replace: false,
    });
    assert.equal(kept.outcome, 'notWritten');
    assert.match(kept.outcome === 'notWritten' ? kept.reason : '', /Okta Integration\.profile-meta\.xml already exists/);
    assert.equal(await read(file), 'edited by the admin');
    written(await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeIntegrationProfile', {
      folder, name: 'Okta Integration', license: 'Salesforce', replace: true,
    }));
    assert.match(await read(file), /<userLicense>Salesforce<\/userLicense>/);
    assert.equal(await read(neighbour), 'the admin\'s own file');
  });

  describe('the connected app', () => {
    let org: { id: string } | undefined;
    before(async () => {
      org = await vscode.commands.executeCommand<{ id: string } | undefined>('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' });
      assert.ok(org, 'signing in through the Salesforce CLI failed');
    });
    after(async () => {
      if (org) await vscode.commands.executeCommand('oktaSf.salesforce.disconnect', { org });
    });

    const app = { label: 'Okta Provisioning', apiName: 'Okta_Provisioning', contactEmail: 'admin@acme.example' };

    it('writes the four External Client App files, no secret, and offers the CLI deploy of exactly those files to the sf org', async () => {
      const result = written(await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeConnectedApp', { folder, form: 'externalClientApp', ...app }));
      const relative = result.files.map((uri) => vscode.workspace.asRelativePath(uri, false));
      const base = vscode.workspace.asRelativePath(sourceFolder, false);
      assert.deepEqual(relative, [
        `${base}/externalClientApps/Okta_Provisioning.eca-meta.xml`,
        `${base}/extlClntAppGlobalOauthSets/Okta_Provisioning_glbloauth.ecaGlblOauth-meta.xml`,
        `${base}/extlClntAppOauthSettings/Okta_Provisioning_oauth.ecaOauth-meta.xml`,
        `${base}/extlClntAppOauthPolicies/Okta_Provisioning_oauthPlcy.ecaOauthPlcy-meta.xml`,
      ]);
      for (const uri of result.files) {
        const text = await read(uri);
        assert.doesNotMatch(text, /<(consumerSecret|consumerKey|oauthConsumerSecret)\b/i, `${uri.path} holds no secret`);
      }
      assert.match(await read(result.files[0]), /<contactEmail>admin@acme\.example<\/contactEmail>/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), result.files[0].toString(), 'the app file is opened');
      // The integration world puts a fake sf on the host's PATH, and the org was signed in to through it.
      assert.equal(result.deployCommand, `sf project deploy start ${relative.map((file) => `--source-dir '${file}'`).join(' ')} --target-org 'okta-sandbox'`);
    });

    it('writes the ConnectedApp form as one file into a package directory without main/default', async () => {
      await project(`${vscode.workspace.asRelativePath(own, false)}/plain-app/`);
      const result = written(await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeConnectedApp', { folder, form: 'connectedApp', ...app }));
      assert.deepEqual(result.files.map(String), [vscode.Uri.joinPath(own, 'plain-app', 'connectedApps', 'Okta_Provisioning.connectedApp-meta.xml').toString()]);
      const text = await read(result.files[0]);
      assert.match(text, /^<\?xml[^\n]*\n<!--[^\n]*-->\n<ConnectedApp xmlns=/);
      assert.doesNotMatch(text, /<consumer(Key|Secret)>/);
    });

    it('keeps every existing app file with replace: false, writing none of the others', async () => {
      await project(`${vscode.workspace.asRelativePath(own, false)}/force-app`);
      const header = vscode.Uri.joinPath(sourceFolder, 'externalClientApps', 'Okta_Provisioning.eca-meta.xml');
      await write(header, 'edited by the admin');
      const policies = vscode.Uri.joinPath(sourceFolder, 'extlClntAppOauthPolicies', 'Okta_Provisioning_oauthPlcy.ecaOauthPlcy-meta.xml');
      await vscode.workspace.fs.delete(policies);
      const result = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeConnectedApp', { folder, form: 'externalClientApp', ...app, replace: false });
      assert.equal(result.outcome, 'notWritten');
      assert.match(result.outcome === 'notWritten' ? result.reason : '', /^Nothing was written: .*Okta_Provisioning\.eca-meta\.xml, .*_glbloauth\.ecaGlblOauth-meta\.xml, .*_oauth\.ecaOauth-meta\.xml already exist/);
      assert.equal(await read(header), 'edited by the admin');
      assert.equal(await exists(policies), false, 'half an app is never written');
    });

    it('refuses an API name Salesforce would refuse, writing nothing', async () => {
      const result = await vscode.commands.executeCommand<ProjectWriteResult>('oktaSf.salesforce.writeConnectedApp', {
        folder, form: 'connectedApp', ...app, apiName: '../Okta', replace: true,
      });
      assert.equal(result.outcome, 'notWritten');
      assert.match(result.outcome === 'notWritten' ? result.reason : '', /cannot be the app's API name/);
    });
  });
});
