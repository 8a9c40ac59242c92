// Runner A: the same integration suite in desktop VS Code, downloaded by @vscode/test-electron.
// For machines that reach VS Code's download servers (and have a display, or xvfb-run).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { root } from './paths';
import { clearSummary } from './results';
import { integrationEnvironment, integrationSuite, integrationTestsPath } from './integrationSuite';

async function runIntegrationInElectron(): Promise<number> {
  clearSummary(integrationSuite);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-workspace-'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: integrationTestsPath,
      extensionTestsEnv: integrationEnvironment(),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void runIntegrationInElectron().then((code) => process.exit(code));
