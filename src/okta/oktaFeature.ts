import * as vscode from 'vscode';
import { failureKind } from '../common/failures';
import { disconnectOrg } from '../common/disconnectOrg';
import type { Log } from '../common/log';
import { failedStatus, OrgNode, OrgStatusTree, type OrgStatus, type OrgTreeNode } from '../common/orgStatusTree';
import { oktaAuthProvider, oktaAuthProviderId } from './oktaAuthProvider';
import type { OktaApp } from './api/oktaApi';
import { type AppCommandDeps, registerAppCommands } from './appCommands';
import type { ProcedureSignals } from '../common/procedureSignals';
import type { TreeNode } from '../common/treeNodes';
import type { AppNode } from './appNodes';
import { OktaAppsTree } from './appTree';
import { isOktaConnectRequest, OktaConnect, type OktaConnectRequest } from './oktaConnectFlow';
import { type OktaOrg, oktaOrgLabel, OktaOrgs } from './oktaOrgs';

export interface OktaFeature {
  tree: OrgStatusTree<OktaOrg>;
  orgs: OktaOrgs;
  /** An app's node in the Okta Apps view (for Assign… and a refresh of what it shows). */
  appNode(org: OktaOrg, app: OktaApp): AppNode;
}

/**
 * The Okta Apps view (each org's apps, and the commands on them), connecting Okta orgs (API token,
 * service app, okta.yaml) and signing out of them.
 */
export function registerOktaFeature(
  context: vscode.ExtensionContext, log: Log, apps: Pick<AppCommandDeps, 'reports' | 'audits' | 'assigned'> & { appChildren(node: AppNode): TreeNode[]; signals?: ProcedureSignals },
): OktaFeature {
  const orgs = new OktaOrgs(context);
  const connection = new OktaConnect(orgs, log);
  // The apps tree sees only orgs from orgs.store: each is an OktaOrg.
  const appsTree = new OktaAppsTree(orgs.store, (org) => orgs.session(org as OktaOrg), () => tree.redraw(), (node) => apps.appChildren(node));

  const tree = new OrgStatusTree<OktaOrg>(orgs.store, {
    viewId: 'oktaSf.oktaApps',
    contextValue: 'oktaOrg',
    icon: 'organization',
    connectCommand: 'oktaSf.okta.connect',
    refreshCommand: 'oktaSf.okta.refresh',
    label: oktaOrgLabel,
    // One request: the org's Salesforce.com instances, kept for its children. The account shown is
    // the one read when the org was connected (GET /api/v1/users/me, or the service app's client id).
    async check(org, signal): Promise<OrgStatus> {
      try {
        apps.signals?.readSalesforceApps(await appsTree.check(org, signal));
        return { state: 'connected', detail: org.account ?? vscode.l10n.t('connected') };
      } catch (error) {
        return failedStatus(error, failureKind(error) === 'unauthorized');
      }
    },
    children: (node, childContext) => appsTree.children(node, childContext),
    forget: (org) => appsTree.forget(org),
  }, log);

  /** Signing out (Accounts menu) forgets the org and deletes its credential from SecretStorage, as Disconnect does. */
  async function signOut(org: OktaOrg): Promise<void> {
    await orgs.remove(org);
    log.info(`Signed out of ${org.url}`);
  }

  const connect = (arg?: OrgNode<OktaOrg> | OktaConnectRequest) =>
    (isOktaConnectRequest(arg) ? connection.runRequest(arg) : connection.run(arg instanceof OrgNode ? arg.org : undefined));

  const authProvider = oktaAuthProvider(orgs, () => connection.run(), signOut);

  context.subscriptions.push(
    orgs,
    tree,
    authProvider,
    vscode.authentication.registerAuthenticationProvider(oktaAuthProviderId, 'Okta (Okta ↔ Salesforce)', authProvider, { supportsMultipleAccounts: true }),
    vscode.window.createTreeView('oktaSf.oktaApps', { treeDataProvider: tree, showCollapseAll: false }),
    vscode.commands.registerCommand('oktaSf.okta.connect', connect),
    vscode.commands.registerCommand('oktaSf.okta.refresh', (node?: OrgTreeNode<OktaOrg>) => tree.refreshNode(node)),
    vscode.commands.registerCommand('oktaSf.okta.disconnect', (node?: OrgNode<OktaOrg>) =>
      disconnectOrg(orgs.store, node?.org, vscode.l10n.t('Disconnect which Okta org?'), log)),
    ...registerAppCommands({ ...apps, log, refresh: (node) => tree.refreshNode(node), searchApps: (node, text) => appsTree.search(node, text) }),
  );
  return { tree, orgs, appNode: (org, app) => appsTree.appNode(org, app) };
}
