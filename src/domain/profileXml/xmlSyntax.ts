/**
 * The characters XML's syntax is made of, and its references: what the scanner tests text against.
 * Names are checked for ASCII characters only; any non-ASCII character is accepted in a name.
 */

/** The UTF-16 code units the scanner looks for (a const enum: esbuild writes the numbers in place). */
export const enum Char {
  tab = 9,
  lineFeed = 10,
  carriageReturn = 13,
  space = 32,
  exclamation = 33,
  doubleQuote = 34,
  hash = 35,
  ampersand = 38,
  singleQuote = 39,
  slash = 47,
  semicolon = 59,
  lessThan = 60,
  equals = 61,
  greaterThan = 62,
  question = 63,
  leftBracket = 91,
  rightBracket = 93,
  lowercaseX = 120,
  /** The first code unit past printable ASCII. */
  delete = 127,
  byteOrderMark = 0xfeff,
}

/** ASCII name characters: 1 may continue a name, 2 may start one. Non-ASCII characters are accepted as both. */
const nameTable = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) nameTable[c] = 3;
  else if (/[0-9.-]/.test(ch)) nameTable[c] = 1;
}
/** NaN (past the end of the text) is neither. */
const nameBits = (c: number) => (c < 128 ? nameTable[c] : c > 0 ? 3 : 0);
export const isNameChar = (c: number) => (nameBits(c) & 1) !== 0;
export const isNameStart = (c: number) => (nameBits(c) & 2) !== 0;
export const isSpace = (c: number) => c === Char.space || c === Char.lineFeed || c === Char.carriageReturn || c === Char.tab;

export const predefinedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Characters XML 1.0 allows (a character reference to anything else is not well-formed). */
export function isXmlChar(code: number): boolean {
  return code === Char.tab || code === Char.lineFeed || code === Char.carriageReturn || (code >= 0x20 && code <= 0xd7ff)
    || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Decodes the predefined entities and character references; anything else (after a DOCTYPE) stays as written. */
export function decodeReferences(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, body: string) => {
    if (body.charCodeAt(0) !== Char.hash) return predefinedEntities[body];
    const code = body.charCodeAt(1) === Char.lowercaseX ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The '&'s of one text, for a reader going forward through it: one search serves every text run and
 * leaf up to the '&' it found, instead of one search per value.
 */
export class Ampersands {
  /** The first '&' at or after some offset already asked about; 2^32 - 1 when there is none. */
  private next = -1;

  constructor(private readonly text: string) {}

  /** The first '&' at or after `offset`, which is not before any offset asked about earlier; 2^32 - 1 when there is none. */
  from(offset: number): number {
    if (this.next < offset) this.next = this.text.indexOf('&', offset) >>> 0;
    return this.next;
  }

  /**
   * The text from `start` to `end` as a value: references decoded, then trimmed. Without calling trim
   * when its ends are visible ASCII, and without looking for '&' in it: each of those calls took a tenth
   * of replaying a block.
   */
  value(start: number, end: number): string {
    const { text } = this;
    const raw = text.slice(start, end);
    if (this.from(start) < end) return decodeReferences(raw).trim();
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    return first > Char.space && first < Char.delete && last > Char.space && last < Char.delete ? raw : raw.trim();
  }
}
