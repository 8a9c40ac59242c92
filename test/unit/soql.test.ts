import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, type SoqlOptions, type SoqlResult } from '../sandbox/salesforce/soql';
import { fixtureOrg, ids } from './soqlFixture';

const data = fixtureOrg();

const options = { apiVersion: '64.0', tooling: false };

function run(soql: string, soqlOptions: SoqlOptions = options): SoqlResult {
  return executeSoql(data, soql, soqlOptions);
}

/** The first selected field of each row. */
function firstColumn(soql: string): unknown[] {
  return run(soql).records.map((record) => Object.values(record)[1]);
}

function usernames(clauses: string): unknown[] {
  return firstColumn(`SELECT Username FROM User ${clauses}`);
}

function setNames(clauses: string): unknown[] {
  return firstColumn(`SELECT Name FROM PermissionSet ${clauses}`);
}

/** Compares as JSON, so that key order counts as it does in the REST response. */
function assertJson(actual: unknown, expected: unknown): void {
  assert.equal(JSON.stringify(actual, null, 1), JSON.stringify(expected, null, 1));
}

function attributes(type: string, id: string, api = 'v64.0'): { type: string; url: string } {
  return { type, url: `/services/data/${api}/sobjects/${type}/${id}` };
}

const users = {
  admin: 'admin@acme.example',
  integration: 'okta.integration@acme.example',
  former: 'former.employee@acme.example',
  quoted: "o'neil_100%\\ok@acme.example",
};

describe('executeSoql: the audit queries', () => {
  it('lists the profile-owned permission sets with their profile and license', () => {
    const result = run('SELECT Id, ProfileId, Profile.Name, Profile.UserType, Profile.UserLicense.Name, PermissionsApiEnabled, '
      + 'PermissionsManageUsers FROM PermissionSet WHERE IsOwnedByProfile = true');
    const salesforce = { attributes: attributes('UserLicense', ids.salesforceLicense), Name: 'Salesforce' };
    const platform = { attributes: attributes('UserLicense', ids.platformLicense), Name: 'Salesforce Platform' };
    const row = (id: string, profileId: string, profile: object, apiEnabled: boolean, manageUsers: boolean) => ({
      attributes: attributes('PermissionSet', id),
      Id: id,
      ProfileId: profileId,
      Profile: { attributes: attributes('Profile', profileId), ...profile },
      PermissionsApiEnabled: apiEnabled,
      PermissionsManageUsers: manageUsers,
    });
    const profiles = {
      admin: { Name: 'System Administrator', UserType: 'Standard', UserLicense: salesforce },
      standard: { Name: 'Standard User', UserType: 'Standard', UserLicense: salesforce },
      integration: { Name: 'Integration', UserType: 'Standard', UserLicense: platform },
      guest: { Name: 'Guest Site', UserType: 'Guest', UserLicense: null },
    };
    assert.equal(result.totalSize, 4);
    assertJson(result.records, [
      row(ids.adminProfileSet, ids.adminProfile, profiles.admin, true, true),
      row(ids.standardProfileSet, ids.standardProfile, profiles.standard, true, false),
      row(ids.integrationProfileSet, ids.integrationProfile, profiles.integration, true, false),
      row(ids.guestProfileSet, ids.guestProfile, profiles.guest, false, false),
    ]);
  });

  it('lists active users given API Enabled or Manage Users by a permission set', () => {
    const result = run('SELECT AssigneeId, Assignee.Username, PermissionSet.Name, PermissionSet.Type, PermissionSetGroupId '
      + 'FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false AND Assignee.IsActive = true '
      + 'AND (PermissionSet.PermissionsApiEnabled = true OR PermissionSet.PermissionsManageUsers = true)');
    assert.equal(result.totalSize, 2);
    assertJson(result.records, [
      {
        attributes: attributes('PermissionSetAssignment', '0PaSb0000000001AAA'),
        AssigneeId: ids.integration,
        Assignee: { attributes: attributes('User', ids.integration), Username: users.integration },
        PermissionSet: { attributes: attributes('PermissionSet', ids.oktaSet), Name: 'Okta_Provisioning', Type: 'Regular' },
        PermissionSetGroupId: null,
      },
      {
        attributes: attributes('PermissionSetAssignment', '0PaSb0000000004AAA'),
        AssigneeId: ids.admin,
        Assignee: { attributes: attributes('User', ids.admin), Username: users.admin },
        PermissionSet: { attributes: attributes('PermissionSet', ids.apiOnlySet), Name: 'api_only', Type: 'Regular' },
        PermissionSetGroupId: ids.oktaGroup,
      },
    ]);
  });
});

