import * as vscode from 'vscode';
import type { Log } from './log';
import type { OrgStore, StoredOrg } from './orgStore';

/** Forgets an org and deletes its stored credential, asking which one when none is given. */
export async function disconnectOrg<T extends StoredOrg>(store: OrgStore<T>, org: T | undefined, question: string, log: Log): Promise<void> {
  const target = org ?? (await pickOrg(store, question));
  if (!target) return;
  await store.remove(target.id);
  log.info(`Disconnected ${target.url}`);
}

async function pickOrg<T extends StoredOrg>(store: OrgStore<T>, question: string): Promise<T | undefined> {
  const orgs = store.list();
  if (orgs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No org is connected.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    orgs.map((org) => ({ label: org.url, description: org.account, org })),
    { title: question },
  );
  return picked?.org;
}
