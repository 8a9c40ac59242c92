// The form against Okta's provisioning API: the saved form read from what Okta reports, the request
// bodies per section, the features that prove a Save, and the Admin Console checklist.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Draft } from '../../src/domain/apiIntegration/form';
import {
  connectionRequest, defaultToOkta, describeExpected, expectedFeatures, featuresMatch, guidedSteps, inboundProvisioningCapabilities,
  savedDraft, unmetFeatures, userProvisioningCapabilities,
} from '../../src/domain/apiIntegration/oktaProvisioning';
import { parseExtensionMessage } from '../../src/domain/apiIntegration/protocol';

const key = `3MVG9${'k'.repeat(80)}`;
const production = { instanceType: 'PRODUCTION', loginUrl: 'https://acme.my.salesforce.com' };

/** A draft that turns everything on, with a schedule and a custom username. */
function fullDraft(): Draft {
  return {
    apiIntegration: {
      enableApiIntegration: true, consumerKey: ` ${key} `, consumerSecret: { kind: 'typed', value: 'secret-1' },
      loginHost: { derived: 'https://acme.my.salesforce.com', override: '' }, allowPushingNullValues: true,
    },
    toApp: { createUsers: true, updateUserAttributes: false, deactivateUsers: true, syncPassword: false },
    toOkta: {
      ...structuredClone(defaultToOkta), scheduleEnabled: true,
      fullImport: { expression: '0 2 * * 0', timezone: 'Europe/Paris' }, incrementalImport: { expression: ' ', timezone: 'UTC' },
      usernameFormat: 'CUSTOM', usernameExpression: 'appuser.email', exactMatchCriteria: 'USERNAME', autoActivateNewUsers: true,
    },
  };
}

describe('savedDraft: the form as Okta holds it', () => {
  it('reads To App from the PUSH_* flags when Okta\'s API reports nothing else (Salesforce today)', () => {
    const draft = savedDraft({ settingsApp: production, features: ['PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION'], secretStored: false });
    assert.deepEqual(draft.toApp, { createUsers: true, updateUserAttributes: false, deactivateUsers: true, syncPassword: false });
    assert.equal(draft.apiIntegration.enableApiIntegration, true, 'Okta pushes only over an enabled integration');
    assert.deepEqual(draft.apiIntegration.loginHost, { derived: 'https://acme.my.salesforce.com', override: '' });
    assert.deepEqual(draft.apiIntegration.consumerSecret, { kind: 'none' });
    assert.deepEqual(draft.toOkta, defaultToOkta);
  });

  it('reads an app without provisioning flags as not integrated, and a sandbox instance\'s host as test.salesforce.com', () => {
    const draft = savedDraft({ settingsApp: { instanceType: 'SANDBOX' }, features: ['SSO'], consumerKey: key, secretStored: true });
    assert.equal(draft.apiIntegration.enableApiIntegration, false);
    assert.equal(draft.apiIntegration.loginHost.derived, 'https://test.salesforce.com');
    assert.equal(draft.apiIntegration.consumerKey, key);
    assert.deepEqual(draft.apiIntegration.consumerSecret, { kind: 'stored' });
  });

  it('leaves the host to the admin for a Government instance', () => {
    const draft = savedDraft({ settingsApp: { instanceType: 'GOVERNMENT' }, features: [], secretStored: false });
    assert.deepEqual(draft.apiIntegration.loginHost, { override: '' });
  });

  it('prefers the connection and the features\' capabilities when Okta\'s API reports them', () => {
    const draft = savedDraft({
      settingsApp: production, features: ['PUSH_NEW_USERS'], connection: { authScheme: 'OAUTH2', status: 'DISABLED' },
      userProvisioning: userProvisioningCapabilities({ createUsers: false, updateUserAttributes: true, deactivateUsers: false, syncPassword: true }),
      inboundProvisioning: inboundProvisioningCapabilities(fullDraft().toOkta),
      secretStored: false,
    });
    assert.equal(draft.apiIntegration.enableApiIntegration, false);
    assert.deepEqual(draft.toApp, { createUsers: false, updateUserAttributes: true, deactivateUsers: false, syncPassword: true });
    assert.deepEqual(draft.toOkta, { ...fullDraft().toOkta, incrementalImport: { expression: '', timezone: '' } }, 'a blank schedule is not sent, so it reads back blank');
  });
});

describe('request bodies per section', () => {
  it('sends the consumer key, trimmed, as the OAuth 2.0 connection\'s clientId and never the secret', () => {
    const body = connectionRequest(fullDraft());
    assert.deepEqual(body, { profile: { authScheme: 'OAUTH2', clientId: key } });
    assert.doesNotMatch(JSON.stringify(body), /secret-1/);
  });

  it('maps To App onto USER_PROVISIONING capabilities', () => {
    assert.deepEqual(userProvisioningCapabilities(fullDraft().toApp), {
      create: { lifecycleCreate: { status: 'ENABLED' } },
      update: { profile: { status: 'DISABLED' }, lifecycleDeactivate: { status: 'ENABLED' }, password: { status: 'DISABLED' } },
    });
  });

  it('maps To Okta onto INBOUND_PROVISIONING, leaving out blank schedules and the expression of an Email username', () => {
    assert.deepEqual(inboundProvisioningCapabilities(fullDraft().toOkta), {
      importSettings: {
        username: { usernameFormat: 'CUSTOM', userNameExpression: 'appuser.email' },
        schedule: { status: 'ENABLED', fullImport: { expression: '0 2 * * 0', timezone: 'Europe/Paris' } },
      },
      importRules: {
        userCreateAndMatch: {
          exactMatchCriteria: 'USERNAME', allowPartialMatch: false, autoConfirmPartialMatch: false, autoConfirmExactMatch: false,
          autoConfirmNewUsers: false, autoActivateNewUsers: true,
        },
      },
    });
    const off = inboundProvisioningCapabilities({ ...fullDraft().toOkta, scheduleEnabled: false, usernameFormat: 'EMAIL' });
    assert.deepEqual((off.importSettings as Record<string, unknown>).schedule, { status: 'DISABLED' }, 'a schedule that is off sends no expressions');
    assert.deepEqual((off.importSettings as Record<string, unknown>).username, { usernameFormat: 'EMAIL' });
  });
});

