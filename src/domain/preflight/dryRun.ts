/**
 * Dry run for one user (issue 14, part 2): the Salesforce User record Okta's push would create for one Okta
 * user, field by field, each value checked against Salesforce's User describe. Pure: the caller reads the
 * app's schema and mapping, the user, the describe and (through `uniqueChecks`) the org's existing users.
 * Nothing is written anywhere; values are data, kept whole (the UI cuts and escapes them).
 *
 * Rows are sorted with the fields Salesforce requires on create first, then the others, each group by
 * Salesforce field name, then app attribute: the order depends only on the input, never on the problems
 * found, so `withUniqueness` keeps it.
 *
 * A problem's `code` is Salesforce's errorCode where the check mirrors one Salesforce returns
 * (REQUIRED_FIELD_MISSING, STRING_TOO_LONG, …); a lowercase code is ours, for checks Salesforce has no
 * single code for that we are sure of.
 */
import * as l10n from '@vscode/l10n';
import { type AppAttributeMapping, type UserDescribeField, resolveField } from './attributeChecks';
import { type OktaElContext, type OktaElJson, evaluate } from './oktaExpression';

/** A User describe field; `restrictedPicklist` (describe's own property) decides whether a foreign picklist value is an error. */
export type DryRunUserField = UserDescribeField & { restrictedPicklist?: boolean };

export interface DryRunInput {
  /** The app user schema's attributes by name (raw JSON Schema properties). */
  appAttributes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The Okta user → app push mapping. */
  mappings: readonly AppAttributeMapping[];
  /** Salesforce's User describe. */
  userFields: readonly DryRunUserField[];
  /** The Okta user. */
  user: { id: string; login: string; profile: Record<string, unknown> };
  /** The user's app user profile when the user is assigned to the app (values set per assignment, e.g. profile, role). */
  appUser?: Record<string, unknown>;
}

export type DryRunOutcome =
  | { kind: 'value'; value: OktaElJson }
  | { kind: 'notEvaluated'; reason: string; position: number }
  | { kind: 'error'; message: string; position: number }
  | { kind: 'missing' };

