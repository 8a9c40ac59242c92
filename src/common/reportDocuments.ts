import * as vscode from 'vscode';

const scheme = 'okta-sf-report';

/**
 * Read-only documents for reports (audits, comparisons): they open like files, can be copied
 * and saved with Save As, and closing them never asks to save.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private count = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === scheme) this.texts.delete(document.uri.toString());
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens `text` as a document titled `title`. */
  async show(title: string, text: string, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme, path: `/${title.replace(/[\\/:*?"<>|]/g, '-')}.txt`, query: String(++this.count) });
    this.texts.set(uri.toString(), text);
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: column, preview: false });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.texts.clear();
  }
}

/**
 * One report per key (an app): showing the same result again shows its document, already open, rather than
 * another. `section` reveals the report's nth section, whose heading is an unindented line after a blank one
 * (the pre-flight's findings, the failures' groups): found by layout, not by words that may be translated.
 */
export class KeptReports<T> {
  private readonly shown = new Map<string, { result: T; uri: vscode.Uri }>();

  constructor(private readonly reports: ReportDocuments) {}

  async show(key: string, result: T, title: () => string, text: () => string, section?: number): Promise<void> {
    const shown = this.shown.get(key);
    const open = shown?.result === result ? vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === shown.uri.toString()) : undefined;
    const editor = open ? await vscode.window.showTextDocument(open, { preview: false }) : await this.reports.show(title(), text());
    this.shown.set(key, { result, uri: editor.document.uri });
    if (section === undefined) return;
    const heading = [...editor.document.getText().matchAll(/\n\n(?=\S)/g)][section];
    if (!heading) return;
    const position = editor.document.positionAt(heading.index + 2);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  }
}

