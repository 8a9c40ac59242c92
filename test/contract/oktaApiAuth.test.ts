// The Okta adapter signed in each way, through the real @okta/okta-sdk-nodejs against the sandbox org:
// an API token, a service app (PEM and JWK keys), a service app that requires DPoP; and what each
// refusal says: a refused token or key, a scope the service app's token lacks.
import * as assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { allOktaScopes, type OktaCredential, OktaFailure, oktaScopes, openOktaSession } from '../../src/okta/api/oktaApi';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

const session = (org: SandboxSuite, credential: OktaCredential) => openOktaSession({ orgUrl: org.okta.url, credential, network: testNetwork() });

const serviceApp = (org: SandboxSuite, overrides: Partial<Extract<OktaCredential, { kind: 'serviceApp' }>> = {}): OktaCredential => ({
  kind: 'serviceApp', clientId: org.okta.serviceApp.clientId, privateKey: org.okta.serviceApp.privateKeyPem, scopes: allOktaScopes, ...overrides,
});

async function failureOf(work: Promise<unknown>): Promise<OktaFailure> {
  const failure = await work.then(() => undefined, (e: unknown) => e);
  assert.ok(failure instanceof OktaFailure, `expected an OktaFailure, got ${String(failure)}`);
  return failure;
}

/** What the sandbox's token endpoint answered, oldest first. */
const tokenAnswers = (org: SandboxSuite) => org.exchanges.of('token').map((e) => e.responseBody as { error?: string; token_type?: string });

describe('Okta adapter: signing in', () => {
  const org = oktaSandboxSuite();

  it('asks for every scope the features use, and no other', () => {
    assert.deepEqual([...allOktaScopes].sort(), [
      'okta.apps.manage', 'okta.apps.read', 'okta.groups.read', 'okta.logs.read', 'okta.profileMappings.read', 'okta.schemas.read', 'okta.users.read',
    ]);
  });

  it('lists Salesforce instances with an API token', async () => {
    const page = await session(org, { kind: 'apiToken', token: org.okta.apiToken }).listApps({ salesforceOnly: true });
    assert.deepEqual(page.items.map((app) => app.instanceType), ['PRODUCTION', 'SANDBOX']);
  });

  it('lists them with a service app and a PEM key, naming the app by its client id', async () => {
    const app = session(org, serviceApp(org, { scopes: oktaScopes.readApps }));
    assert.deepEqual(await app.verify(), { login: org.okta.serviceApp.clientId });
    assert.equal((await app.listApps({ salesforceOnly: true })).items.length, 2);
    assert.equal(tokenAnswers(org).at(-1)?.token_type, 'Bearer');
  });

  it('signs in with the key given as JWK JSON', async () => {
    const jwk = JSON.stringify(createPrivateKey(org.okta.serviceApp.privateKeyPem).export({ format: 'jwk' }));
    const page = await session(org, serviceApp(org, { privateKey: jwk })).listApps({ salesforceOnly: true });
    assert.equal(page.items[0].loginUrl, 'https://acme.my.salesforce.com');
  });

  it('names the scope a service app lacks and where to grant it', async () => {
    const failure = await failureOf(session(org, serviceApp(org, { scopes: oktaScopes.readApps })).searchUsersAndGroups('Ada'));
    assert.equal(failure.kind, 'forbidden');
    assert.equal(failure.errorCode, 'E0000006');
    assert.equal(failure.missingScope, 'okta.users.read');
    assert.match(failure.message, /lacks the scope okta\.users\.read .*Admin Console → Applications → the service app → Okta API Scopes/);
  });

  it('says a refused API token is the problem and where to make a new one', async () => {
    const failure = await failureOf(session(org, { kind: 'apiToken', token: '00wrongTokenwrongTokenwrongTokenwrongToken' }).listApps());
    assert.equal(failure.kind, 'unauthorized');
    assert.equal(failure.errorCode, 'E0000011');
    assert.match(failure.message, /API token.*Security → API → Tokens/);
  });

  it('refuses an API token once it is revoked (E0000011), while the admin\'s other tokens still work', async () => {
    const revoked = org.okta.createApiToken();
    const other = org.okta.createApiToken();
    assert.equal((await session(org, { kind: 'apiToken', token: revoked }).listApps({ salesforceOnly: true })).items.length, 2);
    const revoke = () => fetch(`${org.okta.url}/api/v1/api-tokens/current`, { method: 'DELETE', headers: { Authorization: `SSWS ${revoked}` } });
    assert.equal((await revoke()).status, 204);
    const failure = await failureOf(session(org, { kind: 'apiToken', token: revoked }).listApps());
    assert.equal(failure.errorCode, 'E0000011');
    assert.equal((await revoke()).status, 401, 'a revoked token cannot revoke itself again');
    assert.equal((await session(org, { kind: 'apiToken', token: other }).listApps({ salesforceOnly: true })).items.length, 2);
  });

  it('says a key Okta does not know is refused by the token endpoint (invalid_client), and what to check', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const unknownKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const failure = await failureOf(session(org, serviceApp(org, { privateKey: unknownKey })).listApps());
    assert.equal(failure.kind, 'unauthorized');
    assert.equal(failure.errorCode, 'invalid_client');
    assert.match(failure.message, /refused the service app's sign-in \(invalid_client: .*\)\. Check the client ID, and that the private key's public key/);
    assert.doesNotMatch(failure.message, /PRIVATE KEY|API token/);
  });

  it('says a scope the service app was not granted is refused (invalid_scope)', async () => {
    const failure = await failureOf(session(org, serviceApp(org, { scopes: ['okta.users.manage'] })).listApps());
    assert.equal(failure.errorCode, 'invalid_scope');
    assert.match(failure.message, /Okta API Scopes/);
  });

  it('says a private key that is not a key cannot be used, without echoing it', async () => {
    const failure = await failureOf(session(org, serviceApp(org, { privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' })).listApps());
    assert.equal(failure.kind, 'unauthorized');
    assert.match(failure.message, /private key could not be used .*PEM text .*JWK JSON/);
    assert.doesNotMatch(failure.message, /not a key/);
  });
});

describe('Okta adapter: a service app that requires DPoP', () => {
  const org = oktaSandboxSuite({ serviceAppRequiresDpop: true });

  it('answers the nonce challenge and reads and writes with DPoP-bound tokens', async () => {
    const app = session(org, serviceApp(org));
    const page = await app.listApps({ salesforceOnly: true });
    assert.equal(page.items.length, 2);
    assert.deepEqual(tokenAnswers(org).map((answer) => answer.error ?? answer.token_type), ['use_dpop_nonce', 'DPoP']);
    const [ada] = (await app.searchUsersAndGroups('Ada')).filter((p) => p.kind === 'user');
    const sandboxInstance = page.items[1].id;
    await app.assignUser(sandboxInstance, ada.id);
    await app.unassignUser(sandboxInstance, ada.id);
    assert.equal(org.exchanges.of('unassignUserFromApplication').at(-1)?.status, 204);
  });
});
