import * as vscode from 'vscode';
import type { StoredOrg } from './orgStore';

export interface OrgPickOptions<T extends StoredOrg> {
  title: string;
  /** How the org is named (its alias, or its host). */
  label(org: T): string;
  /** Said when there is no org to pick, with an action that helps (such as signing in). */
  none: { message: string; action?: { title: string; run(): unknown } };
}

/** The one quick pick of orgs: each by its name, who is signed in and its URL. Undefined when none is picked. */
export async function pickOrg<T extends StoredOrg>(orgs: readonly T[], options: OrgPickOptions<T>): Promise<T | undefined> {
  if (!orgs.length) {
    const { message, action } = options.none;
    if (!action) {
      // Nothing to wait for: a message without buttons may stay unanswered.
      void vscode.window.showInformationMessage(message);
      return undefined;
    }
    if (await vscode.window.showInformationMessage(message, action.title) === action.title) await action.run();
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(orgs.map((org) => {
    const label = options.label(org);
    return { label, description: org.account !== label ? org.account : undefined, detail: org.url, org };
  }), { title: options.title, matchOnDescription: true, matchOnDetail: true });
  return picked?.org;
}
