import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOktaOrgUrl, checkPastedToken, checkSalesforceInstanceUrl } from '../../src/domain/orgUrls';
import { pastedTokens } from './secretShapes';

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

  it('corrects the Admin Console host to the org URL, with a note saying so', () => {
    assert.deepEqual(checkOktaOrgUrl('https://dev-123456-admin.okta.com'), {
      ok: true, url: 'https://dev-123456.okta.com', note: 'That is the Admin Console address; the org URL https://dev-123456.okta.com is used instead.',
    });
    assert.deepEqual(checkOktaOrgUrl('https://dev-123456.okta.com'), { ok: true, url: 'https://dev-123456.okta.com' }, 'no note when nothing was corrected');
  });

  it('accepts plain http only for a loopback test server', () => {
    assert.equal(accepted(checkOktaOrgUrl('http://127.0.0.1:8123')), 'http://127.0.0.1:8123');
    assert.equal(accepted(checkOktaOrgUrl('http://localhost:9000/')), 'http://localhost:9000');
    assert.equal(accepted(checkSalesforceInstanceUrl('http://127.0.0.2:8124')), 'http://127.0.0.2:8124', 'all of 127.0.0.0/8 is this machine');
    assert.match(message(checkOktaOrgUrl('http://dev-123456.okta.com')), /https:\/\//);
    assert.match(message(checkSalesforceInstanceUrl('http://128.0.0.1')), /https:\/\//);
    assert.match(message(checkSalesforceInstanceUrl('http://127.0.0.1.example.com')), /https:\/\//);
  });

  it('explains empty, malformed and credential-bearing input without repeating it', () => {
    assert.match(message(checkOktaOrgUrl('   ')), /Enter the Okta org URL/);
    assert.doesNotMatch(message(checkOktaOrgUrl('https://exa mple.com')), /exa mple/);
    assert.match(message(checkOktaOrgUrl('https://exa mple.com')), /not a web address/);
    assert.match(message(checkSalesforceInstanceUrl('acme.example:8x0')), /not a web address/);
    assert.doesNotMatch(message(checkSalesforceInstanceUrl('acme.example:8x0')), /acme\.example/);
    assert.match(message(checkOktaOrgUrl('https://me:pw@dev-1.okta.com')), /Remove the user name/);
    assert.match(message(checkOktaOrgUrl('me:pw@dev-1.okta.com')), /Remove the user name/);
    assert.match(message(checkOktaOrgUrl('ftp://dev-1.okta.com')), /https:\/\//);
  });
});

describe('org URL boxes given something that is not a host name', () => {
  const checks = { okta: checkOktaOrgUrl, salesforce: checkSalesforceInstanceUrl };

  /** Whether any 8 characters in a row of the token, as typed or lowercased (as URL would), are in the message. */
  const echoes = (text: string, token: string) => [token, token.toLowerCase()]
    .some((form) => Array.from({ length: Math.max(0, form.length - 7) }, (_, i) => form.slice(i, i + 8)).some((piece) => text.includes(piece)));

  it('refuses every pasted token, bare or dressed as a URL, and never repeats it', () => {
    const tokens = pastedTokens();
    assert.ok(tokens.length >= 15);
    for (const token of tokens) {
      for (const typed of [token, `https://${token}`, `${token}/`, `https://${token}/services/data`, `SSWS ${token}`, `Bearer ${token}`, ` ${token}\n`]) {
        for (const [box, check] of Object.entries(checks)) {
          const result = check(typed);
          assert.equal(result.ok, false, `the ${box} box accepted a pasted token`);
          assert.ok(!echoes(message(result), token), `the ${box} box's message repeats the token`);
        }
      }
    }
  });

  it('says why: a single label, a label over 63 characters, characters only secrets have, a token\'s shape', () => {
    assert.match(message(checkOktaOrgUrl('intranet')), /not a full host name/);
    assert.match(message(checkOktaOrgUrl(`https://${'a'.repeat(64)}.okta.com`)), /longer than a host name/);
    assert.equal(accepted(checkOktaOrgUrl(`https://${'a'.repeat(63)}.okta.com`)), `https://${'a'.repeat(63)}.okta.com`);
    assert.match(message(checkOktaOrgUrl(`https://${'a.'.repeat(127)}com`)), /longer than a host name/);
    for (const typed of ['dev_123.okta.com', 'acme!x.my.salesforce.com', 'acme%21x.my.salesforce.com', 'ac~me.okta.com', 'acme=.okta.com']) {
      assert.match(message(checkSalesforceInstanceUrl(typed)), /only letters, digits, dots and hyphens/, typed);
    }
    for (const typed of ['acme..okta.com', '-acme.okta.com', 'acme-.okta.com', '.okta.com', 'https://:443']) {
      assert.match(message(checkOktaOrgUrl(typed)), /not a web address/, typed);
    }
    // Short enough to pass for a host name but for their shape: an unsigned JWT, a Salesforce refresh token.
    const jwt = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.`;
    assert.match(message(checkOktaOrgUrl(jwt)), /looks like a token/);
    assert.match(message(checkSalesforceInstanceUrl(`5Aep861${'Tk2Q'.repeat(6)}.x9Q.com`)), /looks like a token/);
  });

  it('still takes real addresses: IDN, a trailing dot, loopback by name and by IPv6, mixed case', () => {
    assert.equal(accepted(checkOktaOrgUrl('Dev-123456.Okta.com')), 'https://dev-123456.okta.com');
    assert.equal(accepted(checkOktaOrgUrl('https://login.bücher.example')), 'https://login.xn--bcher-kva.example');
    assert.equal(accepted(checkSalesforceInstanceUrl('acme.my.salesforce.com.')), 'https://acme.my.salesforce.com.');
    assert.equal(accepted(checkSalesforceInstanceUrl('http://[::1]:8443/')), 'http://[::1]:8443');
    assert.equal(accepted(checkSalesforceInstanceUrl('http://localhost')), 'http://localhost');
    assert.equal(accepted(checkSalesforceInstanceUrl('https://203.0.113.7:8443')), 'https://203.0.113.7:8443');
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
