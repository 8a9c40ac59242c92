/**
 * What the provisioning pre-flight and dry run read from Salesforce about users (issue 14): the User
 * describe, turned into the pre-flight's UserDescribeField, and one SOQL query for the existing users
 * that already hold values Okta would send (a Username, a CommunityNickname, …). Both answers are the
 * org's data: anything of the wrong shape is dropped or defaulted, never trusted. No jsforce here; the
 * session (salesforceApi.ts) sends the requests.
 */
import * as l10n from '@vscode/l10n';
import type { UserDescribeField } from '../../domain/preflight/attributeChecks';
import { excerpt } from '../../domain/redact';
import { SalesforceFailure } from './salesforceFailure';

export interface UserHolding {
  id: string;
  username: string;
  isActive: boolean;
  /** Which of the asked values this user holds. */
  matches: Array<{ field: string; value: string }>;
}

/** A field or object name as Salesforce's API names them (custom fields end in __c): nothing else reaches SOQL. */
const identifier = /^[A-Za-z][A-Za-z0-9_]*$/;

export const isFieldName = (name: unknown): name is string => typeof name === 'string' && identifier.test(name);

/**
 * A SOQL string literal for any text. Escapes per Salesforce's "Quoted String Escape Sequences" (SOQL and SOSL
 * Reference): backslash and both quotes, and the control characters the page names (\n, \r, \t, \b, \f), so no
 * value can end the literal. Other characters, Unicode included, go as they are. % and _ are left alone: they
 * are wildcards only in LIKE, which callers of this function do not use.
 */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (char) => soqlEscapes[char])}'`;
}

