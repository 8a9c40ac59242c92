import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../src/domain/redact';

describe('redact', () => {
  it('hides Okta API tokens and OAuth tokens after their scheme', () => {
    assert.equal(redact('Authorization: SSWS 00abcDEF_ghi-jkl123'), 'Authorization: SSWS [redacted]');
    assert.equal(redact('bearer eyJhbGciOi.JIUzI1NiJ9.sig'), 'bearer [redacted]');
    assert.equal(redact('DPoP abc.def.ghi'), 'DPoP [redacted]');
  });

  it('hides Salesforce session ids wherever they appear', () => {
    // Built here rather than written out, so that no file holds something shaped like a live session.
    const session = `00DSb0000001SbXMAU!${'AQ8AQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJW'.repeat(2)}`;
    assert.equal(redact(`token ${session} expired`), 'token [session id redacted] expired');
  });

  it('hides secrets in query strings but keeps the rest of the URL', () => {
    assert.equal(
      redact('GET https://x.my.salesforce.com/id/00D/005?format=json&oauth_token=abc123&x=1'),
      'GET https://x.my.salesforce.com/id/00D/005?format=json&oauth_token=[redacted]&x=1',
    );
    assert.equal(redact('/callback?code=aPrx.8j&state=s1'), '/callback?code=[redacted]&state=s1');
  });

  it('hides secret JSON fields, escaped quotes included', () => {
    assert.equal(
      redact('{"access_token":"a\\"b","instance_url":"https://x","refresh_token":"r1","client_secret":"c"}'),
      '{"access_token":"[redacted]","instance_url":"https://x","refresh_token":"[redacted]","client_secret":"[redacted]"}',
    );
  });

  it('hides PEM private keys, even when cut off', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\nkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    assert.equal(redact(`key: ${pem} end`), 'key: [private key redacted] end');
    assert.equal(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIE'), '[private key redacted]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Connected to https://dev-123.okta.com as admin@acme.example (63 apps)';
    assert.equal(redact(text), text);
  });
});
