/**
 * Attribute pre-flight (issue 14, part 1): will Salesforce accept the users Okta's Salesforce app pushes?
 * Compares three descriptions, all read from the orgs and all treated as data: the app's user schema
 * (Okta's GET /api/v1/meta/schemas/apps/{appId}/default, base and custom merged), the Okta-to-app
 * profile mapping (target attribute → Okta Expression Language text and pushStatus), and Salesforce's
 * sobjects/User/describe. No expression is evaluated here (the dry run does that); a check that cannot
 * decide says so as a finding.
 */
import * as l10n from '@vscode/l10n';

export type PreflightSeverity = 'error' | 'warning' | 'info';

/** One property of the mapping Okta → app (the spec's ProfileMappingProperty), keyed by the app attribute. */
export interface AppAttributeMapping {
  /** The app user schema attribute the expression fills. */
  target: string;
  /** Okta Expression Language text, as Okta stores it. */
  expression: string;
  /** PUSH: applied on create and update; DONT_PUSH: on create only. Absent is read as PUSH (Okta's default). */
  pushStatus?: string;
}

/** A field of Salesforce's User describe, the properties the checks read. */
export interface UserDescribeField {
  name: string;
  type: string;
  length?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  picklistValues?: ReadonlyArray<{ value: string; active: boolean }>;
  /** Salesforce refuses values outside the picklist (describe's restrictedPicklist). */
  restrictedPicklist?: boolean;
  unique?: boolean;
  idLookup?: boolean;
  referenceTo?: readonly string[];
}

