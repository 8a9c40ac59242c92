/**
 * A position-aware reader of Salesforce profile and permission set metadata XML
 * (`*.profile-meta.xml`, `*.permissionset-meta.xml`). One forward pass driven by indexOf keeps only
 * what the audit and its fixes need (the root, the license, each `<userPermissions>` block with the
 * offsets of its `<name>` and `<enabled>`) and checks well-formedness cheaply on the way: tag balance
 * by name, attribute quoting, comments, CDATA sections, processing instructions, entity references
 * (not checked: characters XML forbids in text, non-ASCII name characters, "]]>" in text). No DOM is
 * built. Once a child of the root has been read tag by tag, the next children of the same shape are
 * recognized whole (childShape.ts), which is most of a profile: a 10 MB one takes about as long as
 * finding every '<' in it (test/bench/profileXml.bench.ts).
 *
 * Entities are never expanded: a DOCTYPE is reported (Salesforce metadata never has one) and skipped,
 * and text decodes only XML's five predefined entities and character references.
 */
import { type ChildShape, detached, leafBounds, matchShape, offsetIn, ShapeBook, shapeOf, shapeOffset, type ShapeOffset } from './childShape';
import { LineIndex } from './lineIndex';

/** Offsets are UTF-16 indices into the text, what VS Code's `document.positionAt` takes; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface PermissionEntry {
  /** The `<name>` text, entity references decoded and surrounding whitespace trimmed (that Salesforce trims too is a guess). */
  name: string;
  /** The text inside `<name>…</name>`. */
  nameSpan: Span;
  /** `<name>…</name>` inclusive. */
  nameElement: Span;
  /** 'true'/'1' → true, 'false'/'0' → false (xsd:boolean); anything else, or no `<enabled>`, → undefined. */
  enabled: boolean | undefined;
  /** The text inside `<enabled>…</enabled>`; absent when there is no `<enabled>` or it is `<enabled/>`. */
  enabledSpan?: Span;
  /** `<enabled>…</enabled>` (or `<enabled/>`) inclusive. */
  enabledElement?: Span;
  /** `<userPermissions>` … `</userPermissions>` inclusive. */
  block: Span;
}

export interface MetadataScanError {
  span: Span;
  /** What is wrong and how to fix it ("… Fix: …"). */
  message: string;
  /** Where the element the problem is about was opened, when that is elsewhere. */
  related?: { span: Span; message: string };
}

export interface MetadataScan {
  kind: 'Profile' | 'PermissionSet' | 'unknown';
  /** The root element's name in its start tag. */
  rootSpan?: Span;
  /** The first `<userLicense>` (Profile) or `<license>` (PermissionSet) child of the root; span: the text inside. */
  license?: { value: string; span: Span };
  /** Complete `<userPermissions>` children of the root that have a `<name>`, in document order. */
  permissions: PermissionEntry[];
  /** The first well-formedness problem. */
  error?: MetadataScanError;
  /**
   * Set when reading ended early because of `error` (or the text ends inside an element): the offset
   * where it ended. What comes after it is unknown, so absence of a permission proves nothing.
   * Absent when the whole document was read, even with an `error` that could be skipped (a DOCTYPE).
   */
  stoppedAt?: number;
  /** The first line break's style; '\n' when there is none. */
  eol: '\n' | '\r\n';
  /** The indentation before the root's first child element; 4 spaces when that tells nothing. */
  indent: string;
  /** Where each child element of the root starts (its '<'), in document order: what rescans and fixes navigate by. */
  childStarts: number[];
  /** The root's end tag (`</Profile>`) inclusive, once read. */
  rootClose?: Span;
}

const defaultIndent = '    ';

/** ASCII name characters: 1 may continue a name, 2 may start one. Non-ASCII characters are accepted as both. */
const nameTable = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) nameTable[c] = 3;
  else if (/[0-9.-]/.test(ch)) nameTable[c] = 1;
}
/** NaN (past the end of the text) is neither. */
const nameBits = (c: number) => (c < 128 ? nameTable[c] : c > 0 ? 3 : 0);
const isNameChar = (c: number) => (nameBits(c) & 1) !== 0;
const isNameStart = (c: number) => (nameBits(c) & 2) !== 0;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

const predefinedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Characters XML 1.0 allows (a character reference to anything else is not well-formed). */
function isXmlChar(code: number): boolean {
  return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd)
    || (code >= 0x10000 && code <= 0x10ffff);
}

/** Decodes the predefined entities and character references; anything else (after a DOCTYPE) stays as written. */
function decodeReferences(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, body: string) => {
    if (body.charCodeAt(0) !== 35) return predefinedEntities[body];
    const code = body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
}

