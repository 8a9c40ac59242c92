import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changedSections, defaultLoginHost, discardChanges, type Draft, effectiveLoginHost, fieldOrder, validateForm,
} from '../../src/domain/apiIntegration/form';
import { checkSalesforceLoginUrl } from '../../src/domain/orgUrls';

/** A saved form that passes validation: a stored secret, the default host, a schedule. */
function savedForm(): Draft {
  return {
    apiIntegration: {
      enableApiIntegration: true,
      consumerKey: `3MVG9${'x'.repeat(80)}`,
      consumerSecret: { kind: 'stored' },
      loginHost: { derived: 'https://login.salesforce.com', override: '' },
      allowPushingNullValues: false,
    },
    toApp: { createUsers: true, updateUserAttributes: true, deactivateUsers: true, syncPassword: false },
    toOkta: {
      scheduleEnabled: true,
      fullImport: { expression: '0 0 * * 0', timezone: 'America/New_York' },
      incrementalImport: { expression: '0 */3 * * *', timezone: '' },
      usernameFormat: 'EMAIL',
      usernameExpression: '',
      exactMatchCriteria: 'EMAIL',
      allowPartialMatch: false,
      autoConfirmPartialMatch: false,
      autoConfirmExactMatch: false,
      autoConfirmNewUsers: false,
      autoActivateNewUsers: false,
    },
  };
}

/** The saved form with some values changed, section by section. */
function draftWith(change: { [S in keyof Draft]?: Partial<Draft[S]> }): Draft {
  const form = savedForm();
  return {
    apiIntegration: { ...form.apiIntegration, ...change.apiIntegration },
    toApp: { ...form.toApp, ...change.toApp },
    toOkta: { ...form.toOkta, ...change.toOkta },
  };
}

const fieldsOf = (draft: Draft) => validateForm(draft).map((error) => error.field);
const messageFor = (draft: Draft, field: string) => validateForm(draft).find((error) => error.field === field)?.message ?? '';

describe('defaultLoginHost', () => {
  it('takes the login host from the instance type: SANDBOX at test.salesforce.com, PRODUCTION at login.salesforce.com', () => {
    assert.equal(defaultLoginHost({ instanceType: 'SANDBOX' }), 'https://test.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION' }), 'https://login.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: ' sandbox ' }), 'https://test.salesforce.com', 'as Okta stores it or typed loosely');
  });

  it('prefers a My Domain login URL, keeping only its origin (an SSO login URL carries ?so=)', () => {
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION', loginUrl: 'https://acme.my.salesforce.com?so=00D000000000001' }), 'https://acme.my.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: 'SANDBOX', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com/' }), 'https://acme--uat.sandbox.my.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' }),
      'https://acme--uat.sandbox.my.salesforce.com', 'the org named wins; Test API Credentials reports the mismatch');
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION', loginUrl: 'http://127.0.0.1:8443' }), 'http://127.0.0.1:8443', 'the local sandbox');
  });

  it('falls back to the instance type when the login URL is a shared host, not Salesforce, or not a URL', () => {
    assert.equal(defaultLoginHost({ instanceType: 'SANDBOX', loginUrl: 'https://login.salesforce.com?so=00D000000000001' }), 'https://test.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION', loginUrl: 'https://sso.acme.example/login' }), 'https://login.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION', loginUrl: '<script>alert(1)</script>' }), 'https://login.salesforce.com');
    assert.equal(defaultLoginHost({ instanceType: 'PRODUCTION', loginUrl: '   ' }), 'https://login.salesforce.com');
  });

  it('proposes nothing for GOVERNMENT, a missing or an unknown instance type without a My Domain', () => {
    assert.equal(defaultLoginHost({ instanceType: 'GOVERNMENT' }), undefined);
    assert.equal(defaultLoginHost({}), undefined);
    assert.equal(defaultLoginHost({ instanceType: 'MY_DOMAIN' }), undefined);
    assert.equal(defaultLoginHost({ instanceType: 'GOVERNMENT', loginUrl: 'https://agency.my.salesforce.mil' }), 'https://agency.my.salesforce.mil');
  });
});

