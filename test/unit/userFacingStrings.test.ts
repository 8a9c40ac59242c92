// No user-facing string outside the l10n bundle: every text the VS Code layer shows goes through l10n.t, whose
// first argument is a plain literal (so `npm run l10n` puts it in l10n/bundle.l10n.json). userFacingStrings.ts
// says which places count as shown.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { root } from '../harness/paths';
import { findUnlocalizedStrings } from './userFacingStrings';

/**
 * The folders checked, with their subfolders: the VS Code layer, its webview, the domain, the HTTP layer and the
 * adapters. src/cli stays English on purpose (the okta-sf command line is not localized).
 */
export const checkedFolders = [
  'src/okta', 'src/salesforce', 'src/common', 'src/apiIntegration', 'src/preflight', 'src/profileDiagnostics', 'src/walkthrough',
  'src/domain', 'src/http',
];

/** Strings that the rules take for text but are not shown as text, each with why. Keep this list short. */
const allowed: { file: string; text: string; why: string }[] = [
  { file: 'src/salesforce/projectMetadataCommands.ts', text: "'Okta Provisioning'", why: 'stand-in values used to validate one field at a time, never shown' },
  { file: 'src/apiIntegration/webview/templates.ts', text: "'UTC'", why: 'an example time-zone id (IANA), typed as is' },
  { file: 'src/domain/preflight/attributeChecks.ts', text: '`user.${source}`', why: 'an Okta expression, quoted as the admin types it' },
  { file: 'src/okta/api/oktaFailure.ts', text: "'HTTP 401'", why: 'a status code standing in for the error code Okta did not send' },
  { file: 'src/salesforce/api/webServerSignIn.ts', text: "'login'", why: 'the OAuth prompt parameter (prompt=login), not a prompt shown' },
];

