// Test API Credentials' seven checks against recorded probe outcomes: each failure's detail and fix, the
// checks that cannot run and why, the login host's org kind, and the summary's exit status.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  credentialChecks, formatCheckResults, oktaCallbackUrl, orgKindOfHost, type ProbeRecord, type SessionProbes, summarizeChecks,
} from '../../src/domain/apiIntegration/credentialChecks';
import type { CheckResult } from '../../src/domain/apiIntegration/protocol';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type IntegrationUserVerdict } from '../../src/domain/profileAudit';

const allRequired = requiredPermissions().permissions.map((permission) => permission.name);

/** The audit of one integration user whose profile has `permissions` (and the Salesforce license unless said). */
function verdictFor(permissions: readonly string[], licenseName = 'Salesforce', viaSet: readonly string[] = []): IntegrationUserVerdict {
  const profile = { id: '00eP', name: 'Okta Integration', userType: 'Standard', licenseName, permissions: Object.fromEntries(permissions.map((p) => [p, true])) };
  const grants = viaSet.length ? [{
    assigneeId: '005U', assigneeUsername: 'okta@acme.example', assigneeProfileId: '00eP', permissionSetName: 'Okta_User_Management',
    permissionSetGroupId: null, permissions: [...viaSet],
  }] : [];
  return auditOrg({ profiles: [profile], permissionSetGrants: grants, integrationUsers: [{ username: 'okta@acme.example', profileId: '00eP' }] }).integrationUsers[0];
}

const goodSession = (overrides: Partial<SessionProbes> = {}): SessionProbes => ({
  grantedScopes: ['refresh_token', 'api', 'id'], hasRefreshToken: true, refreshedWithSecret: true,
  refresh: { kind: 'renewed', scopes: ['refresh_token', 'api', 'id'], rotated: true },
  user: { ok: true, value: { username: 'okta@acme.example', isActive: true, profileName: 'Okta Integration' } },
  audit: { ok: true, value: verdictFor(allRequired) },
  org: { ok: true, value: { isSandbox: false, organizationType: 'Enterprise Edition', instanceName: 'NA224' } },
  limits: { ok: true, value: { max: 15000, remaining: 14250 } },
  ...overrides,
});

const record = (overrides: Partial<ProbeRecord> = {}): ProbeRecord => ({
  loginUrl: 'https://login.salesforce.com', oktaInstanceType: 'PRODUCTION', appName: 'Okta Provisioning', authorize: { kind: 'loginPage' },
  session: goodSession(), ...overrides,
});

const byId = (results: CheckResult[], id: string) => {
  const found = results.find((result) => result.check === id);
  assert.ok(found, `no result for ${id}`);
  return found;
};
const outcomes = (results: CheckResult[]) => results.map((result) => `${result.check}:${result.outcome}`);

