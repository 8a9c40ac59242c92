// The real Okta SDK authenticating to the sandbox org: API tokens (SSWS) and an OAuth 2.0 service app
// (private-key JWT client assertion, DPoP, scopes). Every exchange is checked against the spec.
import { OktaApiError } from '@okta/okta-sdk-nodejs';
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { all, apiTokenClient, oktaApiError, serviceAppClient } from './oktaSdkClients';

/** What the token endpoint answered, oldest first. */
const tokenAnswers = (org: SandboxSuite) => org.exchanges.of('token').map((e) => e.responseBody as { error?: string; token_type?: string });

describe('Okta SDK against the sandbox: authentication', () => {
  const org = oktaSandboxSuite();

  it('refuses a wrong API token with E0000011', async () => {
    const client = apiTokenClient(org.okta, { token: '00wrongTokenwrongTokenwrongTokenwrongToken' });
    await assert.rejects(client.userApi.getUser({ userId: 'me' }), oktaApiError(401, 'E0000011'));
  });

  it('lets the service app list apps with a Bearer token from its signed client assertion', async () => {
    const apps = await all(serviceAppClient(org.okta).applicationApi.listApplications({ limit: 200 }));
    assert.equal(apps.length, 64);
    assert.deepEqual(tokenAnswers(org).map((answer) => answer.token_type), ['Bearer']);
  });

  it('answers E0000006 naming the scope a service app token lacks', async () => {
    const client = serviceAppClient(org.okta, { scopes: ['okta.apps.read'] });
    assert.ok((await all(client.applicationApi.listApplications({ limit: 1 }))).length > 0);
    const error = await all(client.userApi.listUsers({ limit: 5 })).catch((e: unknown) => e);
    assert.ok(oktaApiError(403, 'E0000006', /okta\.users\.read/)(error) && error instanceof OktaApiError);
    assert.match(error.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
  });

  it('lets a .manage scope do what its .read scope allows', async () => {
    const client = serviceAppClient(org.okta, { scopes: ['okta.apps.manage'] });
    assert.equal((await all(client.applicationApi.listApplications({ q: 'salesforce' }))).length, 2);
  });

  // The SDK does not check the token endpoint's answer: it sends "Bearer undefined" and reports the API's E0000011.
  it('refuses to issue a scope the service app was not granted', async () => {
    const client = serviceAppClient(org.okta, { scopes: ['okta.users.manage'] });
    await assert.rejects(all(client.userApi.listUsers({})), oktaApiError(401, 'E0000011'));
    assert.equal(tokenAnswers(org).at(-1)?.error, 'invalid_scope');
  });

  it('refuses a client assertion signed with a key Okta does not know', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const client = serviceAppClient(org.okta, { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    await assert.rejects(all(client.applicationApi.listApplications({})), oktaApiError(401, 'E0000011'));
    // The SDK asks for a new token once after a 401, then gives up.
    assert.deepEqual(tokenAnswers(org).slice(-2).map((answer) => answer.error), ['invalid_client', 'invalid_client']);
  });

  it('refuses an expired access token with E0000011, also after the SDK fetched a new one', async () => {
    org.okta.faults.set({ tokenLifetimeSeconds: 0 });
    const tokensBefore = tokenAnswers(org).length;
    await assert.rejects(all(serviceAppClient(org.okta).applicationApi.listApplications({})), oktaApiError(401, 'E0000011'));
    org.okta.faults.set({});
    assert.equal(tokenAnswers(org).length - tokensBefore, 2);
  });
});

describe('Okta SDK against the sandbox: a service app that requires DPoP', () => {
  const org = oktaSandboxSuite({ serviceAppRequiresDpop: true });

  it('completes the DPoP nonce handshake and proves the token\'s key on every request', async () => {
    const client = serviceAppClient(org.okta);
    const apps = await all(client.applicationApi.listApplications({ limit: 50 }));
    assert.equal(apps.length, 64);
    assert.deepEqual(tokenAnswers(org).map((answer) => answer.error ?? answer.token_type), ['use_dpop_nonce', 'DPoP']);
    // client.http sends the method in lower case; the proof still matches.
    const user = await client.http.getJson(`${org.okta.url}/api/v1/users/admin@acme.example`);
    assert.equal(user.status, 'ACTIVE');

    const bearer = { Authorization: `Bearer ${client.oauth.accessToken.access_token}` };
    const withoutProof = await fetch(`${org.okta.url}/api/v1/apps`, { headers: bearer });
    assert.equal(withoutProof.status, 401, 'a DPoP-bound token needs its proof');
    assert.equal(((await withoutProof.json()) as { errorCode: string }).errorCode, 'E0000011');
  });
});
