// A `<userPermissions>` block grants its permission only when its `<enabled>` says true: a block
// without `<enabled>`, with `<enabled/>` or with a value that is not a boolean grants nothing, in a
// permission set as in a profile, and however many such blocks a file repeats.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditPermissionSetXml, auditProfileXml, oktaReadiness } from '../../src/domain/profileXml/profileFindings';
import { scanMetadataXml } from '../../src/domain/profileXml/scanner';

const root = (kind: 'Profile' | 'PermissionSet', children: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${kind} xmlns="http://soap.sforce.com/2006/04/metadata">\n${children}</${kind}>\n`;
const block = (name: string, enabled: string | undefined) =>
  `    <userPermissions>\n${enabled === undefined ? '' : `        ${enabled}\n`}        <name>${name}</name>\n    </userPermissions>\n`;

describe('blocks that do not say <enabled>true</enabled>', () => {
  it('are no grant in a permission set: only the enabled block is noted', () => {
    const text = root('PermissionSet', '    <label>Okta</label>\n'
      + block('ApiEnabled', '<enabled/>')
      + block('AssignPermissionSets', '<enabled>true</enabled>')
      + block('ManageRoles', '<enabled>false</enabled>')
      + block('ManageUsers', undefined)
      + block('ViewSetup', '<enabled>yes</enabled>'));
    const findings = auditPermissionSetXml(scanMetadataXml(text));
    assert.deepEqual(findings.map((finding) => `${finding.code} ${finding.permission}`), ['permission-set-grant AssignPermissionSets']);
  });

  it('are no grant in a profile, even repeated after a block that turns the permission off', () => {
    const text = root('Profile', block('ManageUsers', '<enabled>false</enabled>') + block('ManageUsers', undefined)
      + block('ViewSetup', '<enabled>false</enabled>') + block('ViewSetup', '<enabled/>')
      + '    <userLicense>Salesforce</userLicense>\n');
    const scan = scanMetadataXml(text);
    const disabled = auditProfileXml(scan).filter((finding) => finding.code === 'disabled-permission').map((finding) => finding.permission);
    assert.deepEqual(disabled, ['ManageUsers', 'ViewSetup']);
    assert.ok(oktaReadiness(scan).missing.includes('ManageUsers'));
    assert.ok(oktaReadiness(scan).missing.includes('ViewSetup'));
  });
});
