import * as vscode from 'vscode';
import { failureKind, messageOf } from '../common/failures';
import type { StoredOrg } from '../common/orgStore';
import type { OrgNode } from '../common/orgStatusTree';
import { type ChildContext, ErrorNode, MessageNode, type Page, PagedChildren, type TreeNode } from '../common/treeNodes';
import type * as OktaApi from './api/oktaApi';
import { countLabel, featureRows, otherAppRow, plainLabel, provisioningSummary, salesforceAppRow, settingRows } from './appTreeModel';
import { appPageSize, type OrgAppsReader } from './orgAppsReader';

/**
 * What the nodes read with: the org's session (opened on first use), what the org's check read of
 * its apps, and the org's node, for fixes.
 */
export interface OrgApps {
  readonly org: StoredOrg;
  /** The org's node in the view, once it was shown: what Sign In Again and Try Again act on. */
  orgNode: OrgNode<StoredOrg> | undefined;
  session(): Promise<OktaApi.OktaSession>;
  readonly reader: OrgAppsReader;
  /** What other features show under an app, after its provisioning (the pre-flight under a Salesforce app). */
  appChildren(node: AppNode): TreeNode[];
}

/**
 * The node that says why a read failed, with the command that fixes it: a refused credential signs
 * in again, a refused read (a missing admin role or scope, named in the message) connects with
 * another credential, anything else tries again.
 */
export function oktaErrorNode(id: string, orgApps: OrgApps, error: unknown, retry: TreeNode | OrgNode<StoredOrg> | undefined): ErrorNode {
  return new ErrorNode(id, messageOf(error), oktaFix(error, orgApps) ?? { command: 'oktaSf.okta.refresh', title: vscode.l10n.t('Try Again'), arguments: [retry] }, 'oktaError');
}

/** What fixes a failure of the org's credential: signing in again when it is refused, another credential when it may not do this. */
export function oktaFix(error: unknown, orgApps: OrgApps): vscode.Command | undefined {
  switch (failureKind(error)) {
    case 'unauthorized':
      return { command: 'oktaSf.okta.connect', title: vscode.l10n.t('Sign In Again'), arguments: [orgApps.orgNode] };
    case 'forbidden':
      return { command: 'oktaSf.okta.connect', title: vscode.l10n.t('Connect with Another Credential'), arguments: [orgApps.orgNode] };
    default:
      return undefined;
  }
}

/** An app: a Salesforce.com instance (with its settings) or any other. Expands to its provisioning and assignments. */
export class AppNode implements TreeNode {
  private stale = false;
  private shown: Promise<TreeNode[]> | undefined;

  constructor(readonly orgApps: OrgApps, public app: OktaApi.OktaApp) {}

  get isSalesforce(): boolean {
    return this.app.name === 'salesforce';
  }

  treeItem(): vscode.TreeItem {
    const row = this.isSalesforce ? salesforceAppRow(this.app) : otherAppRow(this.app);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `oktaApp:${this.orgApps.org.id}:${this.app.id}`;
    item.description = row.description;
    // A plain string: Okta's text is never rendered as Markdown.
    item.tooltip = row.tooltip;
    // Without this, VS Code reads label and tooltip aloud: the whole of a 10,000-character label. The row's own (cut) text is enough.
    item.accessibilityInformation = { label: [row.label, row.description].filter(Boolean).join(', ') };
    item.contextValue = row.contextValue;
    item.iconPath = new vscode.ThemeIcon(this.isSalesforce ? 'cloud' : 'window', row.active ? undefined : new vscode.ThemeColor('disabledForeground'));
    return item;
  }

  /** Read when the app expands, and again after Refresh: the app itself (after a refresh), its users and groups. */
  children(context: ChildContext): Promise<TreeNode[]> {
    this.shown ??= this.read(context);
    return this.shown;
  }

  forget(): void {
    this.stale = true;
    this.shown = undefined;
  }

