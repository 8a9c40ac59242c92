/**
 * Progress that tells the user when the request policy pauses before a retry (a rate limit, a
 * server error): "waiting 12 s: dev-1.okta.com is limiting the rate of requests (HTTP 429)",
 * counted down, while the work carries on.
 *
 * The pause is shown in the progress of the work that made the request: the work runs inside
 * withRequestProgress, and the policy's onWait (networkSettings) finds that progress through an
 * AsyncLocalStorage, which follows the work through the SDKs' promises and across the lazily loaded
 * adapter bundles. A progress that shows no message (a view's bar), or no progress at all, leaves
 * the pause to the status bar.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as vscode from 'vscode';
import { type RetryWait, waitMessage } from '../http/requestPolicy';
import type { Log } from './log';

/** Shows a message in the current progress, or puts back the work's own when given undefined. */
type WaitReporter = (message: string | undefined) => void;

const reporters = new AsyncLocalStorage<WaitReporter>();

/** The extension's log, where each pause is noted (set at activation). */
let log: Log | undefined;

export function logRetryWaits(to: Log): vscode.Disposable {
  log = to;
  return new vscode.Disposable(() => {
    if (log === to) log = undefined;
  });
}

/** Pauses shorter than this (the backoff after a broken connection) are not worth a word. */
const shownFromMs = 1000;

type Work<R> = (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>;

/** vscode.window.withProgress, with the request policy's pauses inside `work` shown in that progress. */
export function withRequestProgress<R>(options: vscode.ProgressOptions, work: Work<R>): Thenable<R> {
  return vscode.window.withProgress(options, (progress, token) => {
    // A view's progress is a bar without words: its pauses go to the status bar instead.
    if (!showsMessages(options.location)) return reporters.exit(() => work(progress, token));
    let own: string | undefined;
    const tracked: vscode.Progress<{ message?: string; increment?: number }> = {
      report: (value) => {
        if (value.message !== undefined) own = value.message;
        progress.report(value);
      },
    };
    const report: WaitReporter = (message) => progress.report({ message: message ?? own ?? '' });
    return reporters.run(report, () => work(tracked, token));
  });
}

/**
 * Runs work whose pauses before a retry are told to `report` (a webview's status line, say) rather
 * than to the status bar; `report(undefined)` means the pause is over.
 */
export function reportingWaits<R>(report: (message: string | undefined) => void, work: () => Promise<R>): Promise<R> {
  return reporters.run(report, work);
}

function showsMessages(location: vscode.ProgressOptions['location']): boolean {
  return location === vscode.ProgressLocation.Notification || location === vscode.ProgressLocation.Window;
}

/**
 * The request policy's onWait in the extension: counts the pause down in the progress of the work
 * that made the request, or in the status bar, and notes it in the log.
 */
export function showRetryWait(wait: RetryWait): void {
  log?.info(`${waitMessage(wait, wait.ms / 1000)}.`);
  if (wait.ms < shownFromMs) return;
  const report = reporters.getStore();
  if (report) {
    countDown(wait, report);
    return;
  }
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Okta ↔ Salesforce') }, (progress) => {
    countDown(wait, (message) => {
      if (message !== undefined) progress.report({ message });
    });
    return wait.over;
  });
}

/** Reports the seconds left once a second until the pause is over, then hands the progress back. */
function countDown(wait: RetryWait, report: WaitReporter): void {
  const endsAt = Date.now() + wait.ms;
  const tick = () => report(waitMessage(wait, (endsAt - Date.now()) / 1000));
  tick();
  const timer = setInterval(tick, 1000);
  void wait.over.then(() => {
    clearInterval(timer);
    report(undefined);
  });
}
