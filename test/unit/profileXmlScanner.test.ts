import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LineIndex } from '../../src/domain/profileXml/lineIndex';
import { type MetadataScan, scanMetadataXml, type Span } from '../../src/domain/profileXml/scanner';
import { fixture, generateProfile, seededRandom, toCrlf, toTabs } from './profileXmlCorpus';

const at = (text: string, span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);
const names = (scan: MetadataScan) => scan.permissions.map((entry) => entry.name);
const profile = (children: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${children}</Profile>\n`;
const block = (name: string, enabled = 'true') => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;

/** Every span of a scan points at the text it describes (elements with or without a prefix). */
function assertSpansFit(text: string, scan: MetadataScan): void {
  if (scan.kind !== 'unknown') assert.match(at(text, scan.rootSpan) ?? '', new RegExp(`^(\\w+:)?${scan.kind}$`));
  for (const entry of scan.permissions) {
    assert.match(at(text, entry.block) ?? '', /^<(\w+:)?userPermissions>[^]*<\/(\w+:)?userPermissions>$/);
    assert.match(at(text, entry.nameElement) ?? '', /^<(\w+:)?name>[^]*<\/(\w+:)?name>$/);
    assert.equal(text[entry.nameSpan.start - 1], '>');
    if (entry.enabledSpan) assert.equal(at(text, entry.enabledSpan)?.trim(), String(entry.enabled));
  }
  for (const start of scan.childStarts) assert.equal(text[start], '<');
  if (scan.rootClose) assert.equal(at(text, scan.rootClose), `</${at(text, scan.rootSpan)}>`);
}

describe('scanMetadataXml on retrieved files', () => {
  const text = fixture('okta-integration.profile-meta.xml');
  const scan = scanMetadataXml(text);

  it('reads a profile: root, license, every userPermissions block in document order, line ends and indentation', () => {
    assert.equal(scan.kind, 'Profile');
    assert.equal(scan.error, undefined);
    assert.equal(scan.stoppedAt, undefined);
    assert.deepEqual(scan.license, { value: 'Salesforce', span: scan.license?.span });
    assert.equal(at(text, scan.license?.span), 'Salesforce');
    assert.deepEqual(names(scan), [
      'ActivateContract', 'ApiEnabled', 'AssignPermissionSets', 'DelegatedTwoFactor', 'EditTask', 'FreezeUsers', 'ManageInternalUsers',
      'ManageIpAddresses', 'ManageLoginAccessPolicies', 'ManagePasswordPolicies', 'ManageProfilesPermissionsets', 'ManageRoles', 'ManageSharing',
      'ManageUsers', 'MonitorLoginHistory', 'ResetPasswords', 'ViewAllUsers', 'ViewRoles', 'ViewSetup', 'acme__CustomPerm',
    ]);
    assert.deepEqual(scan.permissions.filter((entry) => entry.enabled !== true).map((entry) => entry.name), ['EditTask']);
    assert.equal(scan.eol, '\n');
    assert.equal(scan.indent, '    ');
    assert.equal(scan.childStarts.length, text.split('\n').filter((line) => /^ {4}<[a-zA-Z]/.test(line)).length);
    assertSpansFit(text, scan);
  });

  it('gives offsets VS Code can place: the name of the fifth block on its line, column 14', () => {
    const index = new LineIndex(text);
    const editTask = scan.permissions[4];
    const { line, column } = index.position(editTask.nameSpan.start);
    assert.equal(text.split('\n')[line].slice(column, column + 'EditTask'.length), 'EditTask');
    assert.equal(column, 14);
  });

  it('keeps a namespaced name as it is', () => {
    const entry = scan.permissions.find((candidate) => candidate.name === 'acme__CustomPerm');
    assert.equal(entry?.enabled, true);
    assert.equal(at(text, entry?.nameSpan), 'acme__CustomPerm');
  });

  it('agrees with fast-xml-parser on every block of a generated 300 KB profile', () => {
    const generated = generateProfile({ targetLength: 300_000, userPermissions: 250, omit: ['ManageRoles'], disable: ['FreezeUsers'], seed: 3 });
    const parsed = new XMLParser({ parseTagValue: false }).parse(generated) as { Profile: { userPermissions: Array<{ name: string; enabled: string }> } };
    const ours = scanMetadataXml(generated);
    assert.deepEqual(
      ours.permissions.map((entry) => [entry.name, entry.enabled]),
      parsed.Profile.userPermissions.map((entry) => [entry.name, entry.enabled === 'true']),
    );
    assert.equal(ours.permissions.length, 250);
  });

  it('notes where each of the thousands of children of a 1 MB profile starts, in order, whether shapes or tags read them', () => {
    for (const eol of ['\n', '\r\n'] as const) {
      const generated = generateProfile({ targetLength: 1_000_000, userPermissions: 300, eol, seed: 5 });
      // Each child of the root begins a line, one indentation in.
      const starts = [...generated.matchAll(/^ {4}<[a-zA-Z]/gm)].map((match) => match.index + 4);
      assert.ok(starts.length > 6000, `only ${starts.length} children`);
      assert.deepEqual([...scanMetadataXml(generated).childStarts], starts);
      assert.deepEqual([...scanMetadataXml(generated, { tagByTag: true }).childStarts], starts);
    }
  });

  it('reads a permission set, whose license is <license>', () => {
    const set = fixture('okta-admin.permissionset-meta.xml');
    const setScan = scanMetadataXml(set);
    assert.equal(setScan.kind, 'PermissionSet');
    assert.equal(setScan.license?.value, 'Salesforce');
    assert.equal(at(set, setScan.license?.span), 'Salesforce');
    assert.deepEqual(setScan.permissions.map((entry) => [entry.name, entry.enabled]),
      [['ApiEnabled', true], ['EditTask', true], ['ManageUsers', true], ['ViewSetup', false]]);
    assertSpansFit(set, setScan);
  });

  it('does not take a profile’s <license> or a permission set’s <userLicense> for the license', () => {
    assert.equal(scanMetadataXml('<Profile><license>Salesforce</license></Profile>').license, undefined);
    assert.equal(scanMetadataXml('<PermissionSet><userLicense>Salesforce</userLicense></PermissionSet>').license, undefined);
    assert.equal(scanMetadataXml('<CustomObject><userPermissions><name>ApiEnabled</name></userPermissions></CustomObject>').kind, 'unknown');
  });
});

describe('scanMetadataXml on the variations files come in', () => {
  const gaps = fixture('okta-integration-gaps.profile-meta.xml');
  const lf = scanMetadataXml(gaps);

  it('decodes character references and reads CDATA in names; spans still cover the text as written', () => {
    const viewSetup = lf.permissions.find((entry) => entry.name === 'ViewSetup');
    assert.equal(at(gaps, viewSetup?.nameSpan), 'View&#83;etup');
    const profiles = lf.permissions.find((entry) => entry.name === 'ManageProfilesPermissionsets');
    assert.equal(at(gaps, profiles?.nameSpan), '<![CDATA[ManageProfilesPermissionsets]]>');
    const decoded = scanMetadataXml(profile(block('&#x41;pi&amp;&lt;&gt;&quot;&apos;&#65;')));
    assert.deepEqual(names(decoded), ['Api&<>"\'A']);
  });

  it('passes over comments between elements and inside blocks', () => {
    assert.equal(lf.error, undefined);
    assert.ok(names(lf).includes('DelegatedTwoFactor'));
    const commented = scanMetadataXml(profile('    <userPermissions><!-- on --><enabled>true</enabled><!-- x --><name>Api<!-- y -->Enabled</name></userPermissions>\n'));
    assert.deepEqual(commented.permissions.map((entry) => [entry.name, entry.enabled]), [['ApiEnabled', true]]);
  });

  it('reads CRLF line ends and tab indentation the same, and reports them for fixes', () => {
    const variant = toTabs(toCrlf(gaps));
    const scan = scanMetadataXml(variant);
    assert.equal(scan.eol, '\r\n');
    assert.equal(scan.indent, '\t');
    assert.deepEqual(scan.permissions.map((entry) => [entry.name, entry.enabled]), lf.permissions.map((entry) => [entry.name, entry.enabled]));
    assertSpansFit(variant, scan);
  });

  it('skips a byte order mark', () => {
    const scan = scanMetadataXml(`\uFEFF${gaps}`);
    assert.equal(scan.error, undefined);
    assert.deepEqual(scan.permissions.map((entry) => entry.nameSpan.start), lf.permissions.map((entry) => entry.nameSpan.start + 1));
  });

  it('reports an empty or whitespace-only file: it has no root element, so nothing in it can be audited', () => {
    for (const empty of ['', '  \n', '\uFEFF', '\r\n\t \r\n']) {
      const scan = scanMetadataXml(empty);
      assert.match(scan.error?.message ?? 'no error', /^The file is empty: it has no root element\. Fix: /, JSON.stringify(empty));
      assert.deepEqual(scan.error?.span, { start: empty.length, end: empty.length });
      assert.equal(scan.stoppedAt, empty.length);
      assert.equal(scan.kind, 'unknown');
    }
  });

  it('parses <enabled> as xsd:boolean, trimmed; anything else is no value', () => {
    const scan = scanMetadataXml(profile(['1', '0', ' true ', 'yes', 'True'].map((value, i) => block(`P${i}`, value)).join('')));
    assert.deepEqual(scan.permissions.map((entry) => entry.enabled), [true, false, true, undefined, undefined]);
  });

  it('takes the first <name> and <enabled> of a block, skips blocks without a name, and reads self-closing elements', () => {
    const scan = scanMetadataXml(profile([
      '    <userPermissions><enabled>true</enabled><enabled>false</enabled><name>First</name><name>Second</name></userPermissions>\n',
      '    <userPermissions><enabled>true</enabled></userPermissions>\n',
      '    <userPermissions><enabled>true</enabled><name/></userPermissions>\n',
      '    <userPermissions><enabled/><name>Empty</name></userPermissions>\n',
      '    <userPermissions><name>NoEnabled</name></userPermissions>\n',
      '    <userPermissions/>\n',
    ].join('')));
    assert.deepEqual(scan.permissions.map((entry) => [entry.name, entry.enabled, entry.enabledSpan === undefined, entry.enabledElement === undefined]), [
      ['First', true, false, false], ['Empty', undefined, true, false], ['NoEnabled', undefined, true, true],
    ]);
    assert.equal(scan.childStarts.length, 6);
    assert.equal(scanMetadataXml('<Profile/>').kind, 'Profile');
    assert.equal(scanMetadataXml('<Profile/>').rootClose, undefined);
  });

  it('reads a name the same in every block, however it is split by elements', () => {
    const odd = '    <userPermissions><enabled>true</enabled><name>A<x/> <y/>B<x/> <y/>C</name></userPermissions>\n';
    assert.deepEqual(names(scanMetadataXml(profile(odd + odd))), ['A B C', 'A B C']);
  });

  it('ignores <name> and <enabled> below the block’s own children and <userPermissions> below the root’s', () => {
    const scan = scanMetadataXml(profile([
      '    <userPermissions><enabled>true</enabled><extra><name>Nested</name></extra><name>Direct</name></userPermissions>\n',
      '    <layoutAssignments><userPermissions><enabled>true</enabled><name>Deep</name></userPermissions></layoutAssignments>\n',
    ].join('')));
    assert.deepEqual(names(scan), ['Direct']);
  });

  it('reads what comes before a cut, and reports the cut at the end of the text with where the open element began', () => {
    const text = fixture('truncated.profile-meta.xml');
    const scan = scanMetadataXml(text);
    assert.equal(scan.permissions.length, 11);
    assert.equal(scan.permissions.at(-1)?.name, 'ManageProfilesPermissionsets');
    assert.deepEqual(scan.error?.span, { start: text.length, end: text.length });
    assert.equal(scan.stoppedAt, text.length);
    assert.match(scan.error?.message ?? '', /^The file ends inside <name> from line 92 \(it looks cut off\)\. Fix: .*<\/Profile>/);
    assert.equal(at(text, scan.error?.related?.span), 'name');
    assert.equal(new LineIndex(text).position(scan.error?.related?.span.start ?? 0).line + 1, 92);
  });

  it('never expands a DOCTYPE’s entities: it is reported, skipped, and references to its entities stay as written', () => {
    const text = fixture('doctype-entities.profile-meta.xml');
    const scan = scanMetadataXml(text);
    assert.equal(at(text, scan.error?.span), 'DOCTYPE');
    assert.match(scan.error?.message ?? '', /^A DOCTYPE with entity declarations: .* not applied here .*Fix: delete the DOCTYPE/);
    assert.equal(scan.stoppedAt, undefined);
    assert.deepEqual(names(scan), ['ApiEnabled', '&perm;']);
    assert.equal(scan.license?.value, 'Salesforce');
  });
});

describe('scanMetadataXml messages', () => {
  it('quote at most 80 characters of a name or value from the file, however long', () => {
    const long = `x${'y'.repeat(100_000)}`;
    for (const text of [profile(`    <${long}>\n`), profile(`    <a></${long}>\n`), `<Profile ${long}="1" ${long}="2"/>`, profile(`    <a>&${long};</a>\n`)]) {
      const { error } = scanMetadataXml(text);
      assert.ok(error, text.slice(0, 40));
      assert.ok(error.message.length < 400, `${error.message.length} characters: ${error.message.slice(0, 120)}`);
      assert.match(error.message, /xy{30,}…/);
      assert.doesNotMatch(error.message, /\S{82,}/);
      assert.ok((error.related?.message.length ?? 0) < 400);
    }
  });
});

describe('scanMetadataXml on malformed XML: the first problem, and what was read before it', () => {
  const before = '    <userLicense>Salesforce</userLicense>\n' + block('ApiEnabled');
  const cases: Array<{ name: string; text: string; message: RegExp; span: string; related?: string }> = [
    { name: 'a misspelt end tag', text: profile(`${before}    <userPermissions><enabled>true</enabld>`), message: /^<\/enabld> does not close <enabled> from line 8\. Fix: write <\/enabled>/, span: 'enabld', related: 'enabled' },
    { name: 'a missing end tag', text: profile(`${before}    <userPermissions><enabled>true</enabled><name>X</userPermissions>\n`), message: /^<name> from line 8 has no end tag before <\/userPermissions>\. Fix: add <\/name>/, span: 'userPermissions', related: 'name' },
    { name: 'an end tag with nothing open', text: `<Profile></Profile></Profile>`, message: /^The end tag <\/Profile> closes nothing/, span: 'Profile' },
    { name: 'an unquoted attribute value', text: '<Profile xmlns=http://soap.sforce.com/2006/04/metadata></Profile>', message: /^The value of the attribute xmlns is not in quotes/, span: 'xmlns' },
    { name: 'an attribute without a value', text: '<Profile xmlns></Profile>', message: /^The attribute xmlns has no value/, span: 'xmlns' },
    { name: 'an attribute twice', text: '<Profile a="1" a="2"></Profile>', message: /^The attribute a appears twice/, span: 'a' },
    { name: 'a “<” in an attribute value', text: '<Profile xmlns="http://<x"></Profile>', message: /^A “<” inside the value of the attribute xmlns/, span: '<' },
    { name: 'an unclosed attribute value', text: '<Profile xmlns="http://soap', message: /^The file ends inside the value of the attribute xmlns/, span: '<P' },
    { name: 'an “&” that is no reference', text: profile(`${before}${block('A & B')}`), message: /^A “&” that starts no entity reference\. Fix: write it as &amp;/, span: '&' },
    { name: 'an entity XML does not predefine', text: profile(`${before}${block('A&nbsp;B')}`), message: /^The entity &nbsp; is not one of XML’s five/, span: '&nbsp;' },
    { name: 'a reference to a character XML forbids', text: profile(`${before}${block('A&#0;B')}`), message: /^“&#0;” is not a character reference/, span: '&#0;' },
    { name: 'a “<” that starts no tag', text: profile(`${before}${block('a < b')}`), message: /^A “<” that starts no tag/, span: '<' },
    { name: '“<!” that starts nothing known', text: profile(`${before}    <!ELEMENT x ANY>\n`), message: /^“<!” starts no comment/, span: '<!' },
    { name: '“--” in a comment', text: profile(`${before}    <!-- a -- b -->\n`), message: /^“--” inside a comment/, span: '--' },
    { name: 'an unclosed comment', text: profile(`${before}    <!-- a\n`), message: /^The file ends inside a comment .*Fix: Close the comment with -->/, span: '<!' },
    { name: 'an unclosed CDATA section', text: profile(`${before}    <name><![CDATA[x</name>\n`), message: /^The file ends inside a CDATA section/, span: '<!' },
    { name: 'CDATA outside the root', text: '<![CDATA[x]]><Profile/>', message: /^A CDATA section outside the root element/, span: '<![CDATA[' },
    { name: 'text outside the root', text: '<Profile/>\njunk here', message: /^Text outside the root element, after its end tag/, span: 'junk' },
    { name: 'a second root', text: '<Profile></Profile>\n<Profile/>', message: /^A second root element <Profile>/, span: 'Profile' },
    { name: 'an XML declaration not at the start', text: ' <?xml version="1.0"?><Profile/>', message: /^An XML declaration \(<\?xml …\?>\) that is not at the very start/, span: '<?xml' },
    { name: 'a processing instruction without a name', text: '<Profile><? x ?></Profile>', message: /^“<\?” without a name/, span: '<?' },
    { name: 'a DOCTYPE inside the root', text: '<Profile><!DOCTYPE x></Profile>', message: /^A DOCTYPE inside the document/, span: 'DOCTYPE' },
    { name: 'no root element', text: '<?xml version="1.0"?>\n<!-- nothing else -->\n', message: /^The file has no root element/, span: '' },
    { name: 'an undeclared element prefix', text: profile(`${before}    <sf:custom>true</sf:custom>\n`), message: /^The prefix sf of <sf:custom> is not declared\. Fix: declare it .*xmlns:sf="http:\/\/soap\.sforce\.com\/2006\/04\/metadata"/, span: 'sf:custom' },
    { name: 'an undeclared attribute prefix', text: profile(`${before}    <custom x:note="1">true</custom>\n`), message: /^The prefix x of the attribute x:note is not declared/, span: 'x:note' },
    { name: 'a prefix declared after its use, on an element that has ended', text: profile(`${before}    <a xmlns:p="urn:p"/><p:b/>\n`), message: /^The prefix p of <p:b> is not declared/, span: 'p:b' },
    { name: 'a prefix undeclared with an empty value', text: profile(`${before}    <a xmlns:p=""/>\n`), message: /^xmlns:p="" tries to undeclare a prefix, which XML 1\.0 does not allow/, span: 'xmlns:p' },
    { name: 'the xml prefix bound elsewhere', text: profile(`${before}    <a xmlns:xml="urn:x"/>\n`), message: /^The prefix xml and the namespace http:\/\/www\.w3\.org\/XML\/1998\/namespace belong to each other alone/, span: 'xmlns:xml' },
    { name: 'another prefix bound to the xml namespace', text: profile(`${before}    <a xmlns:x="http://www.w3.org/XML/1998/namespace"/>\n`), message: /^The prefix xml and the namespace .* belong to each other alone/, span: 'xmlns:x' },
    { name: 'the xmlns prefix declared', text: profile(`${before}    <a xmlns:xmlns="urn:x"/>\n`), message: /^The prefix xmlns cannot be declared/, span: 'xmlns:xmlns' },
    { name: 'a declaration of the namespace reserved for declarations', text: profile(`${before}    <a xmlns="http://www.w3.org/2000/xmlns/"/>\n`), message: /^xmlns binds the namespace reserved for declarations/, span: 'xmlns' },
    { name: 'an element with the xmlns prefix', text: profile(`${before}    <xmlns:a/>\n`), message: /^<xmlns:a> uses the prefix xmlns, which is reserved/, span: 'xmlns:a' },
    { name: 'a name with two colons', text: profile(`${before}    <a:b:c/>\n`), message: /^The name of <a:b:c> is not a prefix and a name joined by one colon/, span: 'a:b:c' },
    { name: 'a name starting with a colon', text: profile(`${before}    <:a/>\n`), message: /^The name of <:a> is not a prefix and a name/, span: ':a' },
    { name: 'two attributes that are one with namespaces', text: profile(`${before}    <a xmlns:p="urn:u" xmlns:q="urn:u" p:x="1" q:x="2"/>\n`), message: /^The attributes p:x and q:x of <a> are the same attribute: both prefixes name urn:u/, span: 'q:x' },
    { name: 'an undeclared root prefix', text: '<sf:Profile><sf:custom/></sf:Profile>', message: /^The prefix sf of <sf:Profile> is not declared/, span: 'sf:Profile' },
    { name: 'a start tag cut off', text: profile(before).slice(0, -12) + '<userPerm', message: /^The file ends inside the start tag <userPerm/, span: '<u' },
  ];

  for (const { name, text, message, span, related } of cases) {
    it(`reports ${name}`, () => {
      const scan = scanMetadataXml(text);
      assert.match(scan.error?.message ?? 'no error', message);
      assert.match(scan.error?.message ?? '', / Fix: /);
      assert.equal(at(text, scan.error?.span), span);
      assert.equal(at(text, scan.error?.related?.span), related);
      assert.equal(scan.stoppedAt, scan.error?.span.start);
      if (text.includes(before)) {
        assert.deepEqual(names(scan), text.indexOf(before) < (scan.error?.span.start ?? 0) ? ['ApiEnabled'] : []);
        assert.equal(scan.license?.value, 'Salesforce');
      }
    });
  }

  it('rejects everything fast-xml-parser’s validator rejects, over 3,000 random mutations of a profile', () => {
    const base = fixture('okta-integration-gaps.profile-meta.xml');
    const random = seededRandom(20240607);
    const pieces = ['<', '>', '/', '!', '-', '&', ';', '"', '=', ' ', '\n', 'a', ']]>', '\u0001', 'é', '1', '<a b="1">', '<a/>', '</a>',
      '<userPermissions>', '</userPermissions>', '<name>', '</name>', '<!--', '-->', '<![CDATA[', '&amp;', '&#65;', '<?x ?>'];
    let rejectedByBoth = 0;
    for (let i = 0; i < 3000; i++) {
      const start = Math.floor(random() * base.length);
      const inserted = Array.from({ length: Math.floor(random() * 3) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const text = base.slice(0, start) + inserted + base.slice(start + Math.floor(random() * 6));
      if (XMLValidator.validate(text) === true) continue;
      assert.ok(scanMetadataXml(text).error, `fast-xml-parser rejects this, the scanner accepts it: ${JSON.stringify(text.slice(start - 40, start + 40))}`);
      rejectedByBoth++;
    }
    assert.ok(rejectedByBoth > 1000, `only ${rejectedByBoth} mutations were malformed`);
  });
});

describe('LineIndex', () => {
  it('turns offsets into 0-based lines and columns with \\n, \\r\\n and lone \\r line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    const expected = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [1, 3], [2, 0], [2, 1], [2, 2], [3, 0], [3, 1], [3, 2]];
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = index.position(offset);
      assert.deepEqual([line, column], expected[offset], `offset ${offset}`);
    }
  });

  it('clamps offsets outside the text to it', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.position(-5), { line: 0, column: 0 });
    assert.deepEqual(index.position(99), { line: 1, column: 2 });
    assert.deepEqual(new LineIndex('').position(0), { line: 0, column: 0 });
  });
});

describe('scanMetadataXml with namespaces: metadata elements by namespace and local name', () => {
  const metadata = 'http://soap.sforce.com/2006/04/metadata';
  const text = fixture('okta-integration.profile-meta.xml');
  const scan = scanMetadataXml(text);
  const entries = (of: MetadataScan) => of.permissions.map((entry) => [entry.name, entry.enabled]);
  const prefixed = (prefix: string, declarations: string) => text.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}:$2`).replace(` xmlns="${metadata}"`, declarations);

  it('reads a document with every element prefixed (<sf:Profile xmlns:sf="…metadata">) as the same profile', () => {
    for (const variant of [prefixed('sf', ` xmlns:sf="${metadata}"`), prefixed('m', ` xmlns="urn:other" xmlns:m="${metadata}"`)]) {
      const read = scanMetadataXml(variant);
      assert.equal(read.error, undefined);
      assert.equal(read.kind, 'Profile');
      assert.deepEqual(read.rootName, { namespace: metadata, localName: 'Profile' });
      assert.deepEqual(entries(read), entries(scan));
      assert.equal(read.license?.value, 'Salesforce');
      assert.equal(read.childStarts.length, scan.childStarts.length);
      assertSpansFit(variant, read);
    }
  });

  it('counts blocks in the metadata namespace, whatever their prefix, and none in another namespace or in none', () => {
    const read = scanMetadataXml(`<Profile xmlns="${metadata}" xmlns:m="${metadata}" xmlns:o="urn:other">
    <m:userPermissions><m:enabled>true</m:enabled><m:name>Prefixed</m:name></m:userPermissions>
    <userPermissions><enabled>true</enabled><o:name>ForeignName</o:name><name>Default</name></userPermissions>
    <o:userPermissions><o:enabled>true</o:enabled><o:name>Foreign</o:name></o:userPermissions>
    <userPermissions xmlns="urn:other"><enabled>true</enabled><name>ForeignDefault</name></userPermissions>
    <userPermissions xmlns=""><enabled>true</enabled><name>NoNamespace</name></userPermissions>
    <x:userPermissions xmlns:x="${metadata}"><enabled>true</enabled><name>DeclaredHere</name></x:userPermissions>
    <m:userLicense>Salesforce</m:userLicense>
</Profile>`);
    assert.equal(read.error, undefined);
    assert.deepEqual(entries(read), [['Prefixed', true], ['Default', true], ['DeclaredHere', true]]);
    assert.equal(read.license?.value, 'Salesforce');
    assert.equal(read.childStarts.length, 7);
  });

  it('reads a file without any namespace as metadata, as before: its elements in no namespace count', () => {
    const bare = text.replace(` xmlns="${metadata}"`, '');
    const read = scanMetadataXml(bare);
    assert.equal(read.kind, 'Profile');
    assert.deepEqual(read.rootName, { namespace: '', localName: 'Profile' });
    assert.deepEqual(entries(read), entries(scan));
    const mixed = scanMetadataXml(`<Profile><userPermissions><name>Bare</name></userPermissions><userPermissions xmlns="${metadata}"><name>Declared</name></userPermissions></Profile>`);
    assert.deepEqual(mixed.permissions.map((entry) => entry.name), ['Bare', 'Declared']);
  });

  it('gives a root in another namespace, or of another name, kind unknown, and says what its name and namespace are', () => {
    const foreign = scanMetadataXml(text.replace(metadata, 'urn:other'));
    assert.equal(foreign.kind, 'unknown');
    assert.deepEqual(foreign.rootName, { namespace: 'urn:other', localName: 'Profile' });
    assert.deepEqual(foreign.permissions, [], 'its children are in its namespace');
    assert.equal(foreign.license, undefined);
    const typo = scanMetadataXml(text.replaceAll('Profile>', 'Proflie>').replace('<Profile ', '<Proflie '));
    assert.equal(typo.kind, 'unknown');
    assert.deepEqual(typo.rootName, { namespace: metadata, localName: 'Proflie' });
    assert.equal(at(text.replace('<Profile ', '<Proflie '), typo.rootSpan), 'Proflie');
    const prefixedSet = scanMetadataXml(`<ps:PermissionSet xmlns:ps="${metadata}"><ps:license>Salesforce</ps:license></ps:PermissionSet>`);
    assert.equal(prefixedSet.kind, 'PermissionSet');
    assert.equal(prefixedSet.license?.value, 'Salesforce');
  });

  it('compares namespace names as XML reads attribute values: references decoded, nothing trimmed', () => {
    const encoded = scanMetadataXml(text.replace(`xmlns="${metadata}"`, 'xmlns="http:&#x2F;&#47;soap.sforce.com/2006/04/metadata"'));
    assert.equal(encoded.kind, 'Profile');
    assert.deepEqual(entries(encoded), entries(scan));
    assert.equal(scanMetadataXml(text.replace(`xmlns="${metadata}"`, `xmlns="${metadata} "`)).kind, 'unknown');
  });

  it('accepts the xml prefix without a declaration, and declarations of it that are right', () => {
    const read = scanMetadataXml(`<Profile xmlns="${metadata}" xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"><description xml:lang="de">x</description></Profile>`);
    assert.equal(read.error, undefined);
    assert.equal(read.kind, 'Profile');
  });
});
