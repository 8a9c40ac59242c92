// The Getting Started walkthrough's context keys inside the real extension host, against the sandbox:
// each step's key turns true when its state is reached (an org connected, an audit showing a passing
// integration profile) and false when it is gone, whatever was clicked. Context keys cannot be read
// through the API, so the keys' values come from the internal oktaSf.walkthrough.state command.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SandboxConnection } from '../sandbox/sandbox';
import { ourExtension } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;

type WalkthroughState = Record<string, boolean>;
const walkthroughState = async () => (await vscode.commands.executeCommand<WalkthroughState>('oktaSf.walkthrough.state'));

describe('Getting Started walkthrough', () => {
  assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
  const sandbox = JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection;
  const { okta } = sandbox;
  const oktaOrg = { id: okta.orgUrl, url: okta.orgUrl };
  let salesforceOrg: { id: string; url: string } | undefined;
  const settings = () => vscode.workspace.getConfiguration('oktaSf');

  before(async () => {
    await ourExtension().activate();
    // Earlier suites may have left the sandbox's orgs connected: start from none.
    await vscode.commands.executeCommand('oktaSf.okta.disconnect', { org: oktaOrg });
  });

  after(async () => {
    await settings().update('integrationProfiles', undefined, vscode.ConfigurationTarget.Global);
    if (salesforceOrg) await vscode.commands.executeCommand('oktaSf.salesforce.disconnect', { org: salesforceOrg });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes Connect Okta when an org is connected, and not before', async () => {
    assert.equal((await walkthroughState()).oktaConnected, false);
    const connected = await vscode.commands.executeCommand<{ failure?: string }>('oktaSf.okta.connect', { orgUrl: okta.orgUrl, apiToken: okta.apiToken });
    assert.equal(connected.failure, undefined);
    assert.equal((await walkthroughState()).oktaConnected, true);
    await vscode.commands.executeCommand('oktaSf.okta.disconnect', { org: oktaOrg });
    assert.equal((await walkthroughState()).oktaConnected, false);
  });

  it('completes Sign in to Salesforce when an org is signed in', async () => {
    salesforceOrg = await vscode.commands.executeCommand<{ id: string; url: string } | undefined>('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' });
    assert.ok(salesforceOrg, 'the sign-in did not finish');
    assert.equal((await walkthroughState()).salesforceSignedIn, true);
  });

  it('completes the integration profile step from what an audit shows, turning back when a new audit fails', async () => {
    // The sandbox's "Okta Integration" passes and "Okta Integration - Missing Dependencies" fails (test/sandbox/salesforce/seed.ts).
    await settings().update('integrationProfiles', ['Okta Integration - Missing Dependencies'], vscode.ConfigurationTarget.Global);
    const failing = await vscode.commands.executeCommand<{ orgPasses: boolean } | undefined>('oktaSf.auditProfiles');
    assert.equal(failing?.orgPasses, false);
    assert.equal((await walkthroughState()).integrationProfileReady, false);

    // With the name rule, both are candidates: one passing profile is enough, though orgPasses stays false.
    await settings().update('integrationProfiles', undefined, vscode.ConfigurationTarget.Global);
    const passing = await vscode.commands.executeCommand<{ orgPasses: boolean } | undefined>('oktaSf.auditProfiles');
    assert.equal(passing?.orgPasses, false);
    assert.equal((await walkthroughState()).integrationProfileReady, true);

    await settings().update('integrationProfiles', ['Okta Integration - Missing Dependencies'], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('oktaSf.auditProfiles');
    assert.equal((await walkthroughState()).integrationProfileReady, false);
  });

  it('reopens Sign in to Salesforce when the org is signed out', async () => {
    assert.ok(salesforceOrg);
    await vscode.commands.executeCommand('oktaSf.salesforce.disconnect', { org: salesforceOrg });
    salesforceOrg = undefined;
    assert.equal((await walkthroughState()).salesforceSignedIn, false);
  });
});
