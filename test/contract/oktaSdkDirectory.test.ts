// The real Okta SDK reading people and groups from the sandbox org and deciding who gets an app:
// user and group searches, app user and group assignments, the app user schema and profile mappings.
// Every exchange is checked against the spec.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { oktaSandboxSuite } from './oktaSandboxSuite';
import { all, oktaApiError } from './oktaSdkClients';

describe('Okta SDK against the sandbox: people, groups and app assignments', () => {
  const org = oktaSandboxSuite();
  const salesforce = { production: '', sandbox: '' };
  before(async () => {
    [salesforce.production, salesforce.sandbox] = (await org.appsNamed('salesforce')).map((app) => app.id);
  });

  const groupNamed = async (name: string) => {
    const [group] = await all(org.client.groupApi.listGroups({ search: `profile.name eq "${name}"` }));
    return group;
  };

  it('finds people by q, search and filter, leaving deprovisioned ones out of plain lists', async () => {
    const byQ = await all(org.client.userApi.listUsers({ q: 'nils' }));
    const withoutDeprovisioned = ['nils.okafor@acme.example', 'nils.petrov@acme.example'];
    assert.deepEqual(byQ.map((u) => u.profile?.login), withoutDeprovisioned, 'nils.quinn is deprovisioned');
    const sales = await all(org.client.userApi.listUsers({ search: 'profile.department eq "sales" and status eq "ACTIVE"' }));
    assert.ok(sales.length >= 5 && sales.every((u) => u.profile?.department === 'Sales' && u.status === 'ACTIVE'));
    const gone = await all(org.client.userApi.listUsers({ filter: 'status eq "DEPROVISIONED"' }));
    assert.deepEqual(gone.map((u) => u.profile?.login), ['nils.quinn@acme.example', 'ines.rossi@acme.example']);
    const pagesBefore = org.exchanges.of('listUsers').length;
    const everyone = await all(org.client.userApi.listUsers({ limit: 20 }));
    assert.equal(everyone.length, 54);
    assert.equal(org.exchanges.of('listUsers').length - pagesBefore, 3, 'in three pages');
    const unsupported = all(org.client.userApi.listUsers({ filter: 'profile.department eq "Sales"' }));
    await assert.rejects(unsupported, oktaApiError(400, 'E0000031'), 'search, not filter, reaches the department');
  });

  it('finds groups by q and search', async () => {
    const byQ = await all(org.client.groupApi.listGroups({ q: 'sales' }));
    assert.deepEqual(byQ.map((g) => g.profile?.name), ['Sales', 'Salesforce Users', 'Salesforce Admins']);
    const builtIn = await all(org.client.groupApi.listGroups({ search: 'type eq "BUILT_IN"' }));
    assert.deepEqual(builtIn.map((g) => g.profile?.name), ['Everyone']);
    assert.equal((await all(org.client.groupApi.listGroups({}))).length, 12);
  });

  it('lists who has the Salesforce app, directly or through a group', async () => {
    const appUsers = await all(org.client.applicationApi.listApplicationUsers({ appId: salesforce.production }));
    const direct = appUsers.filter((u) => u.scope === 'USER');
    assert.equal(direct.length, 3);
    assert.ok(direct.every((u) => (u.profile as Record<string, unknown>).profile === 'Marketing User'));
    assert.ok(appUsers.filter((u) => u.scope === 'GROUP').length > 10);
    const groups = await all(org.client.applicationApi.listApplicationGroupAssignments({ appId: salesforce.production }));
    assert.deepEqual(groups.map((g) => g.priority), [0, 1]);
  });

  it('assigns a user to an app, reads the assignment and removes it', async () => {
    const [user] = await all(org.client.userApi.listUsers({ search: 'profile.login eq "nils.okafor@acme.example"' }));
    const appId = salesforce.sandbox;
    const userId = user.id ?? '';
    const appUser = {
      id: userId, scope: 'USER' as const, credentials: { userName: 'nils@acme.example.uat' }, profile: { profile: 'Standard User' },
    };
    const assigned = await org.client.applicationApi.assignUserToApplication({ appId, appUser });
    assert.deepEqual([assigned.scope, assigned.credentials?.userName], ['USER', 'nils@acme.example.uat']);
    assert.equal((assigned.profile as Record<string, unknown>).email, 'nils.okafor@acme.example', 'the mapping fills in the rest');
    const read = await org.client.applicationApi.getApplicationUser({ appId, userId });
    assert.equal(read.id, userId);

    await org.client.applicationApi.unassignUserFromApplication({ appId, userId });
    await assert.rejects(org.client.applicationApi.getApplicationUser({ appId, userId }), oktaApiError(404, 'E0000007'));
    await assert.rejects(org.client.applicationApi.unassignUserFromApplication({ appId, userId }), oktaApiError(404, 'E0000007'));
  });

  it('refuses to unassign a user who has the app through a group', async () => {
    const appUsers = await all(org.client.applicationApi.listApplicationUsers({ appId: salesforce.sandbox }));
    const viaGroup = appUsers.find((u) => u.scope === 'GROUP');
    assert.ok(viaGroup?.id);
    const unassign = org.client.applicationApi.unassignUserFromApplication({ appId: salesforce.sandbox, userId: viaGroup.id });
    await assert.rejects(unassign, oktaApiError(400, 'E0000001'));
  });

  it('assigns a group to an app, giving its members the app, and removes it again', async () => {
    const groupId = (await groupNamed('Contractors')).id ?? '';
    const appId = salesforce.sandbox;
    const api = org.client.applicationApi;
    const appUserCount = async () => (await all(api.listApplicationUsers({ appId }))).length;
    const before = await appUserCount();
    const assignment = await api.assignGroupToApplication({ appId, groupId, applicationGroupAssignment: { priority: 5 } });
    assert.deepEqual([assignment.id, assignment.priority], [groupId, 5]);
    assert.ok(await appUserCount() > before, 'the contractors got the app');

    await api.unassignApplicationFromGroup({ appId, groupId });
    assert.equal(await appUserCount(), before);
    await assert.rejects(api.getApplicationGroupAssignment({ appId, groupId }), oktaApiError(404, 'E0000007'));
  });
});

