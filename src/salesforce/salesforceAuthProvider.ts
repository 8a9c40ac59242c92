import * as vscode from 'vscode';
import { OrgAuthProvider } from '../common/orgAuthProvider';
import { orgLabel, type SalesforceOrg, type SalesforceOrgs } from './salesforceOrgs';

export const salesforceAuthProviderId = 'oktaSf.salesforce';

/**
 * The signed-in Salesforce orgs in VS Code's Accounts menu. Sessions have no scopes: each is one
 * org's API session; an org without a stored access token has none to offer.
 */
export function salesforceAuthProvider(
  orgs: SalesforceOrgs, signIn: () => Promise<SalesforceOrg | undefined>, signOut: (org: SalesforceOrg) => Promise<void>,
): OrgAuthProvider<SalesforceOrg> {
  return new OrgAuthProvider<SalesforceOrg>({
    store: orgs.store,
    async session(org) {
      const secret = await orgs.secret(org);
      return secret?.accessToken
        ? { id: org.id, accessToken: secret.accessToken, account: { id: org.id, label: `${orgLabel(org)} (${new URL(org.url).host})` }, scopes: [] }
        : undefined;
    },
    add: signIn,
    remove: signOut,
    cancelled: vscode.l10n.t('Sign-in to Salesforce was cancelled.'),
  });
}
