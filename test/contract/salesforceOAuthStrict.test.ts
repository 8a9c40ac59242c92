// The sandbox org's OAuth and REST details that a lenient stand-in gets wrong and a real org does
// not: the generic login host (no client credentials there), the authorize endpoint's error page,
// PKCE and client authentication at the token endpoint, release names and `latest` in the versions,
// revoke by GET, the Limit Info header, and reading another user's identity URL.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OAuth2 } from 'jsforce/core';
import { type SignInFailure, signInWithBrowser } from '../../src/salesforce/api/salesforceApi';
import { freePort } from '../harness/freePort';
import { logInThroughForm } from '../sandbox/salesforce/loginForm';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { testNetwork } from './testNetwork';

const callback = 'http://localhost:1717/OauthRedirect';

describe('Salesforce sandbox, as strict as a real org', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const token = (host: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${host}/services/oauth2/token`, { method: 'POST', body: form(fields), headers });
  const clientCredentials = (host: string) => token(host, {
    grant_type: 'client_credentials', client_id: sf.connectedApp.consumerKey, client_secret: sf.connectedApp.consumerSecret,
  });
  const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

  /** A code from the login form, through the authorize endpoint of `host`, with a PKCE challenge. */
  async function authorizationCode(host: string): Promise<{ oauth: OAuth2; code: string }> {
    const oauth = new OAuth2({ loginUrl: host, clientId: sf.connectedApp.consumerKey, redirectUri: callback, useVerifier: true });
    const redirect = await logInThroughForm(oauth.getAuthorizationUrl({ scope: 'api refresh_token' }), sf.integrationUsername, sf.integrationPassword);
    return { oauth, code: redirect.searchParams.get('code') ?? '' };
  }

  describe('the generic login host (login.salesforce.com)', () => {
    it('is a host of its own, and refuses the client-credentials grant that the My Domain grants', async () => {
      assert.notEqual(new URL(sf.loginUrl).host, new URL(sf.url).host);
      const refused = await clientCredentials(sf.loginUrl);
      assert.equal(refused.status, 400);
      assert.deepEqual(await refused.json(), { error: 'invalid_grant', error_description: 'request not supported on this domain' });
      const granted = await clientCredentials(sf.url);
      assert.equal(granted.status, 200);
    });

    it('signs in through the web-server flow and names the My Domain as the instance', async () => {
      const { oauth, code } = await authorizationCode(sf.loginUrl);
      const tokens = await oauth.requestToken(code);
      assert.equal(tokens.instance_url, sf.url);
      assert.ok(tokens.refresh_token);
      const refreshed = await oauth.refreshToken(tokens.refresh_token ?? '');
      assert.equal(refreshed.instance_url, sf.url);
      const query = `/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id FROM Profile LIMIT 1')}`;
      assert.equal((await fetch(`${sf.url}${query}`, { headers: bearer(refreshed.access_token) })).status, 200);
    });

    it('serves no org REST API (only the public versions list)', async () => {
      assert.equal((await fetch(`${sf.loginUrl}/services/data/`)).status, 200);
      const answer = await fetch(`${sf.loginUrl}/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id FROM Profile')}`, { headers: bearer(sf.accessToken) });
      assert.equal(answer.status, 401);
      assert.equal(((await answer.json()) as Array<{ errorCode: string }>)[0].errorCode, 'INVALID_SESSION_ID');
    });

    it('sends a refused authorize request to the error page on its own host', async () => {
      const url = new OAuth2({ loginUrl: sf.loginUrl, clientId: '3MVG9unknown', redirectUri: callback }).getAuthorizationUrl({});
      const refused = await fetch(url, { redirect: 'manual' });
      assert.equal(refused.status, 302);
      assert.ok(refused.headers.get('location')?.startsWith(`${sf.loginUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client_id&`), refused.headers.get('location') ?? '');
    });
  });

  describe('the token endpoint', () => {
    it('answers a code verifier that does not match the challenge with invalid_request', async () => {
      const { code } = await authorizationCode(sf.url);
      const refused = await token(sf.url, { grant_type: 'authorization_code', code, redirect_uri: callback, client_id: sf.connectedApp.consumerKey, code_verifier: 'not-the-verifier' });
      assert.equal(refused.status, 400);
      assert.equal(((await refused.json()) as { error: string }).error, 'invalid_request');
    });

    it('grants client credentials without a refresh token, and without refresh_token in the scope', async () => {
      const granted = (await (await clientCredentials(sf.url)).json()) as { refresh_token?: string; scope: string };
      assert.equal(granted.refresh_token, undefined);
      assert.ok(!granted.scope.split(' ').includes('refresh_token'), granted.scope);
      assert.ok(granted.scope.split(' ').includes('api'), granted.scope);
      const { oauth, code } = await authorizationCode(sf.url);
      assert.ok((await oauth.requestToken(code)).scope?.split(' ').includes('refresh_token'), 'the web-server flow does carry it');
    });

    it('takes the client through HTTP Basic authentication, and checks it as it checks the form', async () => {
      const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
      const { consumerKey, consumerSecret } = sf.connectedApp;
      const granted = await token(sf.url, { grant_type: 'client_credentials' }, basic(consumerKey, consumerSecret));
      assert.equal(granted.status, 200, await granted.clone().text());
      assert.ok(((await granted.json()) as { access_token?: string }).access_token);
      const wrongSecret = await token(sf.url, { grant_type: 'client_credentials' }, basic(consumerKey, 'wrong'));
      assert.equal(((await wrongSecret.json()) as { error: string }).error, 'invalid_client');
      const otherClient = await token(sf.url, { grant_type: 'client_credentials', client_id: '3MVG9other' }, basic(consumerKey, consumerSecret));
      assert.equal(((await otherClient.json()) as { error: string }).error, 'invalid_client');
    });

    it('revokes a token by GET as well as by POST', async () => {
      const accessToken = sf.issueAccessToken(sf.integrationUsername);
      const revoked = await fetch(`${sf.url}/services/oauth2/revoke?token=${encodeURIComponent(accessToken)}`);
      assert.equal(revoked.status, 200);
      assert.equal((await fetch(`${sf.url}/services/data/v64.0/limits`, { headers: bearer(accessToken) })).status, 401);
      const again = await fetch(`${sf.url}/services/oauth2/revoke?token=${encodeURIComponent(accessToken)}`);
      assert.equal(again.status, 400);
    });
  });

  describe('the REST API', () => {
    it('labels the versions with their release names', async () => {
      const versions = (await (await fetch(`${sf.url}/services/data/`)).json()) as Array<{ label: string; version: string }>;
      const label = (version: string) => versions.find((v) => v.version === version)?.label;
      assert.equal(label('58.0'), "Summer '23");
      assert.equal(label('59.0'), "Winter '24");
      assert.equal(label('63.0'), "Spring '25");
      assert.equal(label('65.0'), "Winter '26");
    });

    it('takes `latest` for the newest version', async () => {
      const versions = (await (await fetch(`${sf.url}/services/data/`)).json()) as Array<{ version: string }>;
      const newest = versions[versions.length - 1].version;
      const resources = (await (await fetch(`${sf.url}/services/data/latest`, { headers: bearer(sf.accessToken) })).json()) as { query: string };
      assert.equal(resources.query, `/services/data/v${newest}/query`);
      const query = await fetch(`${sf.url}/services/data/latest/query?q=${encodeURIComponent('SELECT Id FROM Profile LIMIT 1')}`, { headers: bearer(sf.accessToken) });
      assert.equal(query.status, 200);
    });

    it('says the API usage in Sforce-Limit-Info on each REST answer, but not on the versions list', async () => {
      const usage = async () => {
        const answer = await fetch(`${sf.url}/services/data/v64.0/limits`, { headers: bearer(sf.accessToken) });
        const limits = (await answer.json()) as { DailyApiRequests: { Max: number; Remaining: number } };
        return { header: answer.headers.get('sforce-limit-info'), limits: limits.DailyApiRequests };
      };
      const first = await usage();
      const second = await usage();
      assert.equal(second.header, `api-usage=${second.limits.Max - second.limits.Remaining}/${second.limits.Max}`);
      assert.notEqual(first.header, second.header, 'the count moves with each call');
      assert.equal((await fetch(`${sf.url}/services/data/`)).headers.get('sforce-limit-info'), null);
    });

    it('lets an internal user with the api scope read another user\'s identity URL in the same org', async () => {
      const users = sf.seed.data.records('User');
      const me = users.find((u) => u.Username === sf.integrationUsername);
      const other = users.find((u) => u.Username !== sf.integrationUsername && u.IsActive);
      assert.ok(me && other);
      const read = async (userId: unknown, org = sf.organizationId) => fetch(`${sf.url}/id/${org}/${String(userId)}`, { headers: bearer(sf.accessToken) });
      const theirs = (await (await read(other.Id)).json()) as { username: string; asserted_user: boolean };
      assert.deepEqual([theirs.username, theirs.asserted_user], [other.Username, false]);
      const mine = (await (await read(me.Id)).json()) as { username: string; asserted_user: boolean };
      assert.deepEqual([mine.username, mine.asserted_user], [me.Username, true]);
      assert.equal((await read(other.Id, '00D000000000001AAA')).status, 403);
      assert.equal((await read(me.ProfileId)).status, 403, 'an id that is no user');
    });
  });
});

