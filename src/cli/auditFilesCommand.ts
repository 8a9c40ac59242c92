// `okta-sf audit`: the editor's profile diagnostics for metadata files, from a command line.
// Every profile given (or found under a given folder) is audited as Okta's integration profile,
// unless --profiles narrows the set; permission sets are checked for grants Okta says not to use.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isIntegrationProfileName } from '../domain/profileAudit';
import { profileNameOfFile } from '../domain/profileFiles';
import { LineIndex } from '../domain/profileXml/lineIndex';
import { auditPermissionSetXml, auditProfileXml, type MetadataFinding } from '../domain/profileXml/profileFindings';
import { scanMetadataXml } from '../domain/profileXml/scanner';
import type { Output } from './auditOrgCommand';

export interface AuditFilesArguments {
  paths: string[];
  json: boolean;
  profiles?: string[];
}

interface FileReport {
  file: string;
  profile: string | null;
  findings: Array<{ code: string; permission: string | null; severity: MetadataFinding['severity']; line: number; column: number; message: string }>;
}

const metadataFile = /\.(profile|permissionset)-meta\.xml$/;
const skippedFolders = new Set(['node_modules', '.git', '.sfdx', '.sf']);

export async function auditFilesCommand(args: AuditFilesArguments, output: Output): Promise<number> {
  if (!args.paths.length) {
    output.err('Give the profile files to audit, or folders to search for *.profile-meta.xml and *.permissionset-meta.xml files.\n');
    return 2;
  }
  let files: string[];
  try {
    files = (await Promise.all(args.paths.map((given) => collect(given, true)))).flat();
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!files.length) {
    output.err(`No *.profile-meta.xml or *.permissionset-meta.xml file under ${args.paths.join(', ')}.\n`);
    return 2;
  }
  const reports: FileReport[] = [];
  for (const file of files.sort()) {
    const report = await auditFile(file, args.profiles);
    if (report) reports.push(report);
  }
  if (args.json) {
    output.out(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    for (const report of reports) {
      for (const f of report.findings) output.out(`${report.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`);
    }
    const counts = reports.flatMap((report) => report.findings).reduce((sum, f) => ({ ...sum, [f.severity]: (sum[f.severity] ?? 0) + 1 }), {} as Record<string, number>);
    output.err(`${reports.length} file(s) audited: ${counts.error ?? 0} error(s), ${counts.warning ?? 0} warning(s), ${counts.info ?? 0} note(s).\n`);
  }
  return reports.some((report) => report.findings.some((finding) => finding.severity === 'error')) ? 1 : 0;
}

/** The metadata files at a path: the file itself when named, or every one under a folder. */
async function collect(given: string, named: boolean): Promise<string[]> {
  const stat = await fs.stat(given).catch(() => undefined);
  if (!stat) throw new Error(`${given} does not exist.`);
  if (stat.isFile()) return named || metadataFile.test(given) ? [given] : [];
  if (!stat.isDirectory()) return [];
  const entries = await fs.readdir(given, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => {
    const child = path.join(given, entry.name);
    if (entry.isDirectory()) return skippedFolders.has(entry.name) ? [] : collect(child, false);
    return entry.isFile() && metadataFile.test(entry.name) ? [child] : [];
  }));
  return nested.flat();
}

async function auditFile(file: string, profiles: string[] | undefined): Promise<FileReport | undefined> {
  const text = await fs.readFile(file, 'utf8');
  const scan = scanMetadataXml(text);
  const profile = profileNameOfFile(path.basename(file)) ?? null;
  const isProfile = profile !== null && scan.kind !== 'PermissionSet';
  if (isProfile && profiles?.length && !isIntegrationProfileName(profile, profiles)) return undefined;
  const findings = isProfile ? auditProfileXml(scan) : auditPermissionSetXml(scan);
  const lines = new LineIndex(text);
  return {
    file, profile: isProfile ? profile : null,
    findings: findings.map((finding) => {
      const { line, column } = lines.position(finding.span.start);
      return {
        code: finding.code, permission: finding.permission ?? null, severity: finding.severity,
        line: line + 1, column: column + 1, message: finding.message,
      };
    }),
  };
}
