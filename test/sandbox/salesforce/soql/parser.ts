// A recursive-descent parser for the SOQL subset the sandbox serves:
//   SELECT item, … | COUNT() FROM object [WHERE condition] [GROUP BY field, …]
//   [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]
// where an item is a field or COUNT(field) [alias]. Anything else (subqueries, other functions,
// aliases of plain fields, HAVING, ROLLUP and CUBE, ORDER BY an aggregate, date literals such as
// TODAY) is refused as Salesforce refuses bad syntax: MALFORMED_QUERY "unexpected token".
import { type ComparisonOperator, type Condition, type FieldRef, type Literal, type OrderItem, type SelectItem, type SelectQuery } from './ast';
import { type SoqlError, unexpectedToken } from './errors';
import { type Token, tokenize } from './lexer';

/** Salesforce's reserved words: never a field or object name. */
const reserved = new Set([
  'AND', 'ASC', 'DESC', 'EXCLUDES', 'FIRST', 'FROM', 'GROUP', 'HAVING', 'IN', 'INCLUDES', 'LAST', 'LIKE', 'LIMIT',
  'NOT', 'NULL', 'NULLS', 'OR', 'SELECT', 'WHERE', 'WITH',
]);

const comparisonOperators = new Map<string, ComparisonOperator>([
  ['=', '='], ['!=', '!='], ['<>', '!='], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>='],
]);

export function parseSoql(soql: string): SelectQuery {
  return new Parser(soql, tokenize(soql)).query();
}

class Parser {
  private index = 0;

  constructor(private readonly soql: string, private readonly tokens: readonly Token[]) {}

  query(): SelectQuery {
    this.expectKeyword('SELECT');
    const select = this.selectList();
    this.expectKeyword('FROM');
    const object = this.name();
    const query: SelectQuery = { select, from: { name: object.text, offset: object.offset }, groupBy: [], orderBy: [] };
    if (this.acceptKeyword('WHERE')) query.where = this.condition();
    // Salesforce says to use COUNT(field) with GROUP BY; refusing SELECT COUNT() … GROUP BY here is a guess.
    if (select !== 'count' && this.acceptKeyword('GROUP')) {
      this.expectKeyword('BY');
      query.groupBy = [this.field()];
      while (this.acceptSymbol(',')) query.groupBy.push(this.field());
    }
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      query.orderBy = this.orderBy();
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.integer();
    if (this.acceptKeyword('OFFSET')) query.offset = this.integer();
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return query;
  }

  private selectList(): SelectItem[] | 'count' {
    if (this.isCount() && this.peek(2).text === ')') {
      this.index += 3;
      return 'count';
    }
    const items = [this.selectItem()];
    while (this.acceptSymbol(',')) items.push(this.selectItem());
    return items;
  }

  /** A field, or COUNT(field) and the name that follows it, if any, as its alias. */
  private selectItem(): SelectItem {
    if (!this.isCount()) return { kind: 'field', field: this.field() };
    this.index += 2;
    const field = this.field();
    this.expectSymbol(')');
    const next = this.peek();
    if (next.kind !== 'identifier' || reserved.has(next.text.toUpperCase())) return { kind: 'count', field };
    this.index += 1;
    return { kind: 'count', field, alias: next.text };
  }

  private isCount(): boolean {
    const open = this.peek(1);
    return this.isKeyword('COUNT') && open.kind === 'symbol' && open.text === '(';
  }

  /**
   * AND and OR may not be mixed without parentheses: Salesforce refuses `a AND b OR c` with
   * "unexpected token: 'OR'" rather than giving either operator precedence.
   */
  private condition(): Condition {
    const first = this.term();
    const connector = this.isKeyword('AND') ? 'and' : this.isKeyword('OR') ? 'or' : undefined;
    if (!connector) return first;
    const operands = [first];
    while (this.acceptKeyword(connector.toUpperCase())) operands.push(this.term());
    return { kind: connector, operands };
  }

  /** NOT applies to the one condition or parenthesized group that follows it. */
  private term(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.term() };
    if (this.acceptSymbol('(')) {
      const inner = this.condition();
      this.expectSymbol(')');
      return inner;
    }
    return this.fieldExpression();
  }

  private fieldExpression(): Condition {
    const field = this.field();
    const operator = this.peek().kind === 'symbol' ? comparisonOperators.get(this.peek().text) : undefined;
    if (operator) {
      this.index += 1;
      return { kind: 'compare', field, operator, value: this.literal() };
    }
    if (this.acceptKeyword('LIKE')) {
      const pattern = this.peek();
      if (pattern.kind !== 'string') throw this.unexpected();
      this.index += 1;
      return { kind: 'like', field, pattern };
    }
    const negated = this.acceptKeyword('NOT');
    this.expectKeyword('IN');
    this.expectSymbol('(');
    const values = [this.literal()];
    while (this.acceptSymbol(',')) values.push(this.literal());
    this.expectSymbol(')');
    return { kind: 'in', field, negated, values };
  }

  private literal(): Literal {
    const token = this.peek();
    const word = token.kind === 'identifier' ? token.text.toUpperCase() : '';
    if (token.kind === 'string' || token.kind === 'number' || token.kind === 'date' || token.kind === 'datetime') {
      this.index += 1;
      return token;
    }
    if (word === 'TRUE' || word === 'FALSE') {
      this.index += 1;
      return { kind: 'boolean', value: word === 'TRUE', offset: token.offset, text: token.text };
    }
    if (word === 'NULL') {
      this.index += 1;
      return { kind: 'null', offset: token.offset, text: token.text };
    }
    throw this.unexpected();
  }

  private orderBy(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.field();
      const descending = this.acceptKeyword('DESC');
      if (!descending) this.acceptKeyword('ASC');
      // Salesforce sorts nulls first by default, whichever the direction.
      let nullsFirst = true;
      if (this.acceptKeyword('NULLS')) {
        nullsFirst = !this.acceptKeyword('LAST');
        if (nullsFirst) this.expectKeyword('FIRST');
      }
      items.push({ field, descending, nullsFirst });
    } while (this.acceptSymbol(','));
    return items;
  }

  private field(): FieldRef {
    const token = this.name();
    return { text: token.text, path: token.text.split('.'), offset: token.offset };
  }

  private name(): Token {
    const token = this.peek();
    if (token.kind !== 'identifier' || reserved.has(token.text.toUpperCase())) throw this.unexpected();
    this.index += 1;
    return token;
  }

  private integer(): number {
    const token = this.peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected();
    this.index += 1;
    return token.value;
  }

  /** The token `ahead` places on; the last token is always eof, so this never runs off the end. */
  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index += 1;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected();
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.index += 1;
    return true;
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw this.unexpected();
  }

  private unexpected(): SoqlError {
    const token = this.peek();
    return unexpectedToken(this.soql, token.offset, token.text);
  }
}
