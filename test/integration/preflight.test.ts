// The provisioning pre-flight inside the real extension host, against the sandbox orgs: the node under
// each Salesforce app (saying which org to sign in to until one is), its findings for the PRODUCTION app
// with the sandbox's traps, the report from a script, and the dry run of one user. What the findings
// should be is derived here from the two orgs' own answers over plain HTTP, apart from the extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DryRunPlan } from '../../src/domain/preflight/dryRun';
import type { PreflightReport } from '../../src/domain/preflight/preflight';
import type { ExtensionApi } from '../../src/extension';
import type { SandboxConnection } from '../sandbox/sandbox';
import { labelOf, ourExtension, treeReader, until } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;

interface RawApp { id: string; label: string; settings: { app: { instanceType?: string; loginUrl?: string } } }

describe('Provisioning pre-flight and dry run', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const { okta, salesforce } = JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection;
  let tree: vscode.TreeDataProvider<unknown>;
  const { items, byLabel, orgNode } = treeReader(() => tree);
  let apps: RawApp[] = [];
  const appNamed = (instanceType: string) => {
    const app = apps.find((a) => a.settings.app.instanceType === instanceType && a.label.startsWith('Salesforce.com'));
    assert.ok(app, `no ${instanceType} Salesforce app`);
    return app;
  };

  const oktaGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(new URL(path, okta.orgUrl), { headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json' } });
    assert.equal(response.status, 200);
    return response.json() as Promise<T>;
  };

  /** The pre-flight node of an app, from the Okta Apps view as VS Code reads it. */
  async function preflightNode(label: string) {
    const org = await orgNode(new URL(okta.orgUrl).host);
    const app = byLabel(await items(org.node), label);
    return byLabel(await items(app.node), 'Provisioning pre-flight');
  }

  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.oktaApps;
    const connected = await vscode.commands.executeCommand<{ failure?: string }>('oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: okta.apiToken });
    assert.equal(connected.failure, undefined);
    apps = await oktaGet<RawApp[]>(`/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('says which Salesforce org to sign in to, with the button, while it is not signed in', async () => {
    const sandboxApp = appNamed('SANDBOX');
    const host = new URL(sandboxApp.settings.app.loginUrl ?? '').host;
    const node = await preflightNode(sandboxApp.label);
    assert.equal(node.item.description, 'expand to check');
    const [child] = await items(node.node);
    assert.equal(labelOf(child.item), `Sign In to ${host}…`);
    assert.match(String(child.item.description), new RegExp(`provisions the Salesforce org at ${host.replace(/\./g, '\\.')}, which is not signed in`));
    assert.equal(child.item.command?.command, 'oktaSf.salesforce.connect');
    assert.deepEqual(child.item.command?.arguments, [{ loginUrl: `https://${host}` }]);
  });

  it('checks the PRODUCTION app against its org once signed in: the traps are errors with both sides and the fix', async () => {
    const signedIn = await vscode.commands.executeCommand<{ url: string } | undefined>('oktaSf.salesforce.connect', { loginUrl: salesforce.loginUrl, clientId: salesforce.consumerKey });
    assert.equal(signedIn?.url, salesforce.instanceUrl);
    const production = appNamed('PRODUCTION');
    const node = await preflightNode(production.label);
    const children = await until(async () => {
      const shown = await items(node.node);
      return shown.some((c) => c.item.contextValue?.startsWith('oktaPreflightFinding')) ? shown : undefined;
    }, 'the findings');
    assert.equal(labelOf(children[0].item), 'Open Report');
    const findings = children.slice(1);
    const errors = findings.filter((f) => f.item.contextValue === 'oktaPreflightFinding.error').map((f) => labelOf(f.item));
    // The traps: EmailEncodingKey has no attribute at all; the time zone list holds Asia/Calcutta, which Salesforce does not.
    assert.ok(errors.includes('EmailEncodingKey'), errors.join(', '));
    assert.ok(errors.includes('timeZoneSidKey → TimeZoneSidKey'), errors.join(', '));
    const employeeNumber = findings.find((f) => labelOf(f.item) === 'employeeNumber → EmployeeNumber');
    assert.equal(employeeNumber?.item.contextValue, 'oktaPreflightFinding.warning');
    assert.match(String(employeeNumber?.item.tooltip), /holds at most 20 characters/);
    assert.match(String(employeeNumber?.item.tooltip), /\nFix: /);
    // The node's own row now says what the run found.
    const row = await preflightNode(production.label);
    assert.match(String(row.item.description), /^\d+ error\(s\)/);
  });

  it('opens the report at a finding from its row, in the same document for every finding', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const node = await preflightNode(appNamed('PRODUCTION').label);
    const findings = (await items(node.node)).filter((f) => f.item.contextValue?.startsWith('oktaPreflightFinding'));
    const opened: string[] = [];
    for (const finding of [findings[1], findings[findings.length - 1]]) {
      const { command, arguments: args = [] } = finding.item.command ?? { command: '' };
      await vscode.commands.executeCommand(command, ...args);
      const editor = await until(() => vscode.window.activeTextEditor, 'the report');
      const line = editor.document.lineAt(editor.selection.active.line).text;
      // The heading of that finding: its severity, its row's label and its code.
      assert.ok(line.startsWith(`${String(finding.item.contextValue).split('.')[1].toUpperCase()}  ${labelOf(finding.item)}  [`), line);
      opened.push(editor.document.uri.toString());
    }
    assert.equal(new Set(opened).size, 1, 'each finding opened another document');
  });

  it('runs from a script, returns the report, and shows it as a document', async () => {
    const production = appNamed('PRODUCTION');
    const report = await vscode.commands.executeCommand<PreflightReport | undefined>('oktaSf.okta.preflight', { org: okta.orgUrl, appId: production.id });
    assert.ok(report, 'no report');
    assert.equal(report.verdict, 'fails');
    assert.equal(report.subject.salesforceOrgUrl, salesforce.instanceUrl);
    const mapping = await oktaGet<Array<{ id: string; source: { type: string } }>>(`/api/v1/mappings?targetId=${production.id}`);
    assert.equal(report.mappingId, mapping.find((m) => m.source.type === 'user')?.id);
    const shown = await until(() => vscode.workspace.textDocuments.find((doc) => doc.getText().startsWith(`Provisioning pre-flight of ${production.label}`)), 'the report');
    assert.match(shown.getText(), /^ERROR {2}EmailEncodingKey {2}\[required-unmapped\]$/m);
  });

  it('completes the walkthrough\'s pre-flight step only when a pre-flight has no error', async () => {
    const state = () => vscode.commands.executeCommand<Record<string, boolean>>('oktaSf.walkthrough.state');
    const failing = await vscode.commands.executeCommand<PreflightReport | undefined>('oktaSf.okta.preflight', { org: okta.orgUrl, appId: appNamed('PRODUCTION').id });
    assert.equal(failing?.verdict, 'fails');
    assert.equal((await state()).preflightPassed, false);
    // The SANDBOX app's mapping sets everything Salesforce requires: checked against the signed-in org, it passes with warnings.
    const passing = await vscode.commands.executeCommand<PreflightReport | undefined>('oktaSf.okta.preflight', {
      org: okta.orgUrl, appId: appNamed('SANDBOX').id, salesforceOrg: salesforce.instanceUrl,
    });
    assert.equal(passing?.verdict, 'warnings');
    assert.equal((await state()).preflightPassed, true);
    // The Okta org's check read a Salesforce app with Push New Users on: the API integration step is done too.
    assert.equal((await state()).apiIntegrationConfigured, true);
  });

  it('dry-runs the admin: the nickname an existing Salesforce user holds is refused, nothing is written', async () => {
    const production = appNamed('PRODUCTION');
    const usersBefore = await fetch(new URL('/services/data/v64.0/query?q=SELECT+COUNT()+FROM+User', salesforce.instanceUrl), { headers: { Authorization: `Bearer ${salesforce.accessToken}` } }).then((r) => r.json()) as { totalSize: number };
    const plan = await vscode.commands.executeCommand<DryRunPlan | undefined>('oktaSf.okta.dryRun', { org: okta.orgUrl, appId: production.id, user: 'admin@acme.example' });
    assert.ok(plan, 'no plan');
    const nickname = plan.rows.find((row) => row.field === 'CommunityNickname');
    assert.deepEqual(nickname?.outcome, { kind: 'value', value: 'admin' });
    assert.ok(nickname.problems.some((p) => p.severity === 'error' && p.code === 'DUPLICATE_VALUE'), JSON.stringify(nickname.problems));
    assert.ok(plan.rows.some((row) => row.field === 'EmailEncodingKey' && row.outcome.kind === 'missing'));
    const usersAfter = await fetch(new URL('/services/data/v64.0/query?q=SELECT+COUNT()+FROM+User', salesforce.instanceUrl), { headers: { Authorization: `Bearer ${salesforce.accessToken}` } }).then((r) => r.json()) as { totalSize: number };
    assert.equal(usersAfter.totalSize, usersBefore.totalSize);
    const shown = await until(() => vscode.workspace.textDocuments.find((doc) => doc.getText().startsWith(`Dry run of ${production.label}`)), 'the dry run');
    assert.match(shown.getText(), /^Salesforce would refuse this user/m);
  });

  it('names a user the org does not have', async () => {
    const production = appNamed('PRODUCTION');
    const plan = await vscode.commands.executeCommand<DryRunPlan | undefined>('oktaSf.okta.dryRun', { org: okta.orgUrl, appId: production.id, user: 'nobody@nowhere.example' });
    assert.equal(plan, undefined);
  });
});
