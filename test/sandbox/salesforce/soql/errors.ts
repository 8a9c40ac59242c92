// SOQL errors worded as Salesforce words them. Most quote the query's offending row with a caret
// under the offending token, then "ERROR at Row:r:Column:c" (both 1-based), then the reason.

export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'EXCEEDED_ID_LIMIT';

export class SoqlError extends Error {
  constructor(readonly errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.name = 'SoqlError';
  }
}

/** An error pointing at the character at `offset` in `soql`. */
export function errorAt(soql: string, offset: number, errorCode: SoqlErrorCode, reason: string): SoqlError {
  const before = soql.slice(0, offset).split(/\r?\n/);
  const row = before.length;
  const column = before[row - 1].length + 1;
  // Salesforce trims very long rows to a window around the token; quoting the whole row is our simplification.
  const line = soql.split(/\r?\n/)[row - 1];
  return new SoqlError(errorCode, `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${reason}`);
}

export function unexpectedToken(soql: string, offset: number, text: string): SoqlError {
  return errorAt(soql, offset, 'MALFORMED_QUERY', `unexpected token: '${text}'`);
}
