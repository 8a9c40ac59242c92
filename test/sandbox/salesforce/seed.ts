// The sandbox Salesforce org's data: licenses, 40+ profiles (four meant for the Okta
// integration, each wrong in its own way but one), permission sets, a permission set group and
// assignments (every user's to their profile's own set included, as in a real org), users, and the
// PermissionDependency rows (mostly object permissions, as real orgs serve them). Deterministic;
// the large mode (1,000 profiles, 200 permission sets) is for benchmarks.
import { OrgData, type SfRecord } from './model';
import { allPermissions, dependencies, licenses, type PermissionName, withDependencies } from './permissions';
import { objectsWithout } from './schema';

export const organizationId = '00DSb0000001SbXMAU';

/**
 * Usernames that users of other Salesforce orgs hold. A create with one is refused as with a username of
 * this org (DUPLICATE_USERNAME): Salesforce's own message says "in this or another Salesforce organization".
 */
export const usernamesInOtherOrgs: readonly string[] = ['okta.integration@acme.example', 'integration@example.com'];

/** An 18-character record id with the object's key prefix. */
export function sfId(prefix: string, n: number): string {
  return `${prefix}Sb${n.toString(36).toUpperCase().padStart(10, '0')}AAA`;
}

interface ProfileSpec {
  name: string;
  license: string;
  grants: readonly PermissionName[];
}

const everyday: PermissionName[] = ['ApiEnabled', 'EditTask', 'EditEvent', 'RunReports', 'EmailSingle', 'ChatterInternalUser', 'LightningExperienceUser'];
const manageUsers = [...withDependencies(['ApiEnabled', 'ManageUsers'])];

export const integrationProfiles = {
  correct: 'Okta Integration',
  missingDependencies: 'Okta Integration - Missing Dependencies',
  permissionSetGrant: 'Okta Integration - Permission Set Grant',
  chatterLicense: 'Okta Integration - Chatter License',
} as const;

const profileSpecs: ProfileSpec[] = [
  { name: 'System Administrator', license: 'Salesforce', grants: allPermissions },
  { name: 'Standard User', license: 'Salesforce', grants: [...everyday, 'ConvertLeads'] },
  { name: 'Read Only', license: 'Salesforce', grants: ['ApiEnabled', 'RunReports', 'LightningExperienceUser'] },
  { name: 'Marketing User', license: 'Salesforce', grants: [...everyday, 'EmailMass', 'ManageDashboards'] },
  { name: 'Contract Manager', license: 'Salesforce', grants: everyday },
  { name: 'Solution Manager', license: 'Salesforce', grants: everyday },
  { name: 'Standard Platform User', license: 'Salesforce Platform', grants: everyday },
  { name: 'Minimum Access - Salesforce', license: 'Salesforce', grants: [] },
  { name: 'Chatter Free User', license: 'Chatter Free', grants: ['ApiEnabled', 'ChatterInternalUser'] },
  { name: 'Chatter Moderator User', license: 'Chatter Free', grants: ['ApiEnabled', 'ChatterInternalUser'] },
  { name: 'Chatter External User', license: 'Chatter External', grants: ['ChatterInternalUser'] },
  { name: 'Customer Community User', license: 'Customer Community', grants: ['EditTask'] },
  { name: 'Partner Community User', license: 'Partner Community', grants: ['EditTask', 'EditEvent', 'RunReports'] },
  { name: 'Identity User', license: 'Identity', grants: ['ApiEnabled'] },
  { name: 'Analytics Cloud Integration User', license: 'Salesforce', grants: ['ApiEnabled', 'ApiUserOnly', 'ViewAllData'] },
  { name: 'Integration - Data Loader', license: 'Salesforce', grants: ['ApiEnabled', 'ApiUserOnly', 'ModifyAllData', 'ViewAllData', 'ViewSetup', 'ViewRoles'] },
  { name: 'IT Helpdesk', license: 'Salesforce', grants: [...everyday, 'ResetPasswords', 'ViewSetup', 'ViewRoles', 'FreezeUsers'] },
  { name: 'Security Auditor', license: 'Salesforce', grants: ['ApiEnabled', 'ViewSetup', 'ViewRoles', 'ViewAllUsers', 'MonitorLoginHistory', 'ViewHealthCheck', 'ViewEventLogFiles'] },
  { name: 'Release Manager', license: 'Salesforce', grants: [...everyday, 'CustomizeApplication', 'AuthorApex', 'ViewSetup', 'ViewRoles'] },
  { name: 'Developer', license: 'Salesforce', grants: [...everyday, 'AuthorApex', 'ViewSetup', 'ViewRoles', 'ViewAllData'] },
  { name: 'Data Steward', license: 'Salesforce', grants: [...everyday, 'ViewAllData', 'TransferAnyEntity', 'ManageDataIntegrations'] },
  ...['Sales Representative', 'Sales Manager', 'Inside Sales', 'Account Manager', 'Renewals Specialist', 'Regional Sales - EMEA',
    'Regional Sales - APAC', 'Partner Manager', 'Support Agent', 'Support Manager', 'Customer Success', 'Field Service Technician',
    'Dispatcher', 'Marketing Manager', 'Finance Analyst', 'Payroll', 'HR Specialist', 'Legal', 'Procurement', 'Executive',
    'Training Coordinator', 'Facilities', 'Quality Assurance', 'Community Manager', 'Contractor']
    .map((name, i): ProfileSpec => ({ name, license: i % 7 === 6 ? 'Salesforce Platform' : 'Salesforce', grants: i % 3 ? everyday : [...everyday, 'ExportReport', 'ManageDashboards'] })),
  { name: integrationProfiles.correct, license: 'Salesforce', grants: manageUsers },
  // Manage Users is on, but not all it needs (a state old orgs and metadata deploys leave behind).
  { name: integrationProfiles.missingDependencies, license: 'Salesforce', grants: manageUsers.filter((p) => !['ResetPasswords', 'ManagePasswordPolicies', 'FreezeUsers'].includes(p)) },
  // Only API access on the profile; Manage Users reaches the user through a permission set.
  { name: integrationProfiles.permissionSetGrant, license: 'Salesforce', grants: ['ApiEnabled', 'ViewSetup', 'ViewRoles'] },
  // Asks for everything; the Chatter Free license cannot carry it, so only API Enabled sticks.
  { name: integrationProfiles.chatterLicense, license: 'Chatter Free', grants: manageUsers },
];

