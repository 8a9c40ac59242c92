/**
 * Text from an org (app labels, names, URLs) made safe to show on one line, in the tree and in a
 * terminal alike: control characters, line breaks and bidirectional overrides (which could reorder
 * what is shown) become spaces, runs of spaces one. Markup stays as typed: it is text, never rendered.
 */
export function oneLineText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/\s+/g, ' ').trim();
}
