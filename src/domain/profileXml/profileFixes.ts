/**
 * Text edits that fix the profile findings: turn a permission on, or add the missing ones' blocks where
 * Salesforce would have written them, in the file's own indentation and line endings. Edits never
 * overlap, so they can go into one WorkspaceEdit.
 */
import { blockOrder, insertionIndex } from './permissionOrder';
import type { MetadataFinding } from './profileFindings';
import type { MetadataScan, PermissionEntry, Span } from './scanner';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** The whitespace from the start of the line to `offset`, when only whitespace is there. */
function indentationBefore(text: string, offset: number): string | undefined {
  let k = offset;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  return k === 0 || text.charCodeAt(k - 1) === 10 || text.charCodeAt(k - 1) === 13 ? text.slice(k, offset) : undefined;
}

/** Whether only whitespace follows `offset` on its line. */
function restOfLineIsBlank(text: string, offset: number): boolean {
  for (let k = offset; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The namespace prefix (with its colon, or '') of the element whose start tag begins at `tagStart`:
 * what new elements beside it are written with, so that a prefixed file (`<sf:userPermissions>`)
 * gets elements in the same namespace.
 */
function prefixAt(text: string, tagStart: number): string {
  const name = /^<([^\s/>]+)/.exec(text.slice(tagStart, tagStart + 200))?.[1] ?? '';
  return name.slice(0, name.indexOf(':') + 1);
}

/** A block as Salesforce writes it, one element a line, starting with `lineIndent` (no line break at either end). */
function blockLines(name: string, lineIndent: string, scan: MetadataScan, p: string): string {
  const inner = lineIndent + scan.indent;
  return [
    `${lineIndent}<${p}userPermissions>`, `${inner}<${p}enabled>true</${p}enabled>`, `${inner}<${p}name>${escapeText(name)}</${p}name>`, `${lineIndent}</${p}userPermissions>`,
  ].join(scan.eol);
}

/** For files not written one element a line. */
const compactBlock = (name: string, p: string) => `<${p}userPermissions><${p}enabled>true</${p}enabled><${p}name>${escapeText(name)}</${p}name></${p}userPermissions>`;

/**
 * Turns a permission on: its first block's `<enabled>` becomes true (or gets one). Undefined when the
 * file has no block for it or already grants it. With the text, an added `<enabled>` gets its own line.
 */
export function enablePermissionEdit(text: string, scan: MetadataScan, permission: string): TextEdit | undefined {
  const entries = scan.permissions.filter((entry) => entry.name === permission);
  if (entries.length === 0 || entries.some((entry) => entry.enabled === true)) return undefined;
  const [entry] = entries;
  if (entry.enabledSpan) return { span: entry.enabledSpan, newText: 'true' };
  const p = prefixAt(text, entry.enabledElement?.start ?? entry.nameElement.start);
  const enabled = `<${p}enabled>true</${p}enabled>`;
  if (entry.enabledElement) return { span: entry.enabledElement, newText: enabled }; // <enabled/>
  const at = entry.nameElement.start;
  const lineIndent = indentationBefore(text, at);
  return { span: { start: at, end: at }, newText: lineIndent === undefined ? enabled : `${enabled}${scan.eol}${lineIndent}` };
}

/** Inserts blocks before `offset`, on lines of their own (indented by `lineIndent`) when it starts its line; `p` is their prefix. */
function insertBefore(text: string, scan: MetadataScan, offset: number, names: readonly string[], p: string, lineIndent = indentationBefore(text, offset)): TextEdit {
  if (lineIndent === undefined) return { span: { start: offset, end: offset }, newText: names.map((name) => compactBlock(name, p)).join('') };
  const lineStart = offset - (indentationBefore(text, offset) ?? '').length;
  return { span: { start: lineStart, end: lineStart }, newText: names.map((name) => blockLines(name, lineIndent, scan, p) + scan.eol).join('') };
}

function insertAfter(text: string, scan: MetadataScan, last: PermissionEntry, names: readonly string[]): TextEdit {
  const at = last.block.end;
  const p = prefixAt(text, last.block.start);
  const lineIndent = indentationBefore(text, last.block.start);
  if (lineIndent === undefined || !restOfLineIsBlank(text, at)) return { span: { start: at, end: at }, newText: names.map((name) => compactBlock(name, p)).join('') };
  return { span: { start: at, end: at }, newText: names.map((name) => scan.eol + blockLines(name, lineIndent, scan, p)).join('') };
}

/** The local name (no prefix) of the root's child starting at `start`. */
function childName(text: string, start: number): string {
  const name = /^<([^\s/>]+)/.exec(text.slice(start, start + 200))?.[1] ?? '';
  return name.slice(name.indexOf(':') + 1);
}

/**
 * A file without blocks: before the first child that sorts after userPermissions (the Metadata API
 * writes children in alphabetical order), else before the root's end tag, one level in.
 */
function insertIntoEmpty(text: string, scan: MetadataScan, names: readonly string[]): TextEdit | undefined {
  // The root's prefix: a file of prefixed elements gets prefixed blocks.
  const p = scan.rootSpan ? prefixAt(text, scan.rootSpan.start - 1) : '';
  const follower = scan.childStarts.find((start) => childName(text, start) > 'userPermissions');
  if (follower !== undefined) return insertBefore(text, scan, follower, names, p);
  if (!scan.rootClose) return undefined; // <Profile/> or a file cut off: nowhere safe to put them
  const closeIndent = indentationBefore(text, scan.rootClose.start);
  return insertBefore(text, scan, scan.rootClose.start, names, p, closeIndent === undefined ? undefined : closeIndent + scan.indent);
}

/**
 * Inserts a `<userPermissions>` block (enabled) for each permission the file has no block for, each
 * at its sorted place among the existing blocks (or where the element order puts them when there are
 * none), in the file's indentation and line endings. One edit per place, so none overlap. Nothing for
 * a scan that stopped early: the rest of the file may have them.
 */
export function addPermissionsEdits(text: string, scan: MetadataScan, permissions: readonly string[]): TextEdit[] {
  if (scan.stoppedAt !== undefined) return [];
  const entries = scan.permissions;
  const present = new Set(entries.map((entry) => entry.name));
  const order = blockOrder(entries);
  const byPlace = new Map<number, string[]>();
  for (const name of new Set(permissions)) {
    if (present.has(name)) continue;
    const index = insertionIndex(entries, name, order);
    byPlace.set(index, [...(byPlace.get(index) ?? []), name]);
  }
  const edits: TextEdit[] = [];
  for (const [index, unsorted] of byPlace) {
    const names = unsorted.sort(order);
    let edit: TextEdit | undefined;
    if (index < entries.length) edit = insertBefore(text, scan, entries[index].block.start, names, prefixAt(text, entries[index].block.start));
    else if (entries.length > 0) edit = insertAfter(text, scan, entries[entries.length - 1], names);
    else edit = insertIntoEmpty(text, scan, names);
    if (edit) edits.push(edit);
  }
  return edits.sort((a, b) => a.span.start - b.span.start);
}

/** Every fix for these findings (enable the disabled, add the missing, dependencies included), as non-overlapping edits. */
export function fixAllEdits(text: string, scan: MetadataScan, findings: readonly MetadataFinding[]): TextEdit[] {
  const toEnable = new Set<string>();
  const toAdd: string[] = [];
  for (const { code, permission } of findings) {
    if (permission === undefined) continue;
    if (code === 'disabled-permission') toEnable.add(permission);
    else if (code === 'missing-permission' || code === 'missing-dependency') toAdd.push(permission);
  }
  const edits = [...toEnable].flatMap((permission) => enablePermissionEdit(text, scan, permission) ?? []);
  return [...edits, ...addPermissionsEdits(text, scan, toAdd)].sort((a, b) => a.span.start - b.span.start);
}
