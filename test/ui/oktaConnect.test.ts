// Connecting to Okta as a service app in a real browser, the two ways an admin does it: importing
// ~/.okta/okta.yaml when asked (what was found is shown, the key never), and through the boxes,
// pasting the private key as a browser pastes it into a one-line box (line breaks dropped).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { answerInputBox, inputBox, openWorkbench, pickQuickItem, runFromPalette, type Workbench } from './workbench';

/** The notification toasts' text, joined, for messages. */
const toasts = (page: Page) => page.locator('.notification-toast').allTextContents().then((texts) => texts.join(' | '));

describe('Connecting to Okta as a service app in the workbench', { timeout: 240_000 }, () => {
  let wb: Workbench;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-home-'));
  before(async () => {
    wb = await openWorkbench('okta-connect', { env: { HOME: home } });
    await wb.page.locator('.activitybar a.action-label[aria-label="Okta ↔ Salesforce"]').click();
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('imports ~/.okta/okta.yaml only when asked, shows what it found without the key, and connects with it', async () => {
    const { page, okta } = wb;
    const { clientId, privateKeyPem, scopes } = okta.serviceApp;
    // As the Okta SDK documents the file: the key in a literal block, the scopes as a list.
    fs.mkdirSync(path.join(home, '.okta'));
    fs.writeFileSync(path.join(home, '.okta', 'okta.yaml'), [
      'okta:', '  client:', `    orgUrl: "${okta.url}"`, '    authorizationMode: PrivateKey', `    clientId: "${clientId}"`,
      '    scopes:', ...scopes.map((scope) => `      - ${scope}`),
      '    privateKey: |', ...privateKeyPem.trim().split('\n').map((line) => `      ${line}`), '',
    ].join('\n'), { mode: 0o600 });

    await page.locator('.welcome-view-content .monaco-button', { hasText: 'Connect to Okta' }).click();
    await pickQuickItem(page, 'Connect to Okta', 'Import from okta.yaml…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const shown = await dialog.textContent() ?? '';
    assert.match(shown, /Found in ~\/\.okta\/okta\.yaml:/);
    assert.ok(shown.includes(`Org URL: ${okta.url}`), shown);
    assert.ok(shown.includes(`Client ID: ${clientId}`), shown);
    assert.ok(shown.includes(`Scopes: ${scopes.join(' ')}`), shown);
    assert.match(shown, /Private key: found/);
    assert.doesNotMatch(shown, /BEGIN|PRIVATE KEY-----|MII/, 'the dialog showed the key');
    console.log(`screenshot: ${await wb.screenshot('okta-import-yaml.png')}`);
    await dialog.locator('.monaco-button', { hasText: 'Connect with These' }).click();

    // Proved against the org, then stored: the org row names the service app, and its apps follow.
    await page.locator('.notification-toast', { hasText: `Connected to ${okta.url} as ${clientId}.` }).waitFor({ timeout: 30_000 });
    const pane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Okta Apps' }) });
    const orgRow = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: new URL(okta.url).host });
    await orgRow.locator('.label-description', { hasText: clientId }).waitFor();
    if (await orgRow.getAttribute('aria-expanded') !== 'true') await orgRow.click();
    await pane.locator('.monaco-list-row', { hasText: 'Salesforce.com (Sandbox)' }).waitFor();
  });

  it('connects through the boxes: client ID, a pasted PEM key (a public key refused first, naming it), the scopes', async () => {
    const { page, okta } = wb;
    const { clientId, privateKeyPem } = okta.serviceApp;
    const title = 'Connect to Okta as a Service App';
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
    await runFromPalette(page, 'Okta ↔ Salesforce: Connect to Okta…');
    await pickQuickItem(page, 'Connect to Okta', 'Service App (OAuth 2.0)');
    await answerInputBox(page, `${title} (1/4)`, okta.url);
    await answerInputBox(page, `${title} (2/4)`, clientId);
    await pickQuickItem(page, `${title} (3/4)`, 'Paste the Key…');

    const keyBox = inputBox(page, `${title} (3/4)`);
    const input = keyBox.locator('input.input');
    await input.waitFor();
    // The mistake admins make: the public half, which Okta shows next to the key.
    const { createPublicKey } = await import('node:crypto');
    await input.fill(createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString());
    await keyBox.locator('.quick-input-message', { hasText: /public key/i }).waitFor();
    // A one-line box drops the line breaks of a pasted PEM: the key must still be taken.
    await input.fill(privateKeyPem);
    assert.doesNotMatch(await input.inputValue(), /\n/, 'the box kept line breaks: this test no longer pastes as a browser does');
    await page.keyboard.press('Enter');

    // Every scope the features use, offered preselected; taken as they are.
    const scopesPick = inputBox(page, `${title} (4/4)`);
    await scopesPick.waitFor();
    const checked = await scopesPick.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').count();
    assert.equal(checked, okta.serviceApp.scopes.length, 'not every scope was preselected');
    await page.keyboard.press('Enter');

    await page.locator('.notification-toast', { hasText: `Connected to ${okta.url} as ${clientId}.` }).waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => assert.fail(`${String(error)}; notifications: ${await toasts(page)}`));
    console.log(`screenshot: ${await wb.screenshot('okta-connect-service-app.png')}`);
  });
});
