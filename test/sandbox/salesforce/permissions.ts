// The sandbox org's own truth about user permissions: which exist, which depend on which (what
// its PermissionDependency rows say and what its saves enforce), and which licenses can carry
// them. It is deliberately written apart from the extension's catalog (src/domain), so that an
// audit that trusts its built-in list instead of the org's answer can be caught.

/** Okta's list for the integration profile (enable-salesforce-provisioning.txt). */
export const oktaRequired = [
  'ApiEnabled', 'ManageUsers', 'AssignPermissionSets', 'ManageInternalUsers', 'ManageIpAddresses',
  'ManageLoginAccessPolicies', 'ManagePasswordPolicies', 'ManageProfilesPermissionsets', 'ManageRoles',
  'ManageSharing', 'ResetPasswords', 'ViewAllUsers', 'ViewRoles', 'ViewSetup',
] as const;

/** Every user permission the sandbox knows (the PermissionSet object has a Permissions<Name> field for each). */
export const allPermissions = [
  ...oktaRequired,
  'DelegatedTwoFactor', 'FreezeUsers', 'MonitorLoginHistory', 'ModifyAllData', 'ViewAllData', 'CustomizeApplication',
  'AuthorApex', 'ApiUserOnly', 'ChatterInternalUser', 'EmailSingle', 'EmailMass', 'RunReports', 'ExportReport',
  'EditTask', 'EditEvent', 'ManageDashboards', 'ViewEncryptedData', 'ConvertLeads', 'TransferAnyEntity',
  'ViewEventLogFiles', 'ManageDataIntegrations', 'ViewHealthCheck', 'LightningExperienceUser',
] as const;

export type PermissionName = (typeof allPermissions)[number];

/**
 * Permission → the permissions it requires: the user→user rows the org's PermissionDependency serves
 * and what its saves enforce. Each entry says where it comes from.
 */
export const dependencies: Partial<Record<PermissionName, readonly PermissionName[]>> = {
  // Sourced: public deploy errors print exactly this list ("Permission ManageUsers depends on
  // permission(s): AssignPermissionSets, DelegatedTwoFactor, FreezeUsers, …, ViewAllUsers"; see
  // platform-facts.md), and a Salesforce StackExchange answer (questions/413777, "Minimum permissions
  // for a Salesforce Integration license user to create users") lists the same permissions as what
  // enabling Manage Users turns on.
  ManageUsers: [
    'AssignPermissionSets', 'DelegatedTwoFactor', 'FreezeUsers', 'ManageInternalUsers', 'ManageIpAddresses',
    'ManageLoginAccessPolicies', 'ManagePasswordPolicies', 'ManageProfilesPermissionsets', 'ManageRoles', 'ManageSharing',
    'MonitorLoginHistory', 'ResetPasswords', 'ViewAllUsers', 'ViewRoles', 'ViewSetup',
  ],
  // Sourced: documented pairs (platform-facts.md: Reset Passwords requires View Setup; View Roles is required
  // with View Setup), the second confirmed by the StackExchange answer above ("View Setup and Configuration
  // (which automatically sets View Roles and Role Hierarchy)").
  ResetPasswords: ['ViewSetup'],
  ViewSetup: ['ViewRoles'],
  // Sourced: a public dump of Setup's dependent-permission checkboxes (sfdccloudninja.com, "What user
  // permissions are dependent upon each other?") lists View Setup and Configuration under Author Apex and
  // under Customize Application. The same dump, and a 2013 salesforcehacker.com post, also put Modify All
  // Data under Author Apex; since Winter '19 Author Apex turns on Modify Metadata instead (release note
  // "Enable Access to Metadata Without Enabling Access to Data"), so that pair is left out.
  AuthorApex: ['ViewSetup'],
  CustomizeApplication: ['ViewSetup'],
  // Guesses, kept because no public source contradicts them and Setup shows both next to View Setup:
  // Manage Internal Users → View Setup (the StackExchange answer above removed View Setup only after
  // Manage Profiles and Permission Sets, so it neither confirms nor refutes this pair) and
  // Manage Profiles and Permission Sets → View Setup.
  ManageInternalUsers: ['ViewSetup'],
  ManageProfilesPermissionsets: ['ViewSetup'],
  // ModifyAllData and ViewAllData have no dependency rows: public Tooling API client code that probed a real
  // org's PermissionDependency records "ModifyAllData and ViewAllData have ZERO dependency edges". The
  // earlier guess ModifyAllData → ViewAllData, ViewSetup (what Setup's checkboxes turn on) is gone.
};

export interface License {
  name: string;
  key: string;
  /** Permissions a profile with this license can never have (the setting is not offered). */
  cannotGrant: readonly PermissionName[];
}

const allButApi: PermissionName[] = oktaRequired.filter((p) => p !== 'ApiEnabled');

/**
 * Salesforce user licenses and the permissions each cannot carry. That a license refuses a permission is
 * sourced (deploys fail with "The user license doesn't allow the permission: FreezeUsers",
 * forcedotcom/devops-center-feedback#290; Setup hides the checkbox). Which license refuses which
 * permission is not published as a table: each list below is a guess, with its reason.
 */
export const licenses: readonly License[] = [
  { name: 'Salesforce', key: 'SFDC', cannotGrant: [] },
  // Guess: Platform licenses have no Sales Cloud objects, so no lead conversion.
  { name: 'Salesforce Platform', key: 'AUL', cannotGrant: ['ConvertLeads'] },
  // Guess: a Chatter Free user collaborates and administers nothing; API Enabled stays, as the seed's
  // Chatter Free profiles have it (the Chatter REST API is what such users call).
  {
    name: 'Chatter Free', key: 'PID_Chatter',
    cannotGrant: [...allButApi, 'ModifyAllData', 'ViewAllData', 'CustomizeApplication', 'AuthorApex', 'DelegatedTwoFactor', 'FreezeUsers', 'MonitorLoginHistory'],
  },
  // Guesses: external and community licenses administer nothing in the org and so carry none of Okta's
  // permissions; Identity carries sign-in and API Enabled only.
  { name: 'Chatter External', key: 'PID_Chatter_External', cannotGrant: [...oktaRequired, 'ModifyAllData', 'ViewAllData'] },
  { name: 'Customer Community', key: 'PID_Customer_Community', cannotGrant: [...oktaRequired, 'ModifyAllData', 'ViewAllData', 'CustomizeApplication'] },
  { name: 'Partner Community', key: 'PID_Partner_Community', cannotGrant: [...oktaRequired, 'ModifyAllData', 'ViewAllData'] },
  { name: 'Identity', key: 'PID_Identity', cannotGrant: [...allButApi, 'ModifyAllData', 'ViewAllData'] },
];

/** The permissions `granted` pulls in, itself included (transitive closure). */
export function withDependencies(granted: Iterable<PermissionName>): Set<PermissionName> {
  const result = new Set<PermissionName>();
  const visit = (permission: PermissionName) => {
    if (result.has(permission)) return;
    result.add(permission);
    for (const required of dependencies[permission] ?? []) visit(required);
  };
  for (const permission of granted) visit(permission);
  return result;
}
