import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import type { Log } from '../common/log';
import { OrgNode } from '../common/orgStatusTree';
import type { OrgStore, StoredOrg } from '../common/orgStore';
import { salesforceApiVersion } from '../common/settings';
import { type OrgAudit } from '../domain/profileAudit';
import type * as SalesforceApi from './api/salesforceApi';
import { ProfileNode } from './profileNodes';
import { auditOfProfile, profileSummary } from './profileTreeModel';
import { loadSalesforceApi } from './salesforceBundle';

export interface AuditDeps {
  store: OrgStore<StoredOrg>;
  session(org: StoredOrg): Promise<SalesforceApi.SalesforceSession>;
  log: Log;
}

/** Reads the whole org and audits it; what the tree and the commands share. */
export async function readAudit(deps: AuditDeps, org: StoredOrg, signal: AbortSignal): Promise<OrgAudit> {
  const { snapshot, apiCalls } = await (await deps.session(org)).readSnapshot(signal);
  deps.log.info(`Read ${snapshot.profiles.length} profiles of ${org.url} in ${apiCalls} API calls`);
  return loadSalesforceApi().auditOrg(snapshot);
}

/** Audit Profile Permissions, Test Salesforce Connection, Copy Summary and Open in Setup. */
export function registerAuditCommands(deps: AuditDeps): vscode.Disposable[] {
  const { log } = deps;

  /** The org of a node, or the only org, or the one the user picks. */
  async function orgOf(node: unknown): Promise<StoredOrg | undefined> {
    if (node instanceof OrgNode) return (node as OrgNode<StoredOrg>).org;
    const orgs = deps.store.list();
    if (orgs.length <= 1) {
      if (!orgs.length) void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to a Salesforce org first.'));
      return orgs[0];
    }
    const picked = await vscode.window.showQuickPick(orgs.map((org) => ({ label: org.account ?? org.url, description: org.url, org })),
      { title: vscode.l10n.t('Audit which Salesforce org?') });
    return picked?.org;
  }

  /** Long work under a cancellable notification; a failure is shown with Show Log and yields undefined. */
  async function withOrgProgress<T>(org: StoredOrg, title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_, token) => work(abortSignalOf(token)),
      );
    } catch (error) {
      if ((error as { kind?: unknown } | undefined)?.kind === 'cancelled') return undefined;
      log.error(`${title} (${org.url}) failed`, error);
      const showLog = vscode.l10n.t('Show Log');
      if (await vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error), showLog) === showLog) log.show();
      return undefined;
    }
  }

  async function exportReport(audit: OrgAudit, format: 'json' | 'csv'): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    const { formatAuditCsv, formatAuditJson } = loadSalesforceApi();
    const text = format === 'json' ? formatAuditJson(audit) : formatAuditCsv(audit);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    log.info(`Exported the audit to ${target.fsPath}`);
  }

  async function auditProfiles(node?: unknown): Promise<void> {
    let audit: OrgAudit | undefined;
    if (node instanceof ProfileNode) {
      audit = auditOfProfile(node.audit, node.row.profile.profileId);
    } else {
      const org = await orgOf(node);
      if (!org) return;
      audit = await withOrgProgress(org, vscode.l10n.t('Auditing the profiles of {0}…', org.account ?? org.url), (signal) => readAudit(deps, org, signal));
    }
    if (!audit) return;
    const document = await vscode.workspace.openTextDocument({ content: loadSalesforceApi().formatAuditText(audit), language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    const json = vscode.l10n.t('Export JSON…');
    const csv = vscode.l10n.t('Export CSV…');
    const choice = await vscode.window.showInformationMessage(
      audit.orgPasses ? vscode.l10n.t('The org passes the audit.') : vscode.l10n.t('The org does not pass the audit.'), json, csv);
    if (choice) await exportReport(audit, choice === json ? 'json' : 'csv');
  }

  async function testConnection(node?: unknown): Promise<void> {
    const org = await orgOf(node);
    if (!org) return;
    const message = await withOrgProgress(org, vscode.l10n.t('Testing the connection to {0}…', org.account ?? org.url), async (signal) => {
      const session = await deps.session(org);
      const identity = await session.verify(signal);
      const [limit, profileId, read] = await Promise.all([
        session.readApiLimit(signal), session.readUserProfileId(identity.userId, signal), session.readSnapshot(signal),
      ]);
      // The signed-in user as an integration user: the verdict counts only this user's permission sets.
      const audit = loadSalesforceApi().auditOrg({ ...read.snapshot, integrationUsers: [{ username: identity.username, profileId }] });
      const user = audit.integrationUsers[0];
      return vscode.l10n.t('Connected to {0} as {1} (org {2}), API {3}; {4} of {5} daily API requests left. Your profile {6}: {7}.',
        org.url, identity.username, identity.organizationId, salesforceApiVersion(), limit.remaining, limit.max,
        user.profileName ?? profileId, user.verdict);
    });
    if (!message) return;
    log.info(message);
    const showLog = vscode.l10n.t('Show Log');
    if (await vscode.window.showInformationMessage(message, { modal: false }, showLog) === showLog) log.show();
  }

  return [
    vscode.commands.registerCommand('oktaSf.auditProfiles', auditProfiles),
    vscode.commands.registerCommand('oktaSf.salesforce.testConnection', testConnection),
    vscode.commands.registerCommand('oktaSf.salesforce.copyProfileSummary', async (node?: unknown) => {
      if (!(node instanceof ProfileNode)) return;
      await vscode.env.clipboard.writeText(profileSummary(node.row.profile));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the summary of {0}.', node.row.profile.name), 3000);
    }),
    vscode.commands.registerCommand('oktaSf.salesforce.openProfileInSetup', (node?: unknown) => {
      if (!(node instanceof ProfileNode)) return;
      const address = encodeURIComponent(`/${node.row.profile.profileId}`);
      return vscode.env.openExternal(vscode.Uri.parse(`${node.org.url}/lightning/setup/EnhancedProfiles/page?address=${address}`));
    }),
  ];
}
