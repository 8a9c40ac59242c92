// The objects the sandbox org exposes, with the field properties describe reports and SOQL and
// POST /sobjects/User check. Field lists are the subset this project reads or writes.
import { type FieldDef, type SObjectDef } from './model';
import { allPermissions } from './permissions';

type Options = Partial<Omit<FieldDef, 'name' | 'type'>>;

/** A read-only system field unless options say otherwise. */
function field(name: string, type: FieldDef['type'], options: Options = {}): FieldDef {
  return {
    name, type, label: options.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ Id$/, ' ID'),
    nillable: true, createable: false, updateable: false, defaultedOnCreate: false, ...options,
  };
}

/** A field an API client sets on create: required when not nillable and not defaulted. */
function input(name: string, type: FieldDef['type'], options: Options = {}): FieldDef {
  return field(name, type, { createable: true, updateable: true, ...options });
}

function reference(name: string, to: string, relationshipName: string, options: Options = {}): FieldDef {
  return field(name, 'reference', { referenceTo: [to], relationshipName, length: 18, ...options });
}

const id = field('Id', 'id', { nillable: false, defaultedOnCreate: true, length: 18, label: 'ID' });
const name = (options: Options = {}) => field('Name', 'string', { length: 255, nillable: false, ...options });

/**
 * Salesforce's picklists for user locale settings: real values, a subset of each (the real lists run to
 * hundreds). EmailEncodingKey's values are those the Object Reference lists for User; the time zones are
 * IANA ids as Salesforce's TimeZoneSidKey uses them (plus its "GMT"); the locales and languages are codes
 * from Salesforce Help's "Supported Locales" and "Supported Languages". Which subset is ours to choose.
 */
