// The org the sandbox starts with, the same on every run: apps (two Salesforce instances, PRODUCTION
// and SANDBOX, among copies of well-known apps), 56 people, 12 groups, assignments of people and groups
// to the Salesforce apps and a few others, and the profile mappings of every provisioning app.
// Ids have Okta's shape: 20 characters, 0oa… apps, 00u… users, 00g… groups, prm… mappings.
import { mappedProfile, pushMapping } from './appUserSchemas';
import { type OktaApp, type OktaGroup, OktaOrg, type OktaUser, type ProfileMapping } from './model';
import { provisioningAppNames } from './provisioning';

/** Apps from the Okta Integration Network with the settings.app their spec schemas require. */
const wellKnownApps: Array<[name: string, label: string, signOnMode: string, app: Record<string, unknown>]> = [
  ['office365', 'Microsoft Office 365', 'SAML_1_1', { domain: 'acme.example', msftTenant: 'acme' }],
  ['google', 'Google Workspace', 'SAML_2_0', { domain: 'acme.example' }],
  ['slack', 'Slack', 'SAML_2_0', { domain: 'acme' }],
  ['zoomus', 'Zoom', 'SAML_2_0', { subDomain: 'acme' }],
  ['boxnet', 'Box', 'SAML_2_0', {}],
  ['dropbox_for_business', 'Dropbox Business', 'SAML_2_0', {}],
  ['atlassian', 'Atlassian Cloud', 'SAML_2_0', {}],
  ['github_enterprise_cloud', 'GitHub Enterprise Cloud', 'SAML_2_0', {}],
  ['servicenow_ud', 'ServiceNow', 'SAML_2_0', {}],
  ['workday', 'Workday', 'SAML_2_0', {}],
  ['aws_account_federation', 'AWS Account Federation', 'SAML_2_0', {}],
  ['okta_org2org', 'Okta Org2Org', 'SAML_2_0', { baseUrl: 'https://acme-partner.okta.com' }],
  ['zscalerbyz', 'Zscaler 2.0', 'SAML_2_0', { siteDomain: 'acme.zscaler.net' }],
  ['docusign', 'DocuSign', 'SAML_2_0', {}],
  ['tableau_online', 'Tableau Cloud', 'SAML_2_0', {}],
];

/** Provisioning set up in the Admin Console for the first copy of these apps (features the API then reports). */
const consoleProvisioning: Record<string, string[]> = {
  google: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION', 'IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES'],
  office365: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES'],
  boxnet: ['PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION'],
};

const firstNames = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Nils'];
const lastNames = ['Okafor', 'Petrov', 'Quinn', 'Rossi'];
const departments = ['Sales', 'Support', 'Engineering', 'Marketing', 'Finance', 'People', 'IT', 'Operations'];

