/**
 * The audit of an org's profiles against what Okta's integration profile needs: every required
 * permission directly on the profile (Okta: "Don't add the permissions through permission sets"), on a
 * license that can carry it. Every profile gets a verdict; only the integration candidates and the
 * integration users decide whether the org passes. Linear in profiles × required permissions: the
 * permission set grants are indexed once.
 */
import * as l10n from '@vscode/l10n';
import { licenseCannotCarry, licenseReach, licensePhrase } from './licenseCapabilities';
import { type DependencyRow, type RequiredPermission, type RequiredPermissions, requiredPermissions } from './permissionCatalog';
import { joinList } from './plainText';

export interface SnapshotProfile {
  id: string;
  name: string;
  userType: string | null;
  licenseName: string | null;
  /** A custom profile (its permissions can change) or a standard one; absent when not read. */
  isCustom?: boolean;
  /** By XML name, e.g. ManageUsers: true; absent means not granted (unless OrgSnapshot.unreadablePermissions names it). */
  permissions: Record<string, boolean>;
  /** Its active users, when they were counted. */
  activeUsers?: number;
}

/** A permission set (not profile-owned) assigned to an active user. */
export interface PermissionSetGrant {
  assigneeId: string;
  assigneeUsername: string;
  /** The assignee's profile, when known. */
  assigneeProfileId?: string;
  permissionSetName: string;
  permissionSetGroupId: string | null;
  /** XML names of the permissions it grants. */
  permissions: string[];
}

export interface IntegrationUser {
  username: string;
  profileId: string;
}

export interface OrgSnapshot {
  profiles: SnapshotProfile[];
  permissionSetGrants: PermissionSetGrant[];
  /** The org's PermissionDependency rows between user permissions, when readable. */
  dependencies?: DependencyRow[];
  /**
   * Required permissions (XML names) the org has no Permissions… field for, so no profile's value was read:
   * editions and licenses differ in the permissions they offer.
   */
  unreadablePermissions?: string[];
  /** The user(s) Okta signs in as, when known. */
  integrationUsers?: IntegrationUser[];
}

export interface AuditOptions {
  /** Profile names or simple globs with *, case-insensitive. Default: names containing Okta or Integration. */
  integrationProfiles?: string[];
}

export type Verdict = 'pass' | 'warn' | 'fail';
export type Severity = 'error' | 'warning' | 'info';
export type FindingCode =
  | 'missing-permission' | 'missing-dependency' | 'permission-set-grant'
  | 'license-cannot-grant' | 'unknown-license' | 'no-integration-profile' | 'permission-unreadable';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The XML name, on findings about one permission. */
  permission?: string;
  /** Why, in Salesforce's labels. */
  message: string;
  /** What to do. */
  fix: string;
}

/** One user holding a permission through one permission set. */
export interface SetGrant {
  permissionSetName: string;
  permissionSetGroupId: string | null;
  username: string;
}

/** `unreadable`: the org has no field for the permission, so the audit cannot tell whether the profile has it. */
export type PermissionState =
  | { permission: string; state: 'onProfile' | 'missing' | 'licenseCannotCarry' | 'unreadable' }
  | { permission: string; state: 'viaPermissionSet'; grants: SetGrant[] };

/** Why a profile is taken for Okta's integration profile. */
export type CandidateReason = 'setting' | 'nameRule' | 'integrationUser';

export interface ProfileVerdict {
  profileId: string;
  name: string;
  licenseName: string | null;
  isIntegrationCandidate: boolean;
  candidateReasons: CandidateReason[];
  verdict: Verdict;
  findings: Finding[];
  /** One state per required permission, in the order of OrgAudit.required. */
  permissions: PermissionState[];
  /** The profile's active users, when the snapshot counted them. */
  activeUsers?: number;
  /** Custom or standard, when the snapshot read it. */
  isCustom?: boolean;
}

