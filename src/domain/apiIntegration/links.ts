/**
 * Naming an Okta app from outside the Okta Apps view: a command's argument (a script, a test) or a
 * link to the Configure API Integration form, which an admin can share:
 * vscode://okta-sf-tools.okta-salesforce-provisioning/configureApiIntegration?org=https://acme.okta.com&app=0oa…
 */
export interface AppReference {
  /** The Okta org's URL (or the extension's id for it). */
  org: string;
  appId: string;
}

/** Okta app ids are 20 letters and digits; anything else in a link is refused before a request is made with it. */
const appIdShape = /^[A-Za-z0-9]{1,64}$/;

/** The app a link names, from its path and query; undefined when it names none. */
export function appReferenceOf(path: string, query: string): AppReference | undefined {
  if (path.replace(/^\/+/, '') !== 'configureApiIntegration') return undefined;
  const params = new URLSearchParams(query);
  const org = params.get('org')?.trim();
  const appId = params.get('app')?.trim();
  return org && appId && appIdShape.test(appId) ? { org, appId } : undefined;
}

/** The link to an app's form (what appReferenceOf reads back). */
export function formLink(extensionId: string, reference: AppReference): string {
  const query = new URLSearchParams({ org: reference.org, app: reference.appId });
  return `vscode://${extensionId}/configureApiIntegration?${query.toString()}`;
}
