import * as vscode from 'vscode';
import { builtInDependenciesOf, permissionByName, requiredPermissions } from '../domain/permissionCatalog';
import { type MetadataAnalyses } from './metadataAnalysis';
import { rangeOf } from './profileDiagnostics';

/** On a `<userPermissions>` name: its Setup label, what it allows, whether Okta needs it, and what it depends on. */
export class PermissionHover implements vscode.HoverProvider {
  constructor(private readonly analyses: MetadataAnalyses) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const entry = this.analyses.analyze(document).scan.permissions.find((p) => p.nameSpan.start <= offset && offset <= p.nameSpan.end);
    if (!entry) return undefined;
    const markdown = new vscode.MarkdownString();
    const known = permissionByName(entry.name);
    markdown.appendMarkdown(`**${escape(known?.label ?? entry.name)}** \`${escape(entry.name)}\`\n\n`);
    if (known) markdown.appendMarkdown(`${escape(known.allows)}\n\n`);
    const required = requiredPermissions().permissions.find((permission) => permission.name === entry.name);
    if (required?.listedByOkta) {
      markdown.appendMarkdown(vscode.l10n.t('Okta needs it on the integration profile.') + '\n\n');
    } else if (required) {
      const labels = required.requiredBy.map((name) => permissionByName(name)?.label ?? name);
      markdown.appendMarkdown(vscode.l10n.t('Okta needs it indirectly: Salesforce requires it for {0}.', labels.join(', ')) + '\n\n');
    } else {
      markdown.appendMarkdown(vscode.l10n.t('Okta does not need it.') + '\n\n');
    }
    const dependsOn = builtInDependenciesOf(entry.name).map((name) => permissionByName(name)?.label ?? name);
    if (dependsOn.length) markdown.appendMarkdown(vscode.l10n.t('Depends on: {0}.', dependsOn.join(', ')));
    return new vscode.Hover(markdown, rangeOf(document, entry.nameSpan));
  }
}

const escape = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