export interface DryRunProblem {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export interface DryRunRow {
  /** The Salesforce User field (or the app attribute when no field resolves). */
  field: string;
  attribute?: string;
  source: 'mapping' | 'assignment' | 'app username' | 'none';
  expression?: string;
  outcome: DryRunOutcome;
  /** Problems with this value against describe: type, length, required on create, picklist (active values), reference. */
  problems: DryRunProblem[];
}

export interface UniqueCheck {
  field: string;
  value: string;
  /** Describe marks the field unique: a user already holding the value is an error. Otherwise (idLookup only) a warning. */
  unique: boolean;
}

export interface DryRunPlan {
  rows: DryRunRow[];
  /** Values of unique / idLookup fields to look up in the org (Username, FederationIdentifier, CommunityNickname, and any other unique or idLookup field with a text value). */
  uniqueChecks: UniqueCheck[];
}

/** An existing Salesforce user holding some of the checked values; `matches` repeats the `uniqueChecks` entries it holds. */
export interface UniqueHolder {
  id: string;
  username: string;
  isActive: boolean;
  matches: ReadonlyArray<{ field: string; value: string }>;
}

const mappingsPage = () => l10n.t('Okta Admin Console: Directory > Profile Editor > the Salesforce app > Mappings (Okta User to Salesforce)');
const assignmentPage = () => l10n.t('Okta Admin Console: Applications > the Salesforce app > Assignments > the user');
const userFieldsSetup = () => l10n.t('Salesforce Setup: Object Manager > User > Fields & Relationships');

/** Fields whose values are always looked up in the org, whatever describe's flags say. */
const alwaysChecked = new Set(['Username', 'FederationIdentifier', 'CommunityNickname']);

interface Draft { row: DryRunRow; field?: DryRunUserField }

export function planDryRun(input: DryRunInput): DryRunPlan {
  const fields = new Map(input.userFields.map((f) => [f.name.toLowerCase(), f]));
  const drafts: Draft[] = [];
  // Okta's Expression Language overview (https://developer.okta.com/docs/reference/okta-expression-language/):
  // in an Okta-to-app profile mapping, `user` and `source` both name the Okta user being pushed, and `appuser`
  // the user's profile in this app. With no assignment there is no app user: expressions reading it are not evaluated.
  const context: OktaElContext = { user: input.user.profile, source: input.user.profile, ...(input.appUser ? { appuser: input.appUser } : {}) };
  const mapped = new Set<string>();
  for (const mapping of input.mappings) {
    mapped.add(mapping.target);
    drafts.push(draft(input, fields, mapping.target, 'mapping', evaluated(mapping.expression, context), mapping.expression));
  }
  const username = fields.get('username');
  const usernameMapped = drafts.some((d) => d.field !== undefined && d.field === username);
  for (const attribute of Object.keys(input.appAttributes)) {
    if (mapped.has(attribute) || !input.appUser || !Object.hasOwn(input.appUser, attribute)) continue;
    if (username && resolveField(attribute, input.appAttributes[attribute], fields).field === username) continue;
    drafts.push(draft(input, fields, attribute, 'assignment', fromAssignment(input.appUser[attribute])));
  }
  if (!usernameMapped) drafts.push(appUsername(input, fields));
  drafts.push(...missingRequired(input, fields, drafts));
  const rows = drafts.map(validated).sort(byRequiredThenField(fields));
  return { rows, uniqueChecks: uniqueChecks(rows, fields) };
}

/** Adds the org's answer to the unique checks: a value an existing user holds is an error on that row (naming the user's Username and whether active); for idLookup-only fields a warning. */
export function withUniqueness(plan: DryRunPlan, holders: readonly UniqueHolder[]): DryRunPlan {
  const checks = new Map(plan.uniqueChecks.map((c) => [checkKey(c.field, c.value), c]));
  const rows = plan.rows.map((row) => {
    const value = row.outcome.kind === 'value' ? row.outcome.value : undefined;
    const check = typeof value === 'string' ? checks.get(checkKey(row.field, value)) : undefined;
    if (!check) return row;
    const held = holders.filter((h) => h.matches.some((m) => m.field === check.field && m.value === check.value));
    return held.length ? { ...row, problems: [...row.problems, ...held.map((h) => holderProblem(check, h))] } : row;
  });
  return { rows, uniqueChecks: plan.uniqueChecks };
}

function draft(input: DryRunInput, fields: ReadonlyMap<string, DryRunUserField>, attribute: string, source: DryRunRow['source'],
  outcome: DryRunOutcome, expression?: string): Draft {
  const definition = Object.hasOwn(input.appAttributes, attribute) ? input.appAttributes[attribute] : undefined;
  const resolved = resolveField(attribute, definition ?? {}, fields);
  const problems: DryRunProblem[] = [];
  if (!definition) {
    problems.push({
      severity: 'warning', code: 'not-in-app-schema',
      message: l10n.t("The mapping sets {0}, which the app's user schema does not list; the field was matched by name only. Fix: {1}: remove the mapping, or add the attribute to the app's profile.", attribute, mappingsPage()),
    });
  }
  if (!resolved.field) problems.push(unresolvedProblem(attribute, resolved.fieldName));
  const row: DryRunRow = { field: resolved.field?.name ?? resolved.fieldName ?? attribute, attribute, source, outcome, problems };
  if (expression !== undefined) row.expression = expression;
  return { row, field: resolved.field };
}

function unresolvedProblem(attribute: string, fieldName: string | undefined): DryRunProblem {
  if (fieldName) {
    return {
      severity: 'error', code: 'INVALID_FIELD',
      message: l10n.t("Salesforce's User describe has no field {0} (deleted, renamed, or hidden from the integration user by field-level security), so Salesforce refuses the whole create. Fix: {1}: create the field or give the integration user access to it; or remove {2} from the mapping.", fieldName, userFieldsSetup(), attribute),
    };
  }
  return {
    severity: 'warning', code: 'field-unknown',
    message: l10n.t('No User field is named like {0} and the attribute has no external name, so the dry run cannot tell which Salesforce field it fills and does not check its value.', attribute),
  };
}

function evaluated(expression: string, context: OktaElContext): DryRunOutcome {
  const result = evaluate(expression, context);
  if (result.kind === 'notEvaluated') return { kind: 'notEvaluated', reason: result.reason, position: result.position };
  return result;
}

/** A value set on the assignment, as Okta's API returns it; anything that is not JSON data is shown, not guessed at. */
function fromAssignment(value: unknown): DryRunOutcome {
  const json = jsonValue(value);
  return json === undefined ? { kind: 'notEvaluated', reason: l10n.t('The assignment holds an object, not a value the dry run knows how Okta sends.'), position: 0 } : { kind: 'value', value: json };
}

function jsonValue(value: unknown): OktaElJson | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(jsonValue);
    return items.every((item) => item !== undefined) ? (items as OktaElJson[]) : undefined;
  }
  return undefined;
}

