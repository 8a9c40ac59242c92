// Redaction rules that the broader tests (redact.test.ts, the generated shapes) pass whether or not the
// rule is there, because another rule happens to cover the same text; each case here stands alone.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../src/domain/redact';

/** A Salesforce session id on an org id of this length: the org id, `!`, then the session part. Built, not written out. */
const sessionId = (orgId: string) => `${orgId}!${'AQ8AQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJW'.repeat(2)}`;

describe('redact, rule by rule', () => {
  it('knows a session id by its shape on a 15- or an 18-character org id, with no key or scheme in front', () => {
    const orgIds = ['00D5e000000Abcd', '00D5e000000AbcdEAB'];
    assert.deepEqual(orgIds.map((orgId) => orgId.length), [15, 18]);
    for (const orgId of orgIds) {
      for (const separator of ['', '%21', '%2521']) {
        const session = separator ? sessionId(orgId).replace('!', separator) : sessionId(orgId);
        assert.equal(redact(`signed in with ${session} today`), 'signed in with [session id redacted] today', `${orgId.length} ${separator}`);
      }
    }
  });

  it('hides refresh_token and client_secret in a URL query, keeping the other parameters', () => {
    assert.equal(
      redact('POST https://login.salesforce.com/services/oauth2/token?grant_type=refresh_token&refresh_token=r1x.y&client_id=3MVG9abc&client_secret=s3cr3t9'),
      'POST https://login.salesforce.com/services/oauth2/token?grant_type=refresh_token&refresh_token=[redacted]&client_id=3MVG9abc&client_secret=[redacted]',
    );
  });

  it('hides a password in JSON, spaced or not, and leaves its neighbours', () => {
    assert.equal(redact('{"username":"ada@acme.example","password":"hunter2"}'), '{"username":"ada@acme.example","password":"[redacted]"}');
    assert.equal(redact('{ "password" : "correct horse", "x": 1 }'), '{ "password" : "[redacted]", "x": 1 }');
    assert.equal(redact('{"newPassword":"p4ss"}'), '{"newPassword":"[redacted]"}');
  });

  it('leaves a URL whose userinfo is only a user name alone: there is no password to hide', () => {
    for (const text of ['https://admin@acme.example/x', 'sftp://deploy@files.acme.example:22/in', 'mailto:ada@acme.example']) {
      assert.equal(redact(text), text);
    }
    assert.equal(redact('https://admin:pw@acme.example/x'), 'https://admin:[redacted]@acme.example/x');
  });
});
