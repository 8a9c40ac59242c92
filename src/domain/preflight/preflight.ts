/**
 * The provisioning pre-flight of one Okta Salesforce app (issue 14, part 1): the attribute checks of
 * attributeChecks.ts, plus what they leave to their caller (a mapping that is missing, an expression
 * that does not parse), gathered into one report with its verdict, as text for people and JSON for tools.
 * Everything here is data read from the two orgs: no line of the text report can be forged by it.
 */
import * as l10n from '@vscode/l10n';
import { oneLineText } from '../plainText';
import { excerpt } from '../redact';
import { type AppAttributeMapping, checkAttributes, type PreflightFinding, type PreflightSeverity, type UserDescribeField } from './attributeChecks';
import { parse } from './oktaExpression';
import { errorCount, noteCount, severityMark, warningCount } from './reportWords';

export type { PreflightFinding, PreflightSeverity, UserDescribeField } from './attributeChecks';

/** Which app was checked against which Salesforce org. */
export interface PreflightSubject {
  oktaOrgUrl: string;
  app: { id: string; label: string; instanceType?: string; loginUrl?: string };
  salesforceOrgUrl: string;
}

/** What the pre-flight reads: the app user schema, the Okta-to-app mapping (absent when the app has none), User's describe. */
export interface PreflightData {
  appAttributes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  mapping: { id: string; properties: Readonly<Record<string, { expression: string; pushStatus?: string }>> } | undefined;
  userFields: readonly UserDescribeField[];
}

export interface PreflightReport {
  subject: PreflightSubject;
  /** When the orgs were read (ISO 8601). */
  checkedAt: string;
  mappingId?: string;
  /** Attributes in the app's user schema, and how many of them the mapping sets. */
  attributeCount: number;
  mappedCount: number;
  fieldCount: number;
  findings: PreflightFinding[];
  counts: Record<PreflightSeverity, number>;
  /** `fails` when a finding is an error: some or all users would fail to provision. */
  verdict: 'fails' | 'warnings' | 'passes';
}

const mappingsPage = () => l10n.t('Okta Admin Console: Directory > Profile Editor > the Salesforce app > Mappings (Okta User to Salesforce)');

/** The mapping's properties as the checks take them, one per target attribute. */
export function mappingsOf(mapping: PreflightData['mapping']): AppAttributeMapping[] {
  if (!mapping) return [];
  return Object.entries(mapping.properties).map(([target, { expression, pushStatus }]) => ({ target, expression, ...(pushStatus ? { pushStatus } : {}) }));
}

export function runPreflight(subject: PreflightSubject, data: PreflightData, now = new Date()): PreflightReport {
  const mappings = mappingsOf(data.mapping);
  const findings = [
    ...(data.mapping ? [] : [mappingMissing()]),
    ...mappings.flatMap(expressionFinding),
    ...checkAttributes({ appAttributes: data.appAttributes, mappings, userFields: data.userFields }),
  ].sort(bySeverity);
  const counts: Record<PreflightSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return {
    subject,
    checkedAt: now.toISOString(),
    ...(data.mapping ? { mappingId: data.mapping.id } : {}),
    attributeCount: Object.keys(data.appAttributes).length,
    mappedCount: mappings.length,
    fieldCount: data.userFields.length,
    findings,
    counts,
    verdict: counts.error ? 'fails' : counts.warning ? 'warnings' : 'passes',
  };
}

/** okta-sf's exit code for a report: 1 when a finding is an error. (2, could not run, is the caller's.) */
export function preflightExitCode(report: PreflightReport): 0 | 1 {
  return report.counts.error ? 1 : 0;
}

function mappingMissing(): PreflightFinding {
  return {
    code: 'mapping-missing', severity: 'warning', attribute: l10n.t('(mapping)'), okta: l10n.t('no Okta User to app mapping'), salesforce: l10n.t('n/a'),
    message: l10n.t('Okta has no profile mapping from its users to this app, so nothing but the app username and values set on each assignment reaches Salesforce.'),
    fix: l10n.t('{0}: map at least the fields Salesforce requires (listed below).', mappingsPage()),
  };
}

/**
 * An expression that does not parse is an error at its position (Okta refuses to save such a mapping,
 * so one read back from an org was edited around the Admin Console, or our parser is wrong: either way
 * the admin should look). Valid SpEL outside what the dry run evaluates is only noted.
 */
