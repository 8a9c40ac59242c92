import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readMetadataFile } from '../../src/cli/readMetadataFile';

describe('readMetadataFile', () => {
  let dir: string;
  const write = (name: string, bytes: Buffer | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-read-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads UTF-8 as it is: a byte order mark and a genuine U+FFFD are not encoding problems', async () => {
    const text = '\uFEFF<Profile>\uFFFD é 😀</Profile>';
    assert.deepEqual(await readMetadataFile(write('fine.xml', text)), { ok: true, text });
  });

  it('finds the first byte that is not UTF-8 after genuine U+FFFDs and multi-byte characters', async () => {
    const before = '<a>\uFFFD😀é\uFFFD';
    const result = await readMetadataFile(write('latin1.xml', Buffer.concat([Buffer.from(before), Buffer.from([0xe9, 0x3c, 0xff])])));
    assert.ok(result.ok);
    assert.deepEqual(result.notUtf8, { offset: before.length, badByte: 0xe9, utf16: false });
    assert.equal(result.text, `${before}\uFFFD<\uFFFD`);
  });

  it('finds a sequence cut off at the end of the file, and a UTF-16 file by its byte order mark', async () => {
    const cut = await readMetadataFile(write('cut.xml', Buffer.from([0x3c, 0x61, 0x3e, 0xe2, 0x82])));
    assert.deepEqual(cut.ok && cut.notUtf8, { offset: 3, badByte: 0xe2, utf16: false });
    const utf16 = await readMetadataFile(write('utf16.xml', Buffer.from('\uFEFF<Profile/>', 'utf16le')));
    assert.deepEqual(utf16.ok && utf16.notUtf8, { offset: 0, badByte: 0xff, utf16: true });
  });

  it('says why a path cannot be read: missing, a folder, a pipe, too large', async () => {
    const message = async (file: string) => {
      const result = await readMetadataFile(file);
      return result.ok ? assert.fail(`${file} was read`) : result.message;
    };
    assert.match(await message(path.join(dir, 'nowhere.xml')), /^This file does not exist/);
    fs.mkdirSync(path.join(dir, 'folder.xml'));
    assert.match(await message(path.join(dir, 'folder.xml')), /^This is a folder, not a file/);
    // Reading a pipe nobody writes to would wait forever.
    execFileSync('mkfifo', [path.join(dir, 'pipe.xml')]);
    assert.match(await message(path.join(dir, 'pipe.xml')), /^This is not a regular file/);
    const huge = path.join(dir, 'huge.xml');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 300 * 1024 * 1024); // sparse: takes no disk space
    assert.match(await message(huge), /^This file is 300 MB, too large to be a profile or permission set\./);
  });
});
