// The org-wide audit read through jsforce against the sandbox org, then judged by the domain audit:
// the four integration profiles each get the verdict their flaw deserves, in a handful of calls;
// the Profiles view's active user counts cost one aggregate query more. Call counts are checked
// against the org's own count of requests, since Salesforce's pages hold 2,000 rows or fewer.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import { auditOrg, type ProfileVerdict } from '../../src/domain/profileAudit';
import { readOrgSnapshot } from '../../src/salesforce/api/orgSnapshot';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

const connect = (sf: SalesforceSandbox) => new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: '64.0' });

/** Requests the org counted against its daily limit while `work` ran (each /limits read counts one). */
async function requestsCounted<T>(sf: SalesforceSandbox, work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const remaining = async () => ((await connect(sf).request('/services/data/v64.0/limits')) as { DailyApiRequests: { Remaining: number } })
    .DailyApiRequests.Remaining;
  const before = await remaining();
  const result = await work();
  return { result, requests: before - (await remaining()) - 1 };
}

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
    const { result: { snapshot, apiCalls }, requests } = await requestsCounted(sf, () => readOrgSnapshot(connect(sf)));
    assert.equal(apiCalls, 3);
    assert.equal(requests, apiCalls);
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

  it('reads no profile\'s own permission set as a permission set grant, though every user holds an assignment to one', async () => {
    const data = sf.seed.data;
    const ownSets = new Set(data.records('PermissionSet').filter((set) => set.IsOwnedByProfile === true).map((set) => set.Name));
    const correctUser = data.records('User').find((user) => user.Username === sf.seed.integrationUsers.correct);
    assert.ok(data.records('PermissionSetAssignment').some((row) => row.AssigneeId === correctUser?.Id
      && data.byId(String(row.PermissionSetId))?.record.IsOwnedByProfile === true), 'the sandbox holds the rows the condition must exclude');
    const { snapshot } = await readOrgSnapshot(connect(sf));
    assert.ok(snapshot.permissionSetGrants.length > 0);
    assert.deepEqual(snapshot.permissionSetGrants.filter((grant) => ownSets.has(grant.permissionSetName)), []);
    assert.ok(!snapshot.permissionSetGrants.some((grant) => grant.assigneeUsername === sf.seed.integrationUsers.correct));
    const correct = auditOrg(snapshot).profiles.find((profile) => profile.name === 'Okta Integration');
    assert.deepEqual(correct?.findings, []);
  });

  it('reads a permission set group\'s grant with the group\'s id', async () => {
    const group = sf.seed.data.records('PermissionSetGroup')[0];
    const { snapshot } = await readOrgSnapshot(connect(sf));
    const viaGroup = snapshot.permissionSetGrants.filter((grant) => grant.permissionSetGroupId !== null);
    assert.ok(viaGroup.length > 0);
    assert.ok(viaGroup.every((grant) => grant.permissionSetGroupId === group.Id && grant.permissions.includes('ResetPasswords')));
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

  it('costs three calls plus one per further page, as many as the org counts', async () => {
    const { result: { snapshot, apiCalls }, requests } = await requestsCounted(sf, () => readOrgSnapshot(connect(sf)));
    assert.equal(snapshot.profiles.length, 4500);
    assert.equal(new Set(snapshot.profiles.map((profile) => profile.id)).size, 4500);
    assert.equal(apiCalls, requests);
    // 4,500 profile rows need at least two further pages of at most 2,000 rows.
    assert.ok(apiCalls >= 3 + 2, `${apiCalls} calls`);
  });

  it('leaves the active user counts unknown when Salesforce refuses more than one batch of groups', async () => {
    assert.ok(activeUsersByProfile(sf).size > 2000, 'more than 2,000 profiles have active users in this org');
    const without = await readOrgSnapshot(connect(sf));
    const { result: { snapshot, apiCalls }, requests } = await requestsCounted(sf, () => readOrgSnapshot(connect(sf), { activeUserCounts: true }));
    assert.equal(apiCalls, without.apiCalls + 1);
    assert.equal(apiCalls, requests);
    assert.equal(snapshot.profiles.length, 4500);
    assert.ok(snapshot.profiles.every((profile) => profile.activeUsers === undefined));
  });
});

describe('the whole-org audit against an org without some Permissions… fields', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ absentPermissions: ['ManageIpAddresses', 'DelegatedTwoFactor'], log: () => {} });
  });
  after(() => sf.close());

  it('reads the rest, one call more per missing field, and lists what it could not read', async () => {
    const { result: { snapshot, apiCalls }, requests } = await requestsCounted(sf, () => readOrgSnapshot(connect(sf)));
    assert.deepEqual(snapshot.unreadablePermissions?.slice().sort(), ['DelegatedTwoFactor', 'ManageIpAddresses']);
    assert.equal(apiCalls, 3 + 2);
    assert.equal(requests, apiCalls);
    assert.equal(snapshot.profiles.length, sf.seed.data.records('Profile').length);
    assert.ok(snapshot.profiles.every((profile) => !('ManageIpAddresses' in profile.permissions)));
    assert.ok(snapshot.profiles.some((profile) => profile.permissions.ManageUsers === true), 'the other fields were read');
  });

  it('never reads a Permissions… field absent from the org as granted: the profile that has everything else warns', async () => {
    const audit = auditOrg((await readOrgSnapshot(connect(sf))).snapshot);
    const correct = audit.profiles.find((profile) => profile.name === 'Okta Integration');
    assert.ok(correct);
    assert.deepEqual(correct.permissions.filter((state) => state.state !== 'onProfile'),
      [{ permission: 'ManageIpAddresses', state: 'unreadable' }, { permission: 'DelegatedTwoFactor', state: 'unreadable' }]);
    assert.equal(correct.verdict, 'warn');
    assert.deepEqual(correct.findings.map((finding) => `${finding.severity} ${finding.code} ${finding.permission}`),
      ['warning permission-unreadable ManageIpAddresses', 'warning permission-unreadable DelegatedTwoFactor']);
    assert.ok(audit.findings.some((finding) => finding.code === 'permission-unreadable' && /Manage IP Addresses/.test(finding.message)));
  });
});

describe('the whole-org audit against an org lacking more fields than it retries for', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({
      absentPermissions: ['ManageIpAddresses', 'DelegatedTwoFactor', 'FreezeUsers', 'ManageSharing', 'ManageRoles', 'MonitorLoginHistory'], log: () => {},
    });
  });
  after(() => sf.close());

  it('gives up after five missing fields with the org\'s INVALID_FIELD', async () => {
    const { result, requests } = await requestsCounted(sf, () => readOrgSnapshot(connect(sf)).then(
      () => assert.fail('expected a failure'), (error: unknown) => error as Error & { errorCode?: string }));
    assert.equal(result.errorCode, 'INVALID_FIELD');
    assert.equal(requests, 1 + 6, 'the dependency rows, then the profile query six times');
  });
});
