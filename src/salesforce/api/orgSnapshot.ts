/**
 * Reads what the profile audit needs from a whole org in three queries (plus one more call per
 * further page: Salesforce serves at most 2,000 rows a page, and often fewer): the org's permission
 * dependencies (Tooling API), every profile's own permission set, and the permission sets that reach
 * active users with a required permission. Never one call per profile. An org without some
 * Permissions… field costs one call more per missing field. On request, one aggregate query more
 * counts each profile's active users.
 */
import * as l10n from '@vscode/l10n';
import { type Connection } from 'jsforce/core';
import 'jsforce/api/tooling';
import { type DependencyRow, type RequiredPermission, requiredPermissions } from '../../domain/permissionCatalog';
import { type OrgSnapshot } from '../../domain/profileAudit';

interface QueryPage<T> {
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

export interface SnapshotOptions {
  /** Also count each profile's active users (those the signed-in user can see): one query more, run alongside the others. */
  activeUserCounts?: boolean;
  /** Read only what one user's verdict needs: their profile and their own permission set grants. */
  forUser?: { userId: string; profileId: string };
}

/** Ids go into SOQL, so only a Salesforce id's characters may. */
export const isSalesforceId = (id: string) => /^[a-zA-Z0-9]{15,18}$/.test(id);

const salesforceId = (id: string) => {
  if (!isSalesforceId(id)) throw new Error(l10n.t('"{0}" is not a Salesforce id.', id));
  return `'${id}'`;
};

export interface SnapshotRead {
  snapshot: OrgSnapshot;
  /** Requests sent, pages included: what the audit cost the org's daily API limit. */
  apiCalls: number;
}

interface ProfilePermissionSet {
  ProfileId: string;
  /** A profile-owned set is custom exactly when its profile is (the object reference: PermissionSet.IsCustom, API 39.0+). */
  IsCustom?: boolean;
  Profile: { Name: string; UserType: string | null; UserLicense: { Name: string } | null } | null;
  [field: string]: unknown;
}

interface Assignment {
  AssigneeId: string;
  Assignee: { Username: string; ProfileId: string } | null;
  PermissionSet: ({ Name: string } & Record<string, unknown>) | null;
  PermissionSetGroupId: string | null;
}

/**
 * Editions and licenses differ in their Permissions… fields, and selecting one the org lacks fails the whole
 * query: "No such column 'PermissionsX' on entity 'PermissionSet'" (INVALID_FIELD). The audit then asks again
 * without it, at most this many times. Retrying costs nothing in the common org that has every field, where
 * reading describe first would cost a call on every audit.
 */
const maxMissingFields = 5;

/** The field an INVALID_FIELD refusal names, when it names one. */
function missingField(error: unknown): string | undefined {
  const { errorCode, message } = error as { errorCode?: unknown; message?: unknown };
  if (errorCode !== 'INVALID_FIELD' || typeof message !== 'string') return undefined;
  return /No such column '(\w+)' on entity/.exec(message)?.[1];
}

export async function readOrgSnapshot(connection: Connection, options: SnapshotOptions = {}): Promise<SnapshotRead> {
  let apiCalls = 0;
  async function all<T>(soql: string, tooling = false): Promise<T[]> {
    const api = tooling ? connection.tooling : connection;
    // Counted when sent: a request the org refuses costs the daily limit too.
    apiCalls++;
    let page = (await api.query(soql, { autoFetch: false })) as unknown as QueryPage<T>;
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      apiCalls++;
      page = (await api.queryMore(page.nextRecordsUrl)) as unknown as QueryPage<T>;
      records.push(...page.records);
    }
    return records;
  }

  /** Runs the query built from `permissions`' fields, dropping each field the org says it lacks; returns the fields read. */
  async function withReadableFields<T>(permissions: readonly RequiredPermission[], soql: (fields: string[]) => string) {
    let readable = permissions;
    for (let dropped = 0; ; dropped++) {
      try {
        return { rows: await all<T>(soql(readable.map((p) => p.apiField))), readable };
      } catch (error) {
        const field = missingField(error)?.toLowerCase();
        const remaining = readable.filter((p) => p.apiField.toLowerCase() !== field);
        if (remaining.length === readable.length || remaining.length === 0 || dropped === maxMissingFields) throw error;
        readable = remaining;
      }
    }
  }

