/**
 * A dry run as text: the Salesforce User record Okta would create for one user, a field a line, each
 * value's problems under it. Every value and name comes from an org: quoted, on one line, cut when long.
 */
import * as l10n from '@vscode/l10n';
import { oneLineText } from '../plainText';
import { excerpt } from '../redact';
import type { DryRunPlan, DryRunRow } from './dryRun';
import { errorCount, severityMark, warningCount } from './reportWords';

export interface DryRunSubject {
  app: { id: string; label: string };
  user: { id: string; login: string };
  oktaOrgUrl: string;
  salesforceOrgUrl: string;
}

const line = (text: string, max = 160) => excerpt(oneLineText(text), max);

export function dryRunCounts(plan: DryRunPlan): { error: number; warning: number } {
  const problems = plan.rows.flatMap((row) => row.problems);
  return { error: problems.filter((p) => p.severity === 'error').length, warning: problems.filter((p) => p.severity === 'warning').length };
}

/** Whether Salesforce would take the record: refuse (an error), or take it (with warnings to look at). */
export function dryRunVerdict(plan: DryRunPlan): string {
  const { error, warning } = dryRunCounts(plan);
  const notEvaluated = plan.rows.filter((row) => row.outcome.kind === 'notEvaluated').length;
  const counts = l10n.t('{0}, {1}', errorCount(error), warningCount(warning));
  if (error) return l10n.t('Salesforce would refuse this user ({0}).', counts);
  // A value not evaluated is not known to be right: the dry run cannot say "accepted" for it.
  if (notEvaluated === 1) return l10n.t('No error found, but 1 value was not evaluated, so the dry run cannot say Salesforce would accept this user ({0}).', counts);
  if (notEvaluated) return l10n.t('No error found, but {0} values were not evaluated, so the dry run cannot say Salesforce would accept this user ({1}).', notEvaluated, counts);
  return l10n.t('Salesforce would accept this user ({0}).', counts);
}

function valueText(row: DryRunRow): string {
  const { outcome } = row;
  switch (outcome.kind) {
    case 'value': return outcome.value === null ? 'null' : line(JSON.stringify(outcome.value), 200);
    case 'missing': return l10n.t('(no value)');
    case 'notEvaluated': return l10n.t('(not evaluated at character {0}: {1})', outcome.position + 1, line(outcome.reason, 300));
    case 'error': return l10n.t('(expression error at character {0}: {1})', outcome.position + 1, line(outcome.message, 300));
  }
}

function sourceText(row: DryRunRow): string {
  switch (row.source) {
    case 'mapping': return l10n.t('mapped from {0}', JSON.stringify(line(row.expression ?? '', 120)));
    case 'assignment': return l10n.t('set on the assignment');
    case 'app username': return l10n.t('the app username');
    case 'none': return l10n.t('nothing sets it');
  }
}

export function formatDryRunText(subject: DryRunSubject, plan: DryRunPlan, at = new Date()): string {
  const lines = [
    l10n.t('Dry run of {0} ({1}) for {2} ({3})', line(subject.app.label), line(subject.app.id, 40), line(subject.user.login, 120), line(subject.user.id, 40)),
    l10n.t('Okta: {0}  ·  Salesforce: {1}  ·  {2}  ·  nothing was written to either org.', line(subject.oktaOrgUrl), line(subject.salesforceOrgUrl), at.toISOString()),
    dryRunVerdict(plan),
    '',
    l10n.t('The User record Okta would create:'),
  ];
  for (const row of plan.rows) {
    const name = row.attribute && row.attribute !== row.field ? `${row.field} (${line(row.attribute, 60)})` : row.field;
    lines.push('', `${line(name, 100)} = ${valueText(row)}`, `  ${sourceText(row)}`);
    for (const problem of row.problems) lines.push(`  ${severityMark(problem.severity)} ${problem.code}: ${line(problem.message, 600)}`);
  }
  const checked = plan.uniqueChecks.length;
  lines.push('', checked
    ? l10n.t("Unique values checked against the org's users (one query): {0}.", plan.uniqueChecks.map((c) => c.field).filter((f, i, all) => all.indexOf(f) === i).join(', '))
    : l10n.t("No unique value to check against the org's users."));
  return `${lines.join('\n')}\n`;
}
