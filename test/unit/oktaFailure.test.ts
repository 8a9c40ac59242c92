// What the Okta adapter says when Okta refuses, from the SDK's error shapes (OktaApiError: status,
// errorCode, errorSummary, errorCauses, headers), and how it finds the next page in a Link header.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextLink } from '../../src/okta/api/linkHeader';
import { OktaFailure } from '../../src/okta/api/oktaFailure';

const orgUrl = 'https://acme.okta.com';
const sdkError = (status: number, errorCode: string, extra: { headers?: Record<string, string>; causes?: string[]; summary?: string } = {}) => ({
  status, errorCode, errorSummary: extra.summary ?? 'You do not have permission to perform the requested action',
  errorCauses: (extra.causes ?? []).map((errorSummary) => ({ errorSummary })),
  headers: new Headers(extra.headers ?? {}),
});

describe('OktaFailure', () => {
  // As Okta answers an OAuth token without the scope: the scope only in the challenge, no error causes.
  const insufficientScope = sdkError(403, 'E0000006', {
    headers: { 'WWW-Authenticate': 'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="IdpMyAccountAPI", scope="okta.groups.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/groups"' },
  });

  it('names the scope from the WWW-Authenticate challenge and where to grant it', () => {
    const failure = OktaFailure.from(insufficientScope, orgUrl, { credential: 'serviceApp' });
    assert.equal(failure.kind, 'forbidden');
    assert.equal(failure.missingScope, 'okta.groups.read');
    assert.equal(failure.message, "The service app's token lacks the scope okta.groups.read (E0000006). Grant okta.groups.read in Admin Console → Applications → the service app → Okta API Scopes if it is not granted yet, then connect again with okta.groups.read among the scopes asked for.");
  });

  it('says insufficient_scope even when the challenge names no scope', () => {
    const failure = OktaFailure.from(sdkError(403, 'E0000006', { headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' } }), orgUrl, { credential: 'serviceApp' });
    assert.equal(failure.missingScope, undefined);
    assert.match(failure.message, /^The service app's token lacks a scope this needs \(E0000006; Okta did not say which\)\. Check the scopes granted in .*Okta API Scopes.*, then connect again asking for every scope offered\.$/);
  });

  it('tells an API token\'s admin about roles, not scopes', () => {
    const failure = OktaFailure.from(sdkError(403, 'E0000006'), orgUrl);
    assert.equal(failure.kind, 'forbidden');
    assert.equal(failure.missingScope, undefined);
    assert.match(failure.message, /^The token's admin is not allowed to do this \(E0000006: .*Application Administrator or Super Administrator/);
  });

  it('tells a service app without the admin role to get one when no scope is missing', () => {
    const failure = OktaFailure.from(sdkError(403, 'E0000006'), orgUrl, { credential: 'serviceApp' });
    assert.match(failure.message, /^The service app is not allowed to do this .*Admin roles/);
  });

  it('names the token endpoint\'s refusal for a service app, else the refused access token', () => {
    const refused = sdkError(401, 'E0000011', { summary: 'Invalid token provided' });
    const badKey = OktaFailure.from(refused, orgUrl, { credential: 'serviceApp', tokenRefusal: { error: 'invalid_client', description: 'The client_assertion signature is invalid.' } });
    assert.equal(badKey.errorCode, 'invalid_client');
    assert.match(badKey.message, /^Okta refused the service app's sign-in \(invalid_client: The client_assertion signature is invalid\.\)\. Check the client ID/);
    const scope = OktaFailure.from(refused, orgUrl, { credential: 'serviceApp', tokenRefusal: { error: 'invalid_scope' } });
    assert.match(scope.message, /scopes it asked for \(invalid_scope\)\. Grant them in Admin Console → Applications → the service app → Okta API Scopes/);
    const expired = OktaFailure.from(refused, orgUrl, { credential: 'serviceApp' });
    assert.match(expired.message, /^Okta refused the service app's access token \(E0000011\)/);
    const token = OktaFailure.from(refused, orgUrl);
    assert.match(token.message, /^Okta refused the API token \(E0000011\)\..*Security → API → Tokens/);
  });

  it('keeps hostile text from Okta short and on one line', () => {
    const summary = `<script>alert(1)</script>\n${'x'.repeat(10_000)}`;
    const failure = OktaFailure.from(sdkError(400, 'E0000001', { summary, causes: ['label: too\nlong'] }), orgUrl);
    assert.equal(failure.kind, 'invalid');
    assert.ok(failure.message.length < 600, `${failure.message.length} characters`);
    assert.doesNotMatch(failure.message, /\n/);
    assert.match(failure.message, /label: too long/);
  });
});

describe('nextLink', () => {
  it('finds rel="next" among Okta\'s Link headers', () => {
    const self = '<https://acme.okta.com/api/v1/apps?limit=200>; rel="self"';
    const next = '<https://acme.okta.com/api/v1/apps?after=0oa2&limit=200>; rel="next"';
    assert.equal(nextLink(`${self}, ${next}`), 'https://acme.okta.com/api/v1/apps?after=0oa2&limit=200');
    assert.equal(nextLink(`${next}, ${self}`), 'https://acme.okta.com/api/v1/apps?after=0oa2&limit=200');
    assert.equal(nextLink('<https://x/a>; rel=next'), 'https://x/a');
    assert.equal(nextLink('<https://x/a>; title="next"; rel="prev"'), undefined);
    assert.equal(nextLink(self), undefined);
    assert.equal(nextLink(null), undefined);
  });
});