export interface IntegrationUserVerdict {
  username: string;
  profileId: string;
  /** Null when the user's profile is not among the audited ones. */
  profileName: string | null;
  verdict: Verdict;
  /** The profile's verdict as this user gets it: permission sets count only when assigned to this user. */
  findings: Finding[];
  permissions: PermissionState[];
}

export interface OrgAudit {
  required: RequiredPermissions;
  /** Every integration candidate and integration user passes (a warning is not a failure), and there is a candidate. */
  orgPasses: boolean;
  /** Findings about the org rather than one profile. */
  findings: Finding[];
  /** Failing candidates, other candidates, then the rest; by name within each group. */
  profiles: ProfileVerdict[];
  integrationUsers: IntegrationUserVerdict[];
}

type GrantsByPermission = Map<string, SetGrant[]>;

interface AuditContext {
  required: readonly RequiredPermission[];
  labelOf(permission: string): string;
  unreadable: ReadonlySet<string>;
}

/** Salesforce usernames are unique whatever their case. */
const userKey = (username: string) => username.toLowerCase();

function addGrant(index: Map<string, GrantsByPermission>, key: string, grant: PermissionSetGrant): void {
  const byPermission = index.get(key) ?? new Map<string, SetGrant[]>();
  index.set(key, byPermission);
  const { permissionSetName, permissionSetGroupId, assigneeUsername: username } = grant;
  const holder: SetGrant = { permissionSetName, permissionSetGroupId, username };
  for (const permission of grant.permissions) {
    const holders = byPermission.get(permission) ?? [];
    holders.push(holder);
    byPermission.set(permission, holders);
  }
}

function indexGrants(grants: readonly PermissionSetGrant[], integrationUsers: readonly IntegrationUser[]) {
  const integrationProfileOf = new Map(integrationUsers.map((user) => [userKey(user.username), user.profileId]));
  const byProfile = new Map<string, GrantsByPermission>();
  const byIntegrationUser = new Map<string, GrantsByPermission>();
  for (const grant of grants) {
    const user = userKey(grant.assigneeUsername);
    // Without the assignee's profile, a grant can only be placed when it goes to a known integration user.
    const profileId = grant.assigneeProfileId ?? integrationProfileOf.get(user);
    if (profileId !== undefined) addGrant(byProfile, profileId, grant);
    if (integrationProfileOf.has(user)) addGrant(byIntegrationUser, user, grant);
  }
  return { byProfile, byIntegrationUser };
}

function globToRegExp(glob: string): RegExp {
  const parts = glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'i');
}

/** Whether a profile of this name is taken for Okta's integration profile under these patterns (empty: the name rule). */
export function isIntegrationProfileName(name: string, patterns: readonly string[] = []): boolean {
  return profileNameRule(patterns).matches(name);
}

function profileNameRule(patterns: readonly string[] = []) {
  const globs = patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern.length > 0);
  if (globs.length === 0) {
    return {
      reason: 'nameRule' as const,
      matches: (name: string) => /okta|integration/i.test(name),
      described: l10n.t('has “Okta” or “Integration” in its name'),
    };
  }
  const expressions = globs.map(globToRegExp);
  return {
    reason: 'setting' as const,
    matches: (name: string) => expressions.some((expression) => expression.test(name)),
    described: l10n.t('matches the integration profiles setting ({0})', globs.join(', ')),
  };
}

function describeGrants(grants: readonly SetGrant[]) {
  const sets = [...new Set(grants.map((grant) => grant.permissionSetGroupId === null
    ? grant.permissionSetName
    : l10n.t('{0} (in permission set group {1})', grant.permissionSetName, grant.permissionSetGroupId)))];
  const users = [...new Set(grants.map((grant) => grant.username))];
  return {
    sets: sets.length > 1 ? l10n.t('the permission sets {0}', joinList(sets)) : l10n.t('the permission set {0}', joinList(sets)),
    users: joinList(users, 3),
    oneUser: users.length <= 1,
  };
}

