import * as vscode from 'vscode';
import { OrgAuthProvider } from '../common/orgAuthProvider';
import type { OktaOrg, OktaOrgs } from './oktaOrgs';

export const oktaAuthProviderId = 'oktaSf.okta';

/**
 * The connected Okta orgs in VS Code's Accounts menu. A session's scopes are the service app's; an
 * API token has none. Its access token is the org id: the credential itself stays in SecretStorage,
 * for this extension only.
 */
export function oktaAuthProvider(orgs: OktaOrgs, connect: () => Promise<OktaOrg | undefined>, signOut: (org: OktaOrg) => Promise<void>): OrgAuthProvider<OktaOrg> {
  return new OrgAuthProvider<OktaOrg>({
    store: orgs.store,
    session: (org) => ({
      id: org.id,
      accessToken: org.id,
      account: { id: org.id, label: accountLabel(org) },
      scopes: org.method?.kind === 'serviceApp' ? [...org.method.scopes] : [],
    }),
    add: connect,
    remove: signOut,
    cancelled: vscode.l10n.t('Connecting to Okta was cancelled.'),
  });
}

/** "admin@acme.com (acme.okta.com)", or the service app's client id, or the host alone. */
export function accountLabel(org: OktaOrg): string {
  const host = new URL(org.url).host;
  if (org.method?.kind === 'serviceApp') return `${org.account && org.account !== org.method.clientId ? org.account : vscode.l10n.t('service app {0}', org.method.clientId)} (${host})`;
  return org.account ? `${org.account} (${host})` : host;
}