function checkedFiles(): string[] {
  return checkedFolders.flatMap((folder) => fs.globSync(`${folder}/**/*.ts`, { cwd: root }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => !file.endsWith('.d.ts'))
    .sort();
}

function findings(file: string, source: string) {
  return findUnlocalizedStrings(file, source).map((finding) => `${file}:${finding.line} ${finding.text} (${finding.why})`);
}

describe('no user-facing string outside the l10n bundle', () => {
  it('checks the VS Code layer and its webview', () => {
    const files = checkedFiles();
    for (const expected of ['src/okta/appCommands.ts', 'src/salesforce/signInFlow.ts', 'src/apiIntegration/webview/templates.ts',
      'src/walkthrough/walkthroughState.ts', 'src/okta/api/oktaApi.ts', 'src/salesforce/api/salesforceApi.ts', 'src/http/httpFailure.ts', 'src/domain/profileAudit.ts']) {
      assert.ok(files.includes(expected), expected);
    }
    assert.ok(!files.some((file) => file.startsWith('src/cli/')), 'the okta-sf command line stays English');
  });

  it('finds every shown string in l10n.t, with a literal first argument', () => {
    const found = checkedFiles().flatMap((file) => findUnlocalizedStrings(file, fs.readFileSync(path.join(root, file), 'utf8'))
      .filter((finding) => !allowed.some((entry) => entry.file === file && entry.text === finding.text))
      .map((finding) => `${file}:${finding.line} ${finding.text} (${finding.why})`));
    assert.deepEqual(found, [], 'wrap these in l10n.t(\'…\', args), then run npm run l10n');
  });

  it('keeps only allowlist entries that still match something', () => {
    const unused = allowed.filter((entry) => !findUnlocalizedStrings(entry.file, fs.readFileSync(path.join(root, entry.file), 'utf8')).some((finding) => finding.text === entry.text));
    assert.deepEqual(unused, []);
  });
});

describe('the user-facing string rules', () => {
  // Each snippet runs in a function, as the extension's code does; scanModule puts it at the module's top level.
  const scanModule = (source: string) => findings('x.ts', `import * as vscode from 'vscode';\n${source}`);
  const scan = (source: string) => scanModule(`export function snippet() {\n${source}\n}`);

  it('flags a message shown without l10n.t, its buttons, and a template with words', () => {
    assert.equal(scan("vscode.window.showErrorMessage('Sign-in failed.');").length, 1);
    assert.equal(scan("vscode.window.showWarningMessage(vscode.l10n.t('Delete?'), { modal: true }, 'Delete');").length, 1);
    assert.equal(scan('vscode.window.showInformationMessage(`Signed in as ${user}`);').length, 1);
    assert.deepEqual(scan("vscode.window.showInformationMessage(vscode.l10n.t('Signed in as {0}', user), vscode.l10n.t('Open'));"), []);
  });

  it('flags pickers, input boxes, progress, tree items, hovers, diagnostics and code actions', () => {
    const cases = [
      "vscode.window.showQuickPick([{ label: 'Production', description: 'login.salesforce.com' }], { title: vscode.l10n.t('Sign In') });",
      "vscode.window.showQuickPick(items, { placeHolder: 'Pick an org' });",
      "vscode.window.showInputBox({ prompt: vscode.l10n.t('URL'), validateInput: (v) => (v ? undefined : 'Enter a URL.') });",
      "vscode.window.withProgress({ location, title: 'Auditing…' }, run);",
      "progress.report({ message: 'Reading profiles' });",
      "const item = new vscode.TreeItem('Okta Apps');",
      "item.tooltip = `App ID: ${id}`;",
      "class Node extends vscode.TreeItem { constructor() { super('Load more'); } }",
      "new vscode.MarkdownString('**Manage Users** is missing');",
      "new vscode.Diagnostic(range, 'Missing permission', severity);",
      "new vscode.CodeAction('Enable it', kind);",
      "vscode.window.createWebviewPanel('id', 'Configure API Integration', column, {});",
      "statusItem.text = count === 1 ? 'one org' : vscode.l10n.t('{0} orgs', count);",
      "hover.appendMarkdown('Fix: ' + fix);",
      "reports.show('Okta app', text);",
      "const view = html`<p>Loading the Okta app…</p>`;",
      "const view = html`<vscode-button aria-label=\"Copy the URL\" @click=${copy}>${l10n.t('Copy')}</vscode-button>`;",
      "throw new SfCliFailure('timeout', `The Salesforce CLI did not answer within ${s} s.`);",
      "return new OktaFailure('unauthorized', 'Okta refused the API token.', code);",
    ];
    for (const source of cases) assert.equal(scan(source).length, 1, source);
  });

  it('lets codicons, separators, example addresses and values from elsewhere through', () => {
    const fine = [
      "item.description = [a, b].join(' · ');",
      "item.label = '$(key)';",
      "item.label = `$(key) ${name}`;",
      "vscode.window.showInputBox({ placeHolder: 'https://acme.my.salesforce.com', prompt: vscode.l10n.t('The URL') });",
      "vscode.window.showInputBox({ placeHolder: '0oa…' });",
      "item.tooltip = failure.message;",
      "item.description = plainLabel(row.description);",
      "log.info(`Signed in to ${url}`);",
      "throw new SfCliFailure('failed', l10n.t('The Salesforce CLI could not be started ({0}).', code));",
      "const view = html`<div class=\"field\" id=${id}><label for=${id}>${label}</label><p class=\"hint ${kind}\">${l10n.t('Hint')}</p></div>`;",
    ];
    for (const source of fine) assert.deepEqual(scan(source), [], source);
  });

  it('flags l10n.t whose first argument is not a plain literal, and English in its other arguments', () => {
    assert.equal(scan('function f() { return vscode.l10n.t(`Signed in as ${user}`); }').length, 1);
    assert.equal(scan('function f() { return vscode.l10n.t(message); }').length, 1);
    assert.equal(scan("function f() { return l10n.t('Signed in as {0}', 'nobody'); }").length, 1);
    assert.deepEqual(scan("function verdict() { return l10n.t({ message: 'pass', comment: ['a verdict'] }); }"), []);
    assert.equal(scanModule("const title = vscode.l10n.t('Okta Apps');").length, 1, 'a module-level l10n.t runs before the bundle is configured');
    assert.deepEqual(scanModule("const title = () => vscode.l10n.t('Okta Apps');"), []);
  });
});
