// What an app user's profile holds, per app: the attributes of the app user schema
// (/api/v1/meta/schemas/apps/{appId}/default), the Okta-to-app profile mapping (Okta Expression
// Language, as Okta stores it) and the profile of a user who gets the app all come from one description
// per app. Each mapping expression carries a plain JavaScript `value` next to it, so the seed computes
// app user profiles without an expression evaluator; the two must say the same thing.
//
// The Salesforce apps hold realistic traps for the provisioning pre-flight (issue 14): an unmapped
// required field on the PRODUCTION app, a time zone outside Salesforce's picklist, an employee number
// with no length limit that some users exceed, and a nickname that collides with a Salesforce user.
import { picklists } from '../salesforce/schema';
import { type OktaApp, type OktaUser } from './model';

/** An attribute of an app user schema: the parts of Okta's UserSchemaAttribute the sandbox serves. */
interface AppAttribute {
  name: string;
  title: string;
  /** Okta keeps an integration's own attributes in definitions.base and those an admin adds in definitions.custom. */
  custom?: true;
  required?: true;
  /** The app's own name for the field (the spec's externalName). */
  externalName?: string;
  maxLength?: number;
  format?: 'email';
  /** Allowed values, served as `enum` plus `oneOf: [{const, title}]`, as the spec describes. */
  values?: ReadonlyArray<readonly [value: string, title: string]>;
}

/** One property of the Okta-to-app mapping: the expression as Okta stores it and what it gives for a user. */
interface PushProperty {
  expression: string;
  pushStatus: 'PUSH' | 'DONT_PUSH';
  /** The expression's value for a user, in plain JavaScript; absent when the sandbox does not compute it (bad input). */
  value?: (user: OktaUser) => string | undefined;
}

interface AppProfile {
  attributes: readonly AppAttribute[];
  push: Readonly<Record<string, PushProperty>>;
}

type ProfileAttribute = keyof OktaUser['profile'];

const from = (attribute: ProfileAttribute, pushStatus: PushProperty['pushStatus'] = 'PUSH'): PushProperty =>
  ({ expression: `user.${attribute}`, pushStatus, value: (user) => user.profile[attribute] });
const constant = (value: string): PushProperty => ({ expression: JSON.stringify(value), pushStatus: 'PUSH', value: () => value });
/** Okta's String.substringBefore(user.login, "@"): the login's local part. */
const loginLocalPart: PushProperty = {
  expression: 'String.substringBefore(user.login, "@")', pushStatus: 'PUSH', value: (user) => user.profile.login.split('@')[0],
};

const commonProfile: AppProfile = {
  attributes: [
    { name: 'userName', title: 'Username', required: true },
    { name: 'email', title: 'Email' },
    { name: 'firstName', title: 'First name' },
    { name: 'lastName', title: 'Last name' },
  ],
  push: { userName: from('login'), email: from('email'), firstName: from('firstName'), lastName: from('lastName') },
};

const pairs = (values: readonly string[]) => values.map((value) => [value, value] as const);

/**
 * The Salesforce app's user schema. A GUESS: Okta publishes no list of the Salesforce integration's app
 * attributes (its help page "Add attributes to a Salesforce profile" only describes schema discovery).
 * Names follow Okta's app-profile naming; each carries the Salesforce User field as externalName, since
 * Salesforce supports schema discovery, and Salesforce's lengths (Object Reference, User). The split is
 * also ours: base holds what the integration plausibly ships with (identity, names, profile and role);
 * custom holds what an admin adds through schema discovery (employee number, time zone, locale and
 * language), which is where Okta puts discovered attributes. Profile and Role have no mapping: they are
 * set per assignment.
 */
