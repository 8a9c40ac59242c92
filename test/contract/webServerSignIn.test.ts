// The browser sign-in (OAuth web-server flow with PKCE and a loopback callback) and session
// renewal, through the real jsforce against the sandbox org. The "browser" here fills the
// sandbox's login form over HTTP and follows its redirect to the loopback server.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  openSalesforceSession, refreshOAuthSession, revokeOAuthToken, SalesforceFailure, SignInFailure, signInWithBrowser,
} from '../../src/salesforce/api/salesforceApi';
import { freePort } from '../harness/freePort';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { logInThroughForm } from '../sandbox/salesforce/loginForm';
import { testNetwork } from './testNetwork';

describe('Salesforce browser sign-in against the sandbox', () => {
  let salesforce: SalesforceSandbox;
  let port: number;
  before(async () => {
    salesforce = await startSalesforceSandbox({ log: () => {} });
    port = await freePort();
    // The admin registered this loopback callback in the connected app.
    salesforce.connectedApp.callbackUrls.push(`http://localhost:${port}/OauthRedirect`);
  });
  after(() => salesforce.close());
  beforeEach(() => {
    salesforce.faults.set({});
    salesforce.connectedApp.requireSecretForWebServerFlow = false;
    salesforce.connectedApp.rotateRefreshTokens = true;
  });

  /** A browser that signs in as the integration user and lands on the loopback callback. */
  const browser = (username = salesforce.integrationUsername, password = salesforce.integrationPassword) => {
    const pages: Array<{ status: number; text: string }> = [];
    return {
      pages,
      open: async (authorizeUrl: string) => {
        void (async () => {
          const redirect = await logInThroughForm(authorizeUrl, username, password);
          const callback = await fetch(redirect);
          pages.push({ status: callback.status, text: await callback.text() });
        })();
        return true;
      },
    };
  };

  // The common real path: the browser signs in at the generic login host (login.salesforce.com),
  // and the tokens name the org's My Domain as the instance.
  const signIn = (overrides: Partial<Parameters<typeof signInWithBrowser>[0]> = {}) => signInWithBrowser({
    loginUrl: salesforce.loginUrl, clientId: salesforce.connectedApp.consumerKey, port, timeoutMs: 10_000, network: testNetwork(),
    openBrowser: browser().open, ...overrides,
  });

  const failureOf = async (work: Promise<unknown>) => {
    const failure = await work.then(() => undefined, (e: unknown) => e);
    assert.ok(failure instanceof SignInFailure, `expected a SignInFailure, got ${String(failure)}`);
    return failure;
  };

  it('receives the code on the loopback server, trades it for tokens and tells the browser', async () => {
    const admin = browser();
    let opened = '';
    const tokens = await signIn({ openBrowser: (url) => ((opened = url), admin.open(url)) });
    assert.equal(new URL(opened).origin, salesforce.loginUrl, 'the browser went to the login host');
    assert.notEqual(salesforce.loginUrl, salesforce.url);
    assert.equal(tokens.instanceUrl, salesforce.url, 'and landed on the My Domain');
    assert.ok(tokens.refreshToken);
    const identity = await openSalesforceSession({ instanceUrl: tokens.instanceUrl, accessToken: tokens.accessToken, apiVersion: '64.0', network: testNetwork() }).verify();
    assert.equal(identity.username, salesforce.integrationUsername);
    assert.equal(admin.pages[0]?.status, 200);
    assert.match(admin.pages[0]?.text ?? '', /You are signed in/);
  });

  it('ignores a callback without its state and keeps waiting for the real one', async () => {
    let stray: number | undefined;
    const admin = browser();
    const tokens = await signIn({
      openBrowser: async (url) => {
        stray = (await fetch(`http://127.0.0.1:${port}/OauthRedirect?code=forged&state=not-ours`)).status;
        return admin.open(url);
      },
    });
    assert.equal(stray, 400);
    assert.ok(tokens.accessToken);
  });

  it('sends the consumer secret when the connected app requires it, and says so when it is missing', async () => {
    salesforce.connectedApp.requireSecretForWebServerFlow = true;
    const failure = await failureOf(signIn());
    assert.equal(failure.kind, 'secretRequired');
    assert.match(failure.message, /consumer secret/);
    const tokens = await signIn({ clientSecret: salesforce.connectedApp.consumerSecret });
    assert.ok(tokens.accessToken);
  });

  it('names an unknown consumer key before opening the browser, and hints at production vs sandbox', async () => {
    let opened = false;
    const failure = await failureOf(signIn({ clientId: '3MVG9unknown', openBrowser: async () => (opened = true) }));
    assert.equal(failure.kind, 'unknownClient');
    assert.match(failure.message, /does not know this consumer key/);
    assert.match(failure.message, /test\.salesforce\.com/);
    assert.equal(opened, false);
  });

  it('shows the exact callback URL to add when the connected app does not list it', async () => {
    const unregistered = await freePort();
    const failure = await failureOf(signIn({ port: unregistered }));
    assert.equal(failure.kind, 'callbackNotRegistered');
    assert.ok(failure.message.includes(`http://localhost:${unregistered}/OauthRedirect`), failure.message);
  });

  it('says the port is busy when something else listens on it', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const failure = await failureOf(signIn());
      assert.equal(failure.kind, 'portBusy');
      assert.ok(failure.message.includes(`${port}`));
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('gives up cleanly when the browser never comes back, and frees the port', async () => {
    const failure = await failureOf(signIn({ timeoutMs: 300, openBrowser: async () => true }));
    assert.equal(failure.kind, 'timeout');
    assert.ok((await signIn()).accessToken, 'the port is free for the next sign-in');
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    const failure = await failureOf(signIn({ signal: controller.signal, openBrowser: async () => (controller.abort(), true) }));
    assert.equal(failure.kind, 'cancelled');
  });

  it('reports a denied consent, and a browser that could not be opened', async () => {
    const denied = await failureOf(signIn({
      openBrowser: async (url) => {
        const state = new URL(url).searchParams.get('state') ?? '';
        void fetch(`http://127.0.0.1:${port}/OauthRedirect?error=access_denied&error_description=end-user+denied+authorization&state=${state}`);
        return true;
      },
    }));
    assert.equal(denied.kind, 'denied');
    const noBrowser = await failureOf(signIn({ openBrowser: async () => false }));
    assert.equal(noBrowser.kind, 'noBrowser');
    assert.match(noBrowser.message, /services\/oauth2\/authorize/);
  });

  it('renews an expired session once with the refresh token and goes on', async () => {
    const tokens = await signIn();
    salesforce.faults.set({ tokenLifetimeSeconds: 0 });
    const expired = (await signIn()).accessToken;
    salesforce.faults.set({});
    const renewed: string[] = [];
    const session = openSalesforceSession({
      instanceUrl: salesforce.url, accessToken: expired, apiVersion: '64.0', network: testNetwork(),
      refresh: async () => {
        const { accessToken } = await refreshOAuthSession({ loginUrl: salesforce.url, clientId: salesforce.connectedApp.consumerKey, refreshToken: tokens.refreshToken ?? '', network: testNetwork() });
        renewed.push(accessToken);
        return accessToken;
      },
    });
    const { snapshot } = await session.readSnapshot();
    assert.ok(snapshot.profiles.length > 0);
    assert.equal(renewed.length, 1);
    assert.notEqual(renewed[0], expired);
  });

  it('hands back the new refresh token where the app rotates them; the one used stops working', async () => {
    const { refreshToken: first = '' } = await signIn();
    const renew = (refreshToken: string) => refreshOAuthSession({ loginUrl: salesforce.url, clientId: salesforce.connectedApp.consumerKey, refreshToken, network: testNetwork() });
    const renewed = await renew(first);
    assert.ok(renewed.refreshToken && renewed.refreshToken !== first);
    const reused = await renew(first).catch((e: unknown) => e);
    assert.ok(reused instanceof SalesforceFailure && reused.kind === 'sessionExpired', String(reused));
    assert.ok((await renew(renewed.refreshToken)).refreshToken);

    salesforce.connectedApp.rotateRefreshTokens = false;
    const { refreshToken: kept = '' } = await signIn();
    assert.equal((await renew(kept)).refreshToken, undefined);
    assert.ok(await renew(kept));
  });

  it('asks to sign in again once the refresh token is revoked', async () => {
    const tokens = await signIn();
    const refreshToken = tokens.refreshToken ?? '';
    await revokeOAuthToken(salesforce.url, refreshToken, testNetwork());
    const refused = await refreshOAuthSession({ loginUrl: salesforce.url, clientId: salesforce.connectedApp.consumerKey, refreshToken, network: testNetwork() }).catch((e: unknown) => e);
    assert.ok(refused instanceof SalesforceFailure);
    assert.equal(refused.kind, 'sessionExpired');
    assert.match(refused.message, /Sign in again/);

    // A session whose renewal fails that way says the same, not "cannot reach".
    const session = openSalesforceSession({
      instanceUrl: salesforce.url, accessToken: `${salesforce.organizationId}!expired`, apiVersion: '64.0', network: testNetwork(),
      refresh: async () => (await refreshOAuthSession({ loginUrl: salesforce.url, clientId: salesforce.connectedApp.consumerKey, refreshToken, network: testNetwork() })).accessToken,
    });
    const failure = await session.verify().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'sessionExpired');
  });
});