describe('expectedFeatures: the flags that prove a Save', () => {
  it('wants each ticked To App option on and each cleared one off', () => {
    const expected = expectedFeatures('toApp', fullDraft());
    assert.deepEqual(expected, { present: ['PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION'], absent: ['PUSH_PROFILE_UPDATES', 'PUSH_PASSWORD_UPDATES'] });
    assert.equal(featuresMatch(['SSO', 'PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION'], expected), true);
    assert.equal(featuresMatch(['PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION', 'PUSH_PASSWORD_UPDATES'], expected), false);
    assert.deepEqual(unmetFeatures(['PUSH_NEW_USERS', 'PUSH_PASSWORD_UPDATES'], expected), ['PUSH_USER_DEACTIVATION', 'no PUSH_PASSWORD_UPDATES']);
    assert.deepEqual(describeExpected(expected), ['PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION', 'no PUSH_PROFILE_UPDATES', 'no PUSH_PASSWORD_UPDATES']);
  });

  it('wants IMPORT_USER_SCHEMA for an enabled integration, and it and every push flag gone for a disabled one', () => {
    assert.deepEqual(expectedFeatures('apiIntegration', fullDraft()), { present: ['IMPORT_USER_SCHEMA'], absent: [] });
    const off = fullDraft();
    off.apiIntegration.enableApiIntegration = false;
    assert.deepEqual(expectedFeatures('apiIntegration', off).absent, ['IMPORT_USER_SCHEMA', 'PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION', 'PUSH_PASSWORD_UPDATES']);
  });

  it('wants the import flags for To Okta', () => {
    assert.deepEqual(expectedFeatures('toOkta', fullDraft()), { present: ['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES'], absent: [] });
  });
});

describe('guidedSteps: the Admin Console checklist', () => {
  const texts = (steps: Array<{ text: string }>) => steps.map((step) => step.text);

  it('walks the API integration in the procedure\'s order, copying the key and the secret on click', () => {
    const steps = guidedSteps('apiIntegration', fullDraft());
    assert.deepEqual(steps[0], { text: 'Open the app\'s Provisioning tab in the Okta Admin Console.', openAdminConsole: true });
    const order = ['Configure API Integration', 'Select Enable API integration', 'OAuth Consumer Key', 'OAuth Consumer Secret', 'Authenticate with Salesforce.com', 'Select Allow Pushing Null Values', 'Click Save'];
    const at = order.map((words) => steps.findIndex((step) => step.text.includes(words)));
    assert.ok(at.every((index, i) => index > (at[i - 1] ?? 0)), `steps out of order: ${texts(steps).join(' | ')}`);
    assert.deepEqual(steps.filter((step) => step.copy).map((step) => step.copy), ['consumerKey', 'consumerSecret']);
    assert.ok(steps.every((step) => !step.text.includes(key) && !step.text.includes('secret-1')), 'credentials are copied, not shown');
  });

  it('says to clear Enable API integration when the draft turns it off, and asks for no credentials', () => {
    const off = fullDraft();
    off.apiIntegration.enableApiIntegration = false;
    const steps = guidedSteps('apiIntegration', off);
    assert.ok(texts(steps).includes('Clear Enable API integration.'));
    assert.ok(steps.every((step) => !step.copy));
  });

  it('ticks and clears the To App options as in the draft', () => {
    assert.deepEqual(texts(guidedSteps('toApp', fullDraft())).slice(1), [
      'Under Settings, click To App, then Edit.', 'Select Create Users.', 'Clear Update User Attributes.', 'Select Deactivate Users.', 'Clear Sync Password.', 'Click Save.',
    ]);
  });

  it('gives To Okta\'s schedule and matching values as text', () => {
    const steps = texts(guidedSteps('toOkta', fullDraft()));
    assert.ok(steps.includes('Set Full import to "0 2 * * 0" in the time zone Europe/Paris.'));
    assert.ok(steps.includes('Leave Incremental import empty.'));
    assert.ok(steps.includes('Set Okta username format to Custom, with the expression "appuser.email".'));
    assert.ok(steps.includes('Set "Imported user is an exact match to Okta user if" to Okta username matches.'));
    assert.ok(steps.includes('Select Auto-activate new users.') && steps.includes('Clear Allow partial matches.'));
    const off = texts(guidedSteps('toOkta', { ...fullDraft(), toOkta: structuredClone(defaultToOkta) }));
    assert.ok(off.includes('Turn the import schedule off.') && !off.some((text) => text.includes('Full import')));
  });

  it('makes steps the protocol\'s guard lets through to the webview', () => {
    for (const section of ['apiIntegration', 'toApp', 'toOkta'] as const) {
      const draft = fullDraft();
      const message = {
        type: 'guided', inReplyTo: 1, section, steps: guidedSteps(section, draft),
        expected: describeExpected(expectedFeatures(section, draft)), status: 'waiting', message: 'Waiting',
      };
      assert.equal(parseExtensionMessage(message).ok, true, section);
    }
  });
});
