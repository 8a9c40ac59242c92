/**
 * A position-aware reader of Salesforce profile and permission set metadata XML
 * (`*.profile-meta.xml`, `*.permissionset-meta.xml`). One forward pass driven by indexOf keeps only
 * what the audit and its fixes need (the root, the license, each `<userPermissions>` block with the
 * offsets of its `<name>` and `<enabled>`) and checks well-formedness cheaply on the way: tag balance
 * by name, attribute quoting, comments, CDATA sections, processing instructions, entity references,
 * and Namespaces in XML (elements are matched by namespace and local name: elementRecords.ts), but not
 * characters XML forbids in text, non-ASCII name characters, "]]>" in text, or colons in processing
 * instruction targets and entity names. No DOM is built. Once a child of the root has been read tag
 * by tag, the next children of the same shape are recognized whole (rootChildShapes.ts), which is most
 * of a profile: a 10 MB one takes about as long as finding every '<' in it
 * (test/bench/profileXml.bench.ts). After an edit, only the children it touches are read again
 * (rescan.ts).
 *
 * Entities are never expanded: a DOCTYPE is reported (Salesforce metadata never has one) and skipped,
 * and text decodes only XML's five predefined entities and character references.
 */
import * as l10n from '@vscode/l10n';
import { documentRecord, type ElementRecord, recordFor, Role } from './elementRecords';
import { LineIndex } from './lineIndex';
import { OffsetList } from './offsetList';
import { attributeNamespace, attributeValue, type Declaration, declarationProblem, declaredPrefix, localNameOf, nameProblem } from './namespaces';
import { type OpenBlock, permissionEntry, setEnabled, type ValueRead } from './permissionEntry';
import { RootChildShapes } from './rootChildShapes';
import { Ampersands, Char, decodeReferences, isNameChar, isNameStart, isSpace, isXmlChar, predefinedEntities } from './xmlSyntax';

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
  /** The root element's name in its start tag (with its prefix, if it has one). */
  rootSpan?: Span;
  /**
   * The root element's namespace ('' for none) and its name without a prefix: `kind` is 'unknown' for a
   * root named other than Profile or PermissionSet, or in a namespace other than Salesforce's metadata
   * namespace (http://soap.sforce.com/2006/04/metadata); a root in no namespace is read as in that one.
   */
  rootName?: { namespace: string; localName: string };
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
  childStarts: Int32Array;
  /** The root's end tag (`</Profile>`) inclusive, once read. */
  rootClose?: Span;
}

const defaultIndent = '    ';
const commentOpen = '<!--';
const cdataOpen = '<![CDATA[';
const doctypeOpen = '<!DOCTYPE';

/** An element whose text is being collected: a block's `<name>` or `<enabled>`, or the license. */
interface Capture {
  target: 'name' | 'enabled' | 'license';
  /** The stack depth inside the element: text directly in it counts, text in its children does not. */
  depth: number;
  elementStart: number;
  contentStart: number;
  value: string;
}

/** An attribute of the start tag being read: its name, where that starts, and its value's text as written. */
interface Attribute {
  name: string;
  start: number;
  valueStart: number;
  valueEnd: number;
}

/** How a run ended: at the end of the text, at an error, or (a rescan) at the tag it was to stop at, or past it. */
export type RunResult = 'done' | 'error' | 'reached' | 'overrun';

/**
 * A message as it may be shown: names and values quoted from the file are cut at 80 characters, so a
 * hostile 100 KB element name makes a short message.
 */
const quoted = (message: string) => message.replace(/\S{81,}/g, (word) => `${word.slice(0, 80)}…`);

