import * as vscode from 'vscode';
import { type MetadataAnalyses } from './metadataAnalysis';
import { rangeOf } from './profileDiagnostics';
import { loadProfileXml } from './profileXmlBundle';

/**
 * At a profile's `<Profile>`: "Okta readiness 12/14" (opens the list), "Compare with org", and on
 * a profile that is not the integration's, "Use as Okta integration profile".
 */
export class ProfileCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly analyses: MetadataAnalyses) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.analyses.analyze(document);
    const { rootSpan } = analysis.scan;
    if (!analysis.profileName || !rootSpan) return [];
    const range = rangeOf(document, rootSpan);
    const readiness = loadProfileXml().oktaReadiness(analysis.scan);
    const lenses = [
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Okta readiness {0}/{1}', readiness.granted, readiness.listed),
        tooltip: readiness.missing.length ? vscode.l10n.t('Missing or disabled: {0}', readiness.missing.join(', ')) : vscode.l10n.t('Every permission Okta lists is on this profile.'),
        command: 'oktaSf.profile.showReadiness', arguments: [document.uri],
      }),
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Compare with org'), tooltip: vscode.l10n.t('Compare with the profile of the same name in the active Salesforce org'),
        command: 'oktaSf.profile.compareWithOrg', arguments: [document.uri],
      }),
    ];
    if (!analysis.isIntegrationProfile) {
      lenses.push(new vscode.CodeLens(range, {
        title: vscode.l10n.t('Use as Okta integration profile'), tooltip: vscode.l10n.t('Add "{0}" to the oktaSf.integrationProfiles setting', analysis.profileName),
        command: 'oktaSf.profile.useAsIntegrationProfile', arguments: [document.uri],
      }));
    }
    return lenses;
  }
}
