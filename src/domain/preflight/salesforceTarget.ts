/**
 * Which signed-in Salesforce org an Okta Salesforce app provisions: the app's settings.app.loginUrl
 * names it when it is a My Domain (or, for the sandbox, a local address); login.salesforce.com and
 * test.salesforce.com are shared by every org, so then only the admin can say (and the choice is kept).
 */
import { isGenericSalesforceLoginHost } from '../orgUrls';

export interface SignedInSalesforceOrg {
  id: string;
  /** The instance URL the org is called at. */
  url: string;
  /** Where it signed in (a browser sign-in's login URL), when known. */
  loginUrl?: string;
}

export type SalesforceTarget =
  | { kind: 'found'; orgId: string }
  /** The app names an org that is not signed in: sign in at `loginUrl`. */
  | { kind: 'notSignedIn'; loginUrl: string; host: string }
  /** The app signs in at a shared login host (or names none): the admin chooses among the signed-in orgs. */
  | { kind: 'choose'; loginUrl?: string; reason: 'sharedLoginHost' | 'noLoginUrl' }
  /** The app's login URL is not a web address. */
  | { kind: 'invalid'; loginUrl: string };

/**
 * The org for an app. `chosen` is an org the admin picked for this app before; it wins when the app's
 * login URL cannot name one, and is ignored (as stale) when the login URL names another.
 */
export function salesforceTargetOf(appLoginUrl: string | undefined, orgs: readonly SignedInSalesforceOrg[], chosen?: string): SalesforceTarget {
  const remembered = chosen !== undefined ? orgs.find((org) => org.id === chosen) : undefined;
  if (!appLoginUrl?.trim()) return remembered ? { kind: 'found', orgId: remembered.id } : { kind: 'choose', reason: 'noLoginUrl' };
  const url = URL.canParse(appLoginUrl.trim()) ? new URL(appLoginUrl.trim()) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { kind: 'invalid', loginUrl: appLoginUrl };
  if (isGenericSalesforceLoginHost(url.hostname)) {
    return remembered ? { kind: 'found', orgId: remembered.id } : { kind: 'choose', loginUrl: url.origin, reason: 'sharedLoginHost' };
  }
  const wanted = orgKey(url);
  const match = orgs.find((org) => [org.url, org.loginUrl].some((candidate) => candidate !== undefined && URL.canParse(candidate) && orgKey(new URL(candidate)) === wanted));
  return match ? { kind: 'found', orgId: match.id } : { kind: 'notSignedIn', loginUrl: url.origin, host: url.host };
}

/**
 * What identifies an org in a URL: its My Domain name when the host is one of Salesforce's My Domain
 * forms (acme.my.salesforce.com and acme.lightning.force.com are the same org; Salesforce's help page
 * "My Domain URL Formats"), else the host and port (a local sandbox on 127.0.0.1:port).
 */
function orgKey(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const myDomain = /^([a-z0-9-]+(?:--[a-z0-9-]+)?)\.(?:(sandbox|develop|scratch)\.)?(?:my\.salesforce\.com|lightning\.force\.com|my\.salesforce\.mil)$/.exec(host);
  if (myDomain) return `mydomain:${myDomain[1]}:${myDomain[2] ?? 'production'}`;
  return `host:${url.host.toLowerCase()}`;
}
