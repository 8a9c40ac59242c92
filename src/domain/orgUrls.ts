import * as l10n from '@vscode/l10n';
import { redact } from './redact';

/**
 * Validation of the org addresses an admin types in. Returns the normalized origin or a message
 * that says what to type instead; never throws on user input. A message never repeats what was
 * typed: a token pasted into the wrong box must not reach the screen, a log or a DNS lookup.
 */
export type UrlCheck =
  /** `note` says what was corrected, e.g. an Admin Console host taken for its org URL. */
  | { ok: true; url: string; note?: string }
  | { ok: false; message: string };

/** This machine: localhost, ::1 and all of 127.0.0.0/8 (as the request policy's isLoopback). A local test server may use plain http. */
const isLoopbackHost = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** Scheme, then userinfo (up to the last @), then the host and an optional port, as typed. */
const authority = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:([^/?#]*)@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::[^/?#]*)?/i;

function parseOrigin(input: string, what: string, example: string): URL | string {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (!trimmed) return l10n.t('Enter the {0}, for example {1}.', what, example);
  const [, userinfo, host = ''] = authority.exec(trimmed) ?? [];
  if (userinfo !== undefined) return l10n.t('Remove the user name and password from the {0}.', what);
  const implausible = implausibleHost(host);
  if (implausible) return l10n.t('{0} Enter the {1}, for example {2}.', implausible, what, example);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return l10n.t('That is not a web address. Enter the {0}, for example {1}.', what, example);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return l10n.t('The {0} must start with https:// (plain http is only accepted for a local test server).', what);
  }
  if (url.username || url.password) return l10n.t('Remove the user name and password from the {0}.', what);
  return url;
}

/**
 * Why the host, as typed (before URL lowercases it), cannot be an org's: characters only secrets
 * have (`!`, `%21`, `_`: no certificate authority signs a name with an underscore), a label longer
 * than DNS allows, a single label other than localhost, or the shape of a token (a JWT's `eyJ…`,
 * a Salesforce refresh token). Undefined when it is a plausible host name.
 */
function implausibleHost(host: string): string | undefined {
  const notAnAddress = l10n.t('That is not a web address.');
  if (/^\[[0-9a-f:.]+\]$/i.test(host)) return undefined;
  if (!host) return notAnAddress;
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(host)) return l10n.t('That is not a web address. A host name holds only letters, digits, dots and hyphens.');
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length > 253 || labels.some((label) => label.length > 63)) return l10n.t('That is not a web address. It is longer than a host name can be.');
  if (labels.some((label) => !label || label.startsWith('-') || label.endsWith('-'))) return notAnAddress;
  if (labels.length === 1 && host.toLowerCase() !== 'localhost') return l10n.t('That is not a full host name: it needs its domain too.');
  if (redact(host) !== host) return l10n.t('That looks like a token, not a web address; a token never goes in this box.');
  return undefined;
}

/** An Okta org URL such as https://dev-123456.okta.com; the Admin Console host is corrected to it, with a note. */
export function checkOktaOrgUrl(input: string): UrlCheck {
  const origin = parseOrigin(input, l10n.t('Okta org URL'), 'https://dev-123456.okta.com');
  if (typeof origin === 'string') return { ok: false, message: origin };
  // The US military cell is okta.mil, not a .com (the Okta .NET SDK's UrlHelper tests list its org hosts); that its
  // Admin Console follows the same -admin rule as the other cells is a guess.
  const admin = /^(.+)-admin(\.(?:(?:okta|oktapreview|okta-emea|okta-gov)\.com|okta\.mil))$/i.exec(origin.hostname);
  if (admin) {
    const url = `https://${admin[1]}${admin[2]}`;
    return { ok: true, url, note: l10n.t('That is the Admin Console address; the org URL {0} is used instead.', url) };
  }
  return { ok: true, url: origin.origin };
}

/** A Salesforce instance or My Domain URL such as https://acme.my.salesforce.com. */
export function checkSalesforceInstanceUrl(input: string): UrlCheck {
  const url = parseOrigin(input, l10n.t('Salesforce instance URL'), 'https://acme.my.salesforce.com');
  if (typeof url === 'string') return { ok: false, message: url };
  return lightningHostRefused(url) ?? { ok: true, url: url.origin };
}

function lightningHostRefused(url: URL): UrlCheck | undefined {
  const lightning = /^(.+)\.lightning\.force\.com$/i.exec(url.hostname);
  if (!lightning) return undefined;
  return { ok: false, message: l10n.t('That is the Lightning UI address. Use the API address instead: https://{0}.my.salesforce.com', lightning[1]) };
}

/**
 * Where Salesforce signs users in (Salesforce's "My Domain URL Formats" help): login.salesforce.com for
 * production, test.salesforce.com for sandboxes, or the org's My Domain, *.my.salesforce.com (sandboxes
 * *.sandbox.my.salesforce.com, Developer Edition *.develop.my.salesforce.com, scratch orgs
 * *.scratch.my.salesforce.com). Government Cloud Plus My Domains end in .my.salesforce.mil: read from
 * public Salesforce material on that cloud, not from the My Domain formats page, so a guess.
 */
const myDomainHost = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.my\.salesforce\.(?:com|mil)\.?$/i;
const genericLoginHost = /^(?:login|test)\.salesforce\.com\.?$/i;

/** login.salesforce.com or test.salesforce.com: shared by every org, unlike a My Domain. */
export function isGenericSalesforceLoginHost(hostname: string): boolean {
  return genericLoginHost.test(hostname);
}

/**
 * A Salesforce login host: login.salesforce.com, test.salesforce.com or a My Domain; plain http only
 * for a local test server (the sandbox), as everywhere else. Another host is refused: the consumer
 * secret is sent to it.
 */
export function checkSalesforceLoginUrl(input: string): UrlCheck {
  const url = parseOrigin(input, l10n.t('Salesforce login host'), 'https://login.salesforce.com');
  if (typeof url === 'string') return { ok: false, message: url };
  const refused = lightningHostRefused(url);
  if (refused) return refused;
  if (!isLoopbackHost(url.hostname) && !genericLoginHost.test(url.hostname) && !myDomainHost.test(url.hostname)) {
    return {
      ok: false,
      message: l10n.t("That is not a Salesforce login host. Enter https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or the org's My Domain, such as https://acme.my.salesforce.com (Setup > My Domain shows it)."),
    };
  }
  return { ok: true, url: url.origin };
}

export type SecretCheck = { ok: true; secret: string } | { ok: false; message: string };

/**
 * Accepts a pasted token with or without its authorization scheme ("SSWS ", "Bearer ") and
 * refuses one with whitespace inside, which is always a paste gone wrong.
 */
export function checkPastedToken(input: string, whereToFindIt: string): SecretCheck {
  const secret = input.trim().replace(/^(SSWS|Bearer)\s+/i, '');
  if (!secret) return { ok: false, message: l10n.t('Paste the token. {0}', whereToFindIt) };
  if (/\s/.test(secret)) return { ok: false, message: l10n.t('The token contains spaces or line breaks; paste it again as one piece.') };
  return { ok: true, secret };
}

/** Two addresses of the same origin (scheme, host and port); text that is no address matches nothing. */
export function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}
