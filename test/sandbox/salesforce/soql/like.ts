// SOQL's LIKE without regular expressions: % is any run of characters, _ any one character, the
// comparison case-insensitive. The pattern is cut at its %s into segments of fixed length; the
// first must sit at the start of the value, the last at its end, and each one between at the
// first place it fits after the one before. Taking the first place never loses a match (it leaves
// the most room for the rest), so no placement is ever revisited: at most value length × pattern
// length steps, where a backtracking regex took minutes on patterns such as '%%%%%%%%%%zzz'.

/** A segment's characters, upper-cased; null for _ (any one character). */
type Segment = ReadonlyArray<string | null>;

/** Upper case, one UTF-16 unit for one: a character whose upper case is longer (ß) stays itself. */
function fold(char: string): string {
  const upper = char.toUpperCase();
  return upper.length === 1 ? upper : char;
}

function foldAll(value: string): string[] {
  const upper = value.toUpperCase();
  return upper.length === value.length ? upper.split('') : value.split('').map(fold);
}

/** `wildcards`: the indexes in `pattern` of unescaped % and _ (the lexer's StringToken). */
export function likeMatcher(pattern: string, wildcards: ReadonlySet<number>): (value: string) => boolean {
  const segments: Array<Array<string | null>> = [[]];
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (!wildcards.has(index)) segments[segments.length - 1].push(fold(char));
    else if (char === '_') segments[segments.length - 1].push(null);
    else segments.push([]);
  }
  const first = segments[0];
  if (segments.length === 1) return (value) => value.length === first.length && fitsAt(first, foldAll(value), 0);
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((segment) => segment.length > 0);
  return (value) => {
    const text = foldAll(value);
    const lastStart = text.length - last.length;
    if (lastStart < first.length || !fitsAt(first, text, 0) || !fitsAt(last, text, lastStart)) return false;
    let from = first.length;
    for (const segment of middle) {
      const at = firstFit(segment, text, from, lastStart - segment.length);
      if (at < 0) return false;
      from = at + segment.length;
    }
    return true;
  };
}

function fitsAt(segment: Segment, text: readonly string[], at: number): boolean {
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index];
    if (char !== null && char !== text[at + index]) return false;
  }
  return true;
}

/** The first index from `from` to `latest` where the segment fits, or -1. */
function firstFit(segment: Segment, text: readonly string[], from: number, latest: number): number {
  for (let at = from; at <= latest; at += 1) if (fitsAt(segment, text, at)) return at;
  return -1;
}
