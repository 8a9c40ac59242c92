/**
 * The scan again after an edit, reading only the root's children the edit touches: from the start of
 * the child before the edit to the start of the child (or the root's end tag) after it, where the
 * reader's state is known to be just "inside the root". What lies before that region is kept from the
 * previous scan, and what lies after it is kept, shifted by the edit's change in length.
 */
import { type MetadataScan, type PermissionEntry, Scanner, scanMetadataXml, type Span } from './scanner';
import { Char } from './xmlSyntax';

/** An edit as VS Code reports a content change: at `offset`, `removedLength` characters replaced by `insertedText`. */
export interface TextChange {
  offset: number;
  removedLength: number;
  insertedText: string;
}

/** The index of the first element of a sorted array that is ≥ value (the array's length if none is). */
function lowerBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the first block that starts at or after `offset`. */
function lowerBoundBy(permissions: readonly PermissionEntry[], offset: number): number {
  let low = 0;
  let high = permissions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (permissions[middle].block.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

const shiftSpan = (span: Span, delta: number): Span => ({ start: span.start + delta, end: span.end + delta });

/** The child starts before the region, those read in it, then those after it, shifted by `delta`. */
function joinedStarts(before: Int32Array, region: Int32Array, after: Int32Array, delta: number): Int32Array {
  const starts = new Int32Array(before.length + region.length + after.length);
  starts.set(before);
  starts.set(region, before.length);
  const shifted = before.length + region.length;
  for (let i = 0; i < after.length; i++) starts[shifted + i] = after[i] + delta;
  return starts;
}

function shiftEntry(entry: PermissionEntry, delta: number): PermissionEntry {
  const shifted: PermissionEntry = {
    name: entry.name, nameSpan: shiftSpan(entry.nameSpan, delta), nameElement: shiftSpan(entry.nameElement, delta),
    enabled: entry.enabled, block: shiftSpan(entry.block, delta),
  };
  if (entry.enabledSpan) shifted.enabledSpan = shiftSpan(entry.enabledSpan, delta);
  if (entry.enabledElement) shifted.enabledElement = shiftSpan(entry.enabledElement, delta);
  return shifted;
}

/**
 * The incremental part of rescanMetadataXml. Undefined when it cannot decide that way (the edit touches
 * the prolog or the root's tags, the first license element went missing, or the re-read region does not
 * end where it should): then a full scan is needed.
 */
export function rescanRegion(previous: MetadataScan, newText: string, change: TextChange): MetadataScan | undefined {
  const { offset, removedLength, insertedText } = change;
  const delta = insertedText.length - removedLength;
  const removedEnd = offset + removedLength;
  const { childStarts, rootSpan, rootClose } = previous;
  if (previous.error || !rootSpan || !rootClose) return undefined;
  const first = lowerBound(childStarts, offset) - 1;
  if (first < 0) return undefined;
  const regionStart = childStarts[first];
  const after = lowerBound(childStarts, removedEnd);
  const regionEnd = after < childStarts.length ? childStarts[after] : rootClose.start;
  if (regionEnd < removedEnd) return undefined; // the edit reaches into the root's end tag or past it
  // A previous scan of some other text would show here; the line ends and indentation come from before the region.
  if (newText.charCodeAt(regionEnd + delta) !== Char.lessThan || offset + insertedText.length > newText.length) return undefined;

  // The text up to the region is unchanged: its root start tag is read again, then the region.
  const scanner = new Scanner(newText);
  if (!scanner.openRootAt(rootSpan.start - 1)) return undefined;
  const outcome = scanner.run(regionStart, regionEnd + delta);
  if (outcome === 'overrun' || outcome === 'done') return undefined;
  const region = scanner.result();
  const { permissions } = previous;
  // A scan that stops at an error has no children after it.
  const startsAfter = outcome === 'error' ? childStarts.subarray(0, 0) : childStarts.subarray(after);
  const scan: MetadataScan = {
    ...region,
    // Learned from the first child, which is before the region.
    indent: previous.indent,
    childStarts: joinedStarts(childStarts.subarray(0, first), region.childStarts, startsAfter, delta),
    permissions: permissions.slice(0, lowerBoundBy(permissions, regionStart)).concat(region.permissions),
  };
  // The first license element counts: one before the region, else one in it.
  const licenseBefore = previous.license && previous.license.span.start < regionStart ? previous.license : undefined;
  const license = licenseBefore ?? region.license;
  if (license) scan.license = license;
  if (outcome === 'error') return scan;

  for (let i = lowerBoundBy(permissions, regionEnd); i < permissions.length; i++) {
    scan.permissions.push(delta === 0 ? permissions[i] : shiftEntry(permissions[i], delta));
  }
  scan.rootClose = shiftSpan(rootClose, delta);
  if (!license && previous.license) {
    // The first license element was inside the re-read region and is gone: a later one may now be first.
    if (previous.license.span.start < regionEnd) return undefined;
    scan.license = { value: previous.license.value, span: shiftSpan(previous.license.span, delta) };
  }
  return scan;
}

/**
 * Re-scans after one edit, re-reading only the part the edit can affect when that can be decided, else
 * the whole text. Gives what scanMetadataXml(newText) gives.
 */
export function rescanMetadataXml(previous: MetadataScan, newText: string, change: TextChange): MetadataScan {
  return rescanRegion(previous, newText, change) ?? scanMetadataXml(newText);
}
