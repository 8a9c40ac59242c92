// The Okta adapter's reads for the provisioning pre-flight and dry run (issue 14), through the real
// @okta/okta-sdk-nodejs against the sandbox org: the Salesforce app's push mapping (exactly two
// requests), users with their whole profile (one request), a user's app profile (404 as "not
// assigned"), what a service app without the scopes is told, and hostile mapping data kept as data.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type OktaCredential, OktaFailure, oktaScopes, type OktaSession, openOktaSession } from '../../src/okta/api/oktaApi';
import { hostileAttributeTitle } from '../sandbox/okta/appUserSchemas';
import { hostileAppLabel } from '../sandbox/okta/seed';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

const session = (org: SandboxSuite, credential?: OktaCredential): OktaSession => openOktaSession({
  orgUrl: org.okta.url, credential: credential ?? { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork(),
});
const serviceApp = (org: SandboxSuite, scopes: readonly string[]): OktaCredential => ({
  kind: 'serviceApp', clientId: org.okta.serviceApp.clientId, privateKey: org.okta.serviceApp.privateKeyPem, scopes,
});

/** How many requests of each operation `work` made. */
async function counted<T>(org: SandboxSuite, operations: string[], work: () => Promise<T>): Promise<[T, number[]]> {
  const before = operations.map((op) => org.exchanges.of(op).length);
  const result = await work();
  return [result, operations.map((op, i) => org.exchanges.of(op).length - before[i])];
}

async function failureOf(work: Promise<unknown>): Promise<OktaFailure> {
  const failure = await work.then(() => undefined, (e: unknown) => e);
  assert.ok(failure instanceof OktaFailure, `expected an OktaFailure, got ${String(failure)}`);
  return failure;
}

const mappingOperations = ['listProfileMappings', 'getProfileMapping'];

describe('Okta adapter: pre-flight reads', () => {
  const org = oktaSandboxSuite();
  const production = async () => (await org.appsNamed('salesforce'))[0].id;
  const userId = async (login: string) => {
    const [user] = (await session(org).searchUsers(login.split('.')[0])).filter((u) => u.login === login);
    assert.ok(user, login);
    return user.id;
  };

  it('reads the PRODUCTION app\'s push mapping in exactly two requests, every property as Okta stores it', async () => {
    const appId = await production();
    const [mapping, requests] = await counted(org, mappingOperations, () => session(org).readPushMapping(appId));
    assert.deepEqual(requests, [1, 1]);
    assert.ok(mapping);
    assert.match(mapping.id, /^prm/);
    assert.deepEqual([mapping.source.type, mapping.target.type, mapping.target.id], ['user', 'appuser', appId]);
    assert.deepEqual(Object.keys(mapping.properties), [
      'userName', 'email', 'firstName', 'lastName', 'alias', 'communityNickname', 'federationId', 'employeeNumber', 'title', 'department',
      'timeZoneSidKey', 'localeSidKey', 'languageLocaleKey',
    ]);
    assert.deepEqual(mapping.properties.alias, {
      expression: 'String.toLowerCase(String.substring(user.firstName, 0, 1) + user.lastName)', pushStatus: 'DONT_PUSH',
    });
    assert.deepEqual(mapping.properties.communityNickname, { expression: 'String.substringBefore(user.login, "@")', pushStatus: 'PUSH' });
    assert.deepEqual(mapping.properties.languageLocaleKey, { expression: '"en_US"', pushStatus: 'PUSH' });
    assert.ok(!('emailEncodingKey' in mapping.properties), 'the trap: EmailEncodingKey, required by Salesforce, is not mapped');
  });

  it('serves the schema the mapping writes: enums with titles, an employee number without a length limit', async () => {
    const { attributes } = await session(org).readAppUserSchema(await production());
    const timeZone = attributes.timeZoneSidKey as { enum: string[]; oneOf: Array<{ const: string; title: string }> };
    assert.ok(timeZone.enum.includes('Asia/Calcutta') && timeZone.enum.includes('Asia/Kolkata'));
    assert.deepEqual(timeZone.oneOf.map((o) => o.const), timeZone.enum);
    assert.equal(attributes.employeeNumber.maxLength, undefined);
    assert.equal(attributes.employeeNumber.externalName, 'EmployeeNumber');
    assert.equal(attributes.alias.maxLength, 8);
    assert.equal(attributes.email.format, 'email');
    assert.ok(!('emailEncodingKey' in attributes));
  });

  it('gives the SANDBOX app EmailEncodingKey and Salesforce\'s own time zones: the traps are the PRODUCTION app\'s', async () => {
    const sandbox = (await org.appsNamed('salesforce'))[1].id;
    const { attributes } = await session(org).readAppUserSchema(sandbox);
    assert.ok(!(attributes.timeZoneSidKey.enum as string[]).includes('Asia/Calcutta'));
    assert.equal(attributes.employeeNumber.externalName, 'EmployeeNumber');
    const mapping = await session(org).readPushMapping(sandbox);
    assert.deepEqual(mapping?.properties.emailEncodingKey, { expression: '"UTF-8"', pushStatus: 'PUSH' });
    assert.equal(mapping?.properties.employeeNumber, undefined);
  });

  it('answers undefined, after one request, for an app without a push mapping', async () => {
    const [box] = await org.rawApps('q=Box&limit=1');
    const [mapping, requests] = await counted(org, mappingOperations, () => session(org).readPushMapping(box.id));
    assert.equal(mapping, undefined);
    assert.deepEqual(requests, [1, 0]);
  });

  it('searches users in one request with their whole profile, the trap attributes included', async () => {
    const [found, [requests]] = await counted(org, ['listUsers'], () => session(org).searchUsers('Ines'));
    assert.equal(requests, 1);
    const ines = found.find((u) => u.login === 'ines.okafor@acme.example');
    assert.ok(ines);
    assert.equal(ines.displayName, 'Ines Okafor');
    assert.equal(ines.status, 'ACTIVE');
    assert.deepEqual([ines.profile.timezone, ines.profile.locale, ines.profile.employeeNumber], ['Asia/Calcutta', 'en_US', 'E10009']);
    const elena = (await session(org).searchUsers('Elena')).find((u) => u.login === 'elena.okafor@acme.example');
    assert.equal(elena?.profile.employeeNumber, 'CONTRACTOR-2026-00012345', 'a contractor: longer than Salesforce\'s 20 characters');
  });

  it('makes no request for an empty search', async () => {
    const [found, [requests]] = await counted(org, ['listUsers'], () => session(org).searchUsers('   '));
    assert.deepEqual([found, requests], [[], 0]);
  });

  it('reads a user\'s app profile as the mapping computed it, and undefined for a user without the app', async () => {
    const appId = await production();
    const chloe = await session(org).readAppUser(appId, await userId('chloe.petrov@acme.example'));
    assert.ok(chloe);
    assert.equal(chloe.scope, 'GROUP');
    assert.deepEqual(
      [chloe.profile.alias, chloe.profile.communityNickname, chloe.profile.timeZoneSidKey, chloe.profile.employeeNumber, chloe.profile.languageLocaleKey],
      ['cpetrov', 'chloe.petrov', 'Asia/Calcutta', 'E10017', 'en_US'],
    );
    const admin = await session(org).readAppUser(appId, await userId('admin@acme.example'));
    assert.equal(admin?.profile.communityNickname, 'admin', 'collides with the Salesforce sandbox admin\'s nickname');

    const [missing, [requests]] = await counted(org, ['getApplicationUser'], async () =>
      session(org).readAppUser(appId, await userId('elena.okafor@acme.example')));
    assert.deepEqual([missing, requests], [undefined, 1]);
  });

  it('names the scope a service app lacks for each read', async () => {
    const appId = await production();
    const readAppsOnly = session(org, serviceApp(org, oktaScopes.readApps));
    const mapping = await failureOf(readAppsOnly.readPushMapping(appId));
    assert.deepEqual([mapping.kind, mapping.missingScope], ['forbidden', 'okta.profileMappings.read']);
    const users = await failureOf(readAppsOnly.searchUsers('Ada'));
    assert.deepEqual([users.kind, users.missingScope], ['forbidden', 'okta.users.read']);
    const noApps = await failureOf(session(org, serviceApp(org, ['okta.users.read'])).readAppUser(appId, await userId('admin@acme.example')));
    assert.deepEqual([noApps.kind, noApps.missingScope], ['forbidden', 'okta.apps.read']);
  });

  it('does all of it with a service app granted oktaScopes.preflight', async () => {
    const appId = await production();
    const preflight = session(org, serviceApp(org, oktaScopes.preflight));
    assert.ok(await preflight.readPushMapping(appId));
    assert.ok('timeZoneSidKey' in (await preflight.readAppUserSchema(appId)).attributes);
    const [ada] = await preflight.searchUsers('Ada');
    assert.ok(await preflight.readAppUser(appId, ada.id));
  });
});

describe('Okta adapter: pre-flight reads of a hostile app', () => {
  const org = oktaSandboxSuite({ hostileApp: true });
  const hostile = async () => {
    const app = (await org.appsNamed('salesforce')).find((a) => a.label === hostileAppLabel);
    assert.ok(app);
    return app.id;
  };

  it('keeps property names like __proto__ as entries and an expression that does not parse as text', async () => {
    const mapping = await session(org).readPushMapping(await hostile());
    assert.ok(mapping);
    assert.equal(Object.getPrototypeOf(mapping.properties), null);
    assert.deepEqual(Object.getOwnPropertyDescriptor(mapping.properties, '__proto__')?.value, { expression: 'user.login', pushStatus: 'PUSH' });
    assert.deepEqual(mapping.properties.constructor, { expression: 'user.department', pushStatus: 'PUSH' });
    assert.deepEqual(mapping.properties.costCenter, { expression: 'String.substring(user.login, 0', pushStatus: 'PUSH' });
    assert.equal(({} as Record<string, unknown>).expression, undefined, 'Object.prototype untouched');
  });

  it('passes an attribute title of markup and 5,000 characters through as it is', async () => {
    const { attributes } = await session(org).readAppUserSchema(await hostile());
    assert.equal(attributes.costCenter.title, hostileAttributeTitle);
    assert.equal(hostileAttributeTitle.length, 5_000);
  });
});
