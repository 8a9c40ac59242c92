// Opens the extension in code-server's workbench in headless Chromium, as a user would see it
// (no smoke-test driver, so notifications show), with the sandbox orgs running beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { startCodeServer } from '../harness/codeServer';
import { freePort } from '../harness/freePort';
import { resultsDir, root, vscodeTestDir } from '../harness/paths';
import { type OktaSandbox, type OktaSandboxOptions, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

export interface Workbench {
  page: Page;
  /** The folder the workbench has open. */
  workspace: string;
  okta: OktaSandbox;
  salesforce: SalesforceSandbox;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** The Okta org's shape (how many apps, the hostile-label app); its defaults otherwise. */
  okta?: Pick<OktaSandboxOptions, 'appCount' | 'hostileApp'>;
  /** More environment for code-server's extension host (a HOME holding ~/.okta/okta.yaml, for example). */
  env?: Record<string, string>;
}

export async function openWorkbench(name: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const profileDir = path.join(vscodeTestDir, 'profiles', `ui-${name}-${process.pid}`);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const workspace = path.join(profileDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });

  // The Salesforce org first: Okta's PRODUCTION Salesforce.com instance signs in at its My Domain (as sandbox.ts wires them).
  const salesforce = await startSalesforceSandbox({ log: () => {} });
  const okta = await startOktaSandbox({ ...options.okta, log: () => {}, salesforceLoginUrls: { production: salesforce.url } });
  // The browser sign-in's callback on a port of this run's own, registered in the connected app.
  // code-server forwards it to its /proxy/<port>/ path, where the browser reaches it (asExternalUri): the app lists both.
  const callbackPort = await freePort();
  const port = await freePort();
  salesforce.connectedApp.callbackUrls.push(`http://localhost:${callbackPort}/OauthRedirect`, `http://127.0.0.1:${port}/proxy/${callbackPort}/OauthRedirect`);
  const server = await startCodeServer({ profileDir, port, extensions: [root], settings: { 'oktaSf.salesforce.callbackPort': callbackPort }, env: options.env });
  const browser = await launchBrowser();
  const page: Page = await browser.context.newPage();
  await page.goto(server.workbenchUrl(workspace));
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });

  return {
    page, workspace, okta, salesforce,
    async screenshot(file) {
      fs.mkdirSync(resultsDir, { recursive: true });
      const target = path.join(resultsDir, file);
      await page.screenshot({ path: target });
      return path.relative(root, target);
    },
    async close() {
      await browser.close();
      await server.stop();
      await Promise.all([okta.close(), salesforce.close()]);
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Runs a command from the palette by its full title, as a user types it. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A webview that takes focus just after a click (its tab, say) closes a palette opened in the meantime, as
  // it would a user's: open it again, up to three times, before saying what blocks it.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor();
    try {
      await input.fill(`>${title}`, { timeout: 5000 });
      break;
    } catch (error) {
      if (attempt < 3) continue;
      // Say what blocks the palette (a modal dialog makes the rest of the workbench inert), with a picture of it.
      const dialog = await page.locator('.monaco-dialog-box').textContent({ timeout: 1000 }).catch(() => null);
      fs.mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: path.join(resultsDir, 'palette-blocked.png') }).catch(() => undefined);
      throw new Error(`The palette did not take "${title}"${dialog ? `: a dialog is open ("${dialog.slice(0, 300)}")` : ''}; see test-results/palette-blocked.png.`, { cause: error });
    }
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a file as a user does with Quick Open (Ctrl+P): a name in the folder, or any absolute path. */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Answers the input box whose title contains `title`. Waiting for the title matters: after
 * Enter, the widget stays on screen while the next step replaces the previous one.
 */
export async function answerInputBox(page: Page, title: string, value: string): Promise<void> {
  const widget = inputBox(page, title);
  await widget.waitFor();
  await widget.locator('input').fill(value);
  await page.keyboard.press('Enter');
}

export function inputBox(page: Page, title: string) {
  return page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
}

/**
 * Runs `label` from a row's context menu, as a user does. A click while the menu settles can be lost
 * (the menu stays open, and blocks the rest of the workbench): the item is hovered first, and if the
 * menu is still open a second after the click, Enter runs the item the hover selected.
 */
export async function runFromContextMenu(page: Page, row: Locator, label: string): Promise<number> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: label });
  await item.waitFor();
  await item.hover();
  // When the item was clicked, for timing what it starts.
  const clickedAt = Date.now();
  await item.click();
  // Enter only when the menu is still open a second later: on a closed menu it would act on the tree.
  const lost = await page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden', timeout: 1000 }).then(() => false, () => true);
  if (lost) await page.keyboard.press('Enter');
  return clickedAt;
}

/** Picks the item labelled `label` in the quick pick whose title contains `title`. */
export async function pickQuickItem(page: Page, title: string, label: string): Promise<void> {
  const widget = inputBox(page, title);
  await widget.waitFor();
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
}

/**
 * The rest of a browser sign-in to the sandbox's Salesforce org once its consumer-key box shows: the key,
 * an empty secret, then the login page (a new tab) as the integration user.
 */
export async function completeSalesforceSignIn(wb: Workbench): Promise<void> {
  const { page, salesforce } = wb;
  const host = new URL(salesforce.url).host;
  await answerInputBox(page, `Sign In to ${host} (1/2)`, salesforce.connectedApp.consumerKey);
  const loginPage = page.context().waitForEvent('page');
  await answerInputBox(page, `Sign In to ${host} (2/2)`, '');
  await logInAsIntegrationUser(wb, await loginPage);
}

/** Signs in on the sandbox's Salesforce login page (a tab the sign-in opened) as the integration user, then closes it. */
export async function logInAsIntegrationUser({ page, salesforce }: Workbench, login: Page): Promise<void> {
  await login.locator('#username').fill(salesforce.integrationUsername);
  await login.locator('#password').fill(salesforce.integrationPassword);
  await login.locator('#Login').click();
  await login.getByText('You are signed in').waitFor();
  await login.close();
  await page.bringToFront();
}

/** Connects to the sandbox's Okta org with its API token, from the sidebar's welcome view. */
export async function connectOktaFromWelcome({ page, okta }: Workbench): Promise<void> {
  await page.locator('.activitybar a.action-label[aria-label="Okta ↔ Salesforce"]').click();
  await page.locator('.welcome-view-content .monaco-button', { hasText: 'Connect to Okta' }).click();
  await pickQuickItem(page, 'Connect to Okta', 'API Token');
  await answerInputBox(page, 'Connect to Okta with an API Token (1/2)', okta.url);
  await answerInputBox(page, 'Connect to Okta with an API Token (2/2)', okta.apiToken);
}

/** Expands a tree row unless it is expanded already (a click on an expanded row collapses it), once it can expand. */
export async function expandRow(page: Page, target: Locator): Promise<void> {
  await target.and(page.locator('[aria-expanded]')).waitFor({ timeout: 60_000 });
  if (await target.getAttribute('aria-expanded') !== 'true') await target.click();
  await target.and(page.locator('[aria-expanded="true"]')).waitFor();
}
