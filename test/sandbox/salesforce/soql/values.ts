// How SOQL compares the values of a field: text case-insensitively, ids by their 15-character
// form (an 18-character id names the same record), dates and datetimes as instants. Filters and
// ORDER BY both compare through sortKey.
import { type FieldDef, type FieldType } from '../model';

export type ValueKind = 'text' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';

const kinds: Record<FieldType, ValueKind> = {
  id: 'id', reference: 'id',
  string: 'text', textarea: 'text', email: 'text', phone: 'text', url: 'text', picklist: 'text',
  boolean: 'boolean', int: 'number', double: 'number', date: 'date', datetime: 'datetime',
};

export function valueKind(field: FieldDef): ValueKind {
  return kinds[field.type];
}

/** A stand-in for a non-null value that compares with === and < as SOQL compares the value. */
export function sortKey(kind: ValueKind, value: unknown): string | number {
  switch (kind) {
    // Salesforce sorts English text by its upper-case form.
    case 'text': return String(value).toUpperCase();
    case 'id': return String(value).slice(0, 15);
    case 'boolean': return value ? 1 : 0;
    case 'number': return Number(value);
    case 'date':
    case 'datetime': return Date.parse(String(value));
  }
}