/** Salesforce's own profiles among the specs: their permissions cannot be changed; every other profile is custom. */
const standardProfiles = new Set([
  'System Administrator', 'Standard User', 'Read Only', 'Marketing User', 'Contract Manager', 'Solution Manager', 'Standard Platform User',
  'Minimum Access - Salesforce', 'Chatter Free User', 'Chatter Moderator User', 'Chatter External User', 'Customer Community User',
  'Partner Community User', 'Identity User', 'Analytics Cloud Integration User',
]);

const permissionSetSpecs: Array<{ name: string; label: string; grants: readonly PermissionName[] }> = [
  { name: 'Okta_User_Management', label: 'Okta User Management', grants: manageUsers },
  { name: 'API_Access', label: 'API Access', grants: ['ApiEnabled'] },
  { name: 'Report_Builder', label: 'Report Builder', grants: ['RunReports', 'ExportReport', 'ManageDashboards'] },
  { name: 'Data_Export', label: 'Data Export', grants: ['ExportReport', 'ViewAllData'] },
  { name: 'Security_Center', label: 'Security Center', grants: ['ViewHealthCheck', 'ViewSetup', 'ViewRoles'] },
  { name: 'Event_Monitoring', label: 'Event Monitoring', grants: ['ViewEventLogFiles', 'ApiEnabled'] },
  { name: 'Password_Resets', label: 'Password Resets', grants: ['ResetPasswords', 'ViewSetup', 'ViewRoles'] },
  { name: 'Sales_Cloud_User', label: 'Sales Cloud User', grants: ['ConvertLeads', 'EditTask', 'EditEvent'] },
  { name: 'Mass_Email', label: 'Mass Email', grants: ['EmailMass'] },
  { name: 'Integration_Data_Sync', label: 'Integration Data Sync', grants: ['ApiEnabled', 'ManageDataIntegrations'] },
];

export interface SalesforceSeed {
  data: OrgData;
  /** Username → password, for the login page. Only some users can sign in. */
  passwords: Map<string, string>;
  integrationUsers: Record<keyof typeof integrationProfiles, string>;
  adminUsername: string;
  /** A user whose profile lacks API Enabled. */
  noApiUsername: string;
}

export interface SeedOptions {
  /** Total profiles (at least the built-in ones); 1,000 for the large mode. */
  profileCount?: number;
  /** Total non-profile permission sets; 200 for the large mode. */
  permissionSetCount?: number;
  /**
   * User permissions this org's edition lacks: Profile and PermissionSet have no Permissions<Name> field for
   * them, so describe omits them and SOQL naming them fails with INVALID_FIELD.
   */
  absentPermissions?: readonly PermissionName[];
  /** Default false; true makes the org a sandbox (Organization.IsSandbox), as one copied from an Enterprise Edition org. */
  isSandboxOrg?: boolean;
}

