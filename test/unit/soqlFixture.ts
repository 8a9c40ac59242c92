// A small org for the SOQL engine's tests: licenses, profiles, the permission sets that back them,
// users, assignments, and one tooling object.
import { type FieldDef, type FieldType, OrgData, type SObjectDef } from '../sandbox/salesforce/model';

function field(name: string, type: FieldType, more: Partial<FieldDef> = {}): FieldDef {
  return { name, label: name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...more };
}

function reference(name: string, to: string, relationshipName: string): FieldDef {
  return field(name, 'reference', { referenceTo: [to], relationshipName });
}

function object(name: string, keyPrefix: string, fields: FieldDef[], tooling?: boolean): SObjectDef {
  return { name, label: name, keyPrefix, tooling, fields: [field('Id', 'id', { nillable: false }), ...fields] };
}

const objects = [
  object('UserLicense', '100', [field('Name', 'string'), field('TotalLicenses', 'int')]),
  object('Profile', '00e', [
    field('Name', 'string'), field('UserType', 'picklist'), reference('UserLicenseId', 'UserLicense', 'UserLicense'),
  ]),
  object('PermissionSet', '0PS', [
    field('Name', 'string'), field('Type', 'picklist'), reference('ProfileId', 'Profile', 'Profile'), field('IsOwnedByProfile', 'boolean'),
    field('PermissionsApiEnabled', 'boolean'), field('PermissionsManageUsers', 'boolean'), field('CreatedDate', 'datetime'),
  ]),
  object('User', '005', [
    field('Username', 'string'), field('IsActive', 'boolean'), reference('ProfileId', 'Profile', 'Profile'),
    field('LastLoginDate', 'datetime'), field('Hire_Date__c', 'date'),
  ]),
  object('PermissionSetAssignment', '0Pa', [
    reference('AssigneeId', 'User', 'Assignee'), reference('PermissionSetId', 'PermissionSet', 'PermissionSet'),
    reference('PermissionSetGroupId', 'PermissionSetGroup', 'PermissionSetGroup'),
  ]),
  object('PermissionDependency', '2PD', [
    field('Permission', 'string'), field('RequiredPermission', 'string'), field('PermissionType', 'picklist'),
    field('RequiredPermissionType', 'picklist'),
  ], true),
];

export const ids = {
  salesforceLicense: '100Sb0000000001AAA',
  platformLicense: '100Sb0000000002AAA',
  adminProfile: '00eSb0000000001AAA',
  standardProfile: '00eSb0000000002AAA',
  integrationProfile: '00eSb0000000003AAA',
  guestProfile: '00eSb0000000004AAA',
  adminProfileSet: '0PSSb0000000001AAA',
  standardProfileSet: '0PSSb0000000002AAA',
  integrationProfileSet: '0PSSb0000000003AAA',
  guestProfileSet: '0PSSb0000000004AAA',
  oktaSet: '0PSSb0000000005AAA',
  salesOpsSet: '0PSSb0000000006AAA',
  apiOnlySet: '0PSSb0000000007AAA',
  admin: '005Sb0000000001AAA',
  integration: '005Sb0000000002AAA',
  former: '005Sb0000000003AAA',
  quoted: '005Sb0000000004AAA',
  oktaGroup: '0PGSb0000000001AAA',
};

export function fixtureOrg(): OrgData {
  const data = new OrgData(objects);
  data.insert('UserLicense', { Id: ids.salesforceLicense, Name: 'Salesforce', TotalLicenses: 10 });
  data.insert('UserLicense', { Id: ids.platformLicense, Name: 'Salesforce Platform', TotalLicenses: 5 });

  const profile = (Id: string, Name: string, UserType: string, UserLicenseId: string | null): void => {
    data.insert('Profile', { Id, Name, UserType, UserLicenseId });
  };
  profile(ids.adminProfile, 'System Administrator', 'Standard', ids.salesforceLicense);
  profile(ids.standardProfile, 'Standard User', 'Standard', ids.salesforceLicense);
  profile(ids.integrationProfile, 'Integration', 'Standard', ids.platformLicense);
  profile(ids.guestProfile, 'Guest Site', 'Guest', null);

  const profileSet = (Id: string, ProfileId: string, api: boolean, manageUsers: boolean, CreatedDate: string): void => {
    data.insert('PermissionSet', {
      Id, Name: `X${ProfileId}`, Type: 'Profile', ProfileId, IsOwnedByProfile: true,
      PermissionsApiEnabled: api, PermissionsManageUsers: manageUsers, CreatedDate,
    });
  };
  profileSet(ids.adminProfileSet, ids.adminProfile, true, true, '2024-01-01T00:00:00.000+0000');
  profileSet(ids.standardProfileSet, ids.standardProfile, true, false, '2024-06-30T23:30:00.000+0000');
  profileSet(ids.integrationProfileSet, ids.integrationProfile, true, false, '2025-03-15T12:00:00.000+0000');
  profileSet(ids.guestProfileSet, ids.guestProfile, false, false, '2025-03-15T12:00:00.000+0000');
  const ownSet = (Id: string, Name: string, api: boolean, manageUsers: boolean): void => {
    data.insert('PermissionSet', {
      Id, Name, Type: 'Regular', ProfileId: null, IsOwnedByProfile: false,
      PermissionsApiEnabled: api, PermissionsManageUsers: manageUsers, CreatedDate: '2026-01-01T00:00:00.000+0000',
    });
  };
  ownSet(ids.oktaSet, 'Okta_Provisioning', true, true);
  ownSet(ids.salesOpsSet, 'Sales_Ops', false, false);
  ownSet(ids.apiOnlySet, 'api_only', true, false);

  data.insert('User', {
    Id: ids.admin, Username: 'admin@acme.example', IsActive: true, ProfileId: ids.adminProfile,
    LastLoginDate: '2026-01-15T09:30:00.000+0000', Hire_Date__c: '2020-03-01',
  });
  data.insert('User', {
    Id: ids.integration, Username: 'okta.integration@acme.example', IsActive: true, ProfileId: ids.integrationProfile,
    LastLoginDate: '2026-02-01T00:00:00.000+0000', Hire_Date__c: '2024-06-15',
  });
  data.insert('User', {
    Id: ids.former, Username: 'former.employee@acme.example', IsActive: false, ProfileId: ids.standardProfile,
    LastLoginDate: null, Hire_Date__c: null,
  });
  data.insert('User', {
    Id: ids.quoted, Username: "o'neil_100%\\ok@acme.example", IsActive: true, ProfileId: ids.standardProfile,
    LastLoginDate: null, Hire_Date__c: '2024-06-15',
  });

  const assign = (Id: string, AssigneeId: string, PermissionSetId: string, PermissionSetGroupId: string | null = null): void => {
    data.insert('PermissionSetAssignment', { Id, AssigneeId, PermissionSetId, PermissionSetGroupId });
  };
  assign('0PaSb0000000001AAA', ids.integration, ids.oktaSet);
  assign('0PaSb0000000002AAA', ids.former, ids.oktaSet);
  assign('0PaSb0000000003AAA', ids.admin, ids.salesOpsSet);
  assign('0PaSb0000000004AAA', ids.admin, ids.apiOnlySet, ids.oktaGroup);
  assign('0PaSb0000000005AAA', ids.admin, ids.adminProfileSet);

  data.insert('PermissionDependency', {
    Id: '2PDSb0000000001AAA', Permission: 'ManageUsers', RequiredPermission: 'ViewSetup',
    PermissionType: 'User Permission', RequiredPermissionType: 'User Permission',
  });
  return data;
}
