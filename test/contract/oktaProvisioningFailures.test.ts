// The Okta adapter's System Log reader (issue 17), through the real @okta/okta-sdk-nodejs against the
// sandbox org: every page at Okta's largest size, the window's bounds, the server-side filter (other
// apps and other event types left out), a 429 waited out, a service app without okta.logs.read, and
// the sandbox's refusals of a malformed filter or timestamp. Every exchange is checked against the spec.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { provisioningErrorEventTypes } from '../../src/domain/provisioningFailures/failureEvent';
import { type RetryWait } from '../../src/http/requestPolicy';
import { type FailureEvent, type FailureWindow, type OktaCredential, OktaFailure, oktaScopes, type OktaSession, openOktaSession } from '../../src/okta/api/oktaApi';
import { type LogEvent } from '../sandbox/okta/systemLog';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

const session = (org: SandboxSuite, credential?: OktaCredential, onWait?: (wait: RetryWait) => void): OktaSession => openOktaSession({
  orgUrl: org.okta.url, credential: credential ?? { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork({ onWait }),
});
const serviceApp = (org: SandboxSuite, scopes: readonly string[]): OktaCredential => ({
  kind: 'serviceApp', clientId: org.okta.serviceApp.clientId, privateKey: org.okta.serviceApp.privateKeyPem, scopes,
});

const day = 86_400_000;
/** The last 31 days: the seed's events are all in the 30 before the sandbox starts. */
const lastMonth = (): FailureWindow => ({ since: new Date(Date.now() - 31 * day).toISOString(), until: new Date(Date.now() + 60_000).toISOString() });

/** Every event the sandbox holds, unfiltered, read page by page over raw HTTP: the oracle for the server's filter. */
async function wholeLog(org: SandboxSuite, window: FailureWindow): Promise<LogEvent[]> {
  const all: LogEvent[] = [];
  let url: string | undefined = `${org.okta.url}/api/v1/logs?${new URLSearchParams({ ...window, limit: '1000' })}`;
  while (url) {
    const response = await org.client.http.http(url, { method: 'get', headers: { Accept: 'application/json' } } as never);
    all.push(...((await response.json()) as LogEvent[]));
    url = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  }
  return all;
}

const provisioningErrorsOf = (log: LogEvent[], appId: string) =>
  log.filter((e) => provisioningErrorEventTypes.includes(e.eventType) && e.target.some((t) => t.id === appId));

async function readAll(reader: OktaSession, appId: string, window: FailureWindow) {
  const pages: FailureEvent[][] = [];
  const read = await reader.readProvisioningFailures(appId, window, (events) => pages.push(events));
  return { read, pages, events: pages.flat() };
}

async function failureOf(work: Promise<unknown>): Promise<OktaFailure> {
  const failure = await work.then(() => undefined, (e: unknown) => e);
  assert.ok(failure instanceof OktaFailure, `expected an OktaFailure, got ${String(failure)}`);
  return failure;
}

describe('Okta adapter: provisioning failures from the System Log', () => {
  const org = oktaSandboxSuite();
  const apps = async () => (await org.appsNamed('salesforce')).map((app) => app.id);

  it('reads only the app\'s provisioning error events, as the unfiltered log holds them, oldest first', async () => {
    const [production, sandbox] = await apps();
    const window = lastMonth();
    const log = await wholeLog(org, window);
    const expected = provisioningErrorsOf(log, production);
    const { read, events } = await readAll(session(org), production, window);

    assert.deepEqual(events.map((e) => e.uuid), expected.map((e) => e.uuid));
    assert.deepEqual(read, { requests: 1, events: expected.length });
    // What the filter leaves out is there to leave out: the SANDBOX app's, another app's, and another type's events.
    const excluded = log.filter((e) => !expected.includes(e));
    assert.ok(excluded.some((e) => e.target.some((t) => t.id === sandbox)));
    assert.ok(excluded.some((e) => e.eventType === 'application.user_membership.add' && e.target.some((t) => t.id === production)));
    assert.ok(excluded.some((e) => e.target.every((t) => t.id !== production && t.id !== sandbox)));
    assert.ok(events.every((e, i) => i === 0 || events[i - 1].published <= e.published));

    const sandboxRead = await readAll(session(org), sandbox, window);
    assert.deepEqual(sandboxRead.events.map((e) => e.uuid), provisioningErrorsOf(log, sandbox).map((e) => e.uuid));
    assert.ok(sandboxRead.events.length > 0);
  });

  it('carries Salesforce\'s errors in the reasons, users from the User target, and an event without one', async () => {
    const [production] = await apps();
    const { events } = await readAll(session(org), production, lastMonth());
    for (const code of ['DUPLICATE_USERNAME', 'STRING_TOO_LONG', 'REQUIRED_FIELD_MISSING', 'INVALID_EMAIL_ADDRESS', 'FIELD_INTEGRITY_EXCEPTION',
      'INVALID_CROSS_REFERENCE_KEY', 'LICENSE_LIMIT_EXCEEDED', 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'API_CURRENTLY_DISABLED', 'expired access/refresh token']) {
      assert.ok(events.some((e) => e.reason.includes(code)), code);
    }
    assert.ok(events.some((e) => e.reason.includes('<script>')));
    assert.ok(events.some((e) => e.reason.length === 255), 'a long reason, cut at the spec\'s maxLength');
    const noUser = events.filter((e) => !e.user);
    assert.deepEqual(noUser.map((e) => e.eventType), ['application.integration.authentication_failure']);
    assert.ok(events.filter((e) => e.user).every((e) => /^00u/.test(e.user?.id ?? '') && e.user?.login?.endsWith('@acme.example')));
  });

  it('keeps to the window: since inclusive, until exclusive', async () => {
    const [production] = await apps();
    const all = (await readAll(session(org), production, lastMonth())).events;
    const window = { since: all[10].published, until: all[20].published };
    const { events } = await readAll(session(org), production, window);
    assert.deepEqual(events.map((e) => e.uuid), all.slice(10, 20).map((e) => e.uuid));
  });

  it('says nothing failed in a window without events, in one request', async () => {
    const [production] = await apps();
    const future = { since: new Date(Date.now() + day).toISOString(), until: new Date(Date.now() + 2 * day).toISOString() };
    const { read, pages } = await readAll(session(org), production, future);
    assert.deepEqual([read, pages], [{ requests: 1, events: 0 }, [[]]]);
  });

  it('waits out a 429 on /api/v1/logs, tells the wait, and carries on', async () => {
    const [production] = await apps();
    const waits: RetryWait[] = [];
    org.okta.faults.set({ rateLimit: { count: 1, resetSeconds: 1, path: '/api/v1/logs' } });
    try {
      const { read } = await readAll(session(org, undefined, (wait) => waits.push(wait)), production, lastMonth());
      assert.ok(read.events > 0);
      assert.deepEqual(waits.map((w) => [w.reason, w.status]), [['rateLimited', 429]]);
    } finally {
      org.okta.faults.set({});
    }
  });

  it('names okta.logs.read when a service app\'s token lacks it, and reads with it', async () => {
    const [production] = await apps();
    const failure = await failureOf(session(org, serviceApp(org, oktaScopes.readApps)).readProvisioningFailures(production, lastMonth(), () => {}));
    assert.deepEqual([failure.kind, failure.missingScope], ['forbidden', 'okta.logs.read']);
    assert.match(failure.message, /okta\.logs\.read/);
    const { read } = await readAll(session(org, serviceApp(org, oktaScopes.failures)), production, lastMonth());
    assert.ok(read.events > 0);
  });

  it('fails with Okta\'s 400 for a malformed timestamp', async () => {
    const [production] = await apps();
    const failure = await failureOf(session(org).readProvisioningFailures(production, { since: 'last tuesday', until: new Date().toISOString() }, () => {}));
    assert.deepEqual([failure.kind, failure.errorCode], ['invalid', 'E0000001']);
    assert.match(failure.message, /since/);
  });
});

describe('sandbox: the System Log endpoint', () => {
  const org = oktaSandboxSuite({ logEvents: 2500 });
  const raw = (query: string) => fetch(`${org.okta.url}/api/v1/logs?${query}`, { headers: { Authorization: `SSWS ${org.okta.apiToken}`, Accept: 'application/json' } });

  it('pages over thousands of events at 1,000 a page: one request per page, no event twice, none left out', async () => {
    const [production] = (await org.appsNamed('salesforce')).map((app) => app.id);
    const before = org.exchanges.of('listLogEvents').length;
    const { read, pages, events } = await readAll(session(org), production, lastMonth());
    const exchanges = org.exchanges.of('listLogEvents').slice(before);
    const expected = provisioningErrorsOf(await wholeLog(org, lastMonth()), production).length;
    assert.ok(expected > 2500);
    assert.equal(read.requests, Math.ceil(expected / 1000));
    assert.equal(exchanges.length, read.requests);
    assert.ok(exchanges.every((e) => new URL(e.path, org.okta.url).searchParams.get('limit') === '1000'));
    assert.deepEqual(pages.map((p) => p.length), [1000, 1000, expected - 2000]);
    assert.equal(new Set(events.map((e) => e.uuid)).size, expected);
    assert.equal(read.events, expected);
  });

  it('stops when cancelled between pages: no further request, and the failure says it was cancelled', async () => {
    const [production] = (await org.appsNamed('salesforce')).map((app) => app.id);
    const before = org.exchanges.of('listLogEvents').length;
    const controller = new AbortController();
    const pages: number[] = [];
    const failure = await failureOf(session(org).readProvisioningFailures(production, lastMonth(), (events) => {
      pages.push(events.length);
      controller.abort();
    }, controller.signal));
    assert.equal(failure.kind, 'cancelled');
    assert.deepEqual(pages, [1000]);
    assert.equal(org.exchanges.of('listLogEvents').length - before, 1);
  });

  it('refuses a filter it does not support with Okta\'s 400 error object', async () => {
    for (const filter of ['eventType co "provision"', 'eventType eq "a" or', 'displayMessage eq "x"', 'eventType eq unquoted']) {
      const response = await raw(`filter=${encodeURIComponent(filter)}`);
      const body = (await response.json()) as { errorCode: string; errorCauses: Array<{ errorSummary: string }> };
      assert.equal(response.status, 400, filter);
      assert.equal(body.errorCode, 'E0000001', filter);
      assert.match(body.errorCauses[0].errorSummary, /^filter: /, filter);
    }
  });

  it('refuses a limit over 1,000, an unknown sortOrder and a cursor it did not make', async () => {
    for (const query of ['limit=1001', 'sortOrder=NEWEST', 'after=abc', 'until=2026-13-45']) {
      assert.equal((await raw(query)).status, 400, query);
    }
  });

  it('gives a bounded request no next link once its window is done, a polling one always', async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    const bounded = await raw(`until=${encodeURIComponent(until)}&since=${encodeURIComponent(new Date(Date.now() - 31 * day).toISOString())}&limit=1000&filter=${encodeURIComponent('eventType eq "application.provision.user.deactivate"')}`);
    assert.doesNotMatch(bounded.headers.get('link') ?? '', /rel="next"/);
    const polling = await raw(`since=${encodeURIComponent(new Date(Date.now() - 31 * day).toISOString())}&limit=1000&filter=${encodeURIComponent('eventType eq "application.provision.user.deactivate"')}`);
    assert.match(polling.headers.get('link') ?? '', /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/logs\?[^>]*>; rel="self", <http:\/\/127\.0\.0\.1:\d+\/api\/v1\/logs\?[^>]*after=[^>]*>; rel="next"$/);
  });

  it('sorts newest first on DESCENDING, and pages the same events that way', async () => {
    const window = lastMonth();
    const ascending = await wholeLog(org, window);
    const first = await raw(`${new URLSearchParams({ ...window, limit: '3', sortOrder: 'DESCENDING' })}`);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    assert.ok(next);
    const second = (await (await fetch(next, { headers: { Authorization: `SSWS ${org.okta.apiToken}` } })).json()) as LogEvent[];
    const newest = ascending.slice(-6).reverse().map((e) => e.uuid);
    assert.deepEqual([...((await first.json()) as LogEvent[]), ...second].map((e) => e.uuid), newest);
  });

  it('has a small rate limit of its own: at most 60 requests a minute, then 429 with the X-Rate-Limit headers', async () => {
    let last = await raw('limit=1');
    for (let i = 0; i < 60 && last.status !== 429; i++) last = await raw('limit=1');
    assert.equal(last.status, 429);
    assert.equal(((await last.json()) as { errorCode: string }).errorCode, 'E0000047');
    assert.equal(last.headers.get('x-rate-limit-limit'), '60');
    assert.equal(last.headers.get('x-rate-limit-remaining'), '0');
    assert.match(last.headers.get('x-rate-limit-reset') ?? '', /^\d{10}$/);
    // Another endpoint's bucket is untouched.
    assert.equal((await fetch(`${org.okta.url}/api/v1/apps?limit=1`, { headers: { Authorization: `SSWS ${org.okta.apiToken}` } })).status, 200);
  });
});
