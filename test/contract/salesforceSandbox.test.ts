// The sandbox Salesforce org through the real jsforce, over HTTP: OAuth flows, session expiry and
// refresh, SOQL with paging and errors, describe, User create validation, limits and faults.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection, OAuth2 } from 'jsforce/core';
import 'jsforce/api/tooling';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { logInThroughForm } from '../sandbox/salesforce/loginForm';

const apiVersion = '64.0';
const callback = 'http://localhost:1717/OauthRedirect';

describe('Salesforce sandbox through jsforce', () => {
  let sf: SalesforceSandbox;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
  });
  after(() => sf.close());

  const oauth2 = (overrides: Partial<{ clientId: string; clientSecret: string; redirectUri: string }> = {}) =>
    new OAuth2({ loginUrl: sf.url, clientId: sf.connectedApp.consumerKey, redirectUri: callback, useVerifier: true, ...overrides });
  const session = (accessToken = sf.accessToken) => new Connection({ instanceUrl: sf.url, accessToken, version: apiVersion });
  const failure = (promise: PromiseLike<unknown>) => Promise.resolve(promise).then(() => assert.fail('expected a failure'), (e: unknown) => e as Error & { errorCode?: string });

  async function signIn(oauth = oauth2()): Promise<{ conn: Connection; redirect: URL }> {
    const redirect = await logInThroughForm(oauth.getAuthorizationUrl({ state: 'st-42', scope: 'api refresh_token' }), sf.integrationUsername, sf.integrationPassword);
    const conn = new Connection({ oauth2: oauth, version: apiVersion });
    await conn.authorize(redirect.searchParams.get('code') ?? '');
    return { conn, redirect };
  }

  describe('OAuth', () => {
    it('completes the web-server flow with PKCE: login page, redirect with code and state, token', async () => {
      const { conn, redirect } = await signIn();
      assert.equal(`${redirect.origin}${redirect.pathname}`, callback);
      assert.equal(redirect.searchParams.get('state'), 'st-42');
      assert.equal(conn.instanceUrl, sf.url);
      assert.ok(conn.refreshToken);
      const identity = await conn.identity();
      assert.equal(identity.username, sf.integrationUsername);
    });

    it('refuses a code that is redeemed twice with invalid_grant, and a wrong code verifier with invalid_request', async () => {
      const oauth = oauth2();
      const redirect = await logInThroughForm(oauth.getAuthorizationUrl({}), sf.integrationUsername, sf.integrationPassword);
      const code = redirect.searchParams.get('code') ?? '';
      await oauth.requestToken(code);
      assert.equal((await failure(oauth.requestToken(code))).name, 'invalid_grant');

      const other = oauth2();
      const second = await logInThroughForm(other.getAuthorizationUrl({}), sf.integrationUsername, sf.integrationPassword);
      assert.equal((await failure(oauth2().requestToken(second.searchParams.get('code') ?? ''))).name, 'invalid_request');
    });

    it('sends invalid_client_id and redirect_uri_mismatch to Salesforce\'s error page on the same host, never to the callback', async () => {
      for (const [oauth, error] of [[oauth2({ clientId: '3MVG9unknown' }), 'invalid_client_id'], [oauth2({ redirectUri: 'http://localhost:9999/cb' }), 'redirect_uri_mismatch']] as const) {
        const refused = await fetch(oauth.getAuthorizationUrl({ state: 'st-7' }), { redirect: 'manual' });
        assert.equal(refused.status, 302);
        const location = new URL(refused.headers.get('location') ?? '');
        assert.equal(`${location.origin}${location.pathname}`, `${sf.url}/setup/secur/RemoteAccessErrorPage.apexp`);
        assert.equal(location.searchParams.get('error'), error);
        assert.equal(location.searchParams.get('state'), 'st-7');
        const page = await fetch(location);
        assert.equal(page.status, 200);
        assert.match(await page.text(), new RegExp(`error=${error}&#38;error_description=`));
      }
    });

    it('answers the token endpoint\'s errors as jsforce errors: invalid_client_id, invalid_client', async () => {
      assert.equal((await failure(oauth2({ clientId: '3MVG9unknown' }).requestToken({ grant_type: 'client_credentials' }))).name, 'invalid_client_id');
      assert.equal((await failure(oauth2({ clientSecret: 'wrong' }).requestToken({ grant_type: 'client_credentials' }))).name, 'invalid_client');
    });

    it('issues client-credentials tokens for the run-as user, without a refresh token', async () => {
      const oauth = new OAuth2({ loginUrl: sf.url, clientId: sf.connectedApp.consumerKey, clientSecret: sf.connectedApp.consumerSecret });
      const token = await oauth.requestToken({ grant_type: 'client_credentials' });
      assert.equal(token.refresh_token, undefined);
      const user = await new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: apiVersion }).identity();
      assert.equal(user.username, sf.integrationUsername);
    });

    it('refreshes after a 401 INVALID_SESSION_ID and carries on', async () => {
      sf.faults.set({ tokenLifetimeSeconds: 1 });
      try {
        const { conn } = await signIn();
        await new Promise((resolve) => setTimeout(resolve, 1100));
        let refreshed = 0;
        conn.on('refresh', () => refreshed++);
        const result = await conn.query('SELECT Id FROM Profile LIMIT 1');
        assert.equal(result.records.length, 1);
        assert.equal(refreshed, 1);
      } finally {
        sf.faults.set({});
      }
    });

    it('revokes a refresh token: refreshing afterwards fails with invalid_grant', async () => {
      const { conn } = await signIn();
      const oauth = oauth2();
      await oauth.revokeToken(conn.refreshToken ?? '');
      assert.equal((await failure(oauth.refreshToken(conn.refreshToken ?? ''))).name, 'invalid_grant');
      // The revoked grant's access token is gone too: jsforce's refresh on the 401 then fails (invalid_grant).
      assert.match((await failure(conn.query('SELECT Id FROM Profile'))).message, /Unable to refresh session due to: expired access\/refresh token/);
    });

    it('answers the userinfo endpoint for a live session', async () => {
      const info = await session().request<{ preferred_username: string }>('/services/oauth2/userinfo');
      assert.equal(info.preferred_username, sf.integrationUsername);
    });
  });

  describe('REST', () => {
    it('refuses a user without API Enabled with API_CURRENTLY_DISABLED, not the org code', async () => {
      const refused = await failure(session(sf.noApiAccessToken).query('SELECT Id FROM Profile'));
      assert.deepEqual([refused.errorCode, refused.message], ['API_CURRENTLY_DISABLED', 'API is disabled for this User']);
    });

    it('lists the API versions without a session', async () => {
      const versions = await (await fetch(`${sf.url}/services/data/`)).json() as Array<{ version: string }>;
      assert.ok(versions.some((v) => v.version === apiVersion));
    });

    it('runs the audit\'s whole-org query with parent fields', async () => {
      const result = await session().query<{ Profile: { Name: string; UserLicense: { Name: string } }; PermissionsManageUsers: boolean }>(
        'SELECT Id, ProfileId, Profile.Name, Profile.UserType, Profile.UserLicense.Name, PermissionsApiEnabled, PermissionsManageUsers FROM PermissionSet WHERE IsOwnedByProfile = true');
      const byName = new Map(result.records.map((r) => [r.Profile.Name, r]));
      assert.ok(byName.size >= 40);
      assert.equal(byName.get('Okta Integration')?.PermissionsManageUsers, true);
      assert.equal(byName.get('Okta Integration - Chatter License')?.PermissionsManageUsers, false);
      assert.equal(byName.get('Okta Integration - Chatter License')?.Profile.UserLicense.Name, 'Chatter Free');
    });

    it('finds Manage Users granted through a permission set to an active user only', async () => {
      const result = await session().query<{ Assignee: { Username: string }; PermissionSet: { Name: string } }>(
        'SELECT AssigneeId, Assignee.Username, PermissionSet.Name, PermissionSet.Type, PermissionSetGroupId FROM PermissionSetAssignment ' +
        'WHERE PermissionSet.IsOwnedByProfile = false AND Assignee.IsActive = true AND PermissionSet.PermissionsManageUsers = true');
      assert.deepEqual(result.records.map((r) => [r.Assignee.Username, r.PermissionSet.Name]), [[sf.seed.integrationUsers.permissionSetGrant, 'Okta_User_Management']]);
    });

    it('reads PermissionDependency through the Tooling API', async () => {
      const result = await session().tooling.query<{ RequiredPermission: string }>("SELECT Permission, RequiredPermission FROM PermissionDependency WHERE Permission = 'ManageUsers'");
      assert.ok(result.records.some((r) => r.RequiredPermission === 'FreezeUsers'));
    });

    it('answers bad SOQL as Salesforce does: INVALID_FIELD, INVALID_TYPE, MALFORMED_QUERY', async () => {
      assert.equal((await failure(session().query('SELECT Id, Nme FROM Profile'))).errorCode, 'INVALID_FIELD');
      assert.equal((await failure(session().query('SELECT Id FROM Profil'))).errorCode, 'INVALID_TYPE');
      assert.equal((await failure(session().query('SELECT Id FROM Profile WHERE'))).errorCode, 'MALFORMED_QUERY');
    });

    it('describes User with the properties that decide what a create needs', async () => {
      const described = await session().sobject('User').describe();
      const field = (name: string) => described.fields.find((f) => f.name === name);
      assert.equal(field('EmployeeNumber')?.length, 20);
      assert.equal(field('Alias')?.length, 8);
      const required = described.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate).map((f) => f.name).sort();
      assert.deepEqual(required, ['Alias', 'Email', 'EmailEncodingKey', 'LanguageLocaleKey', 'LastName', 'LocaleSidKey', 'ProfileId', 'TimeZoneSidKey', 'Username']);
    });

    it('validates a User create like Salesforce: missing, too long, restricted picklist, duplicate, username form, references; then creates', async () => {
      const conn = session();
      const profileId = sf.seed.data.records('Profile').find((p) => p.Name === 'Standard User')?.Id;
      const valid = {
        Username: 'new.hire@acme-sandbox.example', LastName: 'Hire', Email: 'new.hire@acme.example', Alias: 'nhire', ProfileId: profileId,
        TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
      };
      const refusal = async (record: Record<string, unknown>) => {
        const error = await failure(conn.sobject('User').create(record));
        return [error.errorCode, error.message];
      };
      const [missing, missingMessage] = await refusal({ LastName: 'Only' });
      assert.equal(missing, 'REQUIRED_FIELD_MISSING');
      assert.match(missingMessage ?? '', /\[Username, Email, Alias, ProfileId, TimeZoneSidKey, LocaleSidKey, EmailEncodingKey, LanguageLocaleKey\]/);
      assert.deepEqual(await refusal({ ...valid, EmployeeNumber: 'x'.repeat(21) }), ['STRING_TOO_LONG', `Employee Number: data value too large: ${'x'.repeat(21)} (max length=20)`]);
      assert.equal((await refusal({ ...valid, LocaleSidKey: 'xx_XX' }))[0], 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
      assert.equal((await refusal({ ...valid, Username: sf.integrationUsername }))[0], 'DUPLICATE_USERNAME');
      assert.deepEqual(await refusal({ ...valid, Username: 'new.hire' }), ['FIELD_INTEGRITY_EXCEPTION', 'Username must be in the form of an email address (for example, john@acme.com)']);
      // A profile id that names no profile, and an id of another object, are two different refusals.
      assert.equal((await refusal({ ...valid, ProfileId: `${String(profileId).slice(0, 5)}ZZZZZZZZZZAAA` }))[0], 'INVALID_CROSS_REFERENCE_KEY');
      assert.equal((await refusal({ ...valid, ProfileId: sf.seed.data.records('User')[0].Id }))[0], 'FIELD_INTEGRITY_EXCEPTION');
      const created = await conn.sobject('User').create(valid);
      assert.equal(created.success, true);
      assert.match(created.id ?? '', /^005/);
      // As every user, the new one holds an assignment to their profile's own permission set.
      const own = await conn.query<{ PermissionSet: { ProfileId: string } }>(
        `SELECT PermissionSet.ProfileId FROM PermissionSetAssignment WHERE AssigneeId = '${created.id}' AND PermissionSet.IsOwnedByProfile = true`);
      assert.deepEqual(own.records.map((row) => row.PermissionSet.ProfileId), [profileId]);
      assert.equal((await refusal(valid))[0], 'DUPLICATE_USERNAME');
    });

    it('counts API requests in /limits', async () => {
      const conn = session();
      const first = await conn.limits();
      await conn.query('SELECT Id FROM Profile LIMIT 1');
      const second = await conn.limits();
      assert.equal(first.DailyApiRequests.Remaining - second.DailyApiRequests.Remaining, 2);
    });

    it('retries an injected 503 (jsforce retries 5xx) and gets the answer', async () => {
      sf.faults.set({ serverError: { count: 1, status: 503 } });
      const result = await session().query('SELECT Id FROM Profile LIMIT 2');
      assert.equal(result.records.length, 2);
      assert.deepEqual(sf.faults.current, {});
    });

    it('answers an unknown route with NOT_FOUND', async () => {
      assert.equal((await failure(session().request('/services/data/v64.0/nothing/here'))).errorCode, 'NOT_FOUND');
    });
  });
});