const enableOnProfile = (profile: SnapshotProfile, label: string) =>
  l10n.t('In Setup → Profiles → {0} → System Permissions, enable {1}.', profile.name, label);

function permissionFinding(
  profile: SnapshotProfile, permission: RequiredPermission, state: PermissionState, context: AuditContext, grantsAlongside: SetGrant[] = [],
): Finding | undefined {
  const { name, label } = permission;
  switch (state.state) {
    case 'missing': {
      if (permission.listedByOkta) {
        return {
          code: 'missing-permission', severity: 'error', permission: name,
          message: l10n.t('Okta requires {0} on the integration profile, and this profile does not have it.', label),
          fix: enableOnProfile(profile, label),
        };
      }
      const dependents = joinList(permission.requiredBy.map(context.labelOf));
      return {
        code: 'missing-dependency', severity: 'error', permission: name,
        message: l10n.t('Salesforce requires {0} for {1}; this profile does not have it, so Salesforce will not save {1} on it.', label, dependents),
        fix: enableOnProfile(profile, label),
      };
    }
    case 'viaPermissionSet': {
      const { sets, users, oneUser } = describeGrants(state.grants);
      return {
        code: 'permission-set-grant', severity: 'error', permission: name,
        message: oneUser
          ? l10n.t('{0} is not on the profile; {1} gets it only through {2}. Okta needs it on the profile itself, not through permission sets.', label, users, sets)
          : l10n.t('{0} is not on the profile; {1} get it only through {2}. Okta needs it on the profile itself, not through permission sets.', label, users, sets),
        fix: enableOnProfile(profile, label),
      };
    }
    case 'onProfile': {
      if (grantsAlongside.length === 0) return undefined;
      const { sets, users, oneUser } = describeGrants(grantsAlongside);
      return {
        code: 'permission-set-grant', severity: 'info', permission: name,
        message: oneUser
          ? l10n.t('{0} is on the profile; {1} also gets it through {2}. Okta needs only the profile.', label, users, sets)
          : l10n.t('{0} is on the profile; {1} also get it through {2}. Okta needs only the profile.', label, users, sets),
        fix: l10n.t('Nothing is needed for Okta. Following Okta’s advice, remove {0} from {1} unless something else relies on it.', label, sets),
      };
    }
    case 'licenseCannotCarry':
      return undefined; // One finding per profile lists them all (licenseFindings).
    case 'unreadable':
      return unreadableFinding(profile, permission);
  }
}

/**
 * A warning, not an error: the audit could not read the permission, so failing the profile would claim a gap
 * nobody saw, and an org whose edition has no such field usually does not offer (or require) the permission
 * at all. Not info either: a pass without having checked everything must not look like a clean pass.
 */
function unreadableFinding(profile: SnapshotProfile, { name, label, apiField }: RequiredPermission): Finding {
  return {
    code: 'permission-unreadable', severity: 'warning', permission: name,
    message: l10n.t('The audit could not read {0}: this org has no {1} field (Salesforce answered INVALID_FIELD), so the audit cannot tell whether this profile has it.', label, apiField),
    fix: l10n.t("Check Setup → Profiles → {0} → System Permissions for {1}; if Setup does not list it, this org's edition does not offer it and there is nothing to enable.", profile.name, label),
  };
}

/** Once for the org: which required permissions no profile's value could be read for. */
function unreadableOrgFinding(permissions: readonly RequiredPermission[]): Finding {
  const labels = joinList(permissions.map((permission) => permission.label));
  return {
    code: 'permission-unreadable', severity: 'warning',
    message: permissions.length > 1
      ? l10n.t('This org has no field for {0} (Salesforce answered INVALID_FIELD), so the audit could not read them on any profile; every other required permission was read.', labels)
      : l10n.t('This org has no field for {0} (Salesforce answered INVALID_FIELD), so the audit could not read it on any profile; every other required permission was read.', labels),
    fix: l10n.t('Check them in Setup on the integration profile; a permission Setup does not list is not offered by this org’s edition.'),
  };
}

