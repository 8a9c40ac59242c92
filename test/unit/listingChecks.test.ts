import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { changelogProblems, iconProblems, manifestProblems, markdownImages, pngSize, readZip, relativeImageProblems, tagProblems } from '../harness/listingChecks';
import { root } from '../harness/paths';

/** A PNG's first 24 bytes: signature, then the IHDR chunk's length, type, width and height. */
function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

/** A zip with one stored and one deflated entry, laid out as the zip format (APPNOTE 4.3) says. */
function zipOf(files: Record<string, { data: Buffer; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, { data, deflate }] of Object.entries(files)) {
    const stored = deflate ? zlib.deflateRawSync(data) : data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), stored);
    centrals.push(central, Buffer.from(name));
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const goodChangelog = [
  '# Changelog', '', 'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).', '',
  '## [Unreleased]', '', '### Added', '', '- A thing.', '',
  '## [0.1.0] - 2026-12-01', '', '### Fixed', '', '- Another.', '',
  '[Unreleased]: https://example.com/compare/v0.1.0...HEAD', '[0.1.0]: https://example.com/releases/tag/v0.1.0', '',
].join('\n');

describe('the listing checks', () => {
  it('reads stored and deflated entries of a zip', () => {
    const text = Buffer.from('{"icon":"media/icon.png"}'.repeat(20));
    const entries = readZip(zipOf({ 'extension/package.json': { data: text, deflate: true }, 'extension/media/icon.png': { data: pngHeader(1, 2), deflate: false } }));
    assert.deepEqual([...entries.keys()], ['extension/package.json', 'extension/media/icon.png']);
    assert.deepEqual(entries.get('extension/package.json'), text);
    assert.deepEqual(entries.get('extension/media/icon.png'), pngHeader(1, 2));
    assert.throws(() => readZip(Buffer.from('not a zip')), /no end of central directory/);
  });

  it('reads a PNG size from IHDR and holds the icon to 128×128', () => {
    assert.deepEqual(pngSize(pngHeader(128, 96)), { width: 128, height: 96 });
    assert.equal(pngSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.deepEqual(iconProblems(pngHeader(128, 128), 'media/icon.png'), []);
    assert.deepEqual(iconProblems(pngHeader(128, 127), 'media/icon.png'), ['the icon media/icon.png is 128×127, not 128×128']);
    assert.deepEqual(iconProblems(pngHeader(256, 128), 'media/icon.png'), ['the icon media/icon.png is 256×128, not 128×128']);
    assert.deepEqual(iconProblems(Buffer.from('GIF89a'), 'media/icon.gif'), ['the icon media/icon.gif is not a PNG']);
    assert.deepEqual(iconProblems(undefined, 'media/icon.png'), ['the icon media/icon.png is not in the .vsix']);
  });

  it('the committed icon is a 128×128 PNG', () => {
    assert.deepEqual(pngSize(fs.readFileSync(path.join(root, 'media/icon.png'))), { width: 128, height: 128 });
  });

  it('names each missing listing field of the manifest', () => {
    const full = { icon: 'media/icon.png', repository: { type: 'git', url: 'https://x' }, bugs: { url: 'https://x/issues' }, homepage: 'https://x', galleryBanner: { color: '#0b2a4a', theme: 'dark' } };
    assert.deepEqual(manifestProblems(full), []);
    assert.deepEqual(manifestProblems({ ...full, bugs: undefined, homepage: undefined }), ['package.json has no "bugs"', 'package.json has no "homepage"']);
    assert.equal(manifestProblems({ ...full, galleryBanner: { color: '#000', theme: 'grey' } }).length, 1);
  });

  it('finds Markdown and HTML images and wants them absolute https', () => {
    const readme = '![a](docs/images/a.png) text [link](docs/x.md) ![b](https://raw.githubusercontent.com/o/r/main/b.png)\n<img alt="c" src="http://x/c.png">';
    assert.deepEqual(markdownImages(readme), ['docs/images/a.png', 'https://raw.githubusercontent.com/o/r/main/b.png', 'http://x/c.png']);
    assert.deepEqual(relativeImageProblems(readme), [
      'the packaged README\'s image docs/images/a.png is not an absolute https URL',
      'the packaged README\'s image http://x/c.png is not an absolute https URL',
    ]);
  });

  it('counts the visible tags vsce wrote, up to 10', () => {
    const manifest = (tags: string[]) => `<Metadata><Tags>${tags.join(',')}</Tags></Metadata>`;
    const ten = Array.from({ length: 10 }, (_, i) => `tag${i}`);
    assert.deepEqual(tagProblems(manifest([...ten, '__web_extension'])), []);
    assert.equal(tagProblems(manifest([...ten, 'xml'])).length, 1);
    assert.match(tagProblems(manifest([...ten, 'xml']))[0], /has 11 tags/);
  });

  it('holds the CHANGELOG to Keep a Changelog\'s structure', () => {
    assert.deepEqual(changelogProblems(goodChangelog), []);
    assert.deepEqual(changelogProblems(goodChangelog.replace('# Changelog', '# Changes')), ['CHANGELOG.md must start with "# Changelog"']);
    assert.deepEqual(changelogProblems(goodChangelog.replace('## [Unreleased]', '## 0.2.0 (unreleased)')), [
      'CHANGELOG.md\'s first version heading must be "## [Unreleased]"', 'CHANGELOG.md: "## 0.2.0 (unreleased)" is not "## [x.y.z] - YYYY-MM-DD"',
    ]);
    assert.deepEqual(changelogProblems(goodChangelog.replace('### Fixed', '### Improvements')), [
      'CHANGELOG.md: "### Improvements" is not one of Added, Changed, Deprecated, Removed, Fixed, Security',
    ]);
    assert.deepEqual(changelogProblems(goodChangelog.replace('[0.1.0]: https://', '[0.1.0]: ')), ['CHANGELOG.md has no link reference "[0.1.0]: https://…"']);
    assert.deepEqual(changelogProblems(goodChangelog.replace('- 2026-12-01', '(2026-12-01)')), ['CHANGELOG.md: "## [0.1.0] (2026-12-01)" is not "## [x.y.z] - YYYY-MM-DD"']);
  });

  it('the repository\'s CHANGELOG keeps that structure', () => {
    assert.deepEqual(changelogProblems(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')), []);
  });
});
