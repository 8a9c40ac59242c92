import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchShape, ShapeBook, shapeOf } from '../../src/domain/profileXml/childShape';
import { scanMetadataXml } from '../../src/domain/profileXml/scanner';
import { generateProfile, seededRandom } from './profileXmlCorpus';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** What a leaf can hold: plain names, padding, XML's own references, character references, nothing. */
const values = ['ApiEnabled', 'ManageUsers', ' ViewSetup ', '\tViewRoles\n', '', 'R&amp;D__c', 'A&lt;B', '&#65;piEnabled', 'x&#x42;y', 'Account.Name', 'a > b', '\u00a0NBSP\u00a0'];
const booleans = ['true', 'false', '1', '0', '', ' true ', 'TRUE', 'yes', '&#116;rue'];
const names = ['ApiEnabled', 'ManageUsers', 'ViewSetup', 'FreezeUsers', 'acme__Custom', ' ViewRoles ', 'Manage&amp;Users', '', '&#77;anageUsers'];

const metadata = 'http://soap.sforce.com/2006/04/metadata';

/** How a document names its elements: the root's declarations, and the prefix every element gets. */
interface Naming {
  declarations: string;
  prefix: string;
}

/** As retrieved; without any namespace; prefixed; in another namespace; prefixed, with another default namespace. */
const namings: readonly Naming[] = [
  { declarations: ` xmlns="${metadata}"`, prefix: '' },
  { declarations: '', prefix: '' },
  { declarations: ` xmlns:sf="${metadata}"`, prefix: 'sf:' },
  { declarations: ' xmlns="urn:other"', prefix: '' },
  { declarations: ` xmlns="urn:other" xmlns:m="${metadata}"`, prefix: 'm:' },
];

/** One child of the root as it could appear in a file: the common layouts and the odd ones that shapes must get right or leave alone. */
function randomChild(random: Random, indent: string, eol: string, rootName: string, prefix: string): string {
  const inner = indent + indent;
  const leaf = (name: string, value: string) => `${inner}<${prefix}${name}>${value}</${prefix}${name}>${eol}`;
  const element = (name: string, body: string) => `${indent}<${prefix}${name}>${eol}${body}${indent}</${prefix}${name.split(' ')[0]}>${eol}`;
  const license = rootName === 'Profile' ? 'userLicense' : 'license';
  switch (Math.floor(random() * 15)) {
    case 0:
    case 1:
    case 2:
      return element('fieldPermissions', leaf('editable', pick(random, booleans)) + leaf('field', pick(random, values)) + leaf('readable', pick(random, booleans)));
    case 3:
    case 4:
    case 5:
      return element('userPermissions', leaf('enabled', pick(random, booleans)) + leaf('name', pick(random, names)));
    case 6:
      // The other order, a missing or self-closing value, two names.
      return element('userPermissions', pick(random, [
        leaf('name', pick(random, names)) + leaf('enabled', pick(random, booleans)),
        leaf('name', pick(random, names)),
        `${inner}<enabled/>${eol}${leaf('name', pick(random, names))}`,
        `${leaf('enabled', 'true')}${inner}<name/>${eol}`,
        leaf('enabled', 'true') + leaf('name', pick(random, names)) + leaf('name', pick(random, names)),
      ]));
    case 7:
      // Values that are not one leaf's text: an element, CDATA or a comment inside, an attribute, a deeper name.
      return element('userPermissions', pick(random, [
        `${leaf('enabled', 'true')}${inner}<${prefix}name>Api<b/>Enabled</${prefix}name>${eol}`,
        `${leaf('enabled', 'true')}${inner}<${prefix}name><![CDATA[ViewSetup]]></${prefix}name>${eol}`,
        `${leaf('enabled', 'false')}${inner}<!-- granted later -->${eol}${leaf('name', pick(random, names))}`,
        `${leaf('enabled', 'true')}${inner}<${prefix}name xml:lang="en">${pick(random, names)}</${prefix}name>${eol}`,
        `${leaf('enabled', 'true')}${inner}<x><${prefix}name>ViewSetup</${prefix}name></x>${eol}`,
      ]));
    case 8:
      return `${indent}<${prefix}${license}>${pick(random, ['Salesforce', 'Chatter Free', ' Identity ', 'A&amp;B', ''])}</${prefix}${license}>${eol}`;
    case 9: {
      const [open, close] = [pick(random, ['license', 'userLicense']), pick(random, ['license', 'userLicense'])];
      return `${indent}<${prefix}${open}>${pick(random, ['Salesforce', 'Identity'])}</${prefix}${close}>${eol}`;
    }
    case 10:
      return `${indent}${pick(random, [`<${prefix}custom>true</${prefix}custom>`, `<${prefix}custom/>`, `<${prefix}userPermissions/>`,
        `<${prefix}description>a &amp; b</${prefix}description>`, `<${prefix}description></${prefix}description>`])}${eol}`;
    case 11:
      return element(`loginIpRanges${pick(random, ['', ' note="1 &amp; 2"', " note='x'"])}`.trim(), leaf('endAddress', '10.0.0.255') + leaf('startAddress', '10.0.0.0'));
    case 12:
      return element('layoutAssignments', leaf('layout', pick(random, values)) + (random() < 0.5 ? leaf('recordType', 'Account.Business') : ''));
    case 13: {
      // Blocks whose namespace is declared on themselves: in the metadata namespace by another prefix, in another one, in none; an undeclared prefix.
      const value = pick(random, names);
      return `${indent}${pick(random, [
        `<q:userPermissions xmlns:q="${metadata}"><q:enabled>true</q:enabled><q:name>${value}</q:name></q:userPermissions>`,
        `<userPermissions xmlns="${metadata}"><enabled>true</enabled><name>${value}</name></userPermissions>`,
        `<userPermissions xmlns="urn:other"><enabled>true</enabled><name>${value}</name></userPermissions>`,
        `<o:userPermissions xmlns:o="urn:other"><o:enabled>true</o:enabled><o:name>${value}</o:name></o:userPermissions>`,
        `<${prefix}userPermissions><enabled xmlns="">true</enabled><name xmlns="">${value}</name></${prefix}userPermissions>`,
        `<${prefix}userPermissions><zz:enabled>true</zz:enabled></${prefix}userPermissions>`,
      ])}${eol}`;
    }
    default:
      return `${indent}<!-- ${pick(random, ['section', 'more'])} -->${eol}`;
  }
}