export function createSalesforceSeed(options: SeedOptions = {}): SalesforceSeed {
  const absent = new Set(options.absentPermissions ?? []);
  const data = new OrgData(objectsWithout([...absent]));
  const counters = new Map<string, number>();
  const nextId = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return sfId(prefix, n);
  };
  const permissionValues = (granted: Iterable<PermissionName>, cannotGrant: readonly PermissionName[] = []) => {
    const on = new Set(granted);
    return Object.fromEntries(allPermissions.filter((p) => !absent.has(p)).map((p) => [`Permissions${p}`, on.has(p) && !cannotGrant.includes(p)]));
  };

  insertOrganization(data, options.isSandboxOrg ?? false);

  const licenseIds = new Map<string, string>();
  for (const license of licenses) {
    const record = data.insert('UserLicense', {
      Id: nextId('100'), Name: license.name, MasterLabel: license.name, LicenseDefinitionKey: license.key,
      Status: 'Active', TotalLicenses: 500, UsedLicenses: 0,
    });
    licenseIds.set(license.name, record.Id);
  }

  const specs = [...profileSpecs];
  const templates = profileSpecs.filter((s) => s.license === 'Salesforce' && !s.name.startsWith('Okta Integration'));
  for (let i = specs.length; i < (options.profileCount ?? specs.length); i++) {
    const base = templates[i % templates.length];
    specs.push({ name: `Generated Profile ${String(i).padStart(4, '0')}`, license: base.license, grants: base.grants });
  }
  const profileIds = new Map<string, string>();
  /** Profile id → its own permission set's id. */
  const profileSetIds = new Map<string, string>();
  for (const spec of specs) {
    const license = licenses.find((l) => l.name === spec.license);
    if (!license) throw new Error(`seed: unknown license ${spec.license}`);
    const permissions = permissionValues(spec.grants, license.cannotGrant);
    const userType = spec.license.includes('Community') ? 'PowerPartner' : spec.license.startsWith('Chatter') ? 'CsnOnly' : 'Standard';
    const profile = data.insert('Profile', {
      Id: nextId('00e'), Name: spec.name, Description: null, UserLicenseId: licenseIds.get(spec.license), UserType: userType, ...permissions,
    });
    profileIds.set(spec.name, profile.Id);
    const ownSet = data.insert('PermissionSet', {
      Id: nextId('0PS'), Name: `X${profile.Id}`, Label: `${profile.Id}`, IsOwnedByProfile: true, IsCustom: !standardProfiles.has(spec.name), ProfileId: profile.Id,
      LicenseId: licenseIds.get(spec.license), PermissionSetGroupId: null, Type: 'Profile', ...permissions,
    });
    profileSetIds.set(profile.Id, ownSet.Id);
  }

  const permissionSetIds = new Map<string, string>();
  const setSpecs = [...permissionSetSpecs];
  for (let i = setSpecs.length; i < (options.permissionSetCount ?? setSpecs.length); i++) {
    const base = permissionSetSpecs[(i % (permissionSetSpecs.length - 1)) + 1];
    setSpecs.push({ name: `Generated_Set_${String(i).padStart(3, '0')}`, label: `Generated Set ${i}`, grants: base.grants });
  }
  for (const spec of setSpecs) {
    const record = data.insert('PermissionSet', {
      Id: nextId('0PS'), Name: spec.name, Label: spec.label, IsOwnedByProfile: false, IsCustom: true, ProfileId: null, LicenseId: null,
      PermissionSetGroupId: null, Type: 'Regular', ...permissionValues(spec.grants),
    });
    permissionSetIds.set(spec.name, record.Id);
  }

  // A permission set group as Salesforce models it: the PermissionSetGroup record, and an aggregate
  // PermissionSet of Type 'Group' (IsOwnedByProfile false) holding the union of its members' permissions,
  // which its assignments point at with PermissionSetGroupId set (PermissionSetAssignment: "If associated with
  // a permission set group, this is the ID of that group"; PermissionSet.Type picklist value 'Group'; Object
  // Reference, API 45.0+). The aggregate set's Name and Label are a guess; its members (PermissionSetGroupComponent)
  // are not modelled, since nothing here reads them.
  const groupMembers = ['Password_Resets', 'Security_Center'];
  const group = data.insert('PermissionSetGroup', {
    Id: nextId('0PG'), DeveloperName: 'Helpdesk_Admins', MasterLabel: 'Helpdesk Admins', Status: 'Updated',
  });
  const groupSet = data.insert('PermissionSet', {
    Id: nextId('0PS'), Name: `X${group.Id}`, Label: group.Id, IsOwnedByProfile: false, IsCustom: true, ProfileId: null, LicenseId: null,
    PermissionSetGroupId: group.Id, Type: 'Group',
    ...permissionValues(groupMembers.flatMap((name) => permissionSetSpecs.find((spec) => spec.name === name)?.grants ?? [])),
  });

  const passwords = new Map<string, string>();
  const assignment = (userId: string, permissionSetId: unknown, permissionSetGroupId: string | null = null) => data.insert('PermissionSetAssignment', {
    Id: nextId('0Pa'), AssigneeId: userId, PermissionSetId: permissionSetId, PermissionSetGroupId: permissionSetGroupId, IsActive: true,
  });
  const user = (username: string, first: string, last: string, profile: string, extra: Partial<SfRecord> = {}) => {
    const profileId = profileIds.get(profile);
    if (!profileId) throw new Error(`seed: unknown profile ${profile}`);
    const record = data.insert('User', {
      Id: nextId('005'), Username: username, FirstName: first, LastName: last, Name: `${first} ${last}`, Email: username,
      Alias: `${first[0]}${last}`.slice(0, 8).toLowerCase(), CommunityNickname: username.split('@')[0], ProfileId: profileId,
      ManagerId: null, IsActive: true, UserType: data.byId(profileId)?.record.UserType, TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US', EmployeeNumber: null, FederationIdentifier: null,
      Title: null, Department: null, Phone: null, LastLoginDate: null, ...extra,
    });
    // Every real user holds an assignment to their profile's own permission set (IsOwnedByProfile = true):
    // a query for permission set grants that forgets `PermissionSet.IsOwnedByProfile = false` finds them all.
    assignment(record.Id, profileSetIds.get(profileId));
    return record;
  };
  const assign = (userId: string, permissionSet: string) => assignment(userId, permissionSetIds.get(permissionSet));

  const adminUsername = 'admin@acme-sandbox.example';
  const admin = user(adminUsername, 'Ada', 'Admin', 'System Administrator');
  passwords.set(adminUsername, 'sandbox-admin-1');
  const integrationUsers = {
    correct: 'okta.integration@acme-sandbox.example',
    missingDependencies: 'okta.integration.deps@acme-sandbox.example',
    permissionSetGrant: 'okta.integration.psgrant@acme-sandbox.example',
    chatterLicense: 'okta.integration.chatter@acme-sandbox.example',
  };
  const lastNames = { correct: 'Integration', missingDependencies: 'Integration Deps', permissionSetGrant: 'Integration PS', chatterLicense: 'Integration Chatter' };
  for (const [key, username] of Object.entries(integrationUsers) as Array<[keyof typeof integrationProfiles, string]>) {
    const record = user(username, 'Okta', lastNames[key], integrationProfiles[key], { ManagerId: admin.Id });
    passwords.set(username, `sandbox-${key}-1`);
    if (key === 'permissionSetGrant') assign(record.Id, 'Okta_User_Management');
  }
  const noApiUsername = 'minimum.access@acme-sandbox.example';
  user(noApiUsername, 'Min', 'Access', 'Minimum Access - Salesforce');
  passwords.set(noApiUsername, 'sandbox-noapi-1');

  const firstNames = ['Alex', 'Blair', 'Casey', 'Dana', 'Emery', 'Finley', 'Gray', 'Harper', 'Indy', 'Jordan', 'Kai', 'Logan'];
  const employees = Math.max(48, specs.length);
  for (let i = 0; i < employees; i++) {
    const spec = specs[(i * 7) % specs.length];
    if (spec.name.startsWith('Okta Integration')) continue;
    const first = firstNames[i % firstNames.length];
    const record = user(`${first.toLowerCase()}.${i}@acme-sandbox.example`, first, `Employee${i}`, spec.name, {
      IsActive: i % 11 !== 10, EmployeeNumber: `E${String(10000 + i)}`, Department: ['Sales', 'Support', 'Finance', 'IT'][i % 4],
      ManagerId: admin.Id,
    });
    if (i % 3 === 0) assign(record.Id, setSpecs[1 + (i % (setSpecs.length - 1))].name);
    // An inactive user still holding Manage Users through a set: the audit must ignore them.
    if (i % 11 === 10 && i < 40) assign(record.Id, 'Okta_User_Management');
    if (i % 13 === 4) assignment(record.Id, groupSet.Id, group.Id);
  }
  assign(admin.Id, 'API_Access');

  insertDependencyRows(data, () => nextId('2Pd'));
  for (const license of data.records('UserLicense')) {
    license.UsedLicenses = data.records('User').filter((u) => data.byId(String(u.ProfileId))?.record.UserLicenseId === license.Id).length;
  }
  return { data, passwords, integrationUsers, adminUsername, noApiUsername };
}

