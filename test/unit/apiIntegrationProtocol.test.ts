import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Draft, SecretState } from '../../src/domain/apiIntegration/form';
import {
  type ExtensionMessage, parseExtensionMessage, parseWebviewMessage, Requests, secretFreeDraft, type WebviewMessage,
} from '../../src/domain/apiIntegration/protocol';
import { sampleDraft } from './apiIntegrationDrafts';

function draft(secret: SecretState = { kind: 'stored' }): Draft {
  return sampleDraft(secret, '3MVG9abc');
}

/** One well-formed message of every type, each way. */
const fromWebview: WebviewMessage[] = [
  { type: 'ready', id: 1 },
  { type: 'draftChanged', id: 2, draft: draft({ kind: 'typed', value: 's3cr3t' }) },
  { type: 'authenticate', id: 3, draft: draft(), using: 'browser' },
  { type: 'testCredentials', id: 4, draft: draft({ kind: 'none' }) },
  { type: 'save', id: 5, section: 'toOkta', draft: draft() },
  { type: 'discardChanges', id: 6, sections: ['apiIntegration', 'toApp'] },
  { type: 'copyValue', id: 7, which: 'oktaCallbackUrl' },
  { type: 'openAdminConsole', id: 8 },
  { type: 'assign', id: 9 },
  { type: 'stopWaiting', id: 10, section: 'toApp' },
  { type: 'authenticate', id: 11, draft: draft({ kind: 'typed', value: 'x' }), using: 'signedInOrg' },
];

const callbackUrls = { okta: 'https://system-admin.okta.com/admin/app/generic/oauth20redirect', local: 'http://localhost:1717/OauthRedirect' };
const connection = { username: 'okta@acme.example', orgId: '00D000000000001AAA', host: 'acme.my.salesforce.com', profile: 'Okta Integration', verdict: 'pass' as const, findings: [] };

const fromExtension: ExtensionMessage[] = [
  { type: 'state', inReplyTo: 1, app: { id: '0oa1', label: 'Salesforce.com', instanceType: 'PRODUCTION' }, saved: draft(), draft: draft({ kind: 'none' }), secretStored: true, callbackUrls },
  {
    type: 'state', app: { id: '0oa1', label: '<b>Salesforce</b>' }, saved: draft(), draft: draft(), secretStored: false, callbackUrls,
    connection: { ...connection, verdict: 'fail', findings: ['Manage Users is granted by a permission set, not the profile.'] },
    assignments: { users: 3, groups: 1, more: false },
  },
  { type: 'progress', inReplyTo: 4, message: 'Probing the authorize endpoint…' },
  { type: 'authenticated', inReplyTo: 3, connection },
  { type: 'checkResults', inReplyTo: 4, results: [{ check: 'callbackUrl', title: 'Okta callback URL', outcome: 'fail', detail: 'Not registered.', fix: 'Add it in Setup.' }, { check: 'limits', title: 'API requests', outcome: 'pass', detail: '14,000 left' }] },
  { type: 'saveResult', inReplyTo: 5, section: 'apiIntegration', outcome: 'invalid', message: 'Fix the fields marked.', errors: [{ field: 'consumerKey', section: 'apiIntegration', message: 'Enter the OAuth Consumer Key.' }] },
  { type: 'error', message: 'Okta could not be reached.' },
  { type: 'error', inReplyTo: 7, message: 'Nothing to copy.' },
  { type: 'assignments', assignments: { users: 0, groups: 0, more: false, error: 'Okta refused (403).' } },
  {
    type: 'guided', inReplyTo: 5, section: 'toApp', expected: ['PUSH_NEW_USERS'], status: 'waiting', message: 'Waiting for Okta…',
    steps: [{ text: 'Open the Provisioning tab.', openAdminConsole: true }, { text: 'Paste the consumer key.', copy: 'consumerKey' }, { text: 'Click Save.' }],
  },
];

