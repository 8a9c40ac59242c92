/**
 * The failures of one Salesforce app as plain text (the report document, `okta-sf failures`) and as JSON
 * (`okta-sf failures --json`). Reasons, labels and user names come from Okta and Salesforce: each is kept
 * on one line and cut, so none can forge a line of the report or move the terminal's cursor.
 */
import * as l10n from '@vscode/l10n';
import { joinList, oneLineText } from '../plainText';
import { severityMark } from '../preflight/reportWords';
import { type FailureWindow } from './failureEvent';
import { explainFailure, type FailureLink } from './failureCauses';
import { cut, type FailureGroup, moreUserLimit } from './failureGroups';

export { parseSince } from './failureWindow';

export interface FailureReportInput {
  app: { id: string; label: string };
  window: FailureWindow;
  groups: FailureGroup[];
  total: number;
}

/** Users named in the text report; the JSON keeps all the group holds. */
const usersShown = 10;

const line = (text: string, limit = 300) => cut(oneLineText(text), limit);

/** The command (its title in the palette) that follows a link. */
function commandTitle(link: FailureLink): string {
  switch (link.kind) {
    case 'preflight': return l10n.t('Run Provisioning Pre-flight…');
    case 'dryRun': return l10n.t('Dry-Run Provisioning for a User…');
    case 'audit': return l10n.t('Audit Profile Permissions…');
    case 'testCredentials': return l10n.t('Test API Credentials');
    case 'configureApiIntegration': return l10n.t('Configure API Integration');
  }
}

function usersText(group: FailureGroup): string {
  const shown = group.users.slice(0, usersShown).map((user) => line(user.label, 80));
  const rest = group.users.length - shown.length + group.moreUsers;
  if (rest > 0) shown.push(group.moreUsers >= moreUserLimit ? l10n.t('at least {0} more', rest) : l10n.t('{0} more', rest));
  return shown.length ? joinList(shown) : l10n.t('none named in the events');
}

function groupLines(group: FailureGroup): string[] {
  const explanation = explainFailure(group);
  const tag = [group.code, group.field].filter(Boolean).map((part) => line(String(part), 120)).join(' · ');
  const commands = [...new Set(explanation.links.map(commandTitle))];
  const distinct = group.users.length + group.moreUsers;
  return [
    '',
    `${severityMark(group.severity)}  ${line(explanation.title, 200)}${tag ? `  [${tag}]` : ''}`,
    `  ${group.count === 1 ? l10n.t('1 failure, at {0}.', line(group.firstSeen, 40)) : l10n.t('{0} failures, first {1}, last {2}.', group.count, line(group.firstSeen, 40), line(group.lastSeen, 40))}`,
    `  ${l10n.t('Users ({0}): {1}', distinct, usersText(group))}`,
    // An unknown cause's meaning quotes the reason already; an empty reason says nothing.
    ...(group.cause !== 'unknown' && group.sampleReason ? [`  ${l10n.t('Reason: {0}', line(group.sampleReason))}`] : []),
    `  ${l10n.t('Meaning: {0}', line(explanation.meaning, 600))}`,
    `  ${l10n.t('Fix: {0}', line(explanation.fix, 600))}`,
    ...(commands.length ? [`  ${l10n.t('Helps: {0}', commands.join(', '))}`] : []),
  ];
}

export function formatFailureReport(input: FailureReportInput): string {
  const { app, window, groups, total } = input;
  const subject = l10n.t('{0} ({1})', line(app.label, 120), line(app.id, 40));
  const span = l10n.t('from {0} to {1}', line(window.since, 40), line(window.until, 40));
  if (!total || !groups.length) {
    return `${l10n.t('Provisioning failures of {0}, {1}: none. Okta logged no provisioning error for this app in the window.', subject, span)}\n`;
  }
  const lines = [
    groups.length === 1
      ? l10n.t('Provisioning failures of {0}, {1}: {2} in 1 group.', subject, span, total)
      : l10n.t('Provisioning failures of {0}, {1}: {2} in {3} groups, worst first.', subject, span, total, groups.length),
    ...groups.flatMap(groupLines),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * JSON, schemaVersion 1: { schemaVersion, app: { id, label }, window: { since, until }, total,
 * groups: [{ key, cause, code?, field?, count, firstSeen, lastSeen, users: [{ id, label }], moreUsers,
 * sampleReason, eventTypes, severity, title, meaning, fix, links: [FailureLink] }] }, worst first.
 * Org text is kept whole. Within a version, fields are only ever added.
 */
export function formatFailureJson(input: FailureReportInput): string {
  const { app, window, groups, total } = input;
  return JSON.stringify({
    schemaVersion: 1, app: { id: app.id, label: app.label }, window: { since: window.since, until: window.until }, total,
    groups: groups.map((group) => ({ ...group, ...explainFailure(group) })),
  }, null, 2);
}

/** `okta-sf failures` exits 1 when the window holds failures (2, when it cannot run, is the CLI's). */
export function failureExitCode(total: number): 0 | 1 {
  return total > 0 ? 1 : 0;
}
