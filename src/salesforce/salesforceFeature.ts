import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import type { Log } from '../common/log';
import type { ReportDocuments } from '../common/reportDocuments';
import { OrgNode, OrgStatusTree, type OrgStatus } from '../common/orgStatusTree';
import { networkSettings } from '../common/settings';
import type { OrgAudit } from '../domain/profileAudit';
import type { OrgAudits } from '../profileDiagnostics/profileDiagnosticsFeature';
import type * as SalesforceApi from './api/salesforceApi';
import { type AuditDeps, readAudit, registerAuditCommands } from './auditCommands';
import { findLocalProfileFiles } from './localProfileFiles';
import { type ProfileFilter, describeFilter, filterProfileRows } from './profileFilter';
import { MessageNode, orgErrorNode, ProfileNode } from './profileNodes';
import { profileRows } from './profileTreeModel';
import { SalesforceAuthProvider, salesforceAuthProviderId } from './salesforceAuthProvider';
import { loadSalesforceApi } from './salesforceBundle';
import { orgLabel, type SalesforceOrg, SalesforceOrgs } from './salesforceOrgs';
import { isSignInRequest, SalesforceSignIn, type SignInRequest } from './signInFlow';

export interface SalesforceFeature {
  tree: OrgStatusTree<SalesforceOrg>;
  audits: OrgAudits;
}

/** The Salesforce Profiles view, signing in to and out of Salesforce orgs, and the active org. */
export function registerSalesforceFeature(context: vscode.ExtensionContext, log: Log, reports: ReportDocuments): SalesforceFeature {
  const orgs = new SalesforceOrgs(context, log);
  const signIn = new SalesforceSignIn(orgs, context.globalState, log);
  const deps: AuditDeps = { orgs, log, reports };
  const viewId = 'oktaSf.salesforceProfiles';
  let filter: ProfileFilter = { kind: 'all' };
  /** Each expanded org's last read, kept until the tree is refreshed, so a new filter needs no new read. */
  const reads = new Map<string, { signal: AbortSignal; read: Promise<{ audit: OrgAudit; localFiles: Map<string, vscode.Uri> }> }>();
  const auditRead = new vscode.EventEmitter<OrgAudit>();
  const readOrg = (org: SalesforceOrg, treeSignal: AbortSignal, signal: AbortSignal) => {
    const cached = reads.get(org.id);
    if (cached?.signal === treeSignal) return cached.read;
    const read = Promise.all([readAudit(deps, org, signal, { activeUserCounts: true }), findLocalProfileFiles()]).then(([audit, localFiles]) => {
      auditRead.fire(audit);
      return { audit, localFiles };
    });
    reads.set(org.id, { signal: treeSignal, read });
    read.catch(() => reads.delete(org.id));
    return read;
  };

  const tree = new OrgStatusTree<SalesforceOrg>(orgs.store, {
    viewId,
    contextValue: 'salesforceOrg',
    icon: 'cloud',
    connectCommand: 'oktaSf.salesforce.connect',
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
        const failure = error as SalesforceApi.SalesforceFailure;
        return { state: 'failed', message: failure.message, signInAgain: failure.kind === 'sessionExpired' };
      }
    },
    /** Expanding an org audits it; the tree's signal stops the read when the view is refreshed. */
    children: (node, treeSignal) => Promise.resolve(vscode.window.withProgress({ location: { viewId } }, async (_, token) => {
      try {
        const { audit, localFiles } = await readOrg(node.org, treeSignal, AbortSignal.any([treeSignal, abortSignalOf(token)]));
        const rows = filterProfileRows(profileRows(audit), filter);
        if (!rows.length) return [new MessageNode(vscode.l10n.t('No profile matches the filter ({0}).', describeFilter(filter) ?? ''), 'filter')];
        return rows.map((row) => new ProfileNode(node.org, audit, row, localFiles.get(row.profile.name.toLowerCase())));
      } catch (error) {
        if ((error as { kind?: unknown } | undefined)?.kind === 'cancelled') return [];
        log.error(`Auditing ${node.org.url} failed`, error);
        return [orgErrorNode(node, error)];
      }
    })),
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

  async function pickOrg(title: string, except?: SalesforceOrg): Promise<SalesforceOrg | undefined> {
    const candidates = orgs.list().filter((org) => org.id !== except?.id);
    if (!candidates.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No other Salesforce org is signed in.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(candidates.map((org) => ({
      label: orgLabel(org), description: org.account !== orgLabel(org) ? org.account : undefined, detail: org.url, org,
    })), { title });
    return picked?.org;
  }

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
  const authProvider = new SalesforceAuthProvider(orgs, () => signIn.run(), signOut);

  const audits: OrgAudits = {
    onDidReadAudit: auditRead.event,
    async activeAudit() {
      const org = orgs.active();
      if (!org) return undefined;
      const { audit } = await readOrg(org, tree.signal, tree.signal);
      return { orgLabel: orgLabel(org), audit };
    },
  };

  context.subscriptions.push(
    orgs,
    tree,
    auditRead,
    orgs.onDidChangeActive(() => tree.redraw()),
    treeView,
    authProvider,
    vscode.authentication.registerAuthenticationProvider(salesforceAuthProviderId, 'Salesforce (Okta ↔ Salesforce)', authProvider, { supportsMultipleAccounts: true }),
    ...registerAuditCommands(deps),
    vscode.commands.registerCommand('oktaSf.salesforce.connect', (arg?: OrgNode<SalesforceOrg> | SignInRequest) =>
      (isSignInRequest(arg) ? signIn.runRequest(arg) : signIn.run(arg instanceof OrgNode ? arg.org : undefined))),
    vscode.commands.registerCommand('oktaSf.salesforce.disconnect', async (node?: OrgNode<SalesforceOrg>) => {
      const org = orgOf(node) ?? await pickOrg(vscode.l10n.t('Sign out of which Salesforce org?'));
      if (org) await signOut(org);
    }),
    vscode.commands.registerCommand('oktaSf.salesforce.filterProfiles', pickFilter),
    vscode.commands.registerCommand('oktaSf.salesforce.clearProfileFilter', () => setFilter({ kind: 'all' })),
    vscode.commands.registerCommand('oktaSf.salesforce.switchOrg', async (node?: OrgNode<SalesforceOrg>) => {
      const org = orgOf(node) ?? await pickOrg(vscode.l10n.t('Make which Salesforce org active?'), orgs.active());
      if (org) await orgs.setActive(org);
    }),
  );
  return { tree, audits };
}
