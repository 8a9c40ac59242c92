import * as vscode from 'vscode';
import { permissionByName } from '../domain/permissionCatalog';
import type { MetadataFinding } from '../domain/profileXml/profileFindings';
import type { TextEdit } from '../domain/profileXml/profileFixes';
import { type Analysis, type MetadataAnalyses } from './metadataAnalysis';
import { findingOf, rangeOf } from './profileDiagnostics';
import { loadProfileXml } from './profileXmlBundle';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('oktaSf');

const isMissing = (finding: MetadataFinding) => finding.code === 'missing-permission' || finding.code === 'missing-dependency';

/**
 * Quick fixes for the findings on an integration profile (enable this permission, add this one,
 * add every missing one) and the fix-all that `editor.codeActionsOnSave` can run on save
 * (`"source.fixAll.oktaSf": "explicit"`).
 */
export class ProfileCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind],
  };

  constructor(private readonly analyses: MetadataAnalyses) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const analysis = this.analyses.analyze(document);
    if (!analysis.isIntegrationProfile) return [];
    const { addPermissionsEdits, enablePermissionEdit } = loadProfileXml();
    const { only } = context;
    if (only && (fixAllKind.contains(only) || only.contains(fixAllKind))) return this.fixAll(document, analysis);
    const actions: vscode.CodeAction[] = [];
    const missingDiagnostics: vscode.Diagnostic[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = findingOf(analysis, document, diagnostic);
      if (!finding?.permission) continue;
      const label = permissionByName(finding.permission)?.label ?? finding.permission;
      if (finding.code === 'disabled-permission') {
        const edit = enablePermissionEdit(analysis.text, analysis.scan, finding.permission);
        if (edit) actions.push(quickFix(vscode.l10n.t('Enable {0}', label), document, [edit], [diagnostic]));
      } else if (isMissing(finding)) {
        missingDiagnostics.push(diagnostic);
        actions.push(quickFix(vscode.l10n.t('Add {0}', label), document, addPermissionsEdits(analysis.text, analysis.scan, [finding.permission]), [diagnostic]));
      }
    }
    const everyMissing = analysis.findings.filter(isMissing).flatMap((finding) => (finding.permission ? [finding.permission] : []));
    if (missingDiagnostics.length && everyMissing.length > 1) {
      const all = quickFix(vscode.l10n.t('Add every missing permission ({0})', everyMissing.length), document,
        addPermissionsEdits(analysis.text, analysis.scan, everyMissing), missingDiagnostics);
      all.isPreferred = false;
      actions.push(all);
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument, analysis: Analysis): vscode.CodeAction[] {
    const edits = loadProfileXml().fixAllEdits(analysis.text, analysis.scan, analysis.findings);
    if (!edits.length) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Fix every Okta permission finding'), fixAllKind);
    action.edit = workspaceEdit(document, edits);
    return [action];
  }

}

function quickFix(title: string, document: vscode.TextDocument, edits: readonly TextEdit[], diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = workspaceEdit(document, edits);
  action.diagnostics = diagnostics;
  action.isPreferred = true;
  return action;
}

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { span, newText } of edits) edit.replace(document.uri, rangeOf(document, span), newText);
  return edit;
}
