// What a real org varies and the sandbox now varies too (issue 11, items 4 to 6): Permissions… fields an
// edition lacks, every user's assignment to their profile's own permission set, a permission set group,
// and PermissionDependency served as real orgs serve it (object rows, LIMIT ignored, rows repeated across pages).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import 'jsforce/api/tooling';
import { effectivePermissions } from '../sandbox/salesforce/effectivePermissions';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

const apiVersion = '64.0';
const connect = (sf: SalesforceSandbox) => new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: apiVersion });
const failure = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(() => assert.fail('expected a failure'), (e: unknown) => e as Error & { errorCode?: string });

describe('Salesforce sandbox: an org without some Permissions… fields', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ absentPermissions: ['ManageIpAddresses'], log: () => {} });
  });
  after(() => sf.close());

  it('leaves the field out of describe, for PermissionSet and Profile alike', async () => {
    for (const object of ['PermissionSet', 'Profile']) {
      const fields = (await connect(sf).sobject(object).describe()).fields.map((field) => field.name);
      assert.ok(fields.includes('PermissionsManageUsers'), `${object} keeps the others`);
      assert.ok(!fields.includes('PermissionsManageIpAddresses'), `${object} has no PermissionsManageIpAddresses`);
    }
  });

  it('refuses a query naming it with INVALID_FIELD, in Salesforce\'s words, directly or through a relationship', async () => {
    const direct = await failure(connect(sf).query('SELECT Id, PermissionsManageIpAddresses FROM PermissionSet'));
    assert.equal(direct.errorCode, 'INVALID_FIELD');
    assert.equal(direct.message, '\nSELECT Id, PermissionsManageIpAddresses FROM PermissionSet\n           ^\nERROR at Row:1:Column:12\n'
      + 'No such column \'PermissionsManageIpAddresses\' on entity \'PermissionSet\'. If you are attempting to use a custom field, be sure to '
      + 'append the \'__c\' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.');
    const related = await failure(connect(sf).query('SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.PermissionsManageIpAddresses = true'));
    assert.match(related.message, /No such column 'PermissionsManageIpAddresses' on entity 'PermissionSet'/);
  });

  it('keeps no value for it on any record', () => {
    for (const object of ['PermissionSet', 'Profile']) {
      assert.ok(sf.seed.data.records(object).every((record) => !('PermissionsManageIpAddresses' in record)));
    }
  });
});

describe('Salesforce sandbox: assignments as a real org holds them', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  it('gives every user one assignment to their profile\'s own permission set', async () => {
    const rows = (await connect(sf).query<{ AssigneeId: string; Assignee: { ProfileId: string }; PermissionSet: { ProfileId: string; Type: string } }>(
      'SELECT AssigneeId, Assignee.ProfileId, PermissionSet.ProfileId, PermissionSet.Type FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = true',
    )).records;
    const users = sf.seed.data.records('User');
    assert.equal(rows.length, users.length);
    assert.deepEqual(new Set(rows.map((row) => row.AssigneeId)), new Set(users.map((user) => user.Id)));
    assert.ok(rows.every((row) => row.PermissionSet.ProfileId === row.Assignee.ProfileId && row.PermissionSet.Type === 'Profile'));
  });

  it('models a permission set group: the group, its aggregate set of Type Group, and assignments carrying the group id', async () => {
    const groups = (await connect(sf).query<{ Id: string; DeveloperName: string }>('SELECT Id, DeveloperName FROM PermissionSetGroup')).records;
    assert.equal(groups.length, 1);
    const rows = (await connect(sf).query<{ Assignee: { IsActive: boolean }; PermissionSetGroupId: string; PermissionSet: Record<string, unknown> }>(
      'SELECT Assignee.IsActive, PermissionSetGroupId, PermissionSet.Type, PermissionSet.IsOwnedByProfile, PermissionSet.PermissionSetGroupId, '
      + 'PermissionSet.PermissionsResetPasswords FROM PermissionSetAssignment WHERE PermissionSetGroupId != null',
    )).records;
    assert.ok(rows.length > 0);
    assert.ok(rows.some((row) => row.Assignee.IsActive));
    for (const row of rows) {
      assert.equal(row.PermissionSetGroupId, groups[0].Id);
      assert.deepEqual([row.PermissionSet.Type, row.PermissionSet.IsOwnedByProfile, row.PermissionSet.PermissionSetGroupId, row.PermissionSet.PermissionsResetPasswords],
        ['Group', false, groups[0].Id, true]);
    }
  });

  it('counts the group\'s permissions and the profile\'s in a user\'s effective permissions, and still lets API users in', async () => {
    const data = sf.seed.data;
    const member = data.records('PermissionSetAssignment').find((row) => row.PermissionSetGroupId !== null);
    const user = member && data.byId(String(member.AssigneeId))?.record;
    assert.ok(user);
    const granted = effectivePermissions(data, user);
    assert.ok(granted.has('ResetPasswords'), 'from the group');
    assert.ok(granted.has('ApiEnabled'), 'from the profile');
    assert.ok(!effectivePermissions(data, data.records('User').find((u) => u.Username === sf.seed.noApiUsername) ?? assert.fail()).has('ApiEnabled'),
      'the profile\'s own assignment adds nothing the profile lacks');
    assert.equal((await connect(sf).query('SELECT Id FROM Profile LIMIT 1')).records.length, 1);
  });
});

