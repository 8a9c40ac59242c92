import * as vscode from 'vscode';

/** Typed reads of the `oktaSf` settings and of VS Code's proxy setting, with their defaults. */
export function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('oktaSf').get<number>('requestTimeoutSeconds', 30);
  return Math.max(0, seconds) * 1000;
}

export function salesforceApiVersion(): string {
  return vscode.workspace.getConfiguration('oktaSf').get<string>('salesforce.apiVersion', '64.0');
}

/** VS Code's `http.proxy`, when set; otherwise the SDKs fall back to the usual environment variables. */
export function proxyUrl(): string | undefined {
  return vscode.workspace.getConfiguration('http').get<string>('proxy') || undefined;
}
