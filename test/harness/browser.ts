// Headless Debian Chromium driven by playwright-core, with the flags this closed network needs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { defaultChromiumPath } from '../../build/prerequisites.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? defaultChromiumPath;

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `extraArgs`: more Chromium flags, e.g. host-resolver rules for a browser on another machine. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}: run "node build/checkPrerequisites.mjs" (as root on Debian or Ubuntu it installs Chromium, elsewhere it prints the command) or set CHROMIUM_PATH.`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extraArgs],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
