// The data model of the sandbox Okta org: app instances, people and groups, who is assigned to which
// app, provisioning connections and settings, and profile mappings. The seed fills it; routes read and
// change it. Lists are kept in id order: the paging cursor relies on it (paging.ts).

export interface OktaApp {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
  lastUpdated: string;
  /** Read-only in the API; provisioning feature updates rewrite it (provisioning.ts). */
  features: string[];
  settings: { app: Record<string, unknown> };
  /** Sandbox only, never served: the app's user schema and mapping carry bad input (appUserSchemas.ts). */
  hostileProfile?: true;
}

export interface OktaUser {
  id: string;
  status: 'ACTIVE' | 'STAGED' | 'SUSPENDED' | 'DEPROVISIONED';
  created: string;
  lastUpdated: string;
  profile: {
    login: string; email: string; firstName: string; lastName: string; department: string; title: string;
    /** Okta's standard attributes employeeNumber, timezone (IANA) and locale (the spec's UserProfile). */
    employeeNumber: string; timezone: string; locale: string;
  };
}

export interface OktaGroup {
  id: string;
  type: 'BUILT_IN' | 'OKTA_GROUP';
  created: string;
  lastUpdated: string;
  profile: { name: string; description: string };
  members: Set<string>;
}

/** A user assigned to an app directly (scope USER). */
export interface UserAssignment {
  created: string;
  lastUpdated: string;
  userName: string;
  profile: Record<string, unknown>;
}

export interface GroupAssignment {
  priority: number;
  lastUpdated: string;
  profile: Record<string, unknown>;
}

/** A user holding an app: assigned directly (scope USER) or through an assigned group (scope GROUP). */
export type AppUserRecord =
  | { user: OktaUser; scope: 'USER'; assignment: UserAssignment }
  | { user: OktaUser; scope: 'GROUP'; assignment: GroupAssignment };

export interface ProvisioningConnection {
  authScheme: 'TOKEN' | 'OAUTH2' | 'UNKNOWN';
  status: 'ENABLED' | 'DISABLED';
  baseUrl?: string;
}

/** What provisioning features hold besides the app's features array (provisioning.ts). */
export interface ProvisioningSettings {
  password: { seed: 'OKTA' | 'RANDOM'; change: 'CHANGE' | 'KEEP_EXISTING' };
  inbound: { importSettings: Record<string, unknown>; importRules: Record<string, unknown> };
}

export interface ProfileMapping {
  id: string;
  source: MappingEnd;
  target: MappingEnd;
  properties: Record<string, { expression: string; pushStatus?: 'PUSH' | 'DONT_PUSH' }>;
}

export interface MappingEnd {
  id: string;
  name: string;
  type: 'user' | 'appuser';
}

export class OktaOrg {
  private readonly appsById: Map<string, OktaApp>;
  private readonly userAssignments = new Map<string, Map<string, UserAssignment>>();
  private readonly groupAssignments = new Map<string, Map<string, GroupAssignment>>();
  /** Set through the API only; until then an app's connection follows its features (provisioning.ts). */
  readonly connections = new Map<string, ProvisioningConnection>();
  readonly provisioningSettings = new Map<string, ProvisioningSettings>();

  constructor(
    readonly apps: OktaApp[],
    readonly users: OktaUser[],
    readonly groups: OktaGroup[],
    readonly mappings: ProfileMapping[],
    readonly admin: OktaUser,
    /** The id of the default Okta user type, the Okta side of profile mappings. */
    readonly userTypeId: string,
  ) {
    this.appsById = new Map(apps.map((app) => [app.id, app]));
  }

  app(id: string): OktaApp | undefined {
    return this.appsById.get(id);
  }

  /** Deleting an app takes what hangs on it along: its assignments, provisioning and profile mappings. */
  removeApp(id: string): void {
    this.apps.splice(this.apps.findIndex((app) => app.id === id), 1);
    this.appsById.delete(id);
    for (const map of [this.userAssignments, this.groupAssignments, this.connections, this.provisioningSettings]) map.delete(id);
    const unmapped = this.mappings.filter((m) => m.source.id !== id && m.target.id !== id);
    this.mappings.splice(0, this.mappings.length, ...unmapped);
  }

  /** Okta finds a user by id or by login. */
  user(idOrLogin: string): OktaUser | undefined {
    return this.users.find((u) => u.id === idOrLogin || u.profile.login === idOrLogin);
  }

  group(id: string): OktaGroup | undefined {
    return this.groups.find((g) => g.id === id);
  }

  usersAssigned(appId: string): Map<string, UserAssignment> {
    return getOrCreate(this.userAssignments, appId);
  }

  groupsAssigned(appId: string): Map<string, GroupAssignment> {
    return getOrCreate(this.groupAssignments, appId);
  }

  /** Everyone holding the app, in user id order; a direct assignment wins over a group's. */
  appUsers(appId: string): AppUserRecord[] {
    const direct = this.usersAssigned(appId);
    const groups = [...this.groupsAssigned(appId)];
    const records: AppUserRecord[] = [];
    for (const user of this.users) {
      const assignment = direct.get(user.id);
      const viaGroup = groups.find(([groupId]) => this.group(groupId)?.members.has(user.id));
      if (assignment) records.push({ user, scope: 'USER', assignment });
      else if (viaGroup) records.push({ user, scope: 'GROUP', assignment: viaGroup[1] });
    }
    return records;
  }
}

function getOrCreate<K, V>(map: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let value = map.get(key);
  if (!value) map.set(key, (value = new Map()));
  return value;
}
