// okta-sf audit's reading of one metadata file: its text, where its bytes stop being UTF-8, or why it
// cannot be read, said so that the user knows what to do.
import { promises as fs } from 'node:fs';

export type MetadataFileRead =
  | {
    ok: true;
    /** Bytes that are not UTF-8 read as U+FFFD, as an editor shows them; a byte order mark is kept (as U+FEFF). */
    text: string;
    /** The first bytes that are not UTF-8: where they are in `text`, the first of them, and whether the file is UTF-16. */
    notUtf8?: { offset: number; badByte: number; utf16: boolean };
  }
  | { ok: false; message: string };

/** A profile is a few MB at most; a file of hundreds of MB is something else, and would not fit in one string. */
const largestFile = 256 * 1024 * 1024;

export async function readMetadataFile(file: string): Promise<MetadataFileRead> {
  let bytes: Buffer;
  try {
    // stat first: reading a folder fails, and reading a pipe could wait forever.
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { ok: false, message: 'This is a folder, not a file, though it is named like one. Fix: rename the folder.' };
    if (!stat.isFile()) return { ok: false, message: 'This is not a regular file (a pipe, socket or device). Fix: give the file itself.' };
    if (stat.size > largestFile) {
      return { ok: false, message: `This file is ${Math.round(stat.size / 1024 / 1024)} MB, too large to be a profile or permission set. Fix: leave it out.` };
    }
    bytes = await fs.readFile(file);
  } catch (error) {
    return { ok: false, message: unreadableMessage(error) };
  }
  const text = bytes.toString('utf8');
  const bad = firstBadBytes(bytes, text);
  if (!bad) return { ok: true, text };
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return { ok: true, text, notUtf8: { ...bad, utf16 } };
}

/**
 * The first U+FFFD in `text` that the bytes do not spell (EF BF BD): the decoder's stand-in for bytes that
 * are not UTF-8. Every character before it was decoded from valid UTF-8, so re-encoding them counts exactly
 * the bytes before it.
 */
function firstBadBytes(bytes: Buffer, text: string): { offset: number; badByte: number } | undefined {
  let byteOffset = 0;
  let counted = 0;
  for (let offset = text.indexOf('\uFFFD'); offset !== -1; offset = text.indexOf('\uFFFD', offset + 1)) {
    byteOffset += Buffer.byteLength(text.slice(counted, offset));
    if (bytes[byteOffset] !== 0xef || bytes[byteOffset + 1] !== 0xbf || bytes[byteOffset + 2] !== 0xbd) return { offset, badByte: bytes[byteOffset] };
    byteOffset += 3;
    counted = offset + 1;
  }
  return undefined;
}

function unreadableMessage(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
      return 'This file does not exist (or is a link to nothing). Fix: check the path.';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: the user running okta-sf cannot read this file. Fix: give that user read access, or leave the file out.';
    case 'ELOOP':
      return 'This is a symbolic link that leads back to itself. Fix: point the link at the file, or delete it.';
    default:
      return `This file cannot be read (${code ?? message}). Fix: check that it is a readable file.`;
  }
}
