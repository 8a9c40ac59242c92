// Okta's cursor paging: `limit` (per-operation default and bounds from the spec), an opaque `after`
// cursor, and absolute Link headers (rel="self", and rel="next" while more remain). The cursor is the
// id of the last item of the previous page; lists are in id order, so "after" means "ids above it",
// which stays correct when that item has since been removed.
import { type SandboxRequest, type SandboxResponse } from '../httpServer';
import { invalid, OktaRefusal } from './errors';

export interface PageLimits {
  /** What an absent `limit` (or -1, the spec's default for listApplications) means. */
  default: number;
  /** Above it: 400 E0000001, or the maximum itself when `capAtMax`. */
  max: number;
  min?: number;
  /** A guess for operations whose spec gives no maximum: Okta serves the maximum instead of refusing. */
  capAtMax?: boolean;
}

/** The page size asked for; throws Okta's refusal of a bad one. */
export function pageSize(req: SandboxRequest, limits: PageLimits): number {
  const raw = req.url.searchParams.get('limit');
  if (raw === null || raw === '-1') return limits.default;
  const limit = Number(raw);
  const min = limits.min ?? 1;
  if (!Number.isInteger(limit) || limit < min) {
    throw new OktaRefusal(invalid('limit', `limit: The limit must be an integer of at least ${min}.`));
  }
  if (limit > limits.max && !limits.capAtMax) throw new OktaRefusal(invalid('limit', `limit: The limit must not exceed ${limits.max}.`));
  return Math.min(limit, limits.max);
}

export interface PagedList<T> {
  items: readonly T[];
  idOf: (item: T) => string;
  render: (item: T) => unknown;
  /** Some queries (users and groups by `q`) return one page only, without a next link. */
  single?: boolean;
}

export function pagedResponse<T>(req: SandboxRequest, limits: PageLimits, list: PagedList<T>): SandboxResponse {
  const size = pageSize(req, limits);
  const after = req.url.searchParams.get('after');
  const rest = after && !list.single ? list.items.filter((item) => list.idOf(item) > after) : list.items;
  const page = rest.slice(0, size);
  const links = [`<${req.url.href}>; rel="self"`];
  if (!list.single && rest.length > size) {
    const next = new URL(req.url.href);
    next.searchParams.set('after', list.idOf(page[page.length - 1]));
    next.searchParams.set('limit', String(size));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { status: 200, body: page.map(list.render), headers: { Link: links.join(', ') } };
}
