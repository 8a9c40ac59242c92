import * as vscode from 'vscode';
import type { Log } from './log';
import { pickOrg } from './orgPick';
import type { OrgStore, StoredOrg } from './orgStore';

/** Forgets an org and deletes its stored credential, asking which one when none is given. */
export async function disconnectOrg<T extends StoredOrg>(store: OrgStore<T>, org: T | undefined, question: string, log: Log): Promise<void> {
  const target = org ?? await pickOrg(store.list(), {
    title: question, label: (o) => new URL(o.url).host, none: { message: vscode.l10n.t('No org is connected.') },
  });
  if (!target) return;
  await store.remove(target.id);
  log.info(`Disconnected ${target.url}`);
}
