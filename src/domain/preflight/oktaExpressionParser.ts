/**
 * Parser for Okta Expression Language (EL), the language of Okta's profile-mapping expressions.
 *
 * Okta describes EL as "based on SpEL and uses a subset of the functionalities offered by SpEL"
 * (Okta Expression Language overview, https://developer.okta.com/docs/reference/okta-expression-language/).
 * Its Identity Engine page lists the SpEL features Okta does not support: increment/decrement,
 * instanceof, between, assignment, bean, constructor, function, type and variable references
 * (https://developer.okta.com/docs/reference/okta-expression-language-in-identity-engine/).
 *
 * Why our own recursive-descent parser and not the `spel2js` package: we evaluate a small, fixed
 * subset (what mappings use), and everything outside it must come back as "not evaluated" with
 * its position, never run. spel2js implements all of SpEL (assignment, projections, method calls
 * on any object) which we would have to fence off again; it is unmaintained since 2020 and would be
 * our only runtime dependency in the domain layer. This file is a few hundred lines we can read.
 *
 * Every token records its character offset, so a parse error says where and what was expected.
 */
import * as l10n from '@vscode/l10n';

/** A bound on the text we parse: mapping expressions seen in practice are well under 1,000
 * characters; 8,192 leaves room for long `String.stringSwitch` tables while keeping a hostile
 * input from costing more than a few milliseconds. */
export const maxExpressionLength = 8192;
/** A bound on nesting (parentheses, calls, unary operators, ternaries). Recursive descent uses one
 * JS stack frame set per level; 64 is far beyond any real mapping and far below Node's stack. */
export const maxNestingDepth = 64;

export type NumberKind = 'int' | 'double';

export type ExprNode =
  | { type: 'literal'; value: string | boolean | null; pos: number }
  | { type: 'number'; value: number; kind: NumberKind; pos: number }
  | { type: 'list'; items: ExprNode[]; pos: number }
  | { type: 'identifier'; name: string; pos: number }
  | { type: 'member'; object: ExprNode; name: string; pos: number }
  /** `Namespace.fn(args)` or `value.method(args)`: the evaluator decides which it supports. */
  | { type: 'call'; object: ExprNode; name: string; args: ExprNode[]; pos: number }
  | { type: 'unary'; op: '!' | '-' | '+'; operand: ExprNode; pos: number }
  | { type: 'binary'; op: BinaryOp; left: ExprNode; right: ExprNode; pos: number }
  | { type: 'ternary'; test: ExprNode; then: ExprNode; otherwise: ExprNode; pos: number }
  | { type: 'elvis'; value: ExprNode; fallback: ExprNode; pos: number };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** `unsupported` marks valid SpEL that Okta does not support or that this parser leaves out. */
export interface ParseError {
  message: string;
  position: number;
  unsupported: boolean;
}

export type ParseResult = { ok: true; ast: ExprNode } | { ok: false; error: ParseError };

type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  /** The decoded value of a string literal. */
  value?: string;
}

class ParseFailure extends Error {
  constructor(message: string, readonly position: number, readonly unsupported = false) {
    super(message);
  }
}

/** Longest first, so `<=` is not read as `<` then `=`. */
const operators = ['?:', '?.', '?[', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '(', ')', ',', '.', '{', '}', '?', ':', '<', '>', '+', '-', '*', '/', '%', '!', '[', ']', '=', '#', '@', '$', '^', '&', '|'];

