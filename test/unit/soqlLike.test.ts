// The sandbox's SOQL LIKE matcher: Salesforce's wildcards and case rules, the same answers as a
// regular expression on thousands of random patterns, and patterns that made the regex backtrack
// for minutes answered at once.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { likeMatcher } from '../sandbox/salesforce/soql/like';
import { seededRandom } from './profileXmlCorpus';

/** A pattern as the lexer hands it over: "\\%" and "\\_" are the characters, other % and _ wildcards. */
function like(pattern: string): (value: string) => boolean {
  let value = '';
  const wildcards = new Set<number>();
  for (let index = 0; index < pattern.length; index += 1) {
    if (pattern[index] === '\\') {
      index += 1;
    } else if (pattern[index] === '%' || pattern[index] === '_') {
      wildcards.add(value.length);
    }
    value += pattern[index];
  }
  return likeMatcher(value, wildcards);
}

/** What the sandbox did before: a regex, fine on small inputs. */
function likeRegex(pattern: string, wildcards: ReadonlySet<number>): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (!wildcards.has(index)) source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else source += char === '%' ? '.*' : '.';
  }
  return new RegExp(`^${source}$`, 'is');
}

describe('SOQL LIKE', () => {
  it('matches whole values, % as any run and _ as any one character, case-insensitively', () => {
    const cases: Array<[string, string, boolean]> = [
      ['abc', 'abc', true], ['abc', 'ABC', true], ['abc', 'abcd', false], ['abc', 'ab', false],
      ['', '', true], ['', 'a', false], ['%', '', true], ['%', 'anything', true], ['%%%', '', true],
      ['a%', 'a', true], ['a%', 'ba', false], ['%a', 'ba', true], ['%a', 'ab', false],
      ['a%c', 'abbbc', true], ['a%c', 'ac', true], ['a%c', 'acb', false],
      ['_', 'x', true], ['_', '', false], ['_', 'xy', false], ['a_c', 'abc', true], ['a_c', 'ac', false],
      ['%b%', 'abc', true], ['%b%', 'ac', false], ['a%b%c', 'aXbYc', true], ['a%b%c', 'acb', false],
      // The last segment may not reuse what an earlier one matched.
      ['a%a', 'a', false], ['ab%ab', 'ab', false], ['ab%ab', 'abab', true], ['%ab%ab', 'xabx', false],
      ['%aa%a', 'aaa', true], ['%aa%aa', 'aaa', false], ['_%_', 'a', false], ['_%_', 'ab', true],
      [String.raw`100\%`, '100%', true], [String.raw`100\%`, '1000', false], [String.raw`a\_b`, 'a_b', true], [String.raw`a\_b`, 'axb', false],
      ['sales_op_', 'Sales_Ops', true], ['%ACME.example', 'okta.integration@acme.example', true],
      ['stra%e', 'STRASSE', true], ['ß%', 'ß', true], ['é', 'É', true], ['line%', 'line one\nline two', true],
    ];
    for (const [pattern, value, expected] of cases) assert.equal(like(pattern)(value), expected, `'${value}' LIKE '${pattern}'`);
  });

  it('answers as the regular expression did on 5,000 random patterns and values', () => {
    const seed = Number(process.env.SOQL_LIKE_SEED ?? 20261202);
    const next = seededRandom(seed);
    const pick = (chars: string) => chars[Math.floor(next() * chars.length)];
    for (let round = 0; round < 5000; round += 1) {
      let pattern = '';
      const wildcards = new Set<number>();
      for (let length = Math.floor(next() * 7); length > 0; length -= 1) {
        const char = pick('aAb%%__');
        if ((char === '%' || char === '_') && next() < 0.8) wildcards.add(pattern.length);
        pattern += char;
      }
      let value = '';
      for (let length = Math.floor(next() * 8); length > 0; length -= 1) value += pick('aAbB%_');
      const expected = likeRegex(pattern, wildcards).test(value);
      assert.equal(likeMatcher(pattern, wildcards)(value), expected, `seed ${seed}, round ${round}: '${value}' LIKE '${pattern}' (wildcards at ${[...wildcards].join(',')})`);
    }
  });

  // The timeouts are a safety net only: each case takes well under a millisecond.
  it('answers patterns that make a backtracking regex take minutes at once', { timeout: 10_000 }, () => {
    const long = 'a'.repeat(10_000);
    assert.equal(like(`${'%'.repeat(40)}zzz`)(long), false);
    assert.equal(like(`${'%a'.repeat(40)}zzz`)(long), false);
    assert.equal(like(`${'%a'.repeat(40)}%`)(long), true);
    assert.equal(like(`${'%_'.repeat(40)}b`)(`${long}b`), true);
    assert.equal(like('%%%%%%%%%%zzz')('okta.integration@acme-sandbox.example'), false);
  });
});
