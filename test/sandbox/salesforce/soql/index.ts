// The sandbox's SOQL engine: parses a statement, checks it against the org's object definitions,
// and runs it over the org's records. The REST routes page the rows themselves, except aggregate
// results, which Salesforce never pages.
import { type OrgData } from '../model';
import { compileAggregate } from './aggregate';
import { SoqlError } from './errors';
import { compileCondition } from './filter';
import { compileOrder } from './order';
import { parseSoql } from './parser';
import { recordRenderer, selectColumns } from './render';
import { type QueryScope, queryScope, resolveObject, unknownRelationship, unsupportedObject } from './resolve';

export { SoqlError, type SoqlErrorCode } from './errors';

/** The object a valid statement reads, as the org spells it. */
export function queriedObject(data: OrgData, soql: string): string | undefined {
  return data.object(parseSoql(soql).from.name)?.name;
}

export interface SoqlOptions {
  /** Such as '64.0', for the records' attribute URLs. */
  apiVersion: string;
  /** Whether the query came through /tooling/query, which reaches tooling objects only. */
  tooling: boolean;
  /** Whether the signed-in user may read an object (accessRules.ts); every object the query names is checked. */
  canRead?: (objectName: string) => boolean;
}

export interface SoqlResult {
  totalSize: number;
  records: Array<Record<string, unknown>>;
}

/** The REST API's batch: an aggregate result must fit in one, as it has no query locator for the rest. */
const aggregateBatchSize = 2000;

/**
 * The scope, refusing field paths through a parent the user may not read. A guess, by analogy with the FROM
 * object: a parent the user may not read is answered like a relationship the object lacks (INVALID_FIELD).
 */
function readableOnly(scope: QueryScope, canRead: (objectName: string) => boolean): QueryScope {
  return {
    soql: scope.soql,
    field(ref) {
      const resolved = scope.field(ref);
      resolved.relationships.forEach((relationship, i) => {
        if (!canRead(relationship.field.referenceTo?.[0] ?? '')) throw unknownRelationship(scope.soql, ref, ref.path[i]);
      });
      return resolved;
    },
  };
}

/**
 * Objects whose LIMIT Salesforce ignores. PermissionDependency is a computed Tooling object: public client code
 * that probed a real org reports "LIMIT IS SILENTLY IGNORED. Verified at LIMIT 3, 50 and 5 — all returned the same
 * full result" (while WHERE and ORDER BY are honoured). Observed, not documented.
 */
const limitIgnored = new Set(['PermissionDependency']);

/** Throws SoqlError for statements Salesforce would refuse. */
export function executeSoql(data: OrgData, soql: string, options: SoqlOptions): SoqlResult {
  const query = parseSoql(soql);
  const object = resolveObject(data, query.from, options.tooling, soql);
  const canRead = options.canRead ?? (() => true);
  // A real org answers an object the user may not read as one it lacks (observed, see unsupportedObject).
  if (!canRead(object.name)) throw unsupportedObject(soql, query.from);
  const scope = readableOnly(queryScope(data, object, soql), canRead);
  // Everything is resolved and type-checked before the first row is read.
  const aggregate = compileAggregate(query, scope);
  const render = query.select === 'count' || aggregate
    ? undefined
    : recordRenderer(data, selectColumns(query.select.map((item) => item.field), scope), options.apiVersion, options.tooling);
  const matches = query.where && compileCondition(query.where, scope);
  const sort = compileOrder(query.orderBy, scope);

  const all = data.records(object.name);
  const rows = sort(matches ? all.filter(matches) : all);
  const start = query.offset ?? 0;
  const limit = limitIgnored.has(object.name) ? undefined : query.limit;
  const window = <T>(items: readonly T[]) => items.slice(start, limit === undefined ? undefined : start + limit);
  if (aggregate) {
    const records = window(aggregate(rows));
    if (records.length > aggregateBatchSize) {
      // The wording is Salesforce's; the error code is a guess, taken from its other "does not support queryMore()" refusals.
      throw new SoqlError('EXCEEDED_ID_LIMIT', 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch');
    }
    return { totalSize: records.length, records };
  }
  const page = window(rows);
  return { totalSize: page.length, records: render ? page.map((record) => render(record, object.name)) : [] };
}
