import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import type { Log } from '../common/log';
import type { ReportDocuments } from '../common/reportDocuments';
import { OrgNode } from '../common/orgStatusTree';
import { integrationProfiles, integrationUsernames, salesforceApiVersion } from '../common/settings';
import { type OrgAudit } from '../domain/profileAudit';
import { ProfileNode } from './profileNodes';
import { auditOfProfile, profileSetupUrl, profileSummary } from './profileTreeModel';
import { loadSalesforceApi } from './salesforceBundle';
import { orgLabel, type SalesforceOrg, type SalesforceOrgs } from './salesforceOrgs';

export interface AuditDeps {
  orgs: SalesforceOrgs;
  log: Log;
  reports: ReportDocuments;
}

/**
 * Reads the whole org and audits it with the integration profiles and users of the settings; what
 * the tree and the commands share. The tree also shows each profile's active users.
 */
export async function readAudit(deps: AuditDeps, org: SalesforceOrg, signal: AbortSignal, options?: { activeUserCounts?: boolean }): Promise<OrgAudit> {
  const session = await deps.orgs.session(org);
  const [{ snapshot, apiCalls }, integrationUsers] = await Promise.all([session.readSnapshot(signal, options), session.readUsers(integrationUsernames(), signal)]);
  deps.log.info(`Read ${snapshot.profiles.length} profiles of ${org.url} in ${apiCalls} API calls`);
  return loadSalesforceApi().auditOrg({ ...snapshot, integrationUsers }, { integrationProfiles: integrationProfiles() });
}

