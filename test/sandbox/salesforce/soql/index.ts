// The sandbox's SOQL engine: parses a statement, checks it against the org's object definitions,
// and runs it over the org's records. The REST routes page the rows (2,000 a page) themselves.
import { type OrgData } from '../model';
import { compileCondition } from './filter';
import { compileOrder } from './order';
import { parseSoql } from './parser';
import { recordRenderer, selectColumns } from './render';
import { queryScope, resolveObject } from './resolve';

export { SoqlError, type SoqlErrorCode } from './errors';

export interface SoqlOptions {
  /** Such as '64.0', for the records' attribute URLs. */
  apiVersion: string;
  /** Whether the query came through /tooling/query, which reaches tooling objects only. */
  tooling: boolean;
}

export interface SoqlResult {
  totalSize: number;
  records: Array<Record<string, unknown>>;
}

/** Throws SoqlError for statements Salesforce would refuse. */
export function executeSoql(data: OrgData, soql: string, options: SoqlOptions): SoqlResult {
  const query = parseSoql(soql);
  const object = resolveObject(data, query.from, options.tooling, soql);
  const scope = queryScope(data, object, soql);
  // Everything is resolved and type-checked before the first row is read.
  const render = query.select === 'count'
    ? undefined
    : recordRenderer(data, selectColumns(query.select, scope), options.apiVersion, options.tooling);
  const matches = query.where && compileCondition(query.where, scope);
  const sort = compileOrder(query.orderBy, scope);

  const all = data.records(object.name);
  const rows = sort(matches ? all.filter(matches) : all);
  const start = query.offset ?? 0;
  const page = rows.slice(start, query.limit === undefined ? undefined : start + query.limit);
  return { totalSize: page.length, records: render ? page.map((record) => render(record, object.name)) : [] };
}
