// The org-wide audit read through jsforce against the sandbox org, then judged by the domain audit:
// the four integration profiles each get the verdict their flaw deserves, in a handful of calls;
// the Profiles view's active user counts cost one aggregate query more.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import { auditOrg, type ProfileVerdict } from '../../src/domain/profileAudit';
import { readOrgSnapshot } from '../../src/salesforce/api/orgSnapshot';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

const connect = (sf: SalesforceSandbox) => new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: '64.0' });

/** Counted from the seed itself: active users by profile id. */
function activeUsersByProfile(sf: SalesforceSandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of sf.seed.data.records('User')) {
    if (user.IsActive === true) counts.set(String(user.ProfileId), (counts.get(String(user.ProfileId)) ?? 0) + 1);
  }
  return counts;
}

describe('the whole-org audit against the sandbox org', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  it('reads the org in three calls, with the org\'s own dependency rows', async () => {
    const { snapshot, apiCalls } = await readOrgSnapshot(connect(sf));
    assert.equal(apiCalls, 3);
    assert.equal(snapshot.profiles.length, sf.seed.data.records('Profile').length);
    assert.ok(snapshot.dependencies?.some((row) => row.permission === 'ManageUsers' && row.requiredPermission === 'FreezeUsers'));
    assert.ok(snapshot.profiles.every((profile) => !('activeUsers' in profile)), 'no counts unless asked');
  });

  it('counts each profile\'s active users in one call more when asked', async () => {
    const { snapshot, apiCalls } = await readOrgSnapshot(connect(sf), { activeUserCounts: true });
    assert.equal(apiCalls, 4);
    const expected = activeUsersByProfile(sf);
    const counts = new Map(snapshot.profiles.map((profile) => [profile.id, profile.activeUsers]));
    assert.deepEqual(counts, new Map(snapshot.profiles.map((profile) => [profile.id, expected.get(profile.id) ?? 0])));
    // The seed has profiles with no, one and several active users, and inactive users, so each case is checked.
    assert.ok([...counts.values()].includes(0));
    assert.ok([...counts.values()].includes(1));
    assert.ok([...counts.values()].some((count) => count !== undefined && count > 1));
    assert.ok(sf.seed.data.records('User').some((user) => user.IsActive === false && counts.get(String(user.ProfileId)) !== undefined));
    assert.deepEqual(auditOrg(snapshot).profiles.map((verdict) => [verdict.profileId, verdict.activeUsers]).sort(),
      [...counts.entries()].sort());
  });

  it('reads only one user\'s profile and permission sets for that user\'s verdict', async () => {
    const users = sf.seed.data.records('User');
    const user = users.find((u) => u.Username === sf.seed.integrationUsers.permissionSetGrant);
    assert.ok(user);
    const { snapshot } = await readOrgSnapshot(connect(sf), { forUser: { userId: String(user.Id), profileId: String(user.ProfileId) } });
    assert.deepEqual(snapshot.profiles.map((profile) => profile.id), [user.ProfileId]);
    assert.ok(snapshot.permissionSetGrants.length > 0);
    assert.ok(snapshot.permissionSetGrants.every((grant) => grant.assigneeId === user.Id));
    const whole = await readOrgSnapshot(connect(sf));
    assert.ok(whole.snapshot.permissionSetGrants.some((grant) => grant.assigneeId !== user.Id), 'the seed has other users\' grants to leave out');
  });

  it('refuses an id that is not a Salesforce id before it reaches SOQL', async () => {
    await assert.rejects(readOrgSnapshot(connect(sf), { forUser: { userId: "005' OR Id != '", profileId: '00e000000000001' } }), /is not a Salesforce id/);
  });

  it('judges each integration profile by its flaw', async () => {
    const audit = auditOrg((await readOrgSnapshot(connect(sf))).snapshot);
    assert.equal(audit.required.source, 'org');
    const profile = (name: string): ProfileVerdict => {
      const found = audit.profiles.find((p) => p.name === name);
      assert.ok(found, `${name} was not audited`);
      return found;
    };
    const codes = (verdict: ProfileVerdict) => verdict.findings.map((f) => `${f.code}:${f.permission ?? ''}`).sort();

    assert.equal(profile('Okta Integration').verdict, 'pass');
    assert.deepEqual(codes(profile('Okta Integration - Missing Dependencies')),
      ['missing-dependency:FreezeUsers', 'missing-permission:ManagePasswordPolicies', 'missing-permission:ResetPasswords']);
    const viaSet = profile('Okta Integration - Permission Set Grant');
    assert.equal(viaSet.verdict, 'fail');
    assert.ok(viaSet.findings.some((f) => f.code === 'permission-set-grant' && f.permission === 'ManageUsers'
      && /Okta_User_Management|Okta User Management/.test(f.message) && f.message.includes(sf.seed.integrationUsers.permissionSetGrant)));
    assert.ok(profile('Okta Integration - Chatter License').findings.some((f) => f.code === 'license-cannot-grant'));
    assert.equal(audit.orgPasses, false);
    // Failing integration candidates come first.
    assert.equal(audit.profiles[0].verdict, 'fail');
    assert.ok(audit.profiles[0].isIntegrationCandidate);
  });
});

describe('the whole-org audit against a large sandbox org', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ profileCount: 4500, permissionSetCount: 200, log: () => {} });
  });
  after(() => sf.close());

  it('costs three calls plus one per further 2,000 rows', async () => {
    const { snapshot, apiCalls } = await readOrgSnapshot(connect(sf));
    assert.equal(snapshot.profiles.length, 4500);
    assert.ok(snapshot.permissionSetGrants.length <= 2000, 'the assignments fit one page in this org');
    assert.equal(apiCalls, 3 + 2);
  });

  it('leaves the active user counts unknown when Salesforce refuses more than one batch of groups', async () => {
    assert.ok(activeUsersByProfile(sf).size > 2000, 'more than 2,000 profiles have active users in this org');
    const { snapshot, apiCalls } = await readOrgSnapshot(connect(sf), { activeUserCounts: true });
    assert.equal(apiCalls, 3 + 2 + 1);
    assert.equal(snapshot.profiles.length, 4500);
    assert.ok(snapshot.profiles.every((profile) => profile.activeUsers === undefined));
  });
});
