// The real Okta SDK configuring provisioning in the sandbox org: default provisioning connections and
// provisioning features, refused for Salesforce as Okta refuses them today, and accepted when the
// sandbox's switch says Okta supports Salesforce. Every exchange is checked against the spec.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oktaSandboxSuite } from './oktaSandboxSuite';
import { all, oktaApiError } from './oktaSdkClients';

/** A feature's capabilities as plain JSON (the SDK's types leave them out; its models are classes). */
const capabilitiesOf = (feature: object): { create?: unknown; update?: { password?: unknown } } =>
  JSON.parse(JSON.stringify((feature as { capabilities?: unknown }).capabilities ?? {}));

const pushEverything = {
  create: { lifecycleCreate: { status: 'ENABLED' as const } },
  update: { profile: { status: 'ENABLED' as const }, lifecycleDeactivate: { status: 'ENABLED' as const } },
};
const oauth2 = { profile: { authScheme: 'OAUTH2' as const } };

describe('Okta SDK against the sandbox: provisioning connections and features', () => {
  const org = oktaSandboxSuite();

  it('refuses every connection and feature operation for Salesforce with E0000001', async () => {
    const [production] = await org.appsNamed('salesforce');
    const appId = production.id;
    const api = org.client.applicationApi;
    const operations = [
      () => api.getDefaultProvisioningConnectionForApplication({ appId }),
      () => api.updateDefaultProvisioningConnectionForApplication({ appId, ProvisioningConnectionRequest: oauth2, activate: true }),
      () => api.activateDefaultProvisioningConnectionForApplication({ appId }),
      () => all(api.listFeaturesForApplication({ appId })),
      () => api.getFeatureForApplication({ appId, name: 'USER_PROVISIONING' }),
      () => api.updateFeatureForApplication({ appId, name: 'USER_PROVISIONING', CapabilitiesObject: pushEverything }),
    ];
    for (const operation of operations) await assert.rejects(operation(), oktaApiError(400, 'E0000001', /salesforce/));
    assert.deepEqual((await org.appsNamed('salesforce'))[0].features, production.features);
  });

  it('reports the features of an app whose provisioning was set up in the Admin Console', async () => {
    const [google] = await org.appsNamed('google');
    const connection = await org.client.applicationApi.getDefaultProvisioningConnectionForApplication({ appId: google.id });
    assert.deepEqual([connection.profile?.authScheme, connection.status], ['OAUTH2', 'ENABLED']);
    const features = await all(org.client.applicationApi.listFeaturesForApplication({ appId: google.id }));
    assert.deepEqual(features.map((f) => [f.name, f.status]), [['USER_PROVISIONING', 'ENABLED'], ['INBOUND_PROVISIONING', 'ENABLED']]);
  });

  it('applies a partial USER_PROVISIONING update and adds the matching app feature', async () => {
    const [google] = await org.appsNamed('google');
    await org.client.applicationApi.updateFeatureForApplication({
      appId: google.id, name: 'USER_PROVISIONING', CapabilitiesObject: { update: { password: { status: 'ENABLED', change: 'CHANGE' } } },
    });
    const feature = await org.client.applicationApi.getFeatureForApplication({ appId: google.id, name: 'USER_PROVISIONING' });
    assert.deepEqual(capabilitiesOf(feature).update?.password, { status: 'ENABLED', seed: 'RANDOM', change: 'CHANGE' });
    assert.deepEqual(capabilitiesOf(feature).create, { lifecycleCreate: { status: 'ENABLED' } }, 'the rest is unchanged');
    assert.deepEqual((await org.appsNamed('google'))[0].features, [...google.features, 'PUSH_PASSWORD_UPDATES']);
  });

  it('sets up a connection where there is none, and only then offers features', async () => {
    const [slack] = await org.appsNamed('slack');
    const appId = slack.id;
    const api = org.client.applicationApi;
    const unset = await api.getDefaultProvisioningConnectionForApplication({ appId });
    assert.deepEqual([unset.profile?.authScheme, unset.status], ['UNKNOWN', 'DISABLED']);
    await assert.rejects(all(api.listFeaturesForApplication({ appId })), oktaApiError(400, 'E0000001', /Provisioning is not enabled/));
    const token = { profile: { authScheme: 'TOKEN' as const, token: 'xoxp-1' } };
    await assert.rejects(
      api.updateDefaultProvisioningConnectionForApplication({ appId, ProvisioningConnectionRequest: token }),
      oktaApiError(400, 'E0000001', /OAUTH2/),
    );

    const activateOAuth2 = { appId, ProvisioningConnectionRequest: oauth2, activate: true };
    const enabled = await api.updateDefaultProvisioningConnectionForApplication(activateOAuth2);
    assert.deepEqual([enabled.profile?.authScheme, enabled.status], ['OAUTH2', 'ENABLED']);
    assert.equal((await all(api.listFeaturesForApplication({ appId }))).length, 2);

    await api.deactivateDefaultProvisioningConnectionForApplication({ appId });
    assert.equal((await api.getDefaultProvisioningConnectionForApplication({ appId })).status, 'DISABLED');
    await assert.rejects(all(api.listFeaturesForApplication({ appId })), oktaApiError(400, 'E0000001'));
  });

  it('offers only the features an app supports', async () => {
    const [zscaler] = await org.appsNamed('zscalerbyz');
    const appId = zscaler.id;
    const api = org.client.applicationApi;
    const token = { baseUrl: 'https://admin.zscaler.net/ZS123', profile: { authScheme: 'TOKEN' as const, token: 'zs-token' } };
    await api.updateDefaultProvisioningConnectionForApplication({ appId, ProvisioningConnectionRequest: token, activate: true });
    const connection = await api.getDefaultProvisioningConnectionForApplication({ appId });
    assert.deepEqual([connection.authScheme, connection.baseUrl], ['TOKEN', 'https://admin.zscaler.net/ZS123']);
    assert.deepEqual((await all(api.listFeaturesForApplication({ appId }))).map((f) => f.name), ['USER_PROVISIONING']);
    await assert.rejects(api.getFeatureForApplication({ appId, name: 'INBOUND_PROVISIONING' }), oktaApiError(404, 'E0000007'));
  });
});

