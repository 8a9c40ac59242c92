import * as vscode from 'vscode';
import { failureKind, isCancelled } from '../common/failures';
import type { Log } from '../common/log';
import type { OrgAudits } from '../common/orgAudits';
import type { ProcedureSignals } from '../common/procedureSignals';
import { pickOrg } from '../common/orgPick';
import type { ReportDocuments } from '../common/reportDocuments';
import { failedStatus, OrgNode, OrgStatusTree, type OrgStatus, type OrgTreeNode } from '../common/orgStatusTree';
import { withRequestProgress } from '../common/requestProgress';
import { networkSettings } from '../common/settings';
import { MessageNode } from '../common/treeNodes';
import { type AuditDeps, registerAuditCommands } from './auditCommands';
import { registerIntegrationUserCommand } from './integrationUserCommand';
import { registerOrgFixCommands } from './orgFixCommands';
import { OrgAuditReads } from './orgAuditReads';
import { type ProfileFilter, describeFilter, filterProfileRows } from './profileFilter';
import { orgErrorNode, ProfileNode } from './profileNodes';
import { profileRows } from './profileTreeModel';
import { registerProjectMetadataCommands } from './projectMetadataCommands';
import { salesforceAuthProvider, salesforceAuthProviderId } from './salesforceAuthProvider';
import { loadSalesforceApi } from './salesforceBundle';
import { orgLabel, type SalesforceOrg, SalesforceOrgs } from './salesforceOrgs';
import { isLoginUrlRequest, isSignInRequest, SalesforceSignIn, type SignInRequest } from './signInFlow';

export interface SalesforceFeature {
  tree: OrgStatusTree<SalesforceOrg>;
  audits: OrgAudits;
  /** The signed-in orgs and the sign-in, for the Configure API Integration form's Authenticate. */
  orgs: SalesforceOrgs;
  signIn: SalesforceSignIn;
}

