/**
 * Fix in Org and Create Okta Integration Profile (issue 15, §1 and §2), as plans: what will be written to the
 * `Profile` sObject, for a preview the admin confirms, and how to undo it. Pure: the audit and the org's facts
 * come in, request bodies and text go out. A plan only ever enables permissions; it never disables one.
 *
 * Salesforce's object reference lists create() and update() for Profile, a `Permissions<Name>` boolean field per
 * user permission; a new profile starts "without any base permissions" (Salesforce Help, "Create or Clone
 * Profiles"), so the create body names every permission it needs.
 */
import * as l10n from '@vscode/l10n';
import { licenseCannotCarry, licensePhrase } from '../licenseCapabilities';
import type { RequiredPermission, RequiredPermissions } from '../permissionCatalog';
import { joinList } from '../plainText';
import type { OrgAudit, PermissionState, ProfileVerdict } from '../profileAudit';

export interface PermissionChange {
  /** The Profile field, e.g. PermissionsManageUsers. */
  field: string;
  /** The API (profile XML) name, e.g. ManageUsers. */
  permission: string;
  /** The Setup label, e.g. Manage Users. */
  label: string;
  from: boolean;
  to: boolean;
  /** 'required': Okta lists it; 'dependency': Salesforce requires it for `neededFor`. */
  why: 'required' | 'dependency';
  /** For a dependency: the Setup labels of the required permissions that need it. */
  neededFor: string[];
}

export type ProfileFixPlan =
  | { kind: 'fix'; profileId: string; profileName: string; changes: PermissionChange[] }
  | { kind: 'nothingToFix'; profileId: string; profileName: string }
  /** A standard profile's permissions cannot change: `missing` (Setup labels) is what a custom profile needs. */
  | { kind: 'standardProfile'; profileId: string; profileName: string; missing: string[] }
  /** The license cannot carry `permissions` (Setup labels): only a profile on another license can. */
  | { kind: 'licenseCannotCarry'; profileId: string; profileName: string; permissions: string[]; licenseName?: string }
  | { kind: 'unknownProfile'; profileId: string };

export type FixPlan = Extract<ProfileFixPlan, { kind: 'fix' }>;

/**
 * What the audit cannot tell: whether the profile is custom. The audit's snapshot does not carry it; the caller
 * reads `IsCustom` of the profile's own permission set (PermissionSet, IsOwnedByProfile = true; the object
 * reference: IsCustom, API 39.0+), which the sandbox serves as Salesforce does: false for a standard profile.
 */
export interface ProfileFacts {
  isCustom: boolean;
}

/** The permissions a fix enables: not on the profile itself (absent, or only through a permission set). */
const needsEnabling = (state: PermissionState) => state.state === 'missing' || state.state === 'viaPermissionSet';

/**
 * Enables exactly the required permissions the profile lacks. The audit's required list is Okta's permissions
 * plus their dependency closure (the org's PermissionDependency rows when read, the built-in table otherwise),
 * so the dependencies Salesforce demands are in it. A permission the org has no field for (unreadable) cannot be
 * written and is left out.
 */
export function planProfileFix(audit: OrgAudit, profileId: string, facts: ProfileFacts): ProfileFixPlan {
  const verdict = audit.profiles.find((candidate) => candidate.profileId === profileId);
  if (!verdict) return { kind: 'unknownProfile', profileId };
  const base = { profileId, profileName: verdict.name };
  const required = requiredByName(audit.required);
  const uncarried = verdict.permissions.filter((state) => state.state === 'licenseCannotCarry');
  if (uncarried.length > 0) {
    return {
      kind: 'licenseCannotCarry', ...base, permissions: uncarried.map((state) => labelOf(required, state.permission)),
      ...(verdict.licenseName === null ? {} : { licenseName: verdict.licenseName }),
    };
  }
  const changes = changesFor(verdict, required);
  if (changes.length === 0) return { kind: 'nothingToFix', ...base };
  if (!facts.isCustom) return { kind: 'standardProfile', ...base, missing: changes.map((change) => change.label) };
  return { kind: 'fix', ...base, changes };
}

function requiredByName(required: RequiredPermissions): ReadonlyMap<string, RequiredPermission> {
  return new Map(required.permissions.map((permission) => [permission.name, permission]));
}

const labelOf = (required: ReadonlyMap<string, RequiredPermission>, name: string) => required.get(name)?.label ?? name;

function changesFor(verdict: ProfileVerdict, required: ReadonlyMap<string, RequiredPermission>): PermissionChange[] {
  return verdict.permissions.filter(needsEnabling).map((state) => {
    const permission = required.get(state.permission);
    if (!permission) throw new Error(`the audit's verdict names ${state.permission}, which its required list lacks`);
    return enableChange(permission, required);
  });
}

function enableChange(permission: RequiredPermission, required: ReadonlyMap<string, RequiredPermission>): PermissionChange {
  return {
    field: permission.apiField, permission: permission.name, label: permission.label, from: false, to: true,
    why: permission.listedByOkta ? 'required' : 'dependency',
    neededFor: permission.listedByOkta ? [] : permission.requiredBy.map((name) => labelOf(required, name)),
  };
}

/** The PATCH body for /sobjects/Profile/{id}: every changed field to its new value. */
export function fixFields(plan: FixPlan): Record<string, boolean> {
  return Object.fromEntries(plan.changes.map((change) => [change.field, change.to]));
}

/** Every changed field back to what it was. */
export function revertPlan(plan: FixPlan): { profileId: string; fields: Record<string, boolean> } {
  return { profileId: plan.profileId, fields: Object.fromEntries(plan.changes.map((change) => [change.field, change.from])) };
}

