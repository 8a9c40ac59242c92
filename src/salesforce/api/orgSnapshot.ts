/**
 * Reads what the profile audit needs from a whole org in at most three queries (plus one more
 * page per 2,000 rows): the org's permission dependencies (Tooling API), every profile's own
 * permission set, and the permission sets that reach active users with a required permission.
 * Never one call per profile.
 */
import { type Connection } from 'jsforce/core';
import 'jsforce/api/tooling';
import { type DependencyRow, requiredPermissions } from '../../domain/permissionCatalog';
import { type OrgSnapshot } from '../../domain/profileAudit';

interface QueryPage<T> {
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

export interface SnapshotRead {
  snapshot: OrgSnapshot;
  /** Requests sent, pages included: what the audit cost the org's daily API limit. */
  apiCalls: number;
}

interface ProfilePermissionSet {
  ProfileId: string;
  Profile: { Name: string; UserType: string | null; UserLicense: { Name: string } | null } | null;
  [field: string]: unknown;
}

interface Assignment {
  AssigneeId: string;
  Assignee: { Username: string; ProfileId: string } | null;
  PermissionSet: ({ Name: string } & Record<string, unknown>) | null;
  PermissionSetGroupId: string | null;
}

export async function readOrgSnapshot(connection: Connection): Promise<SnapshotRead> {
  let apiCalls = 0;
  async function all<T>(soql: string, tooling = false): Promise<T[]> {
    const api = tooling ? connection.tooling : connection;
    let page = (await api.query(soql, { autoFetch: false })) as unknown as QueryPage<T>;
    apiCalls++;
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = (await api.queryMore(page.nextRecordsUrl)) as unknown as QueryPage<T>;
      apiCalls++;
      records.push(...page.records);
    }
    return records;
  }

  const dependencies = await readDependencies(all);
  const required = requiredPermissions(dependencies).permissions;
  const fields = required.map((p) => p.apiField);

  const profileSets = await all<ProfilePermissionSet>(
    `SELECT ProfileId, Profile.Name, Profile.UserType, Profile.UserLicense.Name, ${fields.join(', ')} FROM PermissionSet WHERE IsOwnedByProfile = true`);
  const assignments = await all<Assignment>(
    `SELECT AssigneeId, Assignee.Username, Assignee.ProfileId, PermissionSet.Name, PermissionSetGroupId, ${fields.map((f) => `PermissionSet.${f}`).join(', ')} `
    + 'FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false AND Assignee.IsActive = true '
    + `AND (${fields.map((f) => `PermissionSet.${f} = true`).join(' OR ')})`);

  const granted = (record: Record<string, unknown>) => Object.fromEntries(required.map((p) => [p.name, record[p.apiField] === true]));
  const snapshot: OrgSnapshot = {
    profiles: profileSets.filter((set) => set.Profile).map((set) => ({
      id: set.ProfileId, name: set.Profile?.Name ?? set.ProfileId, userType: set.Profile?.UserType ?? null,
      licenseName: set.Profile?.UserLicense?.Name ?? null, permissions: granted(set),
    })),
    permissionSetGrants: assignments.map((a) => ({
      assigneeId: a.AssigneeId, assigneeUsername: a.Assignee?.Username ?? a.AssigneeId, assigneeProfileId: a.Assignee?.ProfileId,
      permissionSetName: a.PermissionSet?.Name ?? '', permissionSetGroupId: a.PermissionSetGroupId,
      permissions: required.filter((p) => a.PermissionSet?.[p.apiField] === true).map((p) => p.name),
    })),
    ...(dependencies.length ? { dependencies } : {}),
  };
  return { snapshot, apiCalls };
}

/** The org's own dependency rows; an org or user that cannot read them falls back to the built-in closure. */
async function readDependencies(all: <T>(soql: string, tooling?: boolean) => Promise<T[]>): Promise<DependencyRow[]> {
  try {
    const rows = await all<{ Permission: string; RequiredPermission: string }>(
      "SELECT Permission, RequiredPermission FROM PermissionDependency WHERE PermissionType = 'User Permission' AND RequiredPermissionType = 'User Permission'",
      true);
    return rows.map((row) => ({ permission: row.Permission, requiredPermission: row.RequiredPermission }));
  } catch (error) {
    const code = (error as { errorCode?: string }).errorCode;
    if (code === 'INVALID_TYPE' || code === 'INSUFFICIENT_ACCESS' || code === 'INSUFFICIENT_ACCESS_OR_READONLY') return [];
    throw error;
  }
}
