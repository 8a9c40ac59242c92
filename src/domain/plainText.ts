import * as l10n from '@vscode/l10n';

/**
 * Text from an org (app labels, names, URLs) made safe to show on one line, in the tree and in a
 * terminal alike: control characters, line breaks and bidirectional overrides (which could reorder
 * what is shown) become spaces, runs of spaces one. Markup stays as typed: it is text, never rendered.
 */
export function oneLineText(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * JSON inside an HTML <script> data block: `<`, `>`, `&` and the two line separators escaped, so that
 * text from an API (an app label holding "</script>") cannot end the block or open another. A data block
 * is not run (a CSP's script-src does not apply to it); its reader parses it and checks it as any message.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "A", "A and B", "A, B and C" in the display language; a list longer than `limit` ends in "and N more". */
export function joinList(items: readonly string[], limit = Infinity): string {
  const shown = items.length > limit ? [...items.slice(0, limit), l10n.t('{0} more', items.length - limit)] : items;
  return shown.length <= 1 ? shown.join('') : l10n.t('{0} and {1}', shown.slice(0, -1).join(l10n.t(', ')), shown[shown.length - 1]);
}