/** The command's title, as package.nls.json names it. */
const createCommand = () => l10n.t('Create Okta Integration Profile…');

function changeLine(change: PermissionChange): string {
  const why = change.why === 'required' ? l10n.t('Okta requires it') : l10n.t('Salesforce requires it for {0}', joinList(change.neededFor));
  const onOff = (on: boolean) => (on ? l10n.t('on') : l10n.t('off'));
  return `  ${l10n.t('{0} ({1}): {2} → {3}, because {4}', change.label, change.field, onOff(change.from), onOff(change.to), why)}`;
}

/** The preview the admin confirms: the org, the profile, each field that will change and why; otherwise what to do instead. */
export function previewLines(plan: ProfileFixPlan, orgLabel: string): string[] {
  switch (plan.kind) {
    case 'fix':
      return [
        l10n.t('Org: {0}', orgLabel),
        l10n.t('Profile: {0} ({1})', plan.profileName, plan.profileId),
        plan.changes.length === 1
          ? l10n.t('1 permission will be enabled on the profile itself; nothing will be disabled:')
          : l10n.t('{0} permissions will be enabled on the profile itself; nothing will be disabled:', plan.changes.length),
        ...plan.changes.map(changeLine),
      ];
    case 'nothingToFix':
      return [l10n.t('In {0}, the profile {1} already has every permission Okta needs on the profile itself; nothing to change.', orgLabel, plan.profileName)];
    case 'standardProfile':
      return [
        l10n.t('In {0}, {1} is a standard profile: Salesforce does not let anyone change its permissions, so it cannot gain {2}.', orgLabel, plan.profileName, joinList(plan.missing)),
        l10n.t("Run {0} to create a custom profile with them, then give it to Okta's integration user.", createCommand()),
      ];
    case 'licenseCannotCarry': {
      const license = plan.licenseName === undefined ? l10n.t('its user license') : l10n.t('the {0}', licensePhrase(plan.licenseName));
      return [
        l10n.t('In {0}, the profile {1} has {2}, which cannot carry {3}.', orgLabel, plan.profileName, license, joinList(plan.permissions)),
        l10n.t("Run {0} and choose the Salesforce license, then give the new profile to Okta's integration user.", createCommand()),
      ];
    }
    case 'unknownProfile':
      return [l10n.t('The last audit of {0} has no profile {1}; audit the org again and pick the profile from the new results.', orgLabel, plan.profileId)];
  }
}

/** Profile.Name is a string(255) (Salesforce Field Reference Guide, Profile; the sandbox's schema uses the same length). */
export const profileNameMaxLength = 255;

export interface ProfileCreateInput {
  name: string;
  licenseId: string;
  licenseName: string;
  required: RequiredPermissions;
  existingNames: readonly string[];
  /** TotalLicenses − UsedLicenses of the license, when read. */
  licenseSeatsLeft?: number;
  /** Required permissions the org has no Permissions… field for (OrgSnapshot.unreadablePermissions): not sent, since Salesforce refuses an unknown field. */
  unreadablePermissions?: readonly string[];
}

export type ProfileCreatePlan =
  | { ok: true; body: Record<string, unknown>; changes: PermissionChange[]; warnings: string[] }
  | { ok: false; problems: string[] };

/** The body for POST /sobjects/Profile: the name, the license and every required permission; or why not. */
export function planProfileCreate(input: ProfileCreateInput): ProfileCreatePlan {
  const name = input.name.trim();
  const problems = [...nameProblems(name, input.existingNames), ...licenseProblems(input)];
  if (problems.length > 0) return { ok: false, problems };
  const unreadable = new Set(input.unreadablePermissions ?? []);
  const byName = requiredByName(input.required);
  const changes = input.required.permissions.filter((permission) => !unreadable.has(permission.name))
    .map((permission) => enableChange(permission, byName));
  const body: Record<string, unknown> = { Name: name, UserLicenseId: input.licenseId, ...Object.fromEntries(changes.map((change) => [change.field, true])) };
  return { ok: true, body, changes, warnings: seatWarnings(input) };
}

function nameProblems(name: string, existingNames: readonly string[]): string[] {
  if (name === '') return [l10n.t('The profile needs a name, such as Okta Integration.')];
  if (name.length > profileNameMaxLength) {
    return [l10n.t('The profile name has {0} characters; Salesforce allows at most {1}. Choose a shorter name.', name.length, profileNameMaxLength)];
  }
  // Salesforce refuses a second profile of the same name (DUPLICATE_VALUE); that case does not matter is our reading, as in the sandbox.
  const taken = existingNames.find((existing) => existing.toLowerCase() === name.toLowerCase());
  return taken === undefined ? [] : [l10n.t('A profile named {0} already exists in this org. Choose another name, or use Fix in Org on {0}.', taken)];
}

function licenseProblems({ licenseName, required }: ProfileCreateInput): string[] {
  const uncarried = required.permissions.filter((permission) => licenseCannotCarry(licenseName, permission.name));
  if (uncarried.length === 0) return [];
  return [l10n.t('The {0} cannot carry {1}. Choose the Salesforce license.', licensePhrase(licenseName), joinList(uncarried.map((permission) => permission.label)))];
}

/** A profile takes no seat, but the integration user given it will: said before the profile exists, not refused. */
function seatWarnings({ licenseName, licenseSeatsLeft }: ProfileCreateInput): string[] {
  if (licenseSeatsLeft === undefined || licenseSeatsLeft > 0) return [];
  return [l10n.t('The {0} has no seats left: a new user cannot be given this profile until a seat is freed (deactivate a user on this license) or bought; an existing user on this license can be moved to it.', licensePhrase(licenseName))];
}
