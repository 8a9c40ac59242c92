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
 * Permission → the permissions it requires. ManageUsers' list is the one public deploy errors
 * print ("Permission ManageUsers depends on permission(s): AssignPermissionSets,
 * DelegatedTwoFactor, FreezeUsers, …"); ResetPasswords → ViewSetup and ViewSetup → ViewRoles are
 * documented pairs. The rest (ManageInternalUsers, ManageProfilesPermissionsets, ModifyAllData)
 * are our guesses at commonly reported dependencies.
 */
export const dependencies: Partial<Record<PermissionName, readonly PermissionName[]>> = {
  ManageUsers: [
    'AssignPermissionSets', 'DelegatedTwoFactor', 'FreezeUsers', 'ManageInternalUsers', 'ManageIpAddresses',
    'ManageLoginAccessPolicies', 'ManagePasswordPolicies', 'ManageProfilesPermissionsets', 'ManageRoles', 'ManageSharing',
    'MonitorLoginHistory', 'ResetPasswords', 'ViewAllUsers', 'ViewRoles', 'ViewSetup',
  ],
  ResetPasswords: ['ViewSetup'],
  ViewSetup: ['ViewRoles'],
  ManageInternalUsers: ['ViewSetup'],
  ManageProfilesPermissionsets: ['ViewSetup'],
  ModifyAllData: ['ViewAllData', 'ViewSetup'],
};

export interface License {
  name: string;
  key: string;
  /** Permissions a profile with this license can never have (the setting is not offered). */
  cannotGrant: readonly PermissionName[];
}

const allButApi: PermissionName[] = oktaRequired.filter((p) => p !== 'ApiEnabled');

/** Salesforce user licenses. Which permissions each cannot carry is simplified, and partly a guess. */
export const licenses: readonly License[] = [
  { name: 'Salesforce', key: 'SFDC', cannotGrant: [] },
  { name: 'Salesforce Platform', key: 'AUL', cannotGrant: ['ConvertLeads'] },
  {
    name: 'Chatter Free', key: 'PID_Chatter',
    cannotGrant: [...allButApi, 'ModifyAllData', 'ViewAllData', 'CustomizeApplication', 'AuthorApex', 'DelegatedTwoFactor', 'FreezeUsers', 'MonitorLoginHistory'],
  },
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