describe('Salesforce sandbox paging (large org)', () => {
  let sf: SalesforceSandbox;
  const locatorLifetimeMs = 2000;
  before(async () => {
    sf = await startSalesforceSandbox({ profileCount: 4500, queryLocatorLifetimeSeconds: locatorLifetimeMs / 1000, log: () => {} });
  });
  after(() => sf.close());

  const soql = 'SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true';

  /** Follows nextRecordsUrl to the end: each page's ids. */
  async function pages(conn: Connection): Promise<{ ids: string[][]; totalSize: number }> {
    const ids: string[][] = [];
    let result = await conn.query<{ Id: string }>(soql);
    ids.push(result.records.map((r) => r.Id));
    while (!result.done && result.nextRecordsUrl) {
      result = await conn.queryMore<{ Id: string }>(result.nextRecordsUrl);
      ids.push(result.records.map((r) => r.Id));
    }
    return { ids, totalSize: result.totalSize };
  }

  it('pages a query through nextRecordsUrl in batches of at most 2,000 rows, some of them fewer', async () => {
    const conn = new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: apiVersion });
    const { ids, totalSize } = await pages(conn);
    const sizes = ids.map((page) => page.length);
    assert.equal(totalSize, 4500);
    assert.equal(new Set(ids.flat()).size, 4500, 'every row once, none skipped');
    assert.ok(sizes.length >= 3);
    assert.ok(sizes.every((size) => size > 0 && size <= 2000), `page sizes ${sizes.join(', ')}`);
    // Salesforce: "the returned batch can include fewer records than the limit".
    assert.ok(sizes.slice(0, -1).some((size) => size < 2000), `a page before the last has fewer than 2,000 rows (${sizes.join(', ')})`);
    assert.deepEqual((await pages(conn)).ids.map((page) => page.length), sizes, 'the same query is paged the same way');
  });

  it('keeps a query locator while it is used, and refuses it once unused for its lifetime (INVALID_QUERY_LOCATOR)', async () => {
    const conn = new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: apiVersion });
    const sizes = (await pages(conn)).ids.map((page) => page.length);
    assert.equal(sizes.length, 3, 'this org\'s query takes three pages');
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const first = await conn.query<{ Id: string }>(soql);
    await wait(locatorLifetimeMs / 2);
    const second = await conn.queryMore<{ Id: string }>(first.nextRecordsUrl ?? '');
    await wait(locatorLifetimeMs / 2);
    const third = await conn.queryMore<{ Id: string }>(second.nextRecordsUrl ?? '');
    assert.deepEqual([second.records.length, third.records.length, third.done], [sizes[1], sizes[2], true], 'each use restarts the lifetime');

    const idle = await conn.query<{ Id: string }>(soql);
    await wait(locatorLifetimeMs + 300);
    await assert.rejects(Promise.resolve(conn.queryMore(idle.nextRecordsUrl ?? '')), (error: Error & { errorCode?: string }) => error.errorCode === 'INVALID_QUERY_LOCATOR');
  });
});