/**
 * The Organization record. A production org here is a Developer Edition (the edition of the daily limit
 * salesforceServer.ts defaults to); a sandbox is copied from a production org of a paid edition, and its
 * OrganizationType is that edition's (Developer Edition has no sandboxes). Instance names are examples of
 * the forms seen (NA… for production, CS… for sandboxes; newer instances are named otherwise): a guess.
 */
function insertOrganization(data: OrgData, isSandbox: boolean): void {
  data.insert('Organization', {
    Id: organizationId, Name: isSandbox ? 'Acme (Sandbox)' : 'Acme', IsSandbox: isSandbox,
    OrganizationType: isSandbox ? 'Enterprise Edition' : 'Developer Edition', InstanceName: isSandbox ? 'CS201' : 'NA224',
    TrialExpirationDate: null, NamespacePrefix: null,
  });
}

/** Standard objects the object-permission rows are about; custom objects fill the rest. */
const standardObjects = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Campaign', 'Contract', 'Order', 'Product2', 'Pricebook2',
  'Asset', 'Solution', 'Idea', 'Document', 'Quote', 'WorkOrder', 'ServiceContract', 'Entitlement'];
/** Object permission → the object permissions it requires, on the same object. */
const objectDependencies: ReadonlyArray<[string, string]> = [
  ['create', 'read'], ['update', 'read'], ['delete', 'update'], ['viewAllRecords', 'read'], ['modifyAllRecords', 'delete'],
  ['modifyAllRecords', 'viewAllRecords'],
];
/** Rows between a user permission and an object permission (the shape of such a row, not a known pair: a guess). */
const mixedRows: ReadonlyArray<[string, string, string, string]> = [
  ['ViewAllUsers', 'User Permission', 'User<read>', 'Object Permission'],
  ['ConvertLeads', 'User Permission', 'Lead<update>', 'Object Permission'],
  ['Account<modifyAllRecords>', 'Object Permission', 'ViewSetup', 'User Permission'],
];

