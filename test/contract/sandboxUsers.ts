// Users of the sandbox org for access tests: a seeded user of a given profile, and a permission set
// granted to a user as an admin would grant it in Setup (a new set, assigned), so a test can give one
// user exactly the permissions it is about without changing the seed.
import { type SalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { allPermissions, type PermissionName } from '../sandbox/salesforce/permissions';
import { sfId } from '../sandbox/salesforce/seed';

/** The username of an active seeded user whose profile is `profileName`. */
export function activeUserOf(sf: SalesforceSandbox, profileName: string): string {
  const profileId = sf.seed.data.records('Profile').find((p) => p.Name === profileName)?.Id;
  const user = sf.seed.data.records('User').find((u) => u.ProfileId === profileId && u.IsActive === true);
  if (!user) throw new Error(`no active sandbox user of the profile ${profileName}`);
  return String(user.Username);
}

/** Whether a profile's own permission set grants a permission (the seed's truth, for a test's precondition). */
export function profileGrants(sf: SalesforceSandbox, profileName: string, permission: PermissionName): boolean {
  const profileId = sf.seed.data.records('Profile').find((p) => p.Name === profileName)?.Id;
  const own = sf.seed.data.records('PermissionSet').find((set) => set.IsOwnedByProfile === true && set.ProfileId === profileId);
  return own?.[`Permissions${permission}`] === true;
}

let created = 0;

/** A new permission set granting exactly `permissions`, assigned to the user. */
export function assignNewPermissionSet(sf: SalesforceSandbox, username: string, permissions: readonly PermissionName[]): void {
  const user = sf.seed.data.records('User').find((u) => u.Username === username);
  if (!user) throw new Error(`no sandbox user ${username}`);
  created++;
  const set = sf.seed.data.insert('PermissionSet', {
    Id: sfId('0PS', 50_000 + created), Name: `Test_Grant_${created}`, Label: `Test Grant ${created}`, IsOwnedByProfile: false, ProfileId: null,
    LicenseId: null, Type: 'Regular', ...Object.fromEntries(allPermissions.map((p) => [`Permissions${p}`, permissions.includes(p)])),
  });
  sf.seed.data.insert('PermissionSetAssignment', {
    Id: sfId('0Pa', 50_000 + created), AssigneeId: user.Id, PermissionSetId: set.Id, PermissionSetGroupId: null, IsActive: true,
  });
}