/**
 * Username when no mapping sets it. An ASSUMPTION (no Salesforce-specific source found): Okta sends the app
 * username, which the app's "Application username format" (Sign On tab) sets; it is the app user's userName
 * when the user is assigned, and we take the Okta login (the default format, "Okta username") otherwise.
 */
function appUsername(input: DryRunInput, fields: ReadonlyMap<string, DryRunUserField>): Draft {
  const field = fields.get('username');
  const attribute = Object.keys(input.appAttributes).find((name) => field && resolveField(name, input.appAttributes[name], fields).field === field);
  const assigned = input.appUser && Object.hasOwn(input.appUser, 'userName') && typeof input.appUser.userName === 'string' ? input.appUser.userName : undefined;
  const row: DryRunRow = { field: field?.name ?? 'Username', source: 'app username', outcome: { kind: 'value', value: assigned ?? input.user.login }, problems: [] };
  if (attribute) row.attribute = attribute;
  return { row, field };
}

/** Required on create (createable, not nillable, not defaulted on create) and set by no row. */
function missingRequired(input: DryRunInput, fields: ReadonlyMap<string, DryRunUserField>, drafts: readonly Draft[]): Draft[] {
  const set = new Set(drafts.map((d) => d.field));
  return input.userFields.filter((f) => requiredOnCreate(f) && !set.has(f)).map((field) => {
    const row: DryRunRow = { field: field.name, source: 'none', outcome: { kind: 'missing' }, problems: [] };
    const attribute = Object.keys(input.appAttributes).find((name) => resolveField(name, input.appAttributes[name], fields).field === field);
    if (attribute) row.attribute = attribute;
    return { row, field };
  });
}

function requiredOnCreate(field: UserDescribeField): boolean {
  return field.createable && !field.nillable && !field.defaultedOnCreate;
}

/**
 * One value for a User field checked as the rows are (createable, required on create, type, length, picklist,
 * e-mail shape), for a User built outside Okta's push (the integration user). Undefined is a value not sent:
 * a problem only when Salesforce requires the field on create.
 */
export function checkUserValue(field: DryRunUserField, value: OktaElJson | undefined): DryRunProblem[] {
  if (value === undefined && !requiredOnCreate(field)) return [];
  const outcome: DryRunOutcome = value === undefined ? { kind: 'missing' } : { kind: 'value', value };
  return validated({ row: { field: field.name, source: 'none', outcome, problems: [] }, field }).problems;
}

function validated({ row, field }: Draft): DryRunRow {
  if (!field) return row;
  const problems = [...row.problems];
  if (!field.createable) {
    problems.push({
      severity: 'error', code: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: l10n.t('Salesforce does not let the API set {0} when creating a user, so the create fails. Fix: {1}: remove the mapping to {2}.', field.name, mappingsPage(), row.attribute ?? field.name),
    });
  }
  if (row.outcome.kind === 'missing') problems.push(requiredMissing(field, row));
  if (row.outcome.kind === 'value') problems.push(...valueProblems(field, row.outcome.value, row));
  return { ...row, problems };
}

function requiredMissing(field: UserDescribeField, row: DryRunRow): DryRunProblem {
  const fix = row.source === 'none'
    ? (row.attribute ? l10n.t("{0}: map {1}, or set it on the user's assignment ({2}).", mappingsPage(), row.attribute, assignmentPage()) : l10n.t("add an attribute for {0} to the app's profile (external name {0}) and map it.", field.name))
    : row.source === 'mapping'
      ? l10n.t('give the user a value, or change the mapping of {0} ({1}) so it never yields an empty value.', row.attribute ?? field.name, mappingsPage())
      : l10n.t('give the user a value, or change the assignment ({0}) so it never yields an empty value.', assignmentPage());
  return {
    severity: 'error', code: 'REQUIRED_FIELD_MISSING',
    message: l10n.t('Required fields are missing: [{0}]. Salesforce requires {0} on create and Okta would send no value, so the push fails. Fix: {1}', field.name, fix),
  };
}

