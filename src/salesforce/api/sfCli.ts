/**
 * The orgs the Salesforce CLI (`sf`) is already signed in to, and sessions for them, read from
 * `sf org list --json` and `sf org display --json`. Imports nothing from vscode.
 *
 * What the CLI answers (salesforcecli/plugin-org: schemas/org-list.json, schemas/org-display.json,
 * src/commands/org/{list,display}.ts, src/shared/orgListUtil.ts; salesforcecli/sf-plugins-core:
 * SfCommand.catch and SfCommandError.toJson; forcedotcom/sfdx-core: messages/core.md):
 * - success: {"status": 0, "result": {...}, "warnings": [...]} on stdout;
 * - failure: {"status": 1, "name": "NamedOrgNotFoundError", "message": "No authorization information
 *   found for x.", "exitCode": 1, ...}; sf v2 prints it on stdout, sfdx before v45 on stderr
 *   (sfdx-isv/sfdx-falcon#111), so both are read;
 * - `org list` with no orgs at all fails with name "noOrgsFound";
 * - a revoked or expired refresh token does not fail `org display`: it warns and reports
 *   connectedStatus "RefreshTokenAuthError" (orgListUtil's authErrorHandler returns the error's code);
 * - since May 2026 `org display` and `org list` hide tokens ("[REDACTED] Use 'sf org auth
 *   show-access-token' to view") unless SF_TEMP_SHOW_SECRETS is set, and `sf org auth
 *   show-access-token --json` answers {"accessToken"}; older CLIs show every token in both.
 * The output therefore holds tokens: it is parsed, never logged, and never put in a message.
 */
import { execFile } from 'node:child_process';
import * as l10n from '@vscode/l10n';
import { redact } from '../../domain/redact';

export interface SfCliOptions {
  signal?: AbortSignal;
  /** For each run of the CLI; default 20 s. 0 waits forever. */
  timeoutMs?: number;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default "sf" ("sf.cmd" on Windows). */
  command?: string;
  /** A Salesforce DX project folder: the CLI takes its default org from the project's config there. */
  cwd?: string;
}

export interface SfCliOrg {
  alias?: string;
  username: string;
  orgId: string;
  instanceUrl: string;
  loginUrl?: string;
  /** The CLI's target-org. */
  isDefault: boolean;
  /** "Connected", or why the CLI could not refresh the session (e.g. RefreshTokenAuthError). Not set for scratch orgs. */
  connectedStatus?: string;
  isScratch: boolean;
}

export interface SfCliSession {
  accessToken: string;
  instanceUrl: string;
  username: string;
  orgId: string;
  alias?: string;
  apiVersion?: string;
}

export type SfCliFailureKind = 'notInstalled' | 'noSuchOrg' | 'signInExpired' | 'failed' | 'timeout' | 'cancelled';

export class SfCliFailure extends Error {
  constructor(readonly kind: SfCliFailureKind, message: string) {
    super(message);
    this.name = 'SfCliFailure';
  }
}

/** Lists every org the CLI knows, default first; undefined when the CLI is not installed. */
export async function listSfOrgs(options: SfCliOptions = {}): Promise<SfCliOrg[] | undefined> {
  const args = ['org', 'list', '--json'];
  let answer: SfAnswer;
  try {
    answer = await runSf(args, options);
  } catch (error) {
    if (error instanceof SfCliFailure && error.kind === 'notInstalled') return undefined;
    throw error;
  }
  if (answer.status !== 0) {
    if (answer.name === 'noOrgsFound') return [];
    throw failureOf(answer, args);
  }
  const result = asRecord(answer.result);
  const orgs = new Map<string, SfCliOrg>();
  // nonScratchOrgs repeats other, sandboxes and devHubs (kept for older CLIs, which have only it).
  for (const category of ['nonScratchOrgs', 'other', 'sandboxes', 'devHubs', 'scratchOrgs']) {
    const entries = result[category];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const org = orgFrom(asRecord(entry), category === 'scratchOrgs');
      if (!org) continue;
      const seen = orgs.get(org.username);
      if (seen) seen.isScratch ||= org.isScratch;
      else orgs.set(org.username, org);
    }
  }
  return [...orgs.values()].sort(byDefaultThenName);
}

/**
 * A session for one of the CLI's orgs (alias or username). The CLI refreshes an expired access
 * token itself, so calling this again is how to get a fresh one.
 */
