// The browser sign-in when the browser is not on the extension host's machine. In code-server's main
// session (test/harness/runIntegration.ts, OKTA_SF_FORWARDING=elsewhere) the workbench forwards the
// callback port to its /proxy/<port>/ path and the browser cannot reach the extension host's localhost
// at all. In its same-address session (OKTA_SF_FORWARDING=same), and under desktop VS Code (runElectron),
// the forwarded address is the callback URL itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { sameAddressTests } from '../harness/integrationSuite';
import type { SandboxConnection } from '../sandbox/sandbox';
import { ourExtension, type Shown, treeReader } from './extension';

const sandboxFile = process.env.OKTA_SF_SANDBOX_FILE;
const forwarding = process.env.OKTA_SF_FORWARDING === 'elsewhere' ? 'elsewhere' : 'same';

type SignedIn = { id: string; account?: string; method?: { kind: string } } | undefined;

function remoteCallbackSuite(title: string, tests: (context: { sandbox: SandboxConnection['salesforce']; callbackUrl: string }) => void): void {
  describe(title, () => {
    assert.ok(sandboxFile, 'OKTA_SF_SANDBOX_FILE is not set: run this suite through npm test');
    const sandbox = (JSON.parse(fs.readFileSync(sandboxFile, 'utf8')) as SandboxConnection).salesforce;
    const port = vscode.workspace.getConfiguration('oktaSf').get<number>('salesforce.callbackPort');
    const callbackUrl = `http://localhost:${port}/OauthRedirect`;
    let tree: vscode.TreeDataProvider<unknown>;
    const { items } = treeReader(() => tree);
    let found: Shown[] = [];
    before(async () => {
      tree = ((await ourExtension().activate()) as ExtensionApi).views.salesforceProfiles;
      found = await items();
    });
    // Leaves the Salesforce view as it found it: signs out of what these tests signed in to.
    after(async () => {
      const known = new Set(found.map((shown) => shown.item.id ?? shown.item.label));
      for (const shown of await items()) {
        if (!known.has(shown.item.id ?? shown.item.label)) await vscode.commands.executeCommand('oktaSf.salesforce.disconnect', shown.node);
      }
    });
    tests({ sandbox, callbackUrl });
  });
}

const forwardedTo = async (callbackUrl: string) => (await vscode.env.asExternalUri(vscode.Uri.parse(callbackUrl))).toString(true);

if (forwarding === 'same') {
  remoteCallbackSuite(sameAddressTests, ({ sandbox, callbackUrl }) => {
    it('is a session where the browser reaches the callback at its own address', async () => {
      assert.equal(await forwardedTo(callbackUrl), callbackUrl);
    });

    it('signs in in the browser as before, asking nothing', async () => {
      // Under code-server the login host is reached under another loopback address (test/harness/runIntegration.ts).
      const loginUrl = process.env.OKTA_SF_LOGIN_URL_ALIAS ?? sandbox.loginUrl;
      const org = await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { loginUrl, clientId: sandbox.consumerKey });
      assert.equal(org?.account, sandbox.integrationUsername);
      assert.equal(org.method?.kind, 'browser');
    });
  });
} else {
  remoteCallbackSuite('Remote callback, forwarded elsewhere', ({ sandbox, callbackUrl }) => {
    const settings = () => vscode.workspace.getConfiguration('oktaSf');

    it('is a session where the browser reaches the callback only through code-server\'s /proxy/<port>/', async () => {
      const forwarded = new URL(await forwardedTo(callbackUrl));
      assert.equal(forwarded.pathname, `/proxy/${new URL(callbackUrl).port}/OauthRedirect`);
      assert.notEqual(forwarded.href, callbackUrl);
    });

    it('signs in through the forwarded address, asking nothing, when the connected app lists it', async () => {
      // Were the browser sent to the loopback URL, it could not come back: the sign-in would wait out its timeout.
      const org = await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { loginUrl: sandbox.loginUrl, clientId: sandbox.consumerKey });
      assert.equal(org?.account, sandbox.integrationUsername);
      assert.equal(org.method?.kind, 'browser');
    });

    describe('with a connected app that lists only the loopback callback', () => {
      // The run's own port is a user setting too (test/harness/integrationWorld.ts): put it back as it was.
      let runPort: number | undefined;
      before(() => {
        // The value in effect (a machine-scoped setting's user value may sit in another layer than inspect's globalValue).
        runPort = settings().get<number>('salesforce.callbackPort');
        return settings().update('salesforce.callbackPort', Number(process.env.OKTA_SF_LOCAL_ONLY_CALLBACK_PORT), vscode.ConfigurationTarget.Global);
      });
      after(() => settings().update('salesforce.callbackPort', runPort, vscode.ConfigurationTarget.Global));

      it('stops before the browser opens: a script is told, and nothing signs in', async () => {
        const accounts = await vscode.authentication.getAccounts('oktaSf.salesforce');
        const org = await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { loginUrl: sandbox.loginUrl, clientId: sandbox.consumerKey });
        assert.equal(org, undefined);
        assert.deepEqual(await vscode.authentication.getAccounts('oktaSf.salesforce'), accounts);
      });

      it('signs in through an org the Salesforce CLI knows, the way that needs no callback', async () => {
        const org = await vscode.commands.executeCommand<SignedIn>('oktaSf.salesforce.connect', { targetOrg: 'okta-sandbox' });
        assert.equal(org?.method?.kind, 'sfCli');
        assert.equal(org.account, sandbox.integrationUsername);
      });
    });
  });
}