/** Types that take JSON text and whose describe `length` limits it (references are checked as Ids instead). */
const textTypes = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox', 'encryptedstring']);
const numberTypes = new Set(['int', 'double', 'currency', 'percent']);

function valueProblems(field: DryRunUserField, value: OktaElJson, row: DryRunRow): DryRunProblem[] {
  if (value === null || value === '') return requiredOnCreate(field) ? [requiredMissing(field, row)] : [];
  if (field.type === 'multipicklist') return multiPicklistProblems(field, value);
  if (Array.isArray(value)) return [typeProblem(field, l10n.t('a list of values'))];
  if (field.type === 'boolean') return typeof value === 'boolean' ? [] : [typeProblem(field, describe(value))];
  if (numberTypes.has(field.type)) return numberProblems(field, value);
  if (field.type === 'date' || field.type === 'datetime') return dateProblems(field, value);
  if (field.type === 'reference' || field.type === 'id') return referenceProblems(field, value);
  if (textTypes.has(field.type)) return textProblems(field, value);
  return [{ severity: 'warning', code: 'type-unchecked', message: l10n.t("The dry run does not know Salesforce's type {0} and cannot check the value of {1}.", field.type, field.name) }];
}

/**
 * Text values. Length counts UTF-16 code units (JavaScript's `length`), as Salesforce counts characters:
 * its Help article 005166849 "Surrogate Pair Characters Are Treated as Two Characters" says formulas and the
 * Apex String class count a character outside the BMP (an emoji, some kanji) as two. That field-length
 * enforcement on the API counts the same way is our inference from that article.
 */
function textProblems(field: DryRunUserField, value: string | number | boolean): DryRunProblem[] {
  const problems: DryRunProblem[] = [];
  if (typeof value !== 'string') {
    problems.push({ severity: 'warning', code: 'type-converted', message: l10n.t("Okta sends {0} where Salesforce's {1} takes text; Salesforce stores its text form {2}.", describe(value), field.name, JSON.stringify(String(value))) });
  }
  const text = String(value);
  if (field.length && field.length > 0 && text.length > field.length) {
    problems.push({
      severity: 'error', code: 'STRING_TOO_LONG',
      message: l10n.t("{0}: data value too large ({1} characters, max length={2}); Salesforce refuses the create. Fix: shorten the user's value, or change the mapping so it cuts the value (String.substring(…, 0, {2})).", field.name, text.length, field.length),
    });
  }
  if (field.type === 'picklist') problems.push(...picklistProblems(field, text));
  if (field.type === 'email' && !emailShape.test(text)) problems.push(invalidEmail(field, text));
  if (field.name === 'Username' && !emailShape.test(text)) {
    problems.push({
      severity: 'error', code: 'username-not-email',
      message: l10n.t("Salesforce's Username must have the form of an e-mail address (name@example.com); {0} does not, so the create fails. Fix: Okta Admin Console: Applications > the Salesforce app > Sign On: choose an Application username format that yields an e-mail address, or map userName to one.", quoted(text)),
    });
  }
  return problems;
}

/** An approximation of Salesforce's INVALID_EMAIL_ADDRESS (the rule the sandbox uses): something@something.something, no spaces. Salesforce's own rule is stricter and unpublished. */
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalidEmail(field: UserDescribeField, text: string): DryRunProblem {
  return { severity: 'error', code: 'INVALID_EMAIL_ADDRESS', message: l10n.t("{0}: invalid email address: {1}; Salesforce refuses the create. Fix: correct the user's e-mail in Okta or the mapping that builds it.", field.name, quoted(text)) };
}

