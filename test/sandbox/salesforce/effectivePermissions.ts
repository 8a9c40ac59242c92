// A user's effective user permissions, as Salesforce computes them: the union of what their
// profile's own permission set grants and what every permission set (or permission set group)
// assigned to them grants. The access rules and the write routes decide from this.
import { type OrgData, type SfRecord } from './model';
import { allPermissions, type PermissionName } from './permissions';

export function effectivePermissions(data: OrgData, user: SfRecord): Set<PermissionName> {
  const sets = new Set<string>();
  for (const set of data.records('PermissionSet')) if (set.IsOwnedByProfile === true && set.ProfileId === user.ProfileId) sets.add(set.Id);
  for (const assignment of data.records('PermissionSetAssignment')) {
    if (assignment.AssigneeId === user.Id) sets.add(String(assignment.PermissionSetId));
  }
  const granted = new Set<PermissionName>();
  for (const id of sets) {
    const set = data.byId(id)?.record;
    if (!set) continue;
    for (const permission of allPermissions) if (set[`Permissions${permission}`] === true) granted.add(permission);
  }
  return granted;
}