/** A copy of a message through JSON, as a peer would post it, changed by `edit`. */
function tampered<T>(message: T, edit: (copy: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
  edit(copy);
  return copy;
}

const reasonOf = (parsed: { ok: boolean; reason?: string }) => (parsed.ok ? 'accepted' : parsed.reason ?? '');

describe('parseWebviewMessage and parseExtensionMessage', () => {
  it('accept a well-formed message of every type, as posted (through a structured or JSON copy)', () => {
    for (const message of fromWebview) {
      assert.deepEqual(parseWebviewMessage(JSON.parse(JSON.stringify(message))), { ok: true, message }, message.type);
      assert.deepEqual(parseWebviewMessage(structuredClone(message)), { ok: true, message }, message.type);
    }
    for (const message of fromExtension) assert.deepEqual(parseExtensionMessage(structuredClone(message)), { ok: true, message }, message.type);
  });

  it('refuse what is not a message: no object, no type, an unknown type, a type of the other direction', () => {
    for (const value of [undefined, null, 'ready', 42, [], [{ type: 'ready', id: 1 }], new Map([['type', 'ready']])]) {
      assert.equal(reasonOf(parseWebviewMessage(value)), 'the message is not an object', String(value));
    }
    assert.equal(reasonOf(parseWebviewMessage({ id: 1 })), 'the message has no type');
    assert.equal(reasonOf(parseWebviewMessage({ type: 7, id: 1 })), 'the message has no type');
    assert.equal(reasonOf(parseWebviewMessage({ type: 'deleteApp', id: 1 })), 'unknown message type "deleteApp"');
    assert.equal(reasonOf(parseWebviewMessage({ type: 'state', id: 1 })), 'unknown message type "state"', 'only the extension sends state');
    assert.equal(reasonOf(parseExtensionMessage({ type: 'ready', inReplyTo: 1 })), 'unknown message type "ready"');
    assert.equal(reasonOf(parseWebviewMessage({ type: 'toString', id: 1 })), 'unknown message type "toString"', 'not found on Object.prototype');
    assert.match(reasonOf(parseWebviewMessage({ type: 'x'.repeat(10_000), id: 1 })), /^unknown message type "x{40}…"$/);
  });

  it('refuse a request without a usable id, and a reply without the id it answers', () => {
    for (const id of [undefined, 0, -1, 1.5, '1', Number.NaN, 2 ** 53, null]) {
      const message = id === undefined ? { type: 'assign' } : { type: 'assign', id };
      assert.match(reasonOf(parseWebviewMessage(message)), /^assign\.id (is missing|must be a positive integer)$/, String(id));
    }
    assert.equal(reasonOf(parseExtensionMessage({ type: 'progress', message: 'x' })), 'progress.inReplyTo is missing');
    assert.equal(reasonOf(parseExtensionMessage({ type: 'checkResults', inReplyTo: '4', results: [] })), 'checkResults.inReplyTo must be a positive integer');
  });

  it('refuse wrong field types, deep in the draft too, naming the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      [tampered(fromWebview[4], (m) => { m.section = 'assignments'; }), /^save\.section must be one of apiIntegration, toApp, toOkta$/],
      [tampered(fromWebview[5], (m) => { m.sections = 'toApp'; }), /^discardChanges\.sections must be a list$/],
      [tampered(fromWebview[5], (m) => { m.sections = ['toApp', 'other']; }), /^discardChanges\.sections\[1\] must be one of/],
      [tampered(fromWebview[6], (m) => { m.which = 'accessToken'; }), /^copyValue\.which must be one of/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).apiIntegration.enableApiIntegration = 'true' as never; }), /^draftChanged\.draft\.apiIntegration\.enableApiIntegration must be true or false$/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).apiIntegration.consumerKey = 12 as never; }), /^draftChanged\.draft\.apiIntegration\.consumerKey must be a string$/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).toOkta.fullImport = null as never; }), /^draftChanged\.draft\.toOkta\.fullImport must be an object$/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).toOkta.exactMatchCriteria = 'PHONE' as never; }), /exactMatchCriteria must be one of EMAIL, USERNAME$/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).apiIntegration.consumerSecret = { kind: 'typed' } as never; }), /consumerSecret\.value is missing$/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).apiIntegration.consumerSecret = 'hunter2' as never; }), /consumerSecret\.kind must be one of stored, none, typed$/],
      [tampered(fromWebview[1], (m) => { delete (m.draft as Partial<Draft>).toApp; }), /^draftChanged\.draft\.toApp is missing$/],
      [tampered(fromWebview[1], (m) => { (m.draft as Draft).apiIntegration.loginHost = { override: '', derived: 5 } as never; }), /loginHost\.derived must be a string$/],
    ];
    for (const [message, reason] of cases) assert.match(reasonOf(parseWebviewMessage(message)), reason);
    const badResult = tampered(fromExtension[4], (m) => { (m.results as Array<{ outcome: string }>)[1].outcome = 'ok'; });
    assert.match(reasonOf(parseExtensionMessage(badResult)), /^checkResults\.results\[1\]\.outcome must be one of pass, fail, warn, skipped$/);
    const badError = tampered(fromExtension[5], (m) => { (m.errors as Array<{ field: string }>)[0].field = 'password'; });
    assert.match(reasonOf(parseExtensionMessage(badError)), /errors\[0\]\.field must be one of consumerKey/);
    const badAuthenticate = tampered(fromWebview[2], (m) => { m.using = 'password'; });
    assert.equal(reasonOf(parseWebviewMessage(badAuthenticate)), 'authenticate.using must be one of browser, signedInOrg');
    const badCount = tampered(fromExtension[8], (m) => { (m.assignments as { users: number }).users = -1; });
    assert.equal(reasonOf(parseExtensionMessage(badCount)), 'assignments.assignments.users must be a count');
    const badStatus = tampered(fromExtension[9], (m) => { m.status = 'done'; });
    assert.match(reasonOf(parseExtensionMessage(badStatus)), /^guided\.status must be one of waiting, confirmed/);
    const badCopy = tampered(fromExtension[9], (m) => { (m.steps as Array<{ copy?: string }>)[1].copy = 'accessToken'; });
    assert.match(reasonOf(parseExtensionMessage(badCopy)), /^guided\.steps\[1\]\.copy must be one of oktaCallbackUrl/);
    const badVerdict = tampered(fromExtension[3], (m) => { (m.connection as { verdict: string }).verdict = 'great'; });
    assert.match(reasonOf(parseExtensionMessage(badVerdict)), /^authenticated\.connection\.verdict must be one of/);
  });

  it('refuse fields nobody sends, such as a secret or token riding along, at any depth', () => {
    assert.equal(reasonOf(parseWebviewMessage({ type: 'ready', id: 1, accessToken: 'x' })), 'ready has an unexpected field "accessToken"');
    const extra = tampered(fromWebview[2], (m) => { (m.draft as Record<string, Record<string, unknown>>).apiIntegration.clientSecret = 'x'; });
    assert.equal(reasonOf(parseWebviewMessage(extra)), 'authenticate.draft.apiIntegration has an unexpected field "clientSecret"');
    const storedWithValue = tampered(fromWebview[2], (m) => { (m.draft as Draft).apiIntegration.consumerSecret = { kind: 'stored', value: 'x' } as never; });
    assert.match(reasonOf(parseWebviewMessage(storedWithValue)), /consumerSecret has an unexpected field "value"$/);
  });

  it('refuse prototype-polluting keys, as JSON.parse and structured clones make them own keys', () => {
    const viaJson = JSON.parse('{"type":"ready","id":1,"__proto__":{"polluted":true}}') as unknown;
    assert.equal(reasonOf(parseWebviewMessage(viaJson)), 'ready has the field "__proto__", which is never sent');
    const deep = JSON.parse(JSON.stringify(fromWebview[1]).replace('"toApp":{', '"toApp":{"__proto__":{"createUsers":false},')) as unknown;
    assert.equal(reasonOf(parseWebviewMessage(deep)), 'draftChanged.draft.toApp has the field "__proto__", which is never sent');
    assert.equal(reasonOf(parseWebviewMessage({ type: 'assign', id: 1, constructor: { prototype: {} } })), 'assign has the field "constructor", which is never sent');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    // An object whose prototype is not Object's (a class instance, or one made to inherit its fields) is not plain data.
    assert.equal(reasonOf(parseWebviewMessage(Object.create({ type: 'ready', id: 1 }))), 'the message is not an object');
    assert.equal(reasonOf(parseWebviewMessage(Object.assign(Object.create(null), { type: 'ready', id: 1 }))), 'accepted');
  });

  it('refuse a state whose draft or saved form holds a typed secret: the extension never sends one back', () => {
    const leaking = { ...fromExtension[0], draft: draft({ kind: 'typed', value: 's3cr3t' }) };
    assert.equal(reasonOf(parseExtensionMessage(leaking)), 'state.draft.apiIntegration.consumerSecret.kind must be one of stored, none');
    const leakingSaved = { ...fromExtension[0], saved: draft({ kind: 'typed', value: 's3cr3t' }) };
    assert.match(reasonOf(parseExtensionMessage(leakingSaved)), /^state\.saved\.apiIntegration\.consumerSecret\.kind/);
  });

  it('take hostile text as text: 10,000 characters and markup pass as values', () => {
    const huge = '<script>alert(1)</script>'.repeat(400);
    assert.equal(huge.length, 10_000);
    const message = { type: 'progress', inReplyTo: 1, message: huge };
    assert.deepEqual(parseExtensionMessage(message), { ok: true, message });
  });
});

