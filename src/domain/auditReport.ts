/**
 * An OrgAudit as text (people, CI logs), JSON (tools) and CSV (spreadsheets). Profile names, usernames
 * and set names come from the org, so none of them may forge a text line or run as a spreadsheet formula.
 */
import * as l10n from '@vscode/l10n';
import { type RequiredPermission } from './permissionCatalog';
import { type CandidateReason, type Finding, type OrgAudit, type Verdict } from './profileAudit';

function candidateReasonText(reason: CandidateReason): string {
  switch (reason) {
    case 'setting': return l10n.t('matches the integration profiles setting');
    case 'nameRule': return l10n.t('name mentions Okta or Integration');
    case 'integrationUser': return l10n.t('profile of an integration user');
  }
}

/** Verdicts stay as the JSON and CSV spell them, in capitals: PASS, WARN, FAIL. */
function verdictText(verdict: Verdict): string {
  switch (verdict) {
    case 'pass': return l10n.t('PASS');
    case 'warn': return l10n.t('WARN');
    case 'fail': return l10n.t('FAIL');
  }
}

function severityText(severity: Finding['severity']): string {
  switch (severity) {
    case 'error': return l10n.t('error');
    case 'warning': return l10n.t('warning');
    case 'info': return l10n.t('info');
  }
}

/** Line breaks and terminal escapes in org data would start forged lines in a log. */
const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, ' ');

function findingLines(findings: readonly Finding[]): string[] {
  return findings.flatMap((finding) => [`  ${l10n.t('{0}: {1}', severityText(finding.severity), oneLine(finding.message))}`, `    ${l10n.t('Fix: {0}', oneLine(finding.fix))}`]);
}

/** Per profile a verdict line, then each finding's message and fix; the integration users last. */
export function formatAuditText(audit: OrgAudit): string {
  const { required } = audit;
  const source = required.source === 'org' ? l10n.t('the org’s PermissionDependency rows') : l10n.t('the built-in list (the org’s were not read)');
  // A permission the org has no field for is marked where the list names it, so no reader takes it as checked.
  const unreadable = new Set(audit.profiles.flatMap((profile) => profile.permissions)
    .filter((state) => state.state === 'unreadable').map((state) => state.permission));
  const labelOf = (permission: RequiredPermission) => (unreadable.has(permission.name)
    ? l10n.t('{0} (could not be read)', oneLine(permission.label)) : oneLine(permission.label));
  const lines = [
    audit.orgPasses ? l10n.t('Okta integration profile audit: the org passes.') : l10n.t('Okta integration profile audit: the org does not pass.'),
    l10n.t('Required permissions ({0}, dependencies from {1}): {2}.', required.permissions.length, source, required.permissions.map(labelOf).join(', ')),
    ...findingLines(audit.findings),
  ];
  for (const profile of audit.profiles) {
    const reasons = profile.candidateReasons.map(candidateReasonText).join('; ');
    const details = [
      l10n.t('license: {0}', oneLine(profile.licenseName ?? l10n.t('not reported'))),
      ...(reasons ? [l10n.t('integration profile: {0}', reasons)] : []),
    ];
    lines.push('', `${verdictText(profile.verdict)}  ${oneLine(profile.name)} (${details.join(', ')})`, ...findingLines(profile.findings));
  }
  if (audit.integrationUsers.length > 0) lines.push('', l10n.t('Integration users:'));
  for (const user of audit.integrationUsers) {
    const profile = oneLine(user.profileName ?? user.profileId);
    lines.push('', `${verdictText(user.verdict)}  ${oneLine(user.username)} (${l10n.t('profile: {0}', profile)})`, ...findingLines(user.findings));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The audit as JSON, schemaVersion 1: the OrgAudit under a version number, keys in this order.
 *   { schemaVersion: 1, orgPasses: boolean,
 *     required: { source: 'org' | 'builtIn', permissions: [{ name, apiField, label, allows, listedByOkta, requiredBy: [name] }] },
 *     findings: [Finding],  // about the org, e.g. no integration profile
 *     profiles: [{ profileId, name, licenseName, isIntegrationCandidate, candidateReasons, verdict, findings: [Finding], isCustom? (when read),
 *                  permissions: [{ permission, state, grants?: [{ permissionSetName, permissionSetGroupId, username }] }] }],
 *   state: onProfile | missing | viaPermissionSet | licenseCannotCarry | unreadable (the org has no field for it).
 *     integrationUsers: [{ username, profileId, profileName, verdict, findings: [Finding], permissions }] }
 *   Finding = { code, severity, permission?, message, fix }. Within a version, fields are only ever added.
 */
export function formatAuditJson(audit: OrgAudit): string {
  const { orgPasses, required, findings, profiles, integrationUsers } = audit;
  return `${JSON.stringify({ schemaVersion: 1, orgPasses, required, findings, profiles, integrationUsers }, null, 2)}\n`;
}

const csvHeader = ['profile', 'license', 'verdict', 'code', 'severity', 'permission', 'message', 'fix'];

/** RFC 4180 quoting; a cell a spreadsheet would evaluate (= + - @, tab, CR first) gets a leading single quote. */
function csvCell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

const findingCells = (finding: Finding) => [finding.code, finding.severity, finding.permission ?? '', finding.message, finding.fix];

/**
 * One row per finding; a profile without findings gets one row with empty finding cells, so every profile
 * appears. Org findings come first with empty profile cells. Integration users' findings repeat their
 * profile's or the org's and are left out. CRLF line ends, as RFC 4180 has them.
 */
export function formatAuditCsv(audit: OrgAudit): string {
  const orgVerdict = audit.orgPasses ? 'pass' : 'fail';
  const rows = [csvHeader, ...audit.findings.map((finding) => ['', '', orgVerdict, ...findingCells(finding)])];
  for (const profile of audit.profiles) {
    const lead = [profile.name, profile.licenseName ?? '', profile.verdict];
    if (profile.findings.length === 0) rows.push([...lead, '', '', '', '', '']);
    rows.push(...profile.findings.map((finding) => [...lead, ...findingCells(finding)]));
  }
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
