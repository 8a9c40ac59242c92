/**
 * Evaluation of Okta Expression Language mappings for one user, for the provisioning dry run.
 *
 * Semantics follow Okta's "Expression Language overview"
 * (https://developer.okta.com/docs/reference/okta-expression-language/): references `user.$attribute`,
 * `appuser.$attribute` (the in-context app; Okta's mapping help also spells it `appUser`), `source.$attribute`
 * and `org.$attribute`; the String.*, Arrays.* and Convert.* functions; `+`, comparisons, logical operators
 * and the ternary. Where Okta defers to SpEL, SpEL's reference is the source (Spring Framework reference,
 * "Spring Expression Language (SpEL)": operators, "Relational Operators" on null, the Elvis operator).
 * The Elvis operator is not in Okta's list of unsupported SpEL features, so it is evaluated.
 *
 * The result is a value, or `notEvaluated` with the reason and position whenever Okta's behaviour is not
 * documented well enough to reproduce: a dry run must never show a guess as what Okta would send.
 */
import * as l10n from '@vscode/l10n';
import { lookupFunction, isNamespace, sameValue } from './oktaExpressionFunctions';
import { type ExprNode, type ParseError, parse } from './oktaExpressionParser';
import { type ElValue, NotEvaluated, type OktaElJson, checkedString, describeType, fromJson, isNumber, javaText, toJson } from './oktaExpressionValues';

export { parse, maxExpressionLength, maxNestingDepth, type ExprNode, type ParseError, type ParseResult } from './oktaExpressionParser';
export type { OktaElJson } from './oktaExpressionValues';

/** The profiles an expression can read; each is a JSON object as Okta's API returns it. */
export interface OktaElContext {
  user?: Record<string, unknown>;
  appuser?: Record<string, unknown>;
  source?: Record<string, unknown>;
  org?: Record<string, unknown>;
}

export type OktaElResult =
  | { kind: 'value'; value: OktaElJson }
  | { kind: 'notEvaluated'; reason: string; expression: string; position: number }
  | { kind: 'error'; message: string; position: number };

const roots: Record<string, keyof OktaElContext> = { user: 'user', appuser: 'appuser', appUser: 'appuser', source: 'source', org: 'org' };

/** Names that would reach a JavaScript prototype or a Java class if followed. */
const forbiddenNames = new Set(['__proto__', 'prototype', 'constructor', 'class', 'getClass']);

/**
 * Evaluates `expression` (text, or a tree from `parse`) against the context. Never throws.
 * `text` names the expression in a `notEvaluated` result when a tree is passed.
 */
export function evaluate(expression: string | ExprNode, context: OktaElContext, text?: string): OktaElResult {
  const source = typeof expression === 'string' ? expression : (text ?? '');
  let ast: ExprNode;
  if (typeof expression === 'string') {
    const parsed = parse(expression);
    if (!parsed.ok) return fromParseError(parsed.error, source);
    ast = parsed.ast;
  } else {
    ast = expression;
  }
  try {
    return { kind: 'value', value: toJson(new Evaluator(context).run(ast)) };
  } catch (error) {
    if (error instanceof NotEvaluated) return { kind: 'notEvaluated', reason: error.reason, expression: source, position: error.position };
    throw error;
  }
}

function fromParseError(error: ParseError, expression: string): OktaElResult {
  return error.unsupported
    ? { kind: 'notEvaluated', reason: error.message, expression, position: error.position }
    : { kind: 'error', message: error.message, position: error.position };
}

class Evaluator {
  constructor(private readonly context: OktaElContext) {}

  run(node: ExprNode): ElValue {
    switch (node.type) {
      case 'literal': return node.value;
      case 'number': return { num: node.value, kind: node.kind };
      case 'list': return node.items.map((item) => this.run(item));
      case 'identifier': throw new NotEvaluated(Object.hasOwn(roots, node.name) ? l10n.t('{0} is a whole profile; read one of its attributes, e.g. {0}.login.', node.name) : this.unknownRoot(node.name), node.pos);
      case 'member': return this.member(node.object, node.name, node.pos);
      case 'call': return this.call(node.object, node.name, node.args, node.pos);
      case 'unary': return this.unary(node.op, this.run(node.operand), node.pos);
      case 'binary': return this.binary(node);
      case 'ternary': return this.run(this.condition(this.run(node.test), node.test.pos, l10n.t('the condition of ?:')) ? node.then : node.otherwise);
      case 'elvis': return this.elvis(node.value, node.fallback);
    }
  }

  private unknownRoot(name: string): string {
    return isNamespace(name)
      ? l10n.t('{0} is a function namespace; call one of its functions, e.g. {0}.…(…).', name)
      : l10n.t('{0} is not user, appuser, source or org; references to other apps or objects are not evaluated.', name);
  }

  private member(objectNode: ExprNode, name: string, pos: number): ElValue {
    if (forbiddenNames.has(name)) throw new NotEvaluated(l10n.t('The property {0} is not an attribute and is never read.', name), pos);
    if (objectNode.type !== 'identifier' || !Object.hasOwn(roots, objectNode.name)) {
      if (objectNode.type === 'identifier') throw new NotEvaluated(this.unknownRoot(objectNode.name), objectNode.pos);
      throw new NotEvaluated(l10n.t('Reading {0} of a computed value or a nested attribute is not evaluated.', name), pos);
    }
    const profile = this.context[roots[objectNode.name]];
    if (profile === undefined) throw new NotEvaluated(l10n.t('No {0} profile is available to this evaluation.', objectNode.name), objectNode.pos);
    // An attribute the profile does not hold reads as null, as in Okta's mappings (unset attributes are absent from the API's JSON).
    const value = Object.hasOwn(profile, name) ? profile[name] : null;
    return fromJson(value, pos, `${objectNode.name}.${name}`);
  }