describe('Okta SDK against the sandbox: app user schema and profile mappings', () => {
  const org = oktaSandboxSuite();

  const firstApp = async (q: string) => (await org.rawApps(`q=${q}&limit=1`))[0].id;

  it('describes the Salesforce app user profile, read raw: the SDK\'s model keeps only Okta user attributes', async () => {
    const appId = await firstApp('salesforce');
    const raw = await org.client.http.getJson(`${org.okta.url}/api/v1/meta/schemas/apps/${appId}/default`);
    const { base, custom } = raw.definitions as Record<'base' | 'custom', { properties: object; required: string[] }>;
    assert.deepEqual(Object.keys(base.properties), [
      'userName', 'email', 'firstName', 'lastName', 'alias', 'communityNickname', 'federationId', 'title', 'department', 'profile', 'role',
    ]);
    assert.deepEqual(base.required, ['userName', 'lastName']);
    assert.deepEqual(Object.keys(custom.properties), ['employeeNumber', 'timeZoneSidKey', 'localeSidKey', 'languageLocaleKey']);
    const model = await org.client.schemaApi.getApplicationUserSchema({ appInstanceId: appId });
    const kept = model.definitions?.base?.properties ?? {};
    assert.ok(!('federationId' in kept), 'the SDK now keeps app attributes: raw reads may no longer be needed');
  });

  it('lists the mappings into and out of an app, and reads one with its properties', async () => {
    const appId = await firstApp('salesforce');
    const toApp = await all(org.client.profileMappingApi.listProfileMappings({ targetId: appId }));
    const fromApp = await all(org.client.profileMappingApi.listProfileMappings({ sourceId: appId }));
    assert.deepEqual([toApp.length, fromApp.length], [1, 1]);
    assert.deepEqual([toApp[0].source?.type, toApp[0].target?.type], ['user', 'appuser']);

    const mapping = await org.client.profileMappingApi.getProfileMapping({ mappingId: toApp[0].id ?? '' });
    const properties = JSON.parse(JSON.stringify(mapping.properties)) as Record<string, { expression: string; pushStatus: string }>;
    assert.deepEqual(properties.userName, { expression: 'user.login', pushStatus: 'PUSH' });
    assert.deepEqual(properties.federationId, { expression: 'user.login', pushStatus: 'PUSH' });
  });

  it('pages through every mapping and refuses an unknown one', async () => {
    const mappings = await all(org.client.profileMappingApi.listProfileMappings({ limit: 20 }));
    assert.equal(new Set(mappings.map((m) => m.id)).size, mappings.length);
    assert.ok(org.exchanges.of('listProfileMappings').length >= 3, 'more than two pages');
    const unknown = org.client.profileMappingApi.getProfileMapping({ mappingId: 'prm0000000unknownXYZ' });
    await assert.rejects(unknown, oktaApiError(404, 'E0000007'));
  });
});
