/**
 * Attribute pre-flight (issue 14, part 1): will Salesforce accept the users Okta's Salesforce app pushes?
 * Compares three descriptions, all read from the orgs and all treated as data: the app's user schema
 * (Okta's GET /api/v1/meta/schemas/apps/{appId}/default, base and custom merged), the Okta-to-app
 * profile mapping (target attribute → Okta Expression Language text and pushStatus), and Salesforce's
 * sobjects/User/describe. No expression is evaluated here (the dry run does that); a check that cannot
 * decide says so as a finding.
 */

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

const profileEditor = 'Okta Admin Console: Directory > Profile Editor > the Salesforce app\'s profile';
const mappingsPage = 'Okta Admin Console: Directory > Profile Editor > the Salesforce app > Mappings (Okta User to Salesforce)';
const userFieldsSetup = 'Salesforce Setup: Object Manager > User > Fields & Relationships';

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
      message: `Salesforce does not let the API set ${field.name} when creating a user, so every push that sends it fails.`,
      fix: `${mappingsPage}: remove the mapping to ${mappingTargetText(mapping)}.`,
    }];
  }
  if (mapping.pushStatus !== 'DONT_PUSH' && !field.updateable) {
    return [{
      code: 'not-updateable', severity: 'warning',
      message: `Salesforce lets the API set ${field.name} on create but not on update; this mapping also applies on update, so profile updates that send it fail.`,
      fix: `${mappingsPage}: set ${mappingTargetText(mapping)} to "Apply mapping on user create only".`,
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
  const fix = `${profileEditor}: give the attribute type ${expectedOktaType(sfType)}, or map it to a User field of type ${oktaType}.`;
  const mismatch = (severity: PreflightSeverity, why: string): Verdict[] => [{ code: 'type-mismatch', severity, message: why, fix }];

  if (textTypes.has(sfType)) {
    if (oktaType === 'string') return [];
    return mismatch('warning', `Okta sends a ${oktaType} where Salesforce's ${field.name} takes text (${sfType}); Salesforce may refuse or convert it.`);
  }
  if (sfType === 'multipicklist') return oktaType === 'string' || oktaType === 'array' ? [] : mismatch('error', `Okta sends a ${oktaType} where Salesforce's ${field.name} takes a multi-select picklist.`);
  if (sfType === 'boolean') return oktaType === 'boolean' ? [] : mismatch('error', `Okta sends a ${oktaType} where Salesforce's ${field.name} takes true or false.`);
  if (sfType === 'int') {
    if (oktaType === 'integer') return [];
    return mismatch(oktaType === 'number' || oktaType === 'string' ? 'warning' : 'error',
      `Okta sends a ${oktaType} where Salesforce's ${field.name} takes a whole number; values that are not whole numbers are refused.`);
  }
  if (numberTypes.has(sfType)) {
    if (oktaType === 'integer' || oktaType === 'number') return [];
    return mismatch(oktaType === 'string' ? 'warning' : 'error', `Okta sends a ${oktaType} where Salesforce's ${field.name} takes a number; values that are not numbers are refused.`);
  }
  if (sfType === 'date' || sfType === 'datetime') {
    if (oktaType !== 'string') return mismatch('error', `Okta sends a ${oktaType} where Salesforce's ${field.name} takes a ${sfType} (ISO 8601 text).`);
    if (format === 'date-time') return [];
    return [{
      code: 'type-unchecked', severity: 'warning',
      message: `Salesforce's ${field.name} takes a ${sfType} in ISO 8601 form; the Okta attribute is free text (no date-time format), so values in another form are refused.`,
      fix: 'Check the values with a dry run for a user, or map an expression that yields ISO 8601 dates.',
    }];
  }
  return [{
    code: 'type-unchecked', severity: 'warning',
    message: `The pre-flight does not know Salesforce's type ${sfType} and cannot say whether Okta's ${oktaType} fits ${field.name}.`,
    fix: 'Check the values with a dry run for a user.',
  }];
}

function expectedOktaType(sfType: string): string {
  if (sfType === 'boolean') return 'boolean';
  if (sfType === 'int') return 'integer';
  if (numberTypes.has(sfType)) return 'number';
  if (sfType === 'multipicklist') return 'string array';
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
  const fix = `${profileEditor}: set the attribute's maximum length to ${limit} or less, or change the mapping so it shortens the value (for example String.substring(…, 0, ${limit})); `
    + `or lengthen the field in ${userFieldsSetup} if it is a custom field.`;
  if (bound === undefined) {
    return [{
      code: 'length-unknown', severity: 'warning',
      message: `Salesforce's ${field.name} holds at most ${limit} characters; neither the app attribute nor ${source ? `user.${source}` : 'the mapping\'s source'} has a maximum length, so the pre-flight cannot tell whether longer values will be sent (Salesforce refuses them with STRING_TOO_LONG).`,
      fix,
    }];
  }
  if (bound <= limit) return [];
  return [{
    code: 'too-long', severity: 'error',
    message: `${bySource ? `user.${source}` : 'The app attribute'} allows ${bound} characters but Salesforce's ${field.name} holds ${limit}; a longer value fails the push with STRING_TOO_LONG.`,
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
      message: `Salesforce's ${field.name} takes only its ${active.size} picklist values; the Okta attribute has no list of values, so the pre-flight cannot tell whether each user's value is one of them.`,
      fix: `${profileEditor}: give the attribute an enum of Salesforce's values (${userFieldsSetup} > ${field.name} lists them), or check users with a dry run.`,
    }];
  }
  const unknown = values.filter((v) => !active.has(v));
  if (!unknown.length) return [];
  return [{
    code: 'picklist-mismatch', severity: 'error',
    message: `Okta's values ${quoteList(unknown)} are not active values of Salesforce's ${field.name}; a user with one of them fails the push (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST when the picklist is restricted).`,
    fix: `${profileEditor}: remove or correct those values, or add them in ${userFieldsSetup} > ${field.name} where Salesforce allows it.`,
  }];
}

function referenceValue(field: UserDescribeField): Verdict[] {
  if (field.type !== 'reference') return [];
  const to = field.referenceTo?.length ? field.referenceTo.join(' or ') : 'another record';
  return [{
    code: 'reference-value', severity: 'warning',
    message: `Salesforce's ${field.name} takes the Id of a ${to} record in this org; the pre-flight cannot tell from the schema whether the mapped value is one (a dry run checks it).`,
    fix: `${mappingsPage}: make sure the expression yields a Salesforce ${to} Id, not an Okta value such as a login or an Okta id.`,
  }];
}

function collisionRisk(field: UserDescribeField): Verdict[] {
  if (!field.unique && !field.idLookup) return [];
  const scope = field.name === 'Username' ? 'across every Salesforce org' : 'in the org';
  return [{
    code: 'collision-risk', severity: field.unique ? 'warning' : 'info',
    message: field.unique
      ? `Salesforce's ${field.name} must be unique ${scope}: two users with the same value, or a value an existing Salesforce user already has, make the push fail.`
      : `Salesforce's ${field.name} identifies users (idLookup): a value an existing Salesforce user already has may match that user rather than create a new one.`,
    fix: `${mappingsPage}: map a value unique per user; check existing Salesforce users for the values Okta will send.`,
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
        ...base, code: 'required-username', severity: 'info', okta: 'the app username (no mapping)',
        message: 'Salesforce requires Username on create; Okta sends the app username, set by the app\'s username format, since no mapping sets it. It must be an e-mail address unique across every Salesforce org.',
        fix: 'Okta Admin Console: Applications > the Salesforce app > Sign On > Credentials Details: choose an Application username format that yields such an address.',
      });
    } else if (how === 'assignment' && attribute) {
      findings.push({
        ...base, code: 'required-assignment-only', severity: 'warning', okta: `${attribute}: in the app schema, not mapped`,
        message: `Salesforce requires ${field.name} on create; no mapping sets it, so only a value set on each assignment (user or group) reaches Salesforce, and a user assigned without one fails the push with REQUIRED_FIELD_MISSING.`,
        fix: `${mappingsPage}: map ${attribute}, or make sure every assignment of the app sets it.`,
      });
    } else {
      findings.push({
        ...base, code: 'required-unmapped', severity: 'error', okta: 'no attribute',
        message: `Salesforce requires ${field.name} on create and neither the app's schema nor its mapping provides it; every new user fails the push with REQUIRED_FIELD_MISSING.`,
        fix: `${profileEditor}: add an attribute for ${field.name} (external name ${field.name}) and map it; the pre-flight found no source saying Okta's Salesforce integration sets it itself.`,
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
    code: 'target-not-in-schema', severity: 'warning', attribute: mapping.target, okta: `mapped from ${mappingText(mapping.expression)}`, salesforce: 'unknown',
    message: `The mapping sets ${mapping.target}, which the app's user schema does not list, so the pre-flight cannot tell which Salesforce field it fills.`,
    fix: `${mappingsPage}: remove the mapping, or add the attribute in ${profileEditor}.`,
  };
}

function unresolved(attribute: string, definition: Readonly<Record<string, unknown>>, resolved: Resolution): PreflightFinding {
  if (resolved.fieldName) {
    return {
      code: 'field-missing', severity: 'error', attribute, salesforceField: resolved.fieldName, okta: oktaText(definition), salesforce: 'absent from User describe',
      message: `The attribute writes Salesforce's ${resolved.fieldName}${resolved.how === 'externalName' ? ' (its external name)' : ''}, which the org's User describe does not list (deleted, renamed, or hidden from the integration user by field-level security); every push that sends it fails.`,
      fix: `${userFieldsSetup}: create the field or give the integration user's profile access to it; or in ${profileEditor} remove the attribute.`,
    };
  }
  return {
    code: 'field-unknown', severity: 'warning', attribute, okta: oktaText(definition), salesforce: 'unknown',
    message: `The attribute has no external name and no User field of the same name, so the pre-flight cannot tell which Salesforce field it writes.`,
    fix: `${profileEditor}: check the attribute's external name; ${userFieldsSetup} lists the field names.`,
  };
}

function oktaText(definition: Readonly<Record<string, unknown>>, mapping?: AppAttributeMapping): string {
  const parts = [text(definition.type) ?? 'no type'];
  const format = text(definition.format);
  if (format) parts.push(`format ${format}`);
  const max = positive(definition.maxLength);
  if (max !== undefined) parts.push(`maxLength ${max}`);
  const values = enumOf(definition);
  if (values) parts.push(`enum of ${values.length}`);
  if (definition.required === true) parts.push('required');
  if (definition.unique === true || definition.unique === 'UNIQUE_VALIDATED') parts.push('unique');
  if (mapping) parts.push(`mapped from ${mappingText(mapping.expression)}${mapping.pushStatus === 'DONT_PUSH' ? ' on create only' : ''}`);
  return parts.join(', ');
}

function salesforceText(field: UserDescribeField): string {
  const type = field.length && lengthLimited.has(field.type) ? `${field.type}(${field.length})` : field.type;
  const parts = [field.referenceTo?.length ? `${type} to ${field.referenceTo.join('/')}` : type];
  if (field.createable && !field.nillable && !field.defaultedOnCreate) parts.push('required on create');
  if (!field.createable) parts.push('not createable');
  else if (!field.updateable) parts.push('create only');
  if (field.unique) parts.push('unique');
  if (field.idLookup) parts.push('idLookup');
  if (field.picklistValues?.length) parts.push(`${field.picklistValues.filter((v) => v.active).length} active values`);
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
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
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