describe('executeSoql: result shape', () => {
  it('names objects and fields with their canonical casing, in the order selected', () => {
    const result = run(`select permissionsmanageusers, ID, profile.NAME from PERMISSIONSET where id = '${ids.standardProfileSet}'`);
    assertJson(result.records, [{
      attributes: attributes('PermissionSet', ids.standardProfileSet),
      PermissionsManageUsers: false,
      Id: ids.standardProfileSet,
      Profile: { attributes: attributes('Profile', ids.standardProfile), Name: 'Standard User' },
    }]);
  });

  it('gathers paths through one relationship into one object, placed where the first path is', () => {
    const result = run('SELECT Profile.Name, Id, Profile.UserLicense.Name, Profile.UserType FROM PermissionSet '
      + `WHERE Id = '${ids.adminProfileSet}'`);
    assertJson(result.records, [{
      attributes: attributes('PermissionSet', ids.adminProfileSet),
      Profile: {
        attributes: attributes('Profile', ids.adminProfile),
        Name: 'System Administrator',
        UserLicense: { attributes: attributes('UserLicense', ids.salesforceLicense), Name: 'Salesforce' },
        UserType: 'Standard',
      },
      Id: ids.adminProfileSet,
    }]);
  });

  it('gives null for an empty reference, at any depth', () => {
    const result = run(`SELECT Name, Profile.UserLicense.Name FROM PermissionSet WHERE Id IN ('${ids.guestProfileSet}', '${ids.oktaSet}')`);
    assertJson(result.records, [
      {
        attributes: attributes('PermissionSet', ids.guestProfileSet),
        Name: `X${ids.guestProfile}`,
        Profile: { attributes: attributes('Profile', ids.guestProfile), UserLicense: null },
      },
      { attributes: attributes('PermissionSet', ids.oktaSet), Name: 'Okta_Provisioning', Profile: null },
    ]);
  });

  it('gives null for a field the record has no value for', () => {
    const org = fixtureOrg();
    org.insert('UserLicense', { Id: '100Sb0000000003AAA', Name: 'Chatter Free' });
    const result = executeSoql(org, "SELECT TotalLicenses FROM UserLicense WHERE Name = 'Chatter Free'", options);
    assert.deepEqual(result.records[0].TotalLicenses, null);
  });

  it('addresses tooling records under /tooling/sobjects, in the requested API version', () => {
    const result = run('SELECT Permission, RequiredPermission FROM PermissionDependency', { apiVersion: '62.0', tooling: true });
    assertJson(result.records, [{
      attributes: { type: 'PermissionDependency', url: '/services/data/v62.0/tooling/sobjects/PermissionDependency/2PDSb0000000001AAA' },
      Permission: 'ManageUsers',
      RequiredPermission: 'ViewSetup',
    }]);
  });

  it('counts with SELECT COUNT(), returning no records', () => {
    assert.deepEqual(run('SELECT COUNT() FROM User WHERE IsActive = true'), { totalSize: 3, records: [] });
    assert.deepEqual(run('select count ( ) from PermissionSet limit 2'), { totalSize: 2, records: [] });
  });

  it('allows a reference field and its parent Id side by side', () => {
    const [record] = run(`SELECT ProfileId, Profile.Id FROM User WHERE Id = '${ids.admin}'`).records;
    assert.equal(record.ProfileId, ids.adminProfile);
    assert.deepEqual(record.Profile, { attributes: attributes('Profile', ids.adminProfile), Id: ids.adminProfile });
  });
});

describe('executeSoql: syntax', () => {
  it('takes keywords and names in any case, with whitespace and newlines anywhere', () => {
    const soql = '\r\n\tselect\n  USERNAME\nfrom user\nwhere isactive = FALSE\r\norder by username desc nulls last\nlimit 5\n';
    assert.deepEqual(firstColumn(soql), [users.former]);
  });

  it('joins conditions with AND and OR, grouped by parentheses', () => {
    assert.deepEqual(usernames("WHERE IsActive = false OR Username LIKE 'admin%'"), [users.admin, users.former]);
    assert.deepEqual(usernames("WHERE IsActive = true AND (Username LIKE 'admin%' OR LastLoginDate = null)"),
      [users.admin, users.quoted]);
    assert.deepEqual(usernames("WHERE (IsActive = true AND Username LIKE 'admin%') OR LastLoginDate = null"),
      [users.admin, users.former, users.quoted]);
  });

  it('applies NOT to the condition or group right after it', () => {
    assert.deepEqual(usernames('WHERE NOT IsActive = true'), [users.former]);
    assert.deepEqual(usernames("WHERE NOT Username LIKE 'o%' AND IsActive = true"), [users.admin]);
    assert.deepEqual(usernames('WHERE NOT (IsActive = true AND LastLoginDate != null)'), [users.former, users.quoted]);
  });
});

