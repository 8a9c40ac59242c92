// The sandbox org's access rules through the real jsforce, over HTTP: API access for the org and
// for the user, and the Summer '20 rules for the setup objects, /limits and User create, decided
// from the signed-in user's profile and assigned permission sets (accessRules.ts).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import 'jsforce/api/tooling';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { activeUserOf, assignNewPermissionSet, profileGrants } from './sandboxUsers';

const apiVersion = '64.0';
const failure = (promise: PromiseLike<unknown>) => Promise.resolve(promise).then(() => assert.fail('expected a failure'), (e: unknown) => e as Error & { errorCode?: string });
const notSupported = (object: string) => new RegExp(`sObject type '${object}' is not supported\\. `);

describe('Salesforce sandbox access rules', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  const as = (username: string) => new Connection({ instanceUrl: sf.url, accessToken: sf.issueAccessToken(username), version: apiVersion });
  const newUser = (n: number) => ({
    Username: `access.rules.${n}@acme-sandbox.example`, LastName: 'Rules', Email: 'rules@acme.example', Alias: 'rules',
    ProfileId: sf.seed.data.records('Profile').find((p) => p.Name === 'Standard User')?.Id,
    TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
  });

  it('refuses a user with API Enabled but without View Setup the setup objects, /limits and User create', async () => {
    assert.ok(profileGrants(sf, 'Marketing User', 'ApiEnabled') && !profileGrants(sf, 'Marketing User', 'ViewSetup'));
    const conn = as(activeUserOf(sf, 'Marketing User'));
    // Everyday objects stay readable: the refusals below are about the objects, not the user's API access.
    assert.ok((await conn.query('SELECT Id, Name FROM Profile LIMIT 1')).records.length === 1);
    for (const object of ['PermissionSet', 'PermissionSetAssignment']) {
      const refused = await failure(conn.query(`SELECT Id FROM ${object}`));
      assert.equal(refused.errorCode, 'INVALID_TYPE');
      assert.match(refused.message, notSupported(object));
    }
    const dependencies = await failure(conn.tooling.query('SELECT Permission FROM PermissionDependency'));
    assert.equal(dependencies.errorCode, 'INVALID_TYPE');
    assert.match(dependencies.message, notSupported('PermissionDependency'));
    const limits = await failure(conn.limits());
    assert.deepEqual([limits.errorCode, limits.message], ['API_DISABLED_FOR_ORG', 'limits resource is not enabled']);
    const create = await failure(conn.sobject('User').create(newUser(1)));
    assert.equal(create.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    assert.ok(!sf.seed.data.records('User').some((u) => u.Username === newUser(1).Username), 'nothing was created');
  });

  it('refuses a relationship parent the user may not read, not only the FROM object', async () => {
    const conn = as(activeUserOf(sf, 'Read Only'));
    // PermissionSetAssignment opens with Manage Users, PermissionSet does not: a path through it is refused.
    assignNewPermissionSet(sf, activeUserOf(sf, 'Read Only'), ['ManageUsers']);
    assert.equal((await conn.query('SELECT Id, AssigneeId FROM PermissionSetAssignment LIMIT 1')).records.length, 1);
    const refused = await failure(conn.query('SELECT Id, PermissionSet.Name FROM PermissionSetAssignment'));
    assert.equal(refused.errorCode, 'INVALID_FIELD');
    assert.match(refused.message, /Didn't understand relationship 'PermissionSet' in field path/);
  });

  it('lets Assign Permission Sets read permission sets and assignments, but not PermissionDependency', async () => {
    const username = activeUserOf(sf, 'Contract Manager');
    assert.ok(!profileGrants(sf, 'Contract Manager', 'ViewSetup') && !profileGrants(sf, 'Contract Manager', 'AssignPermissionSets'));
    const conn = as(username);
    assert.equal((await failure(conn.query('SELECT Id FROM PermissionSet'))).errorCode, 'INVALID_TYPE');
    assignNewPermissionSet(sf, username, ['AssignPermissionSets']);
    const sets = await conn.query<{ Name: string }>('SELECT Name FROM PermissionSet WHERE IsOwnedByProfile = false');
    assert.ok(sets.records.some((set) => set.Name === 'Okta_User_Management'));
    const assignments = await conn.query('SELECT AssigneeId, PermissionSet.Name FROM PermissionSetAssignment');
    assert.ok(assignments.totalSize > 0);
    assert.equal((await failure(conn.tooling.query('SELECT Permission FROM PermissionDependency'))).errorCode, 'INVALID_TYPE');
  });

  it('counts View Setup and Manage Internal Users granted through a permission set, not only the profile\'s', async () => {
    const username = activeUserOf(sf, 'Solution Manager');
    assignNewPermissionSet(sf, username, ['ViewSetup', 'ViewRoles', 'ManageInternalUsers']);
    const conn = as(username);
    const rows = await conn.tooling.query<{ RequiredPermission: string }>("SELECT RequiredPermission FROM PermissionDependency WHERE Permission = 'ManageUsers'");
    assert.ok(rows.records.some((row) => row.RequiredPermission === 'FreezeUsers'));
    assert.ok((await conn.limits()).DailyApiRequests.Max > 0);
    assert.equal((await conn.sobject('User').create(newUser(2))).success, true);
  });

  it('refuses everyone in an org without API access with API_DISABLED_FOR_ORG, and a user without API Enabled with API_CURRENTLY_DISABLED', async () => {
    const noApiOrg = await startSalesforceSandbox({ log: () => {}, apiEnabledForOrg: false });
    try {
      const admin = new Connection({ instanceUrl: noApiOrg.url, accessToken: noApiOrg.issueAccessToken(noApiOrg.seed.adminUsername), version: apiVersion });
      const refused = await failure(admin.query('SELECT Id FROM Profile'));
      assert.deepEqual([refused.errorCode, refused.message], ['API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.']);
      // The versions list needs no session, so it still answers.
      assert.equal((await fetch(`${noApiOrg.url}/services/data/`)).status, 200);
    } finally {
      await noApiOrg.close();
    }
    const user = await failure(as(sf.seed.noApiUsername).query('SELECT Id FROM Profile'));
    assert.deepEqual([user.errorCode, user.message], ['API_CURRENTLY_DISABLED', 'API is disabled for this User']);
  });
});