/**
 * The PermissionDependency rows as real orgs serve them, per public Tooling API client code that probed a real
 * org: "The overwhelming majority of rows are object-typed" (about 9,300 rows), PermissionType and
 * RequiredPermissionType take 'User Permission' or 'Object Permission', and object permissions are named
 * `Object<verb>` (verbs seen: create, update, read, viewAllRecords). The pairs between object permissions
 * are our guess at Setup's rules (edit needs read, and so on); 2,600 of them, so the rows span pages. The
 * user-permission rows are spread among them, as nothing says where a real org puts them.
 */
function insertDependencyRows(data: OrgData, nextId: () => string): void {
  const row = (permission: string, permissionType: string, required: string, requiredType: string) => data.insert('PermissionDependency', {
    Id: nextId(), Permission: permission, RequiredPermission: required, PermissionType: permissionType, RequiredPermissionType: requiredType,
  });
  const userRows = Object.entries(dependencies).flatMap(([permission, required]) => (required ?? []).map((r): [string, string] => [permission, r]));
  const objectNames = [...standardObjects];
  for (let i = 1; objectNames.length * objectDependencies.length < 2600; i++) objectNames.push(`Custom_Object_${String(i).padStart(3, '0')}__c`);
  let next = 0;
  objectNames.forEach((object, i) => {
    for (const [verb, requiredVerb] of objectDependencies) row(`${object}<${verb}>`, 'Object Permission', `${object}<${requiredVerb}>`, 'Object Permission');
    // One user-permission row after every 20 objects' rows, the rest at the end.
    if (i % 20 === 19 && next < userRows.length) row(userRows[next][0], 'User Permission', userRows[next++][1], 'User Permission');
  });
  for (; next < userRows.length; next++) row(userRows[next][0], 'User Permission', userRows[next][1], 'User Permission');
  for (const [permission, permissionType, required, requiredType] of mixedRows) row(permission, permissionType, required, requiredType);
}