  private call(objectNode: ExprNode, name: string, argNodes: ExprNode[], pos: number): ElValue {
    if (objectNode.type !== 'identifier') {
      throw new NotEvaluated(l10n.t("The method call .{0}(…) on a value is not among Okta's documented functions; use the String.* or Arrays.* form.", name), pos);
    }
    if (Object.hasOwn(roots, objectNode.name)) {
      throw new NotEvaluated(l10n.t("{0}.{1}(…) is not evaluated: Okta's functions on the user (groups, internal properties, linked objects) need more than the profile.", objectNode.name, name), pos);
    }
    const fn = lookupFunction(objectNode.name, name, objectNode.pos);
    const args = argNodes.map((arg) => this.run(arg));
    return fn(args, { name: `${objectNode.name}.${name}`, positions: [objectNode.pos, ...argNodes.map((arg) => arg.pos)] });
  }

  private unary(op: '!' | '-' | '+', value: ElValue, pos: number): ElValue {
    if (op === '!') return !this.condition(value, pos, l10n.t('the operand of !'));
    if (!isNumber(value)) throw new NotEvaluated(l10n.t('The operand of unary {0} is {1}, not a number.', op, describeType(value)), pos);
    return op === '-' ? { num: -value.num, kind: value.kind } : value;
  }

  private condition(value: ElValue, pos: number, what: string): boolean {
    if (typeof value !== 'boolean') throw new NotEvaluated(l10n.t('{0} is {1}, not true or false; Okta does not document how it converts.', what, describeType(value)), pos);
    return value;
  }

  private binary(node: Extract<ExprNode, { type: 'binary' }>): ElValue {
    // SpEL's and/or evaluate the right side only when needed.
    if (node.op === '&&' || node.op === '||') {
      const left = this.condition(this.run(node.left), node.left.pos, l10n.t('the left side of {0}', node.op));
      if (left === (node.op === '||')) return left;
      return this.condition(this.run(node.right), node.right.pos, l10n.t('the right side of {0}', node.op));
    }
    const left = this.run(node.left);
    const right = this.run(node.right);
    switch (node.op) {
      case '==': return this.equal(left, right, node.pos);
      case '!=': return !this.equal(left, right, node.pos);
      case '<': return this.compare(left, right, node.pos) < 0;
      case '>': return this.compare(left, right, node.pos) > 0;
      case '<=': return this.compare(left, right, node.pos) <= 0;
      case '>=': return this.compare(left, right, node.pos) >= 0;
      case '+': return this.plus(left, right, node.pos);
      case '-': return this.minus(left, right, node.pos);
      default: throw new NotEvaluated(l10n.t("The operator {0} is not evaluated: Java's int and double arithmetic differ and Okta documents neither.", node.op), node.pos);
    }
  }

  private equal(left: ElValue, right: ElValue, pos: number): boolean {
    if (Array.isArray(left) || Array.isArray(right)) throw new NotEvaluated(l10n.t('Comparing arrays with == is not evaluated; use Arrays.contains or Arrays.size.'), pos);
    return sameValue(left, right);
  }

  /** SpEL orders null below every other value ("Relational Operators" in the SpEL reference). */
  private compare(left: ElValue, right: ElValue, pos: number): number {
    if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
    if (isNumber(left) && isNumber(right)) return Math.sign(left.num - right.num);
    if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
    throw new NotEvaluated(l10n.t('Ordering {0} against {1} is not evaluated.', describeType(left), describeType(right)), pos);
  }

  /** SpEL's +: numbers add; a string on either side concatenates the other's Java text. */
  private plus(left: ElValue, right: ElValue, pos: number): ElValue {
    if (isNumber(left) && isNumber(right)) return this.arithmetic(left.num + right.num, left, right, pos);
    if (typeof left === 'string' || typeof right === 'string') return checkedString(javaText(left, pos) + javaText(right, pos), pos);
    throw new NotEvaluated(l10n.t('Adding {0} and {1} is not evaluated.', describeType(left), describeType(right)), pos);
  }

  private minus(left: ElValue, right: ElValue, pos: number): ElValue {
    if (isNumber(left) && isNumber(right)) return this.arithmetic(left.num - right.num, left, right, pos);
    throw new NotEvaluated(l10n.t('Subtracting {0} from {1} is not evaluated.', describeType(right), describeType(left)), pos);
  }

  /** int with int stays int (and must not overflow, where Java would wrap); otherwise double. */
  private arithmetic(num: number, left: { kind: string }, right: { kind: string }, pos: number): ElValue {
    if (left.kind === 'int' && right.kind === 'int') {
      if (num > 2147483647 || num < -2147483648) throw new NotEvaluated(l10n.t('The result overflows a Java int.'), pos);
      return { num, kind: 'int' };
    }
    return { num, kind: left.kind === 'unknown' || right.kind === 'unknown' ? 'unknown' : 'double' };
  }

  /** `a ?: b` is b when a is null. Newer SpEL also treats "" as null; which Okta runs is unknown. */
  private elvis(valueNode: ExprNode, fallback: ExprNode): ElValue {
    const value = this.run(valueNode);
    if (value === '') throw new NotEvaluated(l10n.t('The left side of ?: is an empty string; SpEL versions differ on whether ?: replaces it.'), valueNode.pos);
    return value === null ? this.run(fallback) : value;
  }
}
