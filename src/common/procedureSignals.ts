import * as vscode from 'vscode';
import type { CheckResult } from '../domain/apiIntegration/protocol';
import type { PreflightReport } from '../domain/preflight/preflight';

/**
 * Moments of Okta's procedure that happen inside one feature and matter to another (the Getting Started
 * walkthrough completes its steps on them): created once in activate(), fired where they happen.
 */
export class ProcedureSignals implements vscode.Disposable {
  private readonly tested = new vscode.EventEmitter<readonly CheckResult[]>();
  private readonly wroteConnectedApp = new vscode.EventEmitter<void>();
  private readonly readOktaApps = new vscode.EventEmitter<ReadonlyArray<{ name: string; features: readonly string[] }>>();
  private readonly ranPreflight = new vscode.EventEmitter<Pick<PreflightReport, 'counts'>>();
  private readonly assigned = new vscode.EventEmitter<{ assigned: number }>();

  /** Test API Credentials came back (the form, the palette or the view). */
  readonly onDidTestCredentials = this.tested.event;
  readonly onDidWriteConnectedApp = this.wroteConnectedApp.event;
  /** An Okta org's Salesforce.com instances were read (the Okta Apps view's check). */
  readonly onDidReadOktaApps = this.readOktaApps.event;
  readonly onDidRunPreflight = this.ranPreflight.event;
  readonly onDidAssign = this.assigned.event;

  testedCredentials(results: readonly CheckResult[]): void {
    this.tested.fire(results);
  }

  wroteConnectedAppFiles(): void {
    this.wroteConnectedApp.fire();
  }

  readSalesforceApps(apps: ReadonlyArray<{ name: string; features: readonly string[] }>): void {
    this.readOktaApps.fire(apps);
  }

  ranPreflightOf(report: Pick<PreflightReport, 'counts'>): void {
    this.ranPreflight.fire(report);
  }

  assignedSome(result: { assigned: number }): void {
    this.assigned.fire(result);
  }

  dispose(): void {
    for (const emitter of [this.tested, this.wroteConnectedApp, this.readOktaApps, this.ranPreflight, this.assigned]) emitter.dispose();
  }
}