  private async read(context: ChildContext): Promise<TreeNode[]> {
    try {
      const session = await this.orgApps.session();
      if (this.stale) {
        this.app = await session.getApp(this.app.id, context.signal);
        this.stale = false;
        // The app's own row may have changed (label, status, features).
        context.redraw(this);
      }
      const [users, groups] = await Promise.all([
        session.listAppUsers(this.app.id, undefined, context.signal),
        session.listAppGroups(this.app.id, undefined, context.signal),
      ]);
      const settings = this.isSalesforce ? settingRows(this.app).map(({ label, value }) => new FactNode(label, value, 'settings-gear')) : [];
      return [
        ...settings,
        new ProvisioningNode(this),
        ...this.orgApps.appChildren(this),
        new AssignmentListNode(this, 'users', users),
        new AssignmentListNode(this, 'groups', groups),
      ];
    } catch (error) {
      this.shown = undefined;
      if (context.signal.aborted) return [];
      return [oktaErrorNode(`oktaAppError:${this.orgApps.org.id}:${this.app.id}`, this.orgApps, error, this)];
    }
  }
}

/** A fact about an app: a setting and its value. */
export class FactNode implements TreeNode {
  constructor(readonly label: string, readonly value: string, readonly icon: string, readonly on?: boolean) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.description = this.value;
    item.tooltip = `${this.label}: ${this.value}`;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.on === undefined ? 'oktaAppSetting' : `oktaAppFeature.${this.on ? 'on' : 'off'}`;
    return item;
  }
}

/** The app's provisioning summary; expands to each provisioning feature, on or off. */
export class ProvisioningNode implements TreeNode {
  constructor(readonly appNode: AppNode) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Provisioning'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `oktaProvisioning:${this.appNode.orgApps.org.id}:${this.appNode.app.id}`;
    item.description = provisioningSummary(this.appNode.app.features);
    item.iconPath = new vscode.ThemeIcon('sync');
    item.contextValue = 'oktaProvisioning';
    return item;
  }

  children(): TreeNode[] {
    return featureRows(this.appNode.app.features).map(({ label, on }) =>
      new FactNode(label, on ? vscode.l10n.t('on') : vscode.l10n.t('off'), on ? 'pass' : 'circle-slash', on));
  }
}

type Assignment = OktaApi.OktaAppUser | OktaApi.OktaAppGroup;

/** The app's users or groups, with how many were read; the first page was read with the app, each Load more reads one more. */
export class AssignmentListNode implements TreeNode {
  private readonly paged: PagedChildren<Assignment>;
  private loaded = 0;
  private more = false;
  private count: number | undefined;

  constructor(readonly appNode: AppNode, readonly kind: 'users' | 'groups', private first: OktaApi.OktaAssignmentPage<Assignment> | undefined) {
    this.paged = new PagedChildren<Assignment>(this, (cursor, signal) => this.readPage(cursor, signal),
      (items) => items.map((assignment) => new AssignmentNode(appNode, kind === 'users' ? 'user' : 'group', assignment)),
      (error) => oktaErrorNode(`oktaAssignmentsError:${appNode.orgApps.org.id}:${appNode.app.id}:${kind}`, appNode.orgApps, error, this));
    if (first) this.counted(first);
  }

  treeItem(): vscode.TreeItem {
    const title = this.kind === 'users' ? vscode.l10n.t('Users') : vscode.l10n.t('Groups');
    const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `oktaAssignments:${this.appNode.orgApps.org.id}:${this.appNode.app.id}:${this.kind}`;
    item.description = this.count !== undefined ? String(this.count) : countLabel(this.loaded, this.more);
    item.iconPath = new vscode.ThemeIcon(this.kind === 'users' ? 'person' : 'organization');
    item.contextValue = `oktaAssignments.${this.kind}`;
    return item;
  }

