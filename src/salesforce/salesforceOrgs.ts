import * as vscode from 'vscode';
import type { Log } from '../common/log';
import { OrgStore, type StoredOrg } from '../common/orgStore';
import { networkSettings, salesforceApiVersion } from '../common/settings';
import { cliNeedsTrust, isWorkspaceTrusted, WorkspaceNotTrusted } from '../common/workspaceTrust';
import { sameOrigin } from '../domain/orgUrls';
import type * as SalesforceApi from './api/salesforceApi';
import { loadSalesforceApi } from './salesforceBundle';

/** How an org was signed in to, which decides how its session is renewed. */
export type SignInMethod =
  /** OAuth web-server flow in the browser: renewed with the refresh token. */
  | { readonly kind: 'browser'; readonly loginUrl: string; readonly clientId: string }
  /** An org the Salesforce CLI knows: renewed by asking `sf org display` again. */
  | { readonly kind: 'sfCli'; readonly targetOrg: string }
  /** A pasted access token: not renewable. */
  | { readonly kind: 'accessToken' };

export interface SalesforceOrg extends StoredOrg {
  readonly method?: SignInMethod;
  /** The name the admin knows the org by (the Salesforce CLI alias), kept across sign-ins. */
  readonly alias?: string;
}

/** What SecretStorage holds for an org, as JSON. */
export interface SalesforceSecret {
  accessToken: string;
  refreshToken?: string;
  clientSecret?: string;
}

/** Older entries held the bare access token. */
export function parseSecret(text: string): SalesforceSecret {
  if (!text.startsWith('{')) return { accessToken: text };
  const parsed = JSON.parse(text) as Partial<SalesforceSecret>;
  return { accessToken: String(parsed.accessToken ?? ''), refreshToken: parsed.refreshToken, clientSecret: parsed.clientSecret };
}

export const orgLabel = (org: SalesforceOrg) => org.alias ?? org.account ?? new URL(org.url).host;

const activeKey = 'oktaSf.salesforce.activeOrg';

/**
 * The signed-in Salesforce orgs, the active one (what commands act on when no org is named),
 * and their sessions, renewed when Salesforce says they expired.
 */
export class SalesforceOrgs implements vscode.Disposable {
  readonly store: OrgStore<SalesforceOrg>;
  private readonly activeChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeActive = this.activeChanged.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {
    this.store = new OrgStore<SalesforceOrg>(context.globalState, context.secrets, 'oktaSf.salesforce.orgs');
  }

  list(): readonly SalesforceOrg[] {
    return this.store.list();
  }

  /** The signed-in org a script or a link names, by its id or its instance URL; a clear failure when none is. */
  named(idOrUrl: string): SalesforceOrg {
    const org = this.store.list().find((o) => o.id === idOrUrl || sameOrigin(o.url, idOrUrl));
    if (!org) throw new Error(vscode.l10n.t('The Salesforce org {0} is not signed in. Sign in to it in the Salesforce Profiles view first.', idOrUrl));
    return org;
  }

  /** The chosen org, or the only one. */
  active(): SalesforceOrg | undefined {
    const orgs = this.store.list();
    return orgs.find((org) => org.id === this.context.globalState.get<string>(activeKey)) ?? (orgs.length === 1 ? orgs[0] : undefined);
  }

  async setActive(org: SalesforceOrg): Promise<void> {
    await this.context.globalState.update(activeKey, org.id);
    this.activeChanged.fire();
  }

  async secret(org: SalesforceOrg): Promise<SalesforceSecret | undefined> {
    const text = await this.store.secret(org.id);
    return text ? parseSecret(text) : undefined;
  }

  /** Stores a signed-in org and makes it the active one; signing in again keeps its alias. */
  async save(org: SalesforceOrg, secret: SalesforceSecret): Promise<SalesforceOrg> {
    const saved = { ...org, alias: org.alias ?? this.store.get(org.id)?.alias };
    await this.context.globalState.update(activeKey, saved.id);
    await this.store.save(saved, JSON.stringify(secret));
    this.activeChanged.fire();
    return saved;
  }

  /** A session for the org's stored token, which renews itself once when it has expired. */
  async session(org: SalesforceOrg): Promise<SalesforceApi.SalesforceSession> {
    const api = loadSalesforceApi();
    const secret = await this.secret(org);
    if (!secret?.accessToken) throw new api.SalesforceFailure('sessionExpired', vscode.l10n.t('No session is stored for this org. Sign in again.'));
    return api.openSalesforceSession({
      instanceUrl: org.url, accessToken: secret.accessToken, apiVersion: salesforceApiVersion(),
      network: networkSettings(), refresh: this.refresher(org, secret),
    });
  }

  dispose(): void {
    this.store.dispose();
    this.activeChanged.dispose();
  }

  private refresher(org: SalesforceOrg, stored: SalesforceSecret): (() => Promise<string>) | undefined {
    const api = loadSalesforceApi();
    // What is stored now: each renewal may replace the refresh token too (rotation), and the next one must use the new one.
    let secret = stored;
    const renewed = async (accessToken: string, refreshToken = secret.refreshToken) => {
      secret = { ...secret, accessToken, refreshToken };
      await this.store.replaceSecret(org.id, JSON.stringify(secret));
      this.log.info(`Renewed the session of ${org.url}`);
      return accessToken;
    };
    const { method } = org;
    if (method?.kind === 'browser' && stored.refreshToken) {
      return async () => {
        const session = await api.refreshOAuthSession({
          loginUrl: method.loginUrl, clientId: method.clientId, clientSecret: secret.clientSecret,
          refreshToken: secret.refreshToken ?? '', network: networkSettings(),
        });
        return renewed(session.accessToken, session.refreshToken ?? secret.refreshToken);
      };
    }
    if (method?.kind === 'sfCli') {
      return async () => {
        // The extension starts no CLI in an untrusted folder (common/workspaceTrust), renewals included.
        if (!isWorkspaceTrusted()) {
          throw new WorkspaceNotTrusted(vscode.l10n.t('The session of {0} has expired, and the Salesforce CLI renews it. {1} (Manage Workspace Trust), then retry.', orgLabel(org), cliNeedsTrust()));
        }
        try {
          return await renewed((await api.displaySfOrg(method.targetOrg)).accessToken);
        } catch (error) {
          if (error instanceof api.SfCliFailure && error.kind === 'signInExpired') throw new api.SalesforceFailure('sessionExpired', error.message);
          throw error;
        }
      };
    }
    return undefined;
  }
}
