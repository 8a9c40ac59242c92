// Saving the Configure API Integration form to the sandbox Okta org over HTTP: guided completion where
// Okta refuses to configure Salesforce (finished on the Admin Console stand-in, confirmed by polling
// the app's features), the API path when the sandbox's switch says Okta supports Salesforce (the same
// read-back confirms it), a wait that times out or is stopped, a transient failure while polling, and a
// service app without okta.apps.manage. Every API exchange is checked against Okta's spec.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Draft } from '../../src/domain/apiIntegration/form';
import { defaultToOkta, type FeatureExpectation } from '../../src/domain/apiIntegration/oktaProvisioning';
import {
  allOktaScopes, type FeaturePoll, OktaFailure, type OktaSession, oktaScopes, openOktaSession, ProvisioningNotConfigurable, readSavedForm, saveSection,
  waitForFeatures,
} from '../../src/okta/api/oktaApi';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

const key = `3MVG9${'q'.repeat(80)}`;

function draft(): Draft {
  return {
    apiIntegration: {
      enableApiIntegration: true, consumerKey: key, consumerSecret: { kind: 'stored' },
      loginHost: { derived: 'https://test.salesforce.com', override: '' }, allowPushingNullValues: false,
    },
    toApp: { createUsers: true, updateUserAttributes: true, deactivateUsers: false, syncPassword: true },
    toOkta: {
      ...structuredClone(defaultToOkta), scheduleEnabled: true, fullImport: { expression: '0 2 * * 0', timezone: 'Europe/Paris' },
      exactMatchCriteria: 'USERNAME', autoConfirmNewUsers: true,
    },
  };
}

const apiToken = (org: SandboxSuite): OktaSession =>
  openOktaSession({ orgUrl: org.okta.url, credential: { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork() });

const serviceApp = (org: SandboxSuite, scopes: readonly string[]): OktaSession => openOktaSession({
  orgUrl: org.okta.url, network: testNetwork(),
  credential: { kind: 'serviceApp', clientId: org.okta.serviceApp.clientId, privateKey: org.okta.serviceApp.privateKeyPem, scopes },
});

/** The SANDBOX Salesforce instance: no provisioning set up in the seed. */
const sandboxApp = async (org: SandboxSuite) => (await org.appsNamed('salesforce'))[1];

/** Submits one form of the Admin Console stand-in as a browser would: the page first, for its form token. */
async function consoleSubmit(org: SandboxSuite, appId: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const url = `${org.okta.url}/admin/app/salesforce/instance/${appId}/`;
  const page = await (await fetch(url)).text();
  const formToken = /name="formToken" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams({ formToken, ...fields }) });
  return { status: response.status, html: await response.text() };
}

/** Fast polling; a wait that is confirmed ends at once, so the generous deadline costs nothing. */
const quick = { intervalMs: 20, timeoutMs: 30_000 };

