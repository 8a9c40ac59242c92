import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import {
  auditOrg, isIntegrationProfileName, type OrgAudit, type OrgSnapshot, type PermissionSetGrant, type ProfileVerdict, type SnapshotProfile,
} from '../../src/domain/profileAudit';

/** Okta's 14 and what the built-in closure adds: 17 XML names. */
const closure = requiredPermissions().permissions.map((permission) => permission.name);

function profile(id: string, name: string, granted: readonly string[], licenseName: string | null = 'Salesforce'): SnapshotProfile {
  return { id, name, userType: 'Standard', licenseName, permissions: Object.fromEntries(granted.map((permission) => [permission, true])) };
}

function grant(username: string, permissionSetName: string, permissions: readonly string[], extra: Partial<PermissionSetGrant> = {}) {
  return {
    assigneeId: `005-${username}`, assigneeUsername: username, permissionSetName, permissionSetGroupId: null,
    permissions: [...permissions], ...extra,
  };
}

function verdictFor(audit: OrgAudit, name: string): ProfileVerdict {
  return audit.profiles.find((verdict) => verdict.name === name) ?? assert.fail(`no verdict for ${name}`);
}

const codes = (verdict: { findings: Array<{ code: string; permission?: string }> }) =>
  verdict.findings.map((finding) => `${finding.code} ${finding.permission ?? ''}`.trim());

// The sandbox org's four integration profiles (test/sandbox/salesforce/seed.ts), one right and three wrong.
const names = {
  correct: 'Okta Integration',
  missingDependencies: 'Okta Integration - Missing Dependencies',
  permissionSetGrant: 'Okta Integration - Permission Set Grant',
  chatterLicense: 'Okta Integration - Chatter License',
};
const users = {
  correct: 'okta.integration@acme-sandbox.example',
  missingDependencies: 'okta.integration.deps@acme-sandbox.example',
  permissionSetGrant: 'okta.integration.psgrant@acme-sandbox.example',
  chatterLicense: 'okta.integration.chatter@acme-sandbox.example',
};
const without = (left: readonly string[]) => closure.filter((permission) => !left.includes(permission));

function sandboxSnapshot(): OrgSnapshot {
  return {
    profiles: [
      profile('00e1', names.correct, closure),
      profile('00e2', names.missingDependencies, without(['ResetPasswords', 'ManagePasswordPolicies', 'FreezeUsers'])),
      profile('00e3', names.permissionSetGrant, ['ApiEnabled', 'ViewSetup', 'ViewRoles']),
      // Chatter Free cannot carry the rest, so only API Enabled stuck.
      profile('00e4', names.chatterLicense, ['ApiEnabled'], 'Chatter Free'),
      profile('00e5', 'Standard User', ['ApiEnabled', 'EditTask']),
    ],
    permissionSetGrants: [grant(users.permissionSetGrant, 'Okta_User_Management', closure, { assigneeProfileId: '00e3' })],
    integrationUsers: [
      { username: users.correct, profileId: '00e1' },
      { username: users.missingDependencies, profileId: '00e2' },
      { username: users.permissionSetGrant, profileId: '00e3' },
      { username: users.chatterLicense, profileId: '00e4' },
    ],
  };
}

