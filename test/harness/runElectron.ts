// Runner A: the same integration suite in desktop VS Code, downloaded by @vscode/test-electron.
// For machines that reach VS Code's download servers (and have a display, or xvfb-run). The
// admin's browser is test/harness/sandboxBrowser.ts, handed to VS Code as $BROWSER (which
// xdg-open uses when no desktop environment runs, as under xvfb-run).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { integrationEnvironment, integrationSuite, integrationTestsPath } from './integrationSuite';
import { startIntegrationWorld } from './integrationWorld';
import { outDir, root, vscodeTestDir } from './paths';
import { clearSummary } from './results';

async function runIntegrationInElectron(): Promise<number> {
  clearSummary(integrationSuite);
  const profileDir = path.join(vscodeTestDir, 'profiles', `electron-${process.pid}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const workspace = path.join(profileDir, 'workspace');
  const userDataDir = path.join(profileDir, 'ud');
  fs.mkdirSync(workspace, { recursive: true });
  const world = await startIntegrationWorld(profileDir);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(world.settings, null, 2));
  const browser = path.join(profileDir, 'bin', 'browser');
  fs.writeFileSync(browser, `#!/bin/sh\nexec '${process.execPath}' '${path.join(outDir, 'harness/sandboxBrowser.js')}' "$@"\n`, { mode: 0o755 });
  // VS Code's main process opens the browser, so these go to its environment (inherited from here).
  Object.assign(process.env, {
    BROWSER: browser, SANDBOX_BROWSER_USERNAME: world.salesforce.integrationUsername, SANDBOX_BROWSER_PASSWORD: world.salesforce.integrationPassword,
  });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: integrationTestsPath,
      extensionTestsEnv: { ...integrationEnvironment(), ...world.env },
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await world.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

void runIntegrationInElectron().then((code) => process.exit(code));
