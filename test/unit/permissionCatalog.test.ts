import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { licenseCannotCarry, licenseReach } from '../../src/domain/licenseCapabilities';
import {
  type DependencyRow, permissionByName, permissionCatalog, requiredPermissions,
} from '../../src/domain/permissionCatalog';

/** Okta's list with Salesforce's labels (platform-facts.md). */
const oktaTable: Array<[name: string, label: string]> = [
  ['ApiEnabled', 'API Enabled'],
  ['ManageUsers', 'Manage Users'],
  ['AssignPermissionSets', 'Assign Permission Sets'],
  ['ManageInternalUsers', 'Manage Internal Users'],
  ['ManageIpAddresses', 'Manage IP Addresses'],
  ['ManageLoginAccessPolicies', 'Manage Login Access Policies'],
  ['ManagePasswordPolicies', 'Manage Password Policies'],
  ['ManageProfilesPermissionsets', 'Manage Profiles and Permission Sets'],
  ['ManageRoles', 'Manage Roles'],
  ['ManageSharing', 'Manage Sharing'],
  ['ResetPasswords', 'Reset User Passwords and Unlock Users'],
  ['ViewAllUsers', 'View All Users'],
  ['ViewRoles', 'View Roles and Role Hierarchy'],
  ['ViewSetup', 'View Setup and Configuration'],
];
const oktaNames = oktaTable.map(([name]) => name);

const row = (permission: string, requiredPermission: string): DependencyRow => ({ permission, requiredPermission });

function requiredBy(rows: DependencyRow[] = []): Map<string, readonly string[]> {
  return new Map(requiredPermissions(rows).permissions.map((permission) => [permission.name, permission.requiredBy]));
}

describe('permissionCatalog', () => {
  it('lists Okta’s 14 permissions with Salesforce’s labels and fields, then the 3 Salesforce adds', () => {
    const okta = permissionCatalog.filter((entry) => entry.listedByOkta);
    assert.deepEqual(okta.map((entry) => [entry.name, entry.label]), oktaTable);
    assert.deepEqual(okta.map((entry) => entry.apiField), oktaNames.map((name) => `Permissions${name}`));
    assert.deepEqual(
      permissionCatalog.filter((entry) => !entry.listedByOkta).map((entry) => [entry.name, entry.label]),
      [['DelegatedTwoFactor', 'Manage MFA in User Interface'], ['FreezeUsers', 'Freeze Users'],
        ['MonitorLoginHistory', 'Monitor Login History']],
    );
  });

  it('says in one sentence what each permission allows', () => {
    for (const entry of permissionCatalog) assert.match(entry.allows, /^Lets the user [^.]+\.$/, entry.name);
  });

  it('looks permissions up by XML name, case-sensitively', () => {
    assert.equal(permissionByName('ManageUsers')?.label, 'Manage Users');
    assert.equal(permissionByName('manageusers'), undefined);
    assert.equal(permissionByName('PermissionsManageUsers'), undefined);
    assert.equal(permissionByName('ModifyAllData'), undefined);
  });
});

