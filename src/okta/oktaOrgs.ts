import * as vscode from 'vscode';
import { lazyBundle } from '../common/lazyBundle';
import { OrgStore, type StoredOrg } from '../common/orgStore';
import { networkSettings } from '../common/settings';
import type * as OktaApi from './api/oktaApi';

export const loadOktaApi = lazyBundle<typeof OktaApi>('okta.js');

/** How an org was connected: what the global state may keep of its credential (never a token or key). */
export type OktaSignInMethod =
  | { readonly kind: 'apiToken' }
  | { readonly kind: 'serviceApp'; readonly clientId: string; readonly scopes: readonly string[] };

export interface OktaOrg extends StoredOrg {
  /** Absent on orgs stored before service apps: those were connected with an API token. */
  readonly method?: OktaSignInMethod;
}

/** What SecretStorage holds for an org: the credential as JSON; older entries hold the bare API token. */
export function parseCredential(text: string): OktaApi.OktaCredential | undefined {
  if (!text.startsWith('{')) return { kind: 'apiToken', token: text };
  try {
    const parsed = JSON.parse(text) as Partial<Record<string, unknown>>;
    if (parsed.kind === 'apiToken' && typeof parsed.token === 'string') return { kind: 'apiToken', token: parsed.token };
    if (parsed.kind === 'serviceApp' && typeof parsed.clientId === 'string' && typeof parsed.privateKey === 'string' && Array.isArray(parsed.scopes)) {
      return {
        kind: 'serviceApp', clientId: parsed.clientId, privateKey: parsed.privateKey, scopes: parsed.scopes.map(String),
        keyId: typeof parsed.keyId === 'string' ? parsed.keyId : undefined,
      };
    }
  } catch {
    // A damaged entry reads as none: the org then asks to connect again.
  }
  return undefined;
}

export const methodOf = (credential: OktaApi.OktaCredential): OktaSignInMethod => (credential.kind === 'apiToken'
  ? { kind: 'apiToken' }
  : { kind: 'serviceApp', clientId: credential.clientId, scopes: [...credential.scopes] });

/** The org's host, and for a service app that it is one (its account is the client id). */
export const oktaOrgLabel = (org: OktaOrg) => new URL(org.url).host;

/** The connected Okta orgs and a session for each from its stored credential. */
export class OktaOrgs implements vscode.Disposable {
  readonly store: OrgStore<OktaOrg>;

  constructor(context: vscode.ExtensionContext) {
    this.store = new OrgStore<OktaOrg>(context.globalState, context.secrets, 'oktaSf.okta.orgs');
  }

  list(): readonly OktaOrg[] {
    return this.store.list();
  }

  async credential(org: OktaOrg): Promise<OktaApi.OktaCredential | undefined> {
    const text = await this.store.secret(org.id);
    return text ? parseCredential(text) : undefined;
  }

  save(org: OktaOrg, credential: OktaApi.OktaCredential): Promise<void> {
    return this.store.save({ ...org, method: methodOf(credential) }, JSON.stringify(credential));
  }

  /** Signing out: the org and its secret are forgotten (an API token stays valid in Okta until revoked there). */
  remove(org: OktaOrg): Promise<void> {
    return this.store.remove(org.id);
  }

  /** A session with the org's stored credential; fails as 'unauthorized' (connect again) when none is stored. */
  async session(org: OktaOrg): Promise<OktaApi.OktaSession> {
    const credential = await this.credential(org);
    const api = loadOktaApi();
    if (!credential) throw new api.OktaFailure('unauthorized', vscode.l10n.t('No credential is stored for {0}. Connect to it again.', org.url));
    return openOktaSession(org.url, credential);
  }

  dispose(): void {
    this.store.dispose();
  }
}

export function openOktaSession(orgUrl: string, credential: OktaApi.OktaCredential): OktaApi.OktaSession {
  return loadOktaApi().openOktaSession({ orgUrl, credential, network: networkSettings() });
}
