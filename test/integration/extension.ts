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