export async function displaySfOrg(targetOrg: string, options: SfCliOptions = {}): Promise<SfCliSession> {
  if (!targetOrg.trim() || targetOrg.startsWith('-')) throw new SfCliFailure('noSuchOrg', l10n.t('"{0}" is not an org alias or username.', targetOrg));
  const displayArgs = ['org', 'display', '--json', '--target-org', targetOrg];
  const answer = await runSf(displayArgs, options);
  if (answer.status !== 0) throw failureOf(answer, displayArgs, targetOrg);
  const result = asRecord(answer.result);
  const username = text(result.username);
  const orgId = text(result.id);
  const instanceUrl = text(result.instanceUrl);
  const alias = text(result.alias);
  if (!username || !orgId || !instanceUrl) throw new SfCliFailure('failed', l10n.t('"{0}" answered without the org\'s username, id or instance URL. Update the Salesforce CLI ("sf update"), then retry.', titleOf(displayArgs)));

  const status = text(result.connectedStatus);
  if (status && status !== 'Connected') {
    if (expiredSignIn.test(status)) throw signInExpired(alias ?? targetOrg, instanceUrl);
    const display = `sf org display --target-org ${targetOrg}`;
    throw new SfCliFailure('failed', l10n.t('The Salesforce CLI cannot connect to {0} ({1}). Run "{2}" in a terminal to see why.', alias ?? username, redact(status), display));
  }

  let accessToken = text(result.accessToken);
  if (!isToken(accessToken)) {
    const showArgs = ['org', 'auth', 'show-access-token', '--json', '--target-org', targetOrg];
    const shown = await runSf(showArgs, options);
    if (shown.status !== 0) throw failureOf(shown, showArgs, targetOrg);
    accessToken = text(asRecord(shown.result).accessToken);
  }
  if (!isToken(accessToken)) {
    const login = `sf org login web --alias ${alias ?? targetOrg} --instance-url ${instanceUrl}`;
    throw new SfCliFailure('failed', l10n.t('The Salesforce CLI gave no access token for {0}. Run "{1}", then retry.', alias ?? username, login));
  }
  return { accessToken, instanceUrl, username, orgId, alias, apiVersion: text(result.apiVersion) };
}

/** The parts of the CLI's JSON answer this file reads; status 0 is success. */
interface SfAnswer {
  status: number;
  result?: unknown;
  name?: string;
  message?: string;
}

const defaultTimeoutMs = 20_000;
/** `org list` with many orgs, or an old CLI that lists every org's token, is larger than execFile's 1 MB default. */
const maxOutputBytes = 32 * 1024 * 1024;
/** Why a refresh failed when only signing in again helps: the refresh token or JWT grant was refused. */
const expiredSignIn = /RefreshTokenAuthError|JwtAuthError|invalid_grant|expired access\/refresh token/i;
/** NamedOrgNotFoundError is sfdx-core's; the others are a guess from older CLIs (salesforcedx-vscode reads NoOrgFound). */
const noSuchOrgNames = new Set(['NamedOrgNotFoundError', 'NoAuthorizationFound', 'NoOrgFound', 'AuthInfoCreationError']);

/** How a run is named in messages: the command an admin can paste into a terminal. */
const titleOf = (args: readonly string[]) => `sf ${args.filter((a) => a !== '--json').join(' ')}`;

