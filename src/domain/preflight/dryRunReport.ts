/**
 * A dry run as text: the Salesforce User record Okta would create for one user, a field a line, each
 * value's problems under it. Every value and name comes from an org: quoted, on one line, cut when long.
 */
import { oneLineText } from '../plainText';
import { excerpt } from '../redact';
import type { DryRunPlan, DryRunRow } from './dryRun';

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
  const counts = `${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}`;
  if (error) return `Salesforce would refuse this user (${counts}).`;
  // A value not evaluated is not known to be right: the dry run cannot say "accepted" for it.
  if (notEvaluated) return `No error found, but ${notEvaluated} value${notEvaluated === 1 ? ' was' : 's were'} not evaluated, so the dry run cannot say Salesforce would accept this user (${counts}).`;
  return `Salesforce would accept this user (${counts}).`;
}

function valueText(row: DryRunRow): string {
  const { outcome } = row;
  switch (outcome.kind) {
    case 'value': return outcome.value === null ? 'null' : line(JSON.stringify(outcome.value), 200);
    case 'missing': return '(no value)';
    case 'notEvaluated': return `(not evaluated at character ${outcome.position + 1}: ${line(outcome.reason, 300)})`;
    case 'error': return `(expression error at character ${outcome.position + 1}: ${line(outcome.message, 300)})`;
  }
}

function sourceText(row: DryRunRow): string {
  switch (row.source) {
    case 'mapping': return `mapped from ${JSON.stringify(line(row.expression ?? '', 120))}`;
    case 'assignment': return 'set on the assignment';
    case 'app username': return 'the app username';
    case 'none': return 'nothing sets it';
  }
}

export function formatDryRunText(subject: DryRunSubject, plan: DryRunPlan, at = new Date()): string {
  const lines = [
    `Dry run of ${line(subject.app.label)} (${line(subject.app.id, 40)}) for ${line(subject.user.login, 120)} (${line(subject.user.id, 40)})`,
    `Okta: ${line(subject.oktaOrgUrl)}  ·  Salesforce: ${line(subject.salesforceOrgUrl)}  ·  ${at.toISOString()}  ·  nothing was written to either org.`,
    dryRunVerdict(plan),
    '',
    'The User record Okta would create:',
  ];
  for (const row of plan.rows) {
    const name = row.attribute && row.attribute !== row.field ? `${row.field} (${line(row.attribute, 60)})` : row.field;
    lines.push('', `${line(name, 100)} = ${valueText(row)}`, `  ${sourceText(row)}`);
    for (const problem of row.problems) lines.push(`  ${problem.severity.toUpperCase()} ${problem.code}: ${line(problem.message, 600)}`);
  }
  const checked = plan.uniqueChecks.length;
  lines.push('', checked
    ? `Unique values checked against the org's users (one query): ${plan.uniqueChecks.map((c) => c.field).filter((f, i, all) => all.indexOf(f) === i).join(', ')}.`
    : 'No unique value to check against the org\'s users.');
  return `${lines.join('\n')}\n`;
}
