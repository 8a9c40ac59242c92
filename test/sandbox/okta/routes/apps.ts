// Apps: the list (q, filter, limit, after) and one app, as the full JSON of the spec's Application
// schema, settings.app and the read-only features array included; an app's lifecycle (activate,
// deactivate) and deleting an inactive one.
import { type SandboxRequest } from '../../httpServer';
import { notFound, oktaError, OktaRefusal } from '../errors';
import { type ExpressionRules } from '../filterExpression';
import { type OktaApp, type OktaOrg } from '../model';
import { type OktaRoute } from '../oktaRoute';
import { type PageLimits, pagedResponse } from '../paging';
import { matching, startsWithQuery } from './query';

// The spec's default is -1, "the server's choice"; Okta's support article on exporting apps says 20.
const limits: PageLimits = { default: 20, max: 200 };

const filterable = new Set(['id', 'status', 'name', 'credentials.signing.kid', 'settings.slo.enabled']);
const filterRules: ExpressionRules = {
  allows: (attribute, operator) => operator === 'eq' && filterable.has(attribute),
  caseInsensitive: false,
};

export function appRoutes(org: OktaOrg): OktaRoute[] {
  return [
    {
      method: 'GET', path: '/api/v1/apps', operationId: 'listApplications', scope: 'okta.apps.read',
      handler(req) {
        const q = req.url.searchParams.get('q');
        const candidates = q ? org.apps.filter((app) => startsWithQuery(q, app.name, app.label)) : org.apps;
        const apps = matching(candidates, req.url.searchParams.get('filter'), filterRules);
        return pagedResponse(req, limits, { items: apps, idOf: (app) => app.id, render: (app) => appJson(app, req.url.origin) });
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId', operationId: 'getApplication', scope: 'okta.apps.read',
      handler: (req) => ({ status: 200, body: appJson(appOf(org, req), req.url.origin) }),
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/lifecycle/activate', operationId: 'activateApplication', scope: 'okta.apps.manage',
      handler: (req) => setStatus(appOf(org, req), 'ACTIVE'),
    },
    {
      method: 'POST', path: '/api/v1/apps/:appId/lifecycle/deactivate', operationId: 'deactivateApplication', scope: 'okta.apps.manage',
      handler: (req) => setStatus(appOf(org, req), 'INACTIVE'),
    },
    {
      method: 'DELETE', path: '/api/v1/apps/:appId', operationId: 'deleteApplication', scope: 'okta.apps.manage',
      handler(req) {
        const app = appOf(org, req);
        // The spec: "Deletes an inactive application"; Okta's Apps API reference gives the refusal of an ACTIVE one.
        if (app.status === 'ACTIVE') throw new OktaRefusal(oktaError('E0000056', '', ['The application must be deactivated before deletion.']));
        org.removeApp(app.id);
        return { status: 204 };
      },
    },
  ];
}

/**
 * Activate and deactivate answer 200 with an empty JSON object: the spec gives 200 without a body
 * schema, Okta's Apps API reference (okta/okta-developer-docs, reference/api/apps) shows `{}`.
 * Two guesses: an app already in the asked state gets the same answer (neither source names an
 * error for it), and deactivating leaves the app's assignments and features in place (Okta's
 * support article "Deprovisioning Behavior when an Application Is Inactive" says assignments stay;
 * the reconciliation the spec mentions for group assignments is not modelled).
 */
function setStatus(app: OktaApp, status: OktaApp['status']) {
  if (app.status !== status) {
    app.status = status;
    app.lastUpdated = new Date().toISOString();
  }
  return { status: 200, body: {} };
}

/** The app the path names; an unknown one is refused with 404 as Okta does. */
export function appOf(org: OktaOrg, req: SandboxRequest): OktaApp {
  const app = org.app(req.params.appId);
  if (!app) throw new OktaRefusal(notFound(req.params.appId, 'AppInstance'));
  return app;
}

export function appJson(app: OktaApp, origin: string) {
  const self = `${origin}/api/v1/apps/${app.id}`;
  const lifecycle = app.status === 'ACTIVE' ? 'deactivate' : 'activate';
  const appLink = `${app.name}_link`;
  return {
    id: app.id, name: app.name, label: app.label, status: app.status, signOnMode: app.signOnMode,
    created: app.created, lastUpdated: app.lastUpdated, features: app.features,
    accessibility: { selfService: false },
    visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: { [appLink]: true } },
    settings: app.settings,
    _links: {
      self: { href: self },
      users: { href: `${self}/users` },
      groups: { href: `${self}/groups` },
      [lifecycle]: { href: `${self}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
      appLinks: [{ name: appLink, href: `${origin}/home/${app.name}/${app.id}/${appLink}`, type: 'text/html' }],
      logo: [{ name: 'medium', href: `${origin}/assets/img/logos/${app.name}.png`, type: 'image/png' }],
    },
  };
}
