import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type SnapshotProfile } from '../../src/domain/profileAudit';
import { auditOfProfile, profileRows, profileSummary } from '../../src/salesforce/profileTreeModel';

const closure = requiredPermissions().permissions.map((permission) => permission.name);

function profile(id: string, name: string, granted: readonly string[]): SnapshotProfile {
  return { id, name, userType: 'Standard', licenseName: 'Salesforce', permissions: Object.fromEntries(granted.map((permission) => [permission, true])) };
}

const audit = auditOrg({
  profiles: [
    profile('00e1', 'Okta Integration', closure),
    profile('00e2', 'Okta Integration - Missing Dependencies', closure.filter((permission) => permission !== 'ViewSetup' && permission !== 'ManageRoles')),
    profile('00e3', 'Standard User', []),
  ],
  permissionSetGrants: [{
    assigneeId: '0051', assigneeUsername: 'deps@acme.example', assigneeProfileId: '00e2', permissionSetName: 'Setup_Viewers',
    permissionSetGroupId: null, permissions: ['ViewSetup'],
  }],
});

describe('profile tree model', () => {
  const rows = profileRows(audit);

  it('lists profiles in the audit\'s order, failing candidates first, with license · verdict', () => {
    assert.deepEqual(rows.map((row) => row.profile.name), ['Okta Integration - Missing Dependencies', 'Okta Integration', 'Standard User']);
    assert.deepEqual(rows.map((row) => row.description), ['Salesforce · fail', 'Salesforce · pass', 'Salesforce · fail']);
    assert.deepEqual(rows.map((row) => row.contextValue), ['fail.candidate', 'pass.candidate', 'fail']);
  });

  it('gives each required permission its state, naming the permission sets and users', () => {
    const [failing, passing] = rows;
    assert.equal(passing.permissions.length, closure.length);
    assert.ok(passing.permissions.every((row) => row.state === 'onProfile' && row.description === 'on the profile'));
    const viewSetup = failing.permissions.find((row) => row.permission === 'ViewSetup');
    assert.equal(viewSetup?.state, 'viaPermissionSet');
    assert.equal(viewSetup?.description, 'only via permission set: Setup_Viewers (deps@acme.example)');
    const manageRoles = failing.permissions.find((row) => row.permission === 'ManageRoles');
    assert.equal(manageRoles?.state, 'missing');
    assert.match(manageRoles?.tooltip ?? '', /Manage Roles/);
  });

  it('puts the findings in the tooltip and the summary', () => {
    const [failing, passing] = rows;
    assert.equal(passing.tooltip, 'No findings.');
    assert.match(failing.tooltip, /Setup_Viewers/);
    const summary = profileSummary(failing.profile);
    assert.match(summary, /^Okta Integration - Missing Dependencies \(Salesforce\) fails/);
    assert.match(summary, /- error: .*Fix: In Setup → Profiles/);
  });

  it('says nothing of active users when they were not counted', () => {
    assert.ok(rows.every((row) => !('activeUsers' in row.profile)));
  });

  it('puts the active users, when counted, between license and verdict', () => {
    const counted = (id: string, name: string, activeUsers: number): SnapshotProfile => ({ ...profile(id, name, []), activeUsers });
    const described = profileRows(auditOrg({
      profiles: [counted('00e4', 'A None', 0), counted('00e5', 'B One', 1), counted('00e6', 'C Several', 3), profile('00e7', 'D Unknown', [])],
      permissionSetGrants: [],
    })).map((row) => [row.profile.name, row.profile.activeUsers, row.description]);
    assert.deepEqual(described, [
      ['A None', 0, 'Salesforce · 0 active users · fail'],
      ['B One', 1, 'Salesforce · 1 active user · fail'],
      ['C Several', 3, 'Salesforce · 3 active users · fail'],
      ['D Unknown', undefined, 'Salesforce · fail'],
    ]);
  });

  it('shows a permission the org has no field for as unread, not as on the profile or missing', () => {
    const unread = profileRows(auditOrg({
      profiles: [profile('00e1', 'Okta Integration', closure.filter((permission) => permission !== 'ManageIpAddresses'))],
      permissionSetGrants: [], unreadablePermissions: ['ManageIpAddresses'],
    }))[0];
    const row = unread.permissions.find((permission) => permission.permission === 'ManageIpAddresses');
    assert.deepEqual([row?.state, row?.description], ['unreadable', 'could not read: no such field in this org']);
    assert.match(row?.tooltip ?? '', /could not read Manage IP Addresses/);
    assert.equal(unread.description, 'Salesforce · warn');
  });

  it('narrows the audit to one profile for its report', () => {
    assert.deepEqual(auditOfProfile(audit, '00e1').profiles.map((p) => p.name), ['Okta Integration']);
  });
});