/** SpEL constructs we recognize only to say precisely that they are not evaluated. */
const unsupportedOperators: Record<string, () => string> = {
  '?.': () => l10n.t('the safe-navigation operator ?.'),
  '?[': () => l10n.t('collection selection ?[...]'),
  '[': () => l10n.t('indexing with [...]'),
  '++': () => l10n.t('the increment operator (Okta does not support it)'),
  '--': () => l10n.t('the decrement operator (Okta does not support it)'),
  '=': () => l10n.t('assignment (Okta does not support it; compare with ==)'),
  '#': () => l10n.t('variable and function references with # (Okta does not support them)'),
  '@': () => l10n.t('bean references with @ (Okta does not support them)'),
  '^': () => l10n.t('selection of the first match ^[...]'),
  '$': () => l10n.t('selection of the last match $[...]'),
};
const unsupportedWords: Record<string, () => string> = {
  new: () => l10n.t('constructor references with new (Okta does not support them)'),
  T: () => l10n.t('type references T(...) (Okta does not support them)'),
  instanceof: () => l10n.t('the instanceof operator (Okta does not support it)'),
  between: () => l10n.t('the between operator (Okta does not support it)'),
  matches: () => l10n.t('the regular-expression operator matches'),
  eq: () => l10n.t('the textual operator eq'), ne: () => l10n.t('the textual operator ne'), lt: () => l10n.t('the textual operator lt'),
  gt: () => l10n.t('the textual operator gt'), le: () => l10n.t('the textual operator le'), ge: () => l10n.t('the textual operator ge'),
  div: () => l10n.t('the textual operator div'), mod: () => l10n.t('the textual operator mod'),
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start });
    } else if (/[0-9]/.test(c)) {
      tokens.push(readNumber(text, i));
      i += tokens[tokens.length - 1].text.length;
    } else if (c === '"' || c === "'") {
      const token = readString(text, i);
      tokens.push(token);
      i += token.text.length;
    } else {
      const op = operators.find((candidate) => text.startsWith(candidate, i));
      if (!op) throw new ParseFailure(l10n.t('Unexpected character {0}: expected an attribute, a literal, an operator or a function call.', JSON.stringify(c)), i);
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

function readNumber(text: string, start: number): Token {
  const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?[A-Za-z_]?/.exec(text.slice(start, start + 400));
  const literal = match?.[0] ?? text[start];
  if (/[A-Za-z_]$/.test(literal) && !/[eE][+-]?[0-9]+$/.test(literal)) {
    throw new ParseFailure(l10n.t('The number literal {0} uses a suffix or radix (L, f, d, 0x) that is not evaluated.', literal), start, true);
  }
  return { kind: 'number', text: literal, pos: start };
}

/** SpEL string literals: single or double quotes, the quote doubled to escape it, no backslash escapes. */
function readString(text: string, start: number): Token {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  for (;;) {
    const next = text.indexOf(quote, i);
    if (next < 0) throw new ParseFailure(l10n.t('Unterminated string: expected a closing {0}.', quote), start);
    value += text.slice(i, next);
    if (text[next + 1] === quote) {
      value += quote;
      i = next + 2;
    } else {
      return { kind: 'string', text: text.slice(start, next + 1), pos: start, value };
    }
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): ExprNode {
    if (this.peek().kind === 'end') throw new ParseFailure(l10n.t('The expression is empty: expected an attribute, a literal or a function call.'), 0);
    const node = this.expression();
    const rest = this.peek();
    if (rest.kind !== 'end') this.fail(rest, l10n.t('an operator or the end of the expression'));
    return node;
  }

  private expression(): ExprNode {
    this.enter();
    const test = this.or();
    let result = test;
    const token = this.peek();
    if (this.isOp('?:')) {
      this.index++;
      result = { type: 'elvis', value: test, fallback: this.expression(), pos: token.pos };
    } else if (this.isOp('?')) {
      this.index++;
      const then = this.expression();
      this.expectOp(':', l10n.t('the ":" of the ternary a ? b : c'));
      result = { type: 'ternary', test, then, otherwise: this.expression(), pos: token.pos };
    }
    this.depth--;
    return result;
  }

  private or(): ExprNode {
    let left = this.and();
    while (this.isOp('||') || this.isWord('or')) {
      const pos = this.tokens[this.index++].pos;
      left = { type: 'binary', op: '||', left, right: this.and(), pos };
    }
    return left;
  }

  private and(): ExprNode {
    let left = this.relational();
    while (this.isOp('&&') || this.isWord('and')) {
      const pos = this.tokens[this.index++].pos;
      left = { type: 'binary', op: '&&', left, right: this.relational(), pos };
    }
    return left;
  }

  private relational(): ExprNode {
    const left = this.additive();
    const token = this.peek();
    if (token.kind === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(token.text)) {
      this.index++;
      return { type: 'binary', op: token.text as BinaryOp, left, right: this.additive(), pos: token.pos };
    }
    return left;
  }

  private additive(): ExprNode {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const token = this.tokens[this.index++];
      left = { type: 'binary', op: token.text as BinaryOp, left, right: this.multiplicative(), pos: token.pos };
    }
    return left;
  }

  private multiplicative(): ExprNode {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const token = this.tokens[this.index++];
      left = { type: 'binary', op: token.text as BinaryOp, left, right: this.unary(), pos: token.pos };
    }
    return left;
  }

  private unary(): ExprNode {
    const token = this.peek();
    if (this.isOp('!') || this.isWord('not') || this.isOp('-') || this.isOp('+')) {
      this.index++;
      this.enter();
      const op = token.text === 'not' ? '!' : (token.text as '!' | '-' | '+');
      const node: ExprNode = { type: 'unary', op, operand: this.unary(), pos: token.pos };
      this.depth--;
      return node;
    }
    return this.postfix(this.primary());
  }

  private postfix(start: ExprNode): ExprNode {
    let node = start;
    for (;;) {
      if (this.isOp('.')) {
        this.index++;
        const name = this.peek();
        if (name.kind !== 'ident') this.fail(name, l10n.t('an attribute or function name after "."'));
        this.index++;
        node = this.isOp('(')
          ? { type: 'call', object: node, name: name.text, args: this.args(), pos: name.pos }
          : { type: 'member', object: node, name: name.text, pos: name.pos };
      } else if (this.isOp('(') && node.type === 'identifier') {
        throw new ParseFailure(l10n.t('The call {0}(...) has no namespace; Okta functions are called as String.{0}(...), Arrays.…, Convert.….', node.name), node.pos, true);
      } else {
        this.rejectUnsupported();
        return node;
      }
    }
  }

  private args(): ExprNode[] {
    this.expectOp('(', l10n.t('"("'));
    this.enter();
    const args: ExprNode[] = [];
    if (!this.isOp(')')) {
      do args.push(this.expression());
      while (this.acceptOp(','));
    }
    this.expectOp(')', l10n.t('a "," or the closing ")" of the argument list'));
    this.depth--;
    return args;
  }

  private primary(): ExprNode {
    this.rejectUnsupported();
    const token = this.peek();
    if (token.kind === 'number') {
      this.index++;
      const value = Number(token.text);
      const kind: NumberKind = /^[0-9]+$/.test(token.text) ? 'int' : 'double';
      if (kind === 'int' && value > 2147483647) throw new ParseFailure(l10n.t('The number {0} is larger than an int; long literals are not evaluated.', token.text), token.pos, true);
      return { type: 'number', value, kind, pos: token.pos };
    }
    if (token.kind === 'string') {
      this.index++;
      return { type: 'literal', value: token.value ?? '', pos: token.pos };
    }
    if (token.kind === 'ident') {
      this.index++;
      if (token.text === 'true' || token.text === 'false') return { type: 'literal', value: token.text === 'true', pos: token.pos };
      if (token.text === 'null') return { type: 'literal', value: null, pos: token.pos };
      return { type: 'identifier', name: token.text, pos: token.pos };
    }
    if (this.isOp('(')) {
      this.index++;
      const inner = this.expression();
      this.expectOp(')', l10n.t('the closing ")"'));
      return inner;
    }
    if (this.isOp('{')) return this.list();
    return this.fail(token, l10n.t('an attribute, a literal, a function call or "("'));
  }

  /** SpEL inline lists `{a, b}`, which Okta's array functions take (e.g. `Arrays.add({10, 20}, 30)`). */
  private list(): ExprNode {
    const open = this.tokens[this.index++];
    this.enter();
    const items: ExprNode[] = [];
    if (!this.isOp('}')) {
      do items.push(this.expression());
      while (this.acceptOp(','));
    }
    this.expectOp('}', l10n.t('a "," or the closing "}" of the list'));
    this.depth--;
    return { type: 'list', items, pos: open.pos };
  }

  private rejectUnsupported(): void {
    const token = this.peek();
    const what = token.kind === 'op' ? unsupportedOperators[token.text]?.() : token.kind === 'ident' && Object.hasOwn(unsupportedWords, token.text) ? unsupportedWords[token.text]() : undefined;
    if (what && !(token.text === 'T' && !this.isOpAt(this.index + 1, '('))) {
      throw new ParseFailure(l10n.t('The expression uses {0}, which is not evaluated.', what), token.pos, true);
    }
  }

  private enter(): void {
    if (++this.depth > maxNestingDepth) {
      throw new ParseFailure(l10n.t('The expression nests deeper than {0} levels.', maxNestingDepth), this.peek().pos);
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isOp(text: string): boolean {
    return this.isOpAt(this.index, text);
  }

  private isOpAt(index: number, text: string): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.kind === 'op' && token.text === text;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text === word;
  }

  private acceptOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.index++;
    return true;
  }

  private expectOp(text: string, what: string): void {
    if (!this.acceptOp(text)) this.fail(this.peek(), what);
  }

  private fail(token: Token, expected: string): never {
    this.rejectUnsupported();
    const found = token.kind === 'end' ? l10n.t('the end of the expression') : JSON.stringify(token.text);
    throw new ParseFailure(l10n.t('Expected {0} at position {1}, found {2}.', expected, token.pos, found), token.pos);
  }
}

/** Parses an Okta EL expression. Never throws: input is whatever an admin typed in Okta. */
export function parse(text: string): ParseResult {
  if (text.length > maxExpressionLength) {
    return { ok: false, error: { message: l10n.t('The expression is {0} characters long; only expressions up to {1} characters are evaluated.', text.length, maxExpressionLength), position: maxExpressionLength, unsupported: true } };
  }
  try {
    return { ok: true, ast: new Parser(tokenize(text)).parseAll() };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: { message: error.message, position: error.position, unsupported: error.unsupported } };
    throw error;
  }
}
