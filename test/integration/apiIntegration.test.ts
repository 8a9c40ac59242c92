// Configure API Integration and Test API Credentials inside the real extension host, against the
// sandbox orgs: the panel opened by reference (a link or a script names the app) is one tab per app,
// and Test API Credentials from a script runs the checks the key and secret allow, shows them as text,
// and says which it could not run. The form itself is driven in test/ui/apiIntegration.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { CheckResult } from '../../src/domain/apiIntegration/protocol';
import type { SandboxConnection } from '../sandbox/sandbox';
import { ourExtension, until } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;

describe('Configure API Integration and Test API Credentials', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const { okta, salesforce } = JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection;
  let appId = '';

  /** The tabs of Configure API Integration panels, in every group. */
  const formTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('oktaSf.apiIntegration'));

  before(async () => {
    await ourExtension().activate();
    const response = await fetch(new URL(`/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`, okta.orgUrl), {
      headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json' },
    });
    const apps = await response.json() as Array<{ id: string; label: string }>;
    const production = apps.find((app) => app.label === 'Salesforce.com');
    assert.ok(production);
    appId = production.id;
    const connected = await vscode.commands.executeCommand<{ failure?: string }>('oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: okta.apiToken });
    assert.equal(connected.failure, undefined);
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens one panel per app, named after it, when a link or a script names the app, and shows the same one again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const key = await vscode.commands.executeCommand<string | undefined>('oktaSf.configureApiIntegration', { org: okta.orgUrl, appId });
    assert.ok(key?.endsWith(`:${appId}`), String(key));
    await until(() => (formTabs().length ? true : undefined), 'the panel\'s tab');
    assert.deepEqual(formTabs().map((tab) => tab.label), ['API Integration: Salesforce.com']);
    await vscode.commands.executeCommand('oktaSf.configureApiIntegration', { org: okta.orgUrl, appId });
    assert.equal(formTabs().length, 1, 'a second panel for the same app');
  });

  it('refuses an app of an org that is not connected, opening nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const key = await vscode.commands.executeCommand<string | undefined>('oktaSf.configureApiIntegration', { org: 'https://not-connected.okta.com', appId });
    assert.equal(key, undefined);
    assert.equal(formTabs().length, 0);
  });

  it('Test API Credentials from a script: checks 1 to 4 from the key, the rest skipped for want of a sign-in, shown as text', async () => {
    const results = await vscode.commands.executeCommand<CheckResult[] | undefined>('oktaSf.testApiCredentials', {
      org: okta.orgUrl, appId, consumerKey: salesforce.consumerKey, consumerSecret: salesforce.consumerSecret, loginHost: salesforce.loginUrl,
    });
    assert.ok(results, 'no results');
    const outcome = Object.fromEntries(results.map((result) => [result.check, result.outcome]));
    assert.equal(outcome.consumerKey, 'pass');
    assert.equal(outcome.oktaCallback, 'pass');
    assert.equal(outcome.noExtraDemands, 'pass');
    // No session of the integration user: nothing is said about the user, and it says so.
    assert.equal(outcome.integrationUser, 'skipped');
    assert.notEqual(outcome.loginHost, 'fail');
    const shown = await until(() => vscode.workspace.textDocuments.find((doc) => doc.getText().includes('Okta’s callback URL')), 'the results document');
    assert.ok(!shown.getText().includes(salesforce.consumerSecret), 'the secret is in the results');
  });

  it('names an unknown consumer key, with where to copy the right one', async () => {
    const results = await vscode.commands.executeCommand<CheckResult[] | undefined>('oktaSf.testApiCredentials', {
      org: okta.orgUrl, appId, consumerKey: '3MVG9notTheConsumerKeyOfThisOrg', loginHost: salesforce.loginUrl,
    });
    const check = results?.find((result) => result.check === 'consumerKey');
    assert.equal(check?.outcome, 'fail');
    assert.match(check?.fix ?? '', /App Manager|consumer key/i);
  });
});
