import type * as vscode from 'vscode';

/** An AbortSignal that fires when VS Code cancels, so the SDK adapters can stop their requests. */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
