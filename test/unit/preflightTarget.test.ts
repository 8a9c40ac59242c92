// Which signed-in Salesforce org an Okta Salesforce app provisions, from the app's login URL.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { salesforceTargetOf, type SignedInSalesforceOrg } from '../../src/domain/preflight/salesforceTarget';

const orgs: SignedInSalesforceOrg[] = [
  { id: 'prod', url: 'https://acme.my.salesforce.com' },
  { id: 'uat', url: 'https://acme--uat.sandbox.my.salesforce.com', loginUrl: 'https://test.salesforce.com' },
  { id: 'local', url: 'http://127.0.0.1:41000' },
];

describe('the Salesforce org an Okta app provisions', () => {
  const cases: Array<[string, string | undefined, ReturnType<typeof salesforceTargetOf>, string?]> = [
    ['its My Domain', 'https://acme.my.salesforce.com', { kind: 'found', orgId: 'prod' }],
    ['its My Domain in another case, with a path', 'https://ACME.my.salesforce.com/home', { kind: 'found', orgId: 'prod' }],
    ['its Lightning host, the same org', 'https://acme.lightning.force.com', { kind: 'found', orgId: 'prod' }],
    ['a sandbox My Domain', 'https://acme--uat.sandbox.my.salesforce.com', { kind: 'found', orgId: 'uat' }],
    ['a production org not signed in', 'https://globex.my.salesforce.com', { kind: 'notSignedIn', loginUrl: 'https://globex.my.salesforce.com', host: 'globex.my.salesforce.com' }],
    ['the sandbox of a signed-in production org, not signed in', 'https://acme--dev.sandbox.my.salesforce.com', { kind: 'notSignedIn', loginUrl: 'https://acme--dev.sandbox.my.salesforce.com', host: 'acme--dev.sandbox.my.salesforce.com' }],
    ['a local org by host and port', 'http://127.0.0.1:41000', { kind: 'found', orgId: 'local' }],
    ['a local org on another port', 'http://127.0.0.1:41001', { kind: 'notSignedIn', loginUrl: 'http://127.0.0.1:41001', host: '127.0.0.1:41001' }],
    ['login.salesforce.com', 'https://login.salesforce.com', { kind: 'choose', loginUrl: 'https://login.salesforce.com', reason: 'sharedLoginHost' }],
    ['test.salesforce.com, even though an org signed in there', 'https://test.salesforce.com', { kind: 'choose', loginUrl: 'https://test.salesforce.com', reason: 'sharedLoginHost' }],
    ['test.salesforce.com with a remembered choice', 'https://test.salesforce.com', { kind: 'found', orgId: 'uat' }, 'uat'],
    ['a My Domain, ignoring a stale choice', 'https://acme.my.salesforce.com', { kind: 'found', orgId: 'prod' }, 'uat'],
    ['no login URL', undefined, { kind: 'choose', reason: 'noLoginUrl' }],
    ['no login URL with a choice of an org since signed out', '', { kind: 'choose', reason: 'noLoginUrl' }, 'gone'],
    ['no login URL with a remembered choice', '  ', { kind: 'found', orgId: 'local' }, 'local'],
    ['text that is no address', 'acme my salesforce', { kind: 'invalid', loginUrl: 'acme my salesforce' }],
    ['another scheme', 'javascript:alert(1)', { kind: 'invalid', loginUrl: 'javascript:alert(1)' }],
  ];
  for (const [name, loginUrl, expected, chosen] of cases) {
    it(name, () => assert.deepEqual(salesforceTargetOf(loginUrl, orgs, chosen), expected));
  }
});