describe('auditOrg on the sandbox’s four integration profiles', () => {
  const audit = auditOrg(sandboxSnapshot());

  it('passes the correct profile: every required permission on the profile, no findings', () => {
    const verdict = verdictFor(audit, names.correct);
    assert.equal(verdict.verdict, 'pass');
    assert.deepEqual(verdict.findings, []);
    assert.deepEqual(verdict.permissions, closure.map((permission) => ({ permission, state: 'onProfile' })));
  });

  it('fails “Missing Dependencies”: missing-permission for Okta’s permissions, missing-dependency for Salesforce’s', () => {
    const verdict = verdictFor(audit, names.missingDependencies);
    assert.equal(verdict.verdict, 'fail');
    assert.deepEqual(codes(verdict), [
      'missing-permission ManagePasswordPolicies', 'missing-permission ResetPasswords', 'missing-dependency FreezeUsers',
    ]);
    const [passwordPolicies, resetPasswords, freezeUsers] = verdict.findings;
    assert.equal(passwordPolicies.severity, 'error');
    assert.match(resetPasswords.message, /^Okta requires Reset User Passwords and Unlock Users on the integration profile/);
    assert.match(freezeUsers.message, /^Salesforce requires Freeze Users for Manage Users; .* will not save Manage Users on it\.$/);
    assert.equal(freezeUsers.fix, `In Setup → Profiles → ${names.missingDependencies} → System Permissions, enable Freeze Users.`);
    assert.equal(verdict.permissions.find((state) => state.permission === 'FreezeUsers')?.state, 'missing');
  });

  it('fails “Permission Set Grant” with a permission-set-grant error per permission, naming the set and the user', () => {
    const verdict = verdictFor(audit, names.permissionSetGrant);
    assert.equal(verdict.verdict, 'fail');
    const errors = verdict.findings.filter((finding) => finding.severity === 'error');
    assert.deepEqual(errors.map((finding) => finding.permission), without(['ApiEnabled', 'ViewSetup', 'ViewRoles']));
    for (const finding of errors) {
      assert.equal(finding.code, 'permission-set-grant');
      assert.match(finding.message, new RegExp(`${users.permissionSetGrant} gets it only through the permission set Okta_User_Management`));
      assert.match(finding.fix, /^In Setup → Profiles → Okta Integration - Permission Set Grant → System Permissions, enable /);
    }
    assert.deepEqual(verdict.permissions.find((state) => state.permission === 'ManageUsers'), {
      permission: 'ManageUsers', state: 'viaPermissionSet',
      grants: [{ permissionSetName: 'Okta_User_Management', permissionSetGroupId: null, username: users.permissionSetGrant }],
    });
    assert.equal(verdict.permissions.find((state) => state.permission === 'ApiEnabled')?.state, 'onProfile');
  });

  it('fails “Chatter License” with one license-cannot-grant error listing what Chatter Free cannot carry', () => {
    const verdict = verdictFor(audit, names.chatterLicense);
    assert.equal(verdict.verdict, 'fail');
    assert.deepEqual(codes(verdict), ['license-cannot-grant']);
    const [licenseFinding] = verdict.findings;
    assert.match(licenseFinding.message, /^The Chatter Free license cannot carry Manage Users, .* Freeze Users and Monitor Login History;/);
    assert.match(licenseFinding.fix, /profile with the Salesforce license/);
    assert.deepEqual(verdict.permissions.map((state) => state.state), ['onProfile', ...Array<string>(16).fill('licenseCannotCarry')]);
  });

  it('gives each integration user their profile’s verdict, and the org does not pass', () => {
    assert.deepEqual(audit.integrationUsers.map((user) => [user.username, user.profileName, user.verdict]), [
      [users.correct, names.correct, 'pass'],
      [users.missingDependencies, names.missingDependencies, 'fail'],
      [users.permissionSetGrant, names.permissionSetGrant, 'fail'],
      [users.chatterLicense, names.chatterLicense, 'fail'],
    ]);
    const psUserCodes = codes(audit.integrationUsers[2]);
    assert.equal(psUserCodes.filter((code) => code.startsWith('permission-set-grant')).length, 17);
    assert.equal(audit.integrationUsers[2].findings.filter((finding) => finding.severity === 'error').length, 14);
    assert.equal(audit.orgPasses, false);
    assert.equal(audit.required.source, 'builtIn');
  });
});

