import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import { isCancelled, failureKind, showFailure } from '../common/failures';
import type { Log } from '../common/log';
import { pickOrg } from '../common/orgPick';
import type { ReportDocuments } from '../common/reportDocuments';
import { OrgNode } from '../common/orgStatusTree';
import { withRequestProgress } from '../common/requestProgress';
import { salesforceApiVersion } from '../common/settings';
import { type OrgAudit } from '../domain/profileAudit';
import type { OrgAuditReads } from './orgAuditReads';
import { ProfileNode } from './profileNodes';
import { auditOfProfile, profileSetupUrl, profileSummary } from './profileTreeModel';
import { loadSalesforceApi } from './salesforceBundle';
import { orgLabel, type SalesforceOrg, type SalesforceOrgs } from './salesforceOrgs';

export interface AuditDeps {
  orgs: SalesforceOrgs;
  audits: OrgAuditReads;
  log: Log;
  reports: ReportDocuments;
  /** Signs in to the org again (its session expired); resolves to the org signed in to, if any. */
  signInAgain(org?: SalesforceOrg): Promise<SalesforceOrg | undefined>;
}

/** The org of a node, or the active org, or the one the user picks (which becomes active). */
export async function orgOfNode(deps: Pick<AuditDeps, 'orgs' | 'signInAgain'>, node: unknown): Promise<SalesforceOrg | undefined> {
  if (node instanceof OrgNode) return (node as OrgNode<SalesforceOrg>).org;
  if (node instanceof ProfileNode) return node.org as SalesforceOrg;
  const active = deps.orgs.active();
  if (active) return active;
  const picked = await pickOrg(deps.orgs.list(), {
    title: vscode.l10n.t('Which Salesforce org?'), label: orgLabel,
    none: { message: vscode.l10n.t('Sign in to a Salesforce org first.'), action: { title: vscode.l10n.t('Sign In to Salesforce'), run: () => deps.signInAgain() } },
  });
  if (picked) await deps.orgs.setActive(picked);
  return picked;
}

/**
 * Long work under a cancellable notification. A failure is shown with Show Log and yields
 * undefined; an expired session that could not be renewed offers to sign in again, then runs
 * the work again. `scripted`: a script asked (nobody is there to answer), so a failure is thrown to it instead.
 */
export async function withOrgProgressOf<T>(
  deps: Pick<AuditDeps, 'log' | 'signInAgain'>, org: SalesforceOrg, title: string, work: (signal: AbortSignal) => Promise<T>, scripted = false,
): Promise<T | undefined> {
  try {
    return await withRequestProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_, token) => work(abortSignalOf(token)),
    );
  } catch (error) {
    if (scripted) throw error;
    if (isCancelled(error)) return undefined;
    const signInAgain = vscode.l10n.t('Sign In Again');
    const expired = failureKind(error) === 'sessionExpired';
    const choice = await showFailure(deps.log, error, { logged: `${title} (${org.url}) failed`, actions: expired ? [signInAgain] : [] });
    if (choice !== signInAgain) return undefined;
    const signedIn = await deps.signInAgain(org);
    return signedIn ? withOrgProgressOf(deps, signedIn, title, work) : undefined;
  }
}

/** Audit Profile Permissions, Test Salesforce Connection, Copy Summary and Open in Setup. */
export function registerAuditCommands(deps: AuditDeps): vscode.Disposable[] {
  const { log } = deps;

  const orgOf = (node: unknown) => orgOfNode(deps, node);
  const withOrgProgress = <T>(org: SalesforceOrg, title: string, work: (signal: AbortSignal) => Promise<T>) => withOrgProgressOf(deps, org, title, work);

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
    let org: SalesforceOrg | undefined;
    if (node instanceof ProfileNode) {
      org = node.org as SalesforceOrg;
      audit = auditOfProfile(node.audit, node.row.profile.profileId);
    } else {
      const picked = await orgOf(node);
      if (!picked) return undefined;
      org = picked;
      // An explicit audit reads the org now; the tree and the diagnostics then see the same audit.
      audit = await withOrgProgress(picked, vscode.l10n.t('Auditing the profiles of {0}…', orgLabel(picked)),
        async (signal) => (await deps.audits.get(picked, signal, { fresh: true })).audit);
    }
    if (!audit) return undefined;
    const title = audit.profiles.length === 1 && audit.profiles[0] ? audit.profiles[0].name : 'org';
    await deps.reports.show(vscode.l10n.t('Okta profile audit – {0}', title), loadSalesforceApi().formatAuditText(audit));
    const json = vscode.l10n.t('Export JSON…');
    const csv = vscode.l10n.t('Export CSV…');
    const report = audit;
    // The report's way to the fix: a failing integration profile is one Fix in Org away.
    const failing = report.profiles.filter((p) => p.isIntegrationCandidate && p.verdict === 'fail');
    const fix = vscode.l10n.t('Fix in Org…');
    const fixTarget = failing.length === 1 && org ? { org: org.id, profile: failing[0].profileId } : undefined;
    void vscode.window.showInformationMessage(
      report.orgPasses ? vscode.l10n.t('The org passes the audit.') : vscode.l10n.t('The org does not pass the audit.'), ...(failing.length ? [fix] : []), json, csv,
    ).then((choice) => {
      if (choice === fix) return vscode.commands.executeCommand('oktaSf.salesforce.fixProfileInOrg', fixTarget ?? node);
      return choice ? exportReport(report, choice === json ? 'json' : 'csv') : undefined;
    });
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