describe('Saving provisioning while Okta refuses to configure Salesforce (the documented refusal)', () => {
  const org = oktaSandboxSuite();

  it('answers the API integration\'s Save with the Admin Console checklist, then confirms it once the console saves', async () => {
    const app = await sandboxApp(org);
    const session = apiToken(org);
    const result = await saveSection(session, app.id, 'apiIntegration', draft());
    assert.equal(result.outcome, 'guided');
    assert.ok(result.outcome === 'guided');
    assert.deepEqual(result.expected, { present: ['IMPORT_USER_SCHEMA'], absent: [] });
    assert.match(result.reason, /does not configure provisioning for this app.*Admin Console/);
    assert.deepEqual(result.steps.filter((step) => step.copy).map((step) => step.copy), ['consumerKey', 'consumerSecret']);
    assert.deepEqual((await sandboxApp(org)).features, [], 'the refused Save changed nothing');
    const before = await readSavedForm(session, app.id, { secretStored: false });
    assert.deepEqual([before.apiConfigurable, before.saved.apiIntegration.enableApiIntegration], [false, false]);

    const polls: FeaturePoll[] = [];
    let admin: Promise<void> | undefined;
    const outcome = await waitForFeatures(session, app.id, result.expected, {
      ...quick,
      onPoll: (poll) => {
        polls.push(poll);
        // The admin follows the checklist once the wait has started.
        admin ??= followApiIntegrationSteps(org, app.id);
      },
    });
    await admin;
    assert.equal(outcome, 'confirmed');
    assert.deepEqual(polls[0].unmet, ['IMPORT_USER_SCHEMA']);
    assert.deepEqual(polls.at(-1)?.unmet, []);
    assert.equal((await readSavedForm(session, app.id, { secretStored: true })).saved.apiIntegration.enableApiIntegration, true, 'the saved form reads it from the features');
  });

  it('guides To App too, and the console\'s Save shows as the expected push flags', async () => {
    const app = await sandboxApp(org);
    const session = apiToken(org);
    const result = await saveSection(session, app.id, 'toApp', draft());
    assert.ok(result.outcome === 'guided');
    assert.deepEqual(result.expected, { present: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_PASSWORD_UPDATES'], absent: ['PUSH_USER_DEACTIVATION'] });
    const saved = await consoleSubmit(org, app.id, { section: 'toApp', createUsers: 'on', updateUserAttributes: 'on', syncPassword: 'on' });
    assert.equal(saved.status, 200, saved.html);
    assert.equal(await waitForFeatures(session, app.id, result.expected, quick), 'confirmed');
  });

  it('guides To Okta, and the console\'s Save shows as the import flags', async () => {
    const app = await sandboxApp(org);
    const result = await saveSection(apiToken(org), app.id, 'toOkta', draft());
    assert.ok(result.outcome === 'guided');
    assert.ok(result.steps.some((step) => step.text === 'Set Full import to "0 2 * * 0" in the time zone Europe/Paris.'));
    const saved = await consoleSubmit(org, app.id, {
      section: 'toOkta', scheduleEnabled: 'on', 'fullImport.expression': '0 2 * * 0', 'fullImport.timezone': 'Europe/Paris',
      usernameFormat: 'EMAIL', exactMatchCriteria: 'USERNAME', autoConfirmNewUsers: 'on',
    });
    assert.equal(saved.status, 200, saved.html);
    assert.match(saved.html, /id="fullImport\.expression" name="fullImport\.expression" value="0 2 \* \* 0"/, 'the console shows what it saved');
    assert.equal(await waitForFeatures(apiToken(org), app.id, result.expected, quick), 'confirmed');
  });

  it('tells the refusal apart: a typed ProvisioningNotConfigurable from the adapter, for reads and writes', async () => {
    const app = await sandboxApp(org);
    const session = apiToken(org);
    await assert.rejects(session.getDefaultConnection(app.id), ProvisioningNotConfigurable);
    await assert.rejects(session.listFeatures(app.id), ProvisioningNotConfigurable);
    await assert.rejects(session.updateFeature(app.id, 'USER_PROVISIONING', {}), ProvisioningNotConfigurable);
  });

  it('times out when the flags never show, not before the deadline', async () => {
    const app = await sandboxApp(org);
    const never: FeatureExpectation = { present: ['PUSH_NEW_USERS'], absent: ['PUSH_NEW_USERS'] };
    let polls = 0;
    const started = Date.now();
    const outcome = await waitForFeatures(apiToken(org), app.id, never, { intervalMs: 20, timeoutMs: 150, onPoll: () => { polls++; } });
    assert.equal(outcome, 'timedOut');
    assert.ok(Date.now() - started >= 150, 'it waited out the timeout');
    assert.ok(polls >= 1);
  });

  it('stops when its signal aborts, during the pause between polls or before the first', async () => {
    const app = await sandboxApp(org);
    const never: FeatureExpectation = { present: ['GROUP_PUSH'], absent: [] };
    const stop = new AbortController();
    let polls = 0;
    const started = Date.now();
    const outcome = await waitForFeatures(apiToken(org), app.id, never, {
      intervalMs: 60_000, timeoutMs: 600_000, signal: stop.signal,
      // Aborted on the next turn of the event loop: while the wait pauses between polls.
      onPoll: () => { polls++; setTimeout(() => stop.abort(), 0); },
    });
    assert.deepEqual([outcome, polls], ['stopped', 1]);
    assert.ok(Date.now() - started < 30_000, 'the abort cut the minute-long pause short');
    assert.equal(await waitForFeatures(apiToken(org), app.id, never, { ...quick, signal: AbortSignal.abort(), onPoll: () => { polls++; } }), 'stopped');
    assert.equal(polls, 1, 'an aborted wait does not poll');
  });

  it('reports a failure that outlasts the request policy\'s retries and polls on', async () => {
    const [production] = await org.appsNamed('salesforce');
    // Three 503s: the first read and both of the request policy's retries get one.
    org.okta.faults.set({ serverError: { count: 3, status: 503, retryAfterSeconds: 0, path: `/api/v1/apps/${production.id}` } });
    const polls: FeaturePoll[] = [];
    const seeded = { present: ['PUSH_NEW_USERS'], absent: [] };
    const outcome = await waitForFeatures(apiToken(org), production.id, seeded, { ...quick, onPoll: (poll) => polls.push(poll) });
    assert.equal(outcome, 'confirmed');
    assert.equal(polls[0].error?.kind, 'server');
    assert.deepEqual(polls[0].unmet, ['PUSH_NEW_USERS']);
    assert.equal(polls.length, 2);
  });

  it('ends the wait on a failure that waiting cannot fix', async () => {
    const failure = await waitForFeatures(apiToken(org), '0oaNoSuchApp00000000', { present: ['PUSH_NEW_USERS'], absent: [] }, quick).catch((error: unknown) => error);
    assert.ok(failure instanceof OktaFailure);
    assert.equal(failure.kind, 'notFound');
  });
});

/** The API integration's guided steps on the console: Authenticate with Salesforce.com, then Save. */
async function followApiIntegrationSteps(org: SandboxSuite, appId: string): Promise<void> {
  const fields = { section: 'apiIntegration', enableApiIntegration: 'on', consumerKey: key, consumerSecret: 'the-secret' };
  const early = await consoleSubmit(org, appId, { ...fields, action: 'save' });
  assert.match(early.html, /Click Authenticate with Salesforce.com before Save/);
  assert.equal((await consoleSubmit(org, appId, { ...fields, action: 'authenticate' })).status, 200);
  assert.equal((await consoleSubmit(org, appId, { ...fields, consumerSecret: '', action: 'save' })).status, 200);
}

describe('Saving provisioning once Okta supports Salesforce (the sandbox\'s switch)', () => {
  const org = oktaSandboxSuite({ supportSalesforceProvisioning: true });

  it('refuses To App before the API integration is saved, saying which to save first', async () => {
    const app = await sandboxApp(org);
    const failure = await saveSection(apiToken(org), app.id, 'toApp', draft()).catch((error: unknown) => error);
    assert.ok(failure instanceof OktaFailure && !(failure instanceof ProvisioningNotConfigurable));
    assert.equal(failure.kind, 'invalid');
    assert.match(failure.message, /save the API integration .* first/);
  });

  it('saves each section through the API, confirmed by the read-back, and reads back as the draft', async () => {
    const app = await sandboxApp(org);
    const session = apiToken(org);
    const readBack = { intervalMs: 20, timeoutMs: 5000 };
    for (const section of ['apiIntegration', 'toApp', 'toOkta'] as const) {
      const result = await saveSection(session, app.id, section, draft(), { readBack });
      assert.equal(result.outcome, 'saved', section);
    }
    assert.deepEqual(
      org.exchanges.of('updateDefaultProvisioningConnectionForApplication').map((exchange) => [exchange.path, exchange.requestBody]),
      [[`/api/v1/apps/${app.id}/connections/default?activate=true`, { profile: { authScheme: 'OAUTH2', clientId: key } }]],
      'the key goes as clientId, the secret nowhere',
    );
    const { saved, apiConfigurable } = await readSavedForm(session, app.id, { consumerKey: key, secretStored: true });
    assert.equal(apiConfigurable, true);
    const loginHost = { derived: 'https://acme--uat.sandbox.my.salesforce.com', override: '' };
    assert.deepEqual(saved, { ...draft(), apiIntegration: { ...draft().apiIntegration, loginHost } });
  });

  it('turns the API integration off through the API, and the push flags go with it', async () => {
    const app = await sandboxApp(org);
    const off = draft();
    off.apiIntegration.enableApiIntegration = false;
    assert.equal((await saveSection(apiToken(org), app.id, 'apiIntegration', off, { readBack: quick })).outcome, 'saved');
    assert.deepEqual((await sandboxApp(org)).features, ['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES']);
  });

  it('names okta.apps.manage when a service app may only read apps', async () => {
    const app = await sandboxApp(org);
    const failure = await saveSection(serviceApp(org, oktaScopes.readApps), app.id, 'apiIntegration', draft()).catch((error: unknown) => error);
    assert.ok(failure instanceof OktaFailure, String(failure));
    assert.equal(failure.kind, 'forbidden');
    assert.equal(failure.missingScope, 'okta.apps.manage');
    assert.match(failure.message, /Okta API Scopes/);
    assert.ok(oktaScopes.configureProvisioning.every((scope) => allOktaScopes.includes(scope)));
  });
});