describe('auditOrg permission states and findings', () => {
  const candidate = (granted: readonly string[], licenseName: string | null = 'Salesforce') =>
    profile('00eC', 'Okta Provisioning', granted, licenseName);

  it('counts a permission set only for users of the profile it audits', () => {
    const audit = auditOrg({
      profiles: [candidate(['ApiEnabled']), profile('00eS', 'Support', [])],
      permissionSetGrants: [grant('agent@acme.example', 'Okta_User_Management', closure, { assigneeProfileId: '00eS' })],
    });
    assert.equal(verdictFor(audit, 'Okta Provisioning').permissions.find((state) => state.permission === 'ManageUsers')?.state, 'missing');
    assert.equal(verdictFor(audit, 'Support').permissions.find((state) => state.permission === 'ManageUsers')?.state, 'viaPermissionSet');
  });

  it('without the assignee’s profile, places grants to integration users on their profile and drops the rest', () => {
    const audit = auditOrg({
      profiles: [candidate(['ApiEnabled']), profile('00eS', 'Support', [])],
      permissionSetGrants: [
        grant('OKTA@acme.example', 'User_Admin', ['ManageUsers']),
        grant('agent@acme.example', 'Reset_Passwords', ['ResetPasswords']),
      ],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00eC' }],
    });
    const states = new Map(verdictFor(audit, 'Okta Provisioning').permissions.map((state) => [state.permission, state.state]));
    assert.equal(states.get('ManageUsers'), 'viaPermissionSet');
    assert.equal(states.get('ResetPasswords'), 'missing');
    assert.equal(verdictFor(audit, 'Support').permissions.some((state) => state.state === 'viaPermissionSet'), false);
  });

  it('names permission set groups and shortens long lists of holders, keeping every grant in the state', () => {
    const holders = ['a', 'b', 'c', 'd', 'e'].map((user) =>
      grant(`${user}@acme.example`, 'User_Admin', ['ManageUsers'], { assigneeProfileId: '00eC', permissionSetGroupId: '0PG000000000001' }));
    const verdict = verdictFor(auditOrg({ profiles: [candidate(['ApiEnabled'])], permissionSetGrants: holders }), 'Okta Provisioning');
    const finding = verdict.findings.find((f) => f.permission === 'ManageUsers');
    assert.equal(finding?.message, 'Manage Users is not on the profile; a@acme.example, b@acme.example, c@acme.example and 2 more '
      + 'get it only through the permission set User_Admin (in permission set group 0PG000000000001). '
      + 'Okta needs it on the profile itself, not through permission sets.');
    const state = verdict.permissions.find((s) => s.permission === 'ManageUsers');
    assert.equal(state?.state === 'viaPermissionSet' ? state.grants.length : 0, 5);
  });

  it('trusts the profile over the license table, and the license over permission sets', () => {
    const audit = auditOrg({
      profiles: [candidate(['ApiEnabled', 'ManageUsers'], 'Chatter Free')],
      permissionSetGrants: [grant('okta@acme.example', 'User_Admin', ['ResetPasswords'], { assigneeProfileId: '00eC' })],
    });
    const states = new Map(verdictFor(audit, 'Okta Provisioning').permissions.map((state) => [state.permission, state.state]));
    assert.equal(states.get('ManageUsers'), 'onProfile');
    assert.equal(states.get('ResetPasswords'), 'licenseCannotCarry');
    assert.equal(verdictFor(audit, 'Okta Provisioning').findings.some((finding) => finding.code === 'permission-set-grant'), false);
  });

  it('notes a permission set granting what the profile already has, on integration profiles only', () => {
    const snapshot = {
      profiles: [candidate(closure), profile('00eA', 'Administrators', closure)],
      permissionSetGrants: [
        grant('okta@acme.example', 'API_Access', ['ApiEnabled'], { assigneeProfileId: '00eC' }),
        grant('ada@acme.example', 'API_Access', ['ApiEnabled'], { assigneeProfileId: '00eA' }),
      ],
    };
    const audit = auditOrg(snapshot);
    const verdict = verdictFor(audit, 'Okta Provisioning');
    assert.equal(verdict.verdict, 'pass');
    assert.deepEqual(codes(verdict), ['permission-set-grant ApiEnabled']);
    assert.equal(verdict.findings[0].severity, 'info');
    assert.equal(verdict.findings[0].message,
      'API Enabled is on the profile; okta@acme.example also gets it through the permission set API_Access. Okta needs only the profile.');
    assert.deepEqual(verdictFor(audit, 'Administrators').findings, []);
  });

  it('warns about a license it does not know, or one Salesforce did not report, without failing', () => {
    const audit = auditOrg({
      profiles: [candidate(closure, 'Force.com - App Subscription'), profile('00eN', 'Okta Sandbox', closure, null)],
      permissionSetGrants: [],
    });
    const unknown = verdictFor(audit, 'Okta Provisioning');
    assert.equal(unknown.verdict, 'warn');
    assert.deepEqual(unknown.findings.map((finding) => [finding.code, finding.severity]), [['unknown-license', 'warning']]);
    assert.match(unknown.findings[0].message, /Force\.com - App Subscription license/);
    assert.match(verdictFor(audit, 'Okta Sandbox').findings[0].message, /did not report this profile’s user license/);
    assert.equal(audit.orgPasses, true);
  });

  it('names a license whose name ends in “License” without doubling the word', () => {
    const guest = auditOrg({ profiles: [candidate(['ApiEnabled'], 'Guest User License')], permissionSetGrants: [] });
    assert.match(verdictFor(guest, 'Okta Provisioning').findings[0].message, /^The Guest User License cannot carry Manage Users/);
    const unknown = auditOrg({ profiles: [candidate(closure, 'Acme Partner License')], permissionSetGrants: [] });
    assert.match(verdictFor(unknown, 'Okta Provisioning').findings[0].message, /^The audit does not know the Acme Partner License, so/);
  });

  it('takes the dependencies, and what they are for, from the org’s rows', () => {
    const okta = closure.slice(0, 14);
    const audit = auditOrg({
      profiles: [candidate(okta)],
      permissionSetGrants: [],
      dependencies: [{ permission: 'ManageUsers', requiredPermission: 'ManageEncryptionKeys' }],
    });
    const verdict = verdictFor(audit, 'Okta Provisioning');
    assert.equal(audit.required.source, 'org');
    assert.deepEqual(codes(verdict), ['missing-dependency ManageEncryptionKeys']);
    assert.match(verdict.findings[0].message, /^Salesforce requires ManageEncryptionKeys for Manage Users;/);
  });

  it('treats a permission set to false like an absent one', () => {
    const switchedOff = { ...candidate(closure), permissions: { ...candidate(closure).permissions, ManageUsers: false } };
    const verdict = verdictFor(auditOrg({ profiles: [switchedOff], permissionSetGrants: [] }), 'Okta Provisioning');
    assert.deepEqual(codes(verdict), ['missing-permission ManageUsers']);
    assert.equal(verdict.findings[0].fix, 'In Setup → Profiles → Okta Provisioning → System Permissions, enable Manage Users.');
  });

  describe('a permission the org has no field for', () => {
    // What readOrgSnapshot hands over for an org without PermissionsManageIpAddresses: no value, and the name listed.
    const withoutIp = closure.filter((permission) => permission !== 'ManageIpAddresses');
    const snapshot = (granted: readonly string[]): OrgSnapshot => ({
      profiles: [candidate(granted), profile('00e2', 'Standard User', ['ApiEnabled'])], permissionSetGrants: [],
      unreadablePermissions: ['ManageIpAddresses'],
    });

    it('is neither granted nor missing: its own state, a warning on the candidate, and the verdict warn', () => {
      const audit = auditOrg(snapshot(withoutIp));
      const verdict = verdictFor(audit, 'Okta Provisioning');
      assert.deepEqual(verdict.permissions.find((state) => state.permission === 'ManageIpAddresses'), { permission: 'ManageIpAddresses', state: 'unreadable' });
      assert.deepEqual(verdict.findings.map((finding) => [finding.code, finding.severity, finding.permission]),
        [['permission-unreadable', 'warning', 'ManageIpAddresses']]);
      assert.match(verdict.findings[0].message, /could not read Manage IP Addresses: this org has no PermissionsManageIpAddresses field/);
      assert.equal(verdict.verdict, 'warn');
      assert.equal(audit.orgPasses, true, 'a warning does not fail the org');
    });

    it('is said once for the org, and not on every profile that is not a candidate', () => {
      const audit = auditOrg(snapshot(withoutIp));
      assert.deepEqual(audit.findings.map((finding) => [finding.code, finding.severity]), [['permission-unreadable', 'warning']]);
      assert.match(audit.findings[0].message, /no field for Manage IP Addresses/);
      const other = verdictFor(audit, 'Standard User');
      assert.equal(other.permissions.find((state) => state.permission === 'ManageIpAddresses')?.state, 'unreadable');
      assert.ok(!other.findings.some((finding) => finding.code === 'permission-unreadable'));
    });

    it('still fails the candidate on what was read', () => {
      const verdict = verdictFor(auditOrg(snapshot(withoutIp.filter((permission) => permission !== 'ManageUsers'))), 'Okta Provisioning');
      assert.deepEqual(codes(verdict).sort(), ['missing-permission ManageUsers', 'permission-unreadable ManageIpAddresses']);
      assert.equal(verdict.verdict, 'fail');
    });

    it('is read as missing only when the org did not say it lacks the field', () => {
      const verdict = verdictFor(auditOrg({ ...snapshot(withoutIp), unreadablePermissions: [] }), 'Okta Provisioning');
      assert.deepEqual(codes(verdict), ['missing-permission ManageIpAddresses']);
    });
  });
});

