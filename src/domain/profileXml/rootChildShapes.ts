/**
 * Shape learning and replay for the children of a metadata file's root (what a shape is: childShape.ts).
 * While the scanner reads a child of the root tag by tag, it is recorded here: where each leaf's text
 * is. Once it is read, its shape is learned, with, for a `<userPermissions>` block, where its `<name>`
 * and `<enabled>` are. The next children of a learned shape are matched whole and replayed: the scanner
 * notes where each starts, and gets each block's entry from the offsets of its leaves.
 */
import { type ChildShape, detached, leafBounds, matchShape, maxShapeLeaves, offsetIn, ShapeBook, shapeOf, shapeOffset, type ShapeOffset } from './childShape';
import type { OffsetList } from './offsetList';
import { type OpenBlock, permissionEntry, setEnabled, type ValueRead } from './permissionEntry';
import type { PermissionEntry } from './scanner';
import { type Ampersands, Char, isNameChar } from './xmlSyntax';

/** Where a block's `<name>` or `<enabled>` is in every block of a shape. */
interface ValueLayout {
  /** The leaf holding its text; -1 for `<name/>`, which has none. */
  leaf: number;
  start: ShapeOffset;
  end: ShapeOffset;
}

/** A shape of `<userPermissions>` block: where its name and enabled are, and where it ends. */
interface BlockLayout {
  name: ValueLayout | undefined;
  enabled: ValueLayout | undefined;
  end: ShapeOffset;
  /** How many leaves it has. */
  leaves: number;
}

interface LearnedShape extends ChildShape {
  /** Set for the shape of a `<userPermissions>` block; other shapes only say where children start. */
  block: BlockLayout | undefined;
}

/** A child of the root being read tag by tag, to learn its shape. */
interface ShapeRecording {
  name: string;
  start: number;
  /** The start and end of each leaf's text, in order. */
  leaves: number[];
  /** After the last start tag, while no markup has followed it yet; -1 otherwise. */
  openEnd: number;
}

/**
 * Where a block's name or enabled, as read, is in every block of the same shape: undefined when the
 * block has none, null when its text was not exactly one leaf's (then the block has no usable shape).
 */
function valueLayout(read: ValueRead | undefined, start: number, leaves: readonly number[]): ValueLayout | undefined | null {
  if (read === undefined) return undefined;
  let leaf = -1;
  if (read.span !== undefined) {
    const { span } = read;
    leaf = leaves.findIndex((offset, i) => i % 2 === 0 && offset === span.start && leaves[i + 1] === span.end) / 2;
    if (leaf < 0) return null;
  }
  return { leaf, start: shapeOffset(read.element.start, start, leaves), end: shapeOffset(read.element.end, start, leaves) };
}

/**
 * The shapes learned under each root start tag's name and namespace declarations: which child is the
 * license depends on the root's name (`<userLicense>` in a Profile, `<license>` in a PermissionSet), and
 * which children are metadata elements on what its prefixes and default namespace name. Bounded, as
 * files could name any root.
 */
const shapeBooks = new Map<string, ShapeBook<LearnedShape>>();
const maxShapeBooks = 4;

function shapeBookFor(rootKey: string): ShapeBook<LearnedShape> {
  let book = shapeBooks.get(rootKey);
  if (book === undefined) {
    if (shapeBooks.size >= maxShapeBooks) shapeBooks.clear();
    book = new ShapeBook();
    shapeBooks.set(detached(rootKey), book);
  }
  return book;
}

/**
 * How many new shapes one scan may learn: compiling one costs more than reading a child, so a file
 * whose children are all unlike one another is read tag by tag.
 */
const maxLearnedPerScan = 64;

/** What one scan does with the shapes of its root's children: records, learns, matches and replays them. */
export class RootChildShapes {
  private readonly book: ShapeBook<LearnedShape>;
  /** The shape that matched last: children of one kind come together. */
  private last?: LearnedShape;
  private learned = 0;
  private recording?: ShapeRecording;
  /** The leaf bounds of the child being replayed (reused from child to child: a new array each time cost as much as matching the child). */
  private readonly bounds: number[] = [];

  /** With the shapes learned in earlier scans under roots of this name and declarations (ElementRecord.key). */
  constructor(rootKey: string) {
    this.book = shapeBookFor(rootKey);
  }

  /** A child of the root starts at `lt`; `learnable` is false for one whose shape would not say what to do with the next (the license). */
  childStarted(name: string, lt: number, learnable: boolean): void {
    this.recording = learnable ? { name, start: lt, leaves: [], openEnd: -1 } : undefined;
  }