const soqlEscapes: Readonly<Record<string, string>> = {
  '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

/** The describe's fields as the pre-flight reads them; a describe without a fields list is refused. */
export function userFieldsFromDescribe(describe: unknown, instanceUrl: string): UserDescribeField[] {
  const fields = isRecord(describe) ? describe.fields : undefined;
  if (!Array.isArray(fields)) {
    throw new SalesforceFailure('server', l10n.t("{0} answered the User describe without a list of fields, so the pre-flight cannot compare anything with it. Check that the instance URL is the Salesforce org's, and try again.", new URL(instanceUrl).host));
  }
  return fields.flatMap((raw) => {
    const field = describedField(raw);
    return field ? [field] : [];
  });
}

/**
 * One field, or nothing when it has no usable name. Missing flags read as what asks least of the push:
 * not createable or updateable, nillable, not defaulted, not unique; an unknown type as describe's own anyType.
 */
function describedField(raw: unknown): UserDescribeField | undefined {
  if (!isRecord(raw) || !isFieldName(raw.name)) return undefined;
  const field: UserDescribeField = {
    name: raw.name,
    type: typeof raw.type === 'string' && /^[a-z]+$/i.test(raw.type) ? raw.type : 'anyType',
    nillable: flag(raw.nillable, true),
    createable: flag(raw.createable, false),
    updateable: flag(raw.updateable, false),
    defaultedOnCreate: flag(raw.defaultedOnCreate, false),
    unique: flag(raw.unique, false),
    idLookup: flag(raw.idLookup, false),
  };
  if (Number.isSafeInteger(raw.length) && (raw.length as number) >= 0) field.length = raw.length as number;
  if (Array.isArray(raw.picklistValues)) field.picklistValues = raw.picklistValues.flatMap(picklistValue);
  if (typeof raw.restrictedPicklist === 'boolean') field.restrictedPicklist = raw.restrictedPicklist;
  if (Array.isArray(raw.referenceTo)) field.referenceTo = raw.referenceTo.filter(isFieldName);
  return field;
}

function picklistValue(raw: unknown): Array<{ value: string; active: boolean }> {
  return isRecord(raw) && typeof raw.value === 'string' && typeof raw.active === 'boolean' ? [{ value: raw.value, active: raw.active }] : [];
}

const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The longest query URI sent. Salesforce takes at most 16,384 bytes of URI and headers together and answers 431
 * or 414 past them (Salesforce Help, "Maximum number of rows returned by SOQL queries over the REST API",
 * article 000386264); 2,048 bytes are kept for the headers (the bearer token, jsforce's own), a guess with room
 * to spare. This binds long before SOQL's own 100,000-character statement limit ("SOQL and SOSL Limits"), since
 * the query travels percent-encoded in the URI.
 */
export const maxQueryUriBytes = 16_384 - 2_048;

export interface HoldingQuery {
  soql: string;
  /** The asked pairs, each once, that a user's row is compared with. */
  asked: Array<{ field: string; value: string }>;
}

/**
 * SELECT Id, Username, IsActive, <fields> FROM User WHERE <field> IN (…) OR …, or nothing when no value is
 * asked. Inactive users are not filtered out: they keep their Username (unique across every org) and
 * CommunityNickname. Blank values are left out: Salesforce stores blank text as null, which no user "holds".
 */
export function userHoldingQuery(values: ReadonlyArray<{ field: string; value: string }>, queryPath: string): HoldingQuery | undefined {
  const byField = new Map<string, { field: string; values: Set<string> }>();
  const asked = new Map<string, { field: string; value: string }>();
  for (const { field, value } of values) {
    if (!isFieldName(field)) throw new Error(l10n.t('"{0}" is not a Salesforce field name (letters, digits and _ , starting with a letter), so no user was looked up by it.', excerpt(String(field), 60)));
    if (typeof value !== 'string' || !value.trim()) continue;
    const group = byField.get(field.toLowerCase()) ?? { field, values: new Set<string>() };
    byField.set(field.toLowerCase(), group);
    group.values.add(value);
    asked.set(JSON.stringify([group.field.toLowerCase(), value]), { field: group.field, value });
  }
  if (!byField.size) return undefined;
  const always = new Set(['id', 'username', 'isactive']);
  const extra = [...byField.values()].map((g) => g.field).filter((f) => !always.has(f.toLowerCase()));
  const where = [...byField.values()].map((g) => `${g.field} IN (${[...g.values].map(soqlString).join(', ')})`).join(' OR ');
  const soql = `SELECT ${['Id', 'Username', 'IsActive', ...extra].join(', ')} FROM User WHERE ${where}`;
  const uriBytes = Buffer.byteLength(`${queryPath}?q=${encodeURIComponent(soql)}`);
  if (uriBytes > maxQueryUriBytes) {
    throw new Error(l10n.t('Looking up {0} values in one query would need a {1}-byte request; Salesforce takes at most 16,384 bytes of URI and headers. Check fewer values at a time.', asked.size, uriBytes.toLocaleString('en-US')));
  }
  return { soql, asked: [...asked.values()] };
}

/**
 * The users found, each with the asked values it holds, compared ignoring case as the query itself compares:
 * SOQL's = and IN ignore case except on fields both unique and case-sensitive (Salesforce's SOQL "Comparison
 * Operators"). That uniqueness of Username and CommunityNickname ignores case is a GUESS: Salesforce documents
 * no case rule for them; public Q&A on "Duplicate Username" say usernames are not case-sensitive. Federation
 * IDs are case-sensitive unless the org turns on "Make Federation ID case-insensitive" (Summer '20 release
 * notes), so a match there that differs in case only is a possible collision, still worth reporting. Row keys
 * are read ignoring case too: the org answers under each field's canonical name, whatever case the query used.
 */
export function holdingsFrom(rows: ReadonlyArray<Record<string, unknown>>, asked: HoldingQuery['asked']): UserHolding[] {
  return rows.map((row) => {
    const read = (name: string) => Object.entries(row).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    const matches = asked.filter(({ field, value }) => {
      const held = read(field);
      return typeof held === 'string' && sameText(held, value);
    });
    return { id: String(read('Id') ?? ''), username: String(read('Username') ?? ''), isActive: read('IsActive') === true, matches };
  });
}

const sameText = (a: string, b: string) => a.localeCompare(b, 'en-US', { sensitivity: 'accent' }) === 0;