/** Reads one text tag by tag (with the help of learned shapes, unless told not to). */
export class Scanner {
  private kind: MetadataScan['kind'] = 'unknown';
  private rootSpan?: Span;
  private rootName?: MetadataScan['rootName'];
  private rootSeen = false;
  private rootClose?: Span;
  private license?: { value: string; span: Span };
  private licenseSeen = false;
  private readonly permissions: PermissionEntry[] = [];
  private readonly childStarts = new OffsetList();
  private error?: MetadataScanError;
  private stoppedAt?: number;
  private readonly eol: '\n' | '\r\n';
  private indent = defaultIndent;
  private indentKnown = false;
  private readonly document = documentRecord();
  /** The open elements, outermost first, and where each start tag begins. */
  private readonly records: ElementRecord[] = [];
  private readonly opened: number[] = [];
  /** The start of the text after a BOM: the only place an XML declaration may be. */
  readonly bomEnd: number;
  /** Whether anything but whitespace came before the root (a file of only that has no root). */
  private sawMarkup = false;
  private doctype = false;
  private readonly ampersands: Ampersands;
  private block?: OpenBlock;
  private capture?: Capture;
  /** Set by tagEnd: whether the tag just read was `<x/>`. */
  private selfClosing = false;
  /**
   * The shapes of children of this root; none in a document with a DOCTYPE, whose entities could make the
   * same markup mean something else in another document.
   */
  private shapes?: RootChildShapes;

  /** With `tagByTag`, no learned shapes: every tag is read (what the shapes are tested against). */
  constructor(private readonly text: string, private readonly tagByTag = false) {
    this.bomEnd = text.charCodeAt(0) === Char.byteOrderMark ? 1 : 0;
    const newline = text.indexOf('\n');
    this.eol = newline > 0 && text.charCodeAt(newline - 1) === Char.carriageReturn ? '\r\n' : '\n';
    this.ampersands = new Ampersands(text);
  }