describe('requiredPermissions', () => {
  it('without org rows, closes Okta’s list over the built-in dependencies', () => {
    const required = requiredPermissions();
    assert.equal(required.source, 'builtIn');
    assert.deepEqual(required.permissions.map((permission) => permission.name),
      [...oktaNames, 'DelegatedTwoFactor', 'FreezeUsers', 'MonitorLoginHistory']);
    assert.deepEqual(requiredPermissions([]), required);
  });

  it('records which required permissions need each one, in list order', () => {
    const needs = requiredBy();
    assert.deepEqual(needs.get('ApiEnabled'), []);
    assert.deepEqual(needs.get('ManageUsers'), []);
    assert.deepEqual(needs.get('FreezeUsers'), ['ManageUsers']);
    assert.deepEqual(needs.get('ViewSetup'), ['ManageUsers', 'ResetPasswords']);
    assert.deepEqual(needs.get('ViewRoles'), ['ManageUsers', 'ViewSetup']);
  });

  it('lets the org’s rows replace the built-in closure, transitively', () => {
    const rows = [row('ManageUsers', 'FreezeUsers'), row('FreezeUsers', 'ManageEncryptionKeys'), row('ViewSetup', 'ViewRoles')];
    const required = requiredPermissions(rows);
    assert.equal(required.source, 'org');
    assert.deepEqual(required.permissions.map((permission) => permission.name), [...oktaNames, 'FreezeUsers', 'ManageEncryptionKeys']);
    assert.equal(required.permissions.some((permission) => permission.name === 'DelegatedTwoFactor'), false);
    assert.deepEqual(requiredBy(rows).get('ViewSetup'), []);
  });

  it('keeps rows that do not reach Okta’s list out of the requirement', () => {
    const required = requiredPermissions([row('ModifyAllData', 'ViewAllData'), row('ManageUsers', 'FreezeUsers')]);
    assert.deepEqual(required.permissions.map((permission) => permission.name), [...oktaNames, 'FreezeUsers']);
  });

  it('describes a permission the catalog does not know by its XML name', () => {
    const unknown = requiredPermissions([row('FreezeUsers', 'ManageEncryptionKeys'), row('ManageUsers', 'FreezeUsers')])
      .permissions.find((permission) => permission.name === 'ManageEncryptionKeys');
    assert.ok(unknown);
    const { allows, ...described } = unknown;
    assert.deepEqual(described, {
      name: 'ManageEncryptionKeys', apiField: 'PermissionsManageEncryptionKeys', label: 'ManageEncryptionKeys', listedByOkta: false,
      requiredBy: ['FreezeUsers'],
    });
    assert.match(allows, /no description/);
  });

  it('ends on cycles, self-references and repeated rows in the org’s rows', () => {
    const rows = [
      row('ManageUsers', 'LoopA'), row('LoopA', 'LoopB'), row('LoopB', 'LoopA'), row('LoopB', 'ManageUsers'),
      row('ViewSetup', 'ViewSetup'), row('ManageUsers', 'LoopA'),
    ];
    const required = requiredPermissions(rows);
    assert.deepEqual(required.permissions.map((permission) => permission.name), [...oktaNames, 'LoopA', 'LoopB']);
    const needs = requiredBy(rows);
    assert.deepEqual(needs.get('LoopA'), ['ManageUsers', 'LoopB']);
    assert.deepEqual(needs.get('ManageUsers'), ['LoopB']);
    assert.deepEqual(needs.get('ViewSetup'), []);
  });

  it('takes only rows between two user permissions, each once, as real orgs serve them (object rows, repeats)', () => {
    const userRows = [row('ManageUsers', 'FreezeUsers'), row('ResetPasswords', 'ViewSetup'), row('ViewSetup', 'ViewRoles')];
    const served = [
      row('Account<update>', 'Account<read>'), ...userRows, row('ManageUsers', 'User<update>'), row('Account<modifyAllRecords>', 'ViewSetup'),
      row('Lead<create>', 'Lead<read>'), userRows[0], userRows[2], row('ManageUsers', 'FreezeUsers'),
    ];
    assert.deepEqual(requiredPermissions(served), requiredPermissions(userRows));
    assert.deepEqual(requiredBy(served).get('FreezeUsers'), ['ManageUsers']);
    assert.equal(requiredPermissions([row('Account<update>', 'Account<read>'), row('ManageUsers', 'User<update>')]).source, 'builtIn',
      'rows with no pair of user permissions leave the built-in closure in place');
  });
});

describe('licenseCapabilities', () => {
  it('lets a Salesforce or Salesforce Platform license carry every required permission', () => {
    for (const license of ['Salesforce', 'Salesforce Platform']) {
      assert.equal(licenseReach(license), 'everything');
      assert.equal(permissionCatalog.some((entry) => licenseCannotCarry(license, entry.name)), false, license);
    }
  });

  it('keeps Chatter, Identity, community and guest licenses to API Enabled', () => {
    for (const license of ['Chatter Free', 'Chatter External', 'Customer Community', 'Customer Community Plus', 'Partner Community',
      'Identity', 'Guest User License']) {
      assert.equal(licenseReach(license), 'noAdministration', license);
      assert.equal(licenseCannotCarry(license, 'ApiEnabled'), false, license);
      for (const permission of ['ManageUsers', 'ViewSetup', 'FreezeUsers', 'DelegatedTwoFactor']) {
        assert.equal(licenseCannotCarry(license, permission), true, `${license} ${permission}`);
      }
    }
  });

  it('claims nothing about permissions outside the catalog', () => {
    assert.equal(licenseCannotCarry('Chatter Free', 'ManageEncryptionKeys'), false);
  });

  it('calls unlisted, differently cased and unreported licenses unknown, and never refuses on them', () => {
    for (const license of ['Force.com - App Subscription', 'chatter free', null]) {
      assert.equal(licenseReach(license), 'unknown', String(license));
      assert.equal(licenseCannotCarry(license, 'ManageUsers'), false, String(license));
    }
  });
});
