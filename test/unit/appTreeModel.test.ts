import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adminConsoleUrl, type AppFacts, appDetails, countLabel, featureRows, maxLabelLength, otherAppRow, plainLabel,
  provisioningSummary, salesforceAppRow, settingRows,
} from '../../src/okta/appTreeModel';

const production: AppFacts = {
  id: '0oa000000001SbXqJ5h7', name: 'salesforce', label: 'Salesforce.com', status: 'ACTIVE',
  instanceType: 'PRODUCTION', integrationType: 'STANDARD', loginUrl: 'https://acme.my.salesforce.com',
  features: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION', 'IMPORT_NEW_USERS'],
};

describe('Okta apps tree model: provisioning summary', () => {
  it('names the push features on, in the Provisioning tab\'s order, and Import once for either import feature', () => {
    assert.equal(provisioningSummary(production.features), 'Push new users · Push profile updates · Deactivate users · Import');
    assert.equal(provisioningSummary(['PUSH_USER_DEACTIVATION', 'PUSH_NEW_USERS']), 'Push new users · Deactivate users');
    assert.equal(provisioningSummary(['IMPORT_PROFILE_UPDATES', 'IMPORT_NEW_USERS']), 'Import');
  });

  it('says provisioning is not set up when no provisioning feature is on (sign-on features do not count)', () => {
    assert.equal(provisioningSummary([]), 'Provisioning not set up');
    assert.equal(provisioningSummary(['SSO', 'MFA']), 'Provisioning not set up');
  });

  it('names features outside the summary rather than saying not set up', () => {
    assert.equal(provisioningSummary(['PUSH_PASSWORD_UPDATES', 'GROUP_PUSH']), 'Push password updates · Group push');
  });

  it('lists each provisioning feature on or off', () => {
    const rows = featureRows(['PUSH_NEW_USERS', 'GROUP_PUSH']);
    assert.deepEqual(rows.filter((row) => row.on).map((row) => row.label), ['Push new users', 'Group push']);
    assert.equal(rows.length, 8);
    assert.ok(rows.some((row) => row.label === 'Deactivate users' && !row.on));
  });
});

describe('Okta apps tree model: rows', () => {
  it('describes a Salesforce instance with status, instance type and summary', () => {
    const row = salesforceAppRow(production);
    assert.equal(row.label, 'Salesforce.com');
    assert.equal(row.description, 'ACTIVE · PRODUCTION · Push new users · Push profile updates · Deactivate users · Import');
    assert.equal(row.contextValue, 'oktaApp.salesforce.active');
    assert.match(row.tooltip, /Login URL: https:\/\/acme\.my\.salesforce\.com/);
  });

  it('reads SANDBOX and INACTIVE, and leaves out an instance type that is not set', () => {
    const sandbox = salesforceAppRow({ ...production, status: 'INACTIVE', instanceType: 'sandbox', features: [] });
    assert.equal(sandbox.description, 'INACTIVE · SANDBOX · Provisioning not set up');
    assert.equal(sandbox.contextValue, 'oktaApp.salesforce.inactive');
    assert.equal(sandbox.active, false);
    assert.deepEqual(sandbox.tooltip.split('\n').slice(1, 3), ['INACTIVE · SANDBOX', 'Provisioning: Provisioning not set up']);
    // An inactive app keeps its provisioning features; the row still names them.
    assert.equal(salesforceAppRow({ ...production, status: 'INACTIVE' }).description,
      'INACTIVE · PRODUCTION · Push new users · Push profile updates · Deactivate users · Import');
    assert.equal(salesforceAppRow({ ...production, instanceType: undefined, features: [] }).description, 'ACTIVE · Provisioning not set up');
  });

  it('shows another app\'s status only when it is not active', () => {
    const slack: AppFacts = { id: '0oa3', name: 'slack', label: 'Slack', status: 'ACTIVE', features: [] };
    assert.equal(otherAppRow(slack).description, 'slack');
    assert.equal(otherAppRow({ ...slack, status: 'INACTIVE' }).description, 'INACTIVE · slack');
    assert.equal(otherAppRow({ ...slack, status: 'INACTIVE' }).contextValue, 'oktaApp.other.inactive');
  });

  it('lists the settings, saying which are not set', () => {
    assert.deepEqual(settingRows(production).map(({ label, value }) => `${label}: ${value}`),
      ['Instance type: PRODUCTION', 'Login URL: https://acme.my.salesforce.com', 'Integration type: STANDARD']);
    assert.deepEqual(settingRows({ ...production, loginUrl: undefined, integrationType: '' }).map(({ value }) => value),
      ['PRODUCTION', 'not set', 'not set']);
  });

  it('counts assignments read, with + while more pages remain', () => {
    assert.equal(countLabel(12, false), '12');
    assert.equal(countLabel(50, true), '50+');
  });
});