describe('Salesforce sandbox: PermissionDependency as real orgs serve it', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  interface Row { Id: string; Permission: string; RequiredPermission: string; PermissionType: string; RequiredPermissionType: string }
  const all = 'SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency';

  async function servedRows(soql: string): Promise<{ rows: Row[]; totalSize: number; pages: number }> {
    const tooling = connect(sf).tooling;
    let result = await tooling.query<Row>(soql, { autoFetch: false });
    const rows = [...result.records];
    let pages = 1;
    while (!result.done && result.nextRecordsUrl) {
      result = await tooling.queryMore<Row>(result.nextRecordsUrl);
      rows.push(...result.records);
      pages++;
    }
    return { rows, totalSize: result.totalSize, pages };
  }

  it('serves mostly object-permission rows, over several pages that repeat rows of the page before', async () => {
    const { rows, totalSize, pages } = await servedRows(all);
    assert.ok(pages > 1);
    const distinct = new Map(rows.map((row) => [row.Id, row]));
    assert.equal(distinct.size, totalSize, 'totalSize counts distinct rows');
    assert.ok(rows.length > totalSize, 'some rows are served twice');
    const objectRows = [...distinct.values()].filter((row) => row.PermissionType === 'Object Permission');
    assert.ok(objectRows.length > totalSize * 0.9, `${objectRows.length} of ${totalSize} are object-permission rows`);
    assert.ok(objectRows.some((row) => row.Permission === 'Account<update>' && row.RequiredPermission === 'Account<read>'));
  });

  it('ignores LIMIT on PermissionDependency, and honours it elsewhere', async () => {
    const limited = (await connect(sf).tooling.query<Row>(`${all} LIMIT 5`, { autoFetch: false })).totalSize;
    assert.equal(limited, (await connect(sf).tooling.query<Row>(all, { autoFetch: false })).totalSize);
    assert.ok(limited > 5);
    assert.equal((await connect(sf).query('SELECT Id FROM Profile LIMIT 5')).totalSize, 5);
  });

  it('honours WHERE on the permission types: the user→user rows alone', async () => {
    const { rows } = await servedRows(`${all} WHERE PermissionType = 'User Permission' AND RequiredPermissionType = 'User Permission'`);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => !row.Permission.includes('<') && !row.RequiredPermission.includes('<')));
    assert.ok(rows.some((row) => row.Permission === 'ManageUsers' && row.RequiredPermission === 'FreezeUsers'));
  });
});
