import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOktaOrgUrl, checkPastedToken, checkSalesforceInstanceUrl } from '../../src/domain/orgUrls';

function accepted(check: { ok: boolean; url?: string }): string | undefined {
  return check.ok ? check.url : undefined;
}

function message(check: { ok: true } | { ok: false; message: string }): string {
  assert.equal(check.ok, false);
  return (check as { message: string }).message;
}

describe('checkOktaOrgUrl', () => {
  it('normalizes to the origin, adding https:// and dropping paths and slashes', () => {
    assert.equal(accepted(checkOktaOrgUrl(' dev-123456.okta.com/ ')), 'https://dev-123456.okta.com');
    assert.equal(accepted(checkOktaOrgUrl('https://acme.oktapreview.com/admin/dashboard')), 'https://acme.oktapreview.com');
    assert.equal(accepted(checkOktaOrgUrl('https://login.acme.example')), 'https://login.acme.example');
  });

  it('points from the Admin Console host to the org URL', () => {
    assert.match(message(checkOktaOrgUrl('https://dev-123456-admin.okta.com')), /https:\/\/dev-123456\.okta\.com$/);
  });

  it('accepts plain http only for a loopback test server', () => {
    assert.equal(accepted(checkOktaOrgUrl('http://127.0.0.1:8123')), 'http://127.0.0.1:8123');
    assert.equal(accepted(checkOktaOrgUrl('http://localhost:9000/')), 'http://localhost:9000');
    assert.match(message(checkOktaOrgUrl('http://dev-123456.okta.com')), /https:\/\//);
  });

  it('explains empty, malformed and credential-bearing input', () => {
    assert.match(message(checkOktaOrgUrl('   ')), /Enter the Okta org URL/);
    assert.match(message(checkOktaOrgUrl('https://exa mple.com')), /not a web address/);
    assert.match(message(checkOktaOrgUrl('https://me:pw@dev-1.okta.com')), /Remove the user name/);
    assert.match(message(checkOktaOrgUrl('ftp://dev-1.okta.com')), /https:\/\//);
  });
});

describe('checkSalesforceInstanceUrl', () => {
  it('accepts My Domain and instance URLs', () => {
    assert.equal(accepted(checkSalesforceInstanceUrl('acme.my.salesforce.com')), 'https://acme.my.salesforce.com');
    assert.equal(accepted(checkSalesforceInstanceUrl('https://acme--uat.sandbox.my.salesforce.com/')), 'https://acme--uat.sandbox.my.salesforce.com');
  });

  it('points from the Lightning UI host to the API host', () => {
    assert.match(message(checkSalesforceInstanceUrl('https://acme.lightning.force.com/lightning/page/home')), /https:\/\/acme\.my\.salesforce\.com$/);
  });
});

describe('checkPastedToken', () => {
  const hint = 'Find it there.';

  it('takes the token with or without its scheme', () => {
    assert.deepEqual(checkPastedToken('  SSWS 00abc_DEF  ', hint), { ok: true, secret: '00abc_DEF' });
    assert.deepEqual(checkPastedToken('Bearer 00D!xyz', hint), { ok: true, secret: '00D!xyz' });
  });

  it('refuses an empty paste with the hint, and a token broken by whitespace', () => {
    assert.equal(message(checkPastedToken('', hint)), 'Paste the token. Find it there.');
    assert.match(message(checkPastedToken('00abc\n_DEF', hint)), /spaces or line breaks/);
  });
});