/**
 * Children repeated in runs, as in real files, so that shapes are learned and then replayed, with now
 * and then one that differs; named in one of the ways a file can name them (mostly as retrieved).
 */
function randomDocument(random: Random): string {
  const eol = random() < 0.3 ? '\r\n' : '\n';
  const indent = pick(random, ['    ', '\t', '  ']);
  const rootName = random() < 0.8 ? 'Profile' : 'PermissionSet';
  const { declarations, prefix } = random() < 0.5 ? namings[0] : pick(random, namings);
  let body = '';
  for (let run = 0, runs = 2 + Math.floor(random() * 8); run < runs; run++) {
    const child = randomChild(random, indent, eol, rootName, prefix);
    for (let i = 0, times = 1 + Math.floor(random() * 5); i < times; i++) body += random() < 0.2 ? randomChild(random, indent, eol, rootName, prefix) : child;
  }
  const prolog = `${random() < 0.1 ? '\ufeff' : ''}<?xml version="1.0" encoding="UTF-8"?>${eol}`;
  return `${prolog}<${prefix}${rootName}${declarations}>${eol}${body}</${prefix}${rootName}>${eol}`;
}

const breakers = ['<', '&', '</a>', '<a>', '<!--', ']]>', '"', 'x', ''];

/** Sometimes one character replaced by something that breaks the file or changes a child's shape. */
function mutate(text: string, random: Random): string {
  if (random() < 0.6) return text;
  const at = Math.floor(random() * text.length);
  return text.slice(0, at) + pick(random, breakers) + text.slice(at + 1);
}

