// The fault matrix: every fault the sandbox can inject, on Salesforce's token endpoint and on a
// query, against the extension's adapter (in this process) and okta-sf audit-org (its own
// process). A passing fault must be recovered from; a lasting one must end in a message that
// names what happened, never a stack, "fetch failed", an empty line or a whole HTML page. The
// table of outcomes is written to test-results/fault-matrix.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { openSalesforceSession, refreshOAuthSession, SalesforceFailure, signInWithBrowser } from '../../src/salesforce/api/salesforceApi';
import { freePort } from '../harness/freePort';
import { resultsDir } from '../harness/paths';
import type { Faults } from '../sandbox/faults';
import { logInThroughForm } from '../sandbox/salesforce/loginForm';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { runOktaSf } from './oktaSfProcess';
import { testNetwork } from './testNetwork';

type Endpoint = 'token endpoint' | 'query';
const paths: Record<Endpoint, string> = { 'token endpoint': '/services/oauth2/token', query: '/services/data/v64.0/query' };
/** The deadline for the faults that test it (short, to keep the run short), and for all others. */
const timeoutSeconds = 1.5;
const recoverySeconds = 20;

/** What a case expects: recovered, or a failure whose message matches, per endpoint. */
interface Case {
  fault: string;
  faults(path: string, elsewhere: string): Faults;
  named?: (endpoint: Endpoint) => RegExp;
  /** Only the faults that are about the deadline get the short one: others must not depend on the machine's speed. */
  deadline?: 'short';
}

const transient = (fault: string, faults: Case['faults']): Case => ({ fault, faults });
const lasting = (fault: string, faults: Case['faults'], named: (endpoint: Endpoint) => RegExp): Case => ({ fault, faults, named });
const service = (endpoint: Endpoint) => (endpoint === 'query' ? "Salesforce's REST API: check the instance URL" : "Salesforce's OAuth endpoint: check the login URL");

const cases: Case[] = [
  transient('429 once (Retry-After: 1)', (p) => ({ serverError: { count: 1, status: 429, retryAfterSeconds: 1, path: p } })),
  // Retry-After: 0, so that the retries fit in the deadline however slow the machine (a wait past it is not taken: requestPolicy.test.ts).
  lasting('429 lasting', (p) => ({ serverError: { count: 50, status: 429, retryAfterSeconds: 0, path: p } }),
    () => /limiting the rate of requests \(HTTP 429, 3 tries\); try again in 1 s\./),
  transient('500 once', (p) => ({ serverError: { count: 1, status: 500, path: p } })),
  lasting('500 lasting', (p) => ({ serverError: { count: 50, status: 500, path: p } }), () => /had a server error \(HTTP 500, 3 tries\)/),
  transient('503 once', (p) => ({ serverError: { count: 1, status: 503, path: p } })),
  lasting('503 lasting', (p) => ({ serverError: { count: 50, status: 503, path: p } }), () => /had a server error \(HTTP 503, 3 tries\)/),
  transient('reset once', (p) => ({ connectionReset: { count: 1, path: p } })),
  lasting('reset lasting', (p) => ({ connectionReset: { count: 50, path: p } }), () => /closed the connection before answering \(ECONNRESET\)/),
  { ...lasting('black hole', (p) => ({ blackHole: { count: 50, path: p } }), () => new RegExp(`did not answer within ${timeoutSeconds} s`)), deadline: 'short' },
  { ...lasting('slow body', (p) => ({ slowBody: { ms: 60_000, count: 50, path: p } }), () => new RegExp(`began to answer but did not finish within ${timeoutSeconds} s`)), deadline: 'short' },
  lasting('cross-origin redirect', (p, elsewhere) => ({ redirect: { count: 50, location: `${elsewhere}/elsewhere?access_token=leak`, path: p } }),
    () => /redirected the request to http:\/\/127\.0\.0\.1:\d+\/elsewhere \(HTTP 302\)\. It was not followed, so no credentials went there/),
  lasting('HTML answer', (p) => ({ htmlAnswer: { count: 50, status: 200, path: p } }), (endpoint) => new RegExp(`answered with an HTML page \\(HTTP 200\\), not ${service(endpoint)}\\.`)),
];

interface Outcome {
  fault: string;
  endpoint: Endpoint;
  client: 'adapter' | 'okta-sf';
  outcome: string;
}
const outcomes: Outcome[] = [];

