// Deactivated users keep their permission set assignments in Salesforce, but they cannot sign in: a set
// that reaches only them is no grant Okta's integration could rely on or be misled by. The sandbox seed
// has inactive users holding Okta_User_Management (Manage Users), so a read that forgets
// `Assignee.IsActive = true` would show here as it would in a real org.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import { auditOrg } from '../../src/domain/profileAudit';
import { readOrgSnapshot } from '../../src/salesforce/api/orgSnapshot';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

const connect = (sf: SalesforceSandbox) => new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: '64.0' });

/** From the seed itself: the users holding this permission set, split by IsActive. */
function holdersOf(sf: SalesforceSandbox, permissionSetName: string) {
  const set = sf.seed.data.records('PermissionSet').find((record) => record.Name === permissionSetName);
  assert.ok(set, `the seed has no permission set ${permissionSetName}`);
  const users = new Map(sf.seed.data.records('User').map((user) => [String(user.Id), user]));
  const holders = sf.seed.data.records('PermissionSetAssignment')
    .filter((assignment) => assignment.PermissionSetId === set.Id)
    .map((assignment) => users.get(String(assignment.AssigneeId)))
    .filter((user) => user !== undefined);
  return {
    active: holders.filter((user) => user.IsActive === true),
    inactive: holders.filter((user) => user.IsActive === false),
  };
}

describe('permission sets of inactive users', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  it('are not read as grants', async () => {
    const { active, inactive } = holdersOf(sf, 'Okta_User_Management');
    assert.ok(inactive.length > 0, 'the seed has inactive users holding Okta_User_Management');
    assert.ok(active.length > 0, 'the seed has an active user holding it too');
    const { snapshot } = await readOrgSnapshot(connect(sf));
    const grantees = new Set(snapshot.permissionSetGrants
      .filter((grant) => grant.permissionSetName === 'Okta_User_Management')
      .map((grant) => grant.assigneeId));
    assert.deepEqual(grantees, new Set(active.map((user) => user.Id)));
  });

  it('do not show in the audit of their profiles', async () => {
    const { inactive } = holdersOf(sf, 'Okta_User_Management');
    const inactiveNames = new Set(inactive.map((user) => String(user.Username)));
    const audit = auditOrg((await readOrgSnapshot(connect(sf))).snapshot);
    const theirProfiles = audit.profiles.filter((profile) => inactive.some((user) => user.ProfileId === profile.profileId));
    assert.ok(theirProfiles.length > 0);
    for (const profile of theirProfiles) {
      for (const state of profile.permissions) {
        if (state.state !== 'viaPermissionSet') continue;
        assert.deepEqual(state.grants.filter((grant) => inactiveNames.has(grant.username)), [],
          `${profile.name}: ${state.permission} is credited to an inactive user`);
      }
      assert.ok(profile.findings.every((finding) => ![...inactiveNames].some((name) => finding.message.includes(name))),
        `${profile.name} names an inactive user in a finding`);
    }
  });
});