describe('executeSoql: filters', () => {
  it('compares text case-insensitively', () => {
    assert.deepEqual(usernames("WHERE Username = 'ADMIN@Acme.Example'"), [users.admin]);
    // Upper-cased, 'Integration' and 'Guest Site' come before 'J'; compared as written, 'S…' would too.
    assert.deepEqual(firstColumn("SELECT Name FROM Profile WHERE Name < 'j'"), ['Integration', 'Guest Site']);
  });

  it('matches nulls with != and <> (unlike SQL), and finds them with = null', () => {
    const others = [
      `X${ids.standardProfile}`, `X${ids.integrationProfile}`, `X${ids.guestProfile}`, 'Okta_Provisioning', 'Sales_Ops', 'api_only',
    ];
    assert.deepEqual(setNames(`WHERE ProfileId != '${ids.adminProfile}'`), others);
    assert.deepEqual(setNames(`WHERE ProfileId <> '${ids.adminProfile}'`), others);
    assert.deepEqual(usernames('WHERE LastLoginDate = null'), [users.former, users.quoted]);
    assert.deepEqual(usernames('WHERE LastLoginDate != NULL'), [users.admin, users.integration]);
  });

  it('compares numbers as numbers', () => {
    assert.deepEqual(firstColumn('SELECT Name FROM UserLicense WHERE TotalLicenses > 5'), ['Salesforce']);
    assert.deepEqual(firstColumn('SELECT Name FROM UserLicense WHERE TotalLicenses >= 5'), ['Salesforce', 'Salesforce Platform']);
    assert.deepEqual(firstColumn('SELECT Name FROM UserLicense WHERE TotalLicenses < 10'), ['Salesforce Platform']);
    assert.deepEqual(firstColumn('SELECT Name FROM UserLicense WHERE TotalLicenses <= 10.0'), ['Salesforce', 'Salesforce Platform']);
    assert.deepEqual(firstColumn('SELECT Name FROM UserLicense WHERE TotalLicenses = 5'), ['Salesforce Platform']);
  });

  it('compares datetimes as instants, whatever the zone they are written in', () => {
    assert.deepEqual(setNames('WHERE CreatedDate > 2025-01-01T00:00:00Z'),
      [`X${ids.integrationProfile}`, `X${ids.guestProfile}`, 'Okta_Provisioning', 'Sales_Ops', 'api_only']);
    assert.deepEqual(setNames('WHERE CreatedDate = 2024-06-30T19:30:00-04:00'), [`X${ids.standardProfile}`]);
    assert.deepEqual(setNames('WHERE CreatedDate < 2024-07-01t01:00:00.000+02:00'), [`X${ids.adminProfile}`]);
  });

  it('compares dates', () => {
    assert.deepEqual(usernames('WHERE Hire_Date__c >= 2024-01-01'), [users.integration, users.quoted]);
    assert.deepEqual(usernames('WHERE Hire_Date__c = 2020-03-01'), [users.admin]);
  });

  it('compares booleans written in any case', () => {
    assert.deepEqual(usernames('WHERE IsActive = TRUE'), [users.admin, users.integration, users.quoted]);
    assert.deepEqual(usernames('WHERE IsActive = False'), [users.former]);
  });

  it('finds a record by its 15- or 18-character id', () => {
    assert.deepEqual(usernames(`WHERE Id = '${ids.integration.slice(0, 15)}'`), [users.integration]);
    assert.deepEqual(usernames(`WHERE ProfileId IN ('${ids.standardProfile}')`), [users.former, users.quoted]);
  });

  it('matches IN and NOT IN lists, null included', () => {
    assert.deepEqual(usernames("WHERE Username IN ('ADMIN@acme.example', 'nobody@acme.example')"), [users.admin]);
    assert.deepEqual(usernames('WHERE Hire_Date__c NOT IN (2024-06-15)'), [users.admin, users.former]);
    assert.deepEqual(usernames('WHERE LastLoginDate IN (null, 2026-02-01T00:00:00Z)'),
      [users.integration, users.former, users.quoted]);
  });

  it('follows parent paths, treating a missing parent as null', () => {
    assert.deepEqual(setNames("WHERE Profile.UserLicense.Name = 'salesforce'"),
      [`X${ids.adminProfile}`, `X${ids.standardProfile}`]);
    assert.deepEqual(setNames('WHERE Profile.UserLicense.Name = null'),
      [`X${ids.guestProfile}`, 'Okta_Provisioning', 'Sales_Ops', 'api_only']);
  });

  it('matches LIKE patterns case-insensitively, whole values only', () => {
    assert.deepEqual(usernames("WHERE Username LIKE 'O%'"), [users.integration, users.quoted]);
    assert.deepEqual(usernames("WHERE Username LIKE 'acme%'"), []);
    assert.deepEqual(usernames("WHERE Username LIKE '%ACME.example'").length, 4);
    assert.deepEqual(setNames("WHERE Name LIKE 'sales_op_'"), ['Sales_Ops']);
  });

  it('takes \\% and \\_ in LIKE as the characters themselves', () => {
    assert.deepEqual(usernames("WHERE Username LIKE 'o_neil%'"), [users.quoted]);
    assert.deepEqual(usernames(String.raw`WHERE Username LIKE 'o\_neil%'`), []);
    assert.deepEqual(usernames(String.raw`WHERE Username LIKE '%100\%\\ok%'`), [users.quoted]);
    assert.deepEqual(usernames(String.raw`WHERE Username LIKE '%1\%%'`), []);
  });

  it('reads backslash escapes in strings', () => {
    assert.deepEqual(usernames(String.raw`WHERE Username = 'o\'neil_100%\\ok@acme.example'`), [users.quoted]);
    assert.deepEqual(usernames(String.raw`WHERE Username = 'o\u0027neil_100\%\\ok@acme.example'`), [users.quoted]);
    const org = fixtureOrg();
    org.insert('UserLicense', { Id: '100Sb0000000003AAA', Name: 'Line\none\ttab "quoted"' });
    const result = executeSoql(org, String.raw`SELECT Id FROM UserLicense WHERE Name = 'line\None\Ttab \"quoted\"'`, options);
    assert.equal(result.totalSize, 1);
  });
});

