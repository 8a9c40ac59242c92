import * as vscode from 'vscode';
import type { OrgAudits } from '../common/orgAudits';
import type { ReportDocuments } from '../common/reportDocuments';
import { withRequestProgress } from '../common/requestProgress';
import { integrationProfiles } from '../common/settings';
import { requiredPermissions } from '../domain/permissionCatalog';
import { compareProfile, formatComparison } from '../domain/profileComparison';
import { MetadataAnalyses, metadataSelector } from './metadataAnalysis';
import { ProfileCodeActions } from './profileCodeActions';
import { ProfileCodeLens } from './profileCodeLens';
import { ProfileDiagnostics, rangeOf } from './profileDiagnostics';
import { PermissionHover } from './profileHover';
import { loadProfileXml } from './profileXmlBundle';

/**
 * Diagnostics, quick fixes, hovers and CodeLenses on `*.profile-meta.xml` and
 * `*.permissionset-meta.xml` files, for the permissions Okta's integration profile needs.
 */
export function registerProfileDiagnostics(context: vscode.ExtensionContext, orgAudits: OrgAudits, reports: ReportDocuments): void {
  /** Profiles of integration users in the orgs read so far (lower-case names). */
  const fromOrgs = new Set<string>();
  const analyses = new MetadataAnalyses({ patterns: integrationProfiles, fromOrgs: () => fromOrgs });
  const diagnostics = new ProfileDiagnostics(analyses, vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md'));
  const codeLens = new ProfileCodeLens(analyses);
  const refresh = () => {
    diagnostics.refreshAll();
    codeLens.refresh();
  };

  async function documentOf(uri: unknown): Promise<vscode.TextDocument | undefined> {
    if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
    return vscode.window.activeTextEditor?.document;
  }

  async function showReadiness(uri?: unknown): Promise<void> {
    const document = await documentOf(uri);
    if (!document) return;
    const { scan } = analyses.analyze(document);
    const readiness = loadProfileXml().oktaReadiness(scan);
    const byName = new Map(scan.permissions.map((entry) => [entry.name, entry]));
    const items = requiredPermissions().permissions.filter((permission) => permission.listedByOkta).map((permission) => {
      const entry = byName.get(permission.name);
      const state = entry?.enabled ? 'pass' : entry ? 'circle-slash' : 'error';
      return {
        label: `$(${state}) ${permission.label}`,
        description: entry?.enabled ? vscode.l10n.t('enabled') : entry ? vscode.l10n.t('present but disabled') : vscode.l10n.t('missing'),
        detail: permission.allows,
        entry,
      };
    });
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Okta readiness {0}/{1}', readiness.granted, readiness.listed), matchOnDescription: true,
    });
    if (!picked?.entry) return;
    const editor = await vscode.window.showTextDocument(document);
    const range = rangeOf(document, picked.entry.block);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async function compareWithOrg(uri?: unknown): Promise<string | undefined> {
    const document = await documentOf(uri);
    const profileName = document && analyses.analyze(document).profileName;
    if (!document || !profileName) return undefined;
    const read = await withRequestProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the active Salesforce org…') },
      () => orgAudits.activeAudit(),
    );
    if (!read) {
      const signIn = vscode.l10n.t('Sign In to Salesforce');
      if (await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to a Salesforce org to compare this profile with it.'), signIn) === signIn) {
        await vscode.commands.executeCommand('oktaSf.salesforce.connect');
      }
      return undefined;
    }
    const orgProfile = read.audit.profiles.find((profile) => profile.name.toLowerCase() === profileName.toLowerCase());
    if (!orgProfile) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no profile named "{1}".', read.orgLabel, profileName));
      return undefined;
    }
    const { scan } = analyses.analyze(document);
    const filePermissions = new Map(scan.permissions.map((entry) => [entry.name, entry.enabled === true]));
    const text = formatComparison(profileName, read.orgLabel, compareProfile(filePermissions, orgProfile, read.audit.required.permissions));
    await reports.show(vscode.l10n.t('{0} compared with {1}', profileName, read.orgLabel), text, vscode.ViewColumn.Beside);
    return text;
  }

  async function useAsIntegrationProfile(uri?: unknown): Promise<void> {
    const document = await documentOf(uri);
    const profileName = document && analyses.analyze(document).profileName;
    if (!profileName) return;
    const settings = vscode.workspace.getConfiguration('oktaSf', document.uri);
    const target = vscode.workspace.getWorkspaceFolder(document.uri) ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const current = integrationProfiles();
    if (!current.includes(profileName)) await settings.update('integrationProfiles', [...current, profileName], target);
  }

  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(metadataSelector, new ProfileCodeActions(analyses), ProfileCodeActions.metadata),
    vscode.languages.registerHoverProvider(metadataSelector, new PermissionHover(analyses)),
    vscode.languages.registerCodeLensProvider(metadataSelector, codeLens),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('oktaSf.integrationProfiles')) refresh();
    }),
    orgAudits.onDidReadAudit((audit) => {
      const before = fromOrgs.size;
      for (const user of audit.integrationUsers) if (user.profileName) fromOrgs.add(user.profileName.toLowerCase());
      if (fromOrgs.size !== before) refresh();
    }),
    vscode.commands.registerCommand('oktaSf.profile.showReadiness', showReadiness),
    vscode.commands.registerCommand('oktaSf.profile.compareWithOrg', compareWithOrg),
    vscode.commands.registerCommand('oktaSf.profile.useAsIntegrationProfile', useAsIntegrationProfile),
  );
}
