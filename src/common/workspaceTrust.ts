import * as vscode from 'vscode';

/**
 * Workspace trust: in a folder the admin has not trusted, the extension starts no program the folder
 * could steer. The Salesforce CLI is the one it starts, and it reads the project's own configuration
 * (`.sf/config.json`, `sfdx-project.json`) from the folder it runs in. Profile diagnostics only parse
 * open documents and stay on.
 */
export const manageTrustCommand = 'workbench.trust.manage';

/** Why something waits for trust, as a failure whose kind callers can test (failureKind). */
export class WorkspaceNotTrusted extends Error {
  readonly kind = 'untrustedWorkspace';
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceNotTrusted';
  }
}

export const isWorkspaceTrusted = (): boolean => vscode.workspace.isTrusted;

/** The sentence shown wherever the Salesforce CLI is withheld. */
export const cliNeedsTrust = (): string => vscode.l10n.t('Trust this folder to use the Salesforce CLI');

/**
 * Says what waits for trust, with a button that opens VS Code's Workspace Trust editor; resolves once
 * the message is answered or dismissed.
 */
export async function explainUntrusted(message: string): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  if (await vscode.window.showWarningMessage(message, manage) === manage) {
    await vscode.commands.executeCommand(manageTrustCommand);
  }
}
