/**
 * Failures grouped by cause as the System Log's pages arrive. A window may hold tens of thousands of
 * events, so a group keeps counts and capped samples, never the events: memory grows with the number of
 * distinct causes, not with the number of failures.
 */
import { type FailureEvent } from './failureEvent';
import { type FailureCause, parseFailureReason, scanLimit } from './failureReasons';

export interface FailureGroup {
  /** cause + code + field, or for an unknown cause its reason with user names, ids and numbers taken out. */
  key: string;
  cause: FailureCause;
  code?: string;
  field?: string;
  count: number;
  /** ISO 8601, as Okta published the earliest and the latest event of the group. */
  firstSeen: string;
  lastSeen: string;
  /** The first `userLimit` distinct users, in the order they failed; `login` when the event gave it (a dry run finds a user by it). */
  users: { id: string; label: string; login?: string }[];
  /** Distinct users beyond `users`, counted up to `moreUserLimit` (a lower bound past that). */
  moreUsers: number;
  /** The first reason of the group, cut to `sampleLimit` characters. */
  sampleReason: string;
  eventTypes: string[];
  severity: 'error' | 'warning';
}

export const userLimit = 100;
export const moreUserLimit = 10_000;
export const sampleLimit = 300;
/** Event types kept per group; Okta documents about twenty provisioning error types. */
const eventTypeLimit = 30;
/**
 * Dedupe by uuid within the most recent events only. The same event comes twice only where the reader's
 * pages overlap (a page boundary, a retried request), so a window of two of Okta's largest pages (1,000
 * events each) covers it while memory stays bounded; an event repeated further apart would count twice.
 */
export const recentUuidLimit = 2_000;
const unknownKeyLimit = 160;

interface GroupState {
  group: FailureGroup;
  firstMs: number;
  lastMs: number;
  userIds: Set<string>;
  moreUserIds: Set<string>;
}

export class FailureGrouper {
  private readonly states = new Map<string, GroupState>();
  private readonly recentUuids = new Set<string>();
  private readonly recentOrder: string[] = [];
  private recentNext = 0;
  private count = 0;

  /** Counts one event into its group; an event seen among the recent ones (same uuid) counts once. */
  add(event: FailureEvent): void {
    if (event.uuid && !this.remember(event.uuid)) return;
    this.count += 1;
    const parsed = parseFailureReason(event.reason ?? '', event.eventType);
    const key = parsed.cause === 'unknown'
      ? `unknown:${normalizedReason(event.reason || event.displayMessage || '', event.user)}`
      : [parsed.cause, parsed.code ?? '', parsed.field ?? ''].join(':');
    const state = this.states.get(key) ?? this.open(key, parsed, event);
    addTo(state, event);
  }

  /** Events counted (after dedupe). */
  get total(): number {
    return this.count;
  }

  /** The groups, worst first: errors before warnings, then the most failures, then the latest. */
  groups(): FailureGroup[] {
    return [...this.states.values()].map((state) => ({ ...state.group, users: [...state.group.users], eventTypes: [...state.group.eventTypes] }))
      .sort(compareGroups);
  }

  /** False when the uuid is among the recent ones; otherwise remembers it, forgetting the oldest. */
  private remember(uuid: string): boolean {
    if (this.recentUuids.has(uuid)) return false;
    if (this.recentOrder.length < recentUuidLimit) {
      this.recentOrder.push(uuid);
    } else {
      this.recentUuids.delete(this.recentOrder[this.recentNext]);
      this.recentOrder[this.recentNext] = uuid;
      this.recentNext = (this.recentNext + 1) % recentUuidLimit;
    }
    this.recentUuids.add(uuid);
    return true;
  }

  private open(key: string, parsed: ReturnType<typeof parseFailureReason>, event: FailureEvent): GroupState {
    const ms = timeOf(event.published);
    const state: GroupState = {
      group: {
        key, cause: parsed.cause, ...(parsed.code ? { code: parsed.code } : {}), ...(parsed.field ? { field: parsed.field } : {}),
        count: 0, firstSeen: event.published, lastSeen: event.published, users: [], moreUsers: 0,
        sampleReason: cut(event.reason || event.displayMessage || '', sampleLimit), eventTypes: [],
        severity: parsed.cause === 'rateLimited' ? 'warning' : 'error',
      },
      firstMs: ms, lastMs: ms, userIds: new Set(), moreUserIds: new Set(),
    };
    this.states.set(key, state);
    return state;
  }
}

