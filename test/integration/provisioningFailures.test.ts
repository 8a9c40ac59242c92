// Provisioning failures inside the real extension host, against the sandbox's Okta org whose System Log
// holds provisioning failures for its Salesforce apps: the *Provisioning health* node under the PRODUCTION
// app (its count and worst cause, read only when expanded), its groups with their links, the report, a
// window without failures, and *Explain Provisioning Failures…* from a script. What the count should be is
// counted here from the System Log's own answer over plain HTTP, apart from the extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { provisioningErrorEventTypes } from '../../src/domain/provisioningFailures/failureEvent';
import type { ExtensionApi } from '../../src/extension';
import type { FailureRead } from '../../src/provisioningFailures/failuresRead';
import type { SandboxConnection } from '../sandbox/sandbox';
import { labelOf, ourExtension, treeReader, until } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;
const dayMs = 86_400_000;

interface RawApp { id: string; label: string; settings: { app: { instanceType?: string } } }
interface RawLogEvent { eventType: string; outcome: { result: string; reason?: string }; target: Array<{ id: string }> }

describe('Provisioning failures', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const { okta } = JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection;
  let tree: vscode.TreeDataProvider<unknown>;
  const { items, byLabel, orgNode } = treeReader(() => tree);
  let apps: RawApp[] = [];
  const appNamed = (instanceType: string) => {
    const app = apps.find((a) => a.settings.app.instanceType === instanceType);
    assert.ok(app, `no ${instanceType} Salesforce app`);
    return app;
  };

  const oktaGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(new URL(path, okta.orgUrl), { headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json' } });
    assert.equal(response.status, 200);
    return response.json() as Promise<T>;
  };

  /** The app's provisioning error events in the last `days` days, as the System Log answers a plain query. */
  async function loggedFailures(appId: string, days: number): Promise<RawLogEvent[]> {
    const events = await oktaGet<RawLogEvent[]>(`/api/v1/logs?since=${encodeURIComponent(new Date(Date.now() - days * dayMs).toISOString())}&limit=1000`);
    return events.filter((e) => provisioningErrorEventTypes.includes(e.eventType) && e.outcome.result === 'FAILURE' && e.target.some((t) => t.id === appId));
  }

  /** The *Provisioning health* node of an app, from the Okta Apps view as VS Code reads it. */
  async function healthNode(label: string) {
    const org = await orgNode(new URL(okta.orgUrl).host);
    const app = byLabel(await items(org.node), label);
    return byLabel(await items(app.node), 'Provisioning health');
  }

  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.oktaApps;
    const connected = await vscode.commands.executeCommand<{ failure?: string }>('oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: okta.apiToken });
    assert.equal(connected.failure, undefined);
    apps = await oktaGet<RawApp[]>(`/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('oktaSf.failures').update('windowDays', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reads nothing until expanded, then shows the count and the worst cause of the last 7 days', async () => {
    const production = appNamed('PRODUCTION');
    const logged = await loggedFailures(production.id, 7);
    assert.ok(logged.length > 1, 'the sandbox has no failures for the PRODUCTION app');
    const node = await healthNode(production.label);
    assert.equal(node.item.description, 'expand to read the failures');
    const children = await until(async () => {
      const shown = await items(node.node);
      return shown.some((c) => c.item.contextValue?.startsWith('oktaFailureGroup')) ? shown : undefined;
    }, 'the groups');
    assert.equal(labelOf(children[0].item), 'Open Report');
    const groups = children.slice(1);
    // Every failure in one group; the worst group (first) is the row's cause.
    const counts = groups.map((g) => Number(/^(\d+) failure/.exec(String(g.item.description))?.[1]));
    assert.equal(counts.reduce((a, b) => a + b, 0), logged.length);
    const row = await healthNode(production.label);
    assert.equal(row.item.description, `${logged.length} failure(s) · ${labelOf(groups[0].item)}`);

    // Salesforce's code and field, and its count from the log.
    const tooLong = byLabel(groups, 'STRING_TOO_LONG on Alias');
    assert.equal(tooLong.item.description, `${logged.filter((e) => e.outcome.reason?.includes('STRING_TOO_LONG: Alias')).length} failure(s)`);
    const tooltip = String(tooLong.item.tooltip);
    assert.match(tooltip, /\nFix: .*Alias/);
    assert.match(tooltip, /\nFirst seen .+, last seen .+\./);
    assert.match(tooltip, /\nUsers: \S/);
    assert.match(tooltip, /\nReason: .*STRING_TOO_LONG: Alias: data value too large/);
    // Its menu offers the pre-flight and a dry run for the affected user, whose login it carries.
    assert.match(String(tooLong.item.contextValue), /^oktaFailureGroup\..*dryRun.*\.preflight/);
    const reference = tooLong.node as { org?: string; appId?: string; user?: string };
    assert.deepEqual([reference.org, reference.appId], [okta.orgUrl, production.id]);
    assert.match(String(reference.user), /@acme\.example$/);
    // An expired refresh token points at the form's Test API Credentials and Configure API Integration.
    const expired = groups.find((g) => /invalid_grant|INVALID_SESSION_ID/.test(String(g.item.tooltip)));
    if (logged.some((e) => /invalid_grant/.test(e.outcome.reason ?? ''))) {
      assert.match(String(expired?.item.contextValue), /configureApiIntegration.*testCredentials/);
    }
  });

  it('keeps markup and long reasons as plain text on one line, cut', async () => {
    const node = await healthNode(appNamed('PRODUCTION').label);
    for (const group of (await items(node.node)).slice(1)) {
      const tooltip = group.item.tooltip;
      assert.equal(typeof tooltip, 'string', 'a tooltip is Markdown');
      const reason = String(tooltip).split('\n').find((line) => line.startsWith('Reason: ')) ?? '';
      assert.ok(reason.length <= 320, reason.slice(0, 80));
      assert.ok(labelOf(group.item).length <= 100);
    }
  });

  it('opens the report with every group from the node, at a group from its row', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const production = appNamed('PRODUCTION');
    const node = await healthNode(production.label);
    const [report, ...groups] = await items(node.node);
    const { command, arguments: args = [] } = report.item.command ?? { command: '' };
    await vscode.commands.executeCommand(command, ...args);
    const editor = await until(() => vscode.window.activeTextEditor, 'the report');
    const text = editor.document.getText();
    assert.ok(text.startsWith(`Provisioning failures of ${production.label} (${production.id}), from `), text.slice(0, 200));
    assert.match(text, /^ERROR {2}.*\[STRING_TOO_LONG · Alias\]$/m);
    assert.equal(text.split('\n').filter((line, i) => i > 0 && /^\S/.test(line)).length, groups.length);
    // A group's row opens the same document at its heading.
    const last = groups[groups.length - 1];
    await vscode.commands.executeCommand(last.item.command?.command ?? '', ...last.item.command?.arguments ?? []);
    const at = await until(() => vscode.window.activeTextEditor, 'the report');
    assert.equal(at.document.uri.toString(), editor.document.uri.toString());
    const line = at.document.lineAt(at.selection.active.line).text;
    assert.ok(/^(ERROR|WARNING) {2}/.test(line) && line.includes(labelOf(last.item).split(' on ')[0]), line);
  });

  it('says there is none, with the window, for a window without failures (oktaSf.failures.windowDays)', async () => {
    const sandboxApp = appNamed('SANDBOX');
    assert.equal((await loggedFailures(sandboxApp.id, 1)).length, 0, 'the SANDBOX app has failures in the last day');
    await vscode.workspace.getConfiguration('oktaSf.failures').update('windowDays', 1, vscode.ConfigurationTarget.Global);
    const node = await healthNode(sandboxApp.label);
    const children = await until(async () => {
      const shown = await items(node.node);
      return shown.length > 1 ? shown : undefined;
    }, 'the read');
    assert.deepEqual(children.map((c) => labelOf(c.item)), ['Open Report', 'No provisioning failures for this app in the last 1 day(s).']);
    assert.equal((await healthNode(sandboxApp.label)).item.description, 'No failures in the last 1 day(s)');
    await vscode.workspace.getConfiguration('oktaSf.failures').update('windowDays', undefined, vscode.ConfigurationTarget.Global);
  });

  it('explains from a script over the window asked for, and opens the report', async () => {
    const sandboxApp = appNamed('SANDBOX');
    const logged = await loggedFailures(sandboxApp.id, 30);
    const read = await vscode.commands.executeCommand<FailureRead | undefined>('oktaSf.okta.explainFailures', { org: okta.orgUrl, appId: sandboxApp.id, days: 30 });
    assert.ok(read, 'no read');
    assert.equal(read.total, logged.length);
    assert.equal(Math.round((Date.parse(read.window.until) - Date.parse(read.window.since)) / dayMs), 30);
    const shown = await until(() => vscode.workspace.textDocuments.find((doc) => doc.getText().startsWith(`Provisioning failures of ${sandboxApp.label}`)), 'the report');
    assert.match(shown.getText(), logged.length ? /^ERROR {2}/m : /: none\./);
    const none = await vscode.commands.executeCommand<FailureRead | undefined>('oktaSf.okta.explainFailures', { org: okta.orgUrl, appId: sandboxApp.id, days: 1 });
    assert.deepEqual([none?.total, none?.groups], [0, []]);
    const empty = await until(() => vscode.workspace.textDocuments.find((doc) => /^Provisioning failures of .*: none\. Okta logged no provisioning error/.test(doc.getText()) && doc.getText().includes(none?.window.since ?? '?')), 'the empty report');
    assert.ok(empty);
  });
});
