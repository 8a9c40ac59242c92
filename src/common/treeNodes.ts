import * as vscode from 'vscode';
import { withRequestProgress } from './requestProgress';

/** What a node's children are read with. */
export interface ChildContext {
  /** Ends when the node, its org or its view is refreshed, so work for what the view no longer shows stops. */
  readonly signal: AbortSignal;
  /** The view, for progress shown on it. */
  readonly viewId: string;
  /** Asks the view for this node's children again (after a page more was read, say). */
  redraw(node: TreeNode): void;
}

/** A node below an org in either view. Its children may take requests to find. */
export interface TreeNode {
  treeItem(): vscode.TreeItem;
  children?(context: ChildContext): TreeNode[] | Promise<TreeNode[]>;
  /** Forgets what the node has loaded, before the view asks for its children again (Refresh on the node). */
  forget?(): void;
}

/** A line of information: an empty state ("no profile matches the filter", "no apps") or a note. */
export class MessageNode implements TreeNode {
  constructor(readonly message: string, readonly icon: string, readonly contextValue = 'message') {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    return item;
  }
}

/** A node's first child that opens its whole report: `command` runs with the node (`parent`) as its argument. */
export class OpenReportNode implements TreeNode {
  constructor(readonly id: string, readonly contextValue: string, readonly command: string, readonly parent: TreeNode) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Open Report'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('output');
    item.contextValue = this.contextValue;
    item.command = { command: this.command, title: vscode.l10n.t('Open Report'), arguments: [this.parent] };
    return item;
  }
}

/** Why children could not be read, shown as the command that fixes it (the message in its description and tooltip). */
export class ErrorNode implements TreeNode {
  /** `id`: stable across reloads, so the view keeps its place. */
  constructor(readonly id: string, readonly message: string, readonly fix: vscode.Command, readonly contextValue = 'error') {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.fix.title, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.message;
    item.tooltip = this.message;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.contextValue = this.contextValue;
    item.command = this.fix;
    return item;
  }
}

/** One page of a listing and where the next one starts (none: the listing is complete). */
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

/** The command a *Load more* node runs (registered once, in extension.ts). */
export const loadMoreCommand = 'oktaSf.loadMore';

/**
 * The children of a node whose listing comes in pages (Okta's `Link` cursor): the pages loaded so
 * far, then a *Load more* node while there are more. Only the first page is read when the node
 * expands; each *Load more* reads one page more. A failed page keeps what was loaded and shows why.
 */
export class PagedChildren<T> {
  private loaded: T[] = [];
  private next: string | undefined;
  private started = false;
  private failure: unknown;
  private loading: Promise<void> | undefined;

  /**
   * @param owner the node whose children these are, redrawn after each page
   * @param readPage reads the page at `cursor` (undefined: the first)
   * @param render the nodes for the items loaded so far
   */
  constructor(
    private readonly owner: TreeNode,
    private readonly readPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
    private readonly render: (items: readonly T[]) => TreeNode[],
    private readonly failureNode: (error: unknown) => TreeNode,
  ) {}

  /** The nodes to show: reads the first page on first use. */
  async children(context: ChildContext): Promise<TreeNode[]> {
    if (!this.started) {
      this.started = true;
      await this.load(context.signal);
    }
    const nodes = this.render(this.loaded);
    if (this.failure !== undefined) nodes.push(this.failureNode(this.failure));
    else if (this.next !== undefined) nodes.push(new LoadMoreNode(() => this.loadMore(context)));
    return nodes;
  }

  /** Reads the next page, with progress on the view, then redraws the owner. One page at a time, however often asked. */
  private async loadMore(context: ChildContext): Promise<void> {
    await withRequestProgress({ location: { viewId: context.viewId } }, () => this.load(context.signal));
    if (!context.signal.aborted) context.redraw(this.owner);
  }

  /** Back to nothing loaded: the next expansion reads the first page again. */
  forget(): void {
    this.loaded = [];
    this.next = undefined;
    this.started = false;
    this.failure = undefined;
    this.loading = undefined;
  }

  private load(signal: AbortSignal): Promise<void> {
    this.loading ??= (async () => {
      try {
        const cursor = this.next;
        const page = await this.readPage(cursor, signal);
        if (signal.aborted) return;
        this.loaded = [...this.loaded, ...page.items];
        this.next = page.next;
        this.failure = undefined;
      } catch (error) {
        if (!signal.aborted) this.failure = error;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}

/** *Load more*: the last child of a paged listing while more pages remain. */
export class LoadMoreNode implements TreeNode {
  constructor(readonly run: () => Promise<void>) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = 'loadMore';
    item.command = { command: loadMoreCommand, title: vscode.l10n.t('Load more'), arguments: [this] };
    return item;
  }
}
