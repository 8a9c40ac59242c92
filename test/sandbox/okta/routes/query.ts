// The `filter` and `search` parameters of list operations, applied to the candidates, and refused
// the way Okta does when malformed or not supported by the operation.
import { oktaError, OktaRefusal } from '../errors';
import { compileExpression, type ExpressionRules, InvalidExpression } from '../filterExpression';

export function matching<T extends object>(items: readonly T[], expression: string | null, rules: ExpressionRules): readonly T[] {
  if (expression === null) return items;
  try {
    return items.filter(compileExpression(expression, rules));
  } catch (error) {
    if (error instanceof InvalidExpression) throw new OktaRefusal(oktaError('E0000031', '', [error.message]));
    throw error;
  }
}

/** Okta's `q`: a case-insensitive prefix of any of the given values. */
export function startsWithQuery(q: string, ...values: string[]): boolean {
  return values.some((value) => value.toLowerCase().startsWith(q.toLowerCase()));
}
