// The System Log: GET /api/v1/logs (the spec's listLogEvents) with since/until, filter, q, limit,
// sortOrder and an opaque `after` cursor in the absolute Link rel="next".
//
// When a next link is given (Okta's System Log API reference, "Bounded requests" and "Polling
// requests"): a bounded request (with `until`) gets one only while events of its window remain; a
// polling request (no `until`) always gets one, since events may still arrive.
import { createHash } from 'node:crypto';
import { type SandboxRequest, type SandboxResponse } from '../../httpServer';
import { invalid, OktaRefusal } from '../errors';
import { compileExpression, type ExpressionRules, InvalidExpression } from '../filterExpression';
import { type OktaRoute } from '../oktaRoute';
import { type PageLimits, pageSize } from '../paging';
import { byPublished, type LogEvent } from '../systemLog';

// The spec: limit "Integer between 0 and 1000", default 100.
const limits: PageLimits = { default: 100, max: 1000, min: 0 };

/**
 * The subset of Okta's System Log filter the sandbox supports: `eq` on these attributes, joined by
 * `and` / `or` and grouped. The System Log supports more operators (the spec: "All operators except
 * [ ]"); asking for others is refused here, so that a client relying on them is noticed.
 */
const filterable = new Set(['eventType', 'target.id', 'target.type', 'outcome.result', 'actor.id', 'severity', 'uuid']);
const filterRules: ExpressionRules = { allows: (attribute, operator) => operator === 'eq' && filterable.has(attribute), caseInsensitive: false };

// The spec on q: "Max length is 40 characters per keyword, with a maximum of 10 keyword filters per query".
const maxKeywords = 10;
const maxKeywordLength = 40;

const isoTimestamp = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function logRoutes(log: readonly LogEvent[]): OktaRoute[] {
  return [{
    method: 'GET', path: '/api/v1/logs', operationId: 'listLogEvents', scope: 'okta.logs.read',
    handler: (req) => listLogEvents(req, log),
  }];
}

function listLogEvents(req: SandboxRequest, log: readonly LogEvent[]): SandboxResponse {
  const params = req.url.searchParams;
  const size = pageSize(req, limits);
  const until = timestamp(params.get('until'), 'until') ?? Date.now();
  // The spec: since defaults to "7 days prior to until".
  const since = timestamp(params.get('since'), 'since') ?? until - 7 * 86_400_000;
  const descending = sortOrder(params.get('sortOrder'));
  const matches = compiledFilter(params.get('filter'));
  const keywords = keywordsOf(params.get('q'));
  const after = params.get('after');
  const cursor = after === null ? undefined : cursorOf(after);

  const inWindow = log.filter((event) => {
    const published = Date.parse(event.published);
    return published >= since && published < until && matches(event) && hasKeywords(event, keywords);
  });
  const ordered = descending ? inWindow.reverse() : inWindow;
  const rest = cursor ? ordered.filter((event) => (descending ? byPublished(event, cursor) < 0 : byPublished(event, cursor) > 0)) : ordered;
  const page = rest.slice(0, size);

  const links = [`<${req.url.href}>; rel="self"`];
  const bounded = params.has('until');
  if (!bounded || rest.length > page.length) {
    const next = new URL(req.url.href);
    // A polling request with nothing new keeps its cursor (a guess: Okta's polling link then names the same point).
    const last = page.at(-1);
    if (last) next.searchParams.set('after', cursorFor(last));
    next.searchParams.set('limit', String(size));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { status: 200, body: page, headers: { Link: links.join(', ') } };
}

/** ISO 8601 or Okta refuses it (400 E0000001 naming the parameter; the wording of the cause is a guess). */
function timestamp(raw: string | null, name: string): number | undefined {
  if (raw === null) return undefined;
  const ms = isoTimestamp.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new OktaRefusal(invalid(name, `${name}: ${raw} is not an ISO 8601 timestamp.`));
  return ms;
}

function sortOrder(raw: string | null): boolean {
  if (raw === null || raw === 'ASCENDING') return false;
  if (raw === 'DESCENDING') return true;
  throw new OktaRefusal(invalid('sortOrder', 'sortOrder: must be ASCENDING or DESCENDING.'));
}

/**
 * A malformed or unsupported filter: the spec gives listLogEvents only ErrorApiValidationFailed400
 * (E0000001); the cause's wording is a guess.
 */
function compiledFilter(raw: string | null): (event: LogEvent) => boolean {
  if (raw === null) return () => true;
  try {
    return compileExpression(raw, filterRules);
  } catch (error) {
    if (error instanceof InvalidExpression) throw new OktaRefusal(invalid('filter', `filter: Invalid filter expression: ${error.message}`));
    throw error;
  }
}

function keywordsOf(raw: string | null): string[] {
  if (raw === null) return [];
  const keywords = raw.split(/\s+/).filter(Boolean).map((k) => k.toLowerCase());
  if (keywords.length > maxKeywords || keywords.some((k) => k.length > maxKeywordLength)) {
    throw new OktaRefusal(invalid('q', `q: at most ${maxKeywords} keywords of at most ${maxKeywordLength} characters each.`));
  }
  return keywords;
}

/** A guess at what q searches: the event's words (type, message, reason, actor and targets). */
function hasKeywords(event: LogEvent, keywords: string[]): boolean {
  if (!keywords.length) return true;
  const names = [event.actor, ...event.target].flatMap((t) => [t.id, t.alternateId, t.displayName]);
  const text = [event.eventType, event.displayMessage, event.outcome.reason ?? '', ...names].join(' ').toLowerCase();
  return keywords.every((keyword) => text.includes(keyword));
}

/**
 * The cursor: opaque to clients (the spec: "Opaque token"), here the last event's published time and
 * uuid with a checksum, so that a cursor the sandbox did not make is refused rather than misread.
 */
function cursorFor(event: LogEvent): string {
  const body = `${event.published}|${event.uuid}`;
  return Buffer.from(`${body}|${checksum(body)}`).toString('base64url');
}

function cursorOf(after: string): LogEvent {
  const [published, uuid, sum] = Buffer.from(after, 'base64url').toString().split('|');
  if (!published || !uuid || sum !== checksum(`${published}|${uuid}`)) {
    throw new OktaRefusal(invalid('after', 'after: The cursor is not valid.'));
  }
  return { published, uuid } as LogEvent;
}

const checksum = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 8);
