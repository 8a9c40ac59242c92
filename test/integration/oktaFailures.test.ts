// Bad credentials and a dead network as the Okta Apps view meets them, in the real extension host,
// against an Okta org started here (so its token can be revoked and its network cut without touching
// the run's shared org): what the org's node says, the way out it offers (Sign In Again, Try Again),
// and that taking it brings the apps back; a scope a service app's token lacks, named where it is
// missed: when connecting, and when assigning.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { type OktaSandbox, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { ourExtension, type Shown, treeReader } from './extension';

type Connected = { org?: { url: string; account?: string }; failure?: string };

const grantHere = 'Admin Console → Applications → the service app → Okta API Scopes';

describe('Okta failures in the Okta Apps view', () => {
  let tree: vscode.TreeDataProvider<unknown>;
  let org: OktaSandbox;

  before(async () => {
    tree = ((await ourExtension().activate()) as ExtensionApi).views.oktaApps;
    org = await startOktaSandbox({ log: () => {} });
  });

  after(async () => {
    await vscode.commands.executeCommand('oktaSf.okta.disconnect', { org: { id: org.url, url: org.url } });
    await org.close();
  });


  const { items, byLabel, orgNode: checkedOrg } = treeReader(() => tree);
  /** This org's node once its check has finished. */
  const orgNode = () => checkedOrg(new URL(org.url).host);

  /** Refresh on the org's node (its context menu), and the node once checked again. */
  const refreshOrg = async () => {
    await vscode.commands.executeCommand('oktaSf.okta.refresh', (await orgNode()).node);
    return orgNode();
  };

  /** The org's node refreshed while the sandbox org has these faults (its admin endpoint), cleared after. */
  const refreshedWith = async (faults: Record<string, unknown>): Promise<Shown> => {
    const set = await fetch(new URL('/__sandbox/faults', org.url), { method: 'PUT', body: JSON.stringify(faults) });
    assert.equal(set.status, 200);
    try {
      return await refreshOrg();
    } finally {
      assert.equal((await fetch(new URL('/__sandbox/faults', org.url), { method: 'DELETE' })).status, 200);
    }
  };

  const connect = async (request: Record<string, unknown>) => {
    const connected = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', { orgUrl: org.url, ...request });
    assert.equal(connected.failure, undefined);
  };

  /** The command a click on the node runs, with its arguments. */
  const clickOf = (item: vscode.TreeItem) => {
    assert.ok(item.command, 'the node runs nothing when clicked');
    return { command: item.command.command, title: item.command.title, arguments: item.command.arguments };
  };

  /** Okta's API as any client sees it, with the admin's token made at start (never revoked here). */
  const oktaFetch = (path: string, init: RequestInit = {}, token = org.apiToken) =>
    fetch(new URL(path, org.url), { ...init, headers: { Authorization: `SSWS ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' } });

  it('shows a revoked API token on the org\'s node with Sign In Again, and the apps again once connected with a new token', async () => {
    // A token of its own, so that the other tests keep theirs whatever happens here.
    const doomed = org.createApiToken();
    await connect({ apiToken: doomed });
    const connected = await orgNode();
    assert.equal(connected.item.description, 'admin@acme.example');
    const otherApps = byLabel(await items(connected.node), 'Other apps');

    const revoked = await oktaFetch('/api/v1/api-tokens/current', { method: 'DELETE' }, doomed);
    assert.equal(revoked.status, 204);
    const refusal = /^Okta refused the API token \(E0000011\)\. It may be revoked, expired or from another org: create a new token under Security → API → Tokens and connect again\.$/;

    // A node below the org that reads now says so too, and signs in again.
    const [below] = await items(otherApps.node);
    assert.match(String(below.item.tooltip), refusal);
    assert.deepEqual(clickOf(below.item), { command: 'oktaSf.okta.connect', title: 'Sign In Again', arguments: [connected.node] });

    const failed = await refreshOrg();
    assert.equal(failed.item.description, 'sign in again');
    assert.equal(failed.item.contextValue, 'oktaOrg.signInAgain', 'the inline Connect action shows for this contextValue');
    assert.equal(failed.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.match(String(failed.item.tooltip).split('\n').at(-1) ?? '', refusal);
    assert.deepEqual(clickOf(failed.item), { command: 'oktaSf.okta.connect', title: 'Sign In Again', arguments: [failed.node] });

    // Signing in again with another token: what Sign In Again asks for, given as a script.
    await connect({ apiToken: org.apiToken });
    const back = await orgNode();
    assert.equal(back.item.description, 'admin@acme.example');
    assert.ok(byLabel(await items(back.node), 'Salesforce.com'));
  });

  it('shows an org that stops answering as a network failure with Try Again, and its apps again once it answers', async () => {
    await connect({ apiToken: org.apiToken });
    await orgNode();
    const failed = await refreshedWith({ connectionReset: { count: 1_000_000 } });
    assert.equal(failed.item.description, 'unreachable');
    assert.equal(failed.item.contextValue, 'oktaOrg.failed');
    assert.equal(failed.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    const host = new URL(org.url).host;
    assert.match(String(failed.item.tooltip).split('\n').at(-1) ?? '',
      new RegExp(`^${host.replace(/\./g, '\\.')} closed the connection before answering \\([A-Z_]+\\)\\. Try again; if it keeps happening, check the network and `));
    const tryAgain = clickOf(failed.item);
    assert.deepEqual(tryAgain, { command: 'oktaSf.okta.refresh', title: 'Try Again', arguments: [failed.node] });

    await vscode.commands.executeCommand(tryAgain.command, ...(tryAgain.arguments ?? []));
    const back = await orgNode();
    assert.equal(back.item.description, 'admin@acme.example');
    assert.ok(byLabel(await items(back.node), 'Salesforce.com'));
  });

  it('names a server error on the org row for what it is, with Try Again', async () => {
    await connect({ apiToken: org.apiToken });
    await orgNode();
    const failed = await refreshedWith({ serverError: { count: 1_000_000, status: 500 } });
    assert.equal(failed.item.description, 'server error, try again');
    assert.match(String(failed.item.tooltip), /had a server error \(HTTP 500, 3 tries\)/);
    assert.equal(clickOf(failed.item)?.title, 'Try Again');
  });

  it('refuses a service app whose token lacks okta.apps.read, naming the scope and where to grant it, and leaves the org as it was', async () => {
    await connect({ apiToken: org.apiToken });
    const refused = await vscode.commands.executeCommand<Connected>('oktaSf.okta.connect', {
      orgUrl: org.url, clientId: org.serviceApp.clientId, privateKey: org.serviceApp.privateKeyPem, scopes: ['okta.users.read'],
    });
    assert.equal(refused.org, undefined);
    assert.equal(refused.failure, 'The service app\'s token lacks the scope okta.apps.read (E0000006). '
      + `Grant okta.apps.read in ${grantHere} if it is not granted yet, then connect again with okta.apps.read among the scopes asked for.`);
    const shown = await orgNode();
    assert.equal(shown.item.description, 'admin@acme.example', 'the org is still connected with the API token');
  });

  it('names the scope an assignment needs when the service app\'s token lacks it (okta.schemas.read, then okta.apps.manage), stops at the first refusal and assigns nobody', async () => {
    const lacking = (scope: string) => `The service app's token lacks the scope ${scope} (E0000006). `
      + `Grant ${scope} in ${grantHere} if it is not granted yet, then connect again with ${scope} among the scopes asked for.`;
    /** Two active users the app does not have yet. */
    const unassignedUsers = async (appId: string) => {
      const found: string[] = [];
      for (const user of await (await oktaFetch('/api/v1/users?limit=200')).json() as Array<{ id: string; status: string }>) {
        if (user.status === 'ACTIVE' && (await oktaFetch(`/api/v1/apps/${appId}/users/${user.id}`)).status === 404) found.push(user.id);
        if (found.length === 2) return found;
      }
      throw new Error('the sandbox has fewer than two users without the app');
    };
    // Assigning reads the app's user schema (okta.schemas.read), then assigns (okta.apps.manage): each is left out in turn.
    for (const [scopes, missing, notTried] of [[['okta.apps.read'], 'okta.schemas.read', 2], [['okta.apps.read', 'okta.schemas.read'], 'okta.apps.manage', 1]] as const) {
      await connect({ clientId: org.serviceApp.clientId, privateKey: org.serviceApp.privateKeyPem, scopes });
      const shown = await orgNode();
      assert.equal(shown.item.description, org.serviceApp.clientId);
      const app = byLabel(await items(shown.node), 'Salesforce.com');
      const appId = (app.item.id ?? '').split(':').at(-1) ?? '';
      const users = await unassignedUsers(appId);

      const result = await vscode.commands.executeCommand<{ assigned: number; failures: string[]; notTried: number }>('oktaSf.okta.assign', app.node,
        { users, profile: 'Standard User' });
      // The second user is not tried: a refusal of the credential would meet every assignment.
      assert.deepEqual(result, { assigned: 0, failures: [lacking(missing)], notTried }, `with ${scopes.join(' ')}`);
      for (const user of users) assert.equal((await oktaFetch(`/api/v1/apps/${appId}/users/${user}`)).status, 404, 'the org has no such assignment');
    }
  });
});
