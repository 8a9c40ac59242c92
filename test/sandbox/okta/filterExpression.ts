// The expression language of Okta's `filter` and `search` parameters: comparisons such as
// `status eq "ACTIVE"` or `profile.login sw "ana"`, joined by `and` / `or`, grouped by parentheses.
// Each operation says which attributes and operators it allows; anything else is refused.

export type Operator = 'eq' | 'sw' | 'co' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';
type Value = string | number | boolean;
type Node = { all: Node[] } | { any: Node[] } | { attribute: string; operator: Operator; value?: Value };

export interface ExpressionRules {
  allows(attribute: string, operator: Operator): boolean;
  /** `search` compares string values case-insensitively, `filter` exactly (spec, listUsers). */
  caseInsensitive: boolean;
}

export class InvalidExpression extends Error {}

const operators = new Set<string>(['eq', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr']);

/** Parses once; the predicate then runs on each candidate object. Throws InvalidExpression. */
export function compileExpression(text: string, rules: ExpressionRules): (item: object) => boolean {
  const tokens = tokenize(text);
  let at = 0;
  const peekWord = (word: string) => tokens[at]?.toLowerCase() === word;
  const take = () => {
    if (at >= tokens.length) throw new InvalidExpression(`unexpected end of expression: ${text}`);
    return tokens[at++];
  };

  function joined(word: string, next: () => Node, wrap: (nodes: Node[]) => Node): Node {
    const nodes = [next()];
    while (peekWord(word)) {
      at++;
      nodes.push(next());
    }
    return nodes.length === 1 ? nodes[0] : wrap(nodes);
  }
  const disjunction = (): Node => joined('or', conjunction, (any) => ({ any }));
  const conjunction = (): Node => joined('and', primary, (all) => ({ all }));
  function primary(): Node {
    if (tokens[at] === '(') {
      at++;
      const inner = disjunction();
      if (take() !== ')') throw new InvalidExpression(`missing ")" in: ${text}`);
      return inner;
    }
    const attribute = take();
    const operator = take().toLowerCase();
    if (!operators.has(operator)) throw new InvalidExpression(`unknown operator "${operator}"`);
    if (!rules.allows(attribute, operator as Operator)) throw new InvalidExpression(`"${attribute} ${operator}" is not supported here`);
    return operator === 'pr' ? { attribute, operator } : { attribute, operator: operator as Operator, value: literal(take()) };
  }

  const tree = disjunction();
  if (at !== tokens.length) throw new InvalidExpression(`unexpected "${tokens[at]}" in: ${text}`);
  return (item) => evaluate(tree, item, rules.caseInsensitive);
}

/** Parentheses, quoted strings (with backslash escapes) and bare words. */
function tokenize(text: string): string[] {
  const token = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+)/y;
  const tokens: string[] = [];
  while (text.slice(token.lastIndex).trim()) {
    const match = token.exec(text);
    if (!match) throw new InvalidExpression(`cannot read expression: ${text}`);
    tokens.push(match[1]);
  }
  if (!tokens.length) throw new InvalidExpression('empty expression');
  return tokens;
}

function literal(raw: string): Value {
  if (raw.startsWith('"')) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  throw new InvalidExpression(`a value must be quoted: ${raw}`);
}

function evaluate(node: Node, item: object, caseInsensitive: boolean): boolean {
  if ('all' in node) return node.all.every((n) => evaluate(n, item, caseInsensitive));
  if ('any' in node) return node.any.some((n) => evaluate(n, item, caseInsensitive));
  // A multi-valued attribute (the System Log's `target`) matches when any of its values does (SCIM, RFC 7644 §3.4.2.2).
  return valuesAt(item, node.attribute.split('.')).some((actual) => compares(node, actual, caseInsensitive));
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((element) => valuesAt(element, path));
  if (!path.length) return [value];
  return valuesAt((value as Record<string, unknown> | undefined)?.[path[0]], path.slice(1));
}

function compares(node: { operator: Operator; value?: Value }, actual: unknown, caseInsensitive: boolean): boolean {
  const fold = (v: unknown) => (caseInsensitive && typeof v === 'string' ? v.toLowerCase() : v);
  const [a, b] = [fold(actual), fold(node.value)];
  switch (node.operator) {
    case 'pr': return actual !== undefined && actual !== null;
    case 'eq': return a === b;
    case 'sw': return typeof a === 'string' && a.startsWith(String(b));
    case 'co': return typeof a === 'string' && a.includes(String(b));
    case 'gt': return compare(a, b) > 0;
    case 'ge': return compare(a, b) >= 0;
    case 'lt': return compare(a, b) < 0;
    case 'le': return compare(a, b) <= 0;
  }
}

/** Timestamps are ISO strings, so string order is time order. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return Number.NaN;
}
