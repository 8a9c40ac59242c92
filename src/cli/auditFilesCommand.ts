// `okta-sf audit`: the editor's profile diagnostics for metadata files, from a command line.
// Every profile given (or found under a given folder) is audited as Okta's integration profile,
// unless --profiles narrows the set; permission sets are checked for grants Okta says not to use.
// A file that cannot be read or audited is that file's finding: the others are still audited and
// the report is always printed.
import * as path from 'node:path';
import { isIntegrationProfileName } from '../domain/profileAudit';
import { profileNameOfFile } from '../domain/profileFiles';
import { excerpt } from '../domain/redact';
import { LineIndex } from '../domain/profileXml/lineIndex';
import {
  auditPermissionSetXml, auditProfileXml, type MetadataFinding, notUtf8Finding, unexpectedRootFinding,
} from '../domain/profileXml/profileFindings';
import { scanMetadataXml } from '../domain/profileXml/scanner';
import type { Output } from './auditOrgCommand';
import { findMetadataFiles, metadataTypeOfName } from './metadataFiles';
import { readMetadataFile } from './readMetadataFile';

export interface AuditFilesArguments {
  paths: string[];
  json: boolean;
  profiles?: string[];
}

/** Codes of okta-sf's own findings, for a file it could not audit at all (docs/diagnostics.md). */
const notAuditedCodes = ['unreadable-file', 'unreadable-folder', 'audit-failed'] as const;
type NotAuditedCode = typeof notAuditedCodes[number];

interface FileReport {
  file: string;
  profile: string | null;
  findings: Array<{
    code: MetadataFinding['code'] | NotAuditedCode;
    permission: string | null;
    /** Every permission the finding is about: the one permission, or the list a license-cannot-grant covers. */
    permissions: string[];
    severity: MetadataFinding['severity'];
    line: number;
    column: number;
    message: string;
  }>;
}

const wasAudited = (report: FileReport) => !report.findings.some((finding) => (notAuditedCodes as readonly string[]).includes(finding.code));

/** 0: every file audited without an error; 1: a file has an error; 2: a file could not be audited at all, or there was none. */
export async function auditFilesCommand(args: AuditFilesArguments, output: Output): Promise<number> {
  const reports: FileReport[] = [];
  for (const found of await findMetadataFiles(args.paths)) {
    const report = 'folder' in found
      ? notAudited(found.folder, null, 'unreadable-folder', `okta-sf cannot list this folder (${excerpt(errorMessage(found.error))}), so the files in it were not audited. `
        + 'Fix: give the user running okta-sf read access to it, or leave it out.')
      : await auditFile(found.file, args.profiles);
    if (report) reports.push(report);
  }
  if (args.json) {
    output.out(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    for (const report of reports) {
      for (const f of report.findings) output.out(`${report.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`);
    }
  }
  const audited = reports.filter(wasAudited);
  const notAuditedCount = reports.length - audited.length;
  const findings = audited.flatMap((report) => report.findings);
  const count = (severity: MetadataFinding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  if (reports.length === 0) {
    output.err(`No *.profile-meta.xml or *.permissionset-meta.xml file${args.profiles?.length ? ' of the profiles named by --profiles' : ''} `
      + `under ${args.paths.join(', ')}: nothing was audited.\n`);
    return 2;
  }
  output.err(`${audited.length} file(s) audited: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`
    + `${notAuditedCount ? `; ${notAuditedCount} could not be audited` : ''}.\n`);
  if (notAuditedCount > 0) return 2;
  return count('error') > 0 ? 1 : 0;
}

async function auditFile(file: string, profiles: string[] | undefined): Promise<FileReport | undefined> {
  const profileName = profileNameOfFile(path.basename(file)) ?? null;
  if (profileName !== null && profiles?.length && !isIntegrationProfileName(profileName, profiles)) return undefined;
  try {
    const read = await readMetadataFile(file);
    if (!read.ok) return notAudited(file, profileName, 'unreadable-file', read.message);
    const { text, notUtf8 } = read;
    const scan = scanMetadataXml(text);
    // A file given by a name of neither kind is taken for what its root says.
    const expected = metadataTypeOfName(file) ?? (scan.kind === 'PermissionSet' ? 'PermissionSet' : 'Profile');
    // As in the editor: a PermissionSet root is audited as one, whatever the file's name (the root finding says so).
    const isProfile = expected === 'Profile' && scan.kind !== 'PermissionSet';
    const findings = isProfile ? auditProfileXml(scan) : auditPermissionSetXml(scan);
    const rootFinding = unexpectedRootFinding(text, scan, expected);
    if (rootFinding) findings.push(rootFinding);
    if (notUtf8) findings.push(notUtf8Finding(notUtf8.offset, notUtf8.badByte, notUtf8.utf16));
    findings.sort((a, b) => a.span.start - b.span.start);
    const lines = new LineIndex(text);
    return {
      file, profile: isProfile ? profileName : null,
      findings: findings.map((finding) => {
        const { line, column } = lines.position(finding.span.start);
        return {
          code: finding.code, permission: finding.permission ?? null, permissions: finding.permissions ?? (finding.permission ? [finding.permission] : []),
          severity: finding.severity, line: line + 1, column: column + 1, message: finding.message,
        };
      }),
    };
  } catch (error) {
    return notAudited(file, profileName, 'audit-failed', `okta-sf failed while auditing this file (${excerpt(errorMessage(error))}), so nothing in it was `
      + 'checked. This is a bug in okta-sf: please report it, with the file if you can share it.');
  }
}

function notAudited(file: string, profile: string | null, code: NotAuditedCode, message: string): FileReport {
  return { file, profile, findings: [{ code, permission: null, permissions: [], severity: 'error', line: 1, column: 1, message }] };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
