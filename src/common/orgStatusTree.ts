import * as vscode from 'vscode';
import { failureKind, messageOf } from './failures';
import type { Log } from './log';
import type { OrgStore, StoredOrg } from './orgStore';
import { withRequestProgress } from './requestProgress';
import type { ChildContext, TreeNode } from './treeNodes';

export type OrgStatus =
  | { state: 'checking' }
  | { state: 'connected'; detail: string }
  | { state: 'failed'; message: string; signInAgain: boolean; summary: string };

/** Words for the org row, by the kind the adapters give a failure; the whole message is in the tooltip. */
const summaries: Record<string, () => string> = {
  unauthorized: () => vscode.l10n.t('sign in again'),
  sessionExpired: () => vscode.l10n.t('sign in again'),
  forbidden: () => vscode.l10n.t('not allowed'),
  missingPermission: () => vscode.l10n.t('not allowed'),
  apiDisabledForUser: () => vscode.l10n.t('API not enabled'),
  apiDisabledForOrg: () => vscode.l10n.t('API not enabled'),
  rateLimited: () => vscode.l10n.t('rate-limited, try again'),
  requestLimit: () => vscode.l10n.t('API request limit reached'),
  server: () => vscode.l10n.t('server error, try again'),
  timeout: () => vscode.l10n.t('timed out'),
  unreachable: () => vscode.l10n.t('unreachable'),
  notFound: () => vscode.l10n.t('not found'),
  untrustedWorkspace: () => vscode.l10n.t('waits for workspace trust'),
};

/** An org's check failed: its message, whether signing in again is the way out, and a few words for the row. */
export function failedStatus(error: unknown, signInAgain: boolean): OrgStatus {
  const kind = failureKind(error);
  const summary = signInAgain ? vscode.l10n.t('sign in again') : (kind !== undefined && Object.hasOwn(summaries, kind) ? summaries[kind]() : vscode.l10n.t('failed'));
  return { state: 'failed', message: messageOf(error), signInAgain, summary };
}

/** What differs between the Okta and the Salesforce list of connected orgs. */
export interface OrgTreeSpec<T extends StoredOrg> {
  readonly viewId: string;
  /** Base of the node's contextValue; `.failed` or `.signInAgain` is appended, for menus. */
  readonly contextValue: string;
  readonly icon: string;
  readonly connectCommand: string;
  /** Refreshes the node given: a failed org's Try Again. */
  readonly refreshCommand: string;
  label(org: T): string;
  /** Orgs shown first (the active one), before the rest in label order. */
  isFirst?(org: T): boolean;
  /** Adds to the org's description and contextValue, e.g. which org is active. */
  badge?(org: T): { description: string; contextValue: string } | undefined;
  check(org: T, signal: AbortSignal): Promise<OrgStatus>;
  /** When given, a connected org expands to what this returns; without it, orgs are leaves. */
  children?(node: OrgNode<T>, context: ChildContext): Promise<TreeNode[]>;
  /** Drops what was read for an org (or every org), before the view shows it again: Refresh. */
  forget?(org: T | undefined): void;
}

export type OrgTreeNode<T extends StoredOrg> = OrgNode<T> | TreeNode;

export class OrgNode<T extends StoredOrg> {
  status: OrgStatus = { state: 'checking' };
  /** Aborted when this org, or the whole view, is refreshed. */
  work = new AbortController();
  constructor(readonly org: T) {}
}

/**
 * The connected orgs of one kind, each checked against its API when the view first shows it
 * (and on refresh), and what is below them. Nodes appear at once and update one by one as their
 * checks finish. Refresh works on the whole view or on one node: an org is checked and read again,
 * a node below it reads its children again; nothing else is touched.
 */
