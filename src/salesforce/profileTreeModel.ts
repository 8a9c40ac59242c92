/**
 * What the Salesforce Profiles view shows for one audited org: a row per profile, in the audit's
 * order, and a row per required permission under it. Plain data, no vscode, so it is tested with Node.
 */
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

const stateText: Record<PermissionState['state'], string> = {
  onProfile: 'on the profile',
  missing: 'missing',
  viaPermissionSet: 'only via permission set',
  licenseCannotCarry: 'license cannot carry it',
  unreadable: 'could not read: no such field in this org',
};

function describeGrants(grants: readonly SetGrant[]): string {
  const sets = [...new Set(grants.map((grant) => grant.permissionSetName))];
  const users = [...new Set(grants.map((grant) => grant.username))];
  return `${sets.join(', ')} (${users.join(', ')})`;
}

function permissionRow(profile: ProfileVerdict, required: RequiredPermission, state: PermissionState): PermissionRow {
  const description = state.state === 'viaPermissionSet' ? `${stateText.viaPermissionSet}: ${describeGrants(state.grants)}` : stateText[state.state];
  const findings = profile.findings.filter((finding) => finding.permission === required.name).map((finding) => finding.message);
  return {
    permission: required.name, label: required.label, state: state.state, description,
    tooltip: [required.allows, ...findings].join('\n\n'),
  };
}

/** A row per profile, in the audit's order, described as "license · N active users · verdict" (no count when none was read). */
export function profileRows(audit: OrgAudit): ProfileRow[] {
  const byName = new Map(audit.required.permissions.map((permission) => [permission.name, permission]));
  const activeUsers = (count: number | undefined) => (count === undefined ? '' : ` · ${count} active user${count === 1 ? '' : 's'}`);
  return audit.profiles.map((profile) => ({
    profile,
    description: `${profile.licenseName ?? 'license not reported'}${activeUsers(profile.activeUsers)} · ${profile.verdict}`,
    contextValue: `${profile.verdict}${profile.isIntegrationCandidate ? '.candidate' : ''}`,
    tooltip: profile.findings.length ? profile.findings.map((finding) => finding.message).join('\n\n') : 'No findings.',
    permissions: profile.permissions.flatMap((state) => {
      const required = byName.get(state.permission);
      return required ? [permissionRow(profile, required, state)] : [];
    }),
  }));
}

/** The clipboard text of Copy Summary: profile, verdict, then each finding with its fix. */
export function profileSummary(profile: ProfileVerdict): string {
  const verdicts: Record<Verdict, string> = { pass: 'passes', warn: 'passes with warnings', fail: 'fails' };
  const lines = [`${profile.name} (${profile.licenseName ?? 'license not reported'}) ${verdicts[profile.verdict]} Okta's integration profile audit.`];
  for (const finding of profile.findings) lines.push(`- ${finding.severity}: ${finding.message} Fix: ${finding.fix}`);
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
