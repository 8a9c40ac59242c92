import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Draft, FieldError, SecretState } from '../../src/domain/apiIntegration/form';
import {
  appHeading, assignmentsText, errorsByField, fieldDomId, firstErrorField, guidedStatusText, loginHostLine,
  secretAsTyped, viewState, withSection, withTypedSecret,
} from '../../src/apiIntegration/webview/view';
import { sampleDraft } from './apiIntegrationDrafts';

const draft = (consumerSecret: SecretState = { kind: 'stored' }): Draft => sampleDraft(consumerSecret);

describe('Assignments summary', () => {
  it('gives exact counts, singular and plural', () => {
    assert.equal(assignmentsText({ users: 1, groups: 0, more: false }), '1 user and 0 groups assigned.');
    assert.equal(assignmentsText({ users: 3, groups: 1, more: false }), '3 users and 1 group assigned.');
  });

  it('says "more than" when Okta\'s first page did not hold them all, and why when they could not be read', () => {
    assert.equal(assignmentsText({ users: 200, groups: 2, more: true }), 'More than 200 users and 2 groups are assigned.');
    assert.equal(assignmentsText({ users: 0, groups: 0, more: false, error: 'Okta said 403.' }), 'Could not read the assignments: Okta said 403.');
    assert.equal(assignmentsText(undefined), 'Not read yet.');
  });
});

describe('guided completion status line', () => {
  it('says each status in its own words, then the extension\'s message', () => {
    const lines = (['waiting', 'confirmed', 'timedOut', 'stopped', 'failed'] as const).map((status) => guidedStatusText(status, ''));
    assert.equal(new Set(lines).size, 5);
    assert.equal(guidedStatusText('confirmed', ''), 'Confirmed: Okta shows the change.');
    assert.equal(guidedStatusText('waiting', 'Checked 3 times.'), 'Waiting for Okta to show the change. Checked 3 times.');
  });
});

describe('what the page keeps in setState', () => {
  it('never holds a typed secret: stored when one is stored, else none', () => {
    const typed = draft({ kind: 'typed', value: 'hunter2' });
    assert.deepEqual(viewState('0oa1', typed, true), { appId: '0oa1', draft: draft({ kind: 'stored' }) });
    assert.deepEqual(viewState('0oa1', typed, false).draft.apiIntegration.consumerSecret, { kind: 'none' });
    assert.ok(!JSON.stringify(viewState('0oa1', typed, true)).includes('hunter2'));
  });

  it('keeps the rest of the draft as typed', () => {
    const edited = withSection(draft(), 'toApp', { syncPassword: true });
    assert.equal(viewState('0oa1', edited, true).draft.toApp.syncPassword, true);
  });
});

describe('a state from the extension and the secret being typed', () => {
  it('keeps the typed secret, which the extension never sends back', () => {
    const merged = withTypedSecret(draft({ kind: 'stored' }), { kind: 'typed', value: 'new' }, false);
    assert.deepEqual(merged.apiIntegration.consumerSecret, { kind: 'typed', value: 'new' });
  });

  it('drops it when the state means it is gone (discarded or saved), and leaves a draft without one alone', () => {
    const incoming = draft({ kind: 'stored' });
    assert.equal(withTypedSecret(incoming, { kind: 'typed', value: 'new' }, true), incoming);
    assert.equal(withTypedSecret(incoming, { kind: 'none' }, false), incoming);
    assert.equal(withTypedSecret(incoming, undefined, false), incoming);
  });

  it('an emptied field stays open while a stored secret is being replaced, and is none when nothing is stored', () => {
    assert.deepEqual(secretAsTyped('', true), { kind: 'typed', value: '' });
    assert.deepEqual(secretAsTyped('', false), { kind: 'none' });
    assert.deepEqual(secretAsTyped('abc', false), { kind: 'typed', value: 'abc' });
  });
});

describe('field errors', () => {
  const errors: FieldError[] = [
    { field: 'usernameExpression', section: 'toOkta', message: 'Enter the expression.' },
    { field: 'loginHost', section: 'apiIntegration', message: 'First host error.' },
    { field: 'loginHost', section: 'apiIntegration', message: 'Second host error.' },
    { field: 'fullImport.expression', section: 'toOkta', message: 'Enter a cron expression.' },
  ];

  it('focuses the first field in the form\'s order, not the order the errors came in', () => {
    assert.equal(firstErrorField(errors), 'loginHost');
    assert.equal(firstErrorField([]), undefined);
  });

  it('shows one error per field, the first given', () => {
    const byField = errorsByField(errors);
    assert.deepEqual([...byField.keys()], ['loginHost', 'fullImport.expression', 'usernameExpression']);
    assert.equal(byField.get('loginHost')?.message, 'First host error.');
  });

  it('gives element ids without dots', () => {
    assert.equal(fieldDomId('fullImport.expression'), 'fullImport-expression');
    assert.equal(fieldDomId('consumerKey'), 'consumerKey');
  });
});

describe('texts beside the fields', () => {
  it('says where Authenticate signs in and why', () => {
    const section = draft().apiIntegration;
    assert.equal(loginHostLine(section), 'Signs in at https://login.salesforce.com (the default for this Okta app).');
    assert.equal(loginHostLine({ ...section, loginHost: { derived: section.loginHost.derived, override: ' https://acme.my.salesforce.com ' } }),
      'Signs in at https://acme.my.salesforce.com (your entry).');
    assert.match(loginHostLine({ ...section, loginHost: { override: '' } }), /^No default for this Okta app: enter the org's My Domain/);
  });

  it('heads the page with the app\'s label and its instance type', () => {
    assert.deepEqual(appHeading({ label: 'Salesforce', instanceType: 'SANDBOX' }), { title: 'Salesforce', subtitle: 'Salesforce instance type: SANDBOX' });
    assert.equal(appHeading({ label: 'Salesforce', instanceType: ' ' }).subtitle, 'Salesforce instance type: not set in Okta');
  });

  it('changes one section without touching the draft it came from', () => {
    const before = draft();
    const after = withSection(before, 'toApp', { createUsers: false });
    assert.equal(before.toApp.createUsers, true);
    assert.equal(after.toApp.createUsers, false);
    assert.equal(after.apiIntegration, before.apiIntegration);
  });
});