  async children(context: ChildContext): Promise<TreeNode[]> {
    const nodes = await this.paged.children(context);
    if (!nodes.length) return [new MessageNode(this.kind === 'users' ? vscode.l10n.t('No user is assigned.') : vscode.l10n.t('No group is assigned.'), 'info', 'oktaMessage')];
    return nodes;
  }

  forget(): void {
    this.paged.forget();
    this.first = undefined;
    this.loaded = 0;
    this.more = false;
    this.count = undefined;
  }

  private async readPage(cursor: string | undefined, signal: AbortSignal): Promise<Page<Assignment>> {
    if (cursor === undefined && this.first) {
      const first = this.first;
      this.first = undefined;
      return first;
    }
    const session = await this.appNode.orgApps.session();
    const { id } = this.appNode.app;
    const page = this.kind === 'users' ? await session.listAppUsers(id, cursor, signal) : await session.listAppGroups(id, cursor, signal);
    if (cursor === undefined) this.loaded = 0;
    this.counted(page);
    return page;
  }

  private counted(page: OktaApi.OktaAssignmentPage<Assignment>): void {
    this.loaded += page.items.length;
    this.more = page.next !== undefined;
    this.count = page.count;
  }
}

/** One user or group assigned to the app. A user who has the app through a group is unassigned with the group. */
export class AssignmentNode implements TreeNode {
  constructor(readonly appNode: AppNode, readonly kind: 'user' | 'group', readonly assignment: Assignment) {}

  get direct(): boolean {
    return this.kind === 'group' || (this.assignment as OktaApi.OktaAppUser).scope !== 'GROUP';
  }

  get name(): string {
    const text = this.kind === 'user' ? (this.assignment as OktaApi.OktaAppUser).userName : (this.assignment as OktaApi.OktaAppGroup).name;
    return text ?? this.assignment.id;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(plainLabel(this.name) || this.assignment.id, vscode.TreeItemCollapsibleState.None);
    item.id = `oktaAssignment:${this.appNode.orgApps.org.id}:${this.appNode.app.id}:${this.kind}:${this.assignment.id}`;
    const profile = this.assignment.profile.profile;
    const parts = [
      this.kind === 'user' && !this.direct ? vscode.l10n.t('through a group') : undefined,
      this.kind === 'user' ? (this.assignment as OktaApi.OktaAppUser).status : undefined,
      typeof profile === 'string' ? profile : undefined,
    ];
    item.description = plainLabel(parts.filter(Boolean).join(' · '));
    item.tooltip = [this.name, vscode.l10n.t('ID: {0}', this.assignment.id), ...(typeof profile === 'string' ? [vscode.l10n.t('Profile: {0}', profile)] : [])].join('\n');
    item.iconPath = new vscode.ThemeIcon(this.kind === 'user' ? 'person' : 'organization');
    item.contextValue = `oktaAssignment.${this.kind}.${this.direct ? 'direct' : 'throughGroup'}`;
    return item;
  }
}

/** The node of each app, the same object on every render, so that an expanded app keeps what it read. */
class AppNodes {
  private readonly nodes = new Map<string, AppNode>();
  constructor(private readonly orgApps: OrgApps) {}

  of(apps: readonly OktaApi.OktaApp[]): AppNode[] {
    return apps.map((app) => {
      let node = this.nodes.get(app.id);
      if (!node) this.nodes.set(app.id, node = new AppNode(this.orgApps, app));
      return node;
    });
  }

  clear(): void {
    this.nodes.clear();
  }
}

/** Every app that is not a Salesforce.com instance, 200 at a time: collapsed, read only when expanded. */
export class OtherAppsNode implements TreeNode {
  private readonly paged: PagedChildren<OktaApi.OktaApp>;
  private readonly nodes: AppNodes;

