/**
 * What an admin gives to connect an Okta org as a service app: the private key (its shape checked
 * before anything is sent), the scopes, and what an okta.yaml file or OKTA_CLIENT_* variables
 * hold. Pure: the caller reads files and the environment, and only when the admin asks.
 * A message here never repeats a key or a token.
 */
import * as l10n from '@vscode/l10n';
import { createPrivateKey, type KeyObject } from 'node:crypto';

/** The Okta scopes the extension's features use, each with what it is used for (read when shown, in the display language). */
export const oktaScopeUses = [
  { scope: 'okta.apps.read', get use() { return l10n.t('List apps and read their settings and provisioning features'); } },
  { scope: 'okta.apps.manage', get use() { return l10n.t('Assign users and groups to an app, and unassign them; save its provisioning connection and features'); } },
  { scope: 'okta.users.read', get use() { return l10n.t('Find users to assign; show who the connection acts for'); } },
  { scope: 'okta.groups.read', get use() { return l10n.t('Find groups to assign'); } },
  { scope: 'okta.schemas.read', get use() { return l10n.t("Read an app's user schema (the Salesforce profile attribute)"); } },
  { scope: 'okta.profileMappings.read', get use() { return l10n.t('Read the attribute mappings between Okta and the app'); } },
  { scope: 'okta.logs.read', get use() { return l10n.t("Read the System Log's provisioning errors of an app (Explain Provisioning Failures)"); } },
] as const;

export type KeyCheck =
  | { ok: true; privateKey: string; format: 'pem' | 'jwk'; keyId?: string }
  | { ok: false; message: string };

/**
 * Okta accepts RSA and EC keys, but the Okta SDK (8.1.0) signs a DPoP proof with RS256 for every token
 * request, whether the app requires DPoP or not, and that fails for any other key ("unsupported
 * algorithm"): refused here, before it is stored.
 */
const onlyRsa = (type: string) => l10n.t('That is an {0} key. The Okta SDK this extension signs in with makes an RS256 proof for every token request, so only RSA keys work: add an RSA key to the service app (Admin Console: Applications → your API service app → General → Public Keys → Add key → Generate new key) and paste its private key.', type.toUpperCase());

const where = () => l10n.t('In the Admin Console: Applications → your API service app → General → Public Keys; the private key is shown (and downloadable) only when the key is generated.');

/**
 * A service app's private key as pasted or read from a file: a PEM private key (PKCS #8 or PKCS #1 RSA, or
 * SEC 1 EC) or a JWK with its private parts. An input box drops line breaks, so a PEM's body may arrive as
 * one line: it is put back into 64-character lines. The key must parse as a private key.
 */
export function checkPrivateKey(input: string): KeyCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: l10n.t('Paste the private key (PEM or JWK), or pick its file. {0}', where()) };
  if (text.startsWith('{')) return checkJwk(text);
  if (text.includes('-----BEGIN')) return checkPem(text);
  return { ok: false, message: l10n.t('That is neither a PEM private key (-----BEGIN PRIVATE KEY-----) nor a JWK (JSON starting with {0}). {1}', '{', where()) };
}

/** What a PEM label says was pasted, when it is not a private key Okta can use. */
function refusedPemLabel(label: string): string | undefined {
  if (/CERTIFICATE/.test(label)) return l10n.t("That is a certificate, not a private key. Paste the private key that belongs to the app's public key.");
  if (/PUBLIC KEY/.test(label)) return l10n.t('That is a public key. Okta keeps the public key; paste the private key that belongs to it.');
  if (label === 'ENCRYPTED PRIVATE KEY') return l10n.t('That private key is encrypted with a passphrase. Decrypt it first (openssl pkcs8 -in key.pem -out plain.pem), then paste that.');
  if (!/^(?:RSA |EC )?PRIVATE KEY$/.test(label)) return l10n.t('A PEM "{0}" block is not a private key. Paste the block that starts with -----BEGIN PRIVATE KEY-----.', label);
  return undefined;
}

