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

/** Salesforce's picklists for user locale settings (a few of each; the real lists are long). */
export const picklists = {
  TimeZoneSidKey: ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Paris', 'Asia/Tokyo', 'GMT'],
  LocaleSidKey: ['en_US', 'en_GB', 'fr_FR', 'de_DE', 'ja_JP'],
  EmailEncodingKey: ['UTF-8', 'ISO-8859-1', 'Shift_JIS'],
  LanguageLocaleKey: ['en_US', 'fr', 'de', 'ja'],
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
    name: 'User', label: 'User', keyPrefix: '005',
    fields: [
      id,
      input('Username', 'string', { length: 80, nillable: false, unique: true }),
      input('LastName', 'string', { length: 80, nillable: false }),
      input('FirstName', 'string', { length: 40 }),
      field('Name', 'string', { length: 121, label: 'Full Name' }),
      input('Email', 'email', { length: 128, nillable: false }),
      input('Alias', 'string', { length: 8, nillable: false }),
      input('CommunityNickname', 'string', { length: 40, nillable: false, defaultedOnCreate: true, unique: true, label: 'Nickname' }),
      reference('ProfileId', 'Profile', 'Profile', { nillable: false, createable: true, updateable: true }),
      reference('ManagerId', 'User', 'Manager', { createable: true, updateable: true }),
      input('IsActive', 'boolean', { nillable: false, defaultedOnCreate: true, label: 'Active' }),
      field('UserType', 'picklist', { picklistValues: picklists.UserType, defaultedOnCreate: true }),
      input('TimeZoneSidKey', 'picklist', { nillable: false, picklistValues: picklists.TimeZoneSidKey, restrictedPicklist: true, label: 'Time Zone', length: 40 }),
      input('LocaleSidKey', 'picklist', { nillable: false, picklistValues: picklists.LocaleSidKey, restrictedPicklist: true, label: 'Locale', length: 40 }),
      input('EmailEncodingKey', 'picklist', { nillable: false, picklistValues: picklists.EmailEncodingKey, restrictedPicklist: true, label: 'Email Encoding', length: 40 }),
      input('LanguageLocaleKey', 'picklist', { nillable: false, picklistValues: picklists.LanguageLocaleKey, restrictedPicklist: true, label: 'Language', length: 40 }),
      input('EmployeeNumber', 'string', { length: 20 }),
      input('FederationIdentifier', 'string', { length: 512, label: 'SAML Federation ID' }),
      input('Title', 'string', { length: 80 }),
      input('Department', 'string', { length: 80 }),
      input('Phone', 'phone', { length: 40 }),
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
