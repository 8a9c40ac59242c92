import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg } from '../../src/domain/profileAudit';
import { compareProfile, formatComparison } from '../../src/domain/profileComparison';

const required = requiredPermissions().permissions;

describe('profile file compared with the org', () => {
  const audit = auditOrg({
    profiles: [{ id: '00e1', name: 'Okta Integration', userType: 'Standard', licenseName: 'Salesforce', permissions: { ApiEnabled: true, ViewSetup: true } }],
    permissionSetGrants: [],
  });
  const orgProfile = audit.profiles[0];
  assert.ok(orgProfile);
  const file = new Map([['ApiEnabled', true], ['ManageUsers', true], ['ViewSetup', false]]);
  const rows = compareProfile(file, orgProfile, required);
  const row = (name: string) => rows.find((r) => r.permission === name);

  it('gives one row per required permission, in the catalog\'s order', () => {
    assert.deepEqual(rows.map((r) => r.permission), required.map((p) => p.name));
  });

  it('marks where the file and the org disagree', () => {
    assert.deepEqual(row('ApiEnabled'), { permission: 'ApiEnabled', label: 'API Enabled', file: 'enabled', org: 'onProfile', differs: false });
    assert.equal(row('ManageUsers')?.differs, true);
    assert.equal(row('ViewSetup')?.file, 'disabled');
    assert.equal(row('ViewSetup')?.differs, true);
    assert.equal(row('ManageRoles')?.file, 'absent');
    assert.equal(row('ManageRoles')?.differs, false);
  });

  it('lists the differences first', () => {
    const text = formatComparison('Okta Integration', 'acme (prod)', rows);
    const [, , heading, first] = text.split('\n');
    assert.match(heading ?? '', /^Different \(2\):$/);
    assert.match(first ?? '', /Manage Users \(ManageUsers\): file enabled, org missing/);
  });
});
