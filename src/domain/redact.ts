/**
 * Removes secrets from text before it reaches a log, an error message or a test's output.
 *
 * Two kinds of rule. A value is a secret by where it stands: under a key that names one (JSON,
 * JSON inside a JSON string, util.inspect output, form bodies, query strings, headers, YAML, env
 * lines, XML), after an authorization scheme, as the password of a URL, as a private JWK member.
 * Or by its shape alone: PEM private keys, Okta API tokens, Salesforce session ids (also
 * percent-encoded) and refresh tokens, JWTs (access and id tokens, DPoP proofs, client assertions).
 *
 * Time is linear in the text, whatever it holds: no pattern has a quantified part that what follows
 * it can also match, patterns that take a run of token characters start only where the run starts,
 * a value read by hand ends at a delimiter or the line's end, and the scan resumes after it.
 */
import * as l10n from '@vscode/l10n';

/** A pattern's source that matches its ASCII letters in any case (one flag set serves every rule below). */
const anyCase = (source: string) => source.replace(/(?<!\\)[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);

/**
 * Key names that hold a secret, matched at the end of the key (client_secret, clientSecret,
 * OKTA_SF_CLIENT_SECRET); `code` only as a form or query parameter.
 */
const secretKey = anyCase([
  'token', 'secret', 'passw(?:or)?d', 'pwd', 'passphrase', 'assertion', 'verifier', 'private[_-]?key(?:[_-]?pem)?',
  'api[_-]?key', 'session[_-]?id', 'sid', 'authorization', '(?<![^?&#\\s])code(?==)',
].join('|'));

/** Authorization schemes: the word before a credential in a header. */
const schemes = ['Bearer', 'DPoP', 'SSWS', 'Basic', 'OAuth'];

/**
 * Every rule but the PEM one, as alternatives of one pattern: the text is scanned once and the result
 * built once (a chain of `replace` passes spent most of its time flattening each result for the next).
 * Groups are numbered, not named: a named group's object costs more than the scan on some texts.
 */
const secrets = new RegExp([
  // 1 a secret key, its closing quote, then 2 `:` or `=`, 3 `>` closing an XML start tag, or 4 the space after
  // a command line's `--client-secret`; then 5 the opening quote of the value if any. The value is read by hand.
  // Okta's `"password": {"value": …}` counts as a value under the key.
  `((?:${secretKey})(?:\\\\?["'\`])?(?:[ \\t]*([:=])[ \\t]*(?:\\{\\s*"value"\\s*:\\s*)?|(>)|(?<=-(?:${secretKey}))([ \\t]+))(\\\\?["'\`])?)`,
  // 6 a scheme and 7 the credential after it; prose ("a Bearer token") is told apart by hand.
  `(\\b(?:${schemes.map((scheme) => anyCase(scheme.toLowerCase())).join('|')})[ \\t]+)([\\w.~+/=!%-]{8,})`,
  // 8 a URL up to its password (the Salesforce CLI's sfdxAuthUrl holds the consumer secret and refresh token there), which runs to the last @.
  '(:\\/\\/[^\\s/?#@:]*:)[^\\s/?#]*(?=@)',
  // 9 a private member of a JWK; a long base64url value tells them from short JSON fields of the same name.
  '((?<![\\w-])\\\\?["\']?(?:dp|dq|qi|d|p|q|k)\\\\?["\']?[ \\t]*:[ \\t]*\\\\?["\'])[\\w-]{16,}',
  // 10-13 secrets known by their shape alone.
  '(00D[A-Za-z0-9]{12,15}(?:!|%21|%2521)[\\w.]+)',
  '((?<![\\w-])00[\\w-]{40}(?![\\w-]))',
  '(5Aep8[\\w.]{20,})',
  '((?<![\\w-])eyJ[\\w-]*\\.[\\w.-]*)',
].join('|'), 'g');

const group = { key: 1, separator: 2, xmlTag: 3, space: 4, quote: 5, scheme: 6, credential: 7, userinfo: 8, jwkMember: 9 } as const;

/** The groups of `secrets` that take a secret whole, and what stands in its place. */
const shapes: ReadonlyArray<readonly [number, string]> = [
  [10, '[session id redacted]'], [11, '[Okta API token redacted]'], [12, '[refresh token redacted]'], [13, '[JWT redacted]'],
];

/** A scheme at the start of a value under a key ("Authorization": "Bearer …"), kept in front of the redacted credential. */
const schemePrefix = new RegExp(`(?:${schemes.join('|')})[ \\t]+`, 'iy');

/** A word of prose ("token: expired", "Bearer token"), or a scheme whose credential the scheme rule takes. */
function isProse(value: string): boolean {
  return /^[A-Z]?[a-z]+[.,;:!?]?$/.test(value) || schemes.some((scheme) => scheme.toLowerCase() === value.toLowerCase());
}

export function redact(text: string): string {
  const withoutKeys = text.includes('PRIVATE KEY')
    ? text.replace(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, '[private key redacted]')
    : text;
  return redactSecrets(withoutKeys);
}

/** The text with each match of `secrets` redacted: the span from `start` to `end` replaced by `replacement`. */
function redactSecrets(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  secrets.lastIndex = 0;
  for (let match = secrets.exec(text); match; match = secrets.exec(text)) {
    const found = redaction(text, match);
    if (!found) continue;
    parts.push(text.slice(copied, found.start), found.replacement);
    copied = secrets.lastIndex = found.end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** What to redact for one match of `secrets`, or undefined when it is no secret after all (prose, a placeholder). */
function redaction(text: string, match: RegExpExecArray): { start: number; end: number; replacement: string } | undefined {
  const matchEnd = match.index + match[0].length;
  if (match[group.key] !== undefined) {
    const start = matchEnd;
    const end = valueEnd(text, match, start);
    if (end === start) return undefined;
    schemePrefix.lastIndex = start;
    const credentialStart = schemePrefix.test(text) && schemePrefix.lastIndex < end ? schemePrefix.lastIndex : start;
    return { start: credentialStart, end, replacement: '[redacted]' };
  }
  const scheme = match[group.scheme];
  if (scheme !== undefined) {
    return isProse(match[group.credential]) ? undefined : { start: match.index + scheme.length, end: matchEnd, replacement: '[redacted]' };
  }
  const head = match[group.userinfo] ?? match[group.jwkMember];
  if (head !== undefined) return { start: match.index + head.length, end: matchEnd, replacement: '[redacted]' };
  const [, replacement] = shapes.find(([shape]) => match[shape] !== undefined) ?? [];
  return replacement === undefined ? undefined : { start: match.index, end: matchEnd, replacement };
}

/** Where the value under a key ends, reading from `start`; `start` when there is none to redact. */
function valueEnd(text: string, match: RegExpExecArray, start: number): number {
  const quote = match[group.quote];
  if (match[group.space] !== undefined && !text.startsWith('--', nameStart(text, match.index))) return start;
  if (match[group.xmlTag] !== undefined) return text[nameStart(text, match.index) - 1] === '<' ? elementEnd(text, start) : start;
  if (quote !== undefined) return quotedEnd(text, start, quote);
  return unquotedEnd(text, start, match[group.separator] ?? ' ');
}

/**
 * Where a quoted value ends: at its closing quote or the end of the line. In JSON inside a JSON
 * string (opened by `\"`), a quote after 3 backslashes (mod 4) is an escaped quote within the value;
 * after 1 it closes the value, and that backslash is part of the closing quote.
 */
function quotedEnd(text: string, start: number, quote: string): number {
  const mark = quote[quote.length - 1];
  const nested = quote.length === 2;
  for (let i = start, backslashes = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      backslashes++;
      continue;
    }
    if (char === '\n' || char === '\r') return i;
    if (char === mark && (nested ? backslashes % 4 !== 3 : backslashes % 2 === 0)) return nested ? i - (backslashes % 2) : i;
    backslashes = 0;
  }
  return text.length;
}

/**
 * An unquoted value: up to whitespace, `&`, a quote or `<>`. A `'`, `,` or `;` ends it only where a
 * closing quote or a list would (before a space, a bracket or the end): encodeURIComponent leaves `'`
 * in form values, and a password may hold any of them.
 */
const unquotedValue = /(?:[^\s&"'`<>,;]|[',;](?![\s,;)}\]]|$))*/y;

/** Where an unquoted value ends; at its start when it is a JSON object or list, the next command-line flag, or prose. */
function unquotedEnd(text: string, start: number, separator: string): number {
  if (text[start] === '{' || text[start] === '[' || (separator === ' ' && text.startsWith('--', start))) return start;
  unquotedValue.lastIndex = start;
  const value = unquotedValue.exec(text)?.[0] ?? '';
  return separator === ':' && isProse(value) ? start : start + value.length;
}

/** Where the name that ends in a secret key starts (`consumerSecret` in `<consumerSecret>`, `--client-secret`). */
function nameStart(text: string, keyStart: number): number {
  let i = keyStart;
  while (i > 0 && keyStart - i < 100 && /[\w:.-]/.test(text[i - 1])) i--;
  return i;
}

/** An element's text: up to its end tag, or the end of the line when cut off; not prose after a placeholder ("<token> was refused"). */
const elementText = /[^<\s][^<\r\n]*(?=<\/|[\r\n]|$)/y;

/** Where an element's text ends; at its start when it is none. */
function elementEnd(text: string, start: number): number {
  elementText.lastIndex = start;
  return elementText.test(text) ? elementText.lastIndex : start;
}

/** A short, redacted piece of a text for a message (an answer's body, an error): one line, never a whole HTML page. */
export function excerpt(text: string, max = 200): string {
  const flat = redact(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? l10n.t('{0}… ({1} more characters)', flat.slice(0, max), flat.length - max) : flat;
}
