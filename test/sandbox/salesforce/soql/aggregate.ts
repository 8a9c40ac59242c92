// Aggregate queries: COUNT(field) and GROUP BY. The select list is checked against the groups as
// Salesforce checks it, then the matching rows fold into AggregateResult rows: attributes with the
// type only (no url), then the selected items in order, each grouped field under its own name (the
// last name of a path) and each COUNT under its alias or expr0, expr1, …
import { type FieldType, type SfRecord } from '../model';
import { type FieldRef, type SelectItem, type SelectQuery } from './ast';
import { errorAt, SoqlError } from './errors';
import { type QueryScope, type ResolvedField } from './resolve';
import { sortKey, valueKind } from './values';

/** The result rows of the matching rows, which come sorted by ORDER BY. */
export type Aggregate = (rows: readonly SfRecord[]) => Array<Record<string, unknown>>;

/** One key of a result row and how a group computes it. */
interface Column {
  key: string;
  item: SelectItem;
  field: ResolvedField;
  value(group: readonly SfRecord[]): unknown;
}

/**
 * Field types whose describe says groupable: false (datetime, and double, which covers currency and
 * percent); the sandbox's other types are groupable, as in Salesforce.
 */
const ungroupable: ReadonlySet<FieldType> = new Set(['datetime', 'double']);

/** The field a path ends at, whatever its spelling: the references walked, then the field. */
const identity = (field: ResolvedField): string =>
  [...field.relationships.map((relationship) => relationship.field.name), field.def.name].join('.').toLowerCase();

/**
 * Checks an aggregate query before any row is read and returns how to fold its rows; undefined for a
 * query without GROUP BY or COUNT(field).
 */
export function compileAggregate(query: SelectQuery, scope: QueryScope): Aggregate | undefined {
  if (query.select === 'count' || (query.groupBy.length === 0 && query.select.every((item) => item.kind === 'field'))) return undefined;
  const grouped = query.groupBy.map((ref) => groupedField(ref, scope));
  const groupedIds = new Set(grouped.map(identity));

  let unaliased = 0;
  const columns = query.select.map((item): Column => {
    const field = scope.field(item.field);
    if (item.kind === 'field') {
      // The wording, and no position, as Salesforce's message reads in logs; the code is a guess.
      if (!groupedIds.has(identity(field))) throw new SoqlError('MALFORMED_QUERY', `Field must be grouped or aggregated: ${item.field.text}`);
      return { key: field.def.name, item, field, value: (group) => field.read(group[0]) };
    }
    if (groupedIds.has(identity(field))) {
      throw errorAt(scope.soql, item.field.offset, 'MALFORMED_QUERY', `Grouped field should not be aggregated: ${item.field.text}`);
    }
    return { key: item.alias ?? `expr${unaliased++}`, item, field, value: (group) => group.filter((row) => field.read(row) !== null).length };
  });
  checkKeys(columns);
  for (const { field: ref } of query.orderBy) {
    // The wording is Salesforce's; reporting it without a position is a guess.
    if (!groupedIds.has(identity(scope.field(ref)))) throw new SoqlError('MALFORMED_QUERY', `Ordered field must be grouped or aggregated: ${ref.text}`);
  }
  if (grouped.length === 0 && query.limit !== undefined) {
    // The wording is Salesforce's; the code and the missing position are a guess.
    throw new SoqlError('MALFORMED_QUERY', 'Non-grouped query that uses overall aggregate functions cannot also use LIMIT');
  }

  const render = (group: readonly SfRecord[]) => {
    const row: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) row[column.key] = column.value(group);
    return row;
  };
  // Without GROUP BY, all the rows are one group, even when there are none (COUNT gives 0).
  if (grouped.length === 0) return (rows) => [render(rows)];
  // Values that compare equal fall in one group (text case-insensitively), shown as the group's first row has them;
  // groups come in the order of their first row. Both are guesses: Salesforce documents neither.
  const groupKey = (row: SfRecord) => JSON.stringify(grouped.map((field) => {
    const value = field.read(row);
    return value === null ? null : sortKey(valueKind(field.def), value);
  }));
  return (rows) => {
    const groups = new Map<string, SfRecord[]>();
    for (const row of rows) {
      const key = groupKey(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return [...groups.values()].map(render);
  };
}

/** The wording and the position (the GROUP BY field) are Salesforce's; the error code and the field's canonical name are guesses. */
function groupedField(ref: FieldRef, scope: QueryScope): ResolvedField {
  const field = scope.field(ref);
  if (ungroupable.has(field.def.type)) {
    throw errorAt(scope.soql, ref.offset, 'MALFORMED_QUERY', `field '${field.def.name}' can not be grouped in a query call`);
  }
  return field;
}

/**
 * Result keys are case-insensitive names, so two items may not share one. The same field twice is the
 * engine's usual "duplicate field selected"; any other clash as "duplicate alias" is a guess.
 */
function checkKeys(columns: readonly Column[]): void {
  const seen = new Map<string, Column>();
  for (const column of columns) {
    const earlier = seen.get(column.key.toLowerCase());
    if (earlier === undefined) {
      seen.set(column.key.toLowerCase(), column);
      continue;
    }
    const { item } = column;
    if (item.kind === 'field' && earlier.item.kind === 'field' && identity(column.field) === identity(earlier.field)) throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${item.field.text}`);
    throw new SoqlError('MALFORMED_QUERY', `duplicate alias: ${column.key}`);
  }
}
