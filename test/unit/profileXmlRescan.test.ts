import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rescanMetadataXml, rescanRegion, type TextChange } from '../../src/domain/profileXml/rescan';
import { type MetadataScan, scanMetadataXml } from '../../src/domain/profileXml/scanner';
import { fixture, generateProfile, seededRandom, toCrlf, toTabs } from './profileXmlCorpus';

const applyChange = (text: string, { offset, removedLength, insertedText }: TextChange) =>
  text.slice(0, offset) + insertedText + text.slice(offset + removedLength);

const block = (name: string, enabled = 'true') => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
const names = ['ApiEnabled', 'ManageUsers', 'ViewSetup', 'FreezeUsers', 'acme__CustomPerm', 'EditTask', 'ViewRoles'];
const pieces = ['<', '>', '/', '!', '-', '&', ';', '"', '=', ' ', '\n', '\r\n', '\t', 'a', 'Z', ']]>', '&amp;', '&#65;', '&bogus;', '<!--', '-->',
  '<![CDATA[', '<?x ?>', '<userPermissions>', '</userPermissions>', '<name>', '</name>', '<enabled>', '</enabled>', 'true', 'false',
  '<userLicense>', '</userLicense>', '<a/>', '</Profile>', '<!DOCTYPE x>'];

/** An edit like the ones people and tools make: values retyped, blocks added, moved or deleted, characters typed or deleted, junk pasted. */
function randomChange(text: string, scan: MetadataScan, random: () => number): TextChange {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const anywhere = () => Math.floor(random() * (text.length + 1));
  const entry = scan.permissions.length > 0 ? pick(scan.permissions) : undefined;
  const children = scan.childStarts;
  switch (Math.floor(random() * 9)) {
    case 0:
      if (entry) return { offset: entry.nameSpan.start, removedLength: entry.nameSpan.end - entry.nameSpan.start, insertedText: pick(names) };
      break;
    case 1:
      if (entry?.enabledSpan) return { offset: entry.enabledSpan.start, removedLength: entry.enabledSpan.end - entry.enabledSpan.start, insertedText: pick(['true', 'false', 'tru', '']) };
      break;
    case 2:
      if (entry) return { offset: entry.block.start, removedLength: 0, insertedText: `${block(pick(names), pick(['true', 'false'])).trimStart()}    ` };
      break;
    case 3:
      if (entry) return { offset: entry.block.start, removedLength: entry.block.end - entry.block.start + 1, insertedText: '' };
      break;
    case 4: {
      // From one child's start to another's: the boundaries of the region a rescan re-reads.
      if (children.length < 2) break;
      const first = Math.floor(random() * (children.length - 1));
      const last = Math.min(children.length - 1, first + 1 + Math.floor(random() * 3));
      return { offset: children[first], removedLength: children[last] - children[first], insertedText: pick(['', block(pick(names)).trimStart() + '    ']) };
    }
    case 5: {
      const offset = entry ? entry.block.start + Math.floor(random() * (entry.block.end - entry.block.start)) : anywhere();
      return { offset, removedLength: Math.floor(random() * 3), insertedText: pick(pieces) };
    }
    case 6: {
      const offset = anywhere();
      return { offset, removedLength: Math.min(Math.floor(random() * 12), text.length - offset), insertedText: '' };
    }
    case 7:
      return { offset: anywhere(), removedLength: 0, insertedText: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(pieces)).join('') };
    default:
      // Typing one character inside a value.
      if (entry) return { offset: entry.nameSpan.start + Math.floor(random() * (entry.nameSpan.end - entry.nameSpan.start + 1)), removedLength: 0, insertedText: pick(['x', 'S', '_']) };
  }
  return { offset: anywhere(), removedLength: 0, insertedText: pick(pieces) };
}

