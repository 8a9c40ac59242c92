// Who has an app: its users (assigned directly, scope USER, or through a group, scope GROUP) and its
// groups; list, read, assign and unassign both.
import { type SandboxRequest } from '../../httpServer';
import { mappedProfile } from '../appUserSchemas';
import { invalid, notFound, OktaRefusal } from '../errors';
import { type AppUserRecord, type GroupAssignment, type OktaApp, type OktaOrg, type OktaUser, type UserAssignment } from '../model';
import { jsonBody, type OktaRoute } from '../oktaRoute';
import { type PageLimits, pagedResponse } from '../paging';
import { appOf } from './apps';
import { groupJson } from './directory';
import { startsWithQuery } from './query';

// From the spec: queryAppLimit (1–500, default 50) and queryGroupAssignmentLimit (20–200, default 20).
const appUserLimits: PageLimits = { default: 50, max: 500 };
const groupAssignmentLimits: PageLimits = { default: 20, min: 20, max: 200 };

export function assignmentRoutes(org: OktaOrg): OktaRoute[] {
  const appUser = (req: SandboxRequest, app: OktaApp) => {
    const record = org.appUsers(app.id).find((r) => r.user.id === req.params.userId);
    if (!record) throw new OktaRefusal(notFound(req.params.userId, 'AppUser'));
    return record;
  };
  const groupAssignment = (req: SandboxRequest, app: OktaApp) => {
    const assignment = org.groupsAssigned(app.id).get(req.params.groupId);
    if (!assignment) throw new OktaRefusal(notFound(req.params.groupId, 'ApplicationGroupAssignment'));
    return assignment;
  };

  return [
    {
      method: 'GET', path: '/api/v1/apps/:appId/users', operationId: 'listApplicationUsers', scope: 'okta.apps.read',
      handler(req) {
        const app = appOf(org, req);
        const q = req.url.searchParams.get('q');
        const records = org.appUsers(app.id).filter((r) => !q || startsWithQuery(q, ...appUserNames(r, app)));
        const render = (record: AppUserRecord) => appUserJson(record, app, req.url.origin);
        return pagedResponse(req, appUserLimits, { items: records, idOf: (r) => r.user.id, render });
      },
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/users', operationId: 'assignUserToApplication', scope: 'okta.apps.manage',
      handler(req) {
        const app = appOf(org, req);
        const body = (jsonBody(req) ?? {}) as { id?: unknown; credentials?: { userName?: string }; profile?: Record<string, unknown> };
        if (typeof body.id !== 'string') throw new OktaRefusal(invalid('id', 'id: The field cannot be left blank.'));
        const user = org.user(body.id);
        if (!user) throw new OktaRefusal(notFound(body.id, 'User'));
        const previous = org.usersAssigned(app.id).get(user.id);
        const now = new Date().toISOString();
        const assignment: UserAssignment = {
          created: previous?.created ?? now, lastUpdated: now,
          userName: body.credentials?.userName ?? previous?.userName ?? user.profile.login,
          profile: { ...(previous?.profile ?? mappedProfile(app, user)), ...body.profile },
        };
        org.usersAssigned(app.id).set(user.id, assignment);
        return { status: 200, body: appUserJson({ user, scope: 'USER', assignment }, app, req.url.origin) };
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/users/:userId', operationId: 'getApplicationUser', scope: 'okta.apps.read',
      handler(req) {
        const app = appOf(org, req);
        return { status: 200, body: appUserJson(appUser(req, app), app, req.url.origin) };
      },
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId/users/:userId', operationId: 'unassignUserFromApplication', scope: 'okta.apps.manage',
      handler(req) {
        const app = appOf(org, req);
        // A guess at Okta's refusal: a user who has the app through a group loses it with the group only.
        if (appUser(req, app).scope === 'GROUP') {
          throw new OktaRefusal(invalid('userId', 'The user is assigned to the app through a group; unassign the group instead.'));
        }
        org.usersAssigned(app.id).delete(req.params.userId);
        return { status: 204 };
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/groups', operationId: 'listApplicationGroupAssignments', scope: 'okta.apps.read',
      handler(req) {
        const app = appOf(org, req);
        const q = req.url.searchParams.get('q');
        const assigned = [...org.groupsAssigned(app.id)]
          .filter(([groupId]) => !q || startsWithQuery(q, org.group(groupId)?.profile.name ?? ''))
          .sort(([a], [b]) => (a < b ? -1 : 1));
        // expand=group embeds each group (spec: queryGroupAssignmentWithMetadataExpand, ApplicationGroupAssignment._embedded);
        // expand=metadata is not modelled.
        const embedGroup = req.url.searchParams.get('expand') === 'group';
        const render = ([groupId, assignment]: [string, GroupAssignment]) => {
          const json = groupAssignmentJson(groupId, assignment, app, req.url.origin);
          const group = embedGroup ? org.group(groupId) : undefined;
          return group ? { ...json, _embedded: { group: groupJson(group, req.url.origin) } } : json;
        };
        return pagedResponse(req, groupAssignmentLimits, { items: assigned, idOf: ([groupId]) => groupId, render });
      },
    },
    {
      method: 'PUT', path: '/api/v1/apps/:appId/groups/:groupId', operationId: 'assignGroupToApplication', scope: 'okta.apps.manage',
      handler(req) {
        const app = appOf(org, req);
        const group = org.group(req.params.groupId);
        if (!group) throw new OktaRefusal(notFound(req.params.groupId, 'UserGroup'));
        const body = (jsonBody(req) ?? {}) as { priority?: unknown; profile?: Record<string, unknown> };
        const assigned = org.groupsAssigned(app.id);
        // A guess: without a priority, the group comes after those already assigned.
        const priority = typeof body.priority === 'number' ? body.priority : assigned.get(group.id)?.priority ?? assigned.size;
        const assignment: GroupAssignment = { priority, lastUpdated: new Date().toISOString(), profile: body.profile ?? {} };
        assigned.set(group.id, assignment);
        return { status: 200, body: groupAssignmentJson(group.id, assignment, app, req.url.origin) };
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/groups/:groupId', operationId: 'getApplicationGroupAssignment', scope: 'okta.apps.read',
      handler(req) {
        const app = appOf(org, req);
        return { status: 200, body: groupAssignmentJson(req.params.groupId, groupAssignment(req, app), app, req.url.origin) };
      },
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId/groups/:groupId', operationId: 'unassignApplicationFromGroup', scope: 'okta.apps.manage',
      handler(req) {
        const app = appOf(org, req);
        groupAssignment(req, app); // 404 unless assigned
        org.groupsAssigned(app.id).delete(req.params.groupId);
        return { status: 204 };
      },
    },
  ];
}

/** The parts of an app user that depend on how it got the app. */
function assignedAs(record: AppUserRecord, app: OktaApp) {
  return record.scope === 'USER'
    ? { userName: record.assignment.userName, profile: record.assignment.profile, created: record.assignment.created }
    : { userName: record.user.profile.login, profile: mappedProfile(app, record.user), created: record.assignment.lastUpdated };
}

/** What an app user's q matches: userName, firstName, lastName and email (spec). */
function appUserNames(record: AppUserRecord, app: OktaApp): string[] {
  const { userName, profile } = assignedAs(record, app);
  return [userName, profile.firstName, profile.lastName, profile.email].filter((v): v is string => typeof v === 'string');
}

function appUserJson(record: AppUserRecord, app: OktaApp, origin: string) {
  const { user, scope, assignment } = record;
  const { userName, profile, created } = assignedAs(record, app);
  // An app that pushes new users has created an account for each, known by its id in the app.
  const provisioned = app.features.includes('PUSH_NEW_USERS');
  return {
    id: user.id,
    ...(provisioned ? { externalId: externalIdOf(app, user), lastSync: assignment.lastUpdated } : {}),
    created, lastUpdated: assignment.lastUpdated, statusChanged: created, passwordChanged: null,
    scope, status: provisioned ? 'PROVISIONED' : 'ACTIVE',
    syncState: app.features.includes('PUSH_PROFILE_UPDATES') ? 'SYNCHRONIZED' : 'DISABLED',
    credentials: { userName },
    profile,
    _links: {
      app: { href: `${origin}/api/v1/apps/${app.id}` },
      user: { href: `${origin}/api/v1/users/${user.id}` },
    },
  };
}

/** The account's id in the app: for Salesforce, a User id (prefix 005). */
function externalIdOf(app: OktaApp, user: OktaUser): string {
  return `${app.name === 'salesforce' ? '005' : 'ext'}${user.id.slice(3)}`;
}

function groupAssignmentJson(groupId: string, assignment: GroupAssignment, app: OktaApp, origin: string) {
  return {
    id: groupId, lastUpdated: assignment.lastUpdated, priority: assignment.priority, profile: assignment.profile,
    _links: {
      app: { href: `${origin}/api/v1/apps/${app.id}` },
      self: { href: `${origin}/api/v1/apps/${app.id}/groups/${groupId}` },
      group: { href: `${origin}/api/v1/groups/${groupId}` },
    },
  };
}
