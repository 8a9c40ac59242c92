// Splits a SOQL statement into tokens, each with its offset for error positions. Keywords are not
// told apart from names here: the parser matches identifiers against keywords case-insensitively.
import { errorAt, unexpectedToken } from './errors';

interface Located {
  /** Where the token starts in the statement. */
  offset: number;
  /** The token as written (for strings, with the quotes). */
  text: string;
}

export type Token =
  | Located & { kind: 'identifier' | 'symbol' | 'eof' }
  | StringToken
  | Located & { kind: 'number'; value: number }
  /** Milliseconds since the epoch (UTC; date literals are midnight UTC). */
  | Located & { kind: 'date' | 'datetime'; value: number };

export type StringToken = Located & {
  kind: 'string';
  /** The unescaped value. */
  value: string;
  /** Indexes in `value` of unescaped % and _, which are wildcards if the string is a LIKE pattern. */
  wildcards: ReadonlySet<number>;
};

/** A field path such as Profile.UserLicense.Name is one token, so errors point at its start. */
const identifier = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/y;
/** 2026-01-31, or a datetime 2026-01-31T23:59:59[.999](Z|+hh:mm|-hh:mm), T and Z in either case. */
const dateLiteral = new RegExp(String.raw`(?<date>\d{4}-\d{2}-\d{2})`
  + String.raw`(?:T(?<time>\d{2}:\d{2}:\d{2})(?:\.(?<millis>\d{1,3}))?(?:Z|(?<sign>[+-])(?<zoneHour>\d{2}):(?<zoneMinute>\d{2})))?`, 'iy');
const numberLiteral = /-?\d+(?:\.\d+)?/y;
const whitespace = /\s+/y;
// Longest first, so <= is not read as < then =.
const symbols = ['!=', '<>', '<=', '>=', '=', '<', '>', '(', ')', ','];

/** What follows a backslash in a string (besides uXXXX); \% and \_ are literal, not wildcards. */
const escapes = new Map(Object.entries({
  n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f',
  '"': '"', "'": "'", '\\': '\\', '%': '%', _: '_',
}));

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < soql.length) {
    const space = matchAt(whitespace, soql, offset);
    if (space) {
      offset += space[0].length;
      continue;
    }
    const token = soql[offset] === "'" ? stringToken(soql, offset) : otherToken(soql, offset);
    tokens.push(token);
    offset += token.text.length;
  }
  tokens.push({ kind: 'eof', offset: soql.trimEnd().length, text: '<EOF>' });
  return tokens;
}

function matchAt(pattern: RegExp, soql: string, offset: number): RegExpExecArray | null {
  pattern.lastIndex = offset;
  return pattern.exec(soql);
}

function otherToken(soql: string, offset: number): Token {
  const date = matchAt(dateLiteral, soql, offset);
  if (date) return { kind: date.groups?.time ? 'datetime' : 'date', offset, text: date[0], value: dateValue(soql, offset, date) };
  const number = matchAt(numberLiteral, soql, offset);
  if (number) return { kind: 'number', offset, text: number[0], value: Number(number[0]) };
  const name = matchAt(identifier, soql, offset);
  if (name) return { kind: 'identifier', offset, text: name[0] };
  const symbol = symbols.find((candidate) => soql.startsWith(candidate, offset));
  if (symbol) return { kind: 'symbol', offset, text: symbol };
  throw unexpectedToken(soql, offset, soql[offset]);
}

function stringToken(soql: string, start: number): StringToken {
  let value = '';
  const wildcards = new Set<number>();
  let offset = start + 1;
  while (offset < soql.length && soql[offset] !== "'") {
    const char = soql[offset];
    if (char !== '\\') {
      if (char === '%' || char === '_') wildcards.add(value.length);
      value += char;
      offset += 1;
      continue;
    }
    const escaped = soql[offset + 1] ?? '';
    const unicode = escaped === 'u' ? /^[0-9a-fA-F]{4}$/.exec(soql.slice(offset + 2, offset + 6)) : null;
    const decoded = escapes.get(escaped);
    if (unicode) {
      value += String.fromCharCode(parseInt(unicode[0], 16));
      offset += 6;
    } else if (decoded !== undefined) {
      value += decoded;
      offset += 2;
    } else {
      // The wording is a guess; Salesforce documents only that other backslashes are errors.
      throw errorAt(soql, start, 'MALFORMED_QUERY', `Invalid string literal: illegal character sequence '\\${escaped}' in string literal`);
    }
  }
  // An unclosed quote runs to the end of the statement, where the parser then finds nothing.
  if (offset >= soql.length) throw unexpectedToken(soql, soql.trimEnd().length, '<EOF>');
  return { kind: 'string', offset: start, text: soql.slice(start, offset + 1), value, wildcards };
}

/** Checks the calendar (2026-02-30 is refused, as in Salesforce) and applies the zone offset. */
function dateValue(soql: string, offset: number, literal: RegExpExecArray): number {
  const { date, time, millis = '0', sign, zoneHour = '0', zoneMinute = '0' } = literal.groups ?? {};
  const wallClock = `${date}T${time ?? '00:00:00'}`;
  const utc = Date.parse(`${wallClock}Z`);
  // Date.parse rolls 02-30 over to 03-02; the round trip catches that.
  const valid = !Number.isNaN(utc) && new Date(utc).toISOString().startsWith(wallClock) && Number(zoneHour) < 24 && Number(zoneMinute) < 60;
  if (!valid) throw errorAt(soql, offset, 'MALFORMED_QUERY', `Invalid ${time ? 'datetime' : 'date'}: ${literal[0]}`);
  const zoneMinutes = (Number(zoneHour) * 60 + Number(zoneMinute)) * (sign === '-' ? -1 : 1);
  return utc + Number(millis.padEnd(3, '0')) - zoneMinutes * 60_000;
}