/** The Salesforce Profiles view, signing in to and out of Salesforce orgs, and the active org. */
export function registerSalesforceFeature(context: vscode.ExtensionContext, log: Log, reports: ReportDocuments, signals?: ProcedureSignals): SalesforceFeature {
  const orgs = new SalesforceOrgs(context, log);
  const signIn = new SalesforceSignIn(orgs, context.globalState, log);
  const audits = new OrgAuditReads(orgs, log);
  const deps: AuditDeps = { orgs, audits, log, reports, signInAgain: (org) => signIn.run(org) };
  const viewId = 'oktaSf.salesforceProfiles';
  let filter: ProfileFilter = { kind: 'all' };

  const tree = new OrgStatusTree<SalesforceOrg>(orgs.store, {
    viewId,
    contextValue: 'salesforceOrg',
    icon: 'cloud',
    connectCommand: 'oktaSf.salesforce.connect',
    refreshCommand: 'oktaSf.salesforce.refresh',
    label: orgLabel,
    isFirst: (org) => org.id === orgs.active()?.id,
    badge: (org) => (orgs.list().length > 1
      ? (org.id === orgs.active()?.id ? { description: vscode.l10n.t('active'), contextValue: 'active' } : { description: '', contextValue: 'inactive' })
      : undefined),
    async check(org, signal): Promise<OrgStatus> {
      try {
        await (await orgs.session(org)).verify(signal);
        return { state: 'connected', detail: new URL(org.url).host };
      } catch (error) {
        return failedStatus(error, failureKind(error) === 'sessionExpired');
      }
    },
    /** Expanding an org asks for its audit (read once until Refresh); a refreshed node stops waiting. */
    children: (node, { signal }) => Promise.resolve(withRequestProgress({ location: { viewId } }, async () => {
      try {
        const { audit, localFiles } = await audits.get(node.org, signal);
        const rows = filterProfileRows(profileRows(audit), filter);
        if (!rows.length) return [new MessageNode(vscode.l10n.t('No profile matches the filter ({0}).', describeFilter(filter) ?? ''), 'filter', 'salesforceMessage')];
        return rows.map((row) => new ProfileNode(node.org, audit, row, localFiles.get(row.profile.name.toLowerCase())));
      } catch (error) {
        if (isCancelled(error)) return [];
        log.error(`Auditing ${node.org.url} failed`, error);
        return [orgErrorNode(node, error)];
      }
    })),
    forget: (org) => audits.forget(org?.id),
  }, log);

  /** Forgets the org here and, for a browser sign-in, revokes its refresh token at Salesforce. */
  async function signOut(org: SalesforceOrg): Promise<void> {
    const secret = await orgs.secret(org);
    await orgs.store.remove(org.id);
    log.info(`Signed out of ${org.url}`);
    if (org.method?.kind === 'browser' && secret?.refreshToken) {
      await loadSalesforceApi().revokeOAuthToken(org.method.loginUrl, secret.refreshToken, networkSettings())
        .catch((error: unknown) => log.warn(`Revoking the refresh token of ${org.url} failed; revoke it in Setup → Connected Apps OAuth Usage. ${String(error)}`));
    }
  }

  const pickOtherOrg = (title: string, except?: SalesforceOrg) => pickOrg(orgs.list().filter((org) => org.id !== except?.id), {
    title, label: orgLabel, none: { message: vscode.l10n.t('No other Salesforce org is signed in.') },
  });

  const orgOf = (node?: OrgNode<SalesforceOrg>) => node?.org;
  const treeView = vscode.window.createTreeView(viewId, { treeDataProvider: tree });

  async function setFilter(next: ProfileFilter): Promise<void> {
    filter = next;
    treeView.description = describeFilter(filter);
    await vscode.commands.executeCommand('setContext', 'oktaSf.salesforce.profilesFiltered', filter.kind !== 'all');
    tree.redraw();
  }

  async function pickFilter(): Promise<void> {
    type Item = vscode.QuickPickItem & { filter?: ProfileFilter };
    const items: Item[] = [
      { label: vscode.l10n.t('All Profiles'), filter: { kind: 'all' } },
      { label: vscode.l10n.t('Failing or Warning'), description: vscode.l10n.t('profiles with findings'), filter: { kind: 'problems' } },
      { label: vscode.l10n.t('Integration Candidates'), description: vscode.l10n.t('the profiles Okta\'s integration user may have'), filter: { kind: 'candidates' } },
      { label: vscode.l10n.t('Name Contains…') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Filter Salesforce Profiles') });
    if (!picked) return;
    if (picked.filter) return setFilter(picked.filter);
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Salesforce Profiles'), prompt: vscode.l10n.t('Show the profiles whose name contains this text.'),
      value: filter.kind === 'name' ? filter.text : '',
    });
    if (text?.trim()) await setFilter({ kind: 'name', text });
  }
  const authProvider = salesforceAuthProvider(orgs, () => signIn.run(), signOut);

  context.subscriptions.push(
    orgs,
    tree,
    audits,
    orgs.onDidChangeActive(() => tree.redraw()),
    // An org signed in through the Salesforce CLI cannot renew its session in an untrusted folder: check again once trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (orgs.list().some((org) => org.method?.kind === 'sfCli')) tree.refresh();
    }),
    treeView,
    authProvider,
    vscode.authentication.registerAuthenticationProvider(salesforceAuthProviderId, 'Salesforce (Okta ↔ Salesforce)', authProvider, { supportsMultipleAccounts: true }),
    ...registerAuditCommands(deps),
    ...registerOrgFixCommands({ ...deps, state: context.globalState, redraw: () => tree.redraw() }),
    registerIntegrationUserCommand({ ...deps, state: context.globalState, redraw: () => tree.redraw() }),
    ...registerProjectMetadataCommands({ log, audits, orgs, wroteConnectedApp: () => signals?.wroteConnectedAppFiles() }),
    vscode.commands.registerCommand('oktaSf.salesforce.connect', (arg?: OrgNode<SalesforceOrg> | SignInRequest | { loginUrl: string }) => {
      if (isSignInRequest(arg)) return signIn.runRequest(arg);
      if (isLoginUrlRequest(arg)) return signIn.atLoginUrl(arg.loginUrl);
      return signIn.run(arg instanceof OrgNode ? arg.org : undefined);
    }),
    vscode.commands.registerCommand('oktaSf.salesforce.disconnect', async (node?: OrgNode<SalesforceOrg>) => {
      const org = orgOf(node) ?? await pickOtherOrg(vscode.l10n.t('Sign out of which Salesforce org?'));
      if (org) await signOut(org);
    }),
    vscode.commands.registerCommand('oktaSf.salesforce.refresh', (node?: OrgTreeNode<SalesforceOrg>) => tree.refreshNode(node)),
    vscode.commands.registerCommand('oktaSf.salesforce.filterProfiles', pickFilter),
    vscode.commands.registerCommand('oktaSf.salesforce.clearProfileFilter', () => setFilter({ kind: 'all' })),
    vscode.commands.registerCommand('oktaSf.salesforce.switchOrg', async (node?: OrgNode<SalesforceOrg>) => {
      const org = orgOf(node) ?? await pickOtherOrg(vscode.l10n.t('Make which Salesforce org active?'), orgs.active());
      if (org) await orgs.setActive(org);
    }),
  );
  return { tree, audits, orgs, signIn };
}