/** Audit Profile Permissions, Test Salesforce Connection, Copy Summary and Open in Setup. */
export function registerAuditCommands(deps: AuditDeps): vscode.Disposable[] {
  const { log } = deps;

  /** The org of a node, or the active org, or the one the user picks. */
  async function orgOf(node: unknown): Promise<SalesforceOrg | undefined> {
    if (node instanceof OrgNode) return (node as OrgNode<SalesforceOrg>).org;
    const active = deps.orgs.active();
    if (active) return active;
    const orgs = deps.orgs.list();
    if (!orgs.length) {
      const signIn = vscode.l10n.t('Sign In to Salesforce');
      if (await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to a Salesforce org first.'), signIn) === signIn) {
        await vscode.commands.executeCommand('oktaSf.salesforce.connect');
      }
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(orgs.map((org) => ({ label: orgLabel(org), description: org.url, org })),
      { title: vscode.l10n.t('Which Salesforce org?') });
    if (picked) await deps.orgs.setActive(picked.org);
    return picked?.org;
  }

  /**
   * Long work under a cancellable notification. A failure is shown with Show Log and yields
   * undefined; an expired session that could not be renewed offers to sign in again, then runs
   * the work again.
   */
  async function withOrgProgress<T>(org: SalesforceOrg, title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_, token) => work(abortSignalOf(token)),
      );
    } catch (error) {
      if ((error as { kind?: unknown } | undefined)?.kind === 'cancelled') return undefined;
      log.error(`${title} (${org.url}) failed`, error);
      const showLog = vscode.l10n.t('Show Log');
      const signInAgain = vscode.l10n.t('Sign In Again');
      const expired = (error as { kind?: unknown } | undefined)?.kind === 'sessionExpired';
      const choice = await vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error), ...(expired ? [signInAgain] : []), showLog);
      if (choice === showLog) log.show();
      if (choice !== signInAgain) return undefined;
      const signedIn = await vscode.commands.executeCommand<SalesforceOrg | undefined>('oktaSf.salesforce.connect', new OrgNode(org));
      return signedIn ? withOrgProgress(signedIn, title, work) : undefined;
    }
  }

  async function exportReport(audit: OrgAudit, format: 'json' | 'csv'): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder && vscode.Uri.joinPath(folder, `okta-profile-audit.${format}`),
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    const { formatAuditCsv, formatAuditJson } = loadSalesforceApi();
    const text = format === 'json' ? formatAuditJson(audit) : formatAuditCsv(audit);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    log.info(`Exported the audit to ${target.fsPath}`);
  }

  /** Shows the report; resolves to the audit, for scripts and tests that run the command. */
  async function auditProfiles(node?: unknown): Promise<OrgAudit | undefined> {
    let audit: OrgAudit | undefined;
    if (node instanceof ProfileNode) {
      audit = auditOfProfile(node.audit, node.row.profile.profileId);
    } else {
      const org = await orgOf(node);
      if (!org) return undefined;
      audit = await withOrgProgress(org, vscode.l10n.t('Auditing the profiles of {0}…', orgLabel(org)), (signal) => readAudit(deps, org, signal));
    }
    if (!audit) return undefined;
    const title = audit.profiles.length === 1 && audit.profiles[0] ? audit.profiles[0].name : 'org';
    await deps.reports.show(vscode.l10n.t('Okta profile audit – {0}', title), loadSalesforceApi().formatAuditText(audit));
    const json = vscode.l10n.t('Export JSON…');
    const csv = vscode.l10n.t('Export CSV…');
    const report = audit;
    void vscode.window.showInformationMessage(
      report.orgPasses ? vscode.l10n.t('The org passes the audit.') : vscode.l10n.t('The org does not pass the audit.'), json, csv,
    ).then((choice) => (choice ? exportReport(report, choice === json ? 'json' : 'csv') : undefined));
    return audit;
  }

  /** Shows who is signed in, the API allowance and the user's own verdict; resolves to the message shown. */
  async function testConnection(node?: unknown): Promise<string | undefined> {
    const org = await orgOf(node);
    if (!org) return undefined;
    const message = await withOrgProgress(org, vscode.l10n.t('Testing the connection to {0}…', orgLabel(org)), async (signal) => {
      const session = await deps.orgs.session(org);
      const identity = await session.verify(signal);
      const [limit, profileId] = await Promise.all([session.readApiLimit(signal), session.readUserProfileId(identity.userId, signal)]);
      // Only this user's profile and permission sets: the whole org is not needed for one verdict.
      const read = await session.readSnapshot(signal, { forUser: { userId: identity.userId, profileId } });
      // The signed-in user as an integration user: the verdict counts only this user's permission sets.
      const audit = loadSalesforceApi().auditOrg({ ...read.snapshot, integrationUsers: [{ username: identity.username, profileId }] });
      const user = audit.integrationUsers[0];
      return vscode.l10n.t('Connected to {0} as {1} (org {2}), API {3}; {4} of {5} daily API requests left. Your profile {6}: {7}.',
        org.url, identity.username, identity.organizationId, salesforceApiVersion(), limit.remaining, limit.max,
        user.profileName ?? profileId, user.verdict);
    });
    if (!message) return undefined;
    log.info(message);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showInformationMessage(message, showLog).then((choice) => {
      if (choice === showLog) log.show();
    });
    return message;
  }

  return [
    vscode.commands.registerCommand('oktaSf.auditProfiles', auditProfiles),
    vscode.commands.registerCommand('oktaSf.salesforce.testConnection', testConnection),
    vscode.commands.registerCommand('oktaSf.salesforce.copyProfileSummary', async (node?: unknown) => {
      if (!(node instanceof ProfileNode)) return;
      await vscode.env.clipboard.writeText(profileSummary(node.row.profile));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the summary of {0}.', node.row.profile.name), 3000);
    }),
    vscode.commands.registerCommand('oktaSf.salesforce.revealProfileFile', async (node?: unknown) => {
      if (!(node instanceof ProfileNode) || !node.localFile) return;
      await vscode.window.showTextDocument(node.localFile);
      await vscode.commands.executeCommand('revealInExplorer', node.localFile);
    }),
    vscode.commands.registerCommand('oktaSf.salesforce.openProfileInSetup', (node?: unknown) => {
      if (!(node instanceof ProfileNode)) return;
      return vscode.env.openExternal(vscode.Uri.parse(profileSetupUrl(node.org.url, node.row.profile.profileId)));
    }),
  ];
}
