/**
 * A profile file next to the same profile in an org: for each permission Okta's integration
 * profile needs, whether the file grants it and whether the org's profile has it.
 */
import { permissionByName, type RequiredPermission } from './permissionCatalog';
import type { PermissionState, ProfileVerdict } from './profileAudit';

export type FileState = 'enabled' | 'disabled' | 'absent';

export interface ComparisonRow {
  permission: string;
  label: string;
  file: FileState;
  org: PermissionState['state'];
  /** The file would change the org's profile here on deploy (or the org has what the file lacks). */
  differs: boolean;
}

/** `filePermissions`: the file's `<userPermissions>` by name, enabled or not. */
export function compareProfile(
  filePermissions: ReadonlyMap<string, boolean>, orgProfile: ProfileVerdict, required: readonly RequiredPermission[],
): ComparisonRow[] {
  const orgStates = new Map(orgProfile.permissions.map((state) => [state.permission, state.state]));
  return required.map((permission) => {
    const enabled = filePermissions.get(permission.name);
    const file: FileState = enabled === undefined ? 'absent' : enabled ? 'enabled' : 'disabled';
    const org = orgStates.get(permission.name) ?? 'missing';
    return {
      permission: permission.name, label: permissionByName(permission.name)?.label ?? permission.label, file, org,
      differs: (file === 'enabled') !== (org === 'onProfile'),
    };
  });
}

const fileText: Record<FileState, string> = { enabled: 'enabled', disabled: 'disabled (false)', absent: 'absent' };
const orgText: Record<PermissionState['state'], string> = {
  onProfile: 'on the profile', missing: 'missing', viaPermissionSet: 'only via a permission set', licenseCannotCarry: 'license cannot carry it',
  unreadable: 'could not be read (no such field in the org)',
};

/** The comparison as text: differences first, then what agrees. */
export function formatComparison(profileName: string, orgLabel: string, rows: readonly ComparisonRow[]): string {
  const line = (row: ComparisonRow) => `  ${row.label} (${row.permission}): file ${fileText[row.file]}, org ${orgText[row.org]}`;
  const differing = rows.filter((row) => row.differs);
  const same = rows.filter((row) => !row.differs);
  return [
    `${profileName}: this file compared with the profile in ${orgLabel}, for the permissions Okta's integration profile needs.`,
    '',
    differing.length ? `Different (${differing.length}):` : 'No differences.',
    ...differing.map(line),
    ...(same.length ? ['', `Same (${same.length}):`, ...same.map(line)] : []),
    '',
  ].join('\n');
}
