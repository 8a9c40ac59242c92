// Profile create and update through the sObject REST API (POST /sobjects/Profile, PATCH
// /sobjects/Profile/{id}), as Salesforce saves them. The object reference lists create() and
// update() for Profile, and Salesforce Help ("Create or Clone Profiles") points to the API for
// "an empty custom profile without any base permissions included". A save is refused, with every
// reason at once, when the signed-in user may not manage profiles, a field check fails, the name is
// taken, a permission lacks what it depends on, the license cannot carry a permission, or the
// permissions of a standard profile would change. A profile's permissions live twice, on the
// Profile and on its own permission set (IsOwnedByProfile = true), which the audit reads: every
// write sets both.
import { effectivePermissions } from './effectivePermissions';
import { type OrgData, type SfRecord } from './model';
import { allPermissions, dependencies, licenses, type PermissionName } from './permissions';
import { checkFieldValues, type SalesforceError } from './recordValues';

export interface ProfileWriteContext {
  data: OrgData;
  /** The signed-in user making the write. */
  user: SfRecord;
  /** A new record id with the object's key prefix. */
  newId(prefix: string): string;
}

export type ProfileSaveResult = { record: SfRecord } | { errors: SalesforceError[] };

/**
 * "To create profiles: Manage Profiles and Permission Sets" (Salesforce Help, "Create or Clone
 * Profiles"); editing one needs the same. Customize Application is asked for only by the mass edit
 * of profile list views, not by a save through the API, so it is not required here.
 */
const managePermission: PermissionName = 'ManageProfilesPermissionsets';

const field = (permission: PermissionName) => `Permissions${permission}`;

export function createProfile(ctx: ProfileWriteContext, body: Record<string, unknown>): ProfileSaveResult {
  const refusal = accessRefusal(ctx);
  if (refusal) return { errors: [refusal] };
  const object = ctx.data.object('Profile');
  if (!object) throw new Error('Profile is not defined');
  const { values, errors } = checkFieldValues(ctx.data, object, body, 'create');
  errors.push(...duplicateName(ctx.data, values.Name));
  // A new profile has no permission but those the request sets (Help: "without any base permissions").
  const granted = new Set(allPermissions.filter((p) => values[field(p)] === true));
  errors.push(...permissionErrors(granted, licenseOf(ctx.data, values.UserLicenseId), granted));
  if (errors.length) return { errors };

  const permissions = Object.fromEntries(allPermissions.map((p) => [field(p), granted.has(p)]));
  const record = ctx.data.insert('Profile', {
    Id: ctx.newId(object.keyPrefix), Name: values.Name, Description: values.Description ?? null, UserLicenseId: values.UserLicenseId,
    UserType: userTypeOf(ctx.data, String(values.UserLicenseId)), ...permissions,
  });
  ctx.data.insert('PermissionSet', {
    Id: ctx.newId('0PS'), Name: `X${record.Id}`, Label: record.Id, IsOwnedByProfile: true, IsCustom: true, ProfileId: record.Id,
    LicenseId: record.UserLicenseId, PermissionSetGroupId: null, Type: 'Profile', ...permissions,
  });
  return { record };
}

/** Not found when the id names no profile (Salesforce: 404 NOT_FOUND). */
export function updateProfile(ctx: ProfileWriteContext, id: string, body: Record<string, unknown>): ProfileSaveResult | { notFound: true } {
  const profile = ctx.data.byId(id);
  if (profile?.type !== 'Profile') return { notFound: true };
  const ownSet = ctx.data.records('PermissionSet').find((set) => set.IsOwnedByProfile === true && set.ProfileId === id);
  if (!ownSet) throw new Error(`profile ${id} has no permission set of its own`);
  const refusal = accessRefusal(ctx);
  if (refusal) return { errors: [refusal] };
  const object = ctx.data.object('Profile');
  if (!object) throw new Error('Profile is not defined');
  const { values, errors } = checkFieldValues(ctx.data, object, body, 'update');
  errors.push(...duplicateName(ctx.data, values.Name, id));

  const changed = new Set(allPermissions.filter((p) => typeof values[field(p)] === 'boolean' && values[field(p)] !== ownSet[field(p)]));
  const granted = new Set(allPermissions.filter((p) => (changed.has(p) ? values[field(p)] : ownSet[field(p)]) === true));
  if (changed.size && ownSet.IsCustom === false) errors.push(standardProfileRefusal(changed));
  errors.push(...permissionErrors(granted, licenseOf(ctx.data, profile.record.UserLicenseId), changed));
  if (errors.length) return { errors };

  Object.assign(profile.record, values);
  for (const permission of changed) ownSet[field(permission)] = values[field(permission)];
  return { record: profile.record };
}

