// The Okta org URL box: every Okta cell's Admin Console host is corrected to its org URL, and a URL with a
// user name in it is refused even without a password (a pasted token often sits where the user goes).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOktaOrgUrl, checkSalesforceInstanceUrl } from '../../src/domain/orgUrls';

function message(check: { ok: true } | { ok: false; message: string }): string {
  assert.equal(check.ok, false);
  return (check as { message: string }).message;
}

describe('the Okta org URL box', () => {
  // Okta's cells: okta.com, oktapreview.com, the EMEA cell okta-emea.com, the US government cell okta-gov.com and
  // the US military cell okta.mil (the last three as the Okta .NET SDK's own tests list org hosts:
  // okta/okta-sdk-abstractions-dotnet, src/Okta.Sdk.Abstractions.UnitTests/UrlHelperShould.cs).
  for (const domain of ['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil']) {
    it(`corrects the Admin Console host on ${domain} to the org URL`, () => {
      assert.deepEqual(checkOktaOrgUrl(`https://acme-admin.${domain}/admin/dashboard`),
        { ok: true, url: `https://acme.${domain}`, note: `That is the Admin Console address; the org URL https://acme.${domain} is used instead.` });
      assert.deepEqual(checkOktaOrgUrl(`https://acme.${domain}`), { ok: true, url: `https://acme.${domain}` });
    });
  }

  it('takes an -admin name on a host that is not Okta\'s for what it is', () => {
    for (const host of ['login-admin.acme.example', 'acme-admin.okta.mil.com', 'acme-admin.notokta.com']) {
      assert.deepEqual(checkOktaOrgUrl(`https://${host}`), { ok: true, url: `https://${host}` });
    }
  });

  it('refuses a user name without a password, with or without a scheme', () => {
    for (const check of [checkOktaOrgUrl, checkSalesforceInstanceUrl]) {
      for (const typed of ['https://admin@acme.okta.com', 'admin@acme.okta.com', 'https://admin@acme.my.salesforce.com/']) {
        assert.match(message(check(typed)), /^Remove the user name and password from the/, typed);
      }
    }
  });
});