describe('Okta SDK against the sandbox: provisioning Salesforce, once Okta supports it', () => {
  const org = oktaSandboxSuite({ supportSalesforceProvisioning: true });

  it('shows the production org\'s provisioning as set up in the Admin Console', async () => {
    const [production] = await org.appsNamed('salesforce');
    const connection = await org.client.applicationApi.getDefaultProvisioningConnectionForApplication({ appId: production.id });
    assert.deepEqual([connection.profile?.authScheme, connection.status], ['OAUTH2', 'ENABLED']);
    const feature = await org.client.applicationApi.getFeatureForApplication({ appId: production.id, name: 'USER_PROVISIONING' });
    assert.deepEqual(capabilitiesOf(feature), {
      create: { lifecycleCreate: { status: 'ENABLED' } },
      update: {
        profile: { status: 'ENABLED' }, lifecycleDeactivate: { status: 'ENABLED' },
        password: { status: 'DISABLED', seed: 'RANDOM', change: 'KEEP_EXISTING' },
      },
    });
  });

  it('sets up the sandbox org\'s provisioning and keeps its features array in step', async () => {
    const [, sandbox] = await org.appsNamed('salesforce');
    const appId = sandbox.id;
    const api = org.client.applicationApi;
    assert.deepEqual(sandbox.features, []);
    await api.updateDefaultProvisioningConnectionForApplication({ appId, ProvisioningConnectionRequest: oauth2, activate: true });

    await api.updateFeatureForApplication({ appId, name: 'USER_PROVISIONING', CapabilitiesObject: pushEverything });
    assert.deepEqual((await org.appsNamed('salesforce'))[1].features, ['IMPORT_USER_SCHEMA', 'PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION']);
    const stopProfilePush = { update: { profile: { status: 'DISABLED' as const } } };
    await api.updateFeatureForApplication({ appId, name: 'USER_PROVISIONING', CapabilitiesObject: stopProfilePush });
    assert.deepEqual((await org.appsNamed('salesforce'))[1].features, ['IMPORT_USER_SCHEMA', 'PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION']);

    await api.updateFeatureForApplication({
      appId, name: 'INBOUND_PROVISIONING',
      CapabilitiesObject: {
        importSettings: { username: { usernameFormat: 'EMAIL' }, schedule: { status: 'DISABLED' } },
        importRules: { userCreateAndMatch: { exactMatchCriteria: 'EMAIL', autoActivateNewUsers: false } },
      },
    });
    assert.deepEqual(
      (await org.appsNamed('salesforce'))[1].features,
      ['IMPORT_USER_SCHEMA', 'PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION', 'IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES'],
    );

    const appUsers = await all(api.listApplicationUsers({ appId }));
    assert.ok(appUsers.length > 0 && appUsers.every((user) => user.status === 'PROVISIONED' && user.externalId?.startsWith('005')));
  });
});
