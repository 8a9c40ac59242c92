/**
 * Validation of the org addresses an admin types in. Returns the normalized origin or a message
 * that says what to type instead; never throws on user input.
 */
export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parseOrigin(input: string, what: string, example: string): URL | string {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (!trimmed) return `Enter the ${what}, for example ${example}.`;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return `"${trimmed}" is not a web address. Enter the ${what}, for example ${example}.`;
  }
  const loopback = loopbackHosts.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return `The ${what} must start with https:// (plain http is only accepted for a local test server).`;
  }
  if (url.username || url.password) return `Remove the user name and password from the ${what}.`;
  return url;
}

/** An Okta org URL such as https://dev-123456.okta.com (the admin console host is refused). */
export function checkOktaOrgUrl(input: string): UrlCheck {
  const url = parseOrigin(input, 'Okta org URL', 'https://dev-123456.okta.com');
  if (typeof url === 'string') return { ok: false, message: url };
  const admin = /^(.+)-admin(\.(?:okta|oktapreview|okta-emea|okta-gov|okta\.mil)\.com)$/i.exec(url.hostname);
  if (admin) {
    return { ok: false, message: `That is the Admin Console address. Use the org URL instead: https://${admin[1]}${admin[2]}` };
  }
  return { ok: true, url: url.origin };
}

/** A Salesforce instance or My Domain URL such as https://acme.my.salesforce.com. */
export function checkSalesforceInstanceUrl(input: string): UrlCheck {
  const url = parseOrigin(input, 'Salesforce instance URL', 'https://acme.my.salesforce.com');
  if (typeof url === 'string') return { ok: false, message: url };
  const lightning = /^(.+)\.lightning\.force\.com$/i.exec(url.hostname);
  if (lightning) {
    return { ok: false, message: `That is the Lightning UI address. Use the API address instead: https://${lightning[1]}.my.salesforce.com` };
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
  if (!secret) return { ok: false, message: `Paste the token. ${whereToFindIt}` };
  if (/\s/.test(secret)) return { ok: false, message: 'The token contains spaces or line breaks; paste it again as one piece.' };
  return { ok: true, secret };
}
