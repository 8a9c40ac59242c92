// Every license the audit knows cannot administer users, by the exact Name Salesforce reports: each one
// dropped from the list would turn a certain "this license cannot carry Manage Users" into an "unknown
// license" warning, and a profile Okta cannot use would no longer fail.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { licenseCannotCarry, licensePhrase, licenseReach } from '../../src/domain/licenseCapabilities';
import { auditOrg } from '../../src/domain/profileAudit';

/** Salesforce's names for the Chatter, Identity, external (community, portal, site) and guest user licenses. */
const cannotAdminister = [
  'Chatter Free', 'Chatter External', 'Identity', 'External Identity',
  'Customer Community', 'Customer Community Login', 'Customer Community Plus', 'Customer Community Plus Login',
  'Partner Community', 'Partner Community Login', 'High Volume Customer Portal', 'Authenticated Website', 'Guest User License',
];

describe('licenses that cannot carry administration', () => {
  for (const license of cannotAdminister) {
    it(`keeps ${license} to API Enabled`, () => {
      assert.equal(licenseReach(license), 'noAdministration');
      assert.equal(licenseCannotCarry(license, 'ApiEnabled'), false);
      assert.equal(licenseCannotCarry(license, 'ManageUsers'), true);
    });
  }

  it('fails an integration profile on any of them with the license finding, never an unknown-license warning', () => {
    const profiles = cannotAdminister.map((licenseName, i) => ({
      id: `00e00000000000${String(i).padStart(2, '0')}`, name: `Okta Integration ${i}`, userType: null, licenseName,
      permissions: { ApiEnabled: true, ManageUsers: true },
    }));
    const audit = auditOrg({ profiles, permissionSetGrants: [] });
    for (const verdict of audit.profiles) {
      const codes = verdict.findings.map((finding) => finding.code);
      assert.equal(verdict.verdict, 'fail', verdict.licenseName ?? '');
      assert.ok(codes.includes('license-cannot-grant'), `${verdict.licenseName}: ${codes.join(', ')}`);
      assert.ok(!codes.includes('unknown-license'), `${verdict.licenseName}: ${codes.join(', ')}`);
    }
  });

  it('names each in a phrase that does not double “license”', () => {
    assert.equal(licensePhrase('External Identity'), 'External Identity license');
    assert.equal(licensePhrase('Guest User License'), 'Guest User License');
  });
});
