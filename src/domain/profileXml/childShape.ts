/**
 * What a child of a metadata file's root element looks like, learned from reading one: its markup,
 * exactly, with the text of each leaf (an element holding only text) left open. A profile is tens of
 * thousands of children in a dozen shapes (every `<fieldPermissions>` holds `<editable>`, `<field>`
 * and `<readable>`, laid out the same way), so once the scanner has read one child of a shape tag by
 * tag it recognizes the next ones with one sticky regular expression, without reading their tags.
 * Such a match is well-formed whenever the child it was learned from was: its markup is that same
 * checked text, again a child of a root of the same name and namespace declarations (so its prefixes
 * mean the same), and text without '<' whose every '&' starts one of XML's five entity references is
 * always well-formed text.
 */

export interface ChildShape {
  /** Sticky: matches the child at `lastIndex`, then the text after it up to the next '<' (or '&' starting anything else). */
  readonly pattern: RegExp;
  /** The length of the markup before each leaf's text: from the child's start, then from the previous leaf's end. */
  readonly markupBefore: readonly number[];
}

/**
 * An offset inside a child of some shape: the end of one of its leaf texts (or, for -1, the child's
 * start) plus the length of the markup between (which is the same in every child of the shape).
 */
export interface ShapeOffset {
  leaf: number;
  delta: number;
}

/**
 * Leaf text, and the text after the child: no markup, and '&' only in XML's predefined references (a
 * character reference ends the match, and the child is read tag by tag). Written so that text without
 * any '&' is one run of a character class, which V8 matches nearly as fast as indexOf scans.
 */
const plainText = '[^<&]*(?:&(?:amp|lt|gt|quot|apos);[^<&]*)*';

const escapeRegExp = (literal: string) => literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** A copy of a string cut from the text, for keeping: in V8 a slice of the text refers to all of it. */
export const detached = (slice: string) => [...slice].join('');

/**
 * How long a shape's pattern may be. V8 refuses to compile patterns past about 32 KB of literal text
 * ("Regular expression too large") or with thousands of groups ("Stack overflow"), and compiling costs
 * more as they grow; a retrieved profile's largest children (`<loginHours>`, `<objectPermissions>`)
 * make patterns under 1.5 KB. Children past this are read tag by tag.
 */
export const maxPatternLength = 4096;

/** The most leaves a shape can have within maxPatternLength: what a recording may stop at. */
export const maxShapeLeaves = Math.floor(maxPatternLength / plainText.length);

/**
 * The shape of the child read from `start` to `end`, its leaf texts at `leaves` (start and end of each,
 * in order); undefined when its pattern would be longer than maxPatternLength.
 */
export function shapeOf(text: string, start: number, end: number, leaves: readonly number[]): ChildShape | undefined {
  let leafLength = 0;
  for (let i = 0; i < leaves.length; i += 2) leafLength += leaves[i + 1] - leaves[i];
  // The markup, before it is escaped (which only lengthens it).
  if (end - start - leafLength + (leaves.length / 2 + 1) * plainText.length > maxPatternLength) return undefined;
  const markupBefore: number[] = [];
  let source = '';
  let from = start;
  for (let i = 0; i < leaves.length; i += 2) {
    markupBefore.push(leaves[i] - from);
    source += escapeRegExp(text.slice(from, leaves[i])) + plainText;
    from = leaves[i + 1];
  }
  source += escapeRegExp(text.slice(from, end)) + plainText;
  return source.length > maxPatternLength ? undefined : { pattern: new RegExp(detached(source), 'y'), markupBefore };
}

/**
 * Where a child of the shape at `at` ends, with the text after it; -1 when the text there is not of this
 * shape, or when V8 cannot tell: its backtracking stack runs out on a leaf of millions of references
 * (RangeError), and then the child is read tag by tag.
 */
export function matchShape(shape: ChildShape, text: string, at: number): number {
  const { pattern } = shape;
  pattern.lastIndex = at;
  try {
    return pattern.test(text) ? pattern.lastIndex : -1;
  } catch (error) {
    if (error instanceof RangeError) return -1;
    throw error;
  }
}

/**
 * Writes the start and end of the first `count` leaf texts of a child that matched the shape at `start`
 * into `bounds` (reused from child to child: a new array each time cost as much as matching the child).
 */
export function leafBounds(shape: ChildShape, text: string, start: number, count: number, bounds: number[]): void {
  let from = start;
  for (let leaf = 0; leaf < count; leaf++) {
    const leafStart = from + shape.markupBefore[leaf];
    from = text.indexOf('<', leafStart);
    bounds[2 * leaf] = leafStart;
    bounds[2 * leaf + 1] = from;
  }
}

/** `offset` in the child read from `start` with leaf texts at `leaves`, as an offset any child of its shape has. */
export function shapeOffset(offset: number, start: number, leaves: readonly number[]): ShapeOffset {
  let leaf = -1;
  while (2 * (leaf + 1) < leaves.length && leaves[2 * (leaf + 1) + 1] <= offset) leaf++;
  return { leaf, delta: offset - (leaf < 0 ? start : leaves[2 * leaf + 1]) };
}

/** The offset `at` stands for in a child starting at `start` whose leaf bounds are `bounds`. */
export function offsetIn(at: ShapeOffset, start: number, bounds: readonly number[]): number {
  return (at.leaf < 0 ? start : bounds[2 * at.leaf + 1]) + at.delta;
}

/**
 * Shapes by the name of the child they are of, the one that matched last first, kept from scan to scan
 * (a file is scanned again on every edit, and the files of a project share their shapes; V8 compiles a
 * pattern to machine code once it has run, about 20 KB). A few per name: enough for the layouts one kind
 * of child has, and a bound on what a child that fits none costs. Profiles and permission sets have
 * about 25 kinds of child; past `maxNames` the book starts again.
 */
export class ShapeBook<S extends ChildShape> {
  private readonly byName = new Map<string, S[]>();

  constructor(private readonly perName = 4, private readonly maxNames = 64) {}

  /** The shapes of children named `name`; one that matches should be passed to `matched`. */
  candidates(name: string): readonly S[] | undefined {
    return this.byName.get(name);
  }

  matched(name: string, shape: S): void {
    const shapes = this.byName.get(name);
    const index = shapes?.indexOf(shape) ?? -1;
    if (shapes === undefined || index <= 0) return;
    shapes.splice(index, 1);
    shapes.unshift(shape);
  }

  /** Adds a shape just learned, or moves the same one (same pattern source) to the front; returns the one kept. */
  learned(name: string, shape: S): S {
    let shapes = this.byName.get(name);
    if (shapes === undefined) {
      if (this.byName.size >= this.maxNames) this.byName.clear();
      shapes = [];
      this.byName.set(detached(name), shapes);
    }
    const known = shapes.find((candidate) => candidate.pattern.source === shape.pattern.source);
    if (known !== undefined) {
      this.matched(name, known);
      return known;
    }
    shapes.unshift(shape);
    if (shapes.length > this.perName) shapes.pop();
    return shape;
  }
}