function checkPem(text: string): KeyCheck {
  const block = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/.exec(text);
  if (!block) return { ok: false, message: l10n.t('The PEM block is incomplete: copy everything from -----BEGIN to the -----END line.') };
  const [, label = '', rawBody = '', endLabel] = block;
  const refused = refusedPemLabel(label);
  if (refused) return { ok: false, message: refused };
  if (endLabel !== label) return { ok: false, message: l10n.t("The PEM block's BEGIN and END lines do not match: copy the key again as one piece.") };
  const body = rawBody.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return { ok: false, message: l10n.t('The PEM block holds characters a key does not have: copy the key again as one piece.') };
  const pem = `-----BEGIN ${label}-----\n${body.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return { ok: false, message: l10n.t('The PEM block does not hold a readable private key: copy it again as one piece.') };
  }
  if (key.asymmetricKeyType !== 'rsa') return { ok: false, message: onlyRsa(key.asymmetricKeyType ?? 'unknown') };
  return { ok: true, privateKey: pem, format: 'pem' };
}

function checkJwk(text: string): KeyCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: l10n.t('The JWK is not valid JSON: copy it again as one piece, braces included.') };
  }
  const set = (parsed as { keys?: unknown }).keys;
  const jwk = Array.isArray(set) && set.length === 1 ? set[0] as Record<string, unknown> : parsed as Record<string, unknown>;
  if (Array.isArray(set) && set.length !== 1) return { ok: false, message: l10n.t('That is a key set with {0} keys: paste the one private key.', set.length) };
  if (typeof jwk !== 'object' || jwk === null || typeof jwk.kty !== 'string') return { ok: false, message: l10n.t('That JSON is not a JWK (it has no "kty").') };
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') return { ok: false, message: l10n.t('Okta service apps use RSA or EC keys; this JWK is "{0}".', jwk.kty) };
  if (typeof jwk.d !== 'string') return { ok: false, message: l10n.t('That is a public key (the JWK has no private part "d"). Okta keeps the public key; paste the private key that belongs to it.') };
  if (!parses(() => createPrivateKey({ key: jwk as never, format: 'jwk' }))) return { ok: false, message: l10n.t('The JWK does not hold a readable private key: copy it again as one piece.') };
  if (jwk.kty !== 'RSA') return { ok: false, message: onlyRsa(String(jwk.kty).toLowerCase()) };
  return { ok: true, privateKey: JSON.stringify(jwk), format: 'jwk', keyId: typeof jwk.kid === 'string' ? jwk.kid : undefined };
}

function parses(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch {
    return false;
  }
}

/** Scopes as a list or as one space-separated string (how the SDK and okta.yaml write them). */
export function scopeList(value: string | readonly string[] | undefined): string[] {
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : [...(value ?? [])];
  return [...new Set(items.map((scope) => scope.trim()).filter(Boolean))];
}

/** What okta.yaml or the environment held, the secrets included; shown only as "found". */
export interface FoundOktaConfig {
  orgUrl?: string;
  authorizationMode?: string;
  token?: string;
  clientId?: string;
  scopes?: string[];
  privateKey?: string;
  keyId?: string;
}

export type OktaYamlRead = { ok: true; config: FoundOktaConfig } | { ok: false; message: string };

/**
 * The `okta.client` section of an okta.yaml (the Okta SDKs' and the Okta CLI's shared config file).
 * Read with the YAML subset readYamlSubset documents; a private key given as a nested mapping (a JWK
 * written as YAML) is turned into JSON.
 */
export function parseOktaYaml(text: string): OktaYamlRead {
  const read = readYamlSubset(text);
  if (!read.ok) return read;
  const okta = read.value.okta;
  const client = isMapping(okta) ? okta.client : undefined;
  if (!isMapping(client)) return { ok: false, message: l10n.t('The file has no okta: client: section, so it holds no Okta connection.') };
  const textOf = (key: string) => (typeof client[key] === 'string' && client[key] !== '' ? client[key] as string : undefined);
  const scopes = client.scopes;
  const privateKey = isMapping(client.privateKey) ? JSON.stringify(client.privateKey) : textOf('privateKey');
  return {
    ok: true,
    config: {
      orgUrl: textOf('orgUrl'), authorizationMode: textOf('authorizationMode'), token: textOf('token'), clientId: textOf('clientId'),
      scopes: typeof scopes === 'string' ? scopeList(scopes) : Array.isArray(scopes) ? scopeList(scopes.filter((s) => typeof s === 'string')) : undefined,
      privateKey, keyId: textOf('keyId'),
    },
  };
}

/** The OKTA_CLIENT_* variables the Okta SDK reads (its config loader's names, upper-cased). */
export function oktaConfigFromEnvironment(env: Readonly<Record<string, string | undefined>>): FoundOktaConfig {
  const value = (name: string) => (env[`OKTA_CLIENT_${name}`]?.trim() || undefined);
  const scopes = value('SCOPES');
  return {
    orgUrl: value('ORGURL'), authorizationMode: value('AUTHORIZATIONMODE'), token: value('TOKEN'), clientId: value('CLIENTID'),
    scopes: scopes ? scopeList(scopes) : undefined, privateKey: value('PRIVATEKEY'), keyId: value('KEYID'),
  };
}

/** Values from the environment win over the file's, as in the SDK. */
export function mergeFoundConfig(file: FoundOktaConfig | undefined, env: FoundOktaConfig): FoundOktaConfig {
  const merged: FoundOktaConfig = { ...file };
  for (const [key, value] of Object.entries(env) as Array<[keyof FoundOktaConfig, never]>) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** How the config would connect: a service app when it says PrivateKey (or has a client id and key but no token). */
export function foundAuthMode(config: FoundOktaConfig): 'apiToken' | 'serviceApp' | undefined {
  const mode = config.authorizationMode?.toLowerCase();
  if (mode === 'privatekey') return 'serviceApp';
  if (mode === 'ssws') return config.token ? 'apiToken' : undefined;
  if (config.token) return 'apiToken';
  return config.clientId && config.privateKey ? 'serviceApp' : undefined;
}

const notSet = () => l10n.t('not set');

/** What may be shown of a found config: everything but the secrets, which are only said to be there. */
export function describeFoundConfig(config: FoundOktaConfig): string[] {
  const mode = foundAuthMode(config);
  return [
    l10n.t('Org URL: {0}', config.orgUrl ?? notSet()),
    l10n.t('Authentication: {0}', mode === 'serviceApp' ? l10n.t('service app (private key)') : mode === 'apiToken' ? l10n.t('API token') : l10n.t('incomplete')),
    ...(mode === 'serviceApp' || config.clientId ? [l10n.t('Client ID: {0}', config.clientId ?? notSet())] : []),
    ...(mode === 'serviceApp' || config.scopes ? [l10n.t('Scopes: {0}', config.scopes?.join(' ') || notSet())] : []),
    ...(mode === 'serviceApp' ? [l10n.t('Private key: {0}', config.privateKey ? l10n.t('found') : notSet())] : []),
    ...(mode === 'apiToken' ? [l10n.t('API token: found')] : []),
  ];
}

// ---- A YAML subset, enough for okta.yaml ----

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };
export type YamlRead = { ok: true; value: { [key: string]: YamlValue } } | { ok: false; message: string };

const isMapping = (value: unknown): value is Record<string, YamlValue> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Line {
  number: number;
  indent: number;
  text: string;
}

/**
 * Reads the YAML okta.yaml files use: block mappings (`key: value`, nested by indentation with spaces),
 * block sequences of scalars (`- item`, also at the key's own indentation), flow sequences of scalars
 * (`[a, b]`), scalars plain, 'single-quoted' or "double-quoted" (escapes \\ \" \n \t \/), literal `|` and
 * folded `>` block scalars (for PEM keys; `|-` and `>-` drop the final line break), `#` comments and
 * one leading `---`. Every scalar is a string. Anything else (anchors, aliases, tags, flow mappings,
 * mappings inside lists, several documents, tabs in indentation) is refused with its line number.
 */
export function readYamlSubset(text: string): YamlRead {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: Line[] = [];
  for (const [index, line] of raw.entries()) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^ *\t/.test(line)) return fail(index + 1, l10n.t('tabs cannot indent YAML'));
    if (/^---\s*$/.test(line)) {
      if (lines.length) return fail(index + 1, l10n.t('more than one document'));
      continue;
    }
    lines.push({ number: index + 1, indent: line.length - line.trimStart().length, text: line.trim() });
  }
  if (!lines.length) return { ok: true, value: {} };
  try {
    const reader = new SubsetReader(lines, raw);
    const value = reader.block(0);
    const left = reader.peek();
    if (left) throw new YamlError(left.number, l10n.t('unexpected indentation'));
    if (!isMapping(value)) return { ok: false, message: l10n.t('The file is not a YAML mapping (key: value lines).') };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof YamlError) return fail(error.line, error.reason);
    throw error;
  }
}

