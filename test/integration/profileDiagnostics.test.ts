// Permission diagnostics, quick fixes, hovers and CodeLenses on profile files, in the real
// extension host: files written into the workspace, opened as a user opens them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ourExtension, until } from './extension';

const profileXml = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
  '\t<custom>true</custom>',
  '\t<userLicense>Salesforce</userLicense>',
  '\t<userPermissions>',
  '\t\t<enabled>true</enabled>',
  '\t\t<name>ApiEnabled</name>',
  '\t</userPermissions>',
  '\t<userPermissions>',
  '\t\t<enabled>false</enabled>',
  '\t\t<name>ManageUsers</name>',
  '\t</userPermissions>',
  '</Profile>',
  '',
].join('\r\n');

const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

describe('profile diagnostics', () => {
  let folder: vscode.Uri;
  before(async () => {
    await ourExtension().activate();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the suite runs with a workspace folder open');
    folder = vscode.Uri.joinPath(workspace.uri, 'force-app/main/default');
  });

  async function open(relative: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(folder, relative);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  }

  /** The document's diagnostics once they satisfy `ready`. */
  const diagnostics = (document: vscode.TextDocument, ready: (found: vscode.Diagnostic[]) => boolean) =>
    until(() => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return ready(found) ? found : undefined;
    }, `diagnostics on ${document.uri.path}`);

  it('reports the disabled and missing permissions of an integration profile, with source, code and link', async () => {
    const document = await open('profiles/Okta Integration.profile-meta.xml', profileXml);
    const found = await diagnostics(document, (d) => d.length > 0);
    const disabled = found.find((d) => codeOf(d) === 'disabled-permission');
    assert.ok(disabled, found.map(codeOf).join(', '));
    assert.equal(disabled.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(disabled.source, 'Okta ↔ Salesforce');
    assert.equal(document.getText(disabled.range), 'false');
    assert.equal(disabled.range.start.line, 9);
    const code = disabled.code as { target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/diagnostics\.md#disabled-permission$/);
    assert.equal(found.filter((d) => codeOf(d) === 'missing-permission').length, 12);
    assert.ok(found.some((d) => codeOf(d) === 'missing-dependency' && d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('offers "Enable Manage Users", and applying it turns the permission on and clears the error', async () => {
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document);
    const disabled = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'disabled-permission');
    assert.ok(disabled);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, disabled.range, vscode.CodeActionKind.QuickFix.value);
    const enable = actions.find((action) => action.title === 'Enable Manage Users');
    assert.ok(enable?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(enable.edit));
    assert.match(document.getText(), /<enabled>true<\/enabled>\r\n\t\t<name>ManageUsers<\/name>/);
    await diagnostics(document, (d) => !d.some((x) => codeOf(x) === 'disabled-permission'));
  });

  it('adds every missing permission in sorted order, in the file\'s tabs and CRLF line endings', async () => {
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document);
    const missing = vscode.languages.getDiagnostics(document.uri).find((d) => codeOf(d) === 'missing-permission');
    assert.ok(missing);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const addAll = actions.find((action) => action.title.startsWith('Add every missing permission'));
    assert.ok(addAll?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(addAll.edit));
    const text = document.getText();
    const names = [...text.matchAll(/<name>(\w+)<\/name>/g)].map((match) => match[1] ?? '');
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('AssignPermissionSets') && names.includes('FreezeUsers'), names.join(', '));
    assert.doesNotMatch(text, /[^\r]\n/, 'a line ends without CR');
    assert.match(text, /\r\n\t<userPermissions>\r\n\t\t<enabled>true<\/enabled>\r\n\t\t<name>AssignPermissionSets<\/name>\r\n\t<\/userPermissions>\r\n/);
    await diagnostics(document, (d) => d.length === 0);
  });

  it('fixes everything at once through source.fixAll.oktaSf, as codeActionsOnSave runs it', async () => {
    const document = await open('profiles/Okta Integration Two.profile-meta.xml', profileXml);
    await diagnostics(document, (d) => d.length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri,
      new vscode.Range(0, 0, 0, 0), 'source.fixAll.oktaSf');
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.oktaSf');
    assert.ok(fixAll?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await diagnostics(document, (d) => d.length === 0);
  });

  it('explains a permission on hover: label, what it allows, whether Okta needs it', async () => {
    const document = await open('profiles/Okta Integration Three.profile-meta.xml', profileXml);
    const offset = document.getText().indexOf('ManageUsers') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /Manage Users/);
    assert.match(text, /Okta needs it on the integration profile/);
  });

  it('shows "Okta readiness" at <Profile>, and "Use as Okta integration profile" on other profiles', async () => {
    const integration = await open('profiles/Okta Integration Four.profile-meta.xml', profileXml);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', integration.uri, 10);
    const titles = lenses.map((lens) => lens.command?.title);
    assert.ok(titles.includes('Okta readiness 1/14'), titles.join(', '));
    assert.ok(titles.includes('Compare with org'));
    assert.ok(!titles.includes('Use as Okta integration profile'));

    const sales = await open('profiles/Sales.profile-meta.xml', profileXml);
    const salesLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', sales.uri, 10);
    assert.ok(salesLenses.some((lens) => lens.command?.title === 'Use as Okta integration profile'));
    assert.deepEqual(vscode.languages.getDiagnostics(sales.uri), [], 'a profile that is not the integration\'s gets no permission findings');
  });

  it('audits a profile once it is chosen as an integration profile', async () => {
    const sales = await open('profiles/Sales.profile-meta.xml', profileXml);
    await vscode.commands.executeCommand('oktaSf.profile.useAsIntegrationProfile', sales.uri);
    try {
      assert.deepEqual(vscode.workspace.getConfiguration('oktaSf').get('integrationProfiles'), ['Sales']);
      await diagnostics(sales, (d) => d.some((x) => codeOf(x) === 'disabled-permission'));
    } finally {
      await vscode.workspace.getConfiguration('oktaSf').update('integrationProfiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('cites Okta\'s rule on a permission set that grants a required permission', async () => {
    const document = await open('permissionsets/Okta_Admin.permissionset-meta.xml', [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <label>Okta Admin</label>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>ManageUsers</name>',
      '    </userPermissions>',
      '</PermissionSet>',
      '',
    ].join('\n'));
    const [grant] = await diagnostics(document, (d) => d.length > 0);
    assert.equal(grant && codeOf(grant), 'permission-set-grant');
    assert.equal(grant?.severity, vscode.DiagnosticSeverity.Information);
  });

  it('reports a DOCTYPE once, at the error, never expands its entity, and audits the rest', async () => {
    const document = await open('profiles/Okta Doctype.profile-meta.xml', [
      '<?xml version="1.0"?>',
      '<!DOCTYPE Profile [<!ENTITY boom "ManageUsers">]>',
      '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <userPermissions><enabled>false</enabled><name>&boom;</name></userPermissions>',
      '</Profile>',
    ].join('\n'));
    const found = await diagnostics(document, (d) => d.some((x) => codeOf(x) === 'malformed-xml'));
    const malformed = found.filter((d) => codeOf(d) === 'malformed-xml');
    assert.equal(malformed.length, 1);
    assert.equal(malformed[0]?.range.start.line, 1);
    assert.ok(!found.some((d) => codeOf(d) === 'disabled-permission'), 'the entity was expanded into a ManageUsers block');
    assert.ok(found.some((d) => codeOf(d) === 'missing-permission' && /Manage Users/.test(d.message)), found.map((d) => d.message).join('\n'));
  });

  it('reports a profile file whose root is misspelt, which would otherwise pass with nothing checked', async () => {
    const document = await open('profiles/Sales Typo.profile-meta.xml', profileXml.replace('<Profile ', '<Proflie ').replace('</Profile>', '</Proflie>'));
    const found = await diagnostics(document, (d) => d.some((x) => codeOf(x) === 'unexpected-root'));
    const root = found.find((d) => codeOf(d) === 'unexpected-root');
    assert.equal(root?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(root?.range.start.line, 1);
    assert.match(root?.message ?? '', /root element is <Proflie>, not <Profile>/);
  });

  it('compares a profile file with the same profile in the active org', async () => {
    const document = await open('profiles/Okta Integration - Missing Dependencies.profile-meta.xml', profileXml);
    const org = await vscode.commands.executeCommand<{ id: string } | undefined>('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' });
    assert.ok(org, 'signing in through the Salesforce CLI failed');
    try {
      const text = await vscode.commands.executeCommand<string | undefined>('oktaSf.profile.compareWithOrg', document.uri);
      assert.ok(text);
      assert.match(text, /^Okta Integration - Missing Dependencies: this file compared with the profile in okta-sandbox/);
      assert.match(text, /Manage Users \(ManageUsers\): file disabled \(false\), org on the profile/);
      assert.match(text, /API Enabled \(ApiEnabled\): file enabled, org on the profile/);
      assert.equal(vscode.window.activeTextEditor?.document.getText(), text);
    } finally {
      await vscode.commands.executeCommand('oktaSf.salesforce.disconnect', { org });
    }
  });
});