export interface AttributeCheckInput {
  /** The app user schema's attributes by name, each Okta's raw JSON Schema property (OktaAppUserSchema.attributes). */
  appAttributes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  mappings: readonly AppAttributeMapping[];
  userFields: readonly UserDescribeField[];
  /** The Okta user profile's attributes, when read: a mapping `user.x` then borrows x's maxLength. */
  sourceAttributes?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export type PreflightCode =
  | 'field-missing' | 'field-unknown' | 'target-not-in-schema' | 'not-createable' | 'not-updateable'
  | 'type-mismatch' | 'type-unchecked' | 'too-long' | 'length-unknown' | 'required-unmapped' | 'required-assignment-only'
  | 'required-username' | 'picklist-mismatch' | 'picklist-unchecked' | 'reference-value' | 'collision-risk'
  | 'expression-invalid' | 'expression-unsupported' | 'mapping-missing';

export interface PreflightFinding {
  code: PreflightCode;
  severity: PreflightSeverity;
  /** The app attribute (Okta side), or the Salesforce field when no app attribute stands for it. */
  attribute: string;
  salesforceField?: string;
  /** The two sides' definitions in short text, e.g. "string, maxLength 100" and "string(20), required on create". */
  okta: string;
  salesforce: string;
  message: string;
  /** Where to fix it: an Okta Admin Console or Salesforce Setup path, and what to change. */
  fix: string;
  /** For an expression finding: the expression and the character offset (from 0) the finding is about. */
  expression?: string;
  position?: number;
}

const profileEditor = () => l10n.t("Okta Admin Console: Directory > Profile Editor > the Salesforce app's profile");
const mappingsPage = () => l10n.t('Okta Admin Console: Directory > Profile Editor > the Salesforce app > Mappings (Okta User to Salesforce)');
const userFieldsSetup = () => l10n.t('Salesforce Setup: Object Manager > User > Fields & Relationships');

/**
 * Okta attribute names of the Salesforce app that do not match their User field by case alone. Used only
 * when the schema gives no `externalName`. A GUESS: Okta publishes no list of the Salesforce app's
 * attributes that we found (its help page "Add attributes to a Salesforce profile" only describes schema
 * discovery); the names follow Okta's usual app-profile names. Every other name is matched to a User field
 * ignoring case (employeeNumber → EmployeeNumber), also a guess, reported as such in the finding.
 */
const knownFieldNames: Readonly<Record<string, string>> = {
  userName: 'Username',
  profile: 'ProfileId',
  role: 'UserRoleId',
  federationId: 'FederationIdentifier',
  managerId: 'ManagerId',
};

/** All findings, errors first, then by attribute name (stable for reports and tests). */
export function checkAttributes(input: AttributeCheckInput): PreflightFinding[] {
  const fields = new Map(input.userFields.map((f) => [f.name.toLowerCase(), f]));
  const findings: PreflightFinding[] = [];
  const covered = new Map<string, 'mapped' | 'assignment'>();

  for (const mapping of input.mappings) {
    const definition = own(input.appAttributes, mapping.target);
    if (!definition) {
      findings.push(targetNotInSchema(mapping));
      continue;
    }
    const resolved = resolveField(mapping.target, definition, fields);
    if (!resolved.field) {
      findings.push(unresolved(mapping.target, definition, resolved));
      continue;
    }
    covered.set(resolved.field.name, 'mapped');
    findings.push(...checkMapped(mapping, definition, resolved.field, input.sourceAttributes));
  }

  for (const [name, definition] of Object.entries(input.appAttributes)) {
    const field = resolveField(name, definition, fields).field;
    if (field && !covered.has(field.name)) covered.set(field.name, 'assignment');
  }
  findings.push(...requiredOnCreate(input, covered));
  return findings.sort(bySeverityThenAttribute);
}

export interface Resolution { field?: UserDescribeField; fieldName?: string; how: 'externalName' | 'table' | 'case' | 'none' }

/** The User field an app attribute writes: its externalName, else the table above, else a same-name field ignoring case. */
export function resolveField(attribute: string, definition: Readonly<Record<string, unknown>>, fields: ReadonlyMap<string, UserDescribeField>): Resolution {
  const external = text(definition.externalName);
  if (external) return { field: fields.get(external.toLowerCase()), fieldName: external, how: 'externalName' };
  const listed = own(knownFieldNames, attribute);
  if (listed) return { field: fields.get(listed.toLowerCase()), fieldName: listed, how: 'table' };
  const same = fields.get(attribute.toLowerCase());
  return same ? { field: same, fieldName: same.name, how: 'case' } : { how: 'none' };
}

function checkMapped(mapping: AppAttributeMapping, definition: Readonly<Record<string, unknown>>, field: UserDescribeField,
  sourceAttributes: AttributeCheckInput['sourceAttributes']): PreflightFinding[] {
  const base = { attribute: mapping.target, salesforceField: field.name, okta: oktaText(definition, mapping), salesforce: salesforceText(field) };
  const checks = [
    pushability(mapping, field),
    typeAgreement(definition, field),
    lengthFit(mapping, definition, field, sourceAttributes),
    picklistAgreement(definition, field),
    referenceValue(field),
    collisionRisk(field),
  ];
  return checks.flatMap((found) => found.map((f) => ({ ...base, ...f })));
}

type Verdict = Pick<PreflightFinding, 'code' | 'severity' | 'message' | 'fix'>;

function pushability(mapping: AppAttributeMapping, field: UserDescribeField): Verdict[] {
  if (!field.createable) {
    return [{
      code: 'not-createable', severity: 'error',
      message: l10n.t('Salesforce does not let the API set {0} when creating a user, so every push that sends it fails.', field.name),
      fix: l10n.t('{0}: remove the mapping to {1}.', mappingsPage(), mappingTargetText(mapping)),
    }];
  }
  if (mapping.pushStatus !== 'DONT_PUSH' && !field.updateable) {
    return [{
      code: 'not-updateable', severity: 'warning',
      message: l10n.t('Salesforce lets the API set {0} on create but not on update; this mapping also applies on update, so profile updates that send it fail.', field.name),
      fix: l10n.t('{0}: set {1} to "Apply mapping on user create only".', mappingsPage(), mappingTargetText(mapping)),
    }];
  }
  return [];
}

/** Salesforce types that take JSON text. */
const textTypes = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox', 'reference', 'id', 'encryptedstring']);
const numberTypes = new Set(['double', 'currency', 'percent']);

function typeAgreement(definition: Readonly<Record<string, unknown>>, field: UserDescribeField): Verdict[] {
  const oktaType = text(definition.type) ?? 'unknown';
  const format = text(definition.format);
  const sfType = field.type;
  const fix = l10n.t('{0}: give the attribute type {1}, or map it to a User field of type {2}.', profileEditor(), expectedOktaType(sfType), oktaType);
  const mismatch = (severity: PreflightSeverity, why: string): Verdict[] => [{ code: 'type-mismatch', severity, message: why, fix }];

  if (textTypes.has(sfType)) {
    if (oktaType === 'string') return [];
    return mismatch('warning', l10n.t("Okta sends a {0} where Salesforce's {1} takes text ({2}); Salesforce may refuse or convert it.", oktaType, field.name, sfType));
  }
  if (sfType === 'multipicklist') return oktaType === 'string' || oktaType === 'array' ? [] : mismatch('error', l10n.t("Okta sends a {0} where Salesforce's {1} takes a multi-select picklist.", oktaType, field.name));
  if (sfType === 'boolean') return oktaType === 'boolean' ? [] : mismatch('error', l10n.t("Okta sends a {0} where Salesforce's {1} takes true or false.", oktaType, field.name));
  if (sfType === 'int') {
    if (oktaType === 'integer') return [];
    return mismatch(oktaType === 'number' || oktaType === 'string' ? 'warning' : 'error',
      l10n.t("Okta sends a {0} where Salesforce's {1} takes a whole number; values that are not whole numbers are refused.", oktaType, field.name));
  }
  if (numberTypes.has(sfType)) {
    if (oktaType === 'integer' || oktaType === 'number') return [];
    return mismatch(oktaType === 'string' ? 'warning' : 'error', l10n.t("Okta sends a {0} where Salesforce's {1} takes a number; values that are not numbers are refused.", oktaType, field.name));
  }
  if (sfType === 'date' || sfType === 'datetime') {
    if (oktaType !== 'string') return mismatch('error', l10n.t("Okta sends a {0} where Salesforce's {1} takes a {2} (ISO 8601 text).", oktaType, field.name, sfType));
    if (format === 'date-time') return [];
    return [{
      code: 'type-unchecked', severity: 'warning',
      message: l10n.t("Salesforce's {0} takes a {1} in ISO 8601 form; the Okta attribute is free text (no date-time format), so values in another form are refused.", field.name, sfType),
      fix: l10n.t('Check the values with a dry run for a user, or map an expression that yields ISO 8601 dates.'),
    }];
  }
  return [{
    code: 'type-unchecked', severity: 'warning',
    message: l10n.t("The pre-flight does not know Salesforce's type {0} and cannot say whether Okta's {1} fits {2}.", sfType, oktaType, field.name),
    fix: l10n.t('Check the values with a dry run for a user.'),
  }];
}

function expectedOktaType(sfType: string): string {
  if (sfType === 'boolean') return 'boolean';
  if (sfType === 'int') return 'integer';
  if (numberTypes.has(sfType)) return 'number';
  if (sfType === 'multipicklist') return l10n.t('string array');
  return 'string';
}

/** Types whose describe `length` limits the value's characters. */
const lengthLimited = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox', 'multipicklist', 'encryptedstring']);

function lengthFit(mapping: AppAttributeMapping, definition: Readonly<Record<string, unknown>>, field: UserDescribeField,
  sourceAttributes: AttributeCheckInput['sourceAttributes']): Verdict[] {
  const limit = field.length;
  if (!lengthLimited.has(field.type) || !limit || limit <= 0) return [];
  // A restricted picklist with an enum on Okta's side is checked value by value instead.
  if (field.type === 'picklist' && enumOf(definition)) return [];
  const own = positive(definition.maxLength);
  const source = sourceAttribute(mapping.expression);
  const sourceMax = source ? positive(sourceAttributes?.[source]?.maxLength) : undefined;
  const bound = own ?? sourceMax;
  const bySource = own === undefined && sourceMax !== undefined;
  const fix = l10n.t("{0}: set the attribute's maximum length to {1} or less, or change the mapping so it shortens the value (for example String.substring(…, 0, {1})); or lengthen the field in {2} if it is a custom field.",
    profileEditor(), limit, userFieldsSetup());
  if (bound === undefined) {
    return [{
      code: 'length-unknown', severity: 'warning',
      message: l10n.t("Salesforce's {0} holds at most {1} characters; neither the app attribute nor {2} has a maximum length, so the pre-flight cannot tell whether longer values will be sent (Salesforce refuses them with STRING_TOO_LONG).",
        field.name, limit, source ? `user.${source}` : l10n.t("the mapping's source")),
      fix,
    }];
  }
  if (bound <= limit) return [];
  return [{
    code: 'too-long', severity: 'error',
    message: bySource
      ? l10n.t("user.{0} allows {1} characters but Salesforce's {2} holds {3}; a longer value fails the push with STRING_TOO_LONG.", String(source), bound, field.name, limit)
      : l10n.t("The app attribute allows {0} characters but Salesforce's {1} holds {2}; a longer value fails the push with STRING_TOO_LONG.", bound, field.name, limit),
    fix,
  }];
}

/** `user.name` alone (spaces allowed): the only expression whose source attribute is known without evaluating it. */
function sourceAttribute(expression: string): string | undefined {
  return /^\s*user\.([A-Za-z_$][\w$]*)\s*$/.exec(expression)?.[1];
}

function picklistAgreement(definition: Readonly<Record<string, unknown>>, field: UserDescribeField): Verdict[] {
  if (field.type !== 'picklist' && field.type !== 'multipicklist') return [];
  const active = new Set((field.picklistValues ?? []).filter((v) => v.active).map((v) => v.value));
  const values = enumOf(definition);
  if (!values) {
    return [{
      code: 'picklist-unchecked', severity: 'warning',
      message: l10n.t("Salesforce's {0} takes only its {1} picklist values; the Okta attribute has no list of values, so the pre-flight cannot tell whether each user's value is one of them.", field.name, active.size),
      fix: l10n.t("{0}: give the attribute an enum of Salesforce's values ({1} > {2} lists them), or check users with a dry run.", profileEditor(), userFieldsSetup(), field.name),
    }];
  }
  const unknown = values.filter((v) => !active.has(v));
  if (!unknown.length) return [];
  return [{
    code: 'picklist-mismatch', severity: 'error',
    message: l10n.t("Okta's values {0} are not active values of Salesforce's {1}; a user with one of them fails the push (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST when the picklist is restricted).", quoteList(unknown), field.name),
    fix: l10n.t('{0}: remove or correct those values, or add them in {1} > {2} where Salesforce allows it.', profileEditor(), userFieldsSetup(), field.name),
  }];
}

function referenceValue(field: UserDescribeField): Verdict[] {
  if (field.type !== 'reference') return [];
  const to = field.referenceTo?.length ? field.referenceTo.join(l10n.t(' or ')) : l10n.t('another record');
  return [{
    code: 'reference-value', severity: 'warning',
    message: l10n.t("Salesforce's {0} takes the Id of a {1} record in this org; the pre-flight cannot tell from the schema whether the mapped value is one (a dry run checks it).", field.name, to),
    fix: l10n.t('{0}: make sure the expression yields a Salesforce {1} Id, not an Okta value such as a login or an Okta id.', mappingsPage(), to),
  }];
}

function collisionRisk(field: UserDescribeField): Verdict[] {
  if (!field.unique && !field.idLookup) return [];
  return [{
    code: 'collision-risk', severity: field.unique ? 'warning' : 'info',
    message: field.unique
      ? (field.name === 'Username'
        ? l10n.t("Salesforce's {0} must be unique across every Salesforce org: two users with the same value, or a value an existing Salesforce user already has, make the push fail.", field.name)
        : l10n.t("Salesforce's {0} must be unique in the org: two users with the same value, or a value an existing Salesforce user already has, make the push fail.", field.name))
      : l10n.t("Salesforce's {0} identifies users (idLookup): a value an existing Salesforce user already has may match that user rather than create a new one.", field.name),
    fix: l10n.t('{0}: map a value unique per user; check existing Salesforce users for the values Okta will send.', mappingsPage()),
  }];
}

/** Required on create (describe's rule: createable, not nillable, not defaulted on create) and not mapped. */
function requiredOnCreate(input: AttributeCheckInput, covered: ReadonlyMap<string, 'mapped' | 'assignment'>): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  for (const field of input.userFields) {
    if (!field.createable || field.nillable || field.defaultedOnCreate) continue;
    const how = covered.get(field.name);
    if (how === 'mapped') continue;
    const attribute = appAttributeFor(input, field.name);
    const base = { attribute: attribute ?? field.name, salesforceField: field.name, salesforce: salesforceText(field) };
    if (attribute === 'userName') {
      // Assumed, not from a Salesforce-specific source: every Okta app user's userName comes from the app's
      // "Application username format" (Sign On tab) when the mapping does not set it.
      findings.push({
        ...base, code: 'required-username', severity: 'info', okta: l10n.t('the app username (no mapping)'),
        message: l10n.t("Salesforce requires Username on create; Okta sends the app username, set by the app's username format, since no mapping sets it. It must be an e-mail address unique across every Salesforce org."),
        fix: l10n.t('Okta Admin Console: Applications > the Salesforce app > Sign On > Credentials Details: choose an Application username format that yields such an address.'),
      });
    } else if (how === 'assignment' && attribute) {
      findings.push({
        ...base, code: 'required-assignment-only', severity: 'warning', okta: l10n.t('{0}: in the app schema, not mapped', attribute),
        message: l10n.t('Salesforce requires {0} on create; no mapping sets it, so only a value set on each assignment (user or group) reaches Salesforce, and a user assigned without one fails the push with REQUIRED_FIELD_MISSING.', field.name),
        fix: l10n.t('{0}: map {1}, or make sure every assignment of the app sets it.', mappingsPage(), attribute),
      });
    } else {
      findings.push({
        ...base, code: 'required-unmapped', severity: 'error', okta: l10n.t('no attribute'),
        message: l10n.t("Salesforce requires {0} on create and neither the app's schema nor its mapping provides it; every new user fails the push with REQUIRED_FIELD_MISSING.", field.name),
        fix: l10n.t("{0}: add an attribute for {1} (external name {1}) and map it; the pre-flight found no source saying Okta's Salesforce integration sets it itself.", profileEditor(), field.name),
      });
    }
  }
  return findings;
}