describe('secretFreeDraft', () => {
  it('sends a typed secret back as stored when one is stored, else as none, and leaves the rest', () => {
    const typed = draft({ kind: 'typed', value: 's3cr3t' });
    assert.deepEqual(secretFreeDraft(typed, true).apiIntegration.consumerSecret, { kind: 'stored' });
    assert.deepEqual(secretFreeDraft(typed, false).apiIntegration.consumerSecret, { kind: 'none' });
    assert.equal(JSON.stringify(secretFreeDraft(typed, true)).includes('s3cr3t'), false);
    const sent = secretFreeDraft(typed, true);
    assert.deepEqual({ ...sent.apiIntegration, consumerSecret: undefined }, { ...typed.apiIntegration, consumerSecret: undefined });
    assert.deepEqual([sent.toApp, sent.toOkta], [typed.toApp, typed.toOkta]);
    assert.equal(typed.apiIntegration.consumerSecret.kind, 'typed', 'the draft given is not changed');
    const state = { ...fromExtension[0], draft: secretFreeDraft(typed, false) };
    assert.equal(parseExtensionMessage(state).ok, true);
  });
});

describe('Requests', () => {
  it('issues increasing ids and keeps only the latest request of each kind current', () => {
    const requests = new Requests();
    const first = requests.issue('testCredentials');
    const save = requests.issue('save:toApp');
    const second = requests.issue('testCredentials');
    assert.ok(first < save && save < second);
    assert.equal(requests.isCurrent(first), false, 'a stale reply is dropped');
    assert.equal(requests.isCurrent(second), true);
    assert.equal(requests.isCurrent(save), true, 'another kind is not made stale');
    assert.equal(requests.isCurrent(second), true, 'progress and then the result both answer the same request');
  });

  it('drops replies to ids it never issued, such as a request sent before a reload', () => {
    const beforeReload = new Requests(1);
    const old = beforeReload.issue('authenticate');
    const afterReload = new Requests(1_000_000);
    const current = afterReload.issue('authenticate');
    assert.equal(afterReload.isCurrent(old), false);
    assert.equal(afterReload.isCurrent(current), true);
    assert.equal(afterReload.isCurrent(current + 1), false);
    assert.equal(new Requests().isCurrent(1), false);
  });

  it('keeps per-section saves apart and forgets superseded ids', () => {
    const requests = new Requests();
    const api = requests.issue('save:apiIntegration');
    const toOkta = requests.issue('save:toOkta');
    const api2 = requests.issue('save:apiIntegration');
    assert.deepEqual([api, toOkta, api2].map((id) => requests.isCurrent(id)), [false, true, true]);
  });
});
