/**
 * The Salesforce user permissions Okta's integration profile needs: Okta's list
 * (enable-salesforce-provisioning.txt) plus what Salesforce's own dependencies pull in, and the
 * closure that turns one into the other. Labels are Salesforce's Setup labels (field reference,
 * API 67.0), because every message the audit shows is read next to Setup.
 */
import * as l10n from '@vscode/l10n';
export interface CatalogPermission {
  /** The profile XML `<name>` and the PermissionDependency name, e.g. ManageUsers. */
  name: string;
  /** The Profile/PermissionSet field, e.g. PermissionsManageUsers. */
  apiField: string;
  /** The label in Setup, e.g. Manage Users. */
  label: string;
  /** One sentence: what the permission lets its holder do. */
  allows: string;
  /** Okta's procedure names it; the others come in only through Salesforce's dependencies. */
  listedByOkta: boolean;
}

/** One PermissionDependency row between user permissions: `permission` needs `requiredPermission`. */
export interface DependencyRow {
  permission: string;
  requiredPermission: string;
}

export interface RequiredPermission extends CatalogPermission {
  /** The required permissions that need this one, in list order (what a message says it is "for"). */
  requiredBy: readonly string[];
}

export interface RequiredPermissions {
  /** 'org' when the org's PermissionDependency rows drew the closure, 'builtIn' otherwise. */
  source: 'org' | 'builtIn';
  /** Okta's permissions first, in Okta's order, then the dependencies they pull in, by name. */
  permissions: readonly RequiredPermission[];
}

/** Label and sentence are functions: read when shown, in the display language @vscode/l10n was configured with. */
type Entry = [name: string, label: () => string, allows: () => string];

/** Okta's list, in Okta's order: API Enabled, Manage Users, and the 12 permissions Manage Users turns on. */
const oktaEntries: readonly Entry[] = [
  ['ApiEnabled', () => l10n.t('API Enabled'), () => l10n.t('Lets the user sign in to and call Salesforce’s APIs, which is how Okta provisions users.')],
  ['ManageUsers', () => l10n.t('Manage Users'), () => l10n.t('Lets the user create, edit and deactivate users and change their profiles, roles and permission sets.')],
  ['AssignPermissionSets', () => l10n.t('Assign Permission Sets'), () => l10n.t('Lets the user assign permission sets to users and remove them.')],
  ['ManageInternalUsers', () => l10n.t('Manage Internal Users'), () => l10n.t('Lets the user create and edit users who are not external (community or portal) users.')],
  ['ManageIpAddresses', () => l10n.t('Manage IP Addresses'), () => l10n.t('Lets the user change the trusted IP ranges of the org and of profiles.')],
  ['ManageLoginAccessPolicies', () => l10n.t('Manage Login Access Policies'), () => l10n.t('Lets the user decide who may log in to the org as another user.')],
  ['ManagePasswordPolicies', () => l10n.t('Manage Password Policies'), () => l10n.t('Lets the user set the password policies of the org and of profiles.')],
  ['ManageProfilesPermissionsets', () => l10n.t('Manage Profiles and Permission Sets'), () => l10n.t('Lets the user create, edit and delete profiles and permission sets.')],
  ['ManageRoles', () => l10n.t('Manage Roles'), () => l10n.t('Lets the user create, edit and delete roles in the role hierarchy.')],
  ['ManageSharing', () => l10n.t('Manage Sharing'), () => l10n.t('Lets the user change org-wide sharing defaults and sharing rules.')],
  ['ResetPasswords', () => l10n.t('Reset User Passwords and Unlock Users'), () => l10n.t('Lets the user reset other users’ passwords and unlock locked-out users.')],
  ['ViewAllUsers', () => l10n.t('View All Users'), () => l10n.t('Lets the user see every user in the org, whatever the sharing settings.')],
  ['ViewRoles', () => l10n.t('View Roles and Role Hierarchy'), () => l10n.t('Lets the user see the roles and the role hierarchy.')],
  ['ViewSetup', () => l10n.t('View Setup and Configuration'), () => l10n.t('Lets the user see the Setup pages and the org’s configuration.')],
];

/** What Salesforce's dependencies add to Okta's list (builtInDependencies). */
const dependencyEntries: readonly Entry[] = [
  // Older orgs and docs say "Manage Multi-Factor Authentication in User Interface" (before that, "Manage Two-Factor
  // Authentication in User Interface"). Not to be confused with ManageTwoFactor, "Manage MFA in API".
  ['DelegatedTwoFactor', () => l10n.t('Manage MFA in User Interface'), () => l10n.t('Lets the user manage other users’ multi-factor authentication methods in Setup.')],
  ['FreezeUsers', () => l10n.t('Freeze Users'), () => l10n.t('Lets the user freeze and unfreeze users, blocking their sign-in without deactivating them.')],
  ['MonitorLoginHistory', () => l10n.t('Monitor Login History'), () => l10n.t('Lets the user view and download every user’s login history.')],
];