describe('auditOrg integration candidates', () => {
  const profiles = [
    profile('00e1', 'OKTA provisioning', []), profile('00e2', 'Data Integration', []), profile('00e3', 'Standard User', []),
    profile('00e4', 'Okta (prod).v2', []), profile('00e5', 'Okta (prod)Xv2', []), profile('00e6', 'Provisioning Admin', []),
  ];
  const candidates = (audit: OrgAudit) => audit.profiles.filter((verdict) => verdict.isIntegrationCandidate)
    .map((verdict) => [verdict.name, verdict.candidateReasons.join('+')]).sort();

  it('by default, takes names containing Okta or Integration, whatever their case', () => {
    assert.deepEqual(candidates(auditOrg({ profiles, permissionSetGrants: [] })), [
      ['Data Integration', 'nameRule'], ['OKTA provisioning', 'nameRule'], ['Okta (prod).v2', 'nameRule'], ['Okta (prod)Xv2', 'nameRule'],
    ]);
  });

  it('with the setting, takes the whole names and globs it lists instead', () => {
    const integrationProfiles = ['standard user', '*Admin', 'Okta (prod).v2', 'Okta'];
    const audit = auditOrg({ profiles, permissionSetGrants: [] }, { integrationProfiles });
    assert.deepEqual(candidates(audit), [['Okta (prod).v2', 'setting'], ['Provisioning Admin', 'setting'], ['Standard User', 'setting']]);
  });

  it('falls back to the default rule when the setting is blank', () => {
    assert.equal(candidates(auditOrg({ profiles, permissionSetGrants: [] }, { integrationProfiles: ['  ', ''] })).length, 4);
  });

  it('adds the profiles of the integration users', () => {
    const audit = auditOrg({
      profiles, permissionSetGrants: [],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00e3' }, { username: 'okta2@acme.example', profileId: '00e1' }],
    }, { integrationProfiles: ['OKTA*'] });
    assert.deepEqual(candidates(audit), [
      ['OKTA provisioning', 'setting+integrationUser'], ['Okta (prod).v2', 'setting'], ['Okta (prod)Xv2', 'setting'],
      ['Standard User', 'integrationUser'],
    ]);
  });
});

