// Provisioning failures in a real workbench, driven as an admin drives them: the Okta Apps view's
// *Provisioning health* row under the sandbox's PRODUCTION Salesforce.com instance reads Okta's System Log
// when expanded and shows the count and the worst cause; its rows are the groups by cause; *Open Report*
// shows them with their fixes. Screenshots: test-results/provisioning-failures-tree.png and provisioning-failures.png.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { connectOktaFromWelcome, expandRow, openWorkbench, type Workbench } from './workbench';

describe('Provisioning failures in the workbench', { timeout: 300_000 }, () => {
  let wb: Workbench;
  let page: Page;
  const oktaPane = () => page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Okta Apps' }) });
  const row = (label: RegExp, level?: number) => oktaPane().locator(`.monaco-list-row${level ? `[aria-level="${level}"]` : ''}`, { has: page.locator('.label-name', { hasText: label }) });
  const healthRow = () => row(/^Provisioning health$/, 3).first();
  const shot = async (name: string) => console.log(`screenshot: ${await wb.screenshot(name)}`);

  const expand = (target: Locator) => expandRow(page, target);

  before(async () => {
    wb = await openWorkbench('provisioning-failures');
    page = wb.page;
    await connectOktaFromWelcome(wb);
    await expand(oktaPane().locator('.monaco-list-row[aria-level="1"]', { hasText: new URL(wb.okta.url).host }));
    await expand(row(/^Salesforce\.com$/, 2));
  });
  after(() => wb?.close());

  it('reads the failures when the row expands: the count and worst cause, the groups by cause', async () => {
    await healthRow().locator('.label-description', { hasText: /^expand to read the failures$/ }).waitFor();
    await expand(healthRow());
    // The row's own summary follows as soon as the view redraws it: the count and the worst cause.
    const summary = healthRow().locator('.label-description', { hasText: /^\d+ failure\(s\) · \S/ });
    await summary.waitFor({ timeout: 60_000 });
    const [, worst] = /^\d+ failure\(s\) · (.+)$/.exec(await summary.textContent() ?? '') ?? [];
    assert.ok(worst, 'no worst cause');
    // The worst group is the first row below Open Report, with its count and icon, and speaks both.
    const first = row(new RegExp(`^${worst.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), 4).first();
    await first.waitFor();
    assert.match(await first.locator('.label-description').textContent() ?? '', /^\d+ failure\(s\)$/);
    assert.equal(await first.locator('.codicon-error').count(), 1);
    assert.match(await first.getAttribute('aria-label') ?? '', /^error: .+\. \d+ failure\(s\)$/);
    await shot('provisioning-failures-tree.png');
  });

  it('opens the report from the row: each group with its meaning and fix', async () => {
    await row(/^Open Report$/, 4).last().click();
    const editor = page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: 'Provisioning failures of Salesforce.com' }).waitFor({ timeout: 30_000 });
    // The worst group first: its heading, then its meaning and fix.
    await editor.filter({ hasText: /ERROR\s{2}\S/ }).waitFor();
    await editor.filter({ hasText: 'Meaning: ' }).waitFor();
    await editor.filter({ hasText: 'Fix: ' }).waitFor();
    await shot('provisioning-failures.png');
  });
});