describe('the authorize endpoint\'s two error forms, as the browser sign-in reads them', () => {
  for (const authorizeErrors of ['redirect', 'page'] as const) {
    it(`names an unknown consumer key and an unregistered callback before opening a browser (${authorizeErrors})`, async () => {
      const sf = await startSalesforceSandbox({ log: () => {}, authorizeErrors });
      try {
        const port = await freePort();
        let opened = false;
        const signIn = (clientId: string) => signInWithBrowser({
          loginUrl: sf.loginUrl, clientId, port, timeoutMs: 5000, network: testNetwork(), openBrowser: async () => (opened = true),
        }).then(() => assert.fail('expected a failure'), (e: unknown) => e as SignInFailure);
        const page = await fetch(new OAuth2({ loginUrl: sf.loginUrl, clientId: '3MVG9unknown', redirectUri: callback }).getAuthorizationUrl({}), { redirect: 'manual' });
        assert.equal(page.status, authorizeErrors === 'page' ? 400 : 302);
        assert.equal((await signIn('3MVG9unknown')).kind, 'unknownClient');
        assert.equal((await signIn(sf.connectedApp.consumerKey)).kind, 'callbackNotRegistered');
        assert.equal(opened, false);
      } finally {
        await sf.close();
      }
    });
  }
});
