// The Okta Apps view in a real browser: what the tree shows (read from its DOM), Load more, a
// label holding markup, and assigning a user through the real quick pick.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { hostileAppLabel } from '../sandbox/okta/seed';
import { answerInputBox, connectOktaFromWelcome, inputBox, openWorkbench, pickQuickItem, runFromContextMenu, runFromPalette, type Workbench } from './workbench';

interface Row {
  level: number;
  label: string;
  description: string;
  setSize: number;
}

/** The Okta Apps view's pane (its header and its tree). */
function oktaPane(page: Page): Locator {
  return page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Okta Apps' }) });
}

/** The tree's rows now in the DOM, top to bottom (the list renders only the rows in view). */
async function visibleRows(pane: Locator): Promise<Row[]> {
  const rows = await pane.locator('.monaco-list-row').evaluateAll((elements) => elements.map((element) => ({
    // The list places rows absolutely; the DOM order is not the screen order.
    top: Number.parseFloat((element as unknown as { style: { top: string } }).style.top || '0'),
    row: {
      level: Number(element.getAttribute('aria-level')),
      label: element.querySelector('.label-name')?.textContent ?? '',
      description: element.querySelector('.label-description')?.textContent ?? '',
      setSize: Number(element.getAttribute('aria-setsize')),
    },
  })));
  return rows.sort((a, b) => a.top - b.top).map((entry) => entry.row);
}

/** The row whose label is exactly `label`. */
function row(pane: Locator, label: string): Locator {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return pane.locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: exact }) });
}

/**
 * Expands the row unless it is expanded already (clicking an expanded row would collapse it). Waits
 * first until the row can expand: an org's row cannot while its check runs ("checking…"), and a click
 * then does nothing.
 */
async function expand(rowLocator: Locator): Promise<void> {
  await rowLocator.and(rowLocator.page().locator('[aria-expanded]')).waitFor();
  if (await rowLocator.getAttribute('aria-expanded') !== 'true') await rowLocator.click();
  await rowLocator.and(rowLocator.page().locator('[aria-expanded="true"]')).waitFor();
}

