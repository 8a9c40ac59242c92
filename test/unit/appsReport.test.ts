// okta-sf apps' text report: labels from the org stay on one line in a terminal, whatever they hold.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAppsText } from '../../src/cli/appsReport';
import type { OktaApp } from '../../src/okta/api/oktaApi';

const app = (label: string): OktaApp => ({
  id: '0oa1', name: 'salesforce', label, status: 'ACTIVE', signOnMode: 'SAML_2_0', instanceType: 'PRODUCTION',
  loginUrl: 'https://login.salesforce.com', features: ['PUSH_NEW_USERS'], raw: {},
});

describe('okta-sf apps text report', () => {
  it('turns line breaks, terminal escapes and bidi overrides in a label into spaces', () => {
    const text = formatAppsText('https://acme.okta.com', [app('Sales\u202eecrof\nFAKE LINE\u001b[31m red')]);
    const labelLine = text.split('\n')[2];
    assert.equal(labelLine, 'Sales ecrof FAKE LINE [31m red  (0oa1)');
    for (const unsafe of ["\u202e", "\u001b"]) assert.ok(!text.includes(unsafe), `no ${JSON.stringify(unsafe)} in the report`);
    assert.equal(text.split('\n').length, 5, 'no line forged by the label');
  });

  it('keeps every other value from the org on its line too: status, instance type, login URL, name', () => {
    const hostile = { ...app('Salesforce.com'), status: 'ACTIVE\nFAKE', instanceType: 'SANDBOX\u001b[2J', loginUrl: 'https://x\r\n.example', name: 'sales\nforce' };
    const text = formatAppsText('https://acme.okta.com', [hostile], [hostile]);
    assert.equal(text.split('\n')[3], '  ACTIVE FAKE · SANDBOX [2J · https://x .example');
    assert.equal(text.split('\n').at(-1), 'Salesforce.com  (sales force, ACTIVE FAKE, 0oa1)');
    assert.ok(!text.includes('\u001b'));
    assert.equal(text.split('\n').length, 8, 'no line forged by a value');
  });
});