describe('Test API Credentials checks', () => {
  it('passes all seven, in the issue\'s order, for a well set up app and integration user', () => {
    const results = credentialChecks(record());
    assert.deepEqual(outcomes(results), [
      'loginHost:pass', 'consumerKey:pass', 'oktaCallback:pass', 'noExtraDemands:pass', 'secretAndRefresh:pass', 'integrationUser:pass', 'apiRequests:pass',
    ]);
    assert.ok(results.every((result) => result.fix === undefined));
    assert.match(byId(results, 'apiRequests').detail, /14,250 of 15,000/);
    assert.deepEqual(summarizeChecks(results), { counts: { pass: 7, warn: 0, fail: 0, skipped: 0 }, exitCode: 0, line: '7 passed' });
  });

  describe('1. the login host', () => {
    it('reads the org kind from the host name where it tells', () => {
      assert.equal(orgKindOfHost('test.salesforce.com'), 'sandbox');
      assert.equal(orgKindOfHost('acme--uat.sandbox.my.salesforce.com'), 'sandbox');
      assert.equal(orgKindOfHost('login.salesforce.com'), 'production');
      assert.equal(orgKindOfHost('acme.my.salesforce.com'), 'production');
      assert.equal(orgKindOfHost('127.0.0.1'), undefined);
      assert.equal(orgKindOfHost('salesforce.example.com'), undefined);
    });

    it('fails a sandbox org behind a PRODUCTION app, naming the Okta setting', () => {
      const session = goodSession({ org: { ok: true, value: { isSandbox: true, organizationType: 'Enterprise Edition', instanceName: 'CS201' } } });
      const check = byId(credentialChecks(record({ loginUrl: 'http://127.0.0.1:1234', session })), 'loginHost');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /sandbox.*PRODUCTION/s);
      assert.match(check.fix ?? '', /Okta Admin Console > Applications .*Instance Type.*choose Sandbox/);
    });

    it('fails test.salesforce.com behind a PRODUCTION app without a session, from the host name alone', () => {
      const check = byId(credentialChecks(record({ loginUrl: 'https://test.salesforce.com', session: undefined })), 'loginHost');
      assert.equal(check.outcome, 'fail');
      assert.match(check.fix ?? '', /choose Sandbox/);
    });

    it('lets the org itself decide over the host name', () => {
      const session = goodSession({ org: { ok: true, value: { isSandbox: true, organizationType: 'Enterprise Edition', instanceName: 'CS201' } } });
      assert.equal(byId(credentialChecks(record({ oktaInstanceType: 'SANDBOX', loginUrl: 'https://acme.my.salesforce.com', session })), 'loginHost').outcome, 'pass');
    });

    it('says it could not decide, never passes silently, when neither host nor org tells', () => {
      const check = byId(credentialChecks(record({ loginUrl: 'http://127.0.0.1:1234', session: undefined })), 'loginHost');
      assert.equal(check.outcome, 'warn');
      assert.match(check.detail, /could not be decided/);
    });

    it('warns when there is no Okta instance type to compare with', () => {
      const check = byId(credentialChecks(record({ oktaInstanceType: undefined })), 'loginHost');
      assert.equal(check.outcome, 'warn');
      assert.match(check.fix ?? '', /--okta-app/);
    });

    it('fails a host that does not answer, and skips what needs its answer', () => {
      const results = credentialChecks(record({ authorize: { kind: 'noAnswer', failure: { message: 'timed out after 5 s' } }, session: undefined }));
      assert.equal(byId(results, 'loginHost').outcome, 'fail');
      assert.match(byId(results, 'loginHost').detail, /timed out after 5 s/);
      for (const id of ['consumerKey', 'oktaCallback', 'noExtraDemands']) {
        assert.equal(byId(results, id).outcome, 'skipped');
        assert.match(byId(results, id).fix ?? '', /check 1/);
      }
      assert.equal(summarizeChecks(results).exitCode, 1);
    });
  });

  describe('2 to 4. the authorize endpoint', () => {
    it('fails an unknown consumer key with where to copy it from, and skips the callback and PKCE checks', () => {
      const results = credentialChecks(record({ authorize: { kind: 'unknownClient' } }));
      const key = byId(results, 'consumerKey');
      assert.equal(key.outcome, 'fail');
      assert.match(key.fix ?? '', /Setup > App Manager > Okta Provisioning > View > Manage Consumer Details/);
      assert.deepEqual([byId(results, 'oktaCallback').outcome, byId(results, 'noExtraDemands').outcome], ['skipped', 'skipped']);
    });

    it('fails an unregistered Okta callback URL, naming the URL and the Setup path', () => {
      const results = credentialChecks(record({ authorize: { kind: 'callbackNotRegistered' } }));
      const callback = byId(results, 'oktaCallback');
      assert.equal(callback.outcome, 'fail');
      assert.ok(callback.fix?.includes(oktaCallbackUrl));
      assert.match(callback.fix ?? '', /Setup > App Manager > Okta Provisioning > Edit > API \(Enable OAuth Settings\).*Callback URL/);
      assert.equal(byId(results, 'consumerKey').outcome, 'pass');
      assert.equal(byId(results, 'noExtraDemands').outcome, 'skipped');
    });

    it('reports a PKCE demand as a warning with the setting to clear', () => {
      const results = credentialChecks(record({ authorize: { kind: 'pkceRequired' } }));
      const pkce = byId(results, 'noExtraDemands');
      assert.equal(pkce.outcome, 'warn');
      assert.match(pkce.fix ?? '', /Require Proof Key for Code Exchange/);
      assert.equal(byId(results, 'oktaCallback').outcome, 'pass');
    });

    it('fails any other refusal of Okta\'s request, quoting it', () => {
      const pkce = byId(credentialChecks(record({ authorize: { kind: 'otherError', error: 'OAUTH_APPROVAL_ERROR_GENERIC', description: 'An unexpected error' } })), 'noExtraDemands');
      assert.equal(pkce.outcome, 'fail');
      assert.match(pkce.detail, /OAUTH_APPROVAL_ERROR_GENERIC \(An unexpected error\)/);
    });
  });

  describe('5. secret, scopes and refresh', () => {
    it('fails a refused secret, with where to copy it', () => {
      const session = goodSession({ refresh: { kind: 'refused', error: 'invalid_client', description: 'invalid client credentials' } });
      const check = byId(credentialChecks(record({ session })), 'secretAndRefresh');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /invalid_client/);
      assert.match(check.fix ?? '', /Consumer Secret .*Manage Consumer Details/);
    });

    it('fails a revoked refresh token, pointing at the refresh token policy', () => {
      const session = goodSession({ refresh: { kind: 'refused', error: 'invalid_grant', description: 'expired access/refresh token' } });
      assert.match(byId(credentialChecks(record({ session })), 'secretAndRefresh').fix ?? '', /valid until revoked/);
    });

    it('fails a token without the refresh_token scope', () => {
      const session = goodSession({ refresh: { kind: 'renewed', scopes: ['api', 'id'], rotated: false } });
      const check = byId(credentialChecks(record({ session })), 'secretAndRefresh');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /lack refresh_token/);
    });

    it('takes the sign-in\'s scopes when the refresh named none', () => {
      const session = goodSession({ refresh: { kind: 'renewed', rotated: false }, grantedScopes: ['refresh_token', 'id'] });
      assert.match(byId(credentialChecks(record({ session })), 'secretAndRefresh').detail, /lack api/);
    });

    it('warns when the secret was not given, since the refresh then proves the rest only', () => {
      const check = byId(credentialChecks(record({ session: goodSession({ refreshedWithSecret: false }) })), 'secretAndRefresh');
      assert.equal(check.outcome, 'warn');
      assert.match(check.detail, /secret was not given/);
    });

    it('skips without a refresh token, and says how to get one', () => {
      const check = byId(credentialChecks(record({ session: goodSession({ hasRefreshToken: false, refresh: undefined }) })), 'secretAndRefresh');
      assert.equal(check.outcome, 'skipped');
      assert.match(check.fix ?? '', /refresh_token, offline_access/);
    });
  });

  describe('6. the integration user', () => {
    it('fails a permission granted through a permission set, with the profile to change', () => {
      const onProfile = allRequired.filter((p) => p !== 'ManageUsers');
      const session = goodSession({ audit: { ok: true, value: verdictFor(onProfile, 'Salesforce', ['ManageUsers']) } });
      const check = byId(credentialChecks(record({ session })), 'integrationUser');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /has Manage Users only through the permission set Okta_User_Management, which Okta does not count/);
      assert.match(check.fix ?? '', /Setup → Profiles → Okta Integration → System Permissions, enable Manage Users \(on the profile itself/);
    });

    it('fails missing dependencies, naming each', () => {
      const session = goodSession({ audit: { ok: true, value: verdictFor(allRequired.filter((p) => p !== 'ResetPasswords' && p !== 'FreezeUsers')) } });
      const check = byId(credentialChecks(record({ session })), 'integrationUser');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /lacks Reset User Passwords and Unlock Users and Freeze Users\./);
      assert.match(check.fix ?? '', /enable Reset User Passwords and Unlock Users and Freeze Users \(on the profile itself/);
    });

    it('fails a license that cannot carry the permissions', () => {
      const session = goodSession({ audit: { ok: true, value: verdictFor(['ApiEnabled'], 'Chatter Free') } });
      const check = byId(credentialChecks(record({ session })), 'integrationUser');
      assert.equal(check.outcome, 'fail');
      assert.match(check.detail, /cannot carry/);
    });

    it('fails an inactive user, and one without API access', () => {
      const inactive = goodSession({ user: { ok: true, value: { username: 'okta@acme.example', isActive: false, profileName: 'Okta Integration' } } });
      assert.match(byId(credentialChecks(record({ session: inactive })), 'integrationUser').fix ?? '', /tick Active/);
      const noApi = goodSession({ user: { ok: false, apiDisabled: true, failure: { message: 'API_CURRENTLY_DISABLED' } }, audit: undefined, limits: undefined });
      const results = credentialChecks(record({ session: noApi }));
      assert.match(byId(results, 'integrationUser').fix ?? '', /enable API Enabled/);
      assert.equal(byId(results, 'apiRequests').outcome, 'skipped');
    });

    it('skips 6 and 7 when a refresh token alone was given and its refresh failed', () => {
      const session: SessionProbes = {
        hasRefreshToken: true, refreshedWithSecret: true, refresh: { kind: 'refused', error: 'invalid_grant', description: 'expired access/refresh token' },
        unavailable: 'the refresh token gave no session, and no access token was given',
      };
      const results = credentialChecks(record({ session }));
      assert.deepEqual([byId(results, 'secretAndRefresh').outcome, byId(results, 'integrationUser').outcome, byId(results, 'apiRequests').outcome], ['fail', 'skipped', 'skipped']);
      assert.match(byId(results, 'integrationUser').detail, /the refresh token gave no session/);
    });

    it('skips 5 to 7 without a session, saying how to give one', () => {
      const results = credentialChecks(record({ session: undefined }));
      for (const id of ['secretAndRefresh', 'integrationUser', 'apiRequests']) {
        assert.equal(byId(results, id).outcome, 'skipped');
        assert.match(byId(results, id).fix ?? '', /Authenticate with Salesforce.com/);
      }
    });
  });

  describe('7. API requests', () => {
    it('fails when none remain, warns below a tenth, passes above', () => {
      const outcome = (remaining: number) => byId(credentialChecks(record({ session: goodSession({ limits: { ok: true, value: { max: 1000, remaining } } }) })), 'apiRequests').outcome;
      assert.deepEqual([outcome(0), outcome(99), outcome(100)], ['fail', 'warn', 'pass']);
    });

    it('fails when the limits could not be read, with the permission that opens them', () => {
      const session = goodSession({ limits: { ok: false, failure: { message: 'Reading the org\'s API limits needs View Setup and Configuration' } } });
      assert.match(byId(credentialChecks(record({ session })), 'apiRequests').fix ?? '', /View Setup and Configuration/);
    });
  });

  describe('summary and text', () => {
    it('exits 2 when nothing decisive ran, 1 on a failure, 0 on warnings', () => {
      const skipped: CheckResult = { check: 'x', title: 'X', outcome: 'skipped', detail: 'Not checked.' };
      assert.equal(summarizeChecks([skipped, skipped]).exitCode, 2);
      assert.equal(summarizeChecks([skipped, { ...skipped, outcome: 'fail' }]).exitCode, 1);
      const warned = summarizeChecks([skipped, { ...skipped, outcome: 'warn' }]);
      assert.deepEqual([warned.exitCode, warned.line], [0, '1 warning, 1 skipped']);
    });

    it('renders one block per check with its fix, then the counts', () => {
      const text = formatCheckResults(credentialChecks(record({ authorize: { kind: 'callbackNotRegistered' }, session: undefined })));
      assert.match(text, /^PASS {2}1\. Login host answers/);
      assert.match(text, /FAIL {2}3\. Okta’s callback URL is registered on the connected app\n {6}The connected app does not list/);
      assert.match(text, /\n {6}Fix: In Setup > App Manager/);
      assert.match(text, /SKIP {2}4\..*\n.*\n {6}To run it: Register Okta’s callback URL/);
      assert.match(text, /\n\n2 passed, 1 failed, 4 skipped$/);
    });
  });
});