function oktaId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).padStart(9, '0')}SbXqJ5h7`;
}

const stamp = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();

/**
 * A Salesforce instance whose label an attacker or a careless admin chose: markup and 10,000
 * characters (Okta limits app labels to 100 characters in the Admin Console; that the API stores
 * longer ones is a guess, made to test that clients keep such text as plain data).
 */
export const hostileAppLabel = '<img src=x onerror="alert(1)"><b>Sales</b>force'.padEnd(10_000, ' &lt;x&gt;');

export interface OktaSeedOptions {
  /** Adds a third Salesforce instance labelled hostileAppLabel, after the other apps. */
  hostileApp?: boolean;
  /** Adds a Salesforce SANDBOX instance that is INACTIVE, with provisioning set up, after the other apps (inactiveSalesforceLabel). */
  inactiveSalesforceApp?: boolean;
  /**
   * settings.app.loginUrl of the PRODUCTION and SANDBOX Salesforce instances, replacing the seed's
   * acme My Domains: point one at the local Salesforce sandbox when both run together.
   */
  salesforceLoginUrls?: { production?: string; sandbox?: string };
}

/** The label of the INACTIVE Salesforce instance the inactiveSalesforceApp option adds. */
export const inactiveSalesforceLabel = 'Salesforce.com (Retired UAT)';

/** `appCount` apps (at least the two Salesforce ones and one of each well-known app). */
export function createOktaSeed(appCount = 64, options: OktaSeedOptions = {}): OktaOrg {
  const apps = seedApps(Math.max(appCount, 2 + wellKnownApps.length));
  const { production, sandbox } = options.salesforceLoginUrls ?? {};
  if (production) apps[0].settings.app.loginUrl = production;
  if (sandbox) apps[1].settings.app.loginUrl = sandbox;
  if (options.hostileApp) apps.push(hostileApp(apps.length + 1));
  if (options.inactiveSalesforceApp) apps.push(inactiveSalesforceApp(apps.length + 1));
  const admin: OktaUser = {
    id: oktaId('00u', 0), status: 'ACTIVE', created: stamp(0), lastUpdated: stamp(0),
    profile: {
      login: 'admin@acme.example', email: 'admin@acme.example', firstName: 'Ada', lastName: 'Admin',
      department: 'IT', title: 'Okta Administrator', employeeNumber: 'E10000', timezone: 'America/Los_Angeles', locale: 'en_US',
    },
  };
  const users = [admin, ...seedUsers()];
  const groups = seedGroups(users);
  const userTypeId = oktaId('oty', 1);
  const org = new OktaOrg(apps, users, groups, seedMappings(apps, userTypeId), admin, userTypeId);
  seedAssignments(org);
  return org;
}

function seedApps(count: number): OktaApp[] {
  const apps: OktaApp[] = [
    {
      id: oktaId('0oa', 1), name: 'salesforce', label: 'Salesforce.com', status: 'ACTIVE', signOnMode: 'SAML_2_0',
      created: stamp(1), lastUpdated: stamp(40), features: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION'],
      settings: { app: { instanceType: 'PRODUCTION', integrationType: 'STANDARD', loginUrl: 'https://acme.my.salesforce.com' } },
    },
    {
      id: oktaId('0oa', 2), name: 'salesforce', label: 'Salesforce.com (Sandbox)', status: 'ACTIVE', signOnMode: 'SAML_2_0',
      created: stamp(2), lastUpdated: stamp(41), features: [],
      settings: { app: { instanceType: 'SANDBOX', integrationType: 'STANDARD', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' } },
    },
  ];
  for (let i = 0; apps.length < count; i++) {
    const [name, label, signOnMode, app] = wellKnownApps[i % wellKnownApps.length];
    const copy = Math.floor(i / wellKnownApps.length);
    apps.push({
      id: oktaId('0oa', apps.length + 1), name, label: copy ? `${label} ${copy + 1}` : label, status: i % 9 === 8 ? 'INACTIVE' : 'ACTIVE',
      signOnMode, created: stamp(3 + (i % 300)), lastUpdated: stamp(50 + (i % 300)),
      features: copy ? [] : [...(consoleProvisioning[name] ?? [])], settings: { app: { ...app } },
    });
  }
  return apps;
}

function hostileApp(n: number): OktaApp {
  return {
    id: oktaId('0oa', n), name: 'salesforce', label: hostileAppLabel, status: 'ACTIVE', signOnMode: 'SAML_2_0',
    created: stamp(3), lastUpdated: stamp(42), features: ['PUSH_NEW_USERS'], hostileProfile: true,
    settings: { app: { instanceType: 'PRODUCTION', integrationType: 'STANDARD', loginUrl: 'https://hostile.my.salesforce.com' } },
  };
}

/**
 * A sandbox org's instance switched off in the Admin Console (Applications → Deactivate) with its
 * provisioning left as it was: Okta keeps an inactive app's features and assignments.
 */
function inactiveSalesforceApp(n: number): OktaApp {
  return {
    id: oktaId('0oa', n), name: 'salesforce', label: inactiveSalesforceLabel, status: 'INACTIVE', signOnMode: 'SAML_2_0',
    created: stamp(4), lastUpdated: stamp(43), features: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES'],
    settings: { app: { instanceType: 'SANDBOX', integrationType: 'STANDARD', loginUrl: 'https://acme--olduat.sandbox.my.salesforce.com' } },
  };
}

/**
 * Traps for the provisioning pre-flight (appUserSchemas.ts), by index in seedUsers. The first three
 * members of Contractors carry a contractor number longer than Salesforce's 20-character
 * EmployeeNumber; two Sales people, who get the PRODUCTION Salesforce app through Salesforce Users,
 * have Asia/Calcutta, a deprecated IANA alias Salesforce's time zone picklist does not hold.
 */
const contractorNumbers: Record<number, string> = { 4: 'CONTRACTOR-2026-00012345', 15: 'CONTRACTOR-2026-00012346', 26: 'CONTRACTOR-2026-00012347' };
const calcutta = new Set([8, 16]);

/** 55 people: every pairing of first and last names, in eight departments, a few not active. */
function seedUsers(): OktaUser[] {
  const statuses: Record<number, OktaUser['status']> = { 7: 'STAGED', 23: 'SUSPENDED', 41: 'DEPROVISIONED', 50: 'DEPROVISIONED' };
  return Array.from({ length: 55 }, (_, i) => {
    const [firstName, lastName] = [firstNames[i % firstNames.length], lastNames[Math.floor(i / firstNames.length)]];
    const login = `${firstName}.${lastName}@acme.example`.toLowerCase();
    const department = departments[i % departments.length];
    // Every sixth person works from Berlin, in German.
    const berlin = i % 6 === 5;
    return {
      id: oktaId('00u', i + 1), status: statuses[i] ?? 'ACTIVE', created: stamp(i), lastUpdated: stamp(100 + i),
      profile: {
        login, email: login, firstName, lastName, department, title: `${department} ${i % 3 ? 'Specialist' : 'Lead'}`,
        employeeNumber: contractorNumbers[i] ?? `E${10001 + i}`,
        timezone: calcutta.has(i) ? 'Asia/Calcutta' : berlin ? 'Europe/Berlin' : 'America/Los_Angeles',
        locale: berlin ? 'de_DE' : 'en_US',
      },
    };
  });
}

function seedGroups(users: OktaUser[]): OktaGroup[] {
  const group = (n: number, type: OktaGroup['type'], name: string, description: string, members: OktaUser[]): OktaGroup => ({
    id: oktaId('00g', n), type, created: stamp(n), lastUpdated: stamp(200 + n), profile: { name, description },
    members: new Set(members.map((u) => u.id)),
  });
  const inDepartment = (...names: string[]) => users.filter((u) => names.includes(u.profile.department));
  return [
    group(1, 'BUILT_IN', 'Everyone', 'All users in your organization', users),
    ...departments.map((name, i) => group(2 + i, 'OKTA_GROUP', name, `The ${name} department`, inDepartment(name))),
    group(10, 'OKTA_GROUP', 'Salesforce Users', 'People who work in Salesforce', inDepartment('Sales', 'Support')),
    group(11, 'OKTA_GROUP', 'Salesforce Admins', 'Administrators of the Salesforce orgs', [users[0], ...inDepartment('IT').slice(0, 2)]),
    group(12, 'OKTA_GROUP', 'Contractors', 'External contractors', users.filter((_, i) => i % 11 === 5)),
  ];
}

function seedAssignments(org: OktaOrg): void {
  const [production, sandbox] = org.apps;
  const assignGroup = (app: OktaApp, name: string, priority: number) => {
    const group = org.groups.find((g) => g.profile.name === name);
    if (!group) throw new Error(`no seed group ${name}`);
    org.groupsAssigned(app.id).set(group.id, { priority, lastUpdated: app.lastUpdated, profile: {} });
  };
  const assignUser = (app: OktaApp, user: OktaUser, salesforceProfile: string) => org.usersAssigned(app.id).set(user.id, {
    created: app.lastUpdated, lastUpdated: app.lastUpdated, userName: user.profile.login,
    profile: { ...mappedProfile(app, user), profile: salesforceProfile },
  });

  const firstIn = (department: string, count: number) => org.users.filter((u) => u.profile.department === department).slice(0, count);

  assignGroup(production, 'Salesforce Users', 0);
  assignGroup(production, 'Salesforce Admins', 1);
  for (const user of firstIn('Marketing', 3)) assignUser(production, user, 'Marketing User');
  assignGroup(sandbox, 'Salesforce Admins', 0);
  for (const user of firstIn('Engineering', 2)) assignUser(sandbox, user, 'System Administrator');
  for (const name of ['google', 'office365']) {
    const app = org.apps.find((a) => a.name === name);
    if (app) assignGroup(app, 'Everyone', 0);
  }
}

/** Every provisioning app maps Okta profiles to its app users (push) and back (import). */
function seedMappings(apps: OktaApp[], userTypeId: string): ProfileMapping[] {
  const mappings: ProfileMapping[] = [];
  const user = { id: userTypeId, name: 'user', type: 'user' } as const;
  for (const app of apps.filter((a) => provisioningAppNames.has(a.name))) {
    const appUser = { id: app.id, name: app.name, type: 'appuser' } as const;
    const push = pushMapping(app);
    const importing: ProfileMapping['properties'] = {};
    for (const [name, { expression }] of Object.entries(push)) {
      // Plain copies of an Okta attribute feed it back; several may come from one, the first one wins.
      // The hostile app's names like __proto__ stay out of the import mapping (a plain object).
      const attribute = /^user\.(\w+)$/.exec(expression)?.[1];
      if (attribute && !(name in Object.prototype)) importing[attribute] ??= { expression: `appuser.${name}` };
    }
    mappings.push(
      { id: oktaId('prm', mappings.length + 1), source: user, target: appUser, properties: push },
      { id: oktaId('prm', mappings.length + 2), source: appUser, target: user, properties: importing },
    );
  }
  return mappings;
}
