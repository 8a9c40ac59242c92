import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIds } from '../../src/domain/apiIntegration/credentialChecks';
import type { CheckOutcome, CheckResult } from '../../src/domain/apiIntegration/protocol';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type OrgSnapshot, type SnapshotProfile } from '../../src/domain/profileAudit';
import {
  apiIntegrationConfigured, connectedAppReady, integrationProfileReady, preflightPassed, usersAssigned,
  walkthroughContextKey, walkthroughSteps,
} from '../../src/domain/walkthroughProgress';

const closure = requiredPermissions().permissions.map((permission) => permission.name);

function profile(id: string, name: string, granted: readonly string[]): SnapshotProfile {
  return { id, name, userType: 'Standard', licenseName: 'Salesforce', permissions: Object.fromEntries(granted.map((permission) => [permission, true])) };
}

const ready = profile('00e1', 'Okta Integration', closure);
const apiOnly = profile('00e2', 'Okta Integration - API Only', ['ApiEnabled']);
/** Has everything, but its name is no integration candidate's. */
const admin = profile('00e3', 'System Administrator', closure);

const audit = (snapshot: Partial<OrgSnapshot>, integrationProfiles?: string[]) =>
  auditOrg({ profiles: [], permissionSetGrants: [], ...snapshot }, { integrationProfiles });

describe('walkthrough: integration profile ready', () => {
  it('is reached by one passing candidate, even beside a failing one (orgPasses is not)', () => {
    const both = audit({ profiles: [apiOnly, ready, admin] });
    assert.equal(both.orgPasses, false);
    assert.equal(integrationProfileReady(both), true);
  });

  it('is not reached when every candidate fails, whatever other profiles have', () => {
    assert.equal(integrationProfileReady(audit({ profiles: [apiOnly, admin] })), false);
  });

  it('is not reached without any candidate (the admin has still to create one)', () => {
    assert.equal(integrationProfileReady(audit({ profiles: [admin] })), false);
  });

  it('follows the integration profiles the settings name', () => {
    const snapshot = { profiles: [apiOnly, ready] };
    assert.equal(integrationProfileReady(audit(snapshot, ['*API Only'])), false);
    assert.equal(integrationProfileReady(audit(snapshot, ['Okta Integration'])), true);
  });

  it('asks the named integration users when there are: one passing user is enough', () => {
    const onFailing = audit({ profiles: [apiOnly, ready], integrationUsers: [{ username: 'okta@acme.example', profileId: '00e2' }] });
    assert.equal(integrationProfileReady(onFailing), false, 'a passing candidate does not help a user on another profile');
    const onBoth = audit({
      profiles: [apiOnly, ready],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00e2' }, { username: 'okta2@acme.example', profileId: '00e1' }],
    });
    assert.equal(integrationProfileReady(onBoth), true);
  });
});

describe('walkthrough: connected app ready', () => {
  const results = (outcomes: Partial<Record<string, CheckOutcome>>): CheckResult[] =>
    checkIds.map((check) => ({ check, title: check, outcome: outcomes[check] ?? 'fail', detail: '' }));

  it('is reached when checks 2 to 4 pass, whatever the others say', () => {
    assert.equal(connectedAppReady(results({ consumerKey: 'pass', oktaCallback: 'pass', noExtraDemands: 'warn' })), true);
  });

  for (const check of ['consumerKey', 'oktaCallback', 'noExtraDemands']) {
    it(`is not reached when ${check} fails or was skipped`, () => {
      const passing = { consumerKey: 'pass', oktaCallback: 'pass', noExtraDemands: 'pass' } as const;
      assert.equal(connectedAppReady(results({ ...passing, [check]: 'fail' })), false);
      assert.equal(connectedAppReady(results({ ...passing, [check]: 'skipped' })), false);
      assert.equal(connectedAppReady(results(passing).filter((result) => result.check !== check)), false, 'a missing check proves nothing');
    });
  }
});

describe('walkthrough: the other steps', () => {
  it('counts a Salesforce.com app pushing new users as the API integration configured', () => {
    assert.equal(apiIntegrationConfigured([{ name: 'salesforce', features: ['PUSH_PROFILE_UPDATES'] }]), false);
    assert.equal(apiIntegrationConfigured([{ name: 'slack', features: ['PUSH_NEW_USERS'] }]), false);
    assert.equal(apiIntegrationConfigured([
      { name: 'slack', features: [] }, { name: 'salesforce', features: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES'] },
    ]), true);
  });

  it('passes a pre-flight with warnings but no error', () => {
    assert.equal(preflightPassed({ counts: { error: 0, warning: 2, info: 1 } }), true);
    assert.equal(preflightPassed({ counts: { error: 1, warning: 0, info: 0 } }), false);
  });

  it('counts an assignment only when someone was assigned', () => {
    assert.equal(usersAssigned({ assigned: 0 }), false);
    assert.equal(usersAssigned({ assigned: 1 }), true);
  });

  it('names one context key per step, in the procedure\'s order', () => {
    assert.deepEqual(walkthroughSteps.map(walkthroughContextKey), [
      'oktaSf.walkthrough.oktaConnected', 'oktaSf.walkthrough.salesforceSignedIn', 'oktaSf.walkthrough.integrationProfileReady',
      'oktaSf.walkthrough.connectedAppReady', 'oktaSf.walkthrough.apiIntegrationConfigured', 'oktaSf.walkthrough.preflightPassed',
      'oktaSf.walkthrough.usersAssigned',
    ]);
  });
});