/** xsd:boolean, which also allows 1 and 0; that Salesforce reads those the same is a guess. */
function parseEnabled(value: string): boolean | undefined {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

interface ValueRead {
  value: string;
  /** The text inside; absent for a self-closing element. */
  span?: Span;
  element: Span;
}

/** The `<userPermissions>` block being read. */
interface OpenBlock {
  start: number;
  name: ValueRead | undefined;
  enabled: ValueRead | undefined;
}

/** An element whose text is being collected: a block's `<name>` or `<enabled>`, or the license. */
interface Capture {
  target: 'name' | 'enabled' | 'license';
  /** The stack depth inside the element: text directly in it counts, text in its children does not. */
  depth: number;
  elementStart: number;
  contentStart: number;
  value: string;
}

type RunResult = 'done' | 'error' | 'reached' | 'overrun';

/**
 * A block's entry, its `<enabled>` still to be set (setEnabled); undefined for a block without a name,
 * or an empty one: it grants nothing (Salesforce would refuse it; a guess).
 */
function permissionEntry(block: Span, name: string, nameSpan: Span | undefined, nameElement: Span): PermissionEntry | undefined {
  if (nameSpan === undefined || name === '') return undefined;
  return { name, nameSpan, nameElement, enabled: undefined, block };
}

/** What the block's `<enabled>` says: its text (trimmed), where that is (absent for `<enabled/>`), and the element. */
function setEnabled(entry: PermissionEntry, value: string, span: Span | undefined, element: Span): void {
  entry.enabled = parseEnabled(value);
  if (span) entry.enabledSpan = span;
  entry.enabledElement = element;
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

const roleNone = 0;
const roleRoot = 1;
const roleBlock = 2;
const roleLicense = 3;
const roleName = 4;
const roleEnabled = 5;
type Role = typeof roleNone | typeof roleRoot | typeof roleBlock | typeof roleLicense | typeof roleName | typeof roleEnabled;

/**
 * An element name in its parent's context (so a record also stands for all its ancestors: the whole
 * stack of open elements), learned while reading.
 */
interface ElementRecord {
  name: string;
  role: Role;
  children: Map<string, ElementRecord> | undefined;
}

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
 * The shapes learned under each root element's name: which child is the license depends on it
 * (`<userLicense>` in a Profile, `<license>` in a PermissionSet). Bounded, as files could name any root.
 */
const shapeBooks = new Map<string, ShapeBook<LearnedShape>>();
const maxShapeBooks = 4;

function shapeBookFor(rootName: string): ShapeBook<LearnedShape> {
  let book = shapeBooks.get(rootName);
  if (book === undefined) {
    if (shapeBooks.size >= maxShapeBooks) shapeBooks.clear();
    book = new ShapeBook();
    shapeBooks.set(detached(rootName), book);
  }
  return book;
}

/**
 * How many new shapes one scan may learn: compiling one costs more than reading a child, so a file
 * whose children are all unlike one another is read tag by tag.
 */
const maxLearnedPerScan = 64;

function roleOf(parent: ElementRecord, name: string): Role {
  switch (parent.role) {
    case roleNone:
      return parent.name === '' ? roleRoot : roleNone;
    case roleRoot:
      if (name === 'userPermissions') return roleBlock;
      return name === (parent.name === 'Profile' ? 'userLicense' : parent.name === 'PermissionSet' ? 'license' : undefined) ? roleLicense : roleNone;
    case roleBlock:
      return name === 'name' ? roleName : name === 'enabled' ? roleEnabled : roleNone;
    default:
      return roleNone;
  }
}

function recordFor(parent: ElementRecord, name: string): ElementRecord {
  parent.children ??= new Map();
  let record = parent.children.get(name);
  if (!record) {
    // Every field from the start, so that all records share one shape and reading them stays fast.
    record = { name, role: roleOf(parent, name), children: undefined };
    parent.children.set(name, record);
  }
  return record;
}

class Scanner {
  kind: MetadataScan['kind'] = 'unknown';
  rootSpan?: Span;
  rootSeen = false;
  rootClose?: Span;
  license?: { value: string; span: Span };
  licenseSeen = false;
  permissions: PermissionEntry[] = [];
  childStarts: number[] = [];
  error?: MetadataScanError;
  stoppedAt?: number;
  eol: '\n' | '\r\n';
  indent = defaultIndent;
  indentKnown = false;
  /** The parent of the root: its record's name is ''. */
  readonly document: ElementRecord = { name: '', role: roleNone, children: undefined };
  /** The open elements, outermost first, and where each start tag begins. */
  records: ElementRecord[] = [];
  opened: number[] = [];
  /** The start of the text after a BOM: the only place an XML declaration may be. */
  readonly bomEnd: number;
  /** Whether anything but whitespace came before the root (a file of only that has no root). */
  private sawMarkup = false;
  private doctype = false;
  /**
   * The first '&' at or after some offset already read, so also the first at or after any later offset
   * it is not before; 2^32 - 1 when there is none. One search over the file serves every text and leaf.
   */
  private nextAmp = -1;
  private block?: OpenBlock;
  private capture?: Capture;
  /** Set by tagEnd: whether the tag just read was `<x/>`. */
  private selfClosing = false;
  /**
   * The shapes of children of this root; none in a document with a DOCTYPE, whose entities could make the
   * same markup mean something else in another document.
   */
  private shapes?: ShapeBook<LearnedShape>;
  /** The shape that matched last: children of one kind come together. */
  private lastShape?: LearnedShape;
  private learned = 0;
  private recording?: ShapeRecording;
  private readonly leafBounds: number[] = [];

  /** With `tagByTag`, no learned shapes: every tag is read (what the shapes are tested against). */
  constructor(readonly text: string, private readonly tagByTag = false) {
    this.bomEnd = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const newline = text.indexOf('\n');
    this.eol = newline > 0 && text.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
  }

  /** Starts a re-read inside the root element of a previous scan. */
  enterRoot(previous: MetadataScan, rootName: string, rootStart: number): void {
    this.kind = previous.kind;
    if (previous.rootSpan) this.rootSpan = previous.rootSpan;
    this.rootSeen = true;
    this.records = [recordFor(this.document, rootName)];
    this.opened = [rootStart];
    this.shapes = this.shapesFor(rootName);
    this.indent = previous.indent;
    this.indentKnown = true;
  }

  /**
   * Reads from `pos`. With `stopAt` (a rescan), stops at the tag starting there, 'reached' when only the
   * root is open at that point, 'overrun' when the text was read past it or more is open.
   */
  run(pos: number, stopAt = Infinity): RunResult {
    const text = this.text;
    for (;;) {
      if (pos > stopAt) return 'overrun';
      const lt = text.indexOf('<', pos);
      if (lt !== pos && !this.textRun(pos, lt === -1 ? text.length : lt)) return 'error';
      if (lt === -1) return this.finish();
      if (lt === stopAt) return this.records.length === 1 ? 'reached' : 'overrun';
      const known = this.records.length === 1 ? this.knownChildren(lt, stopAt) : -1;
      pos = known !== -1 ? known : this.markup(lt);
      if (pos < 0) return 'error';
    }
  }

  /** Reads one tag, comment, CDATA section, DOCTYPE or processing instruction; returns the offset after it, or -1. */
  private markup(lt: number): number {
    const c = this.text.charCodeAt(lt + 1);
    if (c === 33) return this.bang(lt);
    if (c === 63) return this.instruction(lt);
    return c === 47 ? this.endTag(lt) : this.startTag(lt);
  }

  /**
   * Children of the root from `lt` on, for as long as each has a shape read before: does what reading
   * them would do, and returns the offset after the last one and the text that follows it (stopping at
   * `stopAt` or past it); -1 when no learned shape fits the first.
   */
  private knownChildren(lt: number, stopAt: number): number {
    const text = this.text;
    let shape = this.lastShape;
    let at = lt;
    for (;;) {
      let end = shape === undefined ? -1 : matchShape(shape, text, at);
      if (shape === undefined || end === -1) {
        shape = this.shapeByName(at);
        if (shape === undefined) break;
        end = matchShape(shape, text, at);
      }
      this.childStarts.push(at);
      if (!this.indentKnown) this.learnIndent(at);
      if (shape.block !== undefined) this.replayBlock(shape, shape.block, at);
      at = end;
      // Past stopAt, run() gives up on the rescan.
      if (at >= stopAt || text.charCodeAt(at) !== 60) break;
    }
    return at === lt ? -1 : at;
  }

  /** A learned shape of children named as the one at `lt` that fits it, which becomes the one to try first. */
  private shapeByName(lt: number): LearnedShape | undefined {
    const { text, shapes } = this;
    if (shapes === undefined) return undefined;
    let k = lt + 1;
    while (isNameChar(text.charCodeAt(k))) k++;
    const name = text.slice(lt + 1, k);
    const shape = shapes.candidates(name)?.find((candidate) => matchShape(candidate, text, lt) !== -1);
    if (shape !== undefined) {
      shapes.matched(name, shape);
      this.lastShape = shape;
    }
    return shape;
  }

  /** Does what reading a block of this shape at `start` would do: adds its entry. */
  private replayBlock(shape: ChildShape, layout: BlockLayout, start: number): void {
    const { name, enabled } = layout;
    if (name === undefined || name.leaf < 0) return;
    const { text, leafBounds: bounds } = this;
    leafBounds(shape, text, start, layout.leaves, bounds);
    const nameSpan = { start: bounds[2 * name.leaf], end: bounds[2 * name.leaf + 1] };
    const nameElement = { start: offsetIn(name.start, start, bounds), end: offsetIn(name.end, start, bounds) };
    const entry = permissionEntry({ start, end: offsetIn(layout.end, start, bounds) }, this.leafValue(nameSpan.start, nameSpan.end), nameSpan, nameElement);
    if (entry === undefined) return;
    if (enabled !== undefined) {
      const element = { start: offsetIn(enabled.start, start, bounds), end: offsetIn(enabled.end, start, bounds) };
      if (enabled.leaf < 0) setEnabled(entry, '', undefined, element);
      else {
        const span = { start: bounds[2 * enabled.leaf], end: bounds[2 * enabled.leaf + 1] };
        setEnabled(entry, this.leafValue(span.start, span.end), span, element);
      }
    }
    this.permissions.push(entry);
  }

  /**
   * Remembers the shape of the child of the root just read (ending at `end`); `block` is the block it was.
   * Not for a block whose name or enabled was more than one leaf's text: its values are not where a shape says.
   */
  private learnShape(recording: ShapeRecording, end: number, block: OpenBlock | undefined): void {
    this.recording = undefined;
    if (this.shapes === undefined || this.learned >= maxLearnedPerScan) return;
    this.learned++;
    const { start, leaves } = recording;
    let layout: BlockLayout | undefined;
    if (block !== undefined) {
      const name = valueLayout(block.name, start, leaves);
      const enabled = valueLayout(block.enabled, start, leaves);
      if (name === null || enabled === null) return;
      layout = { name, enabled, end: shapeOffset(end, start, leaves), leaves: leaves.length / 2 };
    }
    this.lastShape = this.shapes.learned(recording.name, { ...shapeOf(this.text, start, end, leaves), block: layout });
  }

  result(): MetadataScan {
    const scan: MetadataScan = { kind: this.kind, permissions: this.permissions, eol: this.eol, indent: this.indent, childStarts: this.childStarts };
    if (this.rootSpan) scan.rootSpan = this.rootSpan;
    if (this.license) scan.license = this.license;
    if (this.error) scan.error = this.error;
    if (this.stoppedAt !== undefined) scan.stoppedAt = this.stoppedAt;
    if (this.rootClose) scan.rootClose = this.rootClose;
    return scan;
  }

  /** Records the first problem and stops reading; returns -1 for the callers to pass on. */
  private fail(span: Span, message: string, related?: MetadataScanError['related']): number {
    this.error ??= related ? { span, message, related } : { span, message };
    this.stoppedAt = span.start;
    return -1;
  }

  private lineOf(offset: number): number {
    return new LineIndex(this.text).position(offset).line + 1;
  }

  /** Text between markup: only whitespace outside the root; inside, '&' must start a reference, and a captured element keeps it. */
  private textRun(start: number, end: number): boolean {
    if (this.records.length > 0) {
      if (this.nextAmp < end && !this.references(start, end)) return false;
      if (this.capture !== undefined && this.capture.depth === this.records.length) this.captureText(start, end);
      return true;
    }
    const text = this.text;
    for (let i = start; i < end; i++) {
      if (!isSpace(text.charCodeAt(i))) {
        let stop = i;
        while (stop < end && !isSpace(text.charCodeAt(stop))) stop++;
        this.fail({ start: i, end: stop }, `Text outside the root element${this.rootSeen ? ', after its end tag' : ''}. `
          + 'Fix: delete it; a metadata file holds one element (such as <Profile>) and nothing else but comments.');
        return false;
      }
    }
    return true;
  }

  /**
   * A leaf's text as a captured value (references decoded, then trimmed). Without calling trim when its
   * ends are visible ASCII, and with the next '&' known, rather than looked for in the value: each of
   * those calls took a tenth of replaying a block.
   */
  private leafValue(start: number, end: number): string {
    const text = this.text;
    const raw = text.slice(start, end);
    if (this.nextAmp < start) this.nextAmp = text.indexOf('&', start) >>> 0;
    if (this.nextAmp < end) return decodeReferences(raw).trim();
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    return first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
  }

  /** Every '&' in a text run must start a reference. */
  private references(start: number, end: number): boolean {
    const text = this.text;
    if (this.nextAmp < start) this.nextAmp = text.indexOf('&', start) >>> 0;
    while (this.nextAmp < end) {
      const after = this.reference(this.nextAmp);
      if (after < 0) return false;
      this.nextAmp = text.indexOf('&', after) >>> 0;
    }
    return true;
  }

  private captureText(start: number, end: number): void {
    const raw = this.text.slice(start, end);
    (this.capture as Capture).value += raw.includes('&') ? decodeReferences(raw) : raw;
  }

  /** Checks the reference starting with '&' at `at`; returns the offset after its ';', or -1. */
  private reference(at: number): number {
    const text = this.text;
    let k = at + 1;
    if (text.charCodeAt(k) === 35) {
      const hex = text.charCodeAt(k + 1) === 120;
      k += hex ? 2 : 1;
      const digitsStart = k;
      const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
      while (k < text.length && digit.test(text[k])) k++;
      const code = parseInt(text.slice(digitsStart, k), hex ? 16 : 10);
      if (k > digitsStart && text.charCodeAt(k) === 59 && isXmlChar(code)) return k + 1;
      return this.fail({ start: at, end: Math.min(k + 1, text.length) }, `“${text.slice(at, k + 1)}” is not a character reference to a character XML allows. `
        + 'Fix: write the character itself, or a reference such as &#65; or &#x41;.');
    }
    if (isNameStart(text.charCodeAt(k))) {
      while (isNameChar(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === 59) {
        const name = text.slice(at + 1, k);
        if (name in predefinedEntities || this.doctype) return k + 1;
        return this.fail({ start: at, end: k + 1 }, `The entity &${name}; is not one of XML’s five (&amp; &lt; &gt; &quot; &apos;), `
          + 'and entities are never expanded here. Fix: write the text it stands for.');
      }
    }
    return this.fail({ start: at, end: at + 1 }, 'A “&” that starts no entity reference. Fix: write it as &amp;.');
  }

  private startTag(lt: number): number {
    const text = this.text;
    const depth = this.records.length;
    if (!isNameStart(text.charCodeAt(lt + 1))) {
      return this.fail({ start: lt, end: lt + 1 }, 'A “<” that starts no tag. Fix: write it as &lt; in text, or complete the tag.');
    }
    let j = lt + 2;
    while (isNameChar(text.charCodeAt(j))) j++;
    const record = recordFor(depth === 0 ? this.document : this.records[depth - 1], text.slice(lt + 1, j));
    const gt = text.charCodeAt(j) === 62 ? j : this.tagEnd(lt, j, record.name);
    if (gt < 0) return -1;
    const selfClosing = gt !== j && this.selfClosing;
    if (depth === 0 && !this.openRoot(lt, record.name)) return -1;
    this.openElement(record, lt, gt, selfClosing);
    return gt + 1;
  }

  private openElement(record: ElementRecord, lt: number, gt: number, selfClosing: boolean): void {
    const childOfRoot = this.records.length === 1;
    if (childOfRoot) {
      this.childStarts.push(lt);
      if (!this.indentKnown) this.learnIndent(lt);
      // The license is read once, so its shape would not say what to do with the next one.
      this.recording = record.role === roleLicense ? undefined : { name: record.name, start: lt, leaves: [], openEnd: -1 };
    }
    if (this.recording !== undefined) this.recording.openEnd = selfClosing ? -1 : gt + 1;
    if (record.role !== roleNone) this.openRole(record.role, lt, gt, selfClosing);
    if (!selfClosing) {
      this.records.push(record);
      this.opened.push(lt);
    } else if (childOfRoot && this.recording !== undefined) this.learnShape(this.recording, gt + 1, undefined);
  }

  private openRoot(lt: number, name: string): boolean {
    const nameSpan = { start: lt + 1, end: lt + 1 + name.length };
    if (this.rootSeen) {
      this.fail(nameSpan, `A second root element <${name}>. Fix: a metadata file holds one root element; move this inside it or delete it.`);
      return false;
    }
    this.rootSeen = true;
    this.rootSpan = nameSpan;
    this.kind = name === 'Profile' || name === 'PermissionSet' ? name : 'unknown';
    this.shapes = this.shapesFor(name);
    return true;
  }

  private shapesFor(rootName: string): ShapeBook<LearnedShape> | undefined {
    return this.doctype || this.tagByTag ? undefined : shapeBookFor(rootName);
  }

  private openRole(role: Role, lt: number, gt: number, selfClosing: boolean): void {
    if (role === roleBlock) {
      if (!selfClosing) this.block = { start: lt, name: undefined, enabled: undefined };
    } else if (role === roleLicense) {
      if (!this.licenseSeen) {
        this.licenseSeen = true;
        this.beginCapture('license', lt, gt, selfClosing);
      }
    } else if (this.block !== undefined && this.records.length === 2) {
      // <name> and <enabled> directly in the block being read; the first of each counts.
      if (role === roleName && !this.block.name) this.beginCapture('name', lt, gt, selfClosing);
      else if (role === roleEnabled && !this.block.enabled) this.beginCapture('enabled', lt, gt, selfClosing);
    }
  }

  /** Reads the attributes after a start tag's name; returns the offset of its '>' (setting selfClosing), or -1. */
  private tagEnd(lt: number, j: number, name: string): number {
    const text = this.text;
    const seen: string[] = [];
    let k = j;
    for (;;) {
      let c = text.charCodeAt(k);
      const spaced = isSpace(c);
      while (isSpace(c)) c = text.charCodeAt(++k);
      if (c === 62) {
        this.selfClosing = false;
        return k;
      }
      if (c === 47 && text.charCodeAt(k + 1) === 62) {
        this.selfClosing = true;
        return k + 1;
      }
      if (Number.isNaN(c)) return this.cutOff(lt, `the start tag <${name}`);
      if (!spaced || !isNameStart(c)) {
        return this.fail({ start: k, end: k + 1 }, `Expected an attribute or “>” in the start tag <${name}>. Fix: complete the tag as <${name}>.`);
      }
      const attributeStart = k;
      while (isNameChar(text.charCodeAt(++k)));
      const attribute = text.slice(attributeStart, k);
      const attributeSpan = { start: attributeStart, end: k };
      if (seen.includes(attribute)) return this.fail(attributeSpan, `The attribute ${attribute} appears twice in <${name}>. Fix: keep one.`);
      seen.push(attribute);
      while (isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 61) return this.fail(attributeSpan, `The attribute ${attribute} has no value. Fix: write ${attribute}="…".`);
      k++;
      while (isSpace(text.charCodeAt(k))) k++;
      const quote = text.charCodeAt(k);
      if (quote !== 34 && quote !== 39) {
        return this.fail(attributeSpan, `The value of the attribute ${attribute} is not in quotes. Fix: write ${attribute}="…".`);
      }
      const close = text.indexOf(quote === 34 ? '"' : "'", k + 1);
      if (close === -1) return this.cutOff(lt, `the value of the attribute ${attribute}`);
      const lessThan = text.indexOf('<', k + 1);
      if (lessThan !== -1 && lessThan < close) {
        return this.fail({ start: lessThan, end: lessThan + 1 }, `A “<” inside the value of the attribute ${attribute}. `
          + 'Fix: close the value with its quote, or write the character as &lt;.');
      }
      // Char by char: indexOf('&') would look through the rest of the file when the value has none.
      for (let i = k + 1; i < close; i++) {
        if (text.charCodeAt(i) === 38 && this.reference(i) < 0) return -1;
      }
      k = close + 1;
    }
  }

  private beginCapture(target: Capture['target'], lt: number, gt: number, selfClosing: boolean): void {
    if (selfClosing) this.store(target, { value: '', element: { start: lt, end: gt + 1 } });
    else this.capture = { target, depth: this.records.length + 1, elementStart: lt, contentStart: gt + 1, value: '' };
  }

  private store(target: Capture['target'], read: ValueRead): void {
    if (target === 'license') this.license = { value: read.value, span: read.span ?? read.element };
    else if (this.block !== undefined) {
      // Named stores: a computed key would make every block object slow to write.
      if (target === 'name') this.block.name = read;
      else this.block.enabled = read;
    }
  }

  private endTag(lt: number): number {
    const text = this.text;
    const records = this.records;
    const depth = records.length;
    if (depth === 0) return this.wrongEndTag(lt);
    const record = records[depth - 1];
    let k = lt + 2 + record.name.length;
    if (!text.startsWith(record.name, lt + 2) || isNameChar(text.charCodeAt(k))) return this.wrongEndTag(lt);
    while (isSpace(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) !== 62) {
      if (k >= text.length) return this.cutOff(lt, `the end tag </${record.name}`);
      return this.fail({ start: k, end: k + 1 }, `Expected “>” to end </${record.name}>. Fix: write </${record.name}>.`);
    }
    this.closeElement(record, lt, k + 1);
    return k + 1;
  }

  private closeElement(record: ElementRecord, lt: number, end: number): void {
    const recording = this.recording;
    if (recording !== undefined) {
      // An end tag right after a start tag: what is between them is a leaf's text.
      if (recording.openEnd !== -1) recording.leaves.push(recording.openEnd, lt);
      recording.openEnd = -1;
    }
    const block = this.block;
    this.records.pop();
    this.opened.pop();
    if (record.role !== roleNone) this.closeRole(record.role, lt, end);
    if (recording !== undefined && this.records.length === 1) this.learnShape(recording, end, block);
  }

  private closeRole(role: Role, lt: number, end: number): void {
    const capture = this.capture;
    if (capture !== undefined && capture.depth === this.records.length + 1) {
      this.capture = undefined;
      this.store(capture.target, {
        value: capture.value.trim(),
        span: { start: capture.contentStart, end: lt },
        element: { start: capture.elementStart, end },
      });
    }
    if (role === roleBlock && this.block !== undefined) {
      const { name, enabled } = this.block;
      const entry = name && permissionEntry({ start: this.block.start, end }, name.value, name.span, name.element);
      this.block = undefined;
      if (entry) {
        if (enabled) setEnabled(entry, enabled.value, enabled.span, enabled.element);
        this.permissions.push(entry);
      }
    } else if (role === roleRoot) {
      this.rootClose = { start: lt, end };
    }
  }

  /** An end tag that does not close the open element. */
  private wrongEndTag(lt: number): number {
    const text = this.text;
    const depth = this.records.length;
    let k = lt + 2;
    while (isNameChar(text.charCodeAt(k))) k++;
    if (k >= text.length) return this.cutOff(lt, 'an end tag');
    const nameSpan = { start: lt + 2, end: k };
    const name = text.slice(lt + 2, k);
    if (depth === 0) return this.fail(nameSpan, `The end tag </${name}> closes nothing: no element is open here. Fix: delete it.`);
    const open = this.records[depth - 1].name;
    const opened = { start: this.opened[depth - 1] + 1, end: this.opened[depth - 1] + 1 + open.length };
    const related = { span: opened, message: `<${open}> is opened here.` };
    const line = this.lineOf(opened.start);
    if (name !== '' && this.records.some((record, i) => i < depth - 1 && record.name === name)) {
      return this.fail(nameSpan, `<${open}> from line ${line} has no end tag before </${name}>. Fix: add </${open}> before </${name}>.`, related);
    }
    return this.fail(name === '' ? { start: lt, end: lt + 2 } : nameSpan, `</${name || '…'}> does not close <${open}> from line ${line}. `
      + `Fix: write </${open}>, or correct the start tag’s name.`, related);
  }

  /** `<!--`, `<![CDATA[` and `<!DOCTYPE`. */
  private bang(lt: number): number {
    const text = this.text;
    const depth = this.records.length;
    if (depth === 0) this.sawMarkup = true;
    if (text.startsWith('<!--', lt)) {
      const dashes = text.indexOf('--', lt + 4);
      if (dashes === -1) return this.cutOff(lt, 'a comment', 'Close the comment with -->.');
      if (text.charCodeAt(dashes + 2) !== 62) {
        return this.fail({ start: dashes, end: dashes + 2 }, '“--” inside a comment. Fix: comments may not contain two hyphens in a row; remove one.');
      }
      return dashes + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (depth === 0) {
        return this.fail({ start: lt, end: lt + 9 }, 'A CDATA section outside the root element. Fix: move it inside an element or delete it.');
      }
      const close = text.indexOf(']]>', lt + 9);
      if (close === -1) return this.cutOff(lt, 'a CDATA section', 'Close the CDATA section with ]]>.');
      const capture = this.capture;
      if (capture && depth === capture.depth) capture.value += text.slice(lt + 9, close);
      return close + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt)) return this.doctypeDeclaration(lt);
    return this.fail({ start: lt, end: lt + 2 }, '“<!” starts no comment (<!-- -->) or CDATA section (<![CDATA[ ]]>). Fix: complete it, or write “<” as &lt;.');
  }

  /**
   * Reported and skipped, never applied: its entity declarations could expand to anything
   * (billion laughs, external files). References to its entities stay as written.
   */
  private doctypeDeclaration(lt: number): number {
    const text = this.text;
    const span = { start: lt + 2, end: lt + 9 };
    if (this.rootSeen) return this.fail(span, 'A DOCTYPE inside the document. Fix: delete it; Salesforce metadata never has one.');
    let k = lt + 9;
    let inSubset = false;
    let end = -1;
    let entities = false;
    while (k < text.length && end === -1) {
      const c = text.charCodeAt(k);
      if (c === 34 || c === 39) {
        const close = text.indexOf(c === 34 ? '"' : "'", k + 1);
        k = close === -1 ? text.length : close + 1;
      } else if (inSubset && text.startsWith('<!--', k)) {
        const close = text.indexOf('-->', k + 4);
        k = close === -1 ? text.length : close + 3;
      } else {
        if (c === 91) inSubset = true;
        else if (c === 93) inSubset = false;
        else if (c === 62 && !inSubset) end = k;
        else if (inSubset && text.startsWith('<!ENTITY', k)) entities = true;
        k++;
      }
    }
    this.error ??= {
      span,
      message: `A DOCTYPE${entities ? ' with entity declarations' : ''}: Salesforce metadata never has one, and its declarations are not applied here `
        + '(entities stay unexpanded). Fix: delete the DOCTYPE, from <!DOCTYPE to its closing “>”.',
    };
    this.doctype = true;
    if (end === -1) {
      this.stoppedAt = lt;
      return -1;
    }
    return end + 1;
  }

  /** `<?target …?>`: an XML declaration only at the very start. */
  private instruction(lt: number): number {
    const text = this.text;
    if (this.records.length === 0) this.sawMarkup = true;
    let k = lt + 2;
    while (isNameChar(text.charCodeAt(k))) k++;
    const target = text.slice(lt + 2, k);
    if (target === '') return this.fail({ start: lt, end: lt + 2 }, '“<?” without a name. Fix: write the XML declaration as <?xml version="1.0" encoding="UTF-8"?>.');
    if (target.toLowerCase() === 'xml' && lt !== this.bomEnd) {
      return this.fail({ start: lt, end: k }, 'An XML declaration (<?xml …?>) that is not at the very start of the file. '
        + 'Fix: move it to the first line, with nothing before it, or delete it.');
    }
    const close = text.indexOf('?>', k);
    if (close === -1) return this.cutOff(lt, `<?${target}`, 'Close it with ?>.');
    return close + 2;
  }

  /** The text ends inside something that started at `start`. */
  private cutOff(start: number, what: string, fix = 'Restore the end of the file, or close what is open.'): number {
    const end = this.text.length;
    return this.fail({ start, end: Math.min(end, start + 2) }, `The file ends inside ${what} (it looks cut off). Fix: ${fix}`);
  }

  /** At the end of the text: everything opened must be closed, and there must be a root. */
  private finish(): RunResult {
    const depth = this.records.length;
    const end = this.text.length;
    if (depth > 0) {
      const open = this.records[depth - 1].name;
      const opened = { start: this.opened[depth - 1] + 1, end: this.opened[depth - 1] + 1 + open.length };
      this.fail({ start: end, end }, `The file ends inside <${open}> from line ${this.lineOf(opened.start)} (it looks cut off). `
        + `Fix: restore the end of the file, or close what is open, ending with </${this.records[0].name}>.`, { span: opened, message: `<${open}> is opened here.` });
      return 'error';
    }
    if (!this.rootSeen && this.sawMarkup) {
      this.fail({ start: end, end }, 'The file has no root element. Fix: a profile is <Profile xmlns="http://soap.sforce.com/2006/04/metadata">…</Profile>.');
      return 'error';
    }
    return 'done';
  }

  /** The whitespace before the first child, when it begins its line, is the file's indentation unit. */
  private learnIndent(lt: number): void {
    this.indentKnown = true;
    const text = this.text;
    let k = lt;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    const before = text.charCodeAt(k - 1);
    if (k < lt && (before === 10 || before === 13)) this.indent = text.slice(k, lt);
  }
}

/**
 * Reads a profile or permission set file. An empty (or whitespace-only) text is not an error: there is
 * nothing yet (a guess at what is least noisy while a file is being created). `tagByTag` reads every
 * tag, never recognizing a child by its shape: the same result, slower; the tests compare the two.
 */
export function scanMetadataXml(text: string, options: { tagByTag?: boolean } = {}): MetadataScan {
  const scanner = new Scanner(text, options.tagByTag);
  scanner.run(scanner.bomEnd);
  return scanner.result();
}

/** The index of the first element of a sorted array that is ≥ value (the array's length if none is). */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

const shiftSpan = (span: Span, delta: number): Span => ({ start: span.start + delta, end: span.end + delta });

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
 * The incremental part of rescanMetadataXml: re-reads only the root's children that the edit touches,
 * from the start of the child before the edit to the start of the child (or the root's end tag) after
 * it, where the reader's state is known to be just "inside the root". Undefined when that cannot be
 * decided that way (the edit touches the prolog or the root's tags, the first license element went
 * missing, or the re-read region does not end where it should): then a full scan is needed.
 */
export function rescanRegion(
  previous: MetadataScan, newText: string, change: { offset: number; removedLength: number; insertedText: string },
): MetadataScan | undefined {
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
  if (newText.charCodeAt(regionEnd + delta) !== 60 || offset + insertedText.length > newText.length) return undefined;

  const scanner = new Scanner(newText);
  scanner.enterRoot(previous, newText.slice(rootSpan.start, rootSpan.end), rootSpan.start - 1);
  const prefixLicense = previous.license && previous.license.span.start < regionStart ? previous.license : undefined;
  scanner.licenseSeen = prefixLicense !== undefined;
  if (prefixLicense) scanner.license = prefixLicense;

  const outcome = scanner.run(regionStart, regionEnd + delta);
  if (outcome === 'overrun' || outcome === 'done') return undefined;
  const permissions = previous.permissions;
  const firstInRegion = lowerBoundBy(permissions, regionStart);
  const firstAfter = lowerBoundBy(permissions, regionEnd);
  scanner.permissions = [...permissions.slice(0, firstInRegion), ...scanner.permissions];
  const regionChildren = scanner.childStarts;
  scanner.childStarts = childStarts.slice(0, first).concat(regionChildren);
  if (outcome === 'error') return scanner.result();

  for (let i = firstAfter; i < permissions.length; i++) scanner.permissions.push(delta === 0 ? permissions[i] : shiftEntry(permissions[i], delta));
  for (let i = after; i < childStarts.length; i++) scanner.childStarts.push(childStarts[i] + delta);
  scanner.rootClose = shiftSpan(rootClose, delta);
  if (!scanner.license && previous.license) {
    // The first license element was inside the re-read region and is gone: a later one may now be first.
    if (previous.license.span.start < regionEnd) return undefined;
    scanner.license = { value: previous.license.value, span: shiftSpan(previous.license.span, delta) };
  }
  return scanner.result();
}

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

/**
 * Re-scans after one edit (VS Code's content change: offset, removed length, inserted text), re-reading
 * only the part the edit can affect when that can be decided, else the whole text. Gives what
 * scanMetadataXml(newText) gives.
 */
export function rescanMetadataXml(
  previous: MetadataScan, newText: string, change: { offset: number; removedLength: number; insertedText: string },
): MetadataScan {
  return rescanRegion(previous, newText, change) ?? scanMetadataXml(newText);
}
