// The Okta adapter's assignments, through the real @okta/okta-sdk-nodejs against the sandbox org:
// who has a Salesforce instance (users and groups, with counts when the listing is complete), the
// directory search that finds whom to assign, assigning and unassigning, and the app user schema.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OktaFailure, type OktaSession, openOktaSession } from '../../src/okta/api/oktaApi';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

const apiTokenSession = (org: SandboxSuite): OktaSession =>
  openOktaSession({ orgUrl: org.okta.url, credential: { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork() });

describe('Okta adapter: assignments', () => {
  const org = oktaSandboxSuite();
  const salesforce = async () => {
    const [production, sandbox] = await org.appsNamed('salesforce');
    return { production: production.id, sandbox: sandbox.id };
  };

  it('lists the groups assigned to an app, named, with their count', async () => {
    const { production } = await salesforce();
    const page = await apiTokenSession(org).listAppGroups(production);
    assert.deepEqual(page.items.map((group) => [group.name, group.priority]), [['Salesforce Users', 0], ['Salesforce Admins', 1]]);
    assert.equal(page.count, 2);
    assert.equal(page.next, undefined);
  });

  it('lists the users who have an app, directly or through a group, with their Salesforce profile', async () => {
    const { production } = await salesforce();
    const page = await apiTokenSession(org).listAppUsers(production);
    assert.equal(page.count, page.items.length);
    const marketing = page.items.filter((user) => user.scope === 'USER');
    assert.deepEqual(marketing.map((user) => user.profile.profile), ['Marketing User', 'Marketing User', 'Marketing User']);
    assert.ok(page.items.some((user) => user.scope === 'GROUP'));
    assert.ok(page.items.every((user) => user.userName?.endsWith('@acme.example')));
  });

  it('finds users and groups by the start of their names, on the server', async () => {
    const found = await apiTokenSession(org).searchUsersAndGroups('Sales');
    const groups = found.filter((p) => p.kind === 'group').map((p) => p.kind === 'group' && p.name);
    assert.deepEqual(groups, ['Sales', 'Salesforce Users', 'Salesforce Admins']);
    const people = await apiTokenSession(org).searchUsersAndGroups('grace');
    assert.ok(people.length > 0);
    assert.ok(people.every((p) => p.kind === 'user' && p.displayName.startsWith('Grace ')));
    assert.deepEqual(await apiTokenSession(org).searchUsersAndGroups('  '), []);
  });

  it('assigns a user with a Salesforce profile and unassigns them', async () => {
    const { sandbox } = await salesforce();
    const session = apiTokenSession(org);
    const [person] = (await session.searchUsersAndGroups('Kemi')).filter((p) => p.kind === 'user');
    const assigned = await session.assignUser(sandbox, person.id, { profile: 'Standard User' });
    assert.equal(assigned.scope, 'USER');
    assert.equal(assigned.profile.profile, 'Standard User');
    assert.ok((await session.listAppUsers(sandbox)).items.some((user) => user.id === person.id));
    await session.unassignUser(sandbox, person.id);
    assert.ok(!(await session.listAppUsers(sandbox)).items.some((user) => user.id === person.id));
  });

  it('assigns a group and unassigns it', async () => {
    const { sandbox } = await salesforce();
    const session = apiTokenSession(org);
    const [contractors] = (await session.searchUsersAndGroups('Contractors')).filter((p) => p.kind === 'group');
    const assigned = await session.assignGroup(sandbox, contractors.id);
    assert.equal(assigned.id, contractors.id);
    assert.ok((await session.listAppGroups(sandbox)).items.some((group) => group.id === contractors.id && group.name === 'Contractors'));
    await session.unassignGroup(sandbox, contractors.id);
    assert.deepEqual((await session.listAppGroups(sandbox)).items.map((group) => group.name), ['Salesforce Admins']);
  });

  it('says what Okta refused when unassigning a user who has the app through a group', async () => {
    const { production } = await salesforce();
    const viaGroup = (await apiTokenSession(org).listAppUsers(production)).items.find((user) => user.scope === 'GROUP');
    assert.ok(viaGroup);
    const failure = await apiTokenSession(org).unassignUser(production, viaGroup.id).catch((e: unknown) => e);
    assert.ok(failure instanceof OktaFailure);
    assert.equal(failure.kind, 'invalid');
    assert.match(failure.message, /through a group; unassign the group instead/);
  });

  it('reads the app user schema whole, the Salesforce profile attribute included', async () => {
    const { production } = await salesforce();
    const schema = await apiTokenSession(org).readAppUserSchema(production);
    assert.ok('profile' in schema.attributes, Object.keys(schema.attributes).join(', '));
    assert.ok('userName' in schema.attributes);
    assert.ok(schema.raw.definitions);
  });
});
