// The browser sign-in as code-server forwards it: the workbench reaches the extension host's callback
// port only at its /proxy/<port>/ path. While the connected app does not list that address, the admin is
// told in a dialog before any browser opens and offered the ways that still work.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { answerInputBox, inputBox, logInAsIntegrationUser, openWorkbench, pickQuickItem, runFromPalette, type Workbench } from './workbench';

describe('Remote callback in the workbench', { timeout: 180_000 }, () => {
  let wb: Workbench;
  let forwarded = '';
  before(async () => {
    wb = await openWorkbench('remote-callback');
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    // The app as set up for desktop VS Code: the loopback callback only (workbench.ts added the forwarded one).
    const callbacks = wb.salesforce.connectedApp.callbackUrls;
    forwarded = callbacks.find((url) => url.includes('/proxy/')) ?? '';
    assert.ok(forwarded, callbacks.join(', '));
    callbacks.splice(callbacks.indexOf(forwarded), 1);
  });
  after(() => wb?.close());

  const dialog = () => wb.page.locator('.monaco-dialog-box');

  /** Sign In to Salesforce at the sandbox's My Domain, up to the consumer secret; returns the key box's value. */
  async function startSignIn(start: () => Promise<void>): Promise<string> {
    const { page, salesforce } = wb;
    const host = new URL(salesforce.url).host;
    await start();
    await pickQuickItem(page, 'Sign In to Salesforce', 'My Domain…');
    await answerInputBox(page, 'Sign In to Salesforce: My Domain', salesforce.url);
    const keyBox = inputBox(page, `Sign In to ${host} (1/2)`);
    await keyBox.waitFor();
    const kept = await keyBox.locator('input').inputValue();
    if (!kept) await answerInputBox(page, `Sign In to ${host} (1/2)`, salesforce.connectedApp.consumerKey);
    else await page.keyboard.press('Enter');
    await answerInputBox(page, `Sign In to ${host} (2/2)`, '');
    return kept;
  }

  it('says so before any browser opens, offers the ways that work, and signs in at the copied address once the app lists it', async () => {
    const { page, salesforce } = wb;
    let opened = 0;
    page.context().on('page', () => opened++);
    await startSignIn(async () => {
      await page.locator('.activitybar a.action-label[aria-label="Okta ↔ Salesforce"]').click();
      await page.locator('.welcome-view-content .monaco-button', { hasText: 'Sign In to Salesforce' }).click();
    });
    await dialog().waitFor();
    const text = await dialog().textContent() ?? '';
    assert.match(text, /would not come back to VS Code here/);
    assert.ok(text.includes(forwarded), text);
    for (const way of ['Use a Salesforce CLI Org…', 'Paste an Access Token…', 'Copy Address and Sign In with It']) {
      assert.equal(await dialog().locator('.monaco-button', { hasText: way }).count(), 1, `no "${way}" in: ${text}`);
    }
    assert.equal(opened, 0, 'a browser tab opened before the admin chose');
    await wb.screenshot('remote-callback-dialog.png');

    // The admin adds the address to the connected app, then signs in with it.
    wb.salesforce.connectedApp.callbackUrls.push(forwarded);
    const loginPage = page.context().waitForEvent('page');
    await dialog().locator('.monaco-button', { hasText: 'Copy Address and Sign In with It' }).click();
    const login = await loginPage;
    assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), forwarded);
    assert.equal(new URL(login.url()).searchParams.get('redirect_uri'), forwarded);
    await logInAsIntegrationUser(wb, login);
    await page.locator('.notification-toast', { hasText: `Signed in to ${salesforce.url} as ${salesforce.integrationUsername}` }).waitFor();
  });

  it('keeps the consumer key typed before, and signs in with a pasted access token when chosen', async () => {
    const { page, salesforce } = wb;
    wb.salesforce.connectedApp.callbackUrls.splice(wb.salesforce.connectedApp.callbackUrls.indexOf(forwarded), 1);
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    assert.equal(await startSignIn(() => runFromPalette(page, 'Okta ↔ Salesforce: Sign In to Salesforce…')), salesforce.connectedApp.consumerKey);
    await dialog().locator('.monaco-button', { hasText: 'Paste an Access Token…' }).click();
    await answerInputBox(page, 'Sign In to Salesforce (1/2)', salesforce.url);
    await answerInputBox(page, 'Sign In to Salesforce (2/2)', salesforce.accessToken);
    await page.locator('.notification-toast', { hasText: `Connected to ${salesforce.url} as ${salesforce.integrationUsername}` }).waitFor();
  });

  it('says so, rather than showing an empty list, when the Salesforce CLI has no org to offer', async () => {
    const { page } = wb;
    await runFromPalette(page, 'Notifications: Clear All Notifications');
    await startSignIn(() => runFromPalette(page, 'Okta ↔ Salesforce: Sign In to Salesforce…'));
    // This workbench has no Salesforce CLI on its PATH.
    await dialog().locator('.monaco-button', { hasText: 'Use a Salesforce CLI Org…' }).click();
    await page.locator('.notification-toast', { hasText: 'The Salesforce CLI lists no org here' }).waitFor();
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'a picker opened with nothing to pick');
  });
});
