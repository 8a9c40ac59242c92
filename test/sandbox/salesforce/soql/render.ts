// Shapes rows as the REST API's query results: attributes first, then the selected fields in the
// order selected under their canonical names, parents as nested objects (null when not set).
import { type FieldDef, type OrgData, type SfRecord } from '../model';
import { type FieldRef } from './ast';
import { SoqlError } from './errors';
import { parentOf, type QueryScope, type Relationship } from './resolve';

type Column = { kind: 'field'; def: FieldDef } | ParentColumn;
type ParentColumn = { kind: 'parent'; relationship: Relationship; columns: Column[] };

export type RenderRecord = (record: SfRecord, type: string) => Record<string, unknown>;

/** Paths through the same relationship share one nested object, placed where the first of them is. */
export function selectColumns(selected: FieldRef[], scope: QueryScope): Column[] {
  const root: Column[] = [];
  for (const ref of selected) {
    const field = scope.field(ref);
    let columns = root;
    for (const relationship of field.relationships) {
      const isSame = (column: Column): column is ParentColumn =>
        column.kind === 'parent' && column.relationship.field === relationship.field;
      let parent = columns.find(isSame);
      if (!parent) {
        parent = { kind: 'parent', relationship, columns: [] };
        columns.push(parent);
      }
      columns = parent.columns;
    }
    if (columns.some((column) => column.kind === 'field' && column.def === field.def)) {
      throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${ref.text}`);
    }
    columns.push({ kind: 'field', def: field.def });
  }
  return root;
}

/** Record URLs name the API the query came through: /services/data/v64.0[/tooling]/sobjects/Type/Id. */
export function recordRenderer(data: OrgData, columns: Column[], apiVersion: string, tooling: boolean): RenderRecord {
  const sobjectsUrl = `/services/data/v${apiVersion}/${tooling ? 'tooling/' : ''}sobjects`;
  const render = (columns: Column[], record: SfRecord, type: string): Record<string, unknown> => {
    const result: Record<string, unknown> = { attributes: { type, url: `${sobjectsUrl}/${type}/${record.Id}` } };
    for (const column of columns) {
      if (column.kind === 'field') {
        result[column.def.name] = record[column.def.name] ?? null;
      } else {
        const parent = parentOf(data, record, column.relationship);
        result[column.relationship.name] = parent ? render(column.columns, parent.record, parent.type) : null;
      }
    }
    return result;
  };
  return (record, type) => render(columns, record, type);
}
