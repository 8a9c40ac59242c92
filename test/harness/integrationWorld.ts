// What the integration suite signs in to, whichever runner hosts it: both sandbox orgs, a fake
// Salesforce CLI on the extension host's PATH that knows the sandbox org, and a callback port of
// this run's own registered in the sandbox's connected app (so a busy 1717 cannot break a run).
import * as path from 'node:path';
import { type SandboxConnection, startSandbox } from '../sandbox/sandbox';
import { installFakeSf } from '../sandbox/sfCli/installFakeSf';
import { freePort } from './freePort';

export interface IntegrationWorld {
  salesforce: SandboxConnection['salesforce'];
  /** For the extension host's environment. */
  env: Record<string, string>;
  /** For VS Code's user settings. */
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * `forwardedCallback` gives the address the workbench forwards a port to, when it is not the callback URL
 * itself (code-server's /proxy/<port>/): the connected app lists it for the run's callback port, as an
 * admin adds it to sign in with it, and not for a second port (OKTA_SF_LOCAL_ONLY_CALLBACK_PORT) whose
 * loopback URL alone it lists, as an app set up for desktop VS Code does.
 */
export async function startIntegrationWorld(profileDir: string, forwardedCallback?: (port: number) => string): Promise<IntegrationWorld> {
  const callbackPort = await freePort();
  let localOnlyPort = await freePort();
  while (localOnlyPort === callbackPort) localOnlyPort = await freePort();
  const sandboxFile = path.join(profileDir, 'sandbox.json');
  const callbackUrls = [callbackPort, localOnlyPort].map((port) => `http://localhost:${port}/OauthRedirect`);
  if (forwardedCallback) callbackUrls.push(forwardedCallback(callbackPort));
  const sandbox = await startSandbox({
    connectionFile: sandboxFile, log: () => {}, salesforce: { callbackUrls },
    // More apps than one page of 200 (so Other apps shows Load more twice), and the Salesforce
    // instance with a hostile label; only the Okta Apps tests list apps, and they read the counts from the org.
    okta: { appCount: 450, hostileApp: true },
  });
  const { salesforce } = sandbox.connection;
  const fakeSf = installFakeSf(path.join(profileDir, 'bin'), {
    // The fake CLI gets its sessions by client credentials, which only the My Domain grants.
    salesforce: { ...salesforce, loginUrl: salesforce.instanceUrl },
    orgs: [
      { alias: 'okta-sandbox', username: salesforce.integrationUsername, isDefault: true },
      { alias: 'lapsed', username: 'former.admin@acme-sandbox.example', expired: true },
    ],
  });
  return {
    salesforce,
    env: { ...fakeSf.env, OKTA_SF_SANDBOX_FILE: sandboxFile, OKTA_SF_LOCAL_ONLY_CALLBACK_PORT: String(localOnlyPort) },
    settings: { 'oktaSf.salesforce.callbackPort': callbackPort },
    close: () => sandbox.close(),
  };
}
