// The provisioning pre-flight in a real workbench, driven as an admin drives it: the Okta Apps view's
// *Provisioning pre-flight* row under the sandbox's PRODUCTION Salesforce.com instance first says which
// Salesforce org to sign in to; its button signs in there (through the sandbox's login page), and the
// row then shows the traps as findings. The report opens from the row; a dry run for a user picked by a
// server search shows the User record Okta would create. Screenshots of each state go to test-results/.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { completeSalesforceSignIn, connectOktaFromWelcome, expandRow, inputBox, openWorkbench, runFromContextMenu, type Workbench } from './workbench';

describe('Provisioning pre-flight in the workbench', { timeout: 300_000 }, () => {
  let wb: Workbench;
  let page: Page;
  const oktaPane = () => page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Okta Apps' }) });
  const row = (label: RegExp, level?: number) => oktaPane().locator(`.monaco-list-row${level ? `[aria-level="${level}"]` : ''}`, { has: page.locator('.label-name', { hasText: label }) });
  const preflightRow = () => row(/^Provisioning pre-flight$/, 3).first();
  const shot = async (name: string) => console.log(`screenshot: ${await wb.screenshot(name)}`);

  const expand = (target: Locator) => expandRow(page, target);

  before(async () => {
    wb = await openWorkbench('preflight');
    page = wb.page;
    await connectOktaFromWelcome(wb);
    await expand(oktaPane().locator('.monaco-list-row[aria-level="1"]', { hasText: new URL(wb.okta.url).host }));
    await expand(row(/^Salesforce\.com$/, 2));
  });
  after(() => wb?.close());

  it('says which Salesforce org to sign in to, and signs in there from the row', async () => {
    const host = new URL(wb.salesforce.url).host;
    await expand(preflightRow());
    const signIn = row(new RegExp(`^Sign In to ${host.replace(/[.]/g, '\\.')}…$`), 4);
    await signIn.waitFor();
    assert.match(await signIn.locator('.label-description').textContent() ?? '', /which is not signed in/);
    await shot('preflight-sign-in.png');

    await signIn.click();
    await completeSalesforceSignIn(wb);
  });

  it('shows the traps as findings once the org is signed in, errors first, the row counting them', async () => {
    // The row tries again by itself once a Salesforce org signs in.
    const emailEncoding = row(/^EmailEncodingKey$/, 4);
    await emailEncoding.waitFor({ timeout: 60_000 });
    assert.equal(await emailEncoding.locator('.codicon-error').count(), 1);
    const timeZone = row(/^timeZoneSidKey → TimeZoneSidKey$/, 4);
    assert.match(await timeZone.locator('.label-description').textContent() ?? '', /"Asia\/Calcutta"/);
    // The row's own counts follow as soon as the view redraws it.
    await preflightRow().locator('.label-description', { hasText: /^2 error\(s\) · \d+ warning\(s\)/ }).waitFor();
    // The finding's row speaks its severity and message.
    assert.match(await emailEncoding.getAttribute('aria-label') ?? '', /^error: EmailEncodingKey\. Salesforce requires EmailEncodingKey on create/);
    await shot('preflight-findings.png');
  });

  it('opens the report from the row: each finding with both sides and the fix', async () => {
    await row(/^Open Report$/, 4).click();
    const editor = page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: 'Provisioning pre-flight of Salesforce.com' }).waitFor();
    await editor.filter({ hasText: 'ERROR  EmailEncodingKey  [required-unmapped]' }).waitFor();
    await shot('preflight-report.png');
  });

  it('dry-runs a user picked by a server search: the time zone Salesforce does not have is refused', async () => {
    await runFromContextMenu(page, preflightRow(), 'Dry-Run Provisioning for a User…');
    const pick = inputBox(page, 'Dry-Run Provisioning for a User');
    await pick.waitFor();
    await pick.locator('input').fill('ines');
    const ines = pick.locator('.quick-input-list .monaco-list-row', { hasText: 'ines.okafor@acme.example' });
    await ines.waitFor();
    await shot('preflight-dry-run-pick.png');
    await ines.click();
    const editor = page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: 'Dry run of Salesforce.com' }).waitFor({ timeout: 30_000 });
    await editor.filter({ hasText: 'Salesforce would refuse this user' }).waitFor();
    await editor.filter({ hasText: 'TimeZoneSidKey (timeZoneSidKey) = "Asia/Calcutta"' }).waitFor();
    await shot('preflight-dry-run.png');
  });
});
