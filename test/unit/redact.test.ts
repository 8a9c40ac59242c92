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

  it('hides the value under a secret key in every case and separator, keeping the key and a scheme', () => {
    assert.equal(redact('client_secret=abc123&grant_type=refresh_token'), 'client_secret=[redacted]&grant_type=refresh_token');
    assert.equal(redact('{"refreshToken":"r1","clientSecret":"c1"}'), '{"refreshToken":"[redacted]","clientSecret":"[redacted]"}');
    assert.equal(redact('export OKTA_SF_CLIENT_SECRET=F00D'), 'export OKTA_SF_CLIENT_SECRET=[redacted]');
    assert.equal(redact("{ headers: { Authorization: 'Bearer abc.def.ghi' } }"), "{ headers: { Authorization: 'Bearer [redacted]' } }");
    assert.equal(redact('authorization=Bearer next'), 'authorization=[redacted] next');
    assert.equal(redact('"credentials": {"password": {"value": "tlpWENT2m"}}'), '"credentials": {"password": {"value": "[redacted]"}}');
    assert.equal(redact('okta-sf audit-org --client-secret F00D --json'), 'okta-sf audit-org --client-secret [redacted] --json');
    assert.equal(redact('<consumerSecret>F00D</consumerSecret>'), '<consumerSecret>[redacted]</consumerSecret>');
  });

  it('hides a value cut off at the end of the text or line', () => {
    assert.equal(redact('{"refresh_token":"5Aep861TSESvWeug'), '{"refresh_token":"[redacted]');
    assert.equal(redact('{"password":"hunter2\nnext line'), '{"password":"[redacted]\nnext line');
    assert.equal(redact('<soapenv:Body><password>hunter2'), '<soapenv:Body><password>[redacted]');
    assert.equal(redact('<password>hunter2\n<user>admin</user>'), '<password>[redacted]\n<user>admin</user>');
  });

  it('reads JSON inside a JSON string: an escaped quote within the value does not end it', () => {
    const inner = JSON.stringify({ password: 'a"b\\c"d', user: 'admin' });
    assert.equal(redact(JSON.stringify({ body: inner })), JSON.stringify({ body: '{"password":"[redacted]","user":"admin"}' }));
  });

  it('hides credentials in a URL up to its last @, and leaves a URL without a password alone', () => {
    assert.equal(redact('https://user:p@ss@acme.example/x'), 'https://user:[redacted]@acme.example/x');
    assert.equal(redact('http://localhost:1717/OauthRedirect?state=a@b'), 'http://localhost:1717/OauthRedirect?state=a@b');
  });

  it('takes prose after a key or a scheme for prose', () => {
    for (const text of ['INVALID_SESSION_ID: Session expired or invalid', 'token: expired.', 'a Bearer token', 'Basic authentication', 'Authorization: Bearer <token> was refused', 'the token was refused', '--access-token --json']) {
      assert.equal(redact(text), text);
    }
  });

  it('leaves ordinary text alone', () => {
    const text = 'Connected to https://dev-123.okta.com as admin@acme.example (63 apps)';
    assert.equal(redact(text), text);
  });
});
