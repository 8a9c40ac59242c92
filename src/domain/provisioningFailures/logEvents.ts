// A System Log event (the spec's LogEvent, as Okta's JSON gives it) read as a FailureEvent. Pure and
// defensive: the log is another system's data, so odd or missing fields never throw.
import { type FailureEvent } from './failureEvent';

type Json = Record<string, unknown>;

const record = (value: unknown): Json | undefined =>
  (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The event, or undefined when it has no uuid (nothing to tell one event from another by). */
export function failureEventFromLog(raw: unknown): FailureEvent | undefined {
  const event = record(raw);
  const uuid = text(event?.uuid);
  if (!event || !uuid) return undefined;
  const displayMessage = text(event.displayMessage);
  const user = userOf(event.target);
  return {
    uuid,
    published: text(event.published) ?? '',
    eventType: text(event.eventType) ?? '',
    // Kept as Okta gives it: the reason parser reads Salesforce's code and field out of it.
    reason: text(record(event.outcome)?.reason) ?? '',
    ...(displayMessage !== undefined ? { displayMessage } : {}),
    ...(user ? { user } : {}),
  };
}

/** The first target of type User (the spec: look targets up by type, not by position). */
function userOf(targets: unknown): FailureEvent['user'] {
  if (!Array.isArray(targets)) return undefined;
  const target = targets.map(record).find((t) => t?.type === 'User' && text(t.id));
  if (!target) return undefined;
  const login = text(target.alternateId);
  const displayName = text(target.displayName);
  return { id: text(target.id) as string, ...(login !== undefined ? { login } : {}), ...(displayName !== undefined ? { displayName } : {}) };
}
