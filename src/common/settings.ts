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

/** The loopback port of the sign-in's callback URL; it must match one registered in the connected app. */
export function salesforceCallbackPort(): number {
  return vscode.workspace.getConfiguration('oktaSf').get<number>('salesforce.callbackPort', 1717);
}

export function salesforceSignInTimeoutMs(): number {
  return Math.max(10, vscode.workspace.getConfiguration('oktaSf').get<number>('salesforce.signInTimeoutSeconds', 300)) * 1000;
}

/** Names or simple globs of the profiles Okta's integration user may have; empty means the built-in name rule. */
export function integrationProfiles(): string[] {
  return vscode.workspace.getConfiguration('oktaSf').get<string[]>('integrationProfiles', []);
}

/** The Salesforce usernames Okta provisions as, when the admin has named them. */
export function integrationUsernames(): string[] {
  return vscode.workspace.getConfiguration('oktaSf').get<string[]>('salesforce.integrationUsernames', []).map((name) => name.trim()).filter(Boolean);
}