function appAttributeFor(input: AttributeCheckInput, fieldName: string): string | undefined {
  const fields = new Map(input.userFields.map((f) => [f.name.toLowerCase(), f]));
  return Object.entries(input.appAttributes).find(([name, definition]) => resolveField(name, definition, fields).field?.name === fieldName)?.[0];
}

function targetNotInSchema(mapping: AppAttributeMapping): PreflightFinding {
  return {
    code: 'target-not-in-schema', severity: 'warning', attribute: mapping.target, okta: l10n.t('mapped from {0}', mappingText(mapping.expression)), salesforce: l10n.t('unknown'),
    message: l10n.t("The mapping sets {0}, which the app's user schema does not list, so the pre-flight cannot tell which Salesforce field it fills.", mapping.target),
    fix: l10n.t('{0}: remove the mapping, or add the attribute in {1}.', mappingsPage(), profileEditor()),
  };
}

function unresolved(attribute: string, definition: Readonly<Record<string, unknown>>, resolved: Resolution): PreflightFinding {
  if (resolved.fieldName) {
    return {
      code: 'field-missing', severity: 'error', attribute, salesforceField: resolved.fieldName, okta: oktaText(definition), salesforce: l10n.t('absent from User describe'),
      message: resolved.how === 'externalName'
        ? l10n.t("The attribute writes Salesforce's {0} (its external name), which the org's User describe does not list (deleted, renamed, or hidden from the integration user by field-level security); every push that sends it fails.", resolved.fieldName)
        : l10n.t("The attribute writes Salesforce's {0}, which the org's User describe does not list (deleted, renamed, or hidden from the integration user by field-level security); every push that sends it fails.", resolved.fieldName),
      fix: l10n.t("{0}: create the field or give the integration user's profile access to it; or in {1} remove the attribute.", userFieldsSetup(), profileEditor()),
    };
  }
  return {
    code: 'field-unknown', severity: 'warning', attribute, okta: oktaText(definition), salesforce: l10n.t('unknown'),
    message: l10n.t('The attribute has no external name and no User field of the same name, so the pre-flight cannot tell which Salesforce field it writes.'),
    fix: l10n.t("{0}: check the attribute's external name; {1} lists the field names.", profileEditor(), userFieldsSetup()),
  };
}

