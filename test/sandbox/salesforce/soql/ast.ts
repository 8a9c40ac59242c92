// The parsed form of a SOQL statement. Nodes keep the offset of their first token so that
// errors found later (unknown fields, mismatched values) can point into the statement.
import { type StringToken, type Token } from './lexer';

/** A field or a parent path, as written: Name, Profile.UserLicense.Name. */
export interface FieldRef {
  text: string;
  path: string[];
  offset: number;
}

export type Literal =
  | Extract<Token, { kind: 'string' | 'number' | 'date' | 'datetime' }>
  | { kind: 'boolean'; value: boolean; offset: number; text: string }
  | { kind: 'null'; offset: number; text: string };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: FieldRef; operator: ComparisonOperator; value: Literal }
  | { kind: 'in'; field: FieldRef; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: FieldRef; pattern: StringToken };

export interface OrderItem {
  field: FieldRef;
  descending: boolean;
  nullsFirst: boolean;
}

/**
 * A selected field, or COUNT(field) with its alias if it has one. The select list's order is the
 * result's key order, and an unaliased COUNT is named expr0, expr1, … in that order.
 */
export type SelectItem =
  | { kind: 'field'; field: FieldRef }
  | { kind: 'count'; field: FieldRef; alias?: string };

export interface SelectQuery {
  /** The select list, or 'count' for SELECT COUNT(). */
  select: SelectItem[] | 'count';
  from: { name: string; offset: number };
  where?: Condition;
  groupBy: FieldRef[];
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
