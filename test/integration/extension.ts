// What the integration tests know about the extension under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'okta-sf-tools.okta-salesforce-provisioning';

export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not loaded in this extension host`);
  return extension;
}

export interface ContributedCommand {
  command: string;
  title: string;
}

export function manifest(): { contributes: { commands: ContributedCommand[]; views: Record<string, Array<{ id: string }>> } } {
  return ourExtension().packageJSON;
}

/** Waits for something the extension does in the background (a check, a read, diagnostics), failing with `what` after `timeoutMs`. */
export async function until<T>(read: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
