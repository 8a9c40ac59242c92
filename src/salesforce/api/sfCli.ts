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
  if (!targetOrg.trim() || targetOrg.startsWith('-')) throw new SfCliFailure('noSuchOrg', `"${targetOrg}" is not an org alias or username.`);
  const displayArgs = ['org', 'display', '--json', '--target-org', targetOrg];
  const answer = await runSf(displayArgs, options);
  if (answer.status !== 0) throw failureOf(answer, displayArgs, targetOrg);
  const result = asRecord(answer.result);
  const username = text(result.username);
  const orgId = text(result.id);
  const instanceUrl = text(result.instanceUrl);
  const alias = text(result.alias);
  if (!username || !orgId || !instanceUrl) throw new SfCliFailure('failed', `"${titleOf(displayArgs)}" answered without the org's username, id or instance URL. Update the Salesforce CLI ("sf update"), then retry.`);

  const status = text(result.connectedStatus);
  if (status && status !== 'Connected') {
    if (expiredSignIn.test(status)) throw signInExpired(alias ?? targetOrg, instanceUrl);
    throw new SfCliFailure('failed', `The Salesforce CLI cannot connect to ${alias ?? username} (${redact(status)}). Run "sf org display --target-org ${targetOrg}" in a terminal to see why.`);
  }

  let accessToken = text(result.accessToken);
  if (!isToken(accessToken)) {
    const showArgs = ['org', 'auth', 'show-access-token', '--json', '--target-org', targetOrg];
    const shown = await runSf(showArgs, options);
    if (shown.status !== 0) throw failureOf(shown, showArgs, targetOrg);
    accessToken = text(asRecord(shown.result).accessToken);
  }
  if (!isToken(accessToken)) throw new SfCliFailure('failed', `The Salesforce CLI gave no access token for ${alias ?? username}. Run "sf org login web --alias ${alias ?? targetOrg} --instance-url ${instanceUrl}", then retry.`);
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
    throw new SfCliFailure('failed', `"${title}" cannot be passed safely to the Windows command shell. Use the org's username instead.`);
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
    throw new SfCliFailure('notInstalled', 'The Salesforce CLI (sf) is not installed, or not on the PATH. Install it from https://developer.salesforce.com/tools/salesforcecli, or sign in another way.');
  }
  if (error?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw new SfCliFailure('failed', `"${title}" answered with more than ${maxOutputBytes / 1024 / 1024} MB.`);
  if (error?.killed && timeoutMs > 0) {
    throw new SfCliFailure('timeout', `The Salesforce CLI did not answer "${title}" within ${timeoutMs / 1000} s. Run it in a terminal to see why, then retry.`);
  }
  if (typeof error?.code === 'string') throw new SfCliFailure('failed', `The Salesforce CLI could not be started (${error.code}).`);
  const answer = parseAnswer(run.stdout) ?? parseAnswer(run.stderr);
  if (!answer) {
    const exit = typeof error?.code === 'number' ? `exit code ${error.code}` : error?.signal ? `ended by ${String(error.signal)}` : 'exit code 0';
    throw new SfCliFailure('failed', `The Salesforce CLI answered "${title} --json" with something other than JSON (${exit}). Run it in a terminal to see what it says; "sf update" may help.`);
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
    return new SfCliFailure('noSuchOrg', `The Salesforce CLI knows no org "${targetOrg}". Run "sf org list" to see the ones it knows, or "sf org login web --alias ${targetOrg}" to add it.`);
  }
  if (targetOrg && expiredSignIn.test(`${name} ${message}`)) return signInExpired(targetOrg);
  return new SfCliFailure('failed', `"${titleOf(args)}" failed: ${message || name} (${name}).`);
}

function signInExpired(alias: string, instanceUrl?: string): SfCliFailure {
  const login = `sf org login web --alias ${alias}${instanceUrl ? ` --instance-url ${instanceUrl}` : ''}`;
  return new SfCliFailure('signInExpired', `The Salesforce CLI's sign-in to ${alias} has expired or was revoked. Run "${login}" again, then retry.`);
}

const cancelled = (title: string) => new SfCliFailure('cancelled', `"${title}" was cancelled.`);

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