const salesforceAttributes = (timeZones: readonly string[]): AppAttribute[] => [
  { name: 'userName', title: 'Username', required: true, externalName: 'Username', maxLength: 80 },
  { name: 'email', title: 'Email', externalName: 'Email', format: 'email', maxLength: 128 },
  { name: 'firstName', title: 'First Name', externalName: 'FirstName', maxLength: 40 },
  { name: 'lastName', title: 'Last Name', required: true, externalName: 'LastName', maxLength: 80 },
  { name: 'alias', title: 'Alias', externalName: 'Alias', maxLength: 8 },
  { name: 'communityNickname', title: 'Nickname', externalName: 'CommunityNickname', maxLength: 40 },
  { name: 'federationId', title: 'Federation ID', externalName: 'FederationIdentifier', maxLength: 512 },
  { name: 'title', title: 'Title', externalName: 'Title', maxLength: 80 },
  { name: 'department', title: 'Department', externalName: 'Department', maxLength: 80 },
  { name: 'profile', title: 'Profile' },
  { name: 'role', title: 'Role' },
  // The trap: no maxLength, while Salesforce's EmployeeNumber holds 20 characters.
  { name: 'employeeNumber', title: 'Employee Number', custom: true, externalName: 'EmployeeNumber' },
  { name: 'timeZoneSidKey', title: 'Time Zone', custom: true, externalName: 'TimeZoneSidKey', values: pairs(timeZones) },
  {
    name: 'localeSidKey', title: 'Locale', custom: true, externalName: 'LocaleSidKey',
    values: [['en_US', 'English (United States)'], ['de_DE', 'German (Germany)'], ['fr_FR', 'French (France)'], ['en_GB', 'English (United Kingdom)'], ['ja_JP', 'Japanese (Japan)']],
  },
  {
    name: 'languageLocaleKey', title: 'Language', custom: true, externalName: 'LanguageLocaleKey',
    values: [['en_US', 'English'], ['de', 'German'], ['fr', 'French'], ['en_GB', 'English (UK)'], ['ja', 'Japanese']],
  },
];

/**
 * The PRODUCTION app: everything Salesforce needs mapped except EmailEncodingKey, which Salesforce
 * requires on create and the app has no attribute for (the trap "unmapped required field"). The admin
 * admin@acme.example gets the nickname "admin", which the Salesforce sandbox's admin already holds
 * (CommunityNickname is unique in an org): a dry run of the admin must find the collision.
 */
const productionProfile: AppProfile = {
  // The org's time zones as schema discovery copied them, plus the trap: the deprecated IANA alias
  // Asia/Calcutta, which an admin added in the Profile Editor for the Okta users who have it; Salesforce's
  // picklist does not hold it (it has Asia/Kolkata).
  attributes: salesforceAttributes([...picklists.TimeZoneSidKey, 'Asia/Calcutta']),
  push: {
    userName: from('login'),
    email: from('email'),
    firstName: from('firstName'),
    lastName: from('lastName'),
    alias: {
      // The first initial and the last name: at most 7 characters for every seed user. (Cutting the last name
      // with String.substring(…, 0, 7) would need names of 7 characters or more: Okta does not document a
      // substring past the end of its input, so a dry run reports that as not evaluated.)
      expression: 'String.toLowerCase(String.substring(user.firstName, 0, 1) + user.lastName)',
      pushStatus: 'DONT_PUSH',
      value: ({ profile }) => (profile.firstName.slice(0, 1) + profile.lastName).toLowerCase(),
    },
    communityNickname: loginLocalPart,
    federationId: from('login'),
    employeeNumber: from('employeeNumber'),
    title: from('title'),
    department: from('department'),
    timeZoneSidKey: from('timezone'),
    localeSidKey: from('locale'),
    languageLocaleKey: constant('en_US'),
  },
};

/** The SANDBOX app (a UAT org): the org's time zones as discovered, a simpler mapping with fixed locale settings, EmailEncodingKey included. */
const sandboxProfile: AppProfile = {
  attributes: [
    ...salesforceAttributes(picklists.TimeZoneSidKey),
    { name: 'emailEncodingKey', title: 'Email Encoding', custom: true, externalName: 'EmailEncodingKey', values: [['UTF-8', 'Unicode (UTF-8)'], ['ISO-8859-1', 'General US & Western Europe (ISO-8859-1)']] },
  ],
  push: {
    userName: from('login'),
    email: from('email'),
    firstName: from('firstName'),
    lastName: from('lastName'),
    alias: { expression: 'String.substring(user.login, 0, 8)', pushStatus: 'PUSH', value: (user) => user.profile.login.slice(0, 8) },
    communityNickname: loginLocalPart,
    federationId: from('login'),
    timeZoneSidKey: constant('America/Los_Angeles'),
    localeSidKey: constant('en_US'),
    languageLocaleKey: constant('en_US'),
    emailEncodingKey: constant('UTF-8'),
  },
};