function catalogPermission([name, label, allows]: Entry, listedByOkta: boolean): CatalogPermission {
  return {
    name, apiField: `Permissions${name}`, listedByOkta,
    get label() {
      return label();
    },
    get allows() {
      return allows();
    },
  };
}

export const permissionCatalog: readonly CatalogPermission[] = [
  ...oktaEntries.map((entry) => catalogPermission(entry, true)),
  ...dependencyEntries.map((entry) => catalogPermission(entry, false)),
];

const byName = new Map(permissionCatalog.map((entry) => [entry.name, entry]));

/** By XML name, case-sensitive as Salesforce is (ManageUsers, not manageusers). */
export function permissionByName(name: string): CatalogPermission | undefined {
  return byName.get(name);
}

const oktaPermissions = oktaEntries.map(([name]) => name);

/**
 * Salesforce's dependencies as far as they are known without asking the org: ManageUsers' list is the
 * one public deploy errors print; ResetPasswords → ViewSetup and ViewSetup → ViewRoles are documented.
 */
const builtInDependencies: ReadonlyMap<string, readonly string[]> = new Map([
  ['ManageUsers', [
    'AssignPermissionSets', 'DelegatedTwoFactor', 'FreezeUsers', 'ManageInternalUsers', 'ManageIpAddresses', 'ManageLoginAccessPolicies',
    'ManagePasswordPolicies', 'ManageProfilesPermissionsets', 'ManageRoles', 'ManageSharing', 'MonitorLoginHistory', 'ResetPasswords',
    'ViewAllUsers', 'ViewRoles', 'ViewSetup',
  ]],
  ['ResetPasswords', ['ViewSetup']],
  ['ViewSetup', ['ViewRoles']],
]);

/** The permissions Salesforce requires before it grants this one (the built-in table; direct ones only). */
export function builtInDependenciesOf(name: string): readonly string[] {
  return builtInDependencies.get(name) ?? [];
}

/**
 * A user permission's API name: letters, digits and underscores (ManageUsers). Object permissions come as
 * `Object<verb>` (Account<read>), which names no Permissions… field.
 */
const userPermissionName = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The rows as a graph. Real orgs serve PermissionDependency mostly as object-permission rows and re-serve rows
 * across pages, so a row that is not between two user permissions is dropped (whatever the caller's filter let
 * through); a repeated row is harmless, as the closure reads each permission's requirements through a Set.
 */
function dependencyGraph(rows: readonly DependencyRow[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const { permission, requiredPermission } of rows) {
    if (!userPermissionName.test(permission) || !userPermissionName.test(requiredPermission)) continue;
    const required = graph.get(permission) ?? [];
    required.push(requiredPermission);
    graph.set(permission, required);
  }
  return graph;
}

/** The org can name permissions this catalog has never heard of; they are shown by their XML name. */
function describe(name: string): CatalogPermission {
  return permissionByName(name)
    ?? catalogPermission([name, () => name, () => l10n.t('Salesforce requires it for the permissions above; this catalog has no description of it.')], false);
}

/** Computed once: every profile file checked in the editor asks for it. */
let builtInRequired: RequiredPermissions | undefined;

/**
 * Okta's permissions plus everything they need, transitively. The org's rows between user permissions
 * replace the built-in closure when there are any, since the org is the truth.
 */
export function requiredPermissions(dependencies: readonly DependencyRow[] = []): RequiredPermissions {
  const graph = dependencyGraph(dependencies);
  if (graph.size > 0) return closure('org', graph);
  builtInRequired ??= closure('builtIn', builtInDependencies);
  return builtInRequired;
}

/** Okta's permissions and what `graph` says they need, each with the ones that need it. */
function closure(source: RequiredPermissions['source'], graph: ReadonlyMap<string, readonly string[]>): RequiredPermissions {
  const reached = new Set<string>(oktaPermissions);
  for (const name of reached) {
    // A Set iterates over what is added while iterating, and never adds twice: cycles end here.
    for (const required of graph.get(name) ?? []) reached.add(required);
  }
  const pulledIn = [...reached].filter((name) => !oktaPermissions.includes(name)).sort();
  const ordered = [...oktaPermissions, ...pulledIn];
  // Walking the sources in list order keeps each requiredBy in list order; rows may repeat (the wire re-serves).
  const requiredBy = new Map(ordered.map((name): [string, string[]] => [name, []]));
  for (const name of ordered) {
    for (const required of new Set(graph.get(name))) {
      if (required !== name) requiredBy.get(required)?.push(name);
    }
  }
  return { source, permissions: ordered.map((name) => withRequiredBy(describe(name), requiredBy.get(name) ?? [])) };
}

/** The permission with what needs it; label and sentence stay getters (a spread would read them once, when cached). */
function withRequiredBy(permission: CatalogPermission, requiredBy: readonly string[]): RequiredPermission {
  return Object.defineProperties({ requiredBy }, Object.getOwnPropertyDescriptors(permission)) as RequiredPermission;
}
