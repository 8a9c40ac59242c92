import * as vscode from 'vscode';
import { redact } from '../domain/redact';

/** The extension's one output channel. Every line passes through redact(), so no secret reaches it. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Okta ↔ Salesforce', { log: true });

  info(message: string): void {
    this.channel.info(redact(message));
  }

  warn(message: string): void {
    this.channel.warn(redact(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.channel.error(redact(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
