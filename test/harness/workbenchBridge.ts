// Lets a test inside the extension host ask the browser that shows the workbench for what only the
// page can do: read the rows of the open quick pick, or click a button of the Workspace Trust editor
// (trust has no command an extension may run; the editor's Trust button is VS Code's own way in).
// The test prints "okta-sf-workbench <request> <id>" (it reaches the runner through codeAutomationLog);
// the answer is written to <dir>/<id>.json, which the test waits for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

export const bridgeLine = /^okta-sf-workbench (\w+) ([\w-]+)$/;

/** Answers one request line; false when the line is not one. */
export function answerWorkbenchRequest(page: Page, dir: string, line: string): boolean {
  const match = bridgeLine.exec(line.trim());
  if (!match) return false;
  const [, request, id] = match;
  void handle(page, request).then((answer) => answer, (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
    .then((answer) => {
      const file = path.join(dir, `${id}.json`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(answer));
      fs.renameSync(`${file}.tmp`, file);
    });
  return true;
}

async function handle(page: Page, request: string): Promise<unknown> {
  switch (request) {
    case 'quickPickRows': {
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      if (!await page.locator('.quick-input-widget').isVisible()) return { rows: [] };
      return { rows: await rows.allInnerTexts() };
    }
    case 'clickTrust': {
      // The Workspace Trust editor (workbench.trust.manage), opened by the test.
      const trust = page.locator('.workspace-trust-editor').getByRole('button', { name: 'Trust', exact: true });
      await trust.click({ timeout: 30_000 });
      return { clicked: true };
    }
    default:
      throw new Error(`unknown workbench request "${request}"`);
  }
}