describe('executeSoql: ORDER BY, LIMIT and OFFSET', () => {
  it('puts nulls first by default, in either direction, and where NULLS says', () => {
    assert.deepEqual(usernames('ORDER BY LastLoginDate'), [users.former, users.quoted, users.admin, users.integration]);
    assert.deepEqual(usernames('ORDER BY LastLoginDate DESC'), [users.former, users.quoted, users.integration, users.admin]);
    assert.deepEqual(usernames('ORDER BY LastLoginDate DESC NULLS LAST'),
      [users.integration, users.admin, users.former, users.quoted]);
    assert.deepEqual(usernames('ORDER BY LastLoginDate ASC NULLS last'),
      [users.admin, users.integration, users.former, users.quoted]);
    assert.deepEqual(usernames('ORDER BY LastLoginDate NULLS FIRST'), [users.former, users.quoted, users.admin, users.integration]);
  });

  it('sorts on later keys where earlier ones tie', () => {
    assert.deepEqual(usernames('ORDER BY Hire_Date__c DESC NULLS LAST, Username'),
      [users.quoted, users.integration, users.admin, users.former]);
    assert.deepEqual(usernames('ORDER BY IsActive, Username'), [users.former, users.admin, users.quoted, users.integration]);
  });

  it('sorts text case-insensitively, numbers numerically, and through parent paths', () => {
    assert.deepEqual(setNames('WHERE IsOwnedByProfile = false ORDER BY Name'), ['api_only', 'Okta_Provisioning', 'Sales_Ops']);
    assert.deepEqual(firstColumn('SELECT Name FROM UserLicense ORDER BY TotalLicenses'), ['Salesforce Platform', 'Salesforce']);
    assert.deepEqual(setNames('WHERE IsOwnedByProfile = true ORDER BY Profile.UserLicense.Name DESC NULLS LAST, Name'),
      [`X${ids.integrationProfile}`, `X${ids.adminProfile}`, `X${ids.standardProfile}`, `X${ids.guestProfile}`]);
  });

  it('skips OFFSET rows and returns at most LIMIT, counting only those', () => {
    const sorted = 'ORDER BY Username';
    assert.deepEqual(usernames(`${sorted} LIMIT 2`), [users.admin, users.former]);
    assert.deepEqual(usernames(`${sorted} LIMIT 2 OFFSET 1`), [users.former, users.quoted]);
    assert.deepEqual(usernames(`${sorted} OFFSET 3`), [users.integration]);
    assert.deepEqual(run(`SELECT Username FROM User ${sorted} OFFSET 10`), { totalSize: 0, records: [] });
    assert.deepEqual(run(`SELECT Username FROM User ${sorted} LIMIT 0`), { totalSize: 0, records: [] });
    assert.equal(run(`SELECT Username FROM User ${sorted} LIMIT 3`).totalSize, 3);
  });
});

