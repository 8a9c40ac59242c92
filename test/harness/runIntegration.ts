// Runner B: the integration suite inside code-server's extension host, driven by headless
// Chromium. The suite's exit code leaves through codeAutomationExit (smoke-test driver).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { startSandbox } from '../sandbox/sandbox';
import { installFakeSf } from '../sandbox/sfCli/installFakeSf';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { freePort } from './freePort';
import { integrationEnvironment, integrationSuite, integrationTestsPath } from './integrationSuite';
import { root, vscodeTestDir } from './paths';
import { clearSummary } from './results';
import { signInOnEveryLoginPage } from './sandboxLogin';

async function runIntegrationInCodeServer(timeoutMs = 10 * 60_000): Promise<number> {
  clearSummary(integrationSuite);
  const profileDir = path.join(vscodeTestDir, 'profiles', `integration-${process.pid}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const workspace = path.join(profileDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });

  // The sandbox orgs the suite signs in to; their connected app also lists this run's own
  // callback port, so a busy 1717 on this machine cannot break the run.
  const callbackPort = await freePort();
  const sandboxFile = path.join(profileDir, 'sandbox.json');
  const sandbox = await startSandbox({
    connectionFile: sandboxFile, log: () => {}, salesforce: { callbackUrls: [`http://localhost:${callbackPort}/OauthRedirect`] },
  });
  // A Salesforce CLI on the extension host's PATH that knows the sandbox org.
  const fakeSf = installFakeSf(path.join(profileDir, 'bin'), {
    salesforce: sandbox.connection.salesforce,
    orgs: [
      { alias: 'okta-sandbox', username: sandbox.connection.salesforce.integrationUsername, isDefault: true },
      { alias: 'lapsed', username: 'former.admin@acme-sandbox.example', expired: true },
    ],
  });
  const server = await startCodeServer({ profileDir, smokeTestDriver: true, settings: { 'oktaSf.salesforce.callbackPort': callbackPort } });
  const browser = await launchBrowser();
  try {
    signInOnEveryLoginPage(browser.context, sandbox.connection.salesforce);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await browser.context.newPage();
    let finish: (code: unknown) => void = () => {};
    const exited = new Promise((resolve) => (finish = resolve));
    // The workbench's console: the suite's reporter prints here. Gallery lookups fail on this
    // closed network and say so at error level; only the extension host's own lines matter.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(args ?? []));
      if (type !== 'error' || !/open-vsx|gallery/i.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => finish(code));
    await page.goto(server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', root],
      ['extensionTestsPath', integrationTestsPath],
      ['extensionEnvironment', JSON.stringify({ ...integrationEnvironment(), ...fakeSf.env, OKTA_SF_SANDBOX_FILE: sandboxFile })],
    ]));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code === 'timeout') console.error(`The integration suite did not finish within ${timeoutMs / 1000} s.`);
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    await sandbox.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

runIntegrationInCodeServer().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(2);
});
