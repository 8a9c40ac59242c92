/**
 * The window `okta-sf failures --since` reads: a span back from now (7d, 24h, 30m) or an ISO 8601 date.
 * Okta's System Log keeps events for 90 days ("System Log API": retention), so a longer window is refused
 * rather than silently shortened.
 */
import * as l10n from '@vscode/l10n';
import { type FailureWindow } from './failureEvent';

export const retentionDays = 90;
const dayMs = 24 * 60 * 60 * 1000;
const unitMs: Readonly<Record<string, number>> = { d: dayMs, h: 60 * 60 * 1000, m: 60 * 1000 };

/** The window from `text` until `now`, or a message saying what is wrong with `text`. */
export function parseSince(text: string, now: Date): FailureWindow | string {
  const value = text.trim();
  const span = /^(\d{1,6})([dhm])$/.exec(value);
  let since: number;
  if (span) {
    since = now.getTime() - Number(span[1]) * unitMs[span[2]];
  } else if (/^\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value))) {
    since = Date.parse(value);
  } else {
    return l10n.t('--since {0} is not a window: give a span such as 7d, 24h or 30m, or an ISO 8601 date such as 2026-12-01.', JSON.stringify(value));
  }
  if (since >= now.getTime()) return l10n.t('--since {0} is not in the past: give a span such as 7d or a date before now.', JSON.stringify(value));
  if (now.getTime() - since > retentionDays * dayMs) {
    return l10n.t("--since {0} reaches back more than {1} days; Okta's System Log keeps events for {1} days only. Give {1}d or less.", JSON.stringify(value), retentionDays);
  }
  return { since: new Date(since).toISOString(), until: now.toISOString() };
}