describe('executeSoql: COUNT(field) and GROUP BY', () => {
  const aggregate = (fields: object) => ({ attributes: { type: 'AggregateResult' }, ...fields });
  const byProfileId = (records: Array<Record<string, unknown>>) =>
    [...records].sort((a, b) => String(a.ProfileId).localeCompare(String(b.ProfileId)));

  it('counts the active users of each profile that has any, as the Profiles view asks', () => {
    const result = run('SELECT ProfileId, COUNT(Id) FROM User WHERE IsActive = true GROUP BY ProfileId');
    assert.equal(result.totalSize, 3);
    assertJson(byProfileId(result.records), [
      aggregate({ ProfileId: ids.adminProfile, expr0: 1 }),
      aggregate({ ProfileId: ids.standardProfile, expr0: 1 }),
      aggregate({ ProfileId: ids.integrationProfile, expr0: 1 }),
    ]);
  });

  it('keys items in the order selected: aliases as written, other counts expr0, expr1…', () => {
    const result = run('SELECT COUNT(Id) Total, ProfileId, COUNT(LastLoginDate), COUNT(Hire_Date__c) FROM User GROUP BY ProfileId ORDER BY ProfileId');
    assertJson(result.records, [
      aggregate({ Total: 1, ProfileId: ids.adminProfile, expr0: 1, expr1: 1 }),
      // COUNT(field) skips nulls: neither of these two users has logged in, one has a hire date.
      aggregate({ Total: 2, ProfileId: ids.standardProfile, expr0: 0, expr1: 1 }),
      aggregate({ Total: 1, ProfileId: ids.integrationProfile, expr0: 1, expr1: 1 }),
    ]);
  });

  it('takes keywords and names in any case, and names grouped fields canonically', () => {
    const result = run('select PROFILEID, count(ID) cnt from USER where ISACTIVE = true group by profileid order by PROFILEID desc limit 1');
    assertJson(result.records, [aggregate({ ProfileId: ids.integrationProfile, cnt: 1 })]);
  });

  it('groups on several fields, and on a parent path under its last name', () => {
    assertJson(run('SELECT ProfileId, IsActive, COUNT(Id) FROM User GROUP BY ProfileId, IsActive ORDER BY ProfileId, IsActive').records, [
      aggregate({ ProfileId: ids.adminProfile, IsActive: true, expr0: 1 }),
      aggregate({ ProfileId: ids.standardProfile, IsActive: false, expr0: 1 }),
      aggregate({ ProfileId: ids.standardProfile, IsActive: true, expr0: 1 }),
      aggregate({ ProfileId: ids.integrationProfile, IsActive: true, expr0: 1 }),
    ]);
    assertJson(run('SELECT Profile.Name, COUNT(Id) FROM User GROUP BY Profile.Name ORDER BY Profile.Name').records, [
      aggregate({ Name: 'Integration', expr0: 1 }),
      aggregate({ Name: 'Standard User', expr0: 2 }),
      aggregate({ Name: 'System Administrator', expr0: 1 }),
    ]);
  });

  it('lists distinct values, null included, with GROUP BY alone', () => {
    assertJson(run('SELECT Hire_Date__c FROM User GROUP BY Hire_Date__c ORDER BY Hire_Date__c').records, [
      aggregate({ Hire_Date__c: null }), aggregate({ Hire_Date__c: '2020-03-01' }), aggregate({ Hire_Date__c: '2024-06-15' }),
    ]);
  });

  it('gives no rows for no groups, but one row for a count without GROUP BY, even of nothing', () => {
    assert.deepEqual(run("SELECT ProfileId, COUNT(Id) FROM User WHERE Username = 'nobody@acme.example' GROUP BY ProfileId"),
      { totalSize: 0, records: [] });
    assertJson(run('SELECT COUNT(Id), COUNT(LastLoginDate) FROM User'), { totalSize: 1, records: [aggregate({ expr0: 4, expr1: 2 })] });
    assertJson(run("SELECT COUNT(Id) FROM User WHERE Username = 'nobody@acme.example'"), { totalSize: 1, records: [aggregate({ expr0: 0 })] });
  });

  it('applies OFFSET and LIMIT to the groups', () => {
    const result = run('SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId ORDER BY ProfileId LIMIT 1 OFFSET 1');
    assertJson(result, { totalSize: 1, records: [aggregate({ ProfileId: ids.standardProfile, expr0: 2 })] });
  });
});