export const picklists = {
  TimeZoneSidKey: ['Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Phoenix', 'America/Denver', 'America/Chicago',
    'America/New_York', 'America/Sao_Paulo', 'GMT', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'],
  LocaleSidKey: ['en_US', 'en_GB', 'en_CA', 'en_AU', 'fr_FR', 'fr_CA', 'de_DE', 'es_ES', 'ja_JP', 'pt_BR'],
  EmailEncodingKey: ['UTF-8', 'ISO-8859-1', 'Shift_JIS', 'ISO-2022-JP', 'EUC-JP', 'ks_c_5601-1987', 'Big5', 'GB2312', 'Big5-HKSCS', 'x-SJIS_0213'],
  LanguageLocaleKey: ['en_US', 'en_GB', 'fr', 'de', 'es', 'it', 'ja', 'pt_BR', 'zh_CN'],
  UserType: ['Standard', 'PowerPartner', 'CspLitePortal', 'CsnOnly', 'Guest'],
};

/**
 * Settable on create and update, on Profile and PermissionSet alike (object reference, Profile and
 * PermissionSet: PermissionsPermissionName is Create, Filter, Update).
 */
const permissionFields = allPermissions.map((p) => field(`Permissions${p}`, 'boolean', { nillable: false, defaultedOnCreate: true, createable: true, updateable: true }));
/** Name and Description of a Profile, Name and Label of a PermissionSet: Create and Update in the object reference. */
const settable: Options = { createable: true, updateable: true };

export const objects: SObjectDef[] = [
  {
    name: 'UserLicense', label: 'User License', keyPrefix: '100',
    fields: [id, name(), field('MasterLabel', 'string', { length: 255 }), field('LicenseDefinitionKey', 'string', { length: 40 }),
      field('Status', 'string', { length: 40 }), field('TotalLicenses', 'int'), field('UsedLicenses', 'int')],
  },
  {
    name: 'Profile', label: 'Profile', keyPrefix: '00e',
    // A profile's license is chosen on create and never changes (Salesforce Help, "Profiles": custom profiles can be edited "except the user license").
    fields: [id, name(settable), field('Description', 'string', { length: 255, ...settable }), reference('UserLicenseId', 'UserLicense', 'UserLicense', { nillable: false, createable: true }),
      field('UserType', 'picklist', { picklistValues: picklists.UserType }), ...permissionFields],
  },
  {
    name: 'PermissionSet', label: 'Permission Set', keyPrefix: '0PS',
    fields: [id, name(settable), field('Label', 'string', { length: 80, ...settable }), field('IsOwnedByProfile', 'boolean', { nillable: false }),
      // On a profile's own set, true for a custom profile and false for a standard one (API 39+).
      field('IsCustom', 'boolean', { nillable: false, defaultedOnCreate: true }),
      reference('ProfileId', 'Profile', 'Profile'), reference('LicenseId', 'UserLicense', 'License', { createable: true }),
      // A permission set group's aggregate set (Type 'Group') points at its group.
      reference('PermissionSetGroupId', 'PermissionSetGroup', 'PermissionSetGroup'),
      field('Type', 'picklist', { picklistValues: ['Regular', 'Profile', 'Group', 'Session', 'Standard'] }), ...permissionFields],
  },
  {
    name: 'PermissionSetAssignment', label: 'Permission Set Assignment', keyPrefix: '0Pa',
    fields: [id, reference('AssigneeId', 'User', 'Assignee', { nillable: false }), reference('PermissionSetId', 'PermissionSet', 'PermissionSet', { nillable: false }),
      reference('PermissionSetGroupId', 'PermissionSetGroup', 'PermissionSetGroup'), field('IsActive', 'boolean', { nillable: false })],
  },
  {
    // Lengths as Salesforce's Field Reference Guide lists them for User, flags as the Object Reference's
    // User page gives each field's properties (a field without "Nillable" whose value the API must send is
    // required). Required on create: the Salesforce CLI's list (sfdx-core org/user REQUIRED_FIELDS: Alias,
    // Email, EmailEncodingKey, LanguageLocaleKey, LastName, LocaleSidKey, ProfileId, TimeZoneSidKey,
    // Username). CommunityNickname is not in it: Salesforce fills it when a create leaves it out (the Apex
    // Developer Guide's runAs example creates users without one), so describe reports it defaulted on
    // create; an inference from those two sources, not a sentence Salesforce prints.
    // idLookup on Username, CommunityNickname and FederationIdentifier is from the Object Reference's
    // properties ("idLookup"); Email's idLookup is left out (not checked).
    name: 'User', label: 'User', keyPrefix: '005',
    fields: [
      id,
      input('Username', 'string', { length: 80, nillable: false, unique: true, idLookup: true }),
      input('LastName', 'string', { length: 80, nillable: false }),
      input('FirstName', 'string', { length: 40 }),
      field('Name', 'string', { length: 121, label: 'Full Name' }),
      input('Email', 'email', { length: 128, nillable: false }),
      input('Alias', 'string', { length: 8, nillable: false }),
      input('CommunityNickname', 'string', { length: 40, nillable: false, defaultedOnCreate: true, unique: true, idLookup: true, label: 'Nickname' }),
      reference('ProfileId', 'Profile', 'Profile', { nillable: false, createable: true, updateable: true }),
      reference('ManagerId', 'User', 'Manager', { createable: true, updateable: true }),
      input('IsActive', 'boolean', { nillable: false, defaultedOnCreate: true, label: 'Active' }),
      field('UserType', 'picklist', { picklistValues: picklists.UserType, defaultedOnCreate: true, length: 40 }),
      input('TimeZoneSidKey', 'picklist', { nillable: false, picklistValues: picklists.TimeZoneSidKey, restrictedPicklist: true, label: 'Time Zone', length: 40 }),
      input('LocaleSidKey', 'picklist', { nillable: false, picklistValues: picklists.LocaleSidKey, restrictedPicklist: true, label: 'Locale', length: 40 }),
      input('EmailEncodingKey', 'picklist', { nillable: false, picklistValues: picklists.EmailEncodingKey, restrictedPicklist: true, label: 'Email Encoding', length: 40 }),
      input('LanguageLocaleKey', 'picklist', { nillable: false, picklistValues: picklists.LanguageLocaleKey, restrictedPicklist: true, label: 'Language', length: 40 }),
      input('EmployeeNumber', 'string', { length: 20 }),
      input('FederationIdentifier', 'string', { length: 512, idLookup: true, label: 'SAML Federation ID' }),
      input('Title', 'string', { length: 80 }),
      input('Department', 'string', { length: 80 }),
      input('Division', 'string', { length: 80 }),
      input('CompanyName', 'string', { length: 80 }),
      input('Phone', 'phone', { length: 40 }),
      input('MobilePhone', 'phone', { length: 40 }),
      field('LastLoginDate', 'datetime'),
    ],
  },
  {
    name: 'PermissionSetGroup', label: 'Permission Set Group', keyPrefix: '0PG',
    fields: [id, field('DeveloperName', 'string', { length: 80, nillable: false }), field('MasterLabel', 'string', { length: 80 }),
      field('Status', 'picklist', { picklistValues: ['Updated', 'Outdated', 'Updating', 'Failed'] })],
  },
  {
    // The org itself, one record: Object Reference, Organization (IsSandbox, OrganizationType such as
    // "Developer Edition" or "Enterprise Edition", InstanceName such as NA224; all read-only). The Salesforce
    // CLI reads `SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix FROM Organization`.
    name: 'Organization', label: 'Organization', keyPrefix: '00D',
    fields: [id, name(), field('IsSandbox', 'boolean', { nillable: false }), field('OrganizationType', 'picklist', {
      picklistValues: ['Team Edition', 'Professional Edition', 'Enterprise Edition', 'Developer Edition', 'Personal Edition', 'Unlimited Edition', 'Base Edition'],
    }), field('InstanceName', 'string', { length: 5 }), field('TrialExpirationDate', 'datetime'), field('NamespacePrefix', 'string', { length: 15 })],
  },
  {
    name: 'PermissionDependency', label: 'Permission Dependency', keyPrefix: '2Pd', tooling: true,
    fields: [id, field('Permission', 'string', { length: 255, nillable: false }), field('RequiredPermission', 'string', { length: 255, nillable: false }),
      field('PermissionType', 'picklist', { picklistValues: ['User Permission', 'Object Permission'] }),
      field('RequiredPermissionType', 'picklist', { picklistValues: ['User Permission', 'Object Permission'] })],
  },
];

/**
 * The objects of an org whose edition or licenses lack some user permissions: Profile and PermissionSet
 * have no Permissions<Name> field for them, so describe leaves them out and SOQL refuses them (INVALID_FIELD).
 */
export function objectsWithout(absentPermissions: readonly string[]): SObjectDef[] {
  if (absentPermissions.length === 0) return objects;
  const absent = new Set(absentPermissions.map((name) => `Permissions${name}`));
  return objects.map((object) => ({ ...object, fields: object.fields.filter((def) => !absent.has(def.name)) }));
}
