// Provisioning through the API: an app's default provisioning connection and its provisioning
// features, for the apps the spec lists (and Salesforce when the sandbox's switch says Okta supports
// it); every other app is refused in Okta's error format.
import { type SandboxRequest } from '../../httpServer';
import { invalid, notFound, OktaRefusal } from '../errors';
import { type OktaApp, type OktaOrg, type ProvisioningConnection } from '../model';
import { jsonBody, type OktaRoute } from '../oktaRoute';
import {
  connectionOf, featureCapabilities, type FeatureName, featureStatus, type ProvisioningSupport, provisioningSupport,
  setConnection, setConnectionStatus, updateFeature,
} from '../provisioning';
import { appOf } from './apps';

const descriptions: Record<FeatureName, string> = {
  USER_PROVISIONING: 'User provisioning settings from Okta to a downstream application',
  INBOUND_PROVISIONING: 'In-bound provisioning settings from an application to Okta',
};

/** `switches.salesforceSupported` is read on every request: a test may turn it on while the org runs. */
export function provisioningRoutes(org: OktaOrg, switches: { readonly salesforceSupported: boolean }): OktaRoute[] {
  /** The app the path names and what the API can provision for it. */
  function provisionable(req: SandboxRequest, field: 'connection' | 'feature'): { app: OktaApp; support: ProvisioningSupport } {
    const app = appOf(org, req);
    const support = provisioningSupport(app, switches.salesforceSupported);
    // A guess at Okta's words: the spec documents the refusal only for apps without provisioning enabled.
    if (!support) throw new OktaRefusal(invalid(field, `The app ${app.name} does not support provisioning through the API.`));
    return { app, support };
  }

  /** Features exist only where provisioning is on; the refusal is the spec's ErrorAppFeatureAPIValidationFailed. */
  function withFeatures(req: SandboxRequest) {
    const { app, support } = provisionable(req, 'feature');
    if (connectionOf(org, app, support).status !== 'ENABLED') {
      throw new OktaRefusal(invalid('feature', 'Provisioning is not enabled for the app instance.'));
    }
    return { app, support };
  }

  function feature(req: SandboxRequest) {
    const { app, support } = withFeatures(req);
    const name = support.features.find((f) => f === req.params.featureName);
    if (!name) throw new OktaRefusal(notFound(req.params.featureName, 'AppInstanceFeature'));
    return { app, name };
  }

  const featureJson = (app: OktaApp, name: FeatureName, origin: string) => ({
    name, status: featureStatus(app, name), description: descriptions[name], capabilities: featureCapabilities(org, app, name),
    _links: { self: { href: `${origin}/api/v1/apps/${app.id}/features/${name}`, hints: { allow: ['GET', 'PUT'] } } },
  });

  function setStatus(req: SandboxRequest, status: ProvisioningConnection['status']) {
    const { app, support } = provisionable(req, 'connection');
    const connection = connectionOf(org, app, support);
    // A guess: there is nothing to activate before a connection has been set up.
    if (connection.authScheme === 'UNKNOWN') throw new OktaRefusal(invalid('connection', 'The app has no provisioning connection yet.'));
    setConnectionStatus(org, app, { ...connection, status });
    return { status: 204 };
  }

  const connectionPath = '/api/v1/apps/:appId/connections/default';
  return [
    {
      method: 'GET', path: connectionPath, operationId: 'getDefaultProvisioningConnectionForApplication', scope: 'okta.apps.read',
      handler(req) {
        const { app, support } = provisionable(req, 'connection');
        return { status: 200, body: connectionJson(app, connectionOf(org, app, support), req.url.origin) };
      },
    },
    {
      method: 'POST', path: connectionPath, operationId: 'updateDefaultProvisioningConnectionForApplication', scope: 'okta.apps.manage',
      handler(req) {
        const { app, support } = provisionable(req, 'connection');
        const problems = setConnection(org, app, support, jsonBody(req), req.url.searchParams.get('activate') === 'true');
        if (problems.length) throw new OktaRefusal(invalid('connection', ...problems));
        return { status: 200, body: connectionJson(app, connectionOf(org, app, support), req.url.origin) };
      },
    },
    {
      method: 'POST', path: `${connectionPath}/lifecycle/activate`, scope: 'okta.apps.manage',
      operationId: 'activateDefaultProvisioningConnectionForApplication',
      handler: (req) => setStatus(req, 'ENABLED'),
    },
    {
      method: 'POST', path: `${connectionPath}/lifecycle/deactivate`, scope: 'okta.apps.manage',
      operationId: 'deactivateDefaultProvisioningConnectionForApplication',
      handler: (req) => setStatus(req, 'DISABLED'),
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/features', operationId: 'listFeaturesForApplication', scope: 'okta.apps.read',
      handler(req) {
        const { app, support } = withFeatures(req);
        return { status: 200, body: support.features.map((name) => featureJson(app, name, req.url.origin)) };
      },
    },
    {
      method: 'GET', path: '/api/v1/apps/:appId/features/:featureName', operationId: 'getFeatureForApplication', scope: 'okta.apps.read',
      handler(req) {
        const { app, name } = feature(req);
        return { status: 200, body: featureJson(app, name, req.url.origin) };
      },
    },
    {
      method: 'PUT', path: '/api/v1/apps/:appId/features/:featureName', operationId: 'updateFeatureForApplication',
      scope: 'okta.apps.manage',
      handler(req) {
        const { app, name } = feature(req);
        const problems = updateFeature(org, app, name, jsonBody(req));
        if (problems.length) throw new OktaRefusal(invalid('feature', ...problems));
        return { status: 200, body: featureJson(app, name, req.url.origin) };
      },
    },
  ];
}

function connectionJson(app: OktaApp, connection: ProvisioningConnection, origin: string) {
  const self = `${origin}/api/v1/apps/${app.id}/connections/default`;
  const lifecycle = connection.status === 'ENABLED' ? 'deactivate' : 'activate';
  return {
    // The spec returns the top-level authScheme for token connections only.
    ...(connection.authScheme === 'TOKEN' ? { authScheme: 'TOKEN' } : {}),
    ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
    profile: { authScheme: connection.authScheme },
    status: connection.status,
    _links: {
      self: { href: self, hints: { allow: ['GET', 'POST'] } },
      [lifecycle]: { href: `${self}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
    },
  };
}