  constructor(readonly orgApps: OrgApps) {
    this.nodes = new AppNodes(orgApps);
    // Without the Salesforce instances, listed above.
    this.paged = new PagedChildren<OktaApi.OktaApp>(this, (after, signal) => orgApps.reader.otherApps(after, signal),
      (apps) => this.nodes.of(apps),
    (error) => oktaErrorNode(`oktaOtherAppsError:${orgApps.org.id}`, orgApps, error, this));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Other apps'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `oktaOtherApps:${this.orgApps.org.id}`;
    item.iconPath = new vscode.ThemeIcon('folder');
    item.contextValue = 'oktaOtherApps';
    return item;
  }

  children(context: ChildContext): Promise<TreeNode[]> {
    return this.paged.children(context);
  }

  forget(): void {
    this.paged.forget();
    this.nodes.clear();
  }
}

/** Apps whose name or label starts with the text searched (Okta's `q`, on the server), paged like Other apps. */
export class SearchResultsNode implements TreeNode {
  private readonly paged: PagedChildren<OktaApi.OktaApp>;
  private readonly nodes: AppNodes;

  constructor(readonly orgApps: OrgApps, readonly text: string) {
    this.nodes = new AppNodes(orgApps);
    this.paged = new PagedChildren<OktaApi.OktaApp>(this, async (after, signal) =>
      (await orgApps.session()).listApps({ q: text, after, limit: appPageSize }, signal),
    (apps) => this.nodes.of(apps),
    (error) => oktaErrorNode(`oktaSearchError:${orgApps.org.id}`, orgApps, error, this));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Search: {0}', plainLabel(this.text, 60)), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `oktaSearch:${this.orgApps.org.id}:${this.text}`;
    item.iconPath = new vscode.ThemeIcon('search');
    item.contextValue = 'oktaSearch';
    return item;
  }

  async children(context: ChildContext): Promise<TreeNode[]> {
    const nodes = await this.paged.children(context);
    return nodes.length ? nodes : [new MessageNode(vscode.l10n.t('No app\'s name or label starts with “{0}”.', plainLabel(this.text, 60)), 'info', 'oktaMessage')];
  }

  forget(): void {
    this.paged.forget();
    this.nodes.clear();
  }
}

/**
 * What an org node shows: its Salesforce.com instances (the page the org's check read), a search's
 * results when there is one, then Other apps, collapsed. Kept until the org is refreshed.
 */
export class OrgAppsChildren {
  private readonly salesforceNodes: AppNodes;
  readonly otherApps: OtherAppsNode;
  search: SearchResultsNode | undefined;

  constructor(readonly orgApps: OrgApps) {
    this.otherApps = new OtherAppsNode(orgApps);
    this.salesforceNodes = new AppNodes(orgApps);
  }

  /** The node of a Salesforce instance, the one shown when it is. */
  nodeOf(app: OktaApi.OktaApp): AppNode {
    return this.salesforceNodes.of([app])[0];
  }

  async children(context: ChildContext): Promise<TreeNode[]> {
    let page: Page<OktaApi.OktaApp>;
    try {
      page = await this.orgApps.reader.salesforceInstances(context.signal);
    } catch (error) {
      if (context.signal.aborted) return [];
      return [oktaErrorNode(`oktaOrgError:${this.orgApps.org.id}`, this.orgApps, error, this.orgApps.orgNode)];
    }
    const nodes: TreeNode[] = this.salesforceNodes.of(page.items);
    if (!nodes.length) {
      nodes.push(new MessageNode(vscode.l10n.t('No Salesforce.com app in this org. Add one in the Admin Console: Applications → Browse App Catalog → Salesforce.com.'), 'info', 'oktaMessage'));
    } else if (page.next !== undefined) {
      nodes.push(new MessageNode(vscode.l10n.t('More than {0} Salesforce.com instances: use Search Apps… to find the others.', appPageSize), 'info', 'oktaMessage'));
    }
    if (this.search) nodes.push(this.search);
    nodes.push(this.otherApps);
    return nodes;
  }
}
