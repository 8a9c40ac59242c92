/**
 * What the Salesforce Profiles view shows for one audited org: a row per profile, in the audit's
 * order, and a row per required permission under it. Plain data, no vscode, so it is tested with Node.
 */
import * as l10n from '@vscode/l10n';
import { type RequiredPermission } from '../domain/permissionCatalog';
import { type OrgAudit, type PermissionState, type ProfileVerdict, type SetGrant, type Verdict } from '../domain/profileAudit';

export interface PermissionRow {
  permission: string;
  label: string;
  state: PermissionState['state'];
  description: string;
  /** What the permission allows, then what the audit found about it. */
  tooltip: string;
}

export interface ProfileRow {
  profile: ProfileVerdict;
  description: string;
  /** Verdict first, then `.candidate` for an integration candidate; matched by menus. */
  contextValue: string;
  /** The findings' messages, one a line. */
  tooltip: string;
  permissions: PermissionRow[];
}

/** What the row of a required permission says of it (a function: the l10n bundle is configured after modules load). */
function stateText(state: PermissionState['state']): string {
  switch (state) {
    case 'onProfile': return l10n.t('on the profile');
    case 'missing': return l10n.t('missing');
    case 'viaPermissionSet': return l10n.t('only via permission set');
    case 'licenseCannotCarry': return l10n.t('license cannot carry it');
    case 'unreadable': return l10n.t('could not read: no such field in this org');
  }
}

/** The verdict word in a profile row's description. */
function verdictText(verdict: Verdict): string {
  switch (verdict) {
    case 'pass': return l10n.t({ message: 'pass', comment: ['The verdict of a profile audit, shown after the license'] });
    case 'warn': return l10n.t({ message: 'warn', comment: ['The verdict of a profile audit, shown after the license'] });
    case 'fail': return l10n.t({ message: 'fail', comment: ['The verdict of a profile audit, shown after the license'] });
  }
}

function describeGrants(grants: readonly SetGrant[]): string {
  const sets = [...new Set(grants.map((grant) => grant.permissionSetName))];
  const users = [...new Set(grants.map((grant) => grant.username))];
  return `${sets.join(', ')} (${users.join(', ')})`;
}

function permissionRow(profile: ProfileVerdict, required: RequiredPermission, state: PermissionState): PermissionRow {
  const description = state.state === 'viaPermissionSet' ? l10n.t('only via permission set: {0}', describeGrants(state.grants)) : stateText(state.state);
  const findings = profile.findings.filter((finding) => finding.permission === required.name).map((finding) => finding.message);
  return {
    permission: required.name, label: required.label, state: state.state, description,
    tooltip: [required.allows, ...findings].join('\n\n'),
  };
}

/** A row per profile, in the audit's order, described as "license · N active users · verdict" (no count when none was read). */
export function profileRows(audit: OrgAudit): ProfileRow[] {
  const byName = new Map(audit.required.permissions.map((permission) => [permission.name, permission]));
  const activeUsers = (count: number | undefined) => (count === undefined ? [] : [count === 1 ? l10n.t('1 active user') : l10n.t('{0} active users', count)]);
  return audit.profiles.map((profile) => ({
    profile,
    description: [profile.licenseName ?? l10n.t('license not reported'), ...activeUsers(profile.activeUsers), verdictText(profile.verdict)].join(' · '),
    contextValue: `${profile.verdict}${profile.isIntegrationCandidate ? '.candidate' : ''}`,
    tooltip: profile.findings.length ? profile.findings.map((finding) => finding.message).join('\n\n') : l10n.t('No findings.'),
    permissions: profile.permissions.flatMap((state) => {
      const required = byName.get(state.permission);
      return required ? [permissionRow(profile, required, state)] : [];
    }),
  }));
}

/** The clipboard text of Copy Summary: profile, verdict, then each finding with its fix. */
export function profileSummary(profile: ProfileVerdict): string {
  const license = profile.licenseName ?? l10n.t('license not reported');
  const verdicts: Record<Verdict, string> = {
    pass: l10n.t("{0} ({1}) passes Okta's integration profile audit.", profile.name, license),
    warn: l10n.t("{0} ({1}) passes Okta's integration profile audit with warnings.", profile.name, license),
    fail: l10n.t("{0} ({1}) fails Okta's integration profile audit.", profile.name, license),
  };
  const lines = [verdicts[profile.verdict]];
  for (const finding of profile.findings) lines.push(l10n.t('- {0}: {1} Fix: {2}', finding.severity, finding.message, finding.fix));
  return `${lines.join('\n')}\n`;
}

/** The report of one profile: the org's audit narrowed to it and to the integration users on it. */
export function auditOfProfile(audit: OrgAudit, profileId: string): OrgAudit {
  return {
    ...audit,
    profiles: audit.profiles.filter((profile) => profile.profileId === profileId),
    integrationUsers: audit.integrationUsers.filter((user) => user.profileId === profileId),
  };
}

/** The profile's page in Lightning Setup. */
export function profileSetupUrl(instanceUrl: string, profileId: string): string {
  return `${instanceUrl}/lightning/setup/EnhancedProfiles/page?address=${encodeURIComponent(`/${profileId}`)}`;
}