function addTo(state: GroupState, event: FailureEvent): void {
  const { group } = state;
  group.count += 1;
  const ms = timeOf(event.published);
  if (ms < state.firstMs) { state.firstMs = ms; group.firstSeen = event.published; }
  if (ms > state.lastMs) { state.lastMs = ms; group.lastSeen = event.published; }
  if (!group.eventTypes.includes(event.eventType) && group.eventTypes.length < eventTypeLimit) group.eventTypes.push(event.eventType);
  const user = event.user;
  if (!user?.id || state.userIds.has(user.id)) return;
  if (state.userIds.size < userLimit) {
    state.userIds.add(user.id);
    group.users.push({ id: user.id, label: user.displayName || user.login || user.id, ...(user.login ? { login: user.login } : {}) });
  } else if (state.moreUserIds.size < moreUserLimit && !state.moreUserIds.has(user.id)) {
    state.moreUserIds.add(user.id);
    group.moreUsers = state.moreUserIds.size;
  }
}

const severityRank = { error: 0, warning: 1 } as const;
/**
 * Causes that stop every provisioning step until fixed, whatever the user: Okta's Salesforce session is
 * gone, or the integration user has no API access. Named first, even with fewer events than a per-user cause.
 */
const blocksEveryStep: ReadonlySet<FailureCause> = new Set<FailureCause>(['tokenExpired', 'apiDisabled']);
const blockingRank = (group: FailureGroup) => (blocksEveryStep.has(group.cause) ? 0 : 1);

function compareGroups(a: FailureGroup, b: FailureGroup): number {
  return severityRank[a.severity] - severityRank[b.severity]
    || blockingRank(a) - blockingRank(b)
    || b.count - a.count
    || timeOf(b.lastSeen) - timeOf(a.lastSeen)
    || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The group to name first (in the tree's health node): the worst by the order groups() uses. */
export function worstGroup(groups: readonly FailureGroup[]): FailureGroup | undefined {
  return groups.reduce<FailureGroup | undefined>((worst, group) => (!worst || compareGroups(group, worst) < 0 ? group : worst), undefined);
}

/** An unparseable date sorts as the oldest rather than breaking the order. */
function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

/** At most `limit` characters, never half of a surrogate pair, with "…" where it was cut. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 2)) ? limit - 2 : limit - 1;
  return `${text.slice(0, end)}…`;
}

/**
 * An unknown reason as a group key: the same failure for different users gives the same key, different
 * failures different keys. Okta's "Automatic provisioning of user X to app Y failed:" lead-in goes (it
 * names the user and is the same for all); so do the user's own name and login, and word by word e-mail
 * addresses, Okta and Salesforce ids (15 to 20 letters and digits) and numbers. Case and spacing are
 * folded; the key is capped. Words, not one pattern over the text, keep this linear in the text's length.
 */
export function normalizedReason(reason: string, user?: FailureEvent['user']): string {
  let text = reason.slice(0, scanLimit);
  const failed = text.startsWith('Automatic provisioning of user') ? text.indexOf(' failed:') : -1;
  if (failed > 0) text = text.slice(failed + ' failed:'.length);
  for (const name of [user?.displayName, user?.login, user?.id]) {
    if (name && name.length >= 3) text = text.split(name).join(' ');
  }
  const words: string[] = [];
  let length = 0;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const normal = normalWord(word);
    words.push(normal);
    length += normal.length + 1;
    if (length > unknownKeyLimit) break;
  }
  return words.join(' ').toLowerCase().slice(0, unknownKeyLimit);
}

function normalWord(word: string): string {
  if (word.includes('@')) return '<email>';
  if (word.length >= 15 && word.length <= 20 && /^[A-Za-z0-9]+$/.test(word) && /\d/.test(word)) return '<id>';
  return word.replace(/\d+/g, '#');
}
