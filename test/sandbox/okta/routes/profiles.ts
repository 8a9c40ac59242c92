// What app user profiles hold and where their values come from: the app user schema and the
// profile mappings between Okta's user profile and each provisioning app's.
import { appUserSchemaJson } from '../appUserSchemas';
import { notFound, OktaRefusal } from '../errors';
import { type MappingEnd, type OktaOrg, type ProfileMapping } from '../model';
import { type OktaRoute } from '../oktaRoute';
import { type PageLimits, pagedResponse } from '../paging';
import { appOf } from './apps';

// From the spec: listProfileMappings pages 20 by default, 200 at most.
const mappingLimits: PageLimits = { default: 20, max: 200 };

export function profileRoutes(org: OktaOrg): OktaRoute[] {
  return [
    {
      method: 'GET', path: '/api/v1/meta/schemas/apps/:appId/default', operationId: 'getApplicationUserSchema', scope: 'okta.schemas.read',
      handler: (req) => ({ status: 200, body: appUserSchemaJson(appOf(org, req), req.url.origin) }),
    },
    {
      method: 'GET', path: '/api/v1/mappings', operationId: 'listProfileMappings', scope: 'okta.profileMappings.read',
      handler(req) {
        const [sourceId, targetId] = ['sourceId', 'targetId'].map((name) => req.url.searchParams.get(name));
        const mappings = org.mappings.filter((m) => (!sourceId || m.source.id === sourceId) && (!targetId || m.target.id === targetId));
        // The list leaves out each mapping's properties (spec: ListProfileMappings).
        return pagedResponse(req, mappingLimits, {
          items: mappings, idOf: (m) => m.id, render: (m) => mappingJson(m, req.url.origin, false),
        });
      },
    },
    {
      method: 'GET', path: '/api/v1/mappings/:mappingId', operationId: 'getProfileMapping', scope: 'okta.profileMappings.read',
      handler(req) {
        const mapping = org.mappings.find((m) => m.id === req.params.mappingId);
        if (!mapping) throw new OktaRefusal(notFound(req.params.mappingId, 'ProfileMapping'));
        return { status: 200, body: mappingJson(mapping, req.url.origin, true) };
      },
    },
  ];
}

function mappingJson(mapping: ProfileMapping, origin: string, withProperties: boolean) {
  return {
    id: mapping.id,
    source: endJson(mapping.source, origin),
    target: endJson(mapping.target, origin),
    ...(withProperties ? { properties: mapping.properties } : {}),
    _links: { self: { href: `${origin}/api/v1/mappings/${mapping.id}` } },
  };
}

/** A mapping's side: Okta's user type, or an app instance, each with its profile schema. */
function endJson(end: MappingEnd, origin: string) {
  const [self, schema] = end.type === 'user'
    ? [`${origin}/api/v1/meta/types/user/${end.id}`, `${origin}/api/v1/meta/schemas/user/${end.id.replace(/^oty/, 'osc')}`]
    : [`${origin}/api/v1/apps/${end.id}`, `${origin}/api/v1/meta/schemas/apps/${end.id}/default`];
  return { ...end, _links: { self: { href: self }, schema: { href: schema } } };
}