/** The title of the hostile app's extra attribute: markup and 5,000 characters, to be shown as text. */
export const hostileAttributeTitle = '<script>alert("title")</script><b>Cost</b> Center'.padEnd(5_000, ' &amp;x');

/**
 * The hostile app (seed option hostileApp): bad input for clients. An attribute whose title is markup
 * and 5,000 characters; a mapping expression that does not parse; and mapping properties named like
 * Object.prototype's members. A guess: Okta validates expressions and target names when an admin saves
 * a mapping; these stand for what a client must survive anyway. The sandbox computes none of them.
 */
const hostileProfile: AppProfile = {
  attributes: [...productionProfile.attributes, { name: 'costCenter', title: hostileAttributeTitle, custom: true, maxLength: 40 }],
  push: Object.fromEntries([
    ...Object.entries(productionProfile.push),
    ['costCenter', { expression: 'String.substring(user.login, 0', pushStatus: 'PUSH' }],
    // Object.fromEntries defines "__proto__" as an own property, which JSON then carries as a name.
    ['__proto__', { expression: 'user.login', pushStatus: 'PUSH' }],
    ['constructor', { expression: 'user.department', pushStatus: 'PUSH' }],
  ]) as Record<string, PushProperty>,
};

function appProfile(app: OktaApp): AppProfile {
  if (app.name !== 'salesforce') return commonProfile;
  if (app.hostileProfile) return hostileProfile;
  return app.settings.app.instanceType === 'SANDBOX' ? sandboxProfile : productionProfile;
}

/** The app's Okta-to-app mapping (target attribute → expression and pushStatus), as Okta stores it. */
export function pushMapping(app: OktaApp): Record<string, { expression: string; pushStatus: 'PUSH' | 'DONT_PUSH' }> {
  return Object.fromEntries(Object.entries(appProfile(app).push).map(([name, { expression, pushStatus }]) => [name, { expression, pushStatus }]));
}

/** The app profile a user gets from the app's mapping when assigned without one. */
export function mappedProfile(app: OktaApp, user: OktaUser): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [name, { value }] of Object.entries(appProfile(app).push)) {
    const computed = value?.(user);
    if (computed !== undefined) profile[name] = computed;
  }
  return profile;
}

/** An attribute as the schema's JSON Schema property. */
function attributeJson({ title, required, externalName, maxLength, format, values }: AppAttribute) {
  return {
    title, type: 'string',
    ...(required ? { required: true } : {}),
    ...(externalName ? { externalName } : {}),
    ...(format ? { format } : {}),
    ...(maxLength ? { maxLength } : {}),
    ...(values ? { enum: values.map(([value]) => value), oneOf: values.map(([value, label]) => ({ const: value, title: label })) } : {}),
    scope: 'NONE', master: { type: 'PROFILE_MASTER' }, mutability: 'READ_WRITE',
  };
}

function definition(id: '#base' | '#custom', attributes: readonly AppAttribute[]) {
  return {
    id, type: 'object',
    properties: Object.fromEntries(attributes.map((attribute) => [attribute.name, attributeJson(attribute)])),
    required: attributes.filter((a) => a.required).map((a) => a.name),
  };
}

/** The app user schema as GET /api/v1/meta/schemas/apps/{appId}/default returns it. */
export function appUserSchemaJson(app: OktaApp, origin: string) {
  const { attributes } = appProfile(app);
  return {
    id: `${origin}/meta/schemas/apps/${app.id}/default`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: app.name,
    title: `${app.label} User`,
    created: app.created,
    lastUpdated: app.lastUpdated,
    definitions: {
      custom: definition('#custom', attributes.filter((a) => a.custom)),
      base: definition('#base', attributes.filter((a) => !a.custom)),
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
    _links: { self: { href: `${origin}/api/v1/meta/schemas/apps/${app.id}/default` } },
  };
}
