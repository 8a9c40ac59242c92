// Fix in Org and Create Okta Integration Profile as plans: the sandbox's integration profiles audited, then one
// row per kind of plan (exact changes with their dependencies, nothing to fix, standard, license, unknown), the
// revert, the preview's text, and the create body with each refusal.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type FixPlan, fixFields, planProfileCreate, planProfileFix, previewLines, type ProfileCreateInput, type ProfileFixPlan, revertPlan,
} from '../../src/domain/orgFixes/profileFixes';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type OrgSnapshot, type SnapshotProfile } from '../../src/domain/profileAudit';

const closure = requiredPermissions().permissions.map((permission) => permission.name);
const okta14 = requiredPermissions().permissions.filter((permission) => permission.listedByOkta).map((permission) => permission.name);
const without = (left: readonly string[]) => closure.filter((permission) => !left.includes(permission));

function profile(id: string, name: string, granted: readonly string[], licenseName: string | null = 'Salesforce'): SnapshotProfile {
  return { id, name, userType: 'Standard', licenseName, permissions: Object.fromEntries(granted.map((permission) => [permission, true])) };
}

/** The sandbox's integration profiles (test/sandbox/salesforce/seed.ts) and two standard ones. */
function snapshot(extra: Partial<OrgSnapshot> = {}): OrgSnapshot {
  return {
    profiles: [
      profile('00e1', 'Okta Integration', closure),
      profile('00e2', 'Okta Integration - Missing Dependencies', [...without(['ResetPasswords', 'ManagePasswordPolicies', 'FreezeUsers']), 'EditTask']),
      profile('00e3', 'Okta Integration - Permission Set Grant', ['ApiEnabled', 'ViewSetup', 'ViewRoles']),
      profile('00e4', 'Okta Integration - Chatter License', ['ApiEnabled'], 'Chatter Free'),
      profile('00e5', 'Standard User', ['ApiEnabled', 'EditTask']),
      profile('00e6', 'System Administrator', [...closure, 'ModifyAllData']),
    ],
    permissionSetGrants: [{
      assigneeId: '005-ps', assigneeUsername: 'okta.integration.psgrant@acme-sandbox.example', assigneeProfileId: '00e3',
      permissionSetName: 'Okta_User_Management', permissionSetGroupId: null, permissions: [...closure],
    }],
    ...extra,
  };
}

const custom = { isCustom: true };
const standard = { isCustom: false };

function fixOf(plan: ProfileFixPlan): FixPlan {
  assert.equal(plan.kind, 'fix', `expected a fix, got ${JSON.stringify(plan)}`);
  return plan as FixPlan;
}

const summary = (plan: FixPlan) => plan.changes.map((change) => `${change.field} ${change.why}${change.neededFor.length ? ` for ${change.neededFor.join('+')}` : ''}`);

describe('planProfileFix', () => {
  const audit = auditOrg(snapshot());

  it('enables exactly the missing required permissions and dependencies, in the audit order, never touching the rest', () => {
    const plan = fixOf(planProfileFix(audit, '00e2', custom));
    assert.deepEqual(summary(plan), [
      'PermissionsManagePasswordPolicies required',
      'PermissionsResetPasswords required',
      'PermissionsFreezeUsers dependency for Manage Users',
    ]);
    assert.deepEqual(plan.changes.map((change) => change.label), ['Manage Password Policies', 'Reset User Passwords and Unlock Users', 'Freeze Users']);
    assert.ok(plan.changes.every((change) => !change.from && change.to));
    assert.deepEqual(fixFields(plan), { PermissionsManagePasswordPolicies: true, PermissionsResetPasswords: true, PermissionsFreezeUsers: true });
  });

  it('puts a permission granted only through a permission set on the profile itself', () => {
    const plan = fixOf(planProfileFix(audit, '00e3', custom));
    assert.deepEqual(plan.changes.map((change) => change.permission), without(['ApiEnabled', 'ViewSetup', 'ViewRoles']));
  });

  it('follows the org’s own dependency rows, transitively, over the built-in table', () => {
    const dependencies = [
      { permission: 'ManageUsers', requiredPermission: 'ViewAllUsers' },
      { permission: 'ViewAllUsers', requiredPermission: 'ViewDeveloperName' },
    ];
    const orgAudit = auditOrg({ ...snapshot(), profiles: [profile('00e7', 'Okta Integration', okta14)], dependencies });
    assert.deepEqual(summary(fixOf(planProfileFix(orgAudit, '00e7', custom))), ['PermissionsViewDeveloperName dependency for View All Users']);
  });

  it('leaves out a permission the org has no field for', () => {
    const unreadableAudit = auditOrg(snapshot({ unreadablePermissions: ['FreezeUsers'] }));
    assert.deepEqual(fixOf(planProfileFix(unreadableAudit, '00e2', custom)).changes.map((change) => change.permission), ['ManagePasswordPolicies', 'ResetPasswords']);
  });

  const table: Array<[string, string, { isCustom: boolean }, ProfileFixPlan]> = [
    ['a passing custom profile', '00e1', custom, { kind: 'nothingToFix', profileId: '00e1', profileName: 'Okta Integration' }],
    ['a passing standard profile', '00e6', standard, { kind: 'nothingToFix', profileId: '00e6', profileName: 'System Administrator' }],
    ['a failing standard profile', '00e5', standard, {
      kind: 'standardProfile', profileId: '00e5', profileName: 'Standard User',
      missing: requiredPermissions().permissions.filter((permission) => permission.name !== 'ApiEnabled').map((permission) => permission.label),
    }],
    ['a Chatter Free profile', '00e4', custom, {
      kind: 'licenseCannotCarry', profileId: '00e4', profileName: 'Okta Integration - Chatter License', licenseName: 'Chatter Free',
      permissions: requiredPermissions().permissions.filter((permission) => permission.name !== 'ApiEnabled').map((permission) => permission.label),
    }],
    ['an Id the audit does not have', '00e9', custom, { kind: 'unknownProfile', profileId: '00e9' }],
  ];
  for (const [what, id, facts, expected] of table) {
    it(`plans ${expected.kind} for ${what}`, () => assert.deepEqual(planProfileFix(audit, id, facts), expected));
  }
});