describe('scanMetadataXml: children recognized by their shape', () => {
  it('gives what reading every tag gives, on 3,000 random documents of repeated children, intact and broken, prefixed or in other namespaces', () => {
    const random = seededRandom(20261201);
    let prefixedWithBlocks = 0;
    for (let i = 0; i < 3000; i++) {
      const text = mutate(randomDocument(random), random);
      const expected = scanMetadataXml(text, { tagByTag: true });
      // Twice: the second scan starts with the shapes the first one learned.
      assert.deepStrictEqual(scanMetadataXml(text), expected, `document ${i}: ${JSON.stringify(text)}`);
      assert.deepStrictEqual(scanMetadataXml(text), expected, `document ${i}, scanned again: ${JSON.stringify(text)}`);
      if (/<(sf|m):/.test(text) && expected.kind !== 'unknown' && expected.permissions.length > 0) prefixedWithBlocks++;
    }
    assert.ok(prefixedWithBlocks > 200, `only ${prefixedWithBlocks} prefixed documents with blocks`);
  });

  it('gives what reading every tag gives on a generated 1 MB profile, in CRLF and tabs too', () => {
    for (const options of [{}, { eol: '\r\n' as const }, { indent: '\t' }]) {
      const text = generateProfile({ targetLength: 1_000_000, userPermissions: 300, omit: ['ViewSetup'], disable: ['ManageUsers'], ...options });
      assert.deepStrictEqual(scanMetadataXml(text), scanMetadataXml(text, { tagByTag: true }));
    }
  });

  it('does not carry a shape from a Profile to a PermissionSet, where <license> is the license', () => {
    const children = (n: number) => '    <license>Identity</license>\n'.repeat(n);
    const profile = `<Profile>\n${children(5)}    <userLicense>Salesforce</userLicense>\n</Profile>\n`;
    assert.equal(scanMetadataXml(profile).license?.value, 'Salesforce');
    const set = `<PermissionSet>\n    <description>x</description>\n${children(5)}</PermissionSet>\n`;
    assert.equal(scanMetadataXml(set).license?.value, 'Identity');
    assert.equal(scanMetadataXml(profile).license?.value, 'Salesforce');
  });

  it('does not carry markup read under a DOCTYPE to a file without one, where its entities are errors', () => {
    const child = '    <description note="&acme;">x</description>\n';
    const withDoctype = `<!DOCTYPE Profile [<!ENTITY acme "A">]>\n<Profile>\n${child.repeat(3)}</Profile>\n`;
    assert.match(scanMetadataXml(withDoctype).error?.message ?? '', /DOCTYPE/);
    const without = `<Profile>\n${child.repeat(3)}</Profile>\n`;
    assert.match(scanMetadataXml(without).error?.message ?? '', /The entity &acme; is not one of XML’s five/);
  });

  it('keeps few shapes, whatever the files hold: four per kind of child, the last matched first, and 64 kinds', () => {
    const book = new ShapeBook();
    const learn = (name: string, layout: string) => {
      const text = `<${name}>${layout}<v>x</v></${name}>`;
      const shape = shapeOf(text, 0, text.length, [text.indexOf('<v>') + 3, text.indexOf('</v>')]);
      assert.ok(shape);
      return book.learned(name, shape);
    };
    const layouts = ['', ' ', '\n', '\t', '  '];
    const first = learn('a', layouts[0]);
    assert.equal(learn('a', layouts[0]), first, 'the same shape is kept once');
    for (const layout of layouts.slice(1)) learn('a', layout);
    const kept = book.candidates('a') ?? [];
    assert.equal(kept.length, 4);
    assert.ok(!kept.includes(first), 'the oldest went when a fifth came');
    const other = '<a>\n<v>y</v></a>';
    const fits = kept.find((shape) => matchShape(shape, other, 0) !== -1);
    assert.ok(fits);
    book.matched('a', fits);
    assert.equal(book.candidates('a')?.[0], fits);
    for (let i = 0; i < 64; i++) learn(`kind${i}`, '');
    assert.equal(book.candidates('a'), undefined, 'past 64 kinds the book started again');
    assert.equal(book.candidates('kind63')?.length, 1);
  });
});

