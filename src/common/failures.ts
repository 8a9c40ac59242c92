import * as vscode from 'vscode';
import type { Log } from './log';

/**
 * The kind the adapters give a failure (SalesforceFailure, OktaFailure, the sign-in's failures:
 * 'cancelled', 'sessionExpired', 'portBusy' …), or undefined for anything else thrown.
 */
export function failureKind(error: unknown): string | undefined {
  const kind = (error as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' ? kind : undefined;
}

/** The user cancelled: nothing to report. */
export const isCancelled = (error: unknown) => failureKind(error) === 'cancelled';

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface FailurePrompt {
  /** What failed, for the log ("Connecting to https://… failed"). */
  logged: string;
  /** Actions offered before Show Log, such as Try Again or Sign In Again. */
  actions?: readonly string[];
  /** What to show instead of the failure's own message. */
  message?: string;
}

/**
 * Logs a failure and shows its message with the given actions and *Show Log*; resolves to the
 * action picked (Show Log opens the log and resolves to undefined, as dismissing does).
 */
export async function showFailure(log: Log, error: unknown, prompt: FailurePrompt): Promise<string | undefined> {
  log.error(prompt.logged, error);
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(prompt.message ?? messageOf(error), ...(prompt.actions ?? []), showLog);
  if (choice === showLog) {
    log.show();
    return undefined;
  }
  return choice;
}

/**
 * A command's work, its failures shown (with Show Log) rather than thrown: a cancellation ends quietly with
 * undefined; `failed` turns any other failure's message into the command's result, for scripts and tests.
 */
export function reportingFailures<A extends unknown[], R>(
  log: Log, what: string, run: (...args: A) => Promise<R>, failed?: (message: string, ...args: A) => R,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      if (isCancelled(error)) return undefined;
      void showFailure(log, error, { logged: `${what} failed` });
      return failed?.(messageOf(error), ...args);
    }
  };
}
