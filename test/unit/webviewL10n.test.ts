// The Configure API Integration page takes its texts from the bundle the extension passes in (l10n.config in
// webview/main.ts): they are made when the page renders, so a bundle configured after the modules loaded applies.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { after, describe, it } from 'node:test';
import { appHeading, assignmentsText, guidedStatusText, outcomeLabel, sectionTitle } from '../../src/apiIntegration/webview/view';

describe('the webview texts with a translation bundle', () => {
  after(() => l10n.config({ contents: {} }));

  it('shows English without a bundle', () => {
    assert.equal(assignmentsText({ users: 1, groups: 2, more: false }), '1 user and 2 groups assigned.');
    assert.equal(outcomeLabel('fail').word, 'Failed');
    assert.equal(guidedStatusText('stopped', ''), 'You stopped waiting.');
  });

  it('shows the translations once the bundle is configured, arguments in place', () => {
    l10n.config({
      contents: {
        '{0} and {1} assigned.': '{1} et {0} affectés.', '1 user': '1 utilisateur', '{0} groups': '{0} groupes',
        Failed: 'Échec', 'To Okta': 'Vers Okta', 'You stopped waiting.': 'Vous avez arrêté d’attendre.',
        'Salesforce instance type: {0}': 'Type d’instance Salesforce : {0}',
      },
    });
    assert.equal(assignmentsText({ users: 1, groups: 2, more: false }), '2 groupes et 1 utilisateur affectés.');
    assert.equal(outcomeLabel('fail').word, 'Échec');
    assert.equal(sectionTitle('toOkta'), 'Vers Okta');
    assert.equal(guidedStatusText('stopped', 'Okta said so.'), 'Vous avez arrêté d’attendre. Okta said so.');
    assert.equal(appHeading({ label: 'Salesforce', instanceType: 'SANDBOX' }).subtitle, 'Type d’instance Salesforce : SANDBOX');
  });
});