function oktaText(definition: Readonly<Record<string, unknown>>, mapping?: AppAttributeMapping): string {
  const parts = [text(definition.type) ?? l10n.t('no type')];
  const format = text(definition.format);
  if (format) parts.push(l10n.t('format {0}', format));
  const max = positive(definition.maxLength);
  if (max !== undefined) parts.push(l10n.t('maxLength {0}', max));
  const values = enumOf(definition);
  if (values) parts.push(l10n.t('enum of {0}', values.length));
  if (definition.required === true) parts.push(l10n.t('required'));
  if (definition.unique === true || definition.unique === 'UNIQUE_VALIDATED') parts.push(l10n.t('unique'));
  if (mapping) {
    parts.push(mapping.pushStatus === 'DONT_PUSH'
      ? l10n.t('mapped from {0} on create only', mappingText(mapping.expression)) : l10n.t('mapped from {0}', mappingText(mapping.expression)));
  }
  return parts.join(', ');
}

function salesforceText(field: UserDescribeField): string {
  const type = field.length && lengthLimited.has(field.type) ? `${field.type}(${field.length})` : field.type;
  const parts = [field.referenceTo?.length ? l10n.t('{0} to {1}', type, field.referenceTo.join('/')) : type];
  if (field.createable && !field.nillable && !field.defaultedOnCreate) parts.push(l10n.t('required on create'));
  if (!field.createable) parts.push(l10n.t('not createable'));
  else if (!field.updateable) parts.push(l10n.t('create only'));
  if (field.unique) parts.push(l10n.t('unique'));
  if (field.idLookup) parts.push('idLookup');
  if (field.picklistValues?.length) parts.push(l10n.t('{0} active values', field.picklistValues.filter((v) => v.active).length));
  return parts.join(', ');
}

