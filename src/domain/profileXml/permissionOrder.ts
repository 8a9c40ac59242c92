/**
 * Where a `<userPermissions>` block belongs among a file's blocks. Salesforce writes them sorted by
 * name; the findings place a missing permission there and the fixes insert it there.
 */
import type { PermissionEntry } from './scanner';

export type NameOrder = (a: string, b: string) => number;

const byCodeUnit: NameOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const ignoringCase: NameOrder = (a, b) => byCodeUnit(a.toLowerCase(), b.toLowerCase()) || byCodeUnit(a, b);

/** isSorted(entries, byCodeUnit), without a call per pair: the common case, on every audit of a file missing a permission. */
function isSortedByCodeUnit(entries: readonly PermissionEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1].name > entries[i].name) return false;
  return true;
}

function isSorted(entries: readonly PermissionEntry[], order: NameOrder): boolean {
  for (let i = 1; i < entries.length; i++) if (order(entries[i - 1].name, entries[i].name) > 0) return false;
  return true;
}

/**
 * The order the file's blocks follow. Retrieved files sort by UTF-16 code unit ("AIViewInsightObjects"
 * before "AccessCMC"; a guess from retrieved profiles, matching Java's String order); some tools sort
 * ignoring case, and a file sorted that way gets its new blocks placed that way. Unsorted files: code units.
 */
export function blockOrder(entries: readonly PermissionEntry[]): NameOrder {
  if (isSortedByCodeUnit(entries)) return byCodeUnit;
  return isSorted(entries, ignoringCase) ? ignoringCase : byCodeUnit;
}

/** The index of the first block that sorts after `name` (the number of blocks when none does). */
export function insertionIndex(entries: readonly PermissionEntry[], name: string, order: NameOrder): number {
  const index = entries.findIndex((entry) => order(entry.name, name) > 0);
  return index === -1 ? entries.length : index;
}
