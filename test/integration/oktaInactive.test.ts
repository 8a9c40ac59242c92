// An INACTIVE Salesforce.com instance in the Okta Apps view, inside the real extension host: the
// production instance is deactivated through the sandbox's Okta API (as an admin would in the Admin
// Console), the view is refreshed, and its row must say INACTIVE while still naming its provisioning;
// activated again, a refresh of that app alone brings ACTIVE back. The app is activated again after.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { SandboxConnection } from '../sandbox/sandbox';
import { labelOf, ourExtension, treeReader } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;


describe('Okta Apps view: an inactive Salesforce instance', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const okta = (JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection).okta;
  const summary = 'Push new users · Push profile updates · Deactivate users';
  let tree: vscode.TreeDataProvider<unknown>;
  let appId = '';

  /** Okta's API as any client calls it, with the org's API token. */
  async function okta200(method: string, path: string): Promise<unknown> {
    const response = await fetch(new URL(path, okta.orgUrl), { method, headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json' } });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text);
  }
  const lifecycle = (action: 'activate' | 'deactivate') => okta200('POST', `/api/v1/apps/${appId}/lifecycle/${action}`);


  const { items, orgNode: checkedOrg } = treeReader(() => tree);
  /** The org's node once its check has finished. */
  const orgNode = () => checkedOrg(new URL(okta.orgUrl).host);

  const productionRow = async () => {
    const row = (await items((await orgNode()).node)).find((s) => s.item.id?.endsWith(`:${appId}`));
    assert.ok(row, `no row for the app ${appId}`);
    return row;
  };

  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.oktaApps;
    const salesforce = (await okta200('GET', `/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`)) as Array<{ id: string; label: string; status: string }>;
    const production = salesforce.find((app) => app.label === 'Salesforce.com');
    assert.ok(production && production.status === 'ACTIVE', 'the sandbox\'s production instance starts ACTIVE');
    appId = production.id;
    const connected = await vscode.commands.executeCommand<{ failure?: string }>('oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: okta.apiToken });
    assert.equal(connected.failure, undefined);
  });

  it('says INACTIVE on the app\'s row (description, tooltip, spoken label, dimmed icon) after the view is refreshed, and still shows its provisioning', async () => {
    assert.equal((await productionRow()).item.contextValue, 'oktaApp.salesforce.active');
    assert.deepEqual(await lifecycle('deactivate'), {});
    await vscode.commands.executeCommand('oktaSf.okta.refresh');
    const { node, item } = await productionRow();
    assert.equal(item.description, `INACTIVE · PRODUCTION · ${summary}`);
    assert.equal(item.contextValue, 'oktaApp.salesforce.inactive');
    assert.equal(String(item.tooltip).split('\n')[1], 'INACTIVE · PRODUCTION');
    assert.match(item.accessibilityInformation?.label ?? '', /INACTIVE/);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal(item.iconPath.color?.id, 'disabledForeground');
    const provisioning = (await items(node)).find((s) => s.item.contextValue === 'oktaProvisioning');
    assert.ok(provisioning, 'an inactive app still expands into its provisioning');
    assert.equal(provisioning.item.description, summary);
  });

  it('shows ACTIVE again once the app is activated and refreshed from its own context menu', async () => {
    const { node } = await productionRow();
    assert.deepEqual(await lifecycle('activate'), {});
    await vscode.commands.executeCommand('oktaSf.okta.refresh', node);
    await items(node); // the app reads itself again when its children are read
    const item = await tree.getTreeItem(node);
    assert.equal(item.description, `ACTIVE · PRODUCTION · ${summary}`);
    assert.equal(item.contextValue, 'oktaApp.salesforce.active');
  });

  after(async () => {
    if (appId) await lifecycle('activate');
    const org = (await items()).find((o) => labelOf(o.item) === new URL(okta.orgUrl).host);
    if (org) await vscode.commands.executeCommand('oktaSf.okta.disconnect', org.node);
  });
});
