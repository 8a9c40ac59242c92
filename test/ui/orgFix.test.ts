// Fix Profile in Org in a real workbench, as an admin does it: signed in to the sandbox's Salesforce org,
// the failing integration profile's context menu, the preview (each permission that will change, with its
// Setup label), the confirmation, and the profile's verdict turning to pass in the Salesforce Profiles view;
// then Revert from the message. Screenshots go to test-results/.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { answerInputBox, completeSalesforceSignIn, openWorkbench, pickQuickItem, runFromContextMenu, type Workbench } from './workbench';

describe('Fix Profile in Org in the workbench', { timeout: 300_000 }, () => {
  let wb: Workbench;
  let page: Page;
  const profileName = 'Okta Integration - Permission Set Grant';
  const profilesPane = () => page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Salesforce Profiles' }) });
  const profileRow = () => profilesPane().locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${profileName}$`) }) });
  const shot = async (name: string) => console.log(`screenshot: ${await wb.screenshot(name)}`);

  before(async () => {
    wb = await openWorkbench('org-fix');
    page = wb.page;
    const { salesforce } = wb;
    await page.locator('.activitybar a.action-label[aria-label="Okta ↔ Salesforce"]').click();
    await page.locator('.welcome-view-content .monaco-button', { hasText: 'Sign In to Salesforce' }).click();
    await pickQuickItem(page, 'Sign In to Salesforce', 'My Domain…');
    await answerInputBox(page, 'Sign In to Salesforce: My Domain', salesforce.url);
    await completeSalesforceSignIn(wb);
    const org = profilesPane().locator('.monaco-list-row[aria-expanded]', { hasText: salesforce.integrationUsername });
    await org.waitFor({ timeout: 60_000 });
    if (await org.getAttribute('aria-expanded') !== 'true') await org.click();
    await profileRow().locator('.codicon-error').waitFor({ timeout: 60_000 });
  });
  after(() => wb?.close());

  it('previews exactly what will be enabled, and enables it only once confirmed: the verdict turns to pass', async () => {
    await runFromContextMenu(page, profileRow(), 'Fix Profile in Org…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = await dialog.textContent() ?? '';
    assert.match(text, new RegExp(`Fix ${profileName} in `));
    assert.match(text, /Manage Users \(PermissionsManageUsers\): off → on, because Okta requires it/);
    assert.match(text, /nothing will be disabled/);
    await shot('org-fix-preview.png');
    await dialog.locator('.monaco-button', { hasText: /^Enable \d+ Permission\(s\)$/ }).click();
    await profileRow().locator('.codicon-pass').waitFor({ timeout: 60_000 });
    await page.locator('.notification-toast', { hasText: 'now passes the audit' }).waitFor();
    await shot('org-fix-passing.png');
  });

  it('reverts the fix from its message, after a confirmation: the verdict fails again', async () => {
    const toast = page.locator('.notification-toast', { hasText: 'now passes the audit' });
    await toast.locator('.monaco-button', { hasText: 'Revert' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.textContent() ?? '', /Turns these permissions back off/);
    await dialog.locator('.monaco-button', { hasText: /^Revert$/ }).click();
    await profileRow().locator('.codicon-error').waitFor({ timeout: 60_000 });
  });
});