function picklistProblems(field: DryRunUserField, text: string): DryRunProblem[] {
  const listed = field.picklistValues?.find((v) => v.value === text);
  if (listed?.active) return [];
  const fix = l10n.t('Fix: give the user one of the {0} active values ({1} > {2} lists them), or change the mapping so it yields one.',
    field.picklistValues?.filter((v) => v.active).length ?? 0, userFieldsSetup(), field.name);
  const unknownMessage = listed
    ? l10n.t("{0} is an inactive value of Salesforce's {1}; the picklist is not restricted, so Salesforce stores it anyway. {2}", quoted(text), field.name, fix)
    : l10n.t("{0} is not one of the values of Salesforce's {1}; the picklist is not restricted, so Salesforce stores it anyway. {2}", quoted(text), field.name, fix);
  const refusedMessage = listed
    ? l10n.t('{0}: bad value for restricted picklist field: {1} is an inactive value; Salesforce refuses the create. {2}', field.name, quoted(text), fix)
    : l10n.t('{0}: bad value for restricted picklist field: {1} is not one of its values; Salesforce refuses the create. {2}', field.name, quoted(text), fix);
  return field.restrictedPicklist === false
    ? [{ severity: 'warning', code: 'picklist-value-unknown', message: unknownMessage }]
    // Describe's restrictedPicklist absent is read as restricted: User's locale, time zone, language and encoding keys are (Salesforce's INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST).
    : [{ severity: 'error', code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: refusedMessage }];
}

function multiPicklistProblems(field: DryRunUserField, value: OktaElJson): DryRunProblem[] {
  const items = Array.isArray(value) ? value : String(value).split(';');
  return items.flatMap((item) => picklistProblems(field, String(item)));
}

function numberProblems(field: DryRunUserField, value: string | number | boolean): DryRunProblem[] {
  const num = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(num)) return [typeProblem(field, describe(value))];
  if (field.type === 'int' && !Number.isInteger(num)) return [typeProblem(field, l10n.t('the fraction {0}', num))];
  return typeof value === 'string'
    ? [{ severity: 'warning', code: 'type-converted', message: l10n.t("Okta sends the text {0} where Salesforce's {1} takes a number; whether Salesforce converts it is not documented.", quoted(value), field.name) }]
    : [];
}

/** ISO 8601 as Salesforce's REST API takes it: a date YYYY-MM-DD; a dateTime with a time and a zone. */
const dateShape = /^\d{4}-\d{2}-\d{2}$/;
const dateTimeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function dateProblems(field: DryRunUserField, value: string | number | boolean): DryRunProblem[] {
  const shape = field.type === 'date' ? dateShape : dateTimeShape;
  if (typeof value === 'string' && shape.test(value)) return [];
  const notIso = field.type === 'date'
    ? (text: string) => l10n.t('the text {0}, not an ISO 8601 date (YYYY-MM-DD)', quoted(text))
    : (text: string) => l10n.t('the text {0}, not an ISO 8601 date and time', quoted(text));
  return [typeProblem(field, typeof value === 'string' ? notIso(value) : describe(value))];
}

/** A Salesforce record Id: 15 or 18 letters and digits. */
const idShape = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Reference fields take a record Id. Profile and role are the exception, and a GUESS: Okta's Salesforce app
 * lets the admin pick the Salesforce profile and role by name on each assignment (its profile attribute holds
 * e.g. "Marketing User") and resolves the name to an Id itself; no Okta page states the resolution, it is
 * what admins describe (e.g. picking "Profile: DoBC Benefits User" on assignment). So a name there is info.
 */
function referenceProblems(field: DryRunUserField, value: string | number | boolean): DryRunProblem[] {
  const text = String(value);
  if (typeof value === 'string' && idShape.test(text)) return [];
  if (field.name === 'ProfileId' || field.name === 'UserRoleId') {
    return [{
      severity: 'info', code: 'name-resolved-by-okta',
      message: field.name === 'ProfileId'
        ? l10n.t("Okta sends a name ({0}) for {1}; the Okta integration resolves profile/role names itself (our reading of how Okta's Salesforce app works, not a documented rule). Check that a Salesforce profile has exactly this name.", quoted(text), field.name)
        : l10n.t("Okta sends a name ({0}) for {1}; the Okta integration resolves profile/role names itself (our reading of how Okta's Salesforce app works, not a documented rule). Check that a Salesforce role has exactly this name.", quoted(text), field.name),
    }];
  }
  const to = field.referenceTo?.length ? field.referenceTo.join(l10n.t(' or ')) : l10n.t('record');
  return [{
    severity: 'warning', code: 'not-an-id',
    message: l10n.t("Salesforce's {0} takes the Id of a {1} (15 or 18 letters and digits); {2} is not one, so Salesforce is likely to refuse it (FIELD_INTEGRITY_EXCEPTION). Fix: {3}: map an expression that yields the {1} Id.", field.name, to, quoted(text), mappingsPage()),
  }];
}

