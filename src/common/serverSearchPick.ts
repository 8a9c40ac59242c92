import * as vscode from 'vscode';
import { isCancelled } from './failures';
import type { Log } from './log';

/** How long typing must pause before the server is searched. */
const searchDelayMs = 300;

export interface ServerSearchPickOptions<T, I extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  canSelectMany: boolean;
  /** The server's answer for the text typed; aborted when the text changes. */
  search(text: string, signal: AbortSignal): Promise<T[]>;
  item(found: T): I;
  /** Identifies an item, so what is picked is kept across searches. */
  id(item: I): string;
  log: Log;
  /** For the log: what was searched. */
  what: string;
}

/**
 * A quick pick that searches on the server as the admin types (after a pause), drops answers to text
 * that has since changed, and keeps what was picked across searches. Resolves to the items picked, or
 * undefined when dismissed.
 */
export function serverSearchPick<T, I extends vscode.QuickPickItem>(options: ServerSearchPickOptions<T, I>): Promise<I[] | undefined> {
  const pick = vscode.window.createQuickPick<I>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.canSelectMany;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let search: AbortController | undefined;

  const run = async (text: string, mine: number) => {
    search?.abort();
    search = new AbortController();
    pick.busy = true;
    try {
      const found = await options.search(text, search.signal);
      if (mine !== generation) return; // The text changed while this search ran.
      const picked = pick.selectedItems;
      const pickedIds = new Set(picked.map(options.id));
      pick.items = [...picked, ...found.map(options.item).filter((item) => !pickedIds.has(options.id(item)))];
      pick.selectedItems = picked;
    } catch (error) {
      if (mine === generation && !isCancelled(error)) {
        options.log.error(`Searching ${options.what} failed`, error);
        pick.items = [...pick.selectedItems];
        pick.placeholder = error instanceof Error ? error.message : String(error);
      }
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };

  return new Promise((resolve) => {
    pick.onDidChangeValue((text) => {
      const mine = ++generation;
      clearTimeout(timer);
      if (!text.trim()) return;
      timer = setTimeout(() => void run(text.trim(), mine), searchDelayMs);
    });
    pick.onDidAccept(() => {
      // A single pick accepts the item under the cursor.
      resolve(options.canSelectMany ? [...pick.selectedItems] : [...pick.activeItems.slice(0, 1)]);
      pick.hide();
    });
    pick.onDidHide(() => {
      clearTimeout(timer);
      search?.abort();
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