describe('auditOrg ordering and orgPasses', () => {
  it('lists failing candidates, then other candidates, then the rest, each by name', () => {
    const audit = auditOrg({
      profiles: [
        profile('00e1', 'Zeta', closure), profile('00e2', 'Okta B', []), profile('00e3', 'Okta Ok', closure),
        profile('00e4', 'Alpha', []), profile('00e5', 'Okta A', []), profile('00e6', 'Integration Ok', closure),
      ],
      permissionSetGrants: [],
    });
    assert.deepEqual(audit.profiles.map((verdict) => verdict.name), ['Okta A', 'Okta B', 'Integration Ok', 'Okta Ok', 'Alpha', 'Zeta']);
  });

  it('passes when every candidate passes, whatever the other profiles say', () => {
    const profiles = [profile('00e1', 'Okta Integration', closure), profile('00e2', 'Standard User', [])];
    const audit = auditOrg({ profiles, permissionSetGrants: [] });
    assert.equal(verdictFor(audit, 'Standard User').verdict, 'fail');
    assert.equal(audit.orgPasses, true);
    assert.deepEqual(audit.findings, []);
  });

  it('fails when one candidate fails', () => {
    const profiles = [profile('00e1', 'Okta Integration', closure), profile('00e2', 'Okta Old', [])];
    const audit = auditOrg({ profiles, permissionSetGrants: [] });
    assert.equal(audit.orgPasses, false);
  });

  it('fails, and says why, when no profile is a candidate', () => {
    const audit = auditOrg({ profiles: [profile('00e1', 'System Administrator', closure)], permissionSetGrants: [] });
    assert.equal(audit.orgPasses, false);
    assert.deepEqual(audit.findings.map((finding) => [finding.code, finding.severity]), [['no-integration-profile', 'error']]);
    assert.match(audit.findings[0].message, /^No profile has “Okta” or “Integration” in its name/);
    const withSetting = auditOrg({ profiles: [], permissionSetGrants: [] }, { integrationProfiles: ['Provisioning*'] });
    assert.match(withSetting.findings[0].message, /matches the integration profiles setting \(Provisioning\*\)/);
  });

  it('judges an integration user by their own permission sets, not their colleagues’', () => {
    const audit = auditOrg({
      profiles: [profile('00e1', 'Okta Integration', closure.filter((permission) => permission !== 'ManageUsers'))],
      permissionSetGrants: [grant('colleague@acme.example', 'User_Admin', ['ManageUsers'], { assigneeProfileId: '00e1' })],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00e1' }],
    });
    assert.deepEqual(codes(verdictFor(audit, 'Okta Integration')), ['permission-set-grant ManageUsers']);
    assert.deepEqual(codes(audit.integrationUsers[0]), ['missing-permission ManageUsers']);
  });

  it('fails an integration user whose profile was not audited, for the user and for the org', () => {
    const audit = auditOrg({
      profiles: [profile('00e1', 'Okta Integration', closure)],
      permissionSetGrants: [],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00eMISSING' }],
    });
    assert.equal(audit.integrationUsers[0].verdict, 'fail');
    assert.equal(audit.integrationUsers[0].profileName, null);
    assert.deepEqual(audit.findings.map((finding) => finding.code), ['no-integration-profile']);
    assert.match(audit.findings[0].message, /okta@acme\.example \(00eMISSING\)/);
    assert.equal(audit.orgPasses, false);
  });

  // Its speed is measured by `npm run bench`; here, that a large org gets a verdict for every profile.
  it('audits 1,000 profiles and 5,000 grants, one verdict each', () => {
    const profiles = Array.from({ length: 1000 }, (_, i) => profile(`00e${i}`, `Profile ${i}`, i % 2 ? closure : ['ApiEnabled']));
    const permissionSetGrants = Array.from({ length: 5000 }, (_, i) =>
      grant(`user${i}@acme.example`, `Set_${i % 200}`, closure.slice(0, 1 + (i % 17)), { assigneeProfileId: `00e${i % 1000}` }));
    const audit = auditOrg({ profiles, permissionSetGrants });
    assert.equal(audit.profiles.length, 1000);
    const verdicts = new Map<string, number>();
    for (const verdict of audit.profiles) verdicts.set(verdict.verdict, (verdicts.get(verdict.verdict) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(verdicts), { fail: 500, pass: 500 });
  });
});

describe('isIntegrationProfileName', () => {
  it('takes names with Okta or Integration by default', () => {
    assert.equal(isIntegrationProfileName('Okta Provisioning'), true);
    assert.equal(isIntegrationProfileName('Data Integration User'), true);
    assert.equal(isIntegrationProfileName('Sales'), false);
  });

  it('takes only the names or globs given, case-insensitively', () => {
    assert.equal(isIntegrationProfileName('Sales', ['sales']), true);
    assert.equal(isIntegrationProfileName('Okta Provisioning', ['Sales*']), false);
    assert.equal(isIntegrationProfileName('Sales - EMEA', ['Sales*']), true);
  });
});
