import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import {
  auditPermissionSetXml, auditProfileXml, type MetadataFinding, malformedXmlFinding, notUtf8Finding, oktaReadiness, unexpectedRootFinding,
} from '../../src/domain/profileXml/profileFindings';
import { scanMetadataXml, type Span } from '../../src/domain/profileXml/scanner';
import { fixture, toCrlf, toTabs } from './profileXmlCorpus';

const at = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);
const summary = (findings: readonly MetadataFinding[]) => findings.map((finding) => `${finding.severity} ${finding.code} ${finding.permission ?? ''}`.trim());
const profile = (children: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${children}</Profile>\n`;
const block = (name: string, enabled = 'true') => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
const license = '    <userLicense>Salesforce</userLicense>\n';

/** The block a zero-length finding sits in front of, by its name; 'end' right after the last block. */
function placeOf(text: string, span: Span): string {
  assert.equal(span.start, span.end, 'a zero-length span at the insertion point');
  if (text.startsWith('</userPermissions>', span.start - '</userPermissions>'.length)) return 'end';
  const match = /^<userPermissions>\s*<enabled>[^<]*<\/enabled>\s*<name>([^<]*)<\/name>/.exec(text.slice(span.start));
  return match ? `before ${match[1]}` : `at ${JSON.stringify(text.slice(span.start, span.start + 12))}`;
}

describe('auditProfileXml', () => {
  it('finds nothing wrong with a profile that grants everything (namespaced and unrelated permissions are fine)', () => {
    const scan = scanMetadataXml(fixture('okta-integration.profile-meta.xml'));
    assert.deepEqual(auditProfileXml(scan), []);
    assert.deepEqual(oktaReadiness(scan), { granted: 14, listed: 14, missing: [] });
  });

  const gaps = fixture('okta-integration-gaps.profile-meta.xml');
  const gapFindings = auditProfileXml(scanMetadataXml(gaps));

  it('reports a missing Okta permission (error), a missing dependency (warning) and a disabled permission, in document order', () => {
    assert.deepEqual(summary(gapFindings), [
      'warning missing-dependency FreezeUsers', 'error missing-permission ManageRoles', 'error disabled-permission ResetPasswords',
    ]);
  });

  it('places a missing permission where its block belongs in sorted order', () => {
    const [freezeUsers, manageRoles] = gapFindings;
    assert.equal(placeOf(gaps, freezeUsers.span), 'before ManageInternalUsers');
    assert.equal(placeOf(gaps, manageRoles.span), 'before ManageSharing');
  });

  it('puts a disabled permission’s finding on its <enabled> value', () => {
    const resetPasswords = gapFindings[2];
    assert.equal(at(gaps, resetPasswords.span), 'false');
    assert.ok(gaps.slice(resetPasswords.span.end).startsWith('</enabled>\n        <name>ResetPasswords</name>'));
  });

  it('says why and what to do, in Setup’s labels', () => {
    const [freezeUsers, manageRoles, resetPasswords] = gapFindings.map((finding) => finding.message);
    assert.equal(manageRoles, 'Okta requires Manage Roles (ManageRoles) on its integration profile, and this profile does not grant it. '
      + 'Fix: add <userPermissions> with <enabled>true</enabled> and <name>ManageRoles</name> here.');
    assert.equal(freezeUsers, 'Salesforce requires Freeze Users (FreezeUsers) for Manage Users: without it, Salesforce will refuse to deploy '
      + 'this profile and Setup will not enable Manage Users. Fix: add <userPermissions> with <enabled>true</enabled> and <name>FreezeUsers</name> here.');
    assert.equal(resetPasswords, 'Reset User Passwords and Unlock Users (ResetPasswords) is turned off (<enabled>false</enabled>); '
      + 'Okta requires it on its integration profile. Fix: set <enabled> to true.');
  });

  it('finds the same in the file with CRLF line ends and tabs', () => {
    const variant = toTabs(toCrlf(gaps));
    const findings = auditProfileXml(scanMetadataXml(variant));
    assert.deepEqual(summary(findings), summary(gapFindings));
    assert.equal(at(variant, findings[2].span), 'false');
    assert.equal(placeOf(variant, findings[1].span), 'before ManageSharing');
  });

  it('places a permission that sorts after every block right after the last one, and into a profile without blocks at </Profile>', () => {
    const text = profile(license + ['ApiEnabled', 'ManageUsers', 'ResetPasswords', 'ViewAllUsers', 'ViewRoles'].map((name) => block(name)).join(''));
    const viewSetup = auditProfileXml(scanMetadataXml(text)).find((finding) => finding.permission === 'ViewSetup');
    assert.equal(placeOf(text, viewSetup?.span ?? { start: 0, end: 0 }), 'end');
    const empty = fixture('no-user-permissions.profile-meta.xml');
    const findings = auditProfileXml(scanMetadataXml(empty));
    assert.equal(findings.length, 17);
    for (const finding of findings) assert.equal(placeOf(empty, finding.span), 'at "</Profile>\\n"');
  });

  it('places by the file’s own order when its blocks are sorted ignoring case', () => {
    const text = profile(license + ['acme__Custom', 'ApiEnabled', 'zeta__Other'].map((name) => block(name)).join(''));
    const manageUsers = auditProfileXml(scanMetadataXml(text)).find((finding) => finding.permission === 'ManageUsers');
    assert.equal(placeOf(text, manageUsers?.span ?? { start: 0, end: 0 }), 'before zeta__Other');
    const byCodeUnit = profile(license + ['ApiEnabled', 'acme__Custom', 'zeta__Other'].map((name) => block(name)).join(''));
    const there = auditProfileXml(scanMetadataXml(byCodeUnit)).find((finding) => finding.permission === 'ManageUsers');
    assert.equal(placeOf(byCodeUnit, there?.span ?? { start: 0, end: 0 }), 'before acme__Custom');
  });

  it('makes a disabled dependency a warning, and explains an <enabled> that is neither true nor false, or missing', () => {
    const text = profile(license + [block('ApiEnabled', 'yes'), block('FreezeUsers', 'false'), '    <userPermissions><name>ManageUsers</name></userPermissions>\n'].join(''));
    const findings = auditProfileXml(scanMetadataXml(text)).filter((finding) => finding.code === 'disabled-permission');
    assert.deepEqual(summary(findings), ['error disabled-permission ApiEnabled', 'warning disabled-permission FreezeUsers', 'error disabled-permission ManageUsers']);
    assert.match(findings[0].message, /^API Enabled \(ApiEnabled\) is not turned on \(<enabled> must be true or false\); Okta requires it/);
    assert.match(findings[1].message, /is turned off \(<enabled>false<\/enabled>\); Salesforce requires it for Manage Users, which this profile does not grant yet;/);
    assert.match(findings[2].message, /^Manage Users \(ManageUsers\) has no <enabled>, so it is not granted; .* Fix: add <enabled>true<\/enabled> to this block\.$/);
    assert.equal(at(text, findings[0].span), 'yes');
    assert.equal(at(text, findings[2].span), 'ManageUsers');
  });

  it('takes a permission listed twice as granted when either block grants it', () => {
    const text = profile(license + block('ManageUsers', 'false') + block('ManageUsers'));
    const scan = scanMetadataXml(text);
    assert.equal(auditProfileXml(scan).some((finding) => finding.permission === 'ManageUsers'), false);
    assert.equal(oktaReadiness(scan).missing.includes('ManageUsers'), false);
  });

  it('reports a license that cannot carry the permissions once, on <userLicense>, pointing at the blocks it cannot carry', () => {
    const text = fixture('chatter-free.profile-meta.xml');
    const findings = auditProfileXml(scanMetadataXml(text));
    assert.deepEqual(summary(findings), ['error license-cannot-grant']);
    const [finding] = findings;
    assert.equal(at(text, finding.span), 'Chatter Free');
    assert.match(finding.message, /^The Chatter Free license cannot carry Manage Users, Assign Permission Sets, .* and 11 more: .* Fix: give Okta’s integration user a profile whose User License is Salesforce/);
    assert.deepEqual(finding.related?.map((related) => [at(text, related.span), related.message]), [['ManageUsers', 'Manage Users: the Chatter Free license cannot carry it.']]);
  });

  it('lists every permission a license cannot carry, though the message names only five', () => {
    const [finding] = auditProfileXml(scanMetadataXml(fixture('chatter-free.profile-meta.xml')));
    const administrative = requiredPermissions().permissions.map((permission) => permission.name).filter((name) => name !== 'ApiEnabled');
    assert.equal(administrative.length, 16);
    assert.deepEqual(finding.permissions, administrative);
    assert.equal(finding.permission, undefined);
  });

  it('names a license whose name ends in “License” without doubling the word', () => {
    const text = profile('    <userLicense>Guest User License</userLicense>\n' + block('ManageUsers'));
    const [finding] = auditProfileXml(scanMetadataXml(text));
    assert.match(finding.message, /^The Guest User License cannot carry Manage Users, /);
    assert.deepEqual(finding.related?.map((related) => related.message), ['Manage Users: the Guest User License cannot carry it.']);
  });

  it('says Salesforce refuses the deploy for a missing or disabled dependency only where the profile grants what needs it', () => {
    const dependency = (text: string, name: string) =>
      auditProfileXml(scanMetadataXml(text)).find((finding) => finding.permission === name)?.message ?? assert.fail(`no finding for ${name}`);
    const withManageUsers = profile(license + block('FreezeUsers', 'false') + block('ManageUsers'));
    assert.match(dependency(withManageUsers, 'FreezeUsers'), /; Salesforce requires it for Manage Users and will refuse to deploy this profile without it\./);
    assert.match(dependency(withManageUsers, 'MonitorLoginHistory'), /: without it, Salesforce will refuse to deploy this profile and Setup will not enable Manage Users\./);
    const withoutManageUsers = profile(license + block('FreezeUsers', 'false') + block('ManageUsers', 'false'));
    assert.equal(dependency(withoutManageUsers, 'FreezeUsers'), 'Freeze Users (FreezeUsers) is turned off (<enabled>false</enabled>); Salesforce requires '
      + 'it for Manage Users, which this profile does not grant yet; once it does, Salesforce will refuse to deploy it without Freeze Users. '
      + 'Fix: set <enabled> to true.');
    assert.equal(dependency(withoutManageUsers, 'MonitorLoginHistory'), 'Salesforce requires Monitor Login History (MonitorLoginHistory) for Manage '
      + 'Users: this profile does not grant Manage Users yet, and once it does, Salesforce will refuse to deploy it without Monitor Login History. '
      + 'Fix: add <userPermissions> with <enabled>true</enabled> and <name>MonitorLoginHistory</name> here.');
  });

  it('uses the org’s dependencies when given: they replace the built-in ones', () => {
    const scan = scanMetadataXml(fixture('okta-integration.profile-meta.xml'));
    const findings = auditProfileXml(scan, { dependencies: [
      { permission: 'ManageUsers', requiredPermission: 'ViewSetup' },
      { permission: 'ApiEnabled', requiredPermission: 'ApiUserOnly' },
    ] });
    assert.deepEqual(summary(findings), ['warning missing-dependency ApiUserOnly']);
    assert.match(findings[0].message, /^Salesforce requires ApiUserOnly \(ApiUserOnly\) for API Enabled: /);
  });

  it('reports malformed XML first and, when reading stopped, no missing permissions but what it read', () => {
    const full = profile(license + block('ApiEnabled') + block('ManageUsers', 'false') + block('ViewSetup'));
    const cut = full.slice(0, full.indexOf('<name>ViewSetup') + '<name>View'.length);
    const findings = auditProfileXml(scanMetadataXml(cut));
    assert.deepEqual(summary(findings), ['error disabled-permission ManageUsers', 'error malformed-xml']);
    assert.match(findings[1].message, /^The file ends inside <name> .* Until then, only the part of the file before this point is audited, and missing permissions are not reported\.$/);
    assert.equal(findings[1].related?.length, 1);
  });

  it('still audits a file whose DOCTYPE was skipped, without expanding its entities', () => {
    const text = fixture('doctype-entities.profile-meta.xml');
    const findings = auditProfileXml(scanMetadataXml(text));
    assert.equal(findings[0].code, 'malformed-xml');
    assert.equal(at(text, findings[0].span), 'DOCTYPE');
    assert.ok(findings.some((finding) => finding.permission === 'ManageUsers' && finding.code === 'missing-permission'), '&perm; is not ManageUsers');
  });

  it('audits only profiles: a permission set or another root gets nothing but malformed-xml', () => {
    assert.deepEqual(auditProfileXml(scanMetadataXml(fixture('okta-admin.permissionset-meta.xml'))), []);
    assert.deepEqual(summary(auditProfileXml(scanMetadataXml('<CustomObject><x></CustomObject>'))), ['error malformed-xml']);
    assert.deepEqual(summary(auditProfileXml(scanMetadataXml(''))), ['error malformed-xml']);
  });
});

describe('unexpectedRootFinding', () => {
  const expectRoot = (text: string, expected: 'Profile' | 'PermissionSet' = 'Profile') => unexpectedRootFinding(text, scanMetadataXml(text), expected);

  it('finds nothing wrong with the root its name promises', () => {
    assert.equal(expectRoot(fixture('okta-integration.profile-meta.xml')), undefined);
    assert.equal(expectRoot(fixture('okta-admin.permissionset-meta.xml'), 'PermissionSet'), undefined);
  });

  it('leaves a file whose scan already says why there is no root to malformed-xml', () => {
    for (const text of ['<?xml version="1.0" encoding="UTF-8"?>\n', '<!-- nothing yet -->\n']) {
      assert.equal(scanMetadataXml(text).error?.message.startsWith('The file has no root element.'), true);
      assert.equal(expectRoot(text), undefined);
    }
    for (const text of ['', '  \n\t\n']) {
      assert.match(scanMetadataXml(text).error?.message ?? '', /^The file is empty: it has no root element\./, JSON.stringify(text));
      assert.equal(expectRoot(text), undefined);
    }
  });

  it('names a misspelt root and what it must be, on the root’s name', () => {
    const text = '<?xml version="1.0"?>\n<Proflie xmlns="http://soap.sforce.com/2006/04/metadata">\n</Proflie>\n';
    const finding = expectRoot(text);
    assert.equal(at(text, finding?.span), 'Proflie');
    assert.equal(finding?.message, 'This file\'s root element is <Proflie>, not <Profile>, so nothing in it was checked, and Salesforce refuses to deploy it '
      + 'as a profile. Fix: make the root <Profile xmlns="http://soap.sforce.com/2006/04/metadata"> and its end tag </Profile>.');
  });

  it('says a permission set in a profile file, and the reverse, is the other kind and how to rename it', () => {
    const asProfile = expectRoot(fixture('okta-admin.permissionset-meta.xml'));
    assert.match(asProfile?.message ?? '', /^This file is named as a profile \(\.profile-meta\.xml\), but its root element <PermissionSet> is a permission set's: .* rename it to end in \.permissionset-meta\.xml;/);
    const asPermissionSet = expectRoot(fixture('okta-integration.profile-meta.xml'), 'PermissionSet');
    assert.match(asPermissionSet?.message ?? '', /^This file is named as a permission set \(\.permissionset-meta\.xml\), but its root element <Profile> is a profile's: .* rename it to end in \.profile-meta\.xml;/);
  });

  it('reads a prefixed root in the Metadata API\'s namespace as itself, and names another namespace rather than passing', () => {
    assert.equal(expectRoot('<sf:Profile xmlns:sf="http://soap.sforce.com/2006/04/metadata"><sf:custom>true</sf:custom></sf:Profile>'), undefined);
    const text = '<sf:Profile xmlns:sf="urn:elsewhere"><sf:custom>true</sf:custom></sf:Profile>';
    const finding = expectRoot(text);
    assert.equal(at(text, finding?.span), 'sf:Profile');
    assert.match(finding?.message ?? '', /^This file's root element <sf:Profile> is in the namespace "urn:elsewhere", not the Metadata API's .* nothing in it was checked/);
  });

  it('quotes at most 80 characters of a hostile root name', () => {
    const name = `Root${'x'.repeat(10_000)}`;
    const finding = expectRoot(`<${name}/>`);
    assert.ok(finding?.message.includes(`<${name.slice(0, 80)}>`));
    assert.ok((finding?.message.length ?? Infinity) < 500);
  });
});

describe('notUtf8Finding', () => {
  it('names the bad byte in hex, or a UTF-16 file, with the fix', () => {
    const byte = notUtf8Finding(42, 0xe9, false);
    assert.deepEqual([byte.code, byte.severity, byte.span], ['malformed-xml', 'error', { start: 42, end: 43 }]);
    assert.match(byte.message, /^The file is not UTF-8: byte 0xE9 is not UTF-8 here\. .* Fix: save the file as UTF-8\.$/);
    assert.match(notUtf8Finding(0, 0x0f, false).message, /byte 0x0F /);
    assert.match(notUtf8Finding(0, 0xff, true).message, /^The file is not UTF-8: it starts with a UTF-16 byte order mark\./);
  });
});

describe('auditPermissionSetXml', () => {
  it('notes each required permission a permission set grants, citing Okta’s rule, on its name', () => {
    const text = fixture('okta-admin.permissionset-meta.xml');
    const findings = auditPermissionSetXml(scanMetadataXml(text));
    assert.deepEqual(summary(findings), ['info permission-set-grant ApiEnabled', 'info permission-set-grant ManageUsers']);
    assert.deepEqual(findings.map((finding) => at(text, finding.span)), ['ApiEnabled', 'ManageUsers']);
    assert.match(findings[1].message, /^This permission set grants Manage Users \(ManageUsers\)\. Okta says not to add its permissions through permission sets: .* Fix: make sure the integration profile grants Manage Users/);
  });

  it('says nothing about profiles, and reports malformed XML', () => {
    assert.deepEqual(auditPermissionSetXml(scanMetadataXml(fixture('okta-integration.profile-meta.xml'))), []);
    assert.deepEqual(summary(auditPermissionSetXml(scanMetadataXml('<PermissionSet><label>x</PermissionSet>'))), ['error malformed-xml']);
  });
});

describe('oktaReadiness and malformedXmlFinding', () => {
  it('counts Okta’s 14 permissions granted in the file, and names the rest in Okta’s order', () => {
    assert.deepEqual(oktaReadiness(scanMetadataXml(fixture('okta-integration-gaps.profile-meta.xml'))),
      { granted: 12, listed: 14, missing: ['ManageRoles', 'ResetPasswords'] });
    assert.deepEqual(oktaReadiness(scanMetadataXml('')).granted, 0);
  });

  it('gives no finding for well-formed XML', () => {
    assert.equal(malformedXmlFinding(scanMetadataXml(fixture('okta-integration.profile-meta.xml'))), undefined);
  });
});