  /** A start tag of the child was read: its content starts at `contentStart` (-1 for `<x/>`). */
  startTagRead(contentStart: number): void {
    if (this.recording !== undefined) this.recording.openEnd = contentStart;
  }

  /** An end tag of the child starts at `lt`: right after a start tag, what is between them is a leaf's text. */
  endTagRead(lt: number): void {
    const recording = this.recording;
    if (recording === undefined) return;
    if (recording.openEnd !== -1) recording.leaves.push(recording.openEnd, lt);
    recording.openEnd = -1;
    // Past this, the child could have no shape anyway.
    if (recording.leaves.length > 2 * maxShapeLeaves) this.recording = undefined;
  }

  /**
   * The child ended at `end`: its shape is learned; `block` is the block it was. Not for a block whose
   * name or enabled was more than one leaf's text (its values are not where a shape says), nor for a
   * child whose pattern would be too long (childShape.ts).
   */
  childEnded(text: string, end: number, block: OpenBlock | undefined): void {
    const recording = this.recording;
    if (recording === undefined) return;
    this.recording = undefined;
    if (this.learned >= maxLearnedPerScan) return;
    this.learned++;
    const { start, leaves } = recording;
    let layout: BlockLayout | undefined;
    if (block !== undefined) {
      const name = valueLayout(block.name, start, leaves);
      const enabled = valueLayout(block.enabled, start, leaves);
      if (name === null || enabled === null) return;
      layout = { name, enabled, end: shapeOffset(end, start, leaves), leaves: leaves.length / 2 };
    }
    const shape = shapeOf(text, start, end, leaves);
    if (shape !== undefined) this.last = this.book.learned(recording.name, { ...shape, block: layout });
  }

  /**
   * Children of the root from `lt` on, for as long as each fits a learned shape: appends where each
   * starts to `childStarts` and each block's entry to `permissions`, as reading them would, and returns
   * the offset after the last one and the text that follows it (stopping at `stopAt` or past it); -1
   * when no learned shape fits the first. One loop here, without a call per child: a child is matched
   * in about the time of a call or two.
   */
  replay(text: string, lt: number, stopAt: number, childStarts: OffsetList, permissions: PermissionEntry[], values: Ampersands): number {
    let shape = this.last;
    let at = lt;
    for (;;) {
      let end = shape === undefined ? -1 : matchShape(shape, text, at);
      if (shape === undefined || end === -1) {
        shape = this.shapeByName(text, at);
        if (shape === undefined) break;
        end = matchShape(shape, text, at);
      }
      childStarts.push(at);
      if (shape.block !== undefined) {
        const entry = this.replayBlock(shape, shape.block, text, at, values);
        if (entry !== undefined) permissions.push(entry);
      }
      at = end;
      // Past stopAt, the scanner gives up on the rescan.
      if (at >= stopAt || text.charCodeAt(at) !== Char.lessThan) break;
    }
    return at === lt ? -1 : at;
  }

  /** A learned shape of children named as the one at `lt` that fits it, which becomes the one to try first. */
  private shapeByName(text: string, lt: number): LearnedShape | undefined {
    let k = lt + 1;
    while (isNameChar(text.charCodeAt(k))) k++;
    const name = text.slice(lt + 1, k);
    const shape = this.book.candidates(name)?.find((candidate) => matchShape(candidate, text, lt) !== -1);
    if (shape !== undefined) {
      this.book.matched(name, shape);
      this.last = shape;
    }
    return shape;
  }

  /** What reading a block of this shape at `start` would give: its entry. */
  private replayBlock(shape: LearnedShape, layout: BlockLayout, text: string, start: number, values: Ampersands): PermissionEntry | undefined {
    const { name, enabled } = layout;
    if (name === undefined || name.leaf < 0) return undefined;
    const { bounds } = this;
    leafBounds(shape, text, start, layout.leaves, bounds);
    const nameSpan = { start: bounds[2 * name.leaf], end: bounds[2 * name.leaf + 1] };
    const nameElement = { start: offsetIn(name.start, start, bounds), end: offsetIn(name.end, start, bounds) };
    const entry = permissionEntry({ start, end: offsetIn(layout.end, start, bounds) }, values.value(nameSpan.start, nameSpan.end), nameSpan, nameElement);
    if (entry === undefined) return undefined;
    if (enabled !== undefined) {
      const element = { start: offsetIn(enabled.start, start, bounds), end: offsetIn(enabled.end, start, bounds) };
      if (enabled.leaf < 0) setEnabled(entry, '', undefined, element);
      else {
        const span = { start: bounds[2 * enabled.leaf], end: bounds[2 * enabled.leaf + 1] };
        setEnabled(entry, values.value(span.start, span.end), span, element);
      }
    }
    return entry;
  }
}
