// The Okta Apps view inside the real extension host, against the sandbox's Okta org (450 apps and
// the Salesforce instance with a hostile label, as the harness starts it): what an org, an app and
// its assignments show, Load more, Search Apps, Assign, Unassign and Refresh on one app. What the
// tree should show is read from the org over plain HTTP here, apart from the extension's adapter.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { SandboxConnection } from '../sandbox/sandbox';
import { labelOf, ourExtension, type Shown, treeReader } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;


interface RawApp {
  id: string;
  name: string;
  label: string;
  status: string;
  settings?: { app?: { instanceType?: string } };
}

interface RawAppUser {
  id: string;
  scope: string;
  credentials?: { userName?: string };
}

describe('Okta Apps view', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const sandbox = JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection;
  const { okta } = sandbox;
  let tree: vscode.TreeDataProvider<unknown>;

  /** Okta's API as any client sees it: SSWS, JSON, and the Link header's next page. */
  async function oktaGet<T>(pathAndQuery: string): Promise<{ body: T; next?: string }> {
    const response = await fetch(new URL(pathAndQuery, okta.orgUrl), { headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json' } });
    assert.equal(response.status, 200, await response.clone().text());
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    return { body: (await response.json()) as T, next };
  }

  async function oktaSend(method: string, pathAndQuery: string, body?: unknown): Promise<number> {
    const response = await fetch(new URL(pathAndQuery, okta.orgUrl), {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { Authorization: `SSWS ${okta.apiToken}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Every page of the org's apps, 200 at a time, as Okta serves them. */
  async function appPages(): Promise<RawApp[][]> {
    const pages: RawApp[][] = [];
    let next: string | undefined = '/api/v1/apps?limit=200';
    while (next) {
      const page: { body: RawApp[]; next?: string } = await oktaGet<RawApp[]>(next);
      pages.push(page.body);
      next = page.next;
    }
    return pages;
  }

  const appUsers = async (appId: string) => (await oktaGet<RawAppUser[]>(`/api/v1/apps/${appId}/users?limit=500`)).body;

  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.oktaApps;
  });


  const { items, byLabel, orgNode: checkedOrg } = treeReader(() => tree);
  /** The sandbox org's node once its check has finished. */
  const orgNode = () => checkedOrg(new URL(okta.orgUrl).host);

  const orgChildren = async () => items((await orgNode()).node);
  const appNode = async (label: string) => byLabel(await orgChildren(), label);
  const isLoadMore = (shown: Shown) => shown.item.contextValue === 'loadMore';

  it('connects with the org URL and API token given to the command (its scripted form)', async () => {
    const connected = await vscode.commands.executeCommand<{ org?: { url: string; account?: string }; failure?: string }>(
      'oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: okta.apiToken });
    assert.equal(connected.failure, undefined);
    assert.equal(connected.org?.url, okta.orgUrl);
    const shown = await orgNode();
    assert.equal(shown.item.description, connected.org.account);
    assert.equal(shown.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('shows the Salesforce.com instances first, each with its status, instance type and provisioning summary, then Other apps', async () => {
    const shown = await orgChildren();
    const salesforce = (await appPages()).flat().filter((app) => app.name === 'salesforce');
    assert.equal(salesforce.length, 3, 'the sandbox has a production, a sandbox and the hostile-label instance');
    assert.deepEqual(shown.slice(0, salesforce.length).map((s) => s.item.contextValue), salesforce.map(() => 'oktaApp.salesforce.active'));
    assert.equal(shown.length, salesforce.length + 1, shown.map((s) => labelOf(s.item)).join(', '));
    assert.equal(shown[shown.length - 1].item.contextValue, 'oktaOtherApps');
    assert.equal(labelOf(shown[shown.length - 1].item), 'Other apps');
    assert.equal(byLabel(shown, 'Salesforce.com').item.description, 'ACTIVE · PRODUCTION · Push new users · Push profile updates · Deactivate users');
    assert.equal(byLabel(shown, 'Salesforce.com (Sandbox)').item.description, 'ACTIVE · SANDBOX · Provisioning not set up');
  });

  it('lists Other apps one page of 200 per Load more, without the Salesforce instances, and no Load more after the last', async () => {
    const pages = await appPages();
    assert.ok(pages.length >= 3, `the sandbox has ${pages.flat().length} apps: too few for three pages`);
    const others = (upTo: number) => pages.slice(0, upTo).flat().filter((app) => app.name !== 'salesforce').map((app) => app.label);
    const otherApps = byLabel(await orgChildren(), 'Other apps').node;
    for (let read = 1; read <= pages.length; read++) {
      const shown = await items(otherApps);
      const last = read === pages.length;
      assert.deepEqual(shown.filter((s) => !isLoadMore(s)).map((s) => labelOf(s.item)), others(read), `after ${read} page(s)`);
      assert.equal(isLoadMore(shown[shown.length - 1]), !last, last ? 'Load more after the last page' : 'no Load more');
      if (!last) await vscode.commands.executeCommand('oktaSf.loadMore', shown[shown.length - 1].node);
    }
    const inactive = pages.flat().find((app) => app.name !== 'salesforce' && app.status === 'INACTIVE');
    assert.ok(inactive);
    const row = byLabel(await items(otherApps), inactive.label).item;
    assert.equal(row.contextValue, 'oktaApp.other.inactive');
    assert.equal(row.description, `INACTIVE · ${inactive.name}`);
  });

  it('expands a Salesforce app into its settings, each provisioning feature, and its users and groups with their counts', async () => {
    const production = await appNode('Salesforce.com');
    const [appId] = (production.item.id ?? '').split(':').slice(-1);
    const users = await appUsers(appId);
    const groups = (await oktaGet<unknown[]>(`/api/v1/apps/${appId}/groups?limit=200`)).body;
    const shown = await items(production.node);
    // The pre-flight's and the failures' rows say what their last run found, which another suite may have run
    // (test/integration/preflight.test.ts, provisioningFailures.test.ts).
    const lastRun = (contextValue: string | undefined) => (contextValue === 'oktaPreflight' || contextValue === 'oktaFailures');
    assert.deepEqual(shown.map((s) => [labelOf(s.item), lastRun(s.item.contextValue) ? 'its last run' : s.item.description]), [
      ['Instance type', 'PRODUCTION'],
      // The sandboxes run together: the PRODUCTION instance signs in at the local org's My Domain.
      ['Login URL', sandbox.salesforce.instanceUrl],
      ['Integration type', 'STANDARD'],
      ['Provisioning', 'Push new users · Push profile updates · Deactivate users'],
      ['Provisioning pre-flight', 'its last run'],
      ['Provisioning health', 'its last run'],
      ['Users', String(users.length)],
      ['Groups', String(groups.length)],
    ]);
    const features = await items(byLabel(shown, 'Provisioning').node);
    assert.equal(features.length, 8);
    const on = features.filter((f) => f.item.contextValue === 'oktaAppFeature.on').map((f) => labelOf(f.item));
    assert.deepEqual(on, ['Push new users', 'Push profile updates', 'Deactivate users']);
    const userRows = await items(byLabel(shown, 'Users').node);
    assert.deepEqual(userRows.map((u) => labelOf(u.item)).sort(), users.map((u) => u.credentials?.userName ?? u.id).sort());
    const throughGroup = users.filter((u) => u.scope === 'GROUP').length;
    assert.ok(throughGroup > 0 && throughGroup < users.length, 'the app has users of both kinds');
    assert.equal(userRows.filter((u) => u.item.contextValue === 'oktaAssignment.user.throughGroup').length, throughGroup);
    assert.deepEqual((await items(byLabel(shown, 'Groups').node)).map((g) => labelOf(g.item)).sort(), ['Salesforce Admins', 'Salesforce Users']);
  });

  it('shows an app\'s label holding markup as text: one line cut at 120 characters, the whole label in a plain-text tooltip', async () => {
    const hostile = (await appPages()).flat().find((app) => app.name === 'salesforce' && app.label.startsWith('<img'));
    assert.ok(hostile, 'the harness starts the sandbox with its hostile-label app');
    const row = (await orgChildren()).find((s) => s.item.id?.endsWith(`:${hostile.id}`));
    assert.ok(row);
    const label = labelOf(row.item);
    assert.equal(Array.from(label).length, 120);
    assert.ok(label.startsWith('<img src=x onerror="alert(1)"><b>Sales</b>force'), label);
    assert.ok(label.endsWith('…'));
    assert.equal(typeof row.item.tooltip, 'string', 'the tooltip is plain text, never Markdown');
    assert.ok(String(row.item.tooltip).startsWith(hostile.label));
  });

  it('searches apps by Okta\'s q and shows the results under the org, above Other apps, until the search is cleared', async () => {
    const org = await orgNode();
    const expected = (await oktaGet<RawApp[]>('/api/v1/apps?q=Slack&limit=200')).body.map((app) => app.label);
    assert.ok(expected.length > 1, 'the sandbox has several Slack apps');
    await vscode.commands.executeCommand('oktaSf.okta.searchApps', org.node, 'Slack');
    const shown = await orgChildren();
    assert.deepEqual(shown.slice(-2).map((s) => s.item.contextValue), ['oktaSearch', 'oktaOtherApps']);
    const results = await items(shown[shown.length - 2].node);
    assert.deepEqual(results.map((s) => labelOf(s.item)), expected);
    await vscode.commands.executeCommand('oktaSf.okta.searchApps', org.node, '');
    assert.ok(!(await orgChildren()).some((s) => s.item.contextValue === 'oktaSearch'), 'the search was not cleared');
  });

  describe('assignments', () => {
    const login = 'elena.okafor@acme.example';
    let userId = '';
    let appId = '';

    before(async () => {
      const [user] = (await oktaGet<Array<{ id: string }>>(`/api/v1/users?search=${encodeURIComponent(`profile.login eq "${login}"`)}`)).body;
      assert.ok(user, `the sandbox has ${login}`);
      userId = user.id;
      appId = ((await appNode('Salesforce.com')).item.id ?? '').split(':').slice(-1)[0];
      assert.ok(!(await appUsers(appId)).some((u) => u.id === userId), `${login} starts without the app`);
    });

    const usersOf = async (label: string) => {
      const app = await appNode(label);
      const users = byLabel(await items(app.node), 'Users');
      return { users, rows: await items(users.node) };
    };

    it('assigns a user with a Salesforce profile, and the app\'s node shows the assignment at once', async () => {
      const before = await usersOf('Salesforce.com');
      const assigned = await vscode.commands.executeCommand<{ assigned: number; failures: string[]; notTried: number }>('oktaSf.okta.assign',
        (await appNode('Salesforce.com')).node, { users: [userId], profile: 'Standard User' });
      assert.deepEqual(assigned, { assigned: 1, failures: [], notTried: 0 });
      // The walkthrough's last step completes on its own.
      assert.equal((await vscode.commands.executeCommand<Record<string, boolean>>('oktaSf.walkthrough.state')).usersAssigned, true);
      const after = await usersOf('Salesforce.com');
      assert.equal(after.users.item.description, String(Number(before.users.item.description) + 1));
      const row = byLabel(after.rows, login);
      assert.equal(row.item.contextValue, 'oktaAssignment.user.direct');
      assert.match(String(row.item.description), /Standard User/);
      const stored = (await appUsers(appId)).find((u) => u.id === userId);
      assert.ok(stored, 'the org has the assignment');
    });

    it('unassigns a directly assigned user when confirmed, and leaves one who has the app through a group', async () => {
      const { rows } = await usersOf('Salesforce.com');
      const throughGroup = rows.find((r) => r.item.contextValue === 'oktaAssignment.user.throughGroup');
      assert.ok(throughGroup);
      assert.equal(await vscode.commands.executeCommand<boolean>('oktaSf.okta.unassign', throughGroup.node, { confirmed: true }), false);
      assert.equal(await vscode.commands.executeCommand<boolean>('oktaSf.okta.unassign', byLabel(rows, login).node, { confirmed: true }), true);
      const after = await usersOf('Salesforce.com');
      assert.ok(!after.rows.some((r) => labelOf(r.item) === login), `${login} is still shown`);
      assert.ok(after.rows.some((r) => labelOf(r.item) === labelOf(throughGroup.item)), 'the user assigned through a group went too');
      assert.ok(!(await appUsers(appId)).some((u) => u.id === userId), 'the org still has the assignment');
    });

    it('refreshes one app from its context menu: that app reads its users again, the others keep what they read', async () => {
      const sandboxApp = await appNode('Salesforce.com (Sandbox)');
      const sandboxAppId = (sandboxApp.item.id ?? '').split(':').slice(-1)[0];
      const productionUsers = (await usersOf('Salesforce.com')).users.node;
      assert.ok(!(await usersOf('Salesforce.com (Sandbox)')).rows.some((r) => labelOf(r.item) === login));
      // Assigned behind the extension's back: the view keeps what it read until it is refreshed.
      assert.equal(await oktaSend('POST', `/api/v1/apps/${sandboxAppId}/users`, { id: userId }), 200);
      try {
        assert.ok(!(await usersOf('Salesforce.com (Sandbox)')).rows.some((r) => labelOf(r.item) === login), 'read again without a refresh');
        await vscode.commands.executeCommand('oktaSf.okta.refresh', sandboxApp.node);
        assert.ok((await usersOf('Salesforce.com (Sandbox)')).rows.some((r) => labelOf(r.item) === login), 'the refreshed app does not show the new user');
        assert.equal((await usersOf('Salesforce.com')).users.node, productionUsers, 'refreshing one app read another again');
      } finally {
        await oktaSend('DELETE', `/api/v1/apps/${sandboxAppId}/users/${userId}`);
      }
    });
  });

  after(async () => {
    const org = (await items()).find((o) => labelOf(o.item) === new URL(okta.orgUrl).host);
    if (org) await vscode.commands.executeCommand('oktaSf.okta.disconnect', org.node);
  });
});
