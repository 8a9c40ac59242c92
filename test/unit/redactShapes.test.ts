import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../src/domain/redact';
import { harmlessTexts, type SecretShape, secretShapes } from './secretShapes';

/** Whether any 8 characters in a row of the secret are still in the text. */
function leaks(secret: string, text: string): boolean {
  for (let i = 0; i + 8 <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + 8))) return true;
  }
  return false;
}

/** The names of the shapes whose secret survives, or whose surroundings do not. */
function misses(shapes: readonly SecretShape[], check: (shape: SecretShape, redacted: string) => boolean): string[] {
  return shapes.filter((shape) => !check(shape, redact(shape.text))).map((shape) => shape.name);
}

describe('redact over generated shapes', () => {
  const shapes = secretShapes();

  it('tries many shapes, each holding its secret', () => {
    assert.ok(shapes.length > 500, `${shapes.length} shapes`);
    for (const shape of shapes) assert.ok(shape.text.includes(shape.secret), shape.name);
  });

  it('leaves no 8 characters of any secret', () => {
    const missed = misses(shapes, (shape, redacted) => !leaks(shape.secret, redacted));
    // Names only: the message must not print a secret, even a generated one.
    assert.deepEqual(missed, [], `caught ${shapes.length - missed.length} of ${shapes.length} shapes`);
  });

  it('keeps the text around each secret: keys, quotes, neighbouring fields and lines', () => {
    const missed = misses(shapes, (shape, redacted) => shape.kept.every((part) => redacted.includes(part)));
    assert.deepEqual(missed, []);
  });

  it('keeps harmless text unchanged: ids, URLs, permission names, people, the word "token"', () => {
    for (const text of harmlessTexts) assert.equal(redact(text), text);
  });

  it('redacts a log of all of them as it redacts each entry alone: no rule runs on into the next entry', () => {
    const entries = shapes.flatMap((shape, i) => [shape.text, harmlessTexts[i % harmlessTexts.length]]);
    const redacted = redact(entries.join('\n')).split('\n');
    const expected = entries.map(redact).join('\n').split('\n');
    assert.equal(redacted.length, expected.length);
    const differing = redacted.flatMap((line, i) => (line === expected[i] ? [] : [i]));
    assert.deepEqual(differing, [], 'lines that differ');
  });
});
