// The admin at the sandbox's Salesforce login page: when the extension opens the browser for a
// sign-in, this fills the form in that new page and submits it. Other pages are left alone.
import type { BrowserContext, Page } from 'playwright-core';

export interface SandboxUser {
  integrationUsername: string;
  integrationPassword: string;
}

export async function signInOnLoginPage(page: Page, user: SandboxUser): Promise<boolean> {
  try {
    await page.waitForURL(/\/services\/oauth2\/authorize/, { timeout: 15_000 });
    await page.locator('#username').fill(user.integrationUsername);
    await page.locator('#password').fill(user.integrationPassword);
    await page.locator('#Login').click();
    return true;
  } catch {
    return false;
  }
}

/** Signs in on every login page the workbench opens from now on. */
export function signInOnEveryLoginPage(context: BrowserContext, user: SandboxUser): void {
  context.on('page', (page) => void signInOnLoginPage(page, user));
}
