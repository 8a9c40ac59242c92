// The orders people read the audit in (text report, CSV, the Profiles view), which must never depend on
// the order the org returned its rows in. Profiles: failing integration candidates, then the other
// candidates (warnings with passes), then the rest, by name within each group and by id where names
// are equal. Required permissions: Okta's in Okta's order, then what the dependencies pull in, by name.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DependencyRow, requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type SnapshotProfile } from '../../src/domain/profileAudit';

const closure = requiredPermissions().permissions.map((permission) => permission.name);

function profile(id: string, name: string, granted: readonly string[], licenseName: string | null = 'Salesforce'): SnapshotProfile {
  return { id, name, userType: 'Standard', licenseName, permissions: Object.fromEntries(granted.map((permission) => [permission, true])) };
}

const order = (profiles: readonly SnapshotProfile[]) =>
  auditOrg({ profiles: [...profiles], permissionSetGrants: [] }).profiles.map((verdict) => `${verdict.verdict} ${verdict.name} ${verdict.profileId}`);

/** Every rotation and the reverse of each: enough orders to show the input order does not matter. */
function reorderings<T>(items: readonly T[]): T[][] {
  return items.flatMap((_, i) => {
    const rotated = [...items.slice(i), ...items.slice(0, i)];
    return [rotated, [...rotated].reverse()];
  });
}

describe('the order of the audited profiles', () => {
  it('puts a candidate with only warnings among the other candidates, not with the failing ones', () => {
    const profiles = [
      profile('00e1', 'Okta C', closure), profile('00e2', 'Okta A', closure, null), profile('00e3', 'Okta B', []), profile('00e4', 'Alpha', closure, null),
    ];
    assert.deepEqual(order(profiles), ['fail Okta B 00e3', 'warn Okta A 00e2', 'pass Okta C 00e1', 'warn Alpha 00e4']);
  });

  it('orders profiles of the same group and name by id, whatever order they came in', () => {
    const profiles = [
      profile('00e3', 'Okta Integration', []), profile('00e1', 'Okta Integration', []), profile('00e2', 'Okta Integration', []),
      profile('00e6', 'Standard', []), profile('00e4', 'Standard', closure), profile('00e5', 'Standard', [], null),
    ];
    const expected = ['fail Okta Integration 00e1', 'fail Okta Integration 00e2', 'fail Okta Integration 00e3',
      'pass Standard 00e4', 'fail Standard 00e5', 'fail Standard 00e6'];
    for (const input of reorderings(profiles)) assert.deepEqual(order(input), expected);
  });
});

describe('the order of the required permissions', () => {
  it('lists what the org\'s dependency rows pull in by name after Okta\'s, whatever order the rows came in', () => {
    const rows: DependencyRow[] = [
      { permission: 'ManageUsers', requiredPermission: 'ViewAllData' },
      { permission: 'ManageUsers', requiredPermission: 'FreezeUsers' },
      { permission: 'ViewAllData', requiredPermission: 'CustomizeApplication' },
      { permission: 'ManageUsers', requiredPermission: 'DelegatedTwoFactor' },
    ];
    const oktas = requiredPermissions().permissions.filter((permission) => permission.listedByOkta).map((permission) => permission.name);
    for (const input of reorderings(rows)) {
      assert.deepEqual(requiredPermissions(input).permissions.map((permission) => permission.name),
        [...oktas, 'CustomizeApplication', 'DelegatedTwoFactor', 'FreezeUsers', 'ViewAllData']);
    }
  });
});
