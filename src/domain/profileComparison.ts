/**
 * A profile file next to the same profile in an org: for each permission Okta's integration
 * profile needs, whether the file grants it and whether the org's profile has it.
 */
import * as l10n from '@vscode/l10n';
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

function fileText(state: FileState): string {
  switch (state) {
    case 'enabled': return l10n.t('enabled');
    case 'disabled': return l10n.t('disabled (false)');
    case 'absent': return l10n.t('absent');
  }
}

function orgText(state: PermissionState['state']): string {
  switch (state) {
    case 'onProfile': return l10n.t('on the profile');
    case 'missing': return l10n.t('missing');
    case 'viaPermissionSet': return l10n.t('only via a permission set');
    case 'licenseCannotCarry': return l10n.t('license cannot carry it');
    case 'unreadable': return l10n.t('could not be read (no such field in the org)');
  }
}

/** The comparison as text: differences first, then what agrees. */
export function formatComparison(profileName: string, orgLabel: string, rows: readonly ComparisonRow[]): string {
  const line = (row: ComparisonRow) => `  ${l10n.t('{0} ({1}): file {2}, org {3}', row.label, row.permission, fileText(row.file), orgText(row.org))}`;
  const differing = rows.filter((row) => row.differs);
  const same = rows.filter((row) => !row.differs);
  return [
    l10n.t("{0}: this file compared with the profile in {1}, for the permissions Okta's integration profile needs.", profileName, orgLabel),
    '',
    differing.length ? l10n.t('Different ({0}):', differing.length) : l10n.t('No differences.'),
    ...differing.map(line),
    ...(same.length ? ['', l10n.t('Same ({0}):', same.length), ...same.map(line)] : []),
    '',
  ].join('\n');
}