function accessRefusal(ctx: ProfileWriteContext): SalesforceError | undefined {
  if (effectivePermissions(ctx.data, ctx.user).has(managePermission)) return undefined;
  // A guess at the answer: INSUFFICIENT_ACCESS_OR_READONLY is the StatusCode Salesforce's DML gives a
  // save the user may not make; no public page we found shows the REST answer for Profile itself.
  return { message: 'insufficient access rights on object id', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', fields: [] };
}

/**
 * Profile names are unique in the org, whatever their case (a guess at the case rule). The wording
 * is Salesforce's for DUPLICATE_VALUE on other objects; that Profile says the same is a guess.
 */
function duplicateName(data: OrgData, name: unknown, ownId?: string): SalesforceError[] {
  if (typeof name !== 'string' || name === '') return [];
  const taken = data.records('Profile').find((p) => p.Id !== ownId && String(p.Name).toLowerCase() === name.toLowerCase());
  return taken ? [{ message: `duplicate value found: Name duplicates value on record with id: ${taken.Id}`, errorCode: 'DUPLICATE_VALUE', fields: ['Name'] }] : [];
}

/**
 * The refusals a profile's permissions can earn: one for each permission among `checked` that its
 * license cannot carry, and one FIELD_INTEGRITY_EXCEPTION naming every granted permission that lacks
 * what it depends on. Dependencies are checked on the whole resulting profile, so removing a
 * permission another one needs is refused too.
 */
function permissionErrors(granted: ReadonlySet<PermissionName>, license: (typeof licenses)[number] | undefined, checked: ReadonlySet<PermissionName>): SalesforceError[] {
  const errors: SalesforceError[] = [];
  for (const permission of license?.cannotGrant ?? []) {
    if (!granted.has(permission) || !checked.has(permission)) continue;
    // Salesforce Help (article 001233479) and Veeva's support article quote the UI's wording "The
    // user license doesn't allow the permission: <label>"; the code and the API name in place of the
    // label are guesses.
    errors.push({ message: `The user license doesn't allow the permission: ${permission}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: [field(permission)] });
  }
  const lacking = [...granted]
    .map((permission) => ({ permission, missing: (dependencies[permission] ?? []).filter((required) => !granted.has(required)) }))
    .filter(({ missing }) => missing.length > 0);
  if (lacking.length) {
    // The code and the "Permission X depends on permission(s): A, B; Permission Y …" form are what a
    // Data Loader save of permissions answers (SFXD wiki, "Mass Update Access to Objects and Fields",
    // Important Notes). Real orgs print the permissions' labels there; API names, as Metadata deploys
    // print them, are our simplification. Listing only the missing ones is a guess.
    errors.push({
      message: lacking.map(({ permission, missing }) => `Permission ${permission} depends on permission(s): ${missing.join(', ')}`).join('; '),
      errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: lacking.map(({ permission }) => field(permission)),
    });
  }
  return errors;
}

/**
 * A standard profile's user permissions are fixed (Salesforce Help, "Profiles": standard profiles
 * allow "a limited number of settings" to be edited; salesforcehacker.com, "Why 'Standard' Profile
 * Permissions Can't Be Changed"). What the API answers is a guess: the code of the other refusals
 * to save permissions.
 */
function standardProfileRefusal(changed: ReadonlySet<PermissionName>): SalesforceError {
  const fields = [...changed].map(field);
  return {
    message: `You can't change the permissions of a standard profile: ${fields.join(', ')}. Clone it into a custom profile and change that one.`,
    errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields,
  };
}

function licenseOf(data: OrgData, licenseId: unknown): (typeof licenses)[number] | undefined {
  const record = typeof licenseId === 'string' ? data.byId(licenseId) : undefined;
  return record?.type === 'UserLicense' ? licenses.find((l) => l.key === record.record.LicenseDefinitionKey) : undefined;
}

/** The license decides a profile's user type; the org's other profiles of that license say which. */
function userTypeOf(data: OrgData, licenseId: string): unknown {
  return data.records('Profile').find((p) => p.UserLicenseId === licenseId)?.UserType ?? 'Standard';
}
