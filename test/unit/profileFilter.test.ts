import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg } from '../../src/domain/profileAudit';
import { describeFilter, filterProfileRows } from '../../src/salesforce/profileFilter';
import { profileRows } from '../../src/salesforce/profileTreeModel';

const required = requiredPermissions().permissions.map((permission) => permission.name);
const profile = (id: string, name: string, grants: string[]) => ({
  id, name, userType: 'Standard', licenseName: 'Salesforce',
  permissions: Object.fromEntries(grants.map((g) => [g, true])),
});

describe('profile filter', () => {
  const rows = profileRows(auditOrg({
    profiles: [
      profile('00e1', 'Okta Integration', []),
      profile('00e2', 'Sales Rep', []),
      profile('00e3', 'Okta Integration - Complete', required),
    ],
    permissionSetGrants: [],
  }));
  const names = (filtered: ReturnType<typeof filterProfileRows>) => filtered.map((row) => row.profile.name).sort();

  it('shows every profile by default', () => {
    assert.equal(filterProfileRows(rows, { kind: 'all' }).length, 3);
    assert.equal(describeFilter({ kind: 'all' }), undefined);
  });

  it('keeps the integration candidates', () => {
    assert.deepEqual(names(filterProfileRows(rows, { kind: 'candidates' })), ['Okta Integration', 'Okta Integration - Complete']);
  });

  it('keeps profiles that do not pass', () => {
    assert.deepEqual(names(filterProfileRows(rows, { kind: 'problems' })), ['Okta Integration', 'Sales Rep']);
  });

  it('matches names case-insensitively and says what it filters', () => {
    assert.deepEqual(names(filterProfileRows(rows, { kind: 'name', text: ' sales ' })), ['Sales Rep']);
    assert.equal(describeFilter({ kind: 'name', text: ' sales ' }), 'names containing “sales”');
  });
});
