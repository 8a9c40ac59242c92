import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import { runConnectFlow } from '../common/connectFlow';
import { disconnectOrg } from '../common/disconnectOrg';
import type { Log } from '../common/log';
import { OrgStore, type StoredOrg } from '../common/orgStore';
import { OrgStatusTree, type OrgNode, type OrgStatus } from '../common/orgStatusTree';
import { proxyUrl, requestTimeoutMs, salesforceApiVersion } from '../common/settings';
import { checkPastedToken, checkSalesforceInstanceUrl } from '../domain/orgUrls';
import type * as SalesforceApi from './api/salesforceApi';
import { type AuditDeps, readAudit, registerAuditCommands } from './auditCommands';
import { orgErrorNode, ProfileNode } from './profileNodes';
import { profileRows } from './profileTreeModel';
import { loadSalesforceApi } from './salesforceBundle';


type SalesforceOrg = StoredOrg;

function openSession(url: string, accessToken: string): SalesforceApi.SalesforceSession {
  return loadSalesforceApi().openSalesforceSession({
    instanceUrl: url, accessToken, apiVersion: salesforceApiVersion(), requestTimeoutMs: requestTimeoutMs(), proxyUrl: proxyUrl(),
  });
}

/** The Salesforce Profiles view and the commands that sign in to and out of Salesforce orgs. */
export function registerSalesforceFeature(context: vscode.ExtensionContext, log: Log): OrgStatusTree<SalesforceOrg> {
  const store = new OrgStore<SalesforceOrg>(context.globalState, context.secrets, 'oktaSf.salesforce.orgs');

  const deps: AuditDeps = {
    store, log,
    async session(org) {
      const token = await store.secret(org.id);
      if (!token) throw new (loadSalesforceApi().SalesforceFailure)('sessionExpired', vscode.l10n.t('No session is stored for this org.'));
      return openSession(org.url, token);
    },
  };
  const viewId = 'oktaSf.salesforceProfiles';

  const tree = new OrgStatusTree<SalesforceOrg>(store, {
    viewId,
    contextValue: 'salesforceOrg',
    icon: 'cloud',
    connectCommand: 'oktaSf.salesforce.connect',
    label: (org) => org.account ?? new URL(org.url).host,
    async check(org, signal): Promise<OrgStatus> {
      const token = await store.secret(org.id);
      if (!token) return { state: 'failed', message: vscode.l10n.t('No session is stored for this org.'), signInAgain: true };
      try {
        await openSession(org.url, token).verify(signal);
        return { state: 'connected', detail: new URL(org.url).host };
      } catch (error) {
        const failure = error as SalesforceApi.SalesforceFailure;
        return { state: 'failed', message: failure.message, signInAgain: failure.kind === 'sessionExpired' };
      }
    },
    /** Expanding an org audits it; the tree's signal stops the read when the view is refreshed. */
    children: (node, treeSignal) => Promise.resolve(vscode.window.withProgress({ location: { viewId } }, async (_, token) => {
      try {
        const audit = await readAudit(deps, node.org, AbortSignal.any([treeSignal, abortSignalOf(token)]));
        return profileRows(audit).map((row) => new ProfileNode(node.org, audit, row));
      } catch (error) {
        if ((error as { kind?: unknown } | undefined)?.kind === 'cancelled') return [];
        log.error(`Auditing ${node.org.url} failed`, error);
        return [orgErrorNode(node, error)];
      }
    })),
  }, log);

  const connect = (node?: OrgNode<SalesforceOrg>) => runConnectFlow<SalesforceOrg>({
    title: vscode.l10n.t('Sign In to Salesforce'),
    urlPrompt: vscode.l10n.t('The org\'s instance or My Domain URL.'),
    urlPlaceholder: 'https://acme.my.salesforce.com',
    secretPrompt: vscode.l10n.t('An access token (session ID) for the org; "sf org display --target-org ALIAS" shows one. It is kept in VS Code\'s secret storage.'),
    secretName: vscode.l10n.t('access token'),
    checkUrl: checkSalesforceInstanceUrl,
    checkSecret: (v) => checkPastedToken(v, vscode.l10n.t('"sf org display --target-org ALIAS" shows the Access Token.')),
    async verify(url, token, signal) {
      const identity = await openSession(url, token).verify(signal);
      return { id: `${identity.organizationId}/${identity.userId}`, url, account: identity.username };
    },
  }, store, log, node?.org.url);

  context.subscriptions.push(
    store,
    tree,
    vscode.window.createTreeView(viewId, { treeDataProvider: tree }),
    ...registerAuditCommands(deps),
    vscode.commands.registerCommand('oktaSf.salesforce.connect', connect),
    vscode.commands.registerCommand('oktaSf.salesforce.disconnect', (node?: OrgNode<SalesforceOrg>) =>
      disconnectOrg(store, node?.org, vscode.l10n.t('Sign out of which Salesforce org?'), log)),
  );
  return tree;
}
