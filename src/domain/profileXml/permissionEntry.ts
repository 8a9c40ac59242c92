/**
 * A `<userPermissions>` block's entry in the scan, made the same way whether the block was read tag by
 * tag (scanner.ts) or recognized by its shape (rootChildShapes.ts).
 */
import type { PermissionEntry, Span } from './scanner';

/** A `<name>`, `<enabled>` or license element as read. */
export interface ValueRead {
  value: string;
  /** The text inside; absent for a self-closing element. */
  span?: Span;
  element: Span;
}

/** The `<userPermissions>` block being read tag by tag: where it starts, its first `<name>` and `<enabled>`. */
export interface OpenBlock {
  start: number;
  name: ValueRead | undefined;
  enabled: ValueRead | undefined;
}

/** xsd:boolean, which also allows 1 and 0; that Salesforce reads those the same is a guess. */
function parseEnabled(value: string): boolean | undefined {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

/**
 * A block's entry, its `<enabled>` still to be set (setEnabled); undefined for a block without a name,
 * or an empty one: it grants nothing (Salesforce would refuse it; a guess).
 */
export function permissionEntry(block: Span, name: string, nameSpan: Span | undefined, nameElement: Span): PermissionEntry | undefined {
  if (nameSpan === undefined || name === '') return undefined;
  return { name, nameSpan, nameElement, enabled: undefined, block };
}

/** What the block's `<enabled>` says: its text (trimmed), where that is (absent for `<enabled/>`), and the element. */
export function setEnabled(entry: PermissionEntry, value: string, span: Span | undefined, element: Span): void {
  entry.enabled = parseEnabled(value);
  if (span) entry.enabledSpan = span;
  entry.enabledElement = element;
}