/** INVALID_TYPE_ON_FIELD_IN_RECORD is Salesforce's code for a value of the wrong type (the sandbox uses it for booleans); over REST a number field may answer JSON_PARSER_ERROR instead, a guess we do not distinguish. */
function typeProblem(field: UserDescribeField, what: string): DryRunProblem {
  return {
    severity: 'error', code: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
    message: l10n.t("{0}: value not of required type: Okta sends {1} where Salesforce's {0} takes {2}. Fix: change the user's value or the mapping so it yields {2}.", field.name, what, expected(field.type)),
  };
}

function expected(type: string): string {
  if (type === 'boolean') return l10n.t('true or false');
  if (type === 'int') return l10n.t('a whole number');
  if (numberTypes.has(type)) return l10n.t('a number');
  if (type === 'date') return l10n.t('a date (YYYY-MM-DD)');
  if (type === 'datetime') return l10n.t('an ISO 8601 date and time');
  if (type === 'multipicklist') return l10n.t('picklist values');
  return 'text';
}

function describe(value: OktaElJson): string {
  if (Array.isArray(value)) return l10n.t('a list of values');
  if (typeof value === 'string') return l10n.t('the text {0}', quoted(value));
  return l10n.t('the {0} {1}', typeof value, String(value));
}

/** A value inside a message: quoted and cut (the whole value stays in the row's outcome). */
function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

function uniqueChecks(rows: readonly DryRunRow[], fields: ReadonlyMap<string, DryRunUserField>): UniqueCheck[] {
  const checks = new Map<string, UniqueCheck>();
  for (const row of rows) {
    const field = fields.get(row.field.toLowerCase());
    if (!field || row.outcome.kind !== 'value' || typeof row.outcome.value !== 'string' || row.outcome.value === '') continue;
    if (!field.unique && !field.idLookup && !alwaysChecked.has(field.name)) continue;
    const key = checkKey(field.name, row.outcome.value);
    if (!checks.has(key)) checks.set(key, { field: field.name, value: row.outcome.value, unique: field.unique === true });
  }
  return [...checks.values()];
}

function checkKey(field: string, value: string): string {
  return `${field}\u0000${value}`;
}

function holderProblem(check: UniqueCheck, holder: UniqueHolder): DryRunProblem {
  const who = holder.isActive ? l10n.t('{0} (active)', quoted(holder.username)) : l10n.t('{0} (inactive)', quoted(holder.username));
  if (!check.unique) {
    return {
      severity: 'warning', code: 'id-lookup-match',
      message: l10n.t('The existing Salesforce user {0} already has {1} {2}; {1} identifies users, so this value may point at that user rather than the new one. Fix: give the Okta user a value no Salesforce user holds, or link the two accounts.', who, check.field, quoted(check.value)),
    };
  }
  const code = check.field === 'Username' ? 'DUPLICATE_USERNAME' : 'DUPLICATE_VALUE';
  return {
    severity: 'error', code,
    message: holder.isActive
      ? l10n.t('The existing Salesforce user {0} already has {1} {2}, which must be unique, so Salesforce refuses the create ({3}). Fix: give the Okta user another value.', who, check.field, quoted(check.value), code)
      : l10n.t("The existing Salesforce user {0} already has {1} {2}, which must be unique, so Salesforce refuses the create ({3}). Fix: give the Okta user another value, or change the inactive user's value in Salesforce (inactive users keep theirs).", who, check.field, quoted(check.value), code),
  };
}

function byRequiredThenField(fields: ReadonlyMap<string, DryRunUserField>): (a: DryRunRow, b: DryRunRow) => number {
  const rank = (row: DryRunRow) => {
    const field = fields.get(row.field.toLowerCase());
    return field && requiredOnCreate(field) ? 0 : 1;
  };
  return (a, b) => rank(a) - rank(b) || compare(a.field, b.field) || compare(a.attribute ?? '', b.attribute ?? '') || compare(a.source, b.source);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