/** An expression shown inside a sentence: quoted, on one line, cut when long (it is the org's data). */
function mappingText(expression: string): string {
  const line = expression.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > 120 ? `${line.slice(0, 119)}…` : line);
}

function mappingTargetText(mapping: AppAttributeMapping): string {
  return JSON.stringify(mapping.target);
}

/** The enum's values as text, from `enum` or from `oneOf` consts (Okta keeps both in step). */
function enumOf(definition: Readonly<Record<string, unknown>>): string[] | undefined {
  if (Array.isArray(definition.enum)) return definition.enum.filter((v) => v !== null && v !== undefined).map(String);
  if (Array.isArray(definition.oneOf)) {
    const consts = definition.oneOf.map((o) => (o && typeof o === 'object' ? (o as Record<string, unknown>).const : undefined));
    if (consts.every((c) => typeof c === 'string' || typeof c === 'number')) return consts.map(String);
  }
  return undefined;
}

function quoteList(values: readonly string[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v)).join(', ');
  return values.length > 5 ? l10n.t('{0} and {1} more', shown, values.length - 5) : shown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A property of a record read from an org, never one inherited from Object.prototype ("constructor", "__proto__"). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

const severityOrder: Record<PreflightSeverity, number> = { error: 0, warning: 1, info: 2 };

function bySeverityThenAttribute(a: PreflightFinding, b: PreflightFinding): number {
  return severityOrder[a.severity] - severityOrder[b.severity] || (a.attribute < b.attribute ? -1 : a.attribute > b.attribute ? 1 : 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