describe('scanMetadataXml on pathological files: never throws, and gives what reading every tag gives', () => {
  const block = (name: string) => `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
  /** The odd child three times between two blocks, so that its shape is learned (or refused) and then tried. */
  const profileAround = (child: string) => `<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${block('ApiEnabled')}${child.repeat(3)}${block('ManageUsers')}</Profile>\n`;
  const field = (inside: string) => `    <fieldPermissions>\n        ${inside}\n        <editable>true</editable>\n        <field>Account.Name</field>\n    </fieldPermissions>\n`;
  const cases: Array<[string, string]> = [
    ['a 1 MB comment inside a child', profileAround(field(`<!-- ${'x'.repeat(1_000_000)} -->`))],
    ['a 40 KB comment inside a child (V8: "Regular expression too large")', profileAround(field(`<!-- ${'x'.repeat(40_000)} -->`))],
    ['a child nested 100,000 deep', profileAround(field(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`))],
    ['a document nested 100,000 deep', `<Profile>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</Profile>`],
    ['a 1 MB attribute value', profileAround(`    <description note="${'v'.repeat(1_000_000)}">x</description>\n`)],
    ['a child of 10,000 leaves (V8: "Stack overflow")', profileAround(field('<y>1</y>'.repeat(10_000)))],
    ['a 100 KB element name', profileAround(`    <${'n'.repeat(100_000)}>1</${'n'.repeat(100_000)}>\n`)],
    ['a 100 KB root name', `<${'R'.repeat(100_000)}>${block('ApiEnabled')}</${'R'.repeat(100_000)}>`],
    ['100,000 references in one leaf', profileAround(field(`<y>${'&amp;'.repeat(100_000)}</y>`))],
    ['100,000 character references in one leaf', profileAround(field(`<y>${'&#65;'.repeat(100_000)}</y>`))],
    ['100,000 references between children', profileAround(`${field('')}${'&lt;'.repeat(100_000)}\n`)],
    ['an unclosed 100,000-deep child', profileAround(field('<a>'.repeat(100_000)))],
  ];

  for (const [what, text] of cases) {
    it(what, () => {
      const expected = scanMetadataXml(text, { tagByTag: true });
      // Twice: the second scan starts with whatever shapes the first one learned.
      assert.deepStrictEqual(scanMetadataXml(text), expected);
      assert.deepStrictEqual(scanMetadataXml(text), expected);
      if (text.includes('ManageUsers')) assert.deepEqual(expected.permissions.map((entry) => entry.name), expected.error ? ['ApiEnabled'] : ['ApiEnabled', 'ManageUsers']);
    });
  }

  it('learns no shape V8 cannot compile: up to the longest pattern allowed, with the most leaves or the most escaped markup, and no longer', () => {
    const learnable = (text: string) => shapeOf(text, 0, text.length, leavesOf(text)) !== undefined;
    /** The largest n for which child(n) has a shape, by bisection. */
    const longest = (child: (n: number) => string) => {
      let [low, high] = [1, 2];
      while (learnable(child(high))) [low, high] = [high, high * 2];
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (learnable(child(middle))) low = middle;
        else high = middle;
      }
      return low;
    };
    const leavesOf = (text: string) => [...text.matchAll(/<y[^>]*>([^<]*)<\/y>/g)].flatMap((match) => {
      const start = (match.index ?? 0) + match[0].indexOf('>') + 1;
      return [start, start + match[1].length];
    });
    const manyLeaves = (n: number) => `<c>${'<y>1</y>'.repeat(n)}</c>`;
    const escaped = (n: number) => `<c><y a="${'.'.repeat(n)}">1</y></c>`;
    for (const child of [manyLeaves, escaped]) {
      const n = longest(child);
      const text = child(n);
      const shape = shapeOf(text, 0, text.length, leavesOf(text));
      assert.ok(shape);
      const other = text.replaceAll('>1</y>', '>22</y>');
      assert.equal(matchShape(shape, other, 0), other.length);
      assert.ok(!learnable(child(n + 1)));
    }
  });

  it('reads a child tag by tag when V8 runs out of backtracking stack matching its shape (10 million references in a leaf)', () => {
    const learnedFrom = '<y>1</y>';
    const shape = shapeOf(learnedFrom, 0, learnedFrom.length, [3, 4]);
    assert.ok(shape);
    assert.equal(matchShape(shape, learnedFrom, 0), learnedFrom.length);
    assert.equal(matchShape(shape, `<y>${'&amp;'.repeat(10_000_000)}</y>`, 0), -1);
  });
});
