import * as vscode from 'vscode';
import type { NetworkSettings } from '../http/requestPolicy';
import { showRetryWait } from './requestProgress';

// Typed reads of the `oktaSf` settings and of VS Code's network settings, with their defaults.

/** What the request policy needs: `oktaSf.requestTimeoutSeconds` and VS Code's `http.proxy`, `http.noProxy`, `http.proxyStrictSSL`. */
export function networkSettings(): NetworkSettings {
  const seconds = vscode.workspace.getConfiguration('oktaSf').get<number>('requestTimeoutSeconds', 30);
  const http = vscode.workspace.getConfiguration('http');
  const noProxy = http.get<unknown>('noProxy');
  return {
    timeoutMs: Math.max(0, Number(seconds) || 0) * 1000,
    proxy: http.get<string>('proxy') || undefined,
    // A hand-edited setting may hold anything: only strings count.
    noProxy: Array.isArray(noProxy) ? noProxy.filter((entry): entry is string => typeof entry === 'string') : [],
    strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
    env: process.env,
    wording: { timeout: vscode.l10n.t('raise "oktaSf.requestTimeoutSeconds"'), proxy: vscode.l10n.t('VS Code\'s "http.proxy" and "http.noProxy" settings') },
    onWait: showRetryWait,
  };
}

export function salesforceApiVersion(): string {
  return vscode.workspace.getConfiguration('oktaSf').get<string>('salesforce.apiVersion', '64.0');
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

/** How long guided completion waits for Okta to show a section saved in the Admin Console. */
export function guidedCompletionTimeoutMs(): number {
  const minutes = Number(vscode.workspace.getConfiguration('oktaSf').get<number>('guidedCompletion.timeoutMinutes', 15));
  return Math.min(240, Math.max(1, Number.isFinite(minutes) ? minutes : 15)) * 60_000;
}
