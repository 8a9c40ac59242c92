// What VS Code does with a WorkspaceEdit, for the fix tests: the edits applied to the text at once.
import type { TextEdit } from '../../src/domain/profileXml/profileFixes';

/** Applies non-overlapping edits (insertions at one offset in the order given); throws on overlapping ones. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.span.start - b.edit.span.start || a.i - b.i).map(({ edit }) => edit);
  const parts: string[] = [];
  let at = 0;
  for (const { span, newText } of sorted) {
    if (span.start < at || span.end < span.start || span.end > text.length) {
      throw new Error(`Overlapping or invalid edit at ${span.start}–${span.end}`);
    }
    parts.push(text.slice(at, span.start), newText);
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
