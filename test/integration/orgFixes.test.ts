// Fixing the Salesforce org from the editor, inside the real extension host against the sandbox org: Fix
// Profile in Org on a failing custom integration profile (its verdict turns to pass, the org's fields
// show exactly the missing permissions enabled), Revert, a standard profile refused with the way out,
// Create Okta Integration Profile (a new profile that passes) and Create Integration User on it. The
// org's state is read over plain HTTP, apart from the extension's adapter.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import type { FixOutcome } from '../../src/salesforce/orgFixCommands';
import type { UserOutcome } from '../../src/salesforce/integrationUserCommand';
import type { SandboxConnection } from '../sandbox/sandbox';
import { ourExtension } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;

describe('Fixing the Salesforce org', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const { salesforce } = JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection;
  // Manage Users reaches its users only through a permission set: the fix enables it (and what it needs) on the profile, which a revert can turn off again.
  const broken = 'Okta Integration - Permission Set Grant';
  let orgId = '';

  /** A SOQL query as any client sends it, with the sandbox's ready session. */
  async function query<T>(soql: string): Promise<T[]> {
    const response = await fetch(new URL(`/services/data/v64.0/query?q=${encodeURIComponent(soql)}`, salesforce.instanceUrl), { headers: { Authorization: `Bearer ${salesforce.accessToken}` } });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { records: T[] }).records;
  }
  /** The required permissions (and their dependencies) a profile holds on itself: its own permission set's fields that are true. */
  async function enabledOn(profileName: string): Promise<string[]> {
    const fields = requiredPermissions().permissions.map((p) => p.apiField);
    const [set] = await query<Record<string, unknown>>(`SELECT ${fields.join(', ')} FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = '${profileName}'`);
    assert.ok(set, `no profile ${profileName}`);
    return fields.filter((field) => set[field] === true).sort();
  }

  before(async () => {
    await ourExtension().activate();
    const org = await vscode.commands.executeCommand<{ id: string; url: string } | undefined>('oktaSf.salesforce.connect', { loginUrl: salesforce.loginUrl, clientId: salesforce.consumerKey });
    assert.equal(org?.url, salesforce.instanceUrl);
    orgId = org.id;
  });
  after(async () => {
    // Leave the org as the other suites expect it, whatever happened above.
    await vscode.commands.executeCommand('oktaSf.salesforce.revertProfileFix', { profile: broken, confirmed: true });
  });

  it('fixes a failing custom integration profile: exactly what it lacked enabled, the verdict now pass', async () => {
    const before = await enabledOn(broken);
    const outcome = await vscode.commands.executeCommand<FixOutcome>('oktaSf.salesforce.fixProfileInOrg', { org: orgId, profile: broken, confirmed: true });
    assert.equal(outcome.outcome, 'fixed', outcome.message);
    assert.equal(outcome.verdictAfter, 'pass');
    const after = await enabledOn(broken);
    const added = after.filter((field) => !before.includes(field));
    assert.ok(added.length > 0, 'nothing was enabled');
    // Only enabled, never disabled.
    assert.deepEqual(before.filter((field) => !after.includes(field)), []);
  });

  it('reverts the last fix: the same fields back off, the verdict fail again', async () => {
    const fixed = await enabledOn(broken);
    const outcome = await vscode.commands.executeCommand<FixOutcome>('oktaSf.salesforce.revertProfileFix', { profile: broken, confirmed: true });
    assert.equal(outcome.outcome, 'reverted', outcome.message);
    assert.equal(outcome.verdictAfter, 'fail');
    assert.ok((await enabledOn(broken)).length < fixed.length);
    const again = await vscode.commands.executeCommand<FixOutcome>('oktaSf.salesforce.revertProfileFix', { profile: broken, confirmed: true });
    assert.equal(again.outcome, 'cancelled', 'a second revert had something to revert');
  });

  it('refuses a standard profile, saying to create a custom one, and changes nothing', async () => {
    const before = await enabledOn('Standard User');
    const outcome = await vscode.commands.executeCommand<FixOutcome>('oktaSf.salesforce.fixProfileInOrg', { org: orgId, profile: 'Standard User', confirmed: true });
    assert.equal(outcome.outcome, 'standardProfile');
    assert.match(outcome.message ?? '', /standard profile.*Create Okta Integration Profile/);
    assert.deepEqual(await enabledOn('Standard User'), before);
  });

  it('creates an integration profile that passes, refuses its name a second time, and creates the integration user on it', async () => {
    const name = `Okta Integration ${Date.now().toString(36)}`;
    const created = await vscode.commands.executeCommand<{ outcome: string; profileId?: string; problems?: string[] }>('oktaSf.salesforce.createIntegrationProfile', {
      org: orgId, name, license: 'Salesforce', confirmed: true,
    });
    assert.equal(created.outcome, 'created', created.problems?.join(' '));
    const [profile] = await query<{ Id: string }>(`SELECT Id FROM Profile WHERE Name = '${name}'`);
    assert.equal(profile?.Id, created.profileId);
    const again = await vscode.commands.executeCommand<{ outcome: string; problems?: string[] }>('oktaSf.salesforce.createIntegrationProfile', {
      org: orgId, name, license: 'Salesforce', confirmed: true,
    });
    assert.equal(again.outcome, 'refused');
    assert.match(again.problems?.join(' ') ?? '', /already exists/);

    const username = `okta.integration.${Date.now().toString(36)}@acme-sandbox.example`;
    const user = await vscode.commands.executeCommand<UserOutcome>('oktaSf.salesforce.createIntegrationUser', {
      org: orgId, profile: name, email: 'it@acme.example', username, sendEmail: false, confirmed: true,
    });
    assert.equal(user.outcome, 'created', user.problems?.join(' '));
    const [saved] = await query<{ Id: string; ProfileId: string }>(`SELECT Id, ProfileId FROM User WHERE Username = '${username}'`);
    assert.equal(saved?.ProfileId, created.profileId);
    const taken = await vscode.commands.executeCommand<UserOutcome>('oktaSf.salesforce.createIntegrationUser', {
      org: orgId, profile: name, email: 'it@acme.example', username, sendEmail: false, confirmed: true,
    });
    assert.equal(taken.outcome, 'refused');
    assert.match(taken.problems?.join(' ') ?? '', /Username .* is already/);
  });
});
