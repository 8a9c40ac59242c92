import * as vscode from 'vscode';
import type { MetadataFinding } from '../domain/profileXml/profileFindings';
import type { Span } from '../domain/profileXml/scanner';
import { type Analysis, isMetadataDocument, type MetadataAnalyses } from './metadataAnalysis';

export const diagnosticSource = 'Okta ↔ Salesforce';

const severities: Record<MetadataFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const rangeOf = (document: vscode.TextDocument, span: Span) => new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));

/** Finds the finding a diagnostic was made from (code actions receive copies of diagnostics). */
export function findingOf(analysis: Analysis, document: vscode.TextDocument, diagnostic: vscode.Diagnostic): MetadataFinding | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return analysis.findings.find((finding) => finding.code === code && rangeOf(document, finding.span).isEqual(diagnostic.range));
}

/**
 * Publishes the findings of open profile and permission set files as diagnostics, on each edit
 * (debounced) or on save, as `oktaSf.profileDiagnostics.run` says.
 */
export class ProfileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('oktaSf');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly analyses: MetadataAnalyses, private readonly docsUri: vscode.Uri) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!isMetadataDocument(event.document) || !event.contentChanges.length) return;
        this.analyses.noteChange(event);
        if (runOn() === 'onType') this.schedule(event.document, 250);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.collection.delete(document.uri);
        this.analyses.forget(document);
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Audits every open file again, e.g. after the integration profiles changed. */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (isMetadataDocument(document)) this.publish(document, this.analyses.reaudit(document));
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isMetadataDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) this.publish(document, this.analyses.analyze(document));
    }, delayMs));
  }

  private publish(document: vscode.TextDocument, analysis: Analysis): void {
    this.collection.set(document.uri, analysis.findings.map((finding) => this.diagnostic(document, finding)));
  }

  private diagnostic(document: vscode.TextDocument, finding: MetadataFinding): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(rangeOf(document, finding.span), finding.message, severities[finding.severity]);
    diagnostic.source = diagnosticSource;
    diagnostic.code = { value: finding.code, target: this.docsUri.with({ fragment: finding.code }) };
    if (finding.related?.length) {
      diagnostic.relatedInformation = finding.related.map((related) =>
        new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, rangeOf(document, related.span)), related.message));
    }
    return diagnostic;
  }
}

function runOn(): 'onType' | 'onSave' {
  return vscode.workspace.getConfiguration('oktaSf').get<'onType' | 'onSave'>('profileDiagnostics.run', 'onType');
}