function licenseFindings(profile: SnapshotProfile, uncarried: readonly RequiredPermission[]): Finding[] {
  const findings: Finding[] = [];
  if (uncarried.length > 0) {
    findings.push({
      code: 'license-cannot-grant', severity: 'error',
      message: l10n.t('The {0} cannot carry {1}; Salesforce does not offer them on profiles with this license.',
        licensePhrase(profile.licenseName ?? ''), joinList(uncarried.map((permission) => permission.label))),
      fix: l10n.t('Give Okta’s integration user a profile with the Salesforce license: in Setup → Profiles, clone a profile whose User License is Salesforce, then enable API Enabled and Manage Users on it.'),
    });
  }
  if (licenseReach(profile.licenseName) === 'unknown') {
    findings.push({
      code: 'unknown-license', severity: 'warning',
      message: profile.licenseName === null
        ? l10n.t('Salesforce did not report this profile’s user license, so the audit cannot tell whether the license can carry Manage Users and the permissions it needs.')
        : l10n.t('The audit does not know the {0}, so it cannot tell whether the license can carry Manage Users and the permissions it needs.', licensePhrase(profile.licenseName)),
      fix: l10n.t('Check the User License in Setup → Profiles → {0}; Okta’s integration user normally has the Salesforce license.', profile.name),
    });
  }
  return findings;
}

function stateOf(profile: SnapshotProfile, permission: string, grants: SetGrant[] | undefined, unreadable: ReadonlySet<string>): PermissionState {
  if (profile.permissions[permission] === true) return { permission, state: 'onProfile' };
  if (licenseCannotCarry(profile.licenseName, permission)) return { permission, state: 'licenseCannotCarry' };
  // Never read as missing (or as granted): the org had no field to read it from.
  if (unreadable.has(permission)) return { permission, state: 'unreadable' };
  if (grants !== undefined && grants.length > 0) return { permission, state: 'viaPermissionSet', grants };
  return { permission, state: 'missing' };
}

function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  return findings.some((finding) => finding.severity === 'warning') ? 'warn' : 'pass';
}

/**
 * One profile's permission states, findings and verdict, given the grants that count for it. A permission set
 * granting what the profile already has is worth a note only on a profile Okta uses.
 */
function assess(profile: SnapshotProfile, context: AuditContext, grants: GrantsByPermission | undefined, isCandidate: boolean) {
  const permissions = context.required.map((permission) => stateOf(profile, permission.name, grants?.get(permission.name), context.unreadable));
  const findings = licenseFindings(profile, context.required.filter((_, i) => permissions[i].state === 'licenseCannotCarry'));
  context.required.forEach((permission, i) => {
    // What could not be read is said once for the org; on a profile Okta uses it is said again, and weighs.
    if (permissions[i].state === 'unreadable' && !isCandidate) return;
    const alongside = isCandidate ? grants?.get(permission.name) : undefined;
    const finding = permissionFinding(profile, permission, permissions[i], context, alongside);
    if (finding) findings.push(finding);
  });
  return { verdict: verdictOf(findings), findings, permissions };
}

function sortGroup(verdict: ProfileVerdict): number {
  if (!verdict.isIntegrationCandidate) return 2;
  return verdict.verdict === 'fail' ? 0 : 1;
}

const collator = new Intl.Collator('en');

function byGroupThenName(a: ProfileVerdict, b: ProfileVerdict): number {
  return sortGroup(a) - sortGroup(b) || collator.compare(a.name, b.name) || collator.compare(a.profileId, b.profileId);
}