describe('checkSalesforceLoginUrl', () => {
  it('accepts the shared login hosts, My Domains and a local test server', () => {
    for (const [typed, url] of [
      ['login.salesforce.com', 'https://login.salesforce.com'],
      ['https://test.salesforce.com/', 'https://test.salesforce.com'],
      ['https://Acme.My.Salesforce.com/services', 'https://acme.my.salesforce.com'],
      ['https://acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com'],
      ['https://agency.my.salesforce.mil', 'https://agency.my.salesforce.mil'],
      ['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
      ['http://localhost:1717', 'http://localhost:1717'],
    ]) {
      assert.deepEqual(checkSalesforceLoginUrl(typed), { ok: true, url }, typed);
    }
  });

  it('refuses other hosts (the secret goes there), plain http, and the Lightning address, saying what to enter', () => {
    for (const typed of ['https://login.salesforce.com.evil.example', 'https://my.salesforce.com.example', 'https://salesforce.com', 'https://na30.salesforce.com', 'https://acme.example']) {
      const check = checkSalesforceLoginUrl(typed);
      assert.equal(check.ok, false, typed);
      assert.match(check.ok ? '' : check.message, /not a Salesforce login host\. Enter https:\/\/login\.salesforce\.com/, typed);
    }
    const http = checkSalesforceLoginUrl('http://login.salesforce.com');
    assert.match(http.ok ? '' : http.message, /must start with https:\/\//);
    const lightning = checkSalesforceLoginUrl('https://acme.lightning.force.com');
    assert.match(lightning.ok ? '' : lightning.message, /Use the API address instead: https:\/\/acme\.my\.salesforce\.com/);
  });
});

describe('validateForm', () => {
  it('finds nothing wrong in a complete form', () => {
    assert.deepEqual(validateForm(savedForm()), []);
    assert.deepEqual(validateForm(draftWith({ apiIntegration: { consumerSecret: { kind: 'typed', value: ' 8F2A0C ' } } })), [], 'a typed secret, trimmed');
  });

  it('requires the consumer key when API integration is enabled, and nothing of the section when it is not', () => {
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { consumerKey: '  ' } })), ['consumerKey']);
    assert.match(messageFor(draftWith({ apiIntegration: { consumerKey: '' } }), 'consumerKey'), /^Enter the OAuth Consumer Key\. In Salesforce Setup, open App Manager/);
    const off = draftWith({ apiIntegration: { enableApiIntegration: false, consumerKey: '', consumerSecret: { kind: 'none' }, loginHost: { override: 'https://evil.example' } } });
    assert.deepEqual(validateForm(off), []);
  });

  it('requires the secret unless one is stored', () => {
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { consumerSecret: { kind: 'none' } } })), ['consumerSecret']);
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { consumerSecret: { kind: 'typed', value: ' \n' } } })), ['consumerSecret']);
    assert.match(messageFor(draftWith({ apiIntegration: { consumerSecret: { kind: 'none' } } }), 'consumerSecret'), /^Enter the OAuth Consumer Secret\./);
  });

  it('refuses a credential with whitespace or control characters inside, or longer than a real one', () => {
    for (const key of ['3MVG9 abc', '3MVG9\tabc', '3MVG9\nabc', '3MVG9\u0000abc']) {
      assert.match(messageFor(draftWith({ apiIntegration: { consumerKey: key } }), 'consumerKey'), /paste it again as one piece/, JSON.stringify(key));
    }
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { consumerKey: 'k'.repeat(255) } })), [], 'the bound itself is accepted');
    assert.match(messageFor(draftWith({ apiIntegration: { consumerKey: 'k'.repeat(256) } }), 'consumerKey'), /longer than an OAuth Consumer Key can be/);
  });

  it('takes hostile values as values: 10,000 characters or markup, never repeated in a message', () => {
    const huge = `${'A'.repeat(5000)}SECRETPART${'B'.repeat(4990)}`;
    assert.equal(huge.length, 10_000);
    const errors = validateForm(draftWith({ apiIntegration: { consumerKey: huge, consumerSecret: { kind: 'typed', value: huge } } }));
    assert.deepEqual(errors.map((error) => error.field), ['consumerKey', 'consumerSecret']);
    for (const error of errors) {
      assert.doesNotMatch(error.message, /SECRETPART|AAAAAAAA/);
      assert.ok(error.message.length < 300);
    }
    const markup = '<img/src=x/onerror=alert(1)>';
    assert.deepEqual(validateForm(draftWith({ apiIntegration: { consumerKey: markup, consumerSecret: { kind: 'typed', value: markup } } })), []);
    const hostile = validateForm(draftWith({ apiIntegration: { loginHost: { override: `https://<b>${'a'.repeat(10_000)}</b>.my.salesforce.com` } } }));
    assert.deepEqual(hostile.map((error) => error.field), ['loginHost']);
    assert.doesNotMatch(hostile[0].message, /<b>|aaaaaaaa/);
  });

  it('checks the login host in effect: the override when typed, else the derived one', () => {
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { loginHost: { derived: 'https://login.salesforce.com', override: 'https://acme.example' } } })), ['loginHost']);
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { loginHost: { derived: 'https://login.salesforce.com', override: 'acme.my.salesforce.com' } } })), []);
    assert.deepEqual(fieldsOf(draftWith({ apiIntegration: { loginHost: { derived: 'https://test.salesforce.com', override: '  ' } } })), []);
    assert.equal(effectiveLoginHost(draftWith({ apiIntegration: { loginHost: { derived: 'https://test.salesforce.com', override: '  ' } } }).apiIntegration), 'https://test.salesforce.com');
    assert.match(messageFor(draftWith({ apiIntegration: { loginHost: { override: '' } } }), 'loginHost'), /^Enter the org's Salesforce login host: its My Domain/, 'no default (GOVERNMENT) and nothing typed');
    assert.match(messageFor(draftWith({ apiIntegration: { loginHost: { override: 'http://acme.my.salesforce.com' } } }), 'loginHost'), /https:\/\//);
  });

  it('checks the import schedule only when it is on: one run at least, five-field cron, IANA zone', () => {
    const schedule = (full: string, incremental: string, timezone = '') => draftWith({
      toOkta: { fullImport: { expression: full, timezone }, incrementalImport: { expression: incremental, timezone: '' } },
    });
    assert.deepEqual(fieldsOf(schedule('', '')), ['fullImport.expression']);
    assert.match(messageFor(schedule('', ''), 'fullImport.expression'), /or turn the import schedule off/);
    assert.deepEqual(fieldsOf(schedule('', '0 */3 * * *')), []);
    assert.deepEqual(fieldsOf(schedule('00 21 * * Mon,Thu,Fri,Sat', '')), [], 'the spec\'s example');
    assert.deepEqual(fieldsOf(schedule('0 0 * *', '')), ['fullImport.expression'], 'four fields');
    assert.deepEqual(fieldsOf(schedule('0 0 * * 0 0', '')), ['fullImport.expression'], 'six fields');
    assert.deepEqual(fieldsOf(schedule('0 0 * * 0', '0 <b> * * *')), ['incrementalImport.expression']);
    assert.deepEqual(fieldsOf(schedule('0 0 * * 0', '', 'Europe/Paris')), []);
    assert.deepEqual(fieldsOf(schedule('0 0 * * 0', '', 'Paris, France')), ['fullImport.timezone']);
    assert.deepEqual(fieldsOf(schedule('0 0 * * 0', '', `Area/${'x'.repeat(60)}`)), ['fullImport.timezone'], 'over the spec\'s 64');
    const off = draftWith({ toOkta: { scheduleEnabled: false, fullImport: { expression: 'nonsense', timezone: '??' }, incrementalImport: { expression: '', timezone: '' } } });
    assert.deepEqual(validateForm(off), []);
  });

  it('requires the username expression only for a custom username format', () => {
    assert.deepEqual(fieldsOf(draftWith({ toOkta: { usernameFormat: 'CUSTOM', usernameExpression: ' ' } })), ['usernameExpression']);
    assert.deepEqual(fieldsOf(draftWith({ toOkta: { usernameFormat: 'CUSTOM', usernameExpression: 'appuser.email' } })), []);
    assert.deepEqual(fieldsOf(draftWith({ toOkta: { usernameFormat: 'EMAIL', usernameExpression: '' } })), []);
  });

  it('lists errors in the form\'s field order', () => {
    const everything = draftWith({
      apiIntegration: { consumerKey: '', consumerSecret: { kind: 'none' }, loginHost: { override: 'https://acme.example' } },
      toOkta: {
        fullImport: { expression: 'x', timezone: '?' }, incrementalImport: { expression: 'y', timezone: '!' },
        usernameFormat: 'CUSTOM', usernameExpression: '',
      },
    });
    assert.deepEqual(fieldsOf(everything), [...fieldOrder]);
    assert.deepEqual(validateForm(everything).map((error) => error.section),
      ['apiIntegration', 'apiIntegration', 'apiIntegration', 'toOkta', 'toOkta', 'toOkta', 'toOkta', 'toOkta']);
  });
});

