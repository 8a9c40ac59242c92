// People and groups: list users and groups (q, search, filter, paging) and read one user.
import { notFound, OktaRefusal } from '../errors';
import { type ExpressionRules, type Operator } from '../filterExpression';
import { type OktaGroup, type OktaOrg, type OktaUser } from '../model';
import { type OktaRoute } from '../oktaRoute';
import { type PageLimits, pagedResponse } from '../paging';
import { matching, startsWithQuery } from './query';

const comparisons: Operator[] = ['gt', 'ge', 'lt', 'le'];

// listUsers: a limit defaults to 200, or 10 with q. A guess: the spec gives no maximum; Okta serves 200.
const userLimits: PageLimits = { default: 200, max: 200, capAtMax: true };
const userQueryLimits: PageLimits = { ...userLimits, default: 10 };
const userProperties = ['id', 'status', 'created', 'activated', 'statusChanged', 'lastUpdated', 'type.id'];
const userSearch: ExpressionRules = {
  allows: (attribute, operator) =>
    (attribute.startsWith('profile.') || userProperties.includes(attribute))
    && (operator !== 'co' || ['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login'].includes(attribute)),
  caseInsensitive: true,
};
const userFilter: ExpressionRules = {
  allows: (attribute, operator) => operator === 'eq'
    ? ['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName'].includes(attribute)
    : attribute === 'lastUpdated' && comparisons.includes(operator),
  caseInsensitive: false,
};

// listGroups: the spec's maximum is 10000 and, with q, "the default limit for a query is 300".
// A guess: without q the default is the maximum.
const groupLimits: PageLimits = { default: 10000, max: 10000 };
const groupQueryLimits: PageLimits = { ...groupLimits, default: 300 };
const groupSearch: ExpressionRules = {
  allows: (attribute, operator) =>
    (attribute.startsWith('profile.') || ['id', 'created', 'lastMembershipUpdated', 'lastUpdated', 'type'].includes(attribute))
    && (operator !== 'co' || ['profile.name', 'profile.description'].includes(attribute)),
  caseInsensitive: true,
};
const groupFilter: ExpressionRules = {
  allows: (attribute, operator) => operator === 'eq'
    ? ['id', 'type', 'lastUpdated', 'lastMembershipUpdated'].includes(attribute)
    : ['lastUpdated', 'lastMembershipUpdated'].includes(attribute) && comparisons.includes(operator),
  caseInsensitive: false,
};

export function directoryRoutes(org: OktaOrg): OktaRoute[] {
  return [
    {
      method: 'GET', path: '/api/v1/users', operationId: 'listUsers', scope: 'okta.users.read',
      handler(req) {
        const params = req.url.searchParams;
        const render = (user: OktaUser) => userJson(user, org, req.url.origin);
        const q = params.get('q');
        // q, and a list without search or filter, leave deprovisioned people out (spec).
        const listed = org.users.filter((u) => u.status !== 'DEPROVISIONED');
        if (q) {
          const found = listed.filter((u) => startsWithQuery(q, u.profile.firstName, u.profile.lastName, u.profile.email));
          return pagedResponse(req, userQueryLimits, { items: found, idOf: (u) => u.id, render, single: true });
        }
        const search = params.get('search');
        const filter = params.get('filter');
        const users = search !== null ? matching(org.users, search, userSearch)
          : filter !== null ? matching(org.users, filter, userFilter) : listed;
        return pagedResponse(req, userLimits, { items: users, idOf: (u) => u.id, render });
      },
    },
    {
      method: 'GET', path: '/api/v1/users/:id', operationId: 'getUser', scope: 'okta.users.read',
      handler(req, caller) {
        // "me" is the admin an API token belongs to; a guess: a service app's token has no user behind it.
        const user = req.params.id === 'me' ? (caller?.kind === 'apiToken' ? caller.user : undefined) : org.user(req.params.id);
        if (!user) throw new OktaRefusal(notFound(req.params.id, 'User'));
        return { status: 200, body: userJson(user, org, req.url.origin) };
      },
    },
    {
      method: 'GET', path: '/api/v1/groups', operationId: 'listGroups', scope: 'okta.groups.read',
      handler(req) {
        const params = req.url.searchParams;
        const render = (group: OktaGroup) => groupJson(group, req.url.origin);
        const q = params.get('q');
        if (q) {
          const found = org.groups.filter((g) => startsWithQuery(q, g.profile.name));
          return pagedResponse(req, groupQueryLimits, { items: found, idOf: (g) => g.id, render, single: true });
        }
        const search = params.get('search');
        const groups = search !== null ? matching(org.groups, search, groupSearch)
          : matching(org.groups, params.get('filter'), groupFilter);
        return pagedResponse(req, groupLimits, { items: groups, idOf: (g) => g.id, render });
      },
    },
  ];
}

export function userJson(user: OktaUser, org: OktaOrg, origin: string) {
  const active = user.status !== 'STAGED';
  return {
    id: user.id, status: user.status, created: user.created,
    activated: active ? user.created : null, statusChanged: active ? user.lastUpdated : null,
    lastLogin: null, lastUpdated: user.lastUpdated, passwordChanged: active ? user.created : null,
    type: { id: org.userTypeId },
    profile: { ...user.profile, mobilePhone: null, secondEmail: null },
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${origin}/api/v1/users/${user.id}` } },
  };
}

export function groupJson(group: OktaGroup, origin: string) {
  const self = `${origin}/api/v1/groups/${group.id}`;
  return {
    id: group.id, created: group.created, lastUpdated: group.lastUpdated, lastMembershipUpdated: group.lastUpdated,
    objectClass: ['okta:user_group'], type: group.type, profile: group.profile,
    _links: {
      self: { href: self },
      logo: [{ name: 'medium', href: `${origin}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' }],
      users: { href: `${self}/users` },
      apps: { href: `${self}/apps` },
    },
  };
}