/** The user's profile verdict with only the user's own permission sets; a failure when the profile was not audited. */
function integrationUserVerdict(
  { username, profileId }: IntegrationUser,
  profile: SnapshotProfile | undefined,
  context: AuditContext,
  grants: GrantsByPermission | undefined,
): IntegrationUserVerdict {
  if (profile === undefined) {
    return {
      username, profileId, profileName: null, verdict: 'fail', permissions: [],
      findings: [{
        code: 'no-integration-profile', severity: 'error',
        message: l10n.t('The profile of {0} ({1}) is not among the audited profiles.', username, profileId),
        fix: l10n.t('Audit again signed in as a user with View Setup and Configuration, who can read every profile.'),
      }],
    };
  }
  return { username, profileId, profileName: profile.name, ...assess(profile, context, grants, true) };
}

function noIntegrationProfile(nameRuleDescribed: string): Finding {
  return {
    code: 'no-integration-profile', severity: 'error',
    message: l10n.t('No profile {0} or belongs to a known integration user, so the audit cannot tell which profile Okta uses.', nameRuleDescribed),
    fix: l10n.t('Create Okta’s integration profile (Setup → Profiles → New Profile) with API Enabled and Manage Users, or name the profile Okta uses in the integration profiles setting.'),
  };
}

export function auditOrg(snapshot: OrgSnapshot, options: AuditOptions = {}): OrgAudit {
  const required = requiredPermissions(snapshot.dependencies);
  const labels = new Map(required.permissions.map((permission) => [permission.name, permission.label]));
  const unreadable = new Set(snapshot.unreadablePermissions ?? []);
  const context: AuditContext = { required: required.permissions, labelOf: (permission) => labels.get(permission) ?? permission, unreadable };
  const integrationUsers = snapshot.integrationUsers ?? [];
  const grants = indexGrants(snapshot.permissionSetGrants, integrationUsers);
  const nameRule = profileNameRule(options.integrationProfiles);
  const integrationProfileIds = new Set(integrationUsers.map((user) => user.profileId));

  const profiles = snapshot.profiles.map((profile): ProfileVerdict => {
    const candidateReasons: CandidateReason[] = [];
    if (nameRule.matches(profile.name)) candidateReasons.push(nameRule.reason);
    if (integrationProfileIds.has(profile.id)) candidateReasons.push('integrationUser');
    const isIntegrationCandidate = candidateReasons.length > 0;
    return {
      profileId: profile.id, name: profile.name, licenseName: profile.licenseName, isIntegrationCandidate, candidateReasons,
      ...assess(profile, context, grants.byProfile.get(profile.id), isIntegrationCandidate),
      ...(profile.activeUsers === undefined ? {} : { activeUsers: profile.activeUsers }),
      ...(profile.isCustom === undefined ? {} : { isCustom: profile.isCustom }),
    };
  }).sort(byGroupThenName);

  const profilesById = new Map(snapshot.profiles.map((profile) => [profile.id, profile]));
  const userVerdicts = integrationUsers.map((user) =>
    integrationUserVerdict(user, profilesById.get(user.profileId), context, grants.byIntegrationUser.get(userKey(user.username))));

  const candidates = profiles.filter((verdict) => verdict.isIntegrationCandidate);
  const unreadableRequired = required.permissions.filter((permission) => unreadable.has(permission.name));
  const findings = [
    ...(candidates.length === 0 ? [noIntegrationProfile(nameRule.described)] : []),
    ...(unreadableRequired.length > 0 ? [unreadableOrgFinding(unreadableRequired)] : []),
    // An integration user whose profile was not audited is the org's problem as much as the user's.
    ...userVerdicts.filter((verdict) => verdict.profileName === null).flatMap((verdict) => verdict.findings),
  ];
  const orgPasses = candidates.length > 0 && [...candidates, ...userVerdicts].every((verdict) => verdict.verdict !== 'fail');
  return { required, orgPasses, findings, profiles, integrationUsers: userVerdicts };
}
