// Who may do what through the API, decided as a real org decides it: from the org's API access and
// the signed-in user's effective permissions (profile plus assigned permission sets). Covers API
// access itself, reading the setup objects the audit reads, the org's limits, and creating users.
// Each rule names its source; where Salesforce's answer is observed rather than documented, or
// guessed, the comment says so.
import { effectivePermissions } from './effectivePermissions';
import { type OrgData, type SfRecord } from './model';
import { type PermissionName } from './permissions';

/** A refusal in the REST API's terms; the routes answer it as [{message, errorCode}]. */
export interface Refusal {
  status: number;
  errorCode: string;
  message: string;
}

/**
 * Objects only some users may read: the object → permissions any one of which is enough. Objects not
 * listed are readable by every API user (the sandbox models no object permissions or sharing).
 */
const readableWith: Readonly<Record<string, readonly PermissionName[]>> = {
  // Object Reference, PermissionSet, "Special Access Rules": as of Summer '20 only users with View Setup and
  // Configuration, Manage Session Permission Set Activations, Assign Permission Sets or Manage Profiles and
  // Permission Sets. The sandbox has no Manage Session Permission Set Activations permission to grant.
  PermissionSet: ['ViewSetup', 'AssignPermissionSets', 'ManageProfilesPermissionsets'],
  // Object Reference, PermissionSetAssignment, "Special Access Rules": View Setup and Configuration, Assign
  // Permission Sets or Manage Users.
  PermissionSetAssignment: ['ViewSetup', 'AssignPermissionSets', 'ManageUsers'],
  // Tooling API Reference, PermissionDependency, "Special Access Rules": as of Summer '20 only View Setup and
  // Configuration (the Summer '20 release notes say the same of permission dependencies through the API).
  PermissionDependency: ['ViewSetup'],
};

export interface UserAccess {
  /** Whether SOQL may name the object (FROM or a parent in a field path). */
  canRead(objectName: string): boolean;
  /** REST API Developer Guide, "Limits": for "API users with the View Setup and Configuration permission". */
  readonly canReadLimits: boolean;
  /** Object Reference, User: creating or updating a User needs Manage Internal Users. */
  readonly canCreateUsers: boolean;
}

export function accessOf(data: OrgData, user: SfRecord): UserAccess {
  const granted = effectivePermissions(data, user);
  return {
    canRead: (objectName) => {
      const needed = readableWith[data.object(objectName)?.name ?? objectName];
      return !needed || needed.some((permission) => granted.has(permission));
    },
    canReadLimits: granted.has('ViewSetup'),
    canCreateUsers: granted.has('ManageInternalUsers'),
  };
}

/**
 * Why a user may not use the API at all, if they may not. An org without API access (an edition without
 * it, such as Professional Edition without the add-on) refuses everyone: API_DISABLED_FOR_ORG, worded as
 * observed from the REST API (restforce issue #219, "The REST API is not enabled for this Organization.").
 * In an org with API access, a user without API Enabled gets API_CURRENTLY_DISABLED, "API is disabled for
 * this User" (observed: MarketSharp's "Salesforce Profiles and Permissions" support page, Adobe Marketo
 * Measure's Salesforce error cheat sheet, Microsoft's Copilot for Sales troubleshooting article). The
 * 403 status for both is a guess from the REST API's status codes ("the request has been refused").
 */
export function apiRefusal(data: OrgData, user: SfRecord, apiEnabledForOrg: boolean): Refusal | undefined {
  if (!apiEnabledForOrg) return { status: 403, errorCode: 'API_DISABLED_FOR_ORG', message: 'The REST API is not enabled for this Organization.' };
  if (!effectivePermissions(data, user).has('ApiEnabled')) return { status: 403, errorCode: 'API_CURRENTLY_DISABLED', message: 'API is disabled for this User' };
  return undefined;
}

/**
 * /limits without View Setup and Configuration. Observed, not documented: MarketSharp's support page
 * quotes "API_DISABLED_FOR_ORG: limits resource is not enabled", and forceworkbench issue #681 shows
 * API_DISABLED_FOR_ORG for /limits from an org whose other calls worked. The 403 is a guess.
 */
export const limitsRefusal: Refusal = { status: 403, errorCode: 'API_DISABLED_FOR_ORG', message: 'limits resource is not enabled' };

/**
 * POST sobjects/User without Manage Internal Users. A guess: no public source shows this exact answer;
 * Salesforce's answer to a write the user's permissions do not allow on the record itself is commonly
 * reported as INSUFFICIENT_ACCESS_OR_READONLY "insufficient access rights on object id" (the
 * cross-reference variant is about a related record the user cannot reach, which is not the case here).
 */
export const createUserRefusal: Refusal = { status: 400, errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' };
