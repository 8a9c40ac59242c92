// ORDER BY: rows sorted on each key in turn. Keys are read once per row, then compared; the sort
// is stable, so ties keep the org's insertion order.
import { type SfRecord } from '../model';
import { type OrderItem } from './ast';
import { type QueryScope } from './resolve';
import { sortKey, valueKind } from './values';

type Key = string | number | null;

export function compileOrder(items: OrderItem[], scope: QueryScope): (rows: readonly SfRecord[]) => SfRecord[] {
  const readKeys = items.map((item) => {
    const field = scope.field(item.field);
    const kind = valueKind(field.def);
    return (record: SfRecord): Key => {
      const value = field.read(record);
      return value === null ? null : sortKey(kind, value);
    };
  });
  const compare = (left: Key[], right: Key[]): number => {
    for (const [index, item] of items.entries()) {
      const [a, b] = [left[index], right[index]];
      if (a === b) continue;
      // NULLS FIRST and NULLS LAST place nulls whatever the direction.
      if (a === null) return item.nullsFirst ? -1 : 1;
      if (b === null) return item.nullsFirst ? 1 : -1;
      const ascending = a < b ? -1 : 1;
      return item.descending ? -ascending : ascending;
    }
    return 0;
  };
  return (rows) => rows
    .map((record) => ({ record, keys: readKeys.map((read) => read(record)) }))
    .sort((left, right) => compare(left.keys, right.keys))
    .map(({ record }) => record);
}
