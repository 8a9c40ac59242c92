// Evidence for the Marketplace listing: the packaged .vsix installed the way a user installs one
// (code-server's --install-extension, into a fresh profile), its details page opened from the
// Extensions view, and a screenshot of it in test-results/extension-details.png (the icon, name,
// description and the README as VS Code renders it). The README's images are absolute URLs on
// raw.githubusercontent.com, so they show only where that host is reachable.
// Run after building: node out/test/harness/listingScreenshot.js [path/to/extension.vsix]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { ensureCodeServer } from './installCodeServer';
import { vscePackageArgs } from './listingChecks';
import { node24, resultsDir, root, vscodeTestDir } from './paths';

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** The name the Extensions view shows: package.json's displayName is a %key% of package.nls.json. */
const displayName: string = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'))[String(manifest.displayName).replace(/^%(.*)%$/, '$1')] ?? manifest.displayName;

/** The .vsix given on the command line, or one built as `npm run package` builds it. */
function vsixPath(folder: string): string {
  if (process.argv[2]) return path.resolve(process.argv[2]);
  const out = path.join(folder, `${manifest.name}-${manifest.version}.vsix`);
  const packed = spawnSync(node24, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', ...vscePackageArgs(String(manifest.scripts.package)),
    '--no-update-package-json', '--out', out], { cwd: root, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`vsce package failed:\n${packed.stdout}${packed.stderr}`);
  return out;
}

/** Installs the .vsix into the profile's extensions folder with code-server's own installer, as `code --install-extension` does. */
async function install(vsix: string, profileDir: string): Promise<void> {
  const entry = await ensureCodeServer();
  const installed = spawnSync(node24, [entry, '--config', '/dev/null', '--user-data-dir', path.join(profileDir, 'ud'),
    '--extensions-dir', path.join(profileDir, 'ext'), '--install-extension', vsix], {
    encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(profileDir, 'xdg/config'), XDG_DATA_HOME: path.join(profileDir, 'xdg/data') },
  });
  const id = `${manifest.publisher}.${manifest.name}`;
  if (installed.status !== 0 || !fs.readdirSync(path.join(profileDir, 'ext')).some((dir) => dir.startsWith(`${id}-`))) {
    throw new Error(`code-server --install-extension ${vsix} failed:\n${installed.stdout}${installed.stderr}`);
  }
  console.log(installed.stdout.trim());
}

/** The extension's details page, opened from the Extensions view as a user opens it, with its README rendered. */
async function showDetails(page: Page): Promise<void> {
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  // The Extensions view's own commands register a moment after the workbench shows: retry until the palette lists one.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Extensions: Show Installed Extensions');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Extensions: Show Installed Extensions' }).first();
    if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
      await row.click();
      break;
    }
    await page.keyboard.press('Escape');
    if (attempt === 6) throw new Error('the palette never listed "Extensions: Show Installed Extensions"');
  }
  await page.locator('.extensions-viewlet .monaco-list-row', { hasText: displayName }).first().click({ timeout: 30_000 });
  await page.locator('.extension-editor .name', { hasText: displayName }).waitFor({ timeout: 30_000 });
  // The README renders in a webview (laid over the editor, not inside it); wait for its first heading.
  await page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame')
    .getByRole('heading', { name: /Okta ↔ Salesforce Provisioning for VS Code/ }).waitFor({ timeout: 30_000 });
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-listing-'));
  const profileDir = path.join(vscodeTestDir, 'profiles', `listing-${process.pid}`);
  fs.mkdirSync(path.join(profileDir, 'ext'), { recursive: true });
  const workspace = path.join(profileDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  try {
    const vsix = vsixPath(work);
    console.log(`${path.basename(vsix)}: ${fs.statSync(vsix).size} bytes`);
    await install(vsix, profileDir);
    const server = await startCodeServer({ profileDir });
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(server.workbenchUrl(workspace));
      fs.mkdirSync(resultsDir, { recursive: true });
      // On a failed step, what the page showed, to see why.
      await showDetails(page).catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(resultsDir, 'extension-details-failed.png') }).catch(() => undefined);
        throw error;
      });
      const target = path.join(resultsDir, 'extension-details.png');
      await page.screenshot({ path: target });
      console.log(`wrote ${path.relative(root, target)}`);
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
