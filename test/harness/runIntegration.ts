// Runner B: the integration suites inside code-server's extension host, driven by headless
// Chromium. A suite's exit code leaves through codeAutomationExit (smoke-test driver). The main
// suite runs with workspace trust off; the trust suite then runs in a second, short session with
// trust on and its folder untrusted; a third, shorter one runs the remote-callback tests whose
// forwarding keeps the address.
//
// code-server's workbench forwards the extension host's ports through its own /proxy/<port>/ path
// (asExternalUri), as a code-server on another machine is reached; the browser here is given no
// "localhost" of its own, so only the forwarded address reaches the extension's sign-in callback.
// The connected app lists that address. The same-address session sets code-server's proxy template
// (VSCODE_PROXY_URI) to the callback's own origin, so asExternalUri hands back the callback URL itself,
// as desktop VS Code and Remote-SSH forwarding to the same free port do, and gives the browser its
// localhost. (A template with {{port}} cannot do this: the workbench parses the template as a URL
// before filling it in, and `http://localhost:{{port}}/` is not one.) That fixed template sends every
// localhost address the workbench opens to the callback port, the login page's too, so this session
// signs in at the sandbox's login host under 127.0.0.2 (test/harness/loopbackAlias.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { loopbackAlias } from './loopbackAlias';
import { startCodeServer } from './codeServer';
import { freePort } from './freePort';
import { integrationEnvironment, integrationSuite, integrationTestsPath, sameAddressSuite, sameAddressTests, trustSuite, trustTestsPath } from './integrationSuite';
import { startIntegrationWorld } from './integrationWorld';
import { root, vscodeTestDir } from './paths';
import { clearSummary } from './results';
import { signInOnEveryLoginPage } from './sandboxLogin';
import { answerWorkbenchRequest } from './workbenchBridge';

interface Session {
  suite: string;
  testsPath: string;
  workspaceTrust: boolean;
  timeoutMs: number;
  /** Where asExternalUri sends the callback: code-server's /proxy/<port>/ (the default), or the callback URL itself. */
  forwarding?: 'elsewhere' | 'same';
  /** Runs only the tests whose titles contain this. */
  grep?: string;
}

async function runIntegrationInCodeServer({ suite, testsPath, workspaceTrust, timeoutMs, forwarding = 'elsewhere', grep }: Session): Promise<number> {
  clearSummary(suite);
  const profileDir = path.join(vscodeTestDir, 'profiles', `${suite}-${process.pid}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const workspace = path.join(profileDir, 'workspace');
  const bridgeDir = path.join(profileDir, 'bridge');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(bridgeDir, { recursive: true });

  const port = await freePort();
  const world = await startIntegrationWorld(profileDir, forwarding === 'elsewhere' ? (callbackPort) => `http://127.0.0.1:${port}/proxy/${callbackPort}/OauthRedirect` : undefined);
  const env = forwarding === 'same' ? { VSCODE_PROXY_URI: `http://localhost:${String(world.settings['oktaSf.salesforce.callbackPort'])}/` } : undefined;
  const loginAlias = forwarding === 'same' ? await loopbackAlias(world.salesforce.loginUrl) : undefined;
  // The workbench opens localhost addresses without asking, not 127.0.0.2's: trusted, as an admin would trust the login page.
  const trustedDomains = loginAlias ? [loginAlias.url] : undefined;
  const server = await startCodeServer({ profileDir, port, smokeTestDriver: true, settings: world.settings, workspaceTrust, env, trustedDomains });
  const browser = await launchBrowser(forwarding === 'elsewhere' ? ['--host-resolver-rules=MAP localhost ~NOTFOUND'] : []);
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
      if (answerWorkbenchRequest(page, bridgeDir, line)) return;
      if (type !== 'error' || !/open-vsx|gallery/i.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => finish(code));
    await page.goto(server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', root],
      ['extensionTestsPath', testsPath],
      ['extensionEnvironment', JSON.stringify({
        ...integrationEnvironment(suite), ...world.env, OKTA_SF_WORKBENCH_BRIDGE: bridgeDir, OKTA_SF_FORWARDING: forwarding, ...(grep ? { OKTA_SF_GREP: grep } : {}),
        ...(loginAlias ? { OKTA_SF_LOGIN_URL_ALIAS: loginAlias.url } : {}),
      })],
    ]));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code === 'timeout') console.error(`The ${suite} suite did not finish within ${timeoutMs / 1000} s.`);
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    await loginAlias?.close();
    await world.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Runs a session, then says how long it took. */
async function timed(what: string, session: Session): Promise<number> {
  const started = Date.now();
  const code = await runIntegrationInCodeServer(session);
  console.log(`The ${what} session took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return code;
}

async function runAllSessions(): Promise<number> {
  const main = await runIntegrationInCodeServer({ suite: integrationSuite, testsPath: integrationTestsPath, workspaceTrust: false, timeoutMs: 10 * 60_000 });
  const trust = await timed('workspace trust', { suite: trustSuite, testsPath: trustTestsPath, workspaceTrust: true, timeoutMs: 3 * 60_000 });
  const sameAddress = await timed('same-address callback', {
    suite: sameAddressSuite, testsPath: integrationTestsPath, workspaceTrust: false, timeoutMs: 3 * 60_000, forwarding: 'same', grep: sameAddressTests,
  });
  return main || trust || sameAddress;
}

runAllSessions().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(2);
});