describe('rescanMetadataXml', () => {
  const bases: Array<[string, string]> = [
    ['a generated 40 KB profile', generateProfile({ targetLength: 40_000, userPermissions: 60, omit: ['ViewSetup'], disable: ['ManageUsers'], seed: 11 })],
    ['the CRLF, tab-indented profile with comments and CDATA', toTabs(toCrlf(fixture('okta-integration-gaps.profile-meta.xml')))],
    ['a permission set', fixture('okta-admin.permissionset-meta.xml')],
    ['the integration profile', fixture('okta-integration.profile-meta.xml')],
    ['the integration profile with every element prefixed (sf:)', fixture('okta-integration.profile-meta.xml')
      .replace(/<(\/?)([A-Za-z])/g, '<$1sf:$2').replace(' xmlns=', ' xmlns:sf=')],
  ];

  for (const [description, base] of bases) {
    it(`gives what a full scan gives, over 1,500 random edits in a row to ${description}`, () => {
      const random = seededRandom(base.length);
      let text = base;
      let scan = scanMetadataXml(text);
      let incremental = 0;
      let brokenFor = 0;
      for (let i = 0; i < 1500; i++) {
        const change = randomChange(text, scan, random);
        const next = applyChange(text, change);
        if (rescanRegion(scan, next, change)) incremental++;
        const rescanned = rescanMetadataXml(scan, next, change);
        assert.deepStrictEqual(rescanned, scanMetadataXml(next), `edit ${i}: ${JSON.stringify(change)} near ${JSON.stringify(text.slice(change.offset - 60, change.offset + 60))}`);
        text = next;
        scan = rescanned;
        // A document broken for long stops exercising the incremental path: start again from the original.
        brokenFor = scan.error ? brokenFor + 1 : 0;
        if (brokenFor > 5 || text.length < base.length / 2) {
          text = base;
          scan = scanMetadataXml(text);
          brokenFor = 0;
        }
      }
      assert.ok(incremental > 450, `only ${incremental} of 1,500 edits were re-read in part`);
    });
  }

  it('re-reads only the edited block of a 2 MB profile, inside userPermissions and inside fieldPermissions', () => {
    const text = generateProfile({ targetLength: 2_000_000, userPermissions: 300, disable: ['ManageUsers'] });
    const scan = scanMetadataXml(text);
    const manageUsers = scan.permissions.find((entry) => entry.name === 'ManageUsers');
    const middle = text.indexOf('<readable>true</readable>', text.length / 2) + '<readable>'.length;
    const changes: TextChange[] = [
      { offset: manageUsers?.enabledSpan?.start ?? 0, removedLength: 'false'.length, insertedText: 'true' },
      { offset: middle, removedLength: 'true'.length, insertedText: 'false' },
      { offset: middle, removedLength: 0, insertedText: '\n        <!-- checked -->' },
      // Two blocks rewritten at once: the re-read covers both and stops at the third.
      { offset: scan.permissions[10].block.start, removedLength: scan.permissions[12].block.start - scan.permissions[10].block.start,
        insertedText: `${block('AaFirst').trimStart()}${block('AaSecond')}    ` },
    ];
    for (const change of changes) {
      const next = applyChange(text, change);
      const region = rescanRegion(scan, next, change);
      assert.ok(region, `not re-read in part: ${JSON.stringify(change)}`);
      assert.deepStrictEqual(region, scanMetadataXml(next));
    }
  });

  it('falls back to a full scan where a part cannot decide: the prolog, the root tag, an earlier error, an edit that swallows later blocks', () => {
    const text = fixture('okta-integration.profile-meta.xml').replace('</Profile>', '    <description>a --> b</description>\n</Profile>');
    const scan = scanMetadataXml(text);
    const apiEnabled = scan.permissions[1];
    const changes: Array<[string, TextChange]> = [
      ['in the XML declaration', { offset: 15, removedLength: 3, insertedText: '1.1' }],
      ['in the root start tag', { offset: text.indexOf('xmlns'), removedLength: 0, insertedText: 'a="1" ' }],
      ['after the root', { offset: text.length, removedLength: 0, insertedText: '<!-- end -->' }],
      ['after the root, keeping the length', { offset: text.length - 1, removedLength: 1, insertedText: 'x' }],
      ['in the root end tag', { offset: text.length - 3, removedLength: 1, insertedText: 'X' }],
      ['a comment that ends in a later element', { offset: apiEnabled.block.end, removedLength: 0, insertedText: '<!--' }],
      ['an unclosed element', { offset: apiEnabled.block.end, removedLength: 0, insertedText: '<userPermissions>' }],
    ];
    for (const [what, change] of changes) {
      const next = applyChange(text, change);
      assert.equal(rescanRegion(scan, next, change), undefined, what);
      assert.deepStrictEqual(rescanMetadataXml(scan, next, change), scanMetadataXml(next), what);
    }
    const broken = applyChange(text, { offset: apiEnabled.nameSpan.start, removedLength: 0, insertedText: '<' });
    const brokenScan = scanMetadataXml(broken);
    assert.ok(brokenScan.error);
    const repair: TextChange = { offset: apiEnabled.nameSpan.start, removedLength: 1, insertedText: '' };
    assert.equal(rescanRegion(brokenScan, text, repair), undefined);
    assert.deepStrictEqual(rescanMetadataXml(brokenScan, text, repair), scan);
  });

  it('reports an error the edit makes, with what comes before it, as a full scan would', () => {
    const text = fixture('okta-integration.profile-meta.xml');
    const scan = scanMetadataXml(text);
    const viewRoles = scan.permissions.find((entry) => entry.name === 'ViewRoles');
    const change: TextChange = { offset: viewRoles?.nameSpan.start ?? 0, removedLength: 0, insertedText: '&' };
    const next = applyChange(text, change);
    const region = rescanRegion(scan, next, change);
    assert.match(region?.error?.message ?? '', /starts no entity reference/);
    assert.equal(region?.permissions.at(-1)?.name, 'ViewAllUsers');
    assert.deepStrictEqual(region, scanMetadataXml(next));
  });
});