describe('revertPlan', () => {
  it('sets every changed field back to what it was, and only those', () => {
    const plan = fixOf(planProfileFix(auditOrg(snapshot()), '00e2', custom));
    const revert = revertPlan(plan);
    assert.equal(revert.profileId, '00e2');
    assert.deepEqual(revert.fields, { PermissionsManagePasswordPolicies: false, PermissionsResetPasswords: false, PermissionsFreezeUsers: false });
    assert.deepEqual(Object.keys(revert.fields), Object.keys(fixFields(plan)));
  });
});

describe('previewLines', () => {
  const audit = auditOrg(snapshot());
  const org = 'Acme Sandbox (admin@acme-sandbox.example)';

  it('names the org, the profile, each field with its Setup label and why', () => {
    const lines = previewLines(planProfileFix(audit, '00e2', custom), org);
    assert.deepEqual(lines, [
      `Org: ${org}`,
      'Profile: Okta Integration - Missing Dependencies (00e2)',
      '3 permissions will be enabled on the profile itself; nothing will be disabled:',
      '  Manage Password Policies (PermissionsManagePasswordPolicies): off → on, because Okta requires it',
      '  Reset User Passwords and Unlock Users (PermissionsResetPasswords): off → on, because Okta requires it',
      '  Freeze Users (PermissionsFreezeUsers): off → on, because Salesforce requires it for Manage Users',
    ]);
  });

  const others: Array<[string, string, { isCustom: boolean }, RegExp[]]> = [
    ['nothing to fix', '00e1', custom, [/Acme Sandbox/, /Okta Integration already has every permission/]],
    ['a standard profile', '00e5', standard, [/Standard User is a standard profile/, /cannot gain Manage Users, /, /Create Okta Integration Profile…/]],
    ['a Chatter license', '00e4', custom, [/Chatter Free license, which cannot carry Manage Users/, /choose the Salesforce license/]],
    ['an unknown profile', '00e9', custom, [/has no profile 00e9/, /audit the org again/]],
  ];
  for (const [what, id, facts, patterns] of others) {
    it(`says what to do instead for ${what}`, () => {
      const text = previewLines(planProfileFix(audit, id, facts), org).join('\n');
      for (const pattern of patterns) assert.match(text, pattern);
    });
  }
});

describe('planProfileCreate', () => {
  const base: ProfileCreateInput = {
    name: '  Okta Integration 2 ', licenseId: '100000000000001', licenseName: 'Salesforce', required: requiredPermissions(),
    existingNames: ['Okta Integration', 'Standard User'],
  };

  it('creates the profile with the license and every required permission, from off to on', () => {
    const plan = planProfileCreate(base);
    assert.ok(plan.ok);
    assert.deepEqual(plan.body, {
      Name: 'Okta Integration 2', UserLicenseId: '100000000000001', ...Object.fromEntries(closure.map((name) => [`Permissions${name}`, true])),
    });
    assert.equal(plan.changes.length, 17);
    assert.deepEqual(plan.changes.filter((change) => change.why === 'dependency').map((change) => change.permission), ['DelegatedTwoFactor', 'FreezeUsers', 'MonitorLoginHistory']);
    assert.deepEqual(plan.warnings, []);
  });

  it('does not send a permission the org has no field for', () => {
    const plan = planProfileCreate({ ...base, unreadablePermissions: ['DelegatedTwoFactor'] });
    assert.ok(plan.ok);
    assert.equal(Object.hasOwn(plan.body, 'PermissionsDelegatedTwoFactor'), false);
    assert.equal(plan.changes.length, 16);
  });

  it('accepts a name of exactly 255 characters', () => assert.ok(planProfileCreate({ ...base, name: 'x'.repeat(255) }).ok));

  it('warns, without refusing, when the license has no seat left for the integration user', () => {
    const plan = planProfileCreate({ ...base, licenseSeatsLeft: 0 });
    assert.ok(plan.ok);
    assert.match(plan.warnings.join(), /Salesforce license has no seats left/);
    const withSeat = planProfileCreate({ ...base, licenseSeatsLeft: 1 });
    assert.ok(withSeat.ok);
    assert.deepEqual(withSeat.warnings, []);
  });

  const refusals: Array<[string, Partial<ProfileCreateInput>, RegExp]> = [
    ['an empty name', { name: '' }, /needs a name/],
    ['a blank name', { name: '   ' }, /needs a name/],
    ['a name of 256 characters', { name: 'x'.repeat(256) }, /256 characters; Salesforce allows at most 255/],
    ['a name that exists, in another case', { name: 'okta INTEGRATION' }, /A profile named Okta Integration already exists/],
    ['a license that cannot carry the permissions', { licenseName: 'Chatter Free' }, /Chatter Free license cannot carry Manage Users, .*Freeze Users.*\. Choose the Salesforce license/],
  ];
  for (const [what, change, pattern] of refusals) {
    it(`refuses ${what}`, () => {
      const plan = planProfileCreate({ ...base, ...change });
      assert.equal(plan.ok, false);
      assert.match(plan.ok ? '' : plan.problems.join('\n'), pattern);
    });
  }
});