describe('changedSections and discardChanges', () => {
  it('names the sections that differ from the saved form, in the procedure\'s order', () => {
    assert.deepEqual(changedSections(savedForm(), savedForm()), []);
    assert.deepEqual(changedSections(draftWith({ toOkta: { autoActivateNewUsers: true } }), savedForm()), ['toOkta']);
    assert.deepEqual(changedSections(draftWith({ toOkta: { autoActivateNewUsers: true }, apiIntegration: { allowPushingNullValues: true } }), savedForm()),
      ['apiIntegration', 'toOkta']);
    assert.deepEqual(changedSections(draftWith({ toApp: { syncPassword: true } }), savedForm()), ['toApp']);
  });

  it('sees nested changes: a typed secret, a host override, one schedule field', () => {
    assert.deepEqual(changedSections(draftWith({ apiIntegration: { consumerSecret: { kind: 'typed', value: 'new' } } }), savedForm()), ['apiIntegration']);
    assert.deepEqual(changedSections(draftWith({ apiIntegration: { loginHost: { derived: 'https://login.salesforce.com', override: 'x' } } }), savedForm()), ['apiIntegration']);
    assert.deepEqual(changedSections(draftWith({ toOkta: { incrementalImport: { expression: '0 */3 * * *', timezone: 'UTC' } } }), savedForm()), ['toOkta']);
  });

  it('ignores key order and absent-versus-undefined, as a draft restored from webview state has them', () => {
    const saved = savedForm();
    const reversed = (value: unknown): unknown => (typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversed(inner)]))
      : value);
    const restored = reversed(savedForm()) as Draft;
    assert.deepEqual(Object.keys(restored.toApp), ['syncPassword', 'deactivateUsers', 'updateUserAttributes', 'createUsers']);
    assert.deepEqual(changedSections(restored, saved), []);
    const noDerived = draftWith({ apiIntegration: { loginHost: { override: '' } } });
    const undefinedDerived = draftWith({ apiIntegration: { loginHost: { derived: undefined, override: '' } } });
    assert.deepEqual(changedSections(noDerived, undefinedDerived), []);
    assert.deepEqual(changedSections(undefinedDerived, noDerived), []);
  });

  it('puts back the sections asked for (all by default) without touching the others or the saved form', () => {
    const saved = savedForm();
    const draft = draftWith({ apiIntegration: { consumerKey: 'typed' }, toApp: { createUsers: false } });
    const one = discardChanges(draft, saved, ['toApp']);
    assert.deepEqual(changedSections(one, saved), ['apiIntegration']);
    assert.equal(one.apiIntegration.consumerKey, 'typed');
    assert.deepEqual(changedSections(discardChanges(draft, saved), saved), []);
    assert.equal(draft.toApp.createUsers, false, 'the draft given is not changed');
    discardChanges(draft, saved).toOkta.fullImport.expression = 'edited later';
    assert.equal(saved.toOkta.fullImport.expression, '0 0 * * 0', 'the result shares nothing with the saved form');
  });
});