  /**
   * Reads the root's start tag at `lt`, to read on inside the root from a later offset (a rescan);
   * false if there is no start tag there.
   */
  openRootAt(lt: number): boolean {
    return this.text.charCodeAt(lt) === Char.lessThan && this.startTag(lt) >= 0;
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
      const known = this.records.length === 1 && this.shapes !== undefined ? this.knownChildren(this.shapes, lt, stopAt) : -1;
      pos = known !== -1 ? known : this.markup(lt);
      if (pos < 0) return 'error';
    }
  }

  /** What was read. */
  result(): MetadataScan {
    const scan: MetadataScan = { kind: this.kind, permissions: this.permissions, eol: this.eol, indent: this.indent, childStarts: this.childStarts.toArray() };
    if (this.rootSpan) scan.rootSpan = this.rootSpan;
    if (this.rootName) scan.rootName = this.rootName;
    if (this.license) scan.license = this.license;
    if (this.error) scan.error = this.error;
    if (this.stoppedAt !== undefined) scan.stoppedAt = this.stoppedAt;
    if (this.rootClose) scan.rootClose = this.rootClose;
    return scan;
  }

  /** Reads one tag, comment, CDATA section, DOCTYPE or processing instruction; returns the offset after it, or -1. */
  private markup(lt: number): number {
    const c = this.text.charCodeAt(lt + 1);
    if (c === Char.exclamation) return this.bang(lt);
    if (c === Char.question) return this.instruction(lt);
    return c === Char.slash ? this.endTag(lt) : this.startTag(lt);
  }

  /** Children of the root from `lt` on, recognized by their shapes (RootChildShapes.replay). */
  private knownChildren(shapes: RootChildShapes, lt: number, stopAt: number): number {
    const end = shapes.replay(this.text, lt, stopAt, this.childStarts, this.permissions, this.ampersands);
    if (end !== -1 && !this.indentKnown) this.learnIndent(lt);
    return end;
  }

  /** Records the first problem and stops reading; returns -1 for the callers to pass on. */
  private fail(span: Span, message: string, related?: MetadataScanError['related']): number {
    this.error ??= related ? { span, message: quoted(message), related: { ...related, message: quoted(related.message) } } : { span, message: quoted(message) };
    this.stoppedAt = span.start;
    return -1;
  }

  private lineOf(offset: number): number {
    return new LineIndex(this.text).position(offset).line + 1;
  }

  /** Text between markup: only whitespace outside the root; inside, '&' must start a reference, and a captured element keeps it. */
  private textRun(start: number, end: number): boolean {
    if (this.records.length > 0) {
      if (this.ampersands.from(start) < end && !this.references(start, end)) return false;
      if (this.capture !== undefined && this.capture.depth === this.records.length) this.captureText(start, end);
      return true;
    }
    const text = this.text;
    for (let i = start; i < end; i++) {
      if (!isSpace(text.charCodeAt(i))) {
        let stop = i;
        while (stop < end && !isSpace(text.charCodeAt(stop))) stop++;
        this.fail({ start: i, end: stop }, this.rootSeen
          ? l10n.t('Text outside the root element, after its end tag. Fix: delete it; a metadata file holds one element (such as <Profile>) and nothing else but comments.')
          : l10n.t('Text outside the root element. Fix: delete it; a metadata file holds one element (such as <Profile>) and nothing else but comments.'));
        return false;
      }
    }
    return true;
  }

  /** Every '&' in a text run must start a reference. */
  private references(start: number, end: number): boolean {
    for (let at = this.ampersands.from(start); at < end;) {
      const after = this.reference(at);
      if (after < 0) return false;
      at = this.ampersands.from(after);
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
    if (text.charCodeAt(k) === Char.hash) {
      const hex = text.charCodeAt(k + 1) === Char.lowercaseX;
      k += hex ? 2 : 1;
      const digitsStart = k;
      const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
      while (k < text.length && digit.test(text[k])) k++;
      const code = parseInt(text.slice(digitsStart, k), hex ? 16 : 10);
      if (k > digitsStart && text.charCodeAt(k) === Char.semicolon && isXmlChar(code)) return k + 1;
      return this.fail({ start: at, end: Math.min(k + 1, text.length) }, l10n.t('“{0}” is not a character reference to a character XML allows. Fix: write the character itself, or a reference such as &#65; or &#x41;.', text.slice(at, k + 1)));
    }
    if (isNameStart(text.charCodeAt(k))) {
      while (isNameChar(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === Char.semicolon) {
        const name = text.slice(at + 1, k);
        if (name in predefinedEntities || this.doctype) return k + 1;
        return this.fail({ start: at, end: k + 1 }, l10n.t('The entity &{0}; is not one of XML’s five (&amp; &lt; &gt; &quot; &apos;), and entities are never expanded here. Fix: write the text it stands for.', name));
      }
    }
    return this.fail({ start: at, end: at + 1 }, l10n.t('A “&” that starts no entity reference. Fix: write it as &amp;.'));
  }

  private startTag(lt: number): number {
    const text = this.text;
    const depth = this.records.length;
    if (!isNameStart(text.charCodeAt(lt + 1))) {
      return this.fail({ start: lt, end: lt + 1 }, l10n.t('A “<” that starts no tag. Fix: write it as &lt; in text, or complete the tag.'));
    }
    let j = lt + 2;
    while (isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(lt + 1, j);
    const attributes: Attribute[] | undefined = text.charCodeAt(j) === Char.greaterThan ? undefined : [];
    const gt = attributes === undefined ? j : this.tagEnd(lt, j, name, attributes);
    if (gt < 0) return -1;
    const selfClosing = gt !== j && this.selfClosing;
    if (depth === 0 && this.rootSeen) {
      return this.fail({ start: lt + 1, end: j }, l10n.t('A second root element <{0}>. Fix: a metadata file holds one root element; move this inside it or delete it.', name));
    }
    const parent = depth === 0 ? this.document : this.records[depth - 1];
    const record = attributes === undefined || attributes.length === 0 ? recordFor(parent, name) : this.recordWithAttributes(parent, name, attributes);
    if (record === undefined) return -1;
    if (record.namespace === undefined) return this.fail({ start: lt + 1, end: j }, nameProblem(name, record.scope) as string);
    if (depth === 0) this.openRoot(lt, record);
    this.openElement(record, lt, gt, selfClosing);
    return gt + 1;
  }

  /**
   * The record of an element whose start tag has attributes: its namespace declarations checked and
   * applied, then its name and its attributes' names checked against them. Undefined after a problem.
   */
  private recordWithAttributes(parent: ElementRecord, name: string, attributes: readonly Attribute[]): ElementRecord | undefined {
    const text = this.text;
    let declarations: Declaration[] | undefined;
    for (const { name: attribute, start, valueStart, valueEnd } of attributes) {
      const prefix = declaredPrefix(attribute);
      if (prefix === undefined) continue;
      const declaration = { prefix, namespace: attributeValue(text.slice(valueStart, valueEnd)) };
      const problem = declarationProblem(declaration);
      if (problem !== undefined) {
        this.fail({ start, end: start + attribute.length }, problem);
        return undefined;
      }
      (declarations ??= []).push(declaration);
    }
    const record = recordFor(parent, name, declarations);
    // An element name that breaks the namespace rules is reported by startTag first.
    if (record.namespace === undefined) return record;
    const expanded = new Map<string, string>();
    for (const { name: attribute, start } of attributes) {
      const span = { start, end: start + attribute.length };
      const problem = nameProblem(attribute, record.scope, true);
      if (problem !== undefined) {
        this.fail(span, problem);
        return undefined;
      }
      if (!attribute.includes(':')) continue;
      const namespace = attributeNamespace(attribute, record.scope);
      const key = `${namespace} ${localNameOf(attribute)}`;
      const same = expanded.get(key);
      if (same !== undefined) {
        this.fail(span, l10n.t('The attributes {0} and {1} of <{2}> are the same attribute: both prefixes name {3}. Fix: keep one.', same, attribute, name, namespace));
        return undefined;
      }
      expanded.set(key, attribute);
    }
    return record;
  }

  private openElement(record: ElementRecord, lt: number, gt: number, selfClosing: boolean): void {
    const childOfRoot = this.records.length === 1;
    const shapes = this.shapes;
    if (childOfRoot) {
      this.childStarts.push(lt);
      if (!this.indentKnown) this.learnIndent(lt);
      // The license is read once, so its shape would not say what to do with the next one.
      shapes?.childStarted(record.name, lt, record.role !== Role.license);
    }
    shapes?.startTagRead(selfClosing ? -1 : gt + 1);
    if (record.role !== Role.none) this.openRole(record.role, lt, gt, selfClosing);
    if (!selfClosing) {
      this.records.push(record);
      this.opened.push(lt);
    } else if (childOfRoot) shapes?.childEnded(this.text, gt + 1, undefined);
  }

  private openRoot(lt: number, record: ElementRecord): void {
    this.rootSeen = true;
    this.rootSpan = { start: lt + 1, end: lt + 1 + record.name.length };
    this.rootName = { namespace: record.namespace as string, localName: record.localName };
    const { localName } = record;
    this.kind = record.metadata && (localName === 'Profile' || localName === 'PermissionSet') ? localName : 'unknown';
    if (!this.doctype && !this.tagByTag) this.shapes = new RootChildShapes(record.key);
  }

  private openRole(role: Role, lt: number, gt: number, selfClosing: boolean): void {
    if (role === Role.block) {
      if (!selfClosing) this.block = { start: lt, name: undefined, enabled: undefined };
    } else if (role === Role.license) {
      if (!this.licenseSeen) {
        this.licenseSeen = true;
        this.beginCapture('license', lt, gt, selfClosing);
      }
    } else if (this.block !== undefined && this.records.length === 2) {
      // <name> and <enabled> directly in the block being read; the first of each counts.
      if (role === Role.name && !this.block.name) this.beginCapture('name', lt, gt, selfClosing);
      else if (role === Role.enabled && !this.block.enabled) this.beginCapture('enabled', lt, gt, selfClosing);
    }
  }

  /** Reads the attributes after a start tag's name into `attributes`; returns the offset of its '>' (setting selfClosing), or -1. */
  private tagEnd(lt: number, j: number, name: string, attributes: Attribute[]): number {
    const text = this.text;
    let k = j;
    for (;;) {
      let c = text.charCodeAt(k);
      const spaced = isSpace(c);
      while (isSpace(c)) c = text.charCodeAt(++k);
      if (c === Char.greaterThan) {
        this.selfClosing = false;
        return k;
      }
      if (c === Char.slash && text.charCodeAt(k + 1) === Char.greaterThan) {
        this.selfClosing = true;
        return k + 1;
      }
      if (Number.isNaN(c)) return this.cutOff(lt, l10n.t('the start tag <{0}', name));
      if (!spaced || !isNameStart(c)) {
        return this.fail({ start: k, end: k + 1 }, l10n.t('Expected an attribute or “>” in the start tag <{0}>. Fix: complete the tag as <{0}>.', name));
      }
      const attributeStart = k;
      while (isNameChar(text.charCodeAt(++k)));
      const attribute = text.slice(attributeStart, k);
      const attributeSpan = { start: attributeStart, end: k };
      if (attributes.some((other) => other.name === attribute)) return this.fail(attributeSpan, l10n.t('The attribute {0} appears twice in <{1}>. Fix: keep one.', attribute, name));
      while (isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== Char.equals) return this.fail(attributeSpan, l10n.t('The attribute {0} has no value. Fix: write {0}="…".', attribute));
      k++;
      while (isSpace(text.charCodeAt(k))) k++;
      const quote = text.charCodeAt(k);
      if (quote !== Char.doubleQuote && quote !== Char.singleQuote) {
        return this.fail(attributeSpan, l10n.t('The value of the attribute {0} is not in quotes. Fix: write {0}="…".', attribute));
      }
      const close = text.indexOf(quote === Char.doubleQuote ? '"' : "'", k + 1);
      if (close === -1) return this.cutOff(lt, l10n.t('the value of the attribute {0}', attribute));
      const lessThan = text.indexOf('<', k + 1);
      if (lessThan !== -1 && lessThan < close) {
        return this.fail({ start: lessThan, end: lessThan + 1 }, l10n.t('A “<” inside the value of the attribute {0}. Fix: close the value with its quote, or write the character as &lt;.', attribute));
      }
      // Char by char: indexOf('&') would look through the rest of the file when the value has none.
      for (let i = k + 1; i < close; i++) {
        if (text.charCodeAt(i) === Char.ampersand && this.reference(i) < 0) return -1;
      }
      attributes.push({ name: attribute, start: attributeStart, valueStart: k + 1, valueEnd: close });
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
    if (text.charCodeAt(k) !== Char.greaterThan) {
      if (k >= text.length) return this.cutOff(lt, l10n.t('the end tag </{0}', record.name));
      return this.fail({ start: k, end: k + 1 }, l10n.t('Expected “>” to end </{0}>. Fix: write </{0}>.', record.name));
    }
    this.closeElement(record, lt, k + 1);
    return k + 1;
  }

  private closeElement(record: ElementRecord, lt: number, end: number): void {
    this.shapes?.endTagRead(lt);
    const block = this.block;
    this.records.pop();
    this.opened.pop();
    if (record.role !== Role.none) this.closeRole(record.role, lt, end);
    if (this.records.length === 1) this.shapes?.childEnded(this.text, end, block);
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
    if (role === Role.block && this.block !== undefined) {
      const { name, enabled } = this.block;
      const entry = name && permissionEntry({ start: this.block.start, end }, name.value, name.span, name.element);
      this.block = undefined;
      if (entry) {
        if (enabled) setEnabled(entry, enabled.value, enabled.span, enabled.element);
        this.permissions.push(entry);
      }
    } else if (role === Role.root) {
      this.rootClose = { start: lt, end };
    }
  }

  /** An end tag that does not close the open element. */
  private wrongEndTag(lt: number): number {
    const text = this.text;
    const depth = this.records.length;
    let k = lt + 2;
    while (isNameChar(text.charCodeAt(k))) k++;
    if (k >= text.length) return this.cutOff(lt, l10n.t('an end tag'));
    const nameSpan = { start: lt + 2, end: k };
    const name = text.slice(lt + 2, k);
    if (depth === 0) return this.fail(nameSpan, l10n.t('The end tag </{0}> closes nothing: no element is open here. Fix: delete it.', name));
    const open = this.records[depth - 1].name;
    const opened = { start: this.opened[depth - 1] + 1, end: this.opened[depth - 1] + 1 + open.length };
    const related = { span: opened, message: l10n.t('<{0}> is opened here.', open) };
    const line = this.lineOf(opened.start);
    if (name !== '' && this.records.some((record, i) => i < depth - 1 && record.name === name)) {
      return this.fail(nameSpan, l10n.t('<{0}> from line {1} has no end tag before </{2}>. Fix: add </{0}> before </{2}>.', open, line, name), related);
    }
    return this.fail(name === '' ? { start: lt, end: lt + 2 } : nameSpan, l10n.t('</{0}> does not close <{1}> from line {2}. Fix: write </{1}>, or correct the start tag’s name.', name || '…', open, line), related);
  }

  /** `<!--`, `<![CDATA[` and `<!DOCTYPE`. */
  private bang(lt: number): number {
    const text = this.text;
    const depth = this.records.length;
    if (depth === 0) this.sawMarkup = true;
    if (text.startsWith(commentOpen, lt)) {
      const dashes = text.indexOf('--', lt + commentOpen.length);
      if (dashes === -1) return this.cutOff(lt, l10n.t('a comment'), l10n.t('Close the comment with -->.'));
      if (text.charCodeAt(dashes + 2) !== Char.greaterThan) {
        return this.fail({ start: dashes, end: dashes + 2 }, l10n.t('“--” inside a comment. Fix: comments may not contain two hyphens in a row; remove one.'));
      }
      return dashes + '-->'.length;
    }
    if (text.startsWith(cdataOpen, lt)) {
      const contentStart = lt + cdataOpen.length;
      if (depth === 0) {
        return this.fail({ start: lt, end: contentStart }, l10n.t('A CDATA section outside the root element. Fix: move it inside an element or delete it.'));
      }
      const close = text.indexOf(']]>', contentStart);
      if (close === -1) return this.cutOff(lt, l10n.t('a CDATA section'), l10n.t('Close the CDATA section with ]]>.'));
      const capture = this.capture;
      if (capture && depth === capture.depth) capture.value += text.slice(contentStart, close);
      return close + ']]>'.length;
    }
    if (text.startsWith(doctypeOpen, lt)) return this.doctypeDeclaration(lt);
    return this.fail({ start: lt, end: lt + 2 }, l10n.t('“<!” starts no comment (<!-- -->) or CDATA section (<![CDATA[ ]]>). Fix: complete it, or write “<” as &lt;.'));
  }

  /**
   * Reported and skipped, never applied: its entity declarations could expand to anything
   * (billion laughs, external files). References to its entities stay as written.
   */
  private doctypeDeclaration(lt: number): number {
    const text = this.text;
    const span = { start: lt + '<!'.length, end: lt + doctypeOpen.length };
    if (this.rootSeen) return this.fail(span, l10n.t('A DOCTYPE inside the document. Fix: delete it; Salesforce metadata never has one.'));
    let k = span.end;
    let inSubset = false;
    let end = -1;
    let entities = false;
    while (k < text.length && end === -1) {
      const c = text.charCodeAt(k);
      if (c === Char.doubleQuote || c === Char.singleQuote) {
        const close = text.indexOf(c === Char.doubleQuote ? '"' : "'", k + 1);
        k = close === -1 ? text.length : close + 1;
      } else if (inSubset && text.startsWith(commentOpen, k)) {
        const close = text.indexOf('-->', k + commentOpen.length);
        k = close === -1 ? text.length : close + '-->'.length;
      } else {
        if (c === Char.leftBracket) inSubset = true;
        else if (c === Char.rightBracket) inSubset = false;
        else if (c === Char.greaterThan && !inSubset) end = k;
        else if (inSubset && text.startsWith('<!ENTITY', k)) entities = true;
        k++;
      }
    }
    this.error ??= {
      span,
      message: entities
        ? l10n.t('A DOCTYPE with entity declarations: Salesforce metadata never has one, and its declarations are not applied here (entities stay unexpanded). Fix: delete the DOCTYPE, from <!DOCTYPE to its closing “>”.')
        : l10n.t('A DOCTYPE: Salesforce metadata never has one, and its declarations are not applied here (entities stay unexpanded). Fix: delete the DOCTYPE, from <!DOCTYPE to its closing “>”.'),
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
    if (target === '') return this.fail({ start: lt, end: lt + 2 }, l10n.t('“<?” without a name. Fix: write the XML declaration as <?xml version="1.0" encoding="UTF-8"?>.'));
    if (target.toLowerCase() === 'xml' && lt !== this.bomEnd) {
      return this.fail({ start: lt, end: k }, l10n.t('An XML declaration (<?xml …?>) that is not at the very start of the file. Fix: move it to the first line, with nothing before it, or delete it.'));
    }
    const close = text.indexOf('?>', k);
    if (close === -1) return this.cutOff(lt, `<?${target}`, l10n.t('Close it with ?>.'));
    return close + 2;
  }

  /** The text ends inside something that started at `start`. */
  private cutOff(start: number, what: string, fix = l10n.t('Restore the end of the file, or close what is open.')): number {
    const end = this.text.length;
    return this.fail({ start, end: Math.min(end, start + 2) }, l10n.t('The file ends inside {0} (it looks cut off). Fix: {1}', what, fix));
  }

  /** At the end of the text: everything opened must be closed, and there must be a root. */
  private finish(): RunResult {
    const depth = this.records.length;
    const end = this.text.length;
    if (depth > 0) {
      const open = this.records[depth - 1].name;
      const opened = { start: this.opened[depth - 1] + 1, end: this.opened[depth - 1] + 1 + open.length };
      this.fail({ start: end, end }, l10n.t('The file ends inside <{0}> from line {1} (it looks cut off). Fix: restore the end of the file, or close what is open, ending with </{2}>.', open, this.lineOf(opened.start), this.records[0].name), { span: opened, message: l10n.t('<{0}> is opened here.', open) });
      return 'error';
    }
    if (!this.rootSeen) {
      this.fail({ start: end, end }, this.sawMarkup
        ? l10n.t('The file has no root element. Fix: a profile is <Profile xmlns="http://soap.sforce.com/2006/04/metadata">…</Profile>; retrieve the file again from the org, or delete it.')
        : l10n.t('The file is empty: it has no root element. Fix: a profile is <Profile xmlns="http://soap.sforce.com/2006/04/metadata">…</Profile>; retrieve the file again from the org, or delete it.'));
      return 'error';
    }
    return 'done';
  }

  /** The whitespace before the first child, when it begins its line, is the file's indentation unit. */
  private learnIndent(lt: number): void {
    this.indentKnown = true;
    const text = this.text;
    let k = lt;
    while (k > 0 && (text.charCodeAt(k - 1) === Char.space || text.charCodeAt(k - 1) === Char.tab)) k--;
    const before = text.charCodeAt(k - 1);
    if (k < lt && (before === Char.lineFeed || before === Char.carriageReturn)) this.indent = text.slice(k, lt);
  }
}

/**
 * Reads a profile or permission set file. An empty (or whitespace-only) one is not well-formed: it has
 * no root element, and saying nothing would pass it. `tagByTag` reads every tag, never recognizing a
 * child by its shape: the same result, slower; the tests compare the two.
 */
export function scanMetadataXml(text: string, options: { tagByTag?: boolean } = {}): MetadataScan {
  const scanner = new Scanner(text, options.tagByTag);
  scanner.run(scanner.bomEnd);
  return scanner.result();
}
