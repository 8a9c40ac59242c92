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

export interface SelectQuery {
  /** The selected fields, or 'count' for SELECT COUNT(). */
  select: FieldRef[] | 'count';
  from: { name: string; offset: number };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
