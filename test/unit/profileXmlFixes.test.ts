import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditProfileXml } from '../../src/domain/profileXml/profileFindings';
import { addPermissionsEdits, enablePermissionEdit, fixAllEdits, type TextEdit } from '../../src/domain/profileXml/profileFixes';
import { scanMetadataXml } from '../../src/domain/profileXml/scanner';
import { fixture, toCrlf, toTabs } from './profileXmlCorpus';
import { applyEdits } from './textEdits';

const profile = (children: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${children}</Profile>\n`;
const block = (name: string, enabled = 'true') => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
const license = '    <userLicense>Salesforce</userLicense>\n';

function fixed(text: string, edits: (scan: ReturnType<typeof scanMetadataXml>) => readonly TextEdit[]): string {
  return applyEdits(text, edits(scanMetadataXml(text)));
}

function assertNoOverlap(edits: readonly TextEdit[]): void {
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].span.end <= edits[i].span.start, 'edits are sorted and do not overlap');
}

describe('enablePermissionEdit', () => {
  const text = profile(license + block('ApiEnabled') + block('ManageUsers', 'false'));
  const scan = scanMetadataXml(text);

  it('turns <enabled>false</enabled> into true, touching only the value', () => {
    const edit = enablePermissionEdit(text, scan, 'ManageUsers');
    assert.equal(text.slice(edit?.span.start, edit?.span.end), 'false');
    assert.equal(applyEdits(text, edit ? [edit] : []), profile(license + block('ApiEnabled') + block('ManageUsers')));
  });

  it('does nothing for a permission already granted or not in the file', () => {
    assert.equal(enablePermissionEdit(text, scan, 'ApiEnabled'), undefined);
    assert.equal(enablePermissionEdit(text, scan, 'ViewSetup'), undefined);
  });

  it('adds a missing <enabled> on its own line (inline where the block is on one line), and replaces <enabled/>', () => {
    const odd = profile('    <userPermissions>\n        <name>ManageUsers</name>\n    </userPermissions>\n'
      + '    <userPermissions><enabled/><name>ViewSetup</name></userPermissions>\n'
      + '    <userPermissions><name>ViewRoles</name></userPermissions>\n');
    const oddScan = scanMetadataXml(odd);
    const enable = (permission: string) => {
      const edit = enablePermissionEdit(odd, oddScan, permission);
      return applyEdits(odd, edit ? [edit] : []);
    };
    assert.ok(enable('ManageUsers').includes('    <userPermissions>\n        <enabled>true</enabled>\n        <name>ManageUsers</name>\n    </userPermissions>\n'));
    assert.ok(enable('ViewSetup').includes('    <userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions>\n'));
    assert.ok(enable('ViewRoles').includes('    <userPermissions><enabled>true</enabled><name>ViewRoles</name></userPermissions>\n'));
  });

  it('writes what it adds with the prefix of a prefixed file, so that it lands in the metadata namespace', () => {
    const ns = 'http://soap.sforce.com/2006/04/metadata';
    const prefixed = `<?xml version="1.0" encoding="UTF-8"?>\n<sf:Profile xmlns:sf="${ns}">\n    <sf:userLicense>Salesforce</sf:userLicense>\n`
      + '    <sf:userPermissions>\n        <sf:name>ApiEnabled</sf:name>\n    </sf:userPermissions>\n'
      + '    <sf:userPermissions>\n        <sf:enabled/>\n        <sf:name>ManageUsers</sf:name>\n    </sf:userPermissions>\n</sf:Profile>\n';
    const scan = scanMetadataXml(prefixed);
    const fixed = applyEdits(prefixed, fixAllEdits(prefixed, scan, auditProfileXml(scan)));
    assert.match(fixed, /<sf:enabled>true<\/sf:enabled>\n {8}<sf:name>ApiEnabled<\/sf:name>/);
    assert.match(fixed, /<sf:enabled>true<\/sf:enabled>\n {8}<sf:name>ManageUsers<\/sf:name>/);
    assert.match(fixed, /<sf:userPermissions>\n {8}<sf:enabled>true<\/sf:enabled>\n {8}<sf:name>ViewSetup<\/sf:name>\n {4}<\/sf:userPermissions>/);
    assert.doesNotMatch(fixed, /<(userPermissions|enabled|name)>/);
    // Fixed, it is well-formed and passes.
    const rescanned = scanMetadataXml(fixed);
    assert.equal(rescanned.error, undefined);
    assert.deepEqual(auditProfileXml(rescanned).filter((finding) => finding.severity === 'error'), []);

    const empty = `<sf:Profile xmlns:sf="${ns}">\n    <sf:userLicense>Salesforce</sf:userLicense>\n</sf:Profile>\n`;
    const added = applyEdits(empty, addPermissionsEdits(empty, scanMetadataXml(empty), ['ApiEnabled']));
    assert.match(added, /^ {4}<sf:userPermissions>$/m);
  });

  it('writes an added <enabled> line with the file’s own line end: CRLF stays CRLF', () => {
    const lf = profile(license + '    <userPermissions>\n        <name>ManageUsers</name>\n    </userPermissions>\n');
    for (const variant of [toCrlf, (text: string) => toTabs(toCrlf(text))]) {
      const text = variant(lf);
      const edit = enablePermissionEdit(text, scanMetadataXml(text), 'ManageUsers');
      assert.equal(applyEdits(text, edit ? [edit] : []), variant(profile(license + block('ManageUsers'))));
    }
  });

  it('does nothing when any of a permission’s duplicate blocks grants it, and turns on the first when none does', () => {
    const laterGrants = profile(license + block('ManageUsers', 'false') + block('ManageUsers'));
    assert.equal(enablePermissionEdit(laterGrants, scanMetadataXml(laterGrants), 'ManageUsers'), undefined);
    const noneGrants = profile(license + block('ManageUsers', 'false') + block('ManageUsers', 'false'));
    const edit = enablePermissionEdit(noneGrants, scanMetadataXml(noneGrants), 'ManageUsers');
    assert.equal(applyEdits(noneGrants, edit ? [edit] : []), profile(license + block('ManageUsers') + block('ManageUsers', 'false')));
  });
});

describe('addPermissionsEdits', () => {
  it('inserts each block at its sorted place, one edit per place, skipping permissions the file has', () => {
    const text = profile(license + block('ApiEnabled') + block('ManageUsers') + block('ViewSetup'));
    const edits = addPermissionsEdits(text, scanMetadataXml(text), ['ViewAllUsers', 'ManageRoles', 'AssignPermissionSets', 'ApiEnabled', 'ManageRoles']);
    assert.equal(edits.length, 2);
    assertNoOverlap(edits);
    assert.equal(applyEdits(text, edits), profile(license + ['ApiEnabled', 'AssignPermissionSets', 'ManageRoles', 'ManageUsers', 'ViewAllUsers', 'ViewSetup']
      .map((name) => block(name)).join('')));
  });

  it('keeps CRLF line ends and tab indentation, after the last block', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?>\r\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\r\n'
      + '\t<userLicense>Salesforce</userLicense>\r\n\t<userPermissions>\r\n\t\t<enabled>true</enabled>\r\n\t\t<name>ApiEnabled</name>\r\n\t</userPermissions>\r\n'
      + '</Profile>\r\n';
    assert.equal(fixed(text, (scan) => addPermissionsEdits(text, scan, ['ViewSetup', 'ManageUsers'])),
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\r\n'
      + '\t<userLicense>Salesforce</userLicense>\r\n\t<userPermissions>\r\n\t\t<enabled>true</enabled>\r\n\t\t<name>ApiEnabled</name>\r\n\t</userPermissions>\r\n'
      + '\t<userPermissions>\r\n\t\t<enabled>true</enabled>\r\n\t\t<name>ManageUsers</name>\r\n\t</userPermissions>\r\n'
      + '\t<userPermissions>\r\n\t\t<enabled>true</enabled>\r\n\t\t<name>ViewSetup</name>\r\n\t</userPermissions>\r\n'
      + '</Profile>\r\n');
  });

  it('adds to a profile with no userPermissions at all where the element order puts them: last, before </Profile>', () => {
    const text = fixture('no-user-permissions.profile-meta.xml');
    assert.equal(fixed(text, (scan) => addPermissionsEdits(text, scan, ['ManageUsers', 'ApiEnabled'])),
      text.replace(license, license + block('ApiEnabled') + block('ManageUsers')));
    const crlf = toCrlf(text);
    assert.equal(fixed(crlf, (scan) => addPermissionsEdits(crlf, scan, ['ApiEnabled'])), toCrlf(text.replace(license, license + block('ApiEnabled'))));
  });

  it('puts them before a child that sorts after userPermissions, and inline in a file on one line', () => {
    const later = profile(license + '    <zzLater>x</zzLater>\n');
    assert.equal(fixed(later, (scan) => addPermissionsEdits(later, scan, ['ApiEnabled'])), profile(license + block('ApiEnabled') + '    <zzLater>x</zzLater>\n'));
    const oneLine = '<Profile xmlns="http://soap.sforce.com/2006/04/metadata"><userLicense>Salesforce</userLicense></Profile>';
    assert.equal(fixed(oneLine, (scan) => addPermissionsEdits(oneLine, scan, ['ApiEnabled'])),
      '<Profile xmlns="http://soap.sforce.com/2006/04/metadata"><userLicense>Salesforce</userLicense>'
      + '<userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions></Profile>');
  });

  it('adds inline after the last block when something follows it on its line, so that it stays after the new block', () => {
    const last = '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>';
    const text = profile(`${license}${last}<!-- reviewed -->\n`);
    assert.equal(fixed(text, (scan) => addPermissionsEdits(text, scan, ['ViewSetup'])),
      profile(`${license}${last}<userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions><!-- reviewed -->\n`));
  });

  it('escapes a name from the org\'s dependency rows, so that the file stays well-formed and reads back the same', () => {
    const text = profile(license + block('ApiEnabled'));
    const result = fixed(text, (scan) => addPermissionsEdits(text, scan, ['R&D<Admin>']));
    const rescanned = scanMetadataXml(result);
    assert.equal(rescanned.error, undefined);
    assert.deepEqual(rescanned.permissions.map((entry) => entry.name), ['ApiEnabled', 'R&D<Admin>']);
  });

  it('adds nothing where it cannot be sure: a file cut off, or <Profile/>', () => {
    const cut = fixture('truncated.profile-meta.xml');
    assert.deepEqual(addPermissionsEdits(cut, scanMetadataXml(cut), ['ViewSetup']), []);
    assert.deepEqual(addPermissionsEdits('<Profile/>', scanMetadataXml('<Profile/>'), ['ViewSetup']), []);
  });
});

describe('fixAllEdits', () => {
  const gaps = fixture('okta-integration-gaps.profile-meta.xml');
  const expected = gaps
    .replace('<enabled>false</enabled>\n        <name>ResetPasswords', '<enabled>true</enabled>\n        <name>ResetPasswords')
    .replace('    <userPermissions>\n        <enabled>true</enabled>\n        <name>ManageInternalUsers',
      `${block('FreezeUsers')}    <userPermissions>\n        <enabled>true</enabled>\n        <name>ManageInternalUsers`)
    .replace('    <userPermissions>\n        <enabled>true</enabled>\n        <name>ManageSharing',
      `${block('ManageRoles')}    <userPermissions>\n        <enabled>true</enabled>\n        <name>ManageSharing`);

  it('enables the disabled and adds the missing, dependencies included, as non-overlapping edits', () => {
    const scan = scanMetadataXml(gaps);
    const edits = fixAllEdits(gaps, scan, auditProfileXml(scan));
    assert.equal(edits.length, 3);
    assertNoOverlap(edits);
    const result = applyEdits(gaps, edits);
    assert.equal(result, expected);
    assert.deepEqual(auditProfileXml(scanMetadataXml(result)), []);
  });

  it('does the same to the file with CRLF line ends and tabs', () => {
    const variant = toTabs(toCrlf(gaps));
    const scan = scanMetadataXml(variant);
    assert.equal(applyEdits(variant, fixAllEdits(variant, scan, auditProfileXml(scan))), toTabs(toCrlf(expected)));
  });

  it('turns a profile without userPermissions into one that passes', () => {
    const text = fixture('no-user-permissions.profile-meta.xml');
    const scan = scanMetadataXml(text);
    const edits = fixAllEdits(text, scan, auditProfileXml(scan));
    assert.equal(edits.length, 1);
    assert.deepEqual(auditProfileXml(scanMetadataXml(applyEdits(text, edits))), []);
  });

  it('has no edit for what text cannot fix: a license, malformed XML', () => {
    const chatter = fixture('chatter-free.profile-meta.xml');
    const scan = scanMetadataXml(chatter);
    assert.deepEqual(fixAllEdits(chatter, scan, auditProfileXml(scan)), []);
    const cut = fixture('truncated.profile-meta.xml');
    const cutScan = scanMetadataXml(cut);
    assert.deepEqual(fixAllEdits(cut, cutScan, auditProfileXml(cutScan)), []);
  });
});

describe('applyEdits (the tests’ stand-in for VS Code applying a WorkspaceEdit)', () => {
  it('applies edits in any order; insertions at one offset keep their order', () => {
    const edits: TextEdit[] = [
      { span: { start: 6, end: 11 }, newText: 'there' },
      { span: { start: 0, end: 0 }, newText: '1' },
      { span: { start: 0, end: 0 }, newText: '2' },
    ];
    assert.equal(applyEdits('hello world', edits), '12hello there');
  });

  it('refuses overlapping or out-of-range edits', () => {
    assert.throws(() => applyEdits('hello', [{ span: { start: 0, end: 3 }, newText: '' }, { span: { start: 2, end: 4 }, newText: '' }]), /Overlapping/);
    assert.throws(() => applyEdits('hello', [{ span: { start: 4, end: 9 }, newText: '' }]), /invalid/);
  });
});