/** A server on another origin that records whether anything was sent to it, credentials above all. */
async function captureServer() {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What must never reach a user, whatever failed. */
function assertPlainMessage(message: string): void {
  assert.ok(message.trim().length > 20, `message too short: "${message}"`);
  assert.doesNotMatch(message, /fetch failed|\n\s+at |Cannot read properties|<html|<body|VS Code|oktaSf\./i);
  assert.doesNotMatch(message, /leak|access_token=/);
}

/** One sandbox org per cell, so that cells run side by side without sharing faults. */
interface World {
  sf: SalesforceSandbox;
  capture: Awaited<ReturnType<typeof captureServer>>;
  refreshToken: string;
  close(): Promise<void>;
}

async function signInForRefreshToken(sf: SalesforceSandbox): Promise<string> {
  const port = await freePort();
  sf.connectedApp.callbackUrls.push(`http://localhost:${port}/OauthRedirect`);
  const tokens = await signInWithBrowser({
    loginUrl: sf.url, clientId: sf.connectedApp.consumerKey, port, timeoutMs: 10_000, network: testNetwork(),
    openBrowser: async (authorizeUrl) => {
      void logInThroughForm(authorizeUrl, sf.integrationUsername, sf.integrationPassword).then((redirect) => fetch(redirect));
      return true;
    },
  });
  return tokens.refreshToken ?? '';
}

async function world(): Promise<World> {
  const sf = await startSalesforceSandbox({ log: () => {} });
  const capture = await captureServer();
  return { sf, capture, refreshToken: await signInForRefreshToken(sf), close: async () => void await Promise.all([sf.close(), capture.close()]) };
}

const network = (seconds = timeoutSeconds) => testNetwork({ timeoutMs: seconds * 1000 });

describe('fault matrix', { concurrency: 4 }, () => {
  after(() => {
    fs.mkdirSync(resultsDir, { recursive: true });
    const clients = ['adapter', 'okta-sf'] as const;
    const header = `| fault | ${(['token endpoint', 'query'] as const).flatMap((e) => clients.map((c) => `${e}, ${c}`)).join(' | ')} |`;
    const rows = [...cases, { fault: 'token expiry' }].map((c) => `| ${c.fault} | ${(['token endpoint', 'query'] as const).flatMap((e) => clients.map((client) =>
      outcomes.find((o) => o.fault === c.fault && o.endpoint === e && o.client === client)?.outcome ?? 'not run')).join(' | ')} |`);
    fs.writeFileSync(path.join(resultsDir, 'fault-matrix.md'), [header, `|---|${clients.map(() => '---|---|').join('')}`, ...rows, ''].join('\n'));
  });

  /** The extension's adapter: a refresh-token grant (token endpoint), or a whole-org read (query). */
  async function adapter({ sf, refreshToken }: World, endpoint: Endpoint, seconds: number): Promise<{ ok: true; detail: string } | { ok: false; message: string }> {
    try {
      if (endpoint === 'token endpoint') {
        const renewed = await refreshOAuthSession({ loginUrl: sf.url, clientId: sf.connectedApp.consumerKey, refreshToken, network: network(seconds) });
        return { ok: true, detail: `renewed (${renewed.accessToken.length}-character token)` };
      }
      const { snapshot, apiCalls } = await openSalesforceSession({ instanceUrl: sf.url, accessToken: sf.accessToken, apiVersion: '64.0', network: network(seconds) }).readSnapshot();
      return { ok: true, detail: `${snapshot.profiles.length} profiles in ${apiCalls} API calls` };
    } catch (error) {
      assert.ok(error instanceof SalesforceFailure, `not a SalesforceFailure: ${String(error)}`);
      return { ok: false, message: error.message };
    }
  }

  /** okta-sf audit-org signing in with client credentials, then reading the org. */
  async function cli({ sf }: World, seconds: number): Promise<{ ok: true; detail: string } | { ok: false; message: string }> {
    const run = await runOktaSf(['audit-org', '--login-url', sf.url, '--client-id', sf.connectedApp.consumerKey, '--profiles', 'Okta Integration', '--json', '--timeout', String(seconds)],
      { OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret });
    if (run.code === 0) return { ok: true, detail: `exit 0, ${(JSON.parse(run.stdout) as { profiles: unknown[] }).profiles.length} profiles` };
    assert.equal(run.code, 2, `exit ${run.code}: ${run.stderr}`);
    assert.equal(run.stdout, '');
    return { ok: false, message: run.stderr.trim() };
  }

  const inWorld = async (work: (w: World) => Promise<void>) => {
    const w = await world();
    try {
      await work(w);
    } finally {
      await w.close();
    }
  };

  // Token expiry has no single injection: each cell sets up its own.
  describe('token expiry', { concurrency: 4 }, () => {
    const record = (endpoint: Endpoint, client: Outcome['client'], outcome: string) => outcomes.push({ fault: 'token expiry', endpoint, client, outcome });
    const expiredToken = (sf: SalesforceSandbox) => {
      sf.faults.set({ tokenLifetimeSeconds: 0 });
      const token = sf.issueAccessToken(sf.integrationUsername);
      sf.faults.set({});
      return token;
    };

    it('on a query, adapter: the expired session is renewed once and the read goes on', () => inWorld(async ({ sf, refreshToken }) => {
      let renewals = 0;
      const session = openSalesforceSession({
        instanceUrl: sf.url, accessToken: expiredToken(sf), apiVersion: '64.0', network: network(recoverySeconds),
        refresh: async () => {
          renewals++;
          return (await refreshOAuthSession({ loginUrl: sf.url, clientId: sf.connectedApp.consumerKey, refreshToken, network: network(recoverySeconds) })).accessToken;
        },
      });
      const { snapshot } = await session.readSnapshot();
      assert.equal(renewals, 1);
      record('query', 'adapter', `recovered: renewed once, ${snapshot.profiles.length} profiles`);
    }));

    it('stops renewing a session that is refused again at once, after two renewals', () => inWorld(async ({ sf }) => {
      let renewals = 0;
      const session = openSalesforceSession({
        instanceUrl: sf.url, accessToken: expiredToken(sf), apiVersion: '64.0', network: network(recoverySeconds),
        refresh: async () => {
          renewals++;
          return expiredToken(sf);
        },
      });
      const failure = await session.readSnapshot().catch((e: unknown) => e);
      assert.ok(failure instanceof SalesforceFailure);
      assert.equal(failure.kind, 'sessionExpired');
      assert.match(failure.message, /refused the session again after it was renewed/);
      assert.equal(renewals, 2);
    }));

    it('on a query, okta-sf with an access token it cannot renew: says the session expired', () => inWorld(async ({ sf }) => {
      const run = await runOktaSf(['audit-org', '--instance-url', sf.url, '--timeout', String(timeoutSeconds)], { OKTA_SF_ACCESS_TOKEN: expiredToken(sf) });
      assert.equal(run.code, 2);
      assertPlainMessage(run.stderr);
      assert.match(run.stderr, /session has expired or was revoked \(INVALID_SESSION_ID\)/);
      record('query', 'okta-sf', `exit 2: ${run.stderr.trim()}`);
    }));

    it('on the token endpoint, adapter: an expired or revoked refresh token asks to sign in again', () => inWorld(async ({ sf }) => {
      const doomed = await signInForRefreshToken(sf);
      await fetch(`${sf.url}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: doomed }) });
      const failure = await refreshOAuthSession({ loginUrl: sf.url, clientId: sf.connectedApp.consumerKey, refreshToken: doomed, network: network() }).catch((e: unknown) => e);
      assert.ok(failure instanceof SalesforceFailure);
      assert.equal(failure.kind, 'sessionExpired');
      assertPlainMessage(failure.message);
      assert.match(failure.message, /has expired or was revoked \(invalid_grant\)\. Sign in again\./);
      record('token endpoint', 'adapter', failure.message);
    }));

    it('on the token endpoint, okta-sf: tokens that are expired when issued end in a message, not in endless renewals', () => inWorld(async ({ sf }) => {
      sf.faults.set({ tokenLifetimeSeconds: 0 });
      const run = await runOktaSf(['audit-org', '--login-url', sf.url, '--client-id', sf.connectedApp.consumerKey, '--timeout', String(timeoutSeconds)],
        { OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret }).finally(() => sf.faults.set({}));
      assert.equal(run.code, 2);
      assertPlainMessage(run.stderr);
      assert.match(run.stderr, /refused the session again after it was renewed \(INVALID_SESSION_ID\)/);
      record('token endpoint', 'okta-sf', `exit 2: ${run.stderr.trim()}`);
    }));
  });

  for (const c of cases) {
    for (const endpoint of ['token endpoint', 'query'] as const) {
      for (const client of ['adapter', 'okta-sf'] as const) {
        it(`${c.fault} on the ${endpoint}, ${client}`, () => inWorld(async (w) => {
          w.sf.faults.set(c.faults(paths[endpoint], w.capture.url));
          const seconds = c.deadline === 'short' ? timeoutSeconds : recoverySeconds;
          const result = client === 'adapter' ? await adapter(w, endpoint, seconds) : await cli(w, seconds);
          assert.equal(w.capture.seen.length, 0, 'a request reached the other origin');
          if (!c.named) {
            assert.ok(result.ok, `expected recovery, got: ${result.ok ? '' : result.message}`);
            outcomes.push({ fault: c.fault, endpoint, client, outcome: `recovered: ${result.detail}` });
            return;
          }
          assert.ok(!result.ok, `expected a named failure, got: ${result.ok ? result.detail : ''}`);
          assertPlainMessage(result.message);
          assert.match(result.message, c.named(endpoint));
          outcomes.push({ fault: c.fault, endpoint, client, outcome: `${client === 'okta-sf' ? 'exit 2: ' : ''}${result.message.replace(/\|/g, '\\|')}` });
        }));
      }
    }
  }
});
