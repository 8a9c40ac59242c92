/**
 * What okta-sf reads of a Salesforce DX project (sfdx-project.json) to place metadata files, and the Salesforce
 * CLI deploy command it shows the admin for them. Pure: the caller reads the files and runs nothing itself.
 *
 * sfdx-project.json: "packageDirectories" is an array of {path, default?}; the entry with "default": true is where
 * the CLI puts retrieved source, and exactly one entry is the default when there are several (Salesforce DX
 * Developer Guide, "Salesforce DX Project Configuration"). The first entry stands in when none says so.
 */
import * as l10n from '@vscode/l10n';

/** sfdx-project.json cannot tell where files go; the message says what to fix. */
export class SfdxProjectUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SfdxProjectUnreadable';
  }
}

/** The default package directory of a project, relative to the project folder, with "/" separators and no "./". */
export function defaultPackageDirectory(projectJson: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(projectJson);
  } catch {
    throw new SfdxProjectUnreadable(l10n.t('sfdx-project.json is not valid JSON. Fix: correct the file (the Salesforce CLI cannot read it either).'));
  }
  const directories = (parsed as { packageDirectories?: unknown } | null)?.packageDirectories;
  const entries = Array.isArray(directories)
    ? directories.filter((entry): entry is { path: string; default?: unknown } => typeof (entry as { path?: unknown } | null)?.path === 'string')
    : [];
  const chosen = entries.find((entry) => entry.default === true) ?? entries[0];
  if (!chosen) {
    throw new SfdxProjectUnreadable(l10n.t('sfdx-project.json lists no package directory. Fix: add one, such as "packageDirectories": [{ "path": "force-app", "default": true }].'));
  }
  const relative = chosen.path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  // Files go inside the project: an absolute path or ".." would write elsewhere on the disk.
  if (relative === '' || relative === '.' || relative.startsWith('/') || /^[A-Za-z]:/.test(relative) || relative.split('/').includes('..')) {
    throw new SfdxProjectUnreadable(l10n.t('The default package directory "{0}" in sfdx-project.json is not a folder inside the project. Fix: point it at a folder of the project, such as force-app.', chosen.path));
  }
  return relative;
}

/**
 * An API name for an app label, as Setup suggests one: every run of other characters becomes one "_", no
 * leading or trailing "_", and a leading digit gets an "App_" prefix (the name must start with a letter).
 * The admin can still edit it; the metadata files refuse what Salesforce would.
 */
export function apiNameOfLabel(label: string): string {
  const name = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return '';
  return /^[A-Za-z]/.test(name) ? name : `App_${name}`;
}

/**
 * `sf project deploy start` for the given files (paths relative to the project folder, the terminal's folder),
 * each quoted for the terminal's shell: POSIX single quotes, or double quotes on Windows, where cmd and PowerShell
 * both take them. Undefined when a path or the org cannot be quoted safely there (the admin then runs the deploy).
 * --source-dir takes files as well as folders and may be repeated (Salesforce CLI Command Reference, project deploy start).
 */
export function deployCommandLine(paths: readonly string[], targetOrg: string | undefined, platform: 'posix' | 'windows'): string | undefined {
  const quote = platform === 'windows' ? windowsQuoted : posixQuoted;
  const parts = ['sf', 'project', 'deploy', 'start'];
  for (const file of paths) parts.push('--source-dir', quote(file) ?? '');
  if (targetOrg !== undefined) parts.push('--target-org', quote(targetOrg) ?? '');
  return parts.includes('') || paths.length === 0 ? undefined : parts.join(' ');
}

const posixQuoted = (text: string) => (/[\0\r\n]/.test(text) ? undefined : `'${text.replace(/'/g, `'\\''`)}'`);
/** Inside double quotes cmd still expands %VAR% and PowerShell $var and `-escapes: such paths are not offered. */
const windowsQuoted = (text: string) => (/["%$`\0\r\n]/.test(text) ? undefined : `"${text}"`);