  async function readPermissions() {
    const dependencies = await readDependencies(all);
    const required = requiredPermissions(dependencies).permissions;

    const { forUser } = options;
    const profileRead = await withReadableFields<ProfilePermissionSet>(required, (fields) =>
      `SELECT ProfileId, IsCustom, Profile.Name, Profile.UserType, Profile.UserLicense.Name, ${fields.join(', ')} FROM PermissionSet WHERE IsOwnedByProfile = true`
      + (forUser ? ` AND ProfileId = ${salesforceId(forUser.profileId)}` : ''));
    const assignmentRead = await withReadableFields<Assignment>(profileRead.readable, (fields) =>
      `SELECT AssigneeId, Assignee.Username, Assignee.ProfileId, PermissionSet.Name, PermissionSetGroupId, ${fields.map((f) => `PermissionSet.${f}`).join(', ')} `
      + 'FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false AND Assignee.IsActive = true '
      + (forUser ? `AND AssigneeId = ${salesforceId(forUser.userId)} ` : '')
      + `AND (${fields.map((f) => `PermissionSet.${f} = true`).join(' OR ')})`);
    // Read only where both queries could: a field the second lacked has no grants through sets to show.
    const readable = assignmentRead.readable;
    return { dependencies, required, readable, profileSets: profileRead.rows, assignments: assignmentRead.rows };
  }

  // Promise.all holds both from the start, so a failed count cannot go unhandled while the others run.
  const [{ dependencies, required, readable, profileSets, assignments }, activeUsers] = await Promise.all([
    readPermissions(),
    options.activeUserCounts ? readActiveUserCounts(all) : undefined,
  ]);
  const granted = (record: Record<string, unknown>) => Object.fromEntries(readable.map((p) => [p.name, record[p.apiField] === true]));
  const unreadable = required.filter((p) => !readable.includes(p)).map((p) => p.name);
  const snapshot: OrgSnapshot = {
    profiles: profileSets.filter((set) => set.Profile).map((set) => ({
      id: set.ProfileId, name: set.Profile?.Name ?? set.ProfileId, userType: set.Profile?.UserType ?? null,
      licenseName: set.Profile?.UserLicense?.Name ?? null, permissions: granted(set),
      ...(typeof set.IsCustom === 'boolean' ? { isCustom: set.IsCustom } : {}),
      ...(activeUsers ? { activeUsers: activeUsers.get(set.ProfileId) ?? 0 } : {}),
    })),
    permissionSetGrants: assignments.map((a) => ({
      assigneeId: a.AssigneeId, assigneeUsername: a.Assignee?.Username ?? a.AssigneeId, assigneeProfileId: a.Assignee?.ProfileId,
      permissionSetName: a.PermissionSet?.Name ?? '', permissionSetGroupId: a.PermissionSetGroupId,
      permissions: readable.filter((p) => a.PermissionSet?.[p.apiField] === true).map((p) => p.name),
    })),
    ...(dependencies.length ? { dependencies } : {}),
    ...(unreadable.length ? { unreadablePermissions: unreadable } : {}),
  };
  return { snapshot, apiCalls };
}

/**
 * Active users per profile id, from one aggregate query. Its rows are AggregateResult records keyed by the
 * grouped field and expr0 (the first unaliased aggregate). Salesforce cannot page an aggregate result, so an
 * org with more than one batch (2,000) of profiles with active users refuses it: the counts stay unknown.
 */
async function readActiveUserCounts(all: <T>(soql: string) => Promise<T[]>): Promise<Map<string, number> | undefined> {
  try {
    const rows = await all<{ ProfileId: string; expr0: number }>('SELECT ProfileId, COUNT(Id) FROM User WHERE IsActive = true GROUP BY ProfileId');
    return new Map(rows.map((row) => [row.ProfileId, row.expr0]));
  } catch (error) {
    if ((error as { errorCode?: string }).errorCode === 'EXCEEDED_ID_LIMIT') return undefined;
    throw error;
  }
}

/**
 * The org's own dependency rows; an org or user that cannot read them falls back to the built-in closure
 * (the audit then reports its source as 'builtIn'). Since Summer '20 only View Setup and Configuration
 * opens PermissionDependency, so a user who reads permission sets through Assign Permission Sets or
 * Manage Profiles and Permission Sets alone is refused it, as an unknown type (INVALID_TYPE), which is also
 * the answer below API 46.0, where the object does not exist. INSUFFICIENT_ACCESS is kept for orgs that
 * word the refusal so.
 */
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
