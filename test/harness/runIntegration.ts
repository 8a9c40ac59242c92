// Runner B: the integration suite inside code-server's extension host, driven by headless
// Chromium. The suite's exit code leaves through codeAutomationExit (smoke-test driver).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { integrationEnvironment, integrationSuite, integrationTestsPath } from './integrationSuite';
import { startIntegrationWorld } from './integrationWorld';
import { root, vscodeTestDir } from './paths';
import { clearSummary } from './results';
import { signInOnEveryLoginPage } from './sandboxLogin';

async function runIntegrationInCodeServer(timeoutMs = 10 * 60_000): Promise<number> {
  clearSummary(integrationSuite);
  const profileDir = path.join(vscodeTestDir, 'profiles', `integration-${process.pid}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const workspace = path.join(profileDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });

  const world = await startIntegrationWorld(profileDir);
  const server = await startCodeServer({ profileDir, smokeTestDriver: true, settings: world.settings });
  const browser = await launchBrowser();
  try {
    // The workbench opens sign-in pages in new tabs of this browser; the admin signs in there.
    signInOnEveryLoginPage(browser.context, world.salesforce);
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
      ['extensionEnvironment', JSON.stringify({ ...integrationEnvironment(), ...world.env })],
    ]));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code === 'timeout') console.error(`The integration suite did not finish within ${timeoutMs / 1000} s.`);
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    await world.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

runIntegrationInCodeServer().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(2);
});