function expressionFinding(mapping: AppAttributeMapping): PreflightFinding[] {
  const parsed = parse(mapping.expression);
  if (parsed.ok) return [];
  const { message, position, unsupported } = parsed.error;
  const base = { attribute: mapping.target, okta: l10n.t('mapped from {0}', quoted(mapping.expression)), salesforce: l10n.t('n/a'), expression: mapping.expression, position };
  if (unsupported) {
    return [{
      ...base, code: 'expression-unsupported', severity: 'info',
      message: l10n.t('The expression uses something a dry run does not evaluate ({0}); Okta may well accept it.', message),
      fix: l10n.t('Nothing to change if pushes of this attribute work; a dry run shows the attribute as not evaluated.'),
    }];
  }
  return [{
    ...base, code: 'expression-invalid', severity: 'error',
    message: l10n.t('The expression does not parse: {0}', message),
    fix: l10n.t("{0}: correct the expression for {1}; the Admin Console's Preview checks it against a user.", mappingsPage(), JSON.stringify(mapping.target)),
  }];
}

const severityOrder: Record<PreflightSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first; within a severity, the order the checks gave (attributeChecks sorts by attribute). */
function bySeverity(a: PreflightFinding, b: PreflightFinding): number {
  return severityOrder[a.severity] - severityOrder[b.severity];
}

/** Org text on one line, cut: it can hold line breaks, escapes and megabytes. */
const line = (text: string, max = 160) => excerpt(oneLineText(text), max);
const quoted = (text: string) => JSON.stringify(line(text, 120));

/** A title for the report: the verdict and the counts. */
export function preflightSummary(report: PreflightReport): string {
  const { error, warning, info } = report.counts;
  const verdict = report.verdict === 'fails' ? l10n.t('users would fail to provision') : report.verdict === 'warnings' ? l10n.t('passes with warnings') : l10n.t('passes');
  return l10n.t('{0}: {1}, {2}, {3}', verdict, errorCount(error), warningCount(warning), noteCount(info));
}

/** Where in an expression: the expression on one line and a caret under the position, when it is short enough to show. */
function caretLines(expression: string, position: number): string[] {
  const flat = expression.replace(/[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ');
  if (flat.length > 160 || position > flat.length) return [];
  return [`      ${flat}`, `      ${' '.repeat(position)}^`];
}

/** The report for people and CI logs: subject, verdict, then each finding with both sides' definitions and the fix. */
export function formatPreflightText(report: PreflightReport): string {
  const { subject } = report;
  const lines = [
    l10n.t('Provisioning pre-flight of {0} ({1}): {2}.', line(subject.app.label), line(subject.app.id, 40), preflightSummary(report)),
    l10n.t('Okta: {0}  ·  Salesforce: {1}  ·  checked {2}', line(subject.oktaOrgUrl), line(subject.salesforceOrgUrl), report.checkedAt),
    report.mappingId
      ? l10n.t('{0} app attributes, {1} mapped (mapping {2}); {3} User fields in Salesforce.', report.attributeCount, report.mappedCount, line(report.mappingId, 40), report.fieldCount)
      : l10n.t('{0} app attributes, {1} mapped; {2} User fields in Salesforce.', report.attributeCount, report.mappedCount, report.fieldCount),
  ];
  for (const finding of report.findings) {
    const where = finding.salesforceField && finding.salesforceField !== finding.attribute ? `${line(finding.attribute, 80)} → ${finding.salesforceField}` : line(finding.attribute, 80);
    lines.push(
      '',
      `${severityMark(finding.severity)}  ${where}  [${finding.code}]`,
      `  ${line(finding.message, 600)}`,
      ...(finding.expression !== undefined && finding.position !== undefined ? caretLines(finding.expression, finding.position) : []),
      `  ${l10n.t('Okta: {0}', line(finding.okta, 300))}`,
      `  ${l10n.t('Salesforce: {0}', line(finding.salesforce, 300))}`,
      `  ${l10n.t('Fix: {0}', line(finding.fix, 600))}`,
    );
  }
  if (!report.findings.length) lines.push('', l10n.t('No finding: every mapped attribute fits its Salesforce field and every field Salesforce requires is set.'));
  return `${lines.join('\n')}\n`;
}

/**
 * JSON, schemaVersion 1: { schemaVersion, subject: { oktaOrgUrl, app: { id, label, instanceType?, loginUrl? }, salesforceOrgUrl },
 * checkedAt, mappingId?, attributeCount, mappedCount, fieldCount, verdict: fails | warnings | passes,
 * counts: { error, warning, info }, findings: [{ code, severity, attribute, salesforceField?, okta, salesforce, message, fix,
 * expression?, position? }] }. Org text is kept whole. Within a version, fields are only ever added.
 */
export function formatPreflightJson(report: PreflightReport): string {
  const { subject, checkedAt, mappingId, attributeCount, mappedCount, fieldCount, verdict, counts, findings } = report;
  return JSON.stringify({ schemaVersion: 1, subject, checkedAt, mappingId, attributeCount, mappedCount, fieldCount, verdict, counts, findings }, null, 2);
}
