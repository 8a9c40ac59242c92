import * as vscode from 'vscode';
import { runConnectFlow } from '../common/connectFlow';
import { disconnectOrg } from '../common/disconnectOrg';
import { lazyBundle } from '../common/lazyBundle';
import type { Log } from '../common/log';
import { OrgStore, type StoredOrg } from '../common/orgStore';
import { OrgStatusTree, type OrgNode, type OrgStatus } from '../common/orgStatusTree';
import { proxyUrl, requestTimeoutMs, salesforceApiVersion } from '../common/settings';
import { checkPastedToken, checkSalesforceInstanceUrl } from '../domain/orgUrls';
import type * as SalesforceApi from './api/salesforceApi';

const loadSalesforceApi = lazyBundle<typeof SalesforceApi>('salesforce.js');

type SalesforceOrg = StoredOrg;

function openSession(url: string, accessToken: string): SalesforceApi.SalesforceSession {
  return loadSalesforceApi().openSalesforceSession({
    instanceUrl: url, accessToken, apiVersion: salesforceApiVersion(), requestTimeoutMs: requestTimeoutMs(), proxyUrl: proxyUrl(),
  });
}

/** The Salesforce Profiles view and the commands that sign in to and out of Salesforce orgs. */
export function registerSalesforceFeature(context: vscode.ExtensionContext, log: Log): OrgStatusTree<SalesforceOrg> {
  const store = new OrgStore<SalesforceOrg>(context.globalState, context.secrets, 'oktaSf.salesforce.orgs');

  const tree = new OrgStatusTree<SalesforceOrg>(store, {
    viewId: 'oktaSf.salesforceProfiles',
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
    vscode.window.createTreeView('oktaSf.salesforceProfiles', { treeDataProvider: tree }),
    vscode.commands.registerCommand('oktaSf.salesforce.connect', connect),
    vscode.commands.registerCommand('oktaSf.salesforce.disconnect', (node?: OrgNode<SalesforceOrg>) =>
      disconnectOrg(store, node?.org, vscode.l10n.t('Sign out of which Salesforce org?'), log)),
  );
  return tree;
}