export class OrgStatusTree<T extends StoredOrg> implements vscode.TreeDataProvider<OrgTreeNode<T>>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OrgTreeNode<T> | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The nodes shown, by org id; kept between renders so that a check's result stays. */
  private readonly nodes = new Map<string, OrgNode<T>>();
  /** Each node below an org: its org, and what aborts its own reads (Refresh on the node). */
  private readonly below = new WeakMap<TreeNode, { org: OrgNode<T>; work: AbortController }>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: OrgStore<T>, private readonly spec: OrgTreeSpec<T>, private readonly log: Log) {
    this.subscription = store.onDidChange(() => this.refresh());
  }

  /** Draws the org nodes again, keeping what their checks found (e.g. after the active org changed). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /** Draws one node below an org again (its row, and its children when expanded), forgetting nothing. */
  redrawNode(node: TreeNode): void {
    this.changed.fire(node);
  }

  /** Forgets every result and checks each org again. */
  refresh(): void {
    for (const node of this.nodes.values()) node.work.abort();
    this.nodes.clear();
    this.spec.forget?.(undefined);
    this.changed.fire(undefined);
  }

  /** Refresh from a view's title bar (no node: the whole view) or a node's context menu (that node only). */
  refreshNode(node?: OrgTreeNode<T>): void {
    if (node === undefined) return this.refresh();
    if (node instanceof OrgNode) {
      const shown = this.nodes.get(node.org.id);
      if (!shown) return this.refresh();
      shown.work.abort();
      shown.work = new AbortController();
      shown.status = { state: 'checking' };
      this.spec.forget?.(shown.org);
      void this.checkAll([shown]);
      this.changed.fire(shown);
      return;
    }
    const place = this.below.get(node);
    if (!place) return;
    place.work.abort();
    place.work = new AbortController();
    node.forget?.();
    this.changed.fire(node);
  }

  async getChildren(element?: OrgTreeNode<T>): Promise<OrgTreeNode<T>[]> {
    if (element instanceof OrgNode) return this.childrenBelow(element, element.work.signal, (context) => this.spec.children?.(element, context) ?? []);
    if (element) {
      const place = this.below.get(element);
      if (!place || !element.children) return [];
      const children = element.children.bind(element);
      return this.childrenBelow(place.org, AbortSignal.any([place.org.work.signal, place.work.signal]), children);
    }
    const fresh: OrgNode<T>[] = [];
    const shown = this.store.list().map((org) => {
      let node = this.nodes.get(org.id);
      if (!node) {
        node = new OrgNode(org);
        this.nodes.set(org.id, node);
        fresh.push(node);
      }
      return node;
    });
    if (fresh.length) void this.checkAll(fresh);
    const first = (node: OrgNode<T>) => (this.spec.isFirst?.(node.org) ? 0 : 1);
    return shown.sort((a, b) => first(a) - first(b) || this.spec.label(a.org).localeCompare(this.spec.label(b.org)));
  }

  getTreeItem(node: OrgTreeNode<T>): vscode.TreeItem {
    if (!(node instanceof OrgNode)) return node.treeItem();
    const { org, status } = node;
    const expandable = this.spec.children !== undefined && status.state === 'connected';
    const item = new vscode.TreeItem(this.spec.label(org), expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${this.spec.contextValue}:${org.id}`;
    item.contextValue = this.spec.contextValue;
    const lines = [org.url];
    if (org.account) lines.push(vscode.l10n.t('Signed in as {0}', org.account));
    switch (status.state) {
      case 'checking':
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        item.description = vscode.l10n.t('checking…');
        break;
      case 'connected':
        item.iconPath = new vscode.ThemeIcon(this.spec.icon);
        item.description = status.detail;
        break;
      case 'failed':
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.description = status.summary;
        item.contextValue += status.signInAgain ? '.signInAgain' : '.failed';
        lines.push(status.message);
        item.command = status.signInAgain
          ? { command: this.spec.connectCommand, title: vscode.l10n.t('Sign In Again'), arguments: [node] }
          : { command: this.spec.refreshCommand, title: vscode.l10n.t('Try Again'), arguments: [node] };
        break;
    }
    const badge = this.spec.badge?.(org);
    if (badge) {
      item.description = [badge.description, item.description].filter(Boolean).join(' · ');
      item.contextValue += `.${badge.contextValue}`;
    }
    item.tooltip = lines.join('\n');
    return item;
  }

  dispose(): void {
    for (const node of this.nodes.values()) node.work.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Reads a node's children and remembers, for each, its org and its own abort controller. */
  private async childrenBelow(
    org: OrgNode<T>, signal: AbortSignal, read: (context: ChildContext) => TreeNode[] | Promise<TreeNode[]>,
  ): Promise<TreeNode[]> {
    const context: ChildContext = { signal, viewId: this.spec.viewId, redraw: (node) => this.changed.fire(node) };
    const children = await read(context);
    for (const child of children) if (!this.below.has(child)) this.below.set(child, { org, work: new AbortController() });
    return children;
  }

  private async checkAll(nodes: readonly OrgNode<T>[]): Promise<void> {
    await withRequestProgress({ location: { viewId: this.spec.viewId } }, () =>
      Promise.all(nodes.map(async (node) => {
        const signal = node.work.signal;
        const status = await this.spec.check(node.org, signal).catch((error: unknown): OrgStatus => {
          this.log.error(`Checking ${node.org.url} failed`, error);
          return failedStatus(error, false);
        });
        if (signal.aborted) return;
        node.status = status;
        this.changed.fire(node);
      })),
    );
  }
}