const fail = (line: number, reason: string): YamlRead => ({ ok: false, message: l10n.t('The file is not YAML this extension reads (line {0}: {1}).', line, reason) });

class YamlError extends Error {
  constructor(readonly line: number, readonly reason: string) {
    super(reason);
  }
}

const isListItem = (line: Line) => line.text === '-' || line.text.startsWith('- ');

class SubsetReader {
  private at = 0;

  constructor(private readonly lines: Line[], private readonly raw: string[]) {}

  peek(): Line | undefined {
    return this.lines[this.at];
  }

  /** A mapping or a sequence whose lines start at exactly `indent`. */
  block(indent: number): YamlValue {
    const first = this.peek();
    if (!first || first.indent !== indent) throw new YamlError(first?.number ?? 0, l10n.t('unexpected indentation'));
    return isListItem(first) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Record<string, YamlValue> {
    const result: Record<string, YamlValue> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isListItem(line)) throw new YamlError(line.number, l10n.t('a list item where a key was expected'));
      const entry = /^("[^"]*"|'[^']*'|[^\s"'#][^:#]*?)\s*:(?:\s+(.*))?$/.exec(line.text);
      if (!entry) throw new YamlError(line.number, l10n.t('expected "key: value"'));
      const key = unquote(entry[1] ?? '', line.number);
      if (Object.hasOwn(result, key)) throw new YamlError(line.number, l10n.t('the key "{0}" appears twice', key));
      this.at++;
      result[key] = this.valueAfter(entry[2], indent, line.number, true);
    }
    return result;
  }

  private sequence(indent: number): YamlValue[] {
    const result: YamlValue[] = [];
    // Ends at the first line that is no item: a compact list is followed by its mapping's next key.
    for (let line = this.peek(); line && line.indent === indent && isListItem(line); line = this.peek()) {
      const rest = line.text.slice(1).trim();
      if (/^[^"'[]\S*:(\s|$)/.test(rest)) throw new YamlError(line.number, l10n.t('mappings inside lists are not read'));
      this.at++;
      result.push(this.valueAfter(rest || undefined, indent, line.number, false));
    }
    return result;
  }

  /** The value after `key:` or `-`: inline, a block scalar, or the nested block on the next lines. */
  private valueAfter(inline: string | undefined, indent: number, lineNumber: number, ofKey: boolean): YamlValue {
    const value = inline === undefined ? '' : stripComment(inline);
    if (/^[|>][-+]?$/.test(value)) return this.blockScalar(value, indent, lineNumber);
    if (value !== '') return scalar(value, lineNumber);
    const next = this.peek();
    if (next && next.indent > indent) return this.block(next.indent);
    // `key:` followed by `- item` lines at the key's own indentation: YAML's compact list.
    if (ofKey && next && next.indent === indent && isListItem(next)) return this.sequence(indent);
    return '';
  }

  /** `|` keeps line breaks, `>` folds them into spaces; the text's indentation is that of its first line. */
  private blockScalar(header: string, indent: number, lineNumber: number): string {
    const start = this.at;
    let end = start;
    while (end < this.lines.length && (this.lines[end]?.indent ?? 0) > indent) end++;
    if (end === start) return '';
    const first = this.lines[start]?.number ?? lineNumber;
    const last = this.lines[end - 1]?.number ?? lineNumber;
    const blockIndent = this.lines[start]?.indent ?? 0;
    // Blank and #-lines inside a block scalar are text, not comments: the raw lines are read back.
    const body = this.raw.slice(first - 1, last).map((line) => line.slice(Math.min(blockIndent, line.length - line.trimStart().length)));
    this.at = end;
    const joined = header.startsWith('>') ? body.join(' ') : body.join('\n');
    return header.endsWith('-') ? joined : `${joined}\n`;
  }
}

function stripComment(text: string): string {
  if (text.startsWith('"') || text.startsWith("'")) return text.replace(/^((?:"(?:[^"\\]|\\.)*")|(?:'(?:[^']|'')*'))\s+#.*$/, '$1');
  return text.replace(/\s+#.*$/, '').trim();
}

function scalar(text: string, line: number): YamlValue {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new YamlError(line, l10n.t('an unclosed [ list'));
    const inner = text.slice(1, -1).trim();
    return inner ? inner.split(',').map((item) => unquote(item.trim(), line)) : [];
  }
  if (/^[{&*!%@`]/.test(text)) throw new YamlError(line, l10n.t('"{0}" (flow mappings, anchors, aliases, tags) is not read', text[0]));
  return unquote(text, line);
}

const escapes: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/' };

function unquote(text: string, line: number): string {
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) throw new YamlError(line, l10n.t('an unclosed or malformed "string"'));
    return text.slice(1, -1).replace(/\\(.)/g, (whole, c: string) => {
      const replaced = escapes[c];
      if (replaced === undefined) throw new YamlError(line, l10n.t('the escape {0} is not read', whole));
      return replaced;
    });
  }
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new YamlError(line, l10n.t("an unclosed 'string'"));
    return text.slice(1, -1).replace(/''/g, "'");
  }
  return text;
}
