import * as vscode from 'vscode';
import { pickOrg } from '../common/orgPick';
import type { OrgStore, StoredOrg } from '../common/orgStore';
import { OrgNode } from '../common/orgStatusTree';
import { SharedPromise } from '../common/sharedPromise';
import type { ChildContext, TreeNode } from '../common/treeNodes';
import type * as OktaApi from './api/oktaApi';
import { type AppNode, type OrgApps, OrgAppsChildren, SearchResultsNode } from './appNodes';
import { OrgAppsReader } from './orgAppsReader';

/**
 * What each connected org shows in the Okta Apps view, kept per org until the org (or the view) is
 * refreshed: the tree spec's `children` and `forget`, and where Search Apps… puts its results.
 */
export class OktaAppsTree {
  private readonly orgs = new Map<string, OrgAppsChildren>();

  constructor(
    private readonly store: OrgStore<StoredOrg>,
    private readonly openSession: (org: StoredOrg) => Promise<OktaApi.OktaSession>,
    private readonly redraw: () => void,
    private readonly appChildren: (node: AppNode) => TreeNode[] = () => [],
  ) {}

  /**
   * The org's check when the view shows it: the first page of its Salesforce.com instances, kept
   * for its children (one request until they show). Throws what the read threw.
   */
  async check(org: StoredOrg, signal: AbortSignal): Promise<OktaApi.OktaApp[]> {
    return [...(await this.of(org, undefined).orgApps.reader.salesforceInstances(signal)).items];
  }

  children(node: OrgNode<StoredOrg>, context: ChildContext): Promise<TreeNode[]> {
    return this.of(node.org, node).children(context);
  }

  /** The app's node in the view (the one shown, when it is), for commands run from elsewhere, such as the Configure API Integration form. */
  appNode(org: StoredOrg, app: OktaApi.OktaApp): AppNode {
    return this.of(org, undefined).nodeOf(app);
  }

  forget(org: StoredOrg | undefined): void {
    if (org) this.orgs.delete(org.id);
    else this.orgs.clear();
  }

  /** Search Apps…: Okta's `q` on the server; the results show as a node under the org, above Other apps. Empty text clears them. */
  async search(target: unknown, text?: string): Promise<SearchResultsNode | undefined> {
    const org = target instanceof OrgNode ? target.org as StoredOrg : await pickOrg(this.store.list(), {
      title: vscode.l10n.t('Search the apps of which Okta org?'), label: (o) => new URL(o.url).host,
      none: { message: vscode.l10n.t('No Okta org is connected.'), action: { title: vscode.l10n.t('Connect to Okta…'), run: () => vscode.commands.executeCommand('oktaSf.okta.connect') } },
    });
    if (!org) return undefined;
    const typed = text ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Search Apps'), prompt: vscode.l10n.t('Apps whose name or label starts with this text (searched in Okta). Leave empty to clear the search.'),
    });
    if (typed === undefined) return undefined;
    const state = this.of(org, target instanceof OrgNode ? target : undefined);
    state.search = typed.trim() ? new SearchResultsNode(state.orgApps, typed.trim()) : undefined;
    this.redraw();
    return state.search;
  }

  private of(org: StoredOrg, node: OrgNode<StoredOrg> | undefined): OrgAppsChildren {
    let state = this.orgs.get(org.id);
    if (!state) {
      // A failed open (no stored credential) is tried again next time.
      const session = new SharedPromise<OktaApi.OktaSession>();
      const open = () => session.get(() => this.openSession(org));
      const orgApps: OrgApps = { org, orgNode: node, session: open, reader: new OrgAppsReader(open), appChildren: this.appChildren };
      state = new OrgAppsChildren(orgApps);
      this.orgs.set(org.id, state);
    }
    if (node) state.orgApps.orgNode = node;
    return state;
  }
}
