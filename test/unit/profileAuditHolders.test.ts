// How a permission set finding names the users who hold the permission through a set: every name up to
// three, then "and N more"; "gets" for one user and "get" for several.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditOrg, type PermissionSetGrant } from '../../src/domain/profileAudit';

const profile = { id: '00eC', name: 'Okta Provisioning', userType: 'Standard', licenseName: 'Salesforce', permissions: { ApiEnabled: true } };

function manageUsersMessage(usernames: readonly string[]): string | undefined {
  const grants: PermissionSetGrant[] = usernames.map((username) => ({
    assigneeId: `005-${username}`, assigneeUsername: username, assigneeProfileId: '00eC', permissionSetName: 'User_Admin',
    permissionSetGroupId: null, permissions: ['ManageUsers'],
  }));
  const [verdict] = auditOrg({ profiles: [profile], permissionSetGrants: grants }).profiles;
  return verdict.findings.find((finding) => finding.permission === 'ManageUsers')?.message;
}

const tail = 'only through the permission set User_Admin. Okta needs it on the profile itself, not through permission sets.';

describe('the holders a permission set finding names', () => {
  it('says "gets" for one user and "get" for two', () => {
    assert.equal(manageUsersMessage(['a@acme.example']), `Manage Users is not on the profile; a@acme.example gets it ${tail}`);
    assert.equal(manageUsersMessage(['a@acme.example', 'b@acme.example']),
      `Manage Users is not on the profile; a@acme.example and b@acme.example get it ${tail}`);
  });

  it('names all of three users, and shortens only from four', () => {
    assert.equal(manageUsersMessage(['a@acme.example', 'b@acme.example', 'c@acme.example']),
      `Manage Users is not on the profile; a@acme.example, b@acme.example and c@acme.example get it ${tail}`);
    assert.equal(manageUsersMessage(['a@acme.example', 'b@acme.example', 'c@acme.example', 'd@acme.example']),
      `Manage Users is not on the profile; a@acme.example, b@acme.example, c@acme.example and 1 more get it ${tail}`);
  });
});
