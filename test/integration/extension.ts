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

/** A tree item's label as text. */
export const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

/** A node of one of the extension's views, with the item VS Code would draw for it. */
export interface Shown {
  node: unknown;
  item: vscode.TreeItem;
}

/** Reads a view as VS Code does, through its data provider (given late: the tests get it once the extension is active). */
export function treeReader(tree: () => vscode.TreeDataProvider<unknown>) {
  const items = async (parent?: unknown): Promise<Shown[]> => {
    const nodes = (await tree().getChildren(parent)) ?? [];
    return Promise.all(nodes.map(async (node) => ({ node, item: await tree().getTreeItem(node) })));
  };
  return {
    items,
    byLabel(shown: Shown[], label: string): Shown {
      const found = shown.find((s) => labelOf(s.item) === label);
      assert.ok(found, `no "${label}" among ${shown.map((s) => labelOf(s.item)).join(', ')}`);
      return found;
    },
    /** The top-level node labelled `label` (undefined: the first), once its check has finished. */
    orgNode: (label?: string) => until(async () => {
      const all = await items();
      const org = label === undefined ? all[0] : all.find((o) => labelOf(o.item) === label);
      return org && org.item.description !== 'checking…' ? org : undefined;
    }, `the check of ${label ?? 'the org'}`),
  };
}
