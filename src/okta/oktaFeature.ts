import * as vscode from 'vscode';
import { type ConnectFlowSpec, runConnectFlow } from '../common/connectFlow';
import { showFailure } from '../common/failures';
import { lazyBundle } from '../common/lazyBundle';
import type { Log } from '../common/log';
import { disconnectOrg } from '../common/disconnectOrg';
import { OrgStore, type StoredOrg } from '../common/orgStore';
import { OrgStatusTree, type OrgNode, type OrgStatus, type OrgTreeNode } from '../common/orgStatusTree';
import { networkSettings } from '../common/settings';
import { checkOktaOrgUrl, checkPastedToken } from '../domain/orgUrls';
import type * as OktaApi from './api/oktaApi';
import { type AppCommandDeps, registerAppCommands } from './appCommands';
import { OktaAppsTree } from './appTree';

const loadOktaApi = lazyBundle<typeof OktaApi>('okta.js');

type OktaOrg = StoredOrg;

/** Connect without the input boxes (scripts and tests): the org URL and API token, checked, verified and saved as typed ones are. */
export interface OktaConnectRequest {
  orgUrl: string;
  apiToken: string;
}

function isConnectRequest(value: unknown): value is OktaConnectRequest {
  const request = (value ?? {}) as Record<string, unknown>;
  return typeof request.orgUrl === 'string' && typeof request.apiToken === 'string';
}

/**
 * The scripted connect: the same checks, verify and save as the boxes, but a failure is shown and
 * logged without offering Try Again (nobody is there to type), and resolves to undefined.
 */
async function connectAsRequested(spec: ConnectFlowSpec<OktaOrg>, request: OktaConnectRequest, log: Log): Promise<OktaOrg | undefined> {
  const url = spec.checkUrl(request.orgUrl);
  // What was passed is never logged as is: it may be a token given in the wrong field.
  const where = url.ok ? url.url : 'an Okta org';
  try {
    if (!url.ok) throw new Error(url.message);
    const token = spec.checkSecret(request.apiToken);
    if (!token.ok) throw new Error(token.message);
    const org = await spec.verify(url.url, token.secret, new AbortController().signal);
    await spec.save(org, token.secret);
    log.info(`Connected to ${org.url}${org.account ? ` as ${org.account}` : ''}`);
    return org;
  } catch (error) {
    void showFailure(log, error, { logged: `Connecting to ${where} failed` });
    return undefined;
  }
}

function openSession(url: string, apiToken: string): OktaApi.OktaSession {
  return loadOktaApi().openOktaSession({ orgUrl: url, credential: { kind: 'apiToken', token: apiToken }, network: networkSettings() });
}

/** The Okta Apps view and the commands that connect and disconnect Okta orgs. */
export function registerOktaFeature(
  context: vscode.ExtensionContext, log: Log, apps: Pick<AppCommandDeps, 'reports' | 'audits'>,
): OrgStatusTree<OktaOrg> {
  const store = new OrgStore<OktaOrg>(context.globalState, context.secrets, 'oktaSf.okta.orgs');
  const appsTree = new OktaAppsTree(store, async (org) => {
    const token = await store.secret(org.id);
    if (!token) throw new Error(vscode.l10n.t('No API token is stored for {0}: connect to it again.', org.url));
    return openSession(org.url, token);
  }, () => tree.redraw());

  const tree = new OrgStatusTree<OktaOrg>(store, {
    viewId: 'oktaSf.oktaApps',
    contextValue: 'oktaOrg',
    icon: 'organization',
    connectCommand: 'oktaSf.okta.connect',
    label: (org) => new URL(org.url).host,
    async check(org, signal): Promise<OrgStatus> {
      const token = await store.secret(org.id);
      if (!token) return { state: 'failed', message: vscode.l10n.t('No API token is stored for this org.'), signInAgain: true };
      try {
        const identity = await openSession(org.url, token).verify(signal);
        return { state: 'connected', detail: identity.login ?? vscode.l10n.t('connected') };
      } catch (error) {
        const failure = error as OktaApi.OktaFailure;
        return { state: 'failed', message: failure.message, signInAgain: failure.kind === 'unauthorized' };
      }
    },
    children: (node, childContext) => appsTree.children(node, childContext),
    forget: (org) => appsTree.forget(org),
  }, log);

  const connectSpec: ConnectFlowSpec<OktaOrg> = {
    title: vscode.l10n.t('Connect to Okta'),
    urlPrompt: vscode.l10n.t('The Okta org URL (not the -admin address).'),
    urlPlaceholder: 'https://dev-123456.okta.com',
    secretPrompt: vscode.l10n.t('An Okta API token (Admin Console: Security → API → Tokens). It is kept in VS Code\'s secret storage.'),
    secretName: vscode.l10n.t('API token'),
    checkUrl: checkOktaOrgUrl,
    checkSecret: (v) => checkPastedToken(v, vscode.l10n.t('Create one in the Admin Console under Security → API → Tokens.')),
    async verify(url, token, signal) {
      const identity = await openSession(url, token).verify(signal);
      return { id: url, url, account: identity.login };
    },
    save: (org, token) => store.save(org, token),
  };
  const connect = (arg?: OrgNode<OktaOrg> | OktaConnectRequest) => (isConnectRequest(arg)
    ? connectAsRequested(connectSpec, arg, log)
    : runConnectFlow<OktaOrg>(connectSpec, log, arg?.org.url));

  context.subscriptions.push(
    store,
    tree,
    vscode.window.createTreeView('oktaSf.oktaApps', { treeDataProvider: tree, showCollapseAll: false }),
    vscode.commands.registerCommand('oktaSf.okta.connect', connect),
    vscode.commands.registerCommand('oktaSf.okta.refresh', (node?: OrgTreeNode<OktaOrg>) => tree.refreshNode(node)),
    vscode.commands.registerCommand('oktaSf.okta.disconnect', (node?: OrgNode<OktaOrg>) =>
      disconnectOrg(store, node?.org, vscode.l10n.t('Disconnect which Okta org?'), log)),
    ...registerAppCommands({ ...apps, log, refresh: (node) => tree.refreshNode(node), searchApps: (node, text) => appsTree.search(node, text) }),
  );
  return tree;
}