/** Polls `read` until `done` holds (the tree redraws when a page arrives; no fixed sleep). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('The Okta Apps view in the workbench', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    // More apps than two pages of 200 (so Other apps shows Load more), and the Salesforce instance
    // whose label holds markup and 10,000 characters.
    wb = await openWorkbench('okta-apps', { okta: { appCount: 450, hostileApp: true } });
    const { page, okta } = wb;
    await connectOktaFromWelcome(wb);
    try {
      await expand(oktaPane(page).locator('.monaco-list-row', { hasText: new URL(okta.url).host }));
    } catch (error) {
      console.log(`screenshot: ${await wb.screenshot('okta-apps-not-expanded.png')}`);
      throw error;
    }
  });
  after(() => wb?.close());

  it('lists the Salesforce.com instances first, with their status, instance type and provisioning, then Other apps', async () => {
    const pane = oktaPane(wb.page);
    await row(pane, 'Other apps').waitFor();
    const apps = (await visibleRows(pane)).filter((r) => r.level === 2);
    const hostile = apps.find((r) => r.label.startsWith('<img'));
    assert.ok(hostile, JSON.stringify(apps));
    assert.deepEqual(apps.map((r) => r.label), ['Salesforce.com', 'Salesforce.com (Sandbox)', hostile.label, 'Other apps']);
    assert.deepEqual(apps.map((r) => r.description.split(' · ').slice(0, 2).join(' · ')),
      ['ACTIVE · PRODUCTION', 'ACTIVE · SANDBOX', 'ACTIVE · PRODUCTION', '']);
    // The production instance pushes new users, profile updates and deactivations; the sandbox nothing.
    assert.notEqual(apps[0].description, apps[1].description);
    console.log(`screenshot: ${await wb.screenshot('okta-apps.png')}`);
  });

  it('shows a label holding markup as its text, in the row and in the tooltip, rendering nothing from it', async () => {
    const { page } = wb;
    const pane = oktaPane(page);
    const shown = hostileAppLabel.slice(0, 60);
    const hostile = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: shown }) });
    await hostile.waitFor();
    const label = await hostile.locator('.label-name').textContent() ?? '';
    // Cut to the tree's longest label, with an ellipsis; the markup is there as typed.
    assert.ok(label.startsWith('<img src=x onerror="alert(1)"><b>Sales</b>force'), label);
    assert.ok(label.length <= 120 && label.endsWith('…'), label);
    assert.equal(await pane.locator('img, b, .monaco-list-row [onerror]').count(), 0, 'an element was made from the label');
    // A screen reader reads the row's own (cut) text, not the 10,000-character tooltip.
    const spoken = await hostile.getAttribute('aria-label') ?? '';
    assert.ok(spoken.startsWith(label) && spoken.length < 400, `aria-label of ${spoken.length} characters`);

    // Over the label's first characters: hovering the label element itself would make the browser
    // scroll its clipped container sideways to reach the element's middle.
    await hostile.hover({ position: { x: 80, y: 10 } });
    const hover = page.locator('.monaco-hover').filter({ hasText: 'App ID:' });
    await hover.waitFor();
    assert.ok((await hover.textContent() ?? '').includes('<img src=x onerror="alert(1)"><b>Sales</b>force'));
    assert.equal(await hover.locator('img, b').count(), 0, 'the tooltip rendered the label\'s markup');
    await page.mouse.move(0, 0);
  });

  it('adds a page of apps under Other apps when Load more is clicked', async () => {
    const { page } = wb;
    const pane = oktaPane(page);
    const otherApps = row(pane, 'Other apps');
    await expand(otherApps);
    const childCount = async () => (await visibleRows(pane)).find((r) => r.level === 3)?.setSize ?? 0;
    const before = await until(childCount, (n) => n > 0, 'Other apps shows no app');
    // Focus is on Other apps: End goes to its last child, the Load more row, scrolling it into view.
    await page.keyboard.press('End');
    const loadMore = row(pane, 'Load more…');
    await loadMore.waitFor();
    assert.equal(Number(await loadMore.getAttribute('aria-posinset')), before, 'Load more is not the last row');
    console.log(`screenshot: ${await wb.screenshot('okta-load-more.png')}`);
    await loadMore.click();
    const grown = await until(childCount, (n) => n !== before, 'Load more added nothing');
    // The second page holds 200 apps, none a Salesforce instance (those are the first two ids and the last).
    assert.equal(grown - before, 200);
    // Collapsed again, so that the apps above stay in view for the next test.
    await page.keyboard.press('Home');
    await otherApps.click();
    await otherApps.and(page.locator('[aria-expanded="false"]')).waitFor();
  });

  it('assigns a user to a Salesforce instance through the quick pick, then lists them under its Users', async () => {
    const { page } = wb;
    const pane = oktaPane(page);
    const sandbox = row(pane, 'Salesforce.com (Sandbox)');
    await sandbox.scrollIntoViewIfNeeded();
    // Before: the app's users, without Elena. Only this app is expanded: its Users is the only one.
    await expand(sandbox);
    const users = row(pane, 'Users');
    await expand(users);
    const assigned = row(pane, 'elena.okafor@acme.example');
    await row(pane, 'admin@acme.example').waitFor();
    assert.equal(await assigned.count(), 0, 'Elena has the app already');

    await runFromContextMenu(page, sandbox, 'Assign Users and Groups…');

    const picker = inputBox(page, 'Assign Users and Groups to Salesforce.com (Sandbox)');
    await picker.waitFor();
    await picker.locator('input.input').fill('Elena');
    const elena = picker.locator('.quick-input-list .monaco-list-row', { hasText: 'elena.okafor@acme.example' });
    await elena.click();
    await picker.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: 'elena.okafor@acme.example' }).waitFor();
    await page.keyboard.press('Enter');
    // The app's user schema has a Profile attribute without allowed values, and no Salesforce org is signed in: typed.
    await answerInputBox(page, 'Salesforce profile of the assignment', 'Standard User');

    // The app is read again; Users stays expanded and now lists her, with the profile picked.
    await assigned.waitFor();
    assert.equal(await users.getAttribute('aria-expanded'), 'true');
    assert.match(await assigned.locator('.label-description').textContent() ?? '', /Standard User/);
    console.log(`screenshot: ${await wb.screenshot('okta-assign.png')}`);
  });
  it("counts a rate limit's wait down in the status bar while the view reloads, then shows the apps", async () => {
    const { page, okta } = wb;
    const pane = oktaPane(page);
    const waiting = /waiting (\d+) s: 127\.0\.0\.1:\d+ is limiting the rate of requests \(HTTP 429\)/;
    const statusBar = page.locator('#workbench\\.parts\\.statusbar');
    // Okta's own answer to too many requests (429, X-Rate-Limit-Reset in 3 s), on the view's next listing.
    okta.faults.set({ rateLimit: { count: 1, resetSeconds: 3, path: '/api/v1/apps' } });
    try {
      await runFromPalette(page, 'Okta ↔ Salesforce: Refresh Okta Apps');
      const seconds = new Set<number>();
      await until(async () => {
        const match = waiting.exec(await statusBar.textContent() ?? '');
        if (match) seconds.add(Number(match[1]));
        return seconds;
      }, (seen) => seen.size >= 2, 'the status bar did not count the wait down');
      console.log(`screenshot: ${await wb.screenshot('okta-rate-limit-wait.png')}`);
      // The work carried on: the apps are back, and the wait is gone from the status bar.
      await row(pane, 'Salesforce.com (Sandbox)').waitFor();
      await until(async () => waiting.test(await statusBar.textContent() ?? ''), (shown) => !shown, 'the wait stayed in the status bar');
    } finally {
      okta.faults.set({});
    }
  });

  it("shows a rate limit's wait in the notification of the work that waits (connecting), and the work carries on", async () => {
    const { page, okta } = wb;
    okta.faults.set({ rateLimit: { count: 1, resetSeconds: 3, path: '/api/v1/apps' } });
    try {
      await runFromPalette(page, 'Okta ↔ Salesforce: Connect to Okta…');
      await pickQuickItem(page, 'Connect to Okta', 'API Token');
      await answerInputBox(page, 'Connect to Okta with an API Token (1/2)', okta.url);
      await answerInputBox(page, 'Connect to Okta with an API Token (2/2)', okta.apiToken);
      const toast = page.locator('.notification-toast', { hasText: 'Checking the API token' });
      await toast.filter({ hasText: /waiting \d+ s: 127\.0\.0\.1:\d+ is limiting the rate of requests \(HTTP 429\)/ }).waitFor({ timeout: 10_000 });
      console.log(`screenshot: ${await wb.screenshot('okta-rate-limit-connect.png')}`);
      await page.locator('.notification-toast', { hasText: `Connected to ${okta.url}` }).waitFor({ timeout: 20_000 });
    } finally {
      okta.faults.set({});
    }
  });
});