describe('Okta apps tree model: hostile labels', () => {
  it('keeps markup as typed, on one line', () => {
    assert.equal(plainLabel('<img src=x onerror=alert(1)> **bold** [link](command:x)\n$(zap)'),
      '<img src=x onerror=alert(1)> **bold** [link](command:x) $(zap)');
  });

  it('turns control characters, line breaks and bidirectional overrides into spaces', () => {
    assert.equal(plainLabel('Sales\u202Eforce\r\n\tProd\u0000uction\u2028x'), 'Sales force Prod uction x');
  });

  it('cuts a 10,000-character label for the row and keeps all of it in the tooltip', () => {
    const label = `${'A'.repeat(9_990)}<b>END</b>`;
    const row = salesforceAppRow({ ...production, label });
    assert.equal(row.label.length, maxLabelLength);
    assert.ok(row.label.endsWith('…'));
    assert.ok(row.tooltip.startsWith(label), 'the tooltip keeps the whole label');
    assert.equal(otherAppRow({ ...production, label }).label.length, maxLabelLength);
  });

  it('never splits a character made of two code units', () => {
    const cut = plainLabel('😀'.repeat(200), 10);
    assert.equal(Array.from(cut).length, 10);
    assert.ok(!/[\uD800-\uDBFF]…$/.test(cut));
  });

  it('shows the id when a label is empty once cleaned', () => {
    assert.equal(salesforceAppRow({ ...production, label: '\u0000 \n' }).label, production.id);
  });
});

describe('Okta apps tree model: Admin Console and details', () => {
  it('opens the app on the org\'s -admin host', () => {
    assert.equal(adminConsoleUrl('https://dev-123456.okta.com', production),
      'https://dev-123456-admin.okta.com/admin/app/salesforce/instance/0oa000000001SbXqJ5h7/');
    assert.equal(adminConsoleUrl('https://acme.okta-emea.com', production).startsWith('https://acme-admin.okta-emea.com/'), true);
    assert.equal(adminConsoleUrl('https://acme.oktapreview.com', production).startsWith('https://acme-admin.oktapreview.com/'), true);
  });

  it('keeps any other host (custom domain, local test org) as it is', () => {
    assert.equal(adminConsoleUrl('https://login.acme.example', production), `https://login.acme.example/admin/app/salesforce/instance/${production.id}/`);
    assert.equal(adminConsoleUrl('http://127.0.0.1:4321', production).startsWith('http://127.0.0.1:4321/admin/app/salesforce/'), true);
  });

  it('writes a details document with the settings, the features on and off, and Okta\'s JSON', () => {
    const text = appDetails(production, 'https://dev-1.okta.com', { settings: { app: { instanceType: 'PRODUCTION' } } });
    assert.match(text, /Instance type: PRODUCTION/);
    assert.match(text, /\[on\] {2}Push new users/);
    assert.match(text, /\[off\] Reactivate users/);
    assert.match(text, /"instanceType": "PRODUCTION"/);
  });
});