/** Runs the CLI once; rejects with an SfCliFailure when no JSON answer came. */
async function runSf(args: string[], options: SfCliOptions): Promise<SfAnswer> {
  const title = titleOf(args);
  const { signal } = options;
  if (signal?.aborted) throw cancelled(title);
  const windows = process.platform === 'win32';
  const command = options.command ?? (windows ? 'sf.cmd' : 'sf');
  // Node runs .cmd files only through a shell (CVE-2024-27980); everything else runs without one.
  const shell = windows && !/\.exe$/i.test(command);
  if (shell && args.some((a) => /["%^&|<>!\r\n]/.test(a))) {
    throw new SfCliFailure('failed', l10n.t('"{0}" cannot be passed safely to the Windows command shell. Use the org\'s username instead.', title));
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const run = await new Promise<{ error: (Error & { code?: unknown; killed?: boolean; signal?: unknown }) | null; stdout: string; stderr: string }>((resolve) => {
    execFile(shell ? `"${command}"` : command, shell ? args.map((a) => `"${a}"`) : args, {
      shell, signal, timeout: timeoutMs, maxBuffer: maxOutputBytes, windowsHide: true, encoding: 'utf8', cwd: options.cwd,
      // Colours would wrap the JSON in escape codes if the user's environment forces them.
      env: { ...(options.env ?? process.env), FORCE_COLOR: '0' },
    }, (error, stdout, stderr) => resolve({ error, stdout, stderr }));
  });
  const { error } = run;
  if (signal?.aborted) throw cancelled(title);
  // Through cmd.exe a missing sf is not ENOENT but cmd's complaint (in English) or exit code 9009: a guess, not tried on Windows.
  if (error?.code === 'ENOENT' || (shell && (error?.code === 9009 || /is not recognized as an internal or external command/i.test(run.stderr)))) {
    throw new SfCliFailure('notInstalled', l10n.t('The Salesforce CLI (sf) is not installed, or not on the PATH. Install it from {0}, or sign in another way.', 'https://developer.salesforce.com/tools/salesforcecli'));
  }
  if (error?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw new SfCliFailure('failed', l10n.t('"{0}" answered with more than {1} MB.', title, maxOutputBytes / 1024 / 1024));
  if (error?.killed && timeoutMs > 0) {
    throw new SfCliFailure('timeout', l10n.t('The Salesforce CLI did not answer "{0}" within {1} s. Run it in a terminal to see why, then retry.', title, timeoutMs / 1000));
  }
  if (typeof error?.code === 'string') throw new SfCliFailure('failed', l10n.t('The Salesforce CLI could not be started ({0}).', error.code));
  const answer = parseAnswer(run.stdout) ?? parseAnswer(run.stderr);
  if (!answer) {
    const exit = typeof error?.code === 'number' ? l10n.t('exit code {0}', error.code) : error?.signal ? l10n.t('ended by {0}', String(error.signal)) : l10n.t('exit code {0}', 0);
    throw new SfCliFailure('failed', l10n.t('The Salesforce CLI answered "{0} --json" with something other than JSON ({1}). Run it in a terminal to see what it says; "sf update" may help.', title, exit));
  }
  return answer;
}

/** The CLI's JSON answer; older CLIs could print a warning line before it (forcedotcom/cli#1896). */
function parseAnswer(output: string): SfAnswer | undefined {
  const start = output.search(/^\s*\{/m);
  if (start < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.slice(start));
  } catch {
    return undefined;
  }
  const record = asRecord(parsed);
  if (typeof record.status !== 'number') return undefined;
  return { status: record.status, result: record.result, name: text(record.name), message: text(record.message) };
}

function failureOf(answer: SfAnswer, args: readonly string[], targetOrg?: string): SfCliFailure {
  const name = answer.name ?? 'Error';
  const message = redact(answer.message ?? '');
  if (targetOrg && noSuchOrgNames.has(name)) {
    const login = `sf org login web --alias ${targetOrg}`;
    return new SfCliFailure('noSuchOrg', l10n.t('The Salesforce CLI knows no org "{0}". Run "sf org list" to see the ones it knows, or "{1}" to add it.', targetOrg, login));
  }
  if (targetOrg && expiredSignIn.test(`${name} ${message}`)) return signInExpired(targetOrg);
  return new SfCliFailure('failed', l10n.t('"{0}" failed: {1} ({2}).', titleOf(args), message || name, name));
}

function signInExpired(alias: string, instanceUrl?: string): SfCliFailure {
  const login = `sf org login web --alias ${alias}${instanceUrl ? ` --instance-url ${instanceUrl}` : ''}`;
  return new SfCliFailure('signInExpired', l10n.t('The Salesforce CLI\'s sign-in to {0} has expired or was revoked. Run "{1}" again, then retry.', alias, login));
}

const cancelled = (title: string) => new SfCliFailure('cancelled', l10n.t('"{0}" was cancelled.', title));

function orgFrom(entry: Record<string, unknown>, scratch: boolean): SfCliOrg | undefined {
  const username = text(entry.username);
  const orgId = text(entry.orgId);
  const instanceUrl = text(entry.instanceUrl);
  if (!username || !orgId || !instanceUrl) return undefined;
  return {
    alias: text(entry.alias), username, orgId, instanceUrl, loginUrl: text(entry.loginUrl),
    isDefault: entry.isDefaultUsername === true, connectedStatus: text(entry.connectedStatus),
    isScratch: scratch || entry.isScratch === true,
  };
}

/** Default first; then as `sf org list` orders them: by alias, orgs without one last, then by username. */
function byDefaultThenName(a: SfCliOrg, b: SfCliOrg): number {
  if (a.isDefault !== b.isDefault) return a.isDefault ? -1 : 1;
  if (Boolean(a.alias) !== Boolean(b.alias)) return a.alias ? -1 : 1;
  return (a.alias ?? '').localeCompare(b.alias ?? '') || a.username.localeCompare(b.username);
}

/** An access token, not the CLI's "[REDACTED] Use 'sf org auth show-access-token' to view". */
const isToken = (value: string | undefined): value is string => value !== undefined && /^\S+$/.test(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const asRecord = (value: unknown): Record<string, unknown> =>
  (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {});
