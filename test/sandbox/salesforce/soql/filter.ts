// Compiles a WHERE condition once into a predicate over rows, checking each comparison's operator
// and value against the field's type as Salesforce does before it runs the query.
import { type SfRecord } from '../model';
import { type Condition, type FieldRef, type Literal } from './ast';
import { errorAt, type SoqlError } from './errors';
import { type StringToken } from './lexer';
import { likeMatcher } from './like';
import { type QueryScope, type ResolvedField } from './resolve';
import { sortKey, type ValueKind, valueKind } from './values';

export type Predicate = (record: SfRecord) => boolean;

/**
 * The literal each kind of field is compared with, and the type Salesforce names when the literal
 * is of another kind ('double' for every number field is a guess).
 */
const expectedLiterals: Record<ValueKind, { literal: Literal['kind']; typeName: string }> = {
  text: { literal: 'string', typeName: 'string' },
  id: { literal: 'string', typeName: 'id' },
  boolean: { literal: 'boolean', typeName: 'boolean' },
  number: { literal: 'number', typeName: 'double' },
  date: { literal: 'date', typeName: 'date' },
  datetime: { literal: 'datetime', typeName: 'dateTime' },
};

const idPattern = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function compileCondition(condition: Condition, scope: QueryScope): Predicate {
  switch (condition.kind) {
    case 'and': {
      const operands = condition.operands.map((operand) => compileCondition(operand, scope));
      return (record) => operands.every((operand) => operand(record));
    }
    case 'or': {
      const operands = condition.operands.map((operand) => compileCondition(operand, scope));
      return (record) => operands.some((operand) => operand(record));
    }
    case 'not': {
      const operand = compileCondition(condition.operand, scope);
      return (record) => !operand(record);
    }
    case 'compare':
      return compileComparison(condition, scope);
    case 'in': {
      const field = scope.field(condition.field);
      const isMember = membership(field, condition.field, condition.values, scope.soql);
      return (record) => isMember(field.read(record)) !== condition.negated;
    }
    case 'like':
      return compileLike(condition.field, condition.pattern, scope);
  }
}

function compileComparison(condition: Extract<Condition, { kind: 'compare' }>, scope: QueryScope): Predicate {
  const field = scope.field(condition.field);
  const { operator, value } = condition;
  // Unlike SQL, != matches the rows where the field is null (and = null finds them).
  if (operator === '=' || operator === '!=') {
    const isMember = membership(field, condition.field, [value], scope.soql);
    return (record) => isMember(field.read(record)) === (operator === '=');
  }
  const kind = valueKind(field.def);
  if (kind === 'boolean') throw invalidOperator(field, condition.field, scope.soql);
  // Ordering against null matches nothing (a guess: Salesforce documents only = null and != null).
  if (value.kind === 'null') return () => false;
  const bound = literalKey(field, condition.field, value, scope.soql);
  const accepts = {
    '<': (key: string | number) => key < bound,
    '<=': (key: string | number) => key <= bound,
    '>': (key: string | number) => key > bound,
    '>=': (key: string | number) => key >= bound,
  }[operator];
  return (record) => {
    const fieldValue = field.read(record);
    return fieldValue !== null && accepts(sortKey(kind, fieldValue));
  };
}

/** Whether a field value equals one of the literals; null equals only a null literal. */
function membership(field: ResolvedField, ref: FieldRef, literals: Literal[], soql: string): (value: unknown) => boolean {
  const kind = valueKind(field.def);
  const matchesNull = literals.some((literal) => literal.kind === 'null');
  const keys = new Set(literals.filter((literal) => literal.kind !== 'null').map((literal) => literalKey(field, ref, literal, soql)));
  return (value) => (value === null ? matchesNull : keys.has(sortKey(kind, value)));
}

/** LIKE: % is any run of characters, _ any one character; case-insensitive, text fields only. */
function compileLike(ref: FieldRef, pattern: StringToken, scope: QueryScope): Predicate {
  const field = scope.field(ref);
  if (valueKind(field.def) !== 'text') throw invalidOperator(field, ref, scope.soql);
  const matches = likeMatcher(pattern.value, pattern.wildcards);
  return (record) => {
    const value = field.read(record);
    return value !== null && matches(String(value));
  };
}

/** The sort key of a literal, once it is known to suit the field. */
function literalKey(field: ResolvedField, ref: FieldRef, literal: Exclude<Literal, { kind: 'null' }>, soql: string): string | number {
  const kind = valueKind(field.def);
  const expected = expectedLiterals[kind];
  if (literal.kind !== expected.literal) {
    const quotes = expected.literal === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    const message = `value of filter criterion for field '${ref.text}' must be of type ${expected.typeName} and ${quotes}`;
    throw errorAt(soql, ref.offset, 'INVALID_FIELD', message);
  }
  if (kind === 'id' && !idPattern.test(String(literal.value))) {
    throw errorAt(soql, ref.offset, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${String(literal.value)}`);
  }
  // Date literals are already instants; the others compare like the field's values.
  return literal.kind === 'date' || literal.kind === 'datetime' ? literal.value : sortKey(kind, literal.value);
}

/** The wording follows Salesforce's "invalid operator on multipicklist field"; the other types are a guess. */
function invalidOperator(field: ResolvedField, ref: FieldRef, soql: string): SoqlError {
  return errorAt(soql, ref.offset, 'INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${field.def.type} field`);
}
