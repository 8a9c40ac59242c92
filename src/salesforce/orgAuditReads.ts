import * as vscode from 'vscode';
import type { Log } from '../common/log';
import type { OrgAudits } from '../common/orgAudits';
import { integrationProfiles, integrationUsernames } from '../common/settings';
import type { OrgAudit } from '../domain/profileAudit';
import { findLocalProfileFiles } from './localProfileFiles';
import { loadSalesforceApi } from './salesforceBundle';
import { orgLabel, type SalesforceOrg, type SalesforceOrgs } from './salesforceOrgs';

/** An org's audit, and the workspace's profile files by lower-case profile name. */
export interface AuditRead {
  audit: OrgAudit;
  localFiles: Map<string, vscode.Uri>;
}

interface Entry {
  read: Promise<AuditRead>;
  work: AbortController;
  /** Callers still waiting for it. */
  waiters: number;
  /** Refresh dropped it: once nobody waits, its requests stop. */
  forgotten: boolean;
}

const cancelled = () => Object.assign(new Error('Cancelled'), { kind: 'cancelled' });

/**
 * The one owner of the Salesforce orgs' audits, asked by the Profiles tree, the audit commands and
 * the profile diagnostics. Each org's last read is kept until Refresh forgets it. A read belongs to
 * no view: refreshing the tree does not abort a *Compare with org* waiting for it, and one caller
 * cancelling stops only its own wait; the read's requests stop when it is forgotten and nobody waits.
 */
export class OrgAuditReads implements OrgAudits, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly didRead = new vscode.EventEmitter<OrgAudit>();
  readonly onDidReadAudit = this.didRead.event;

  constructor(private readonly orgs: SalesforceOrgs, private readonly log: Log) {}

  /** The org's audit: the kept one, or a new read (`fresh`: a new read in any case, kept from then on). */
  get(org: SalesforceOrg, signal: AbortSignal, options: { fresh?: boolean } = {}): Promise<AuditRead> {
    if (options.fresh) this.forget(org.id);
    let entry = this.entries.get(org.id);
    if (!entry) {
      entry = this.start(org);
      this.entries.set(org.id, entry);
    }
    return this.wait(entry, signal);
  }

  async activeAudit(): Promise<{ orgLabel: string; audit: OrgAudit } | undefined> {
    const org = this.orgs.active();
    if (!org) return undefined;
    const { audit } = await this.get(org, new AbortController().signal);
    return { orgLabel: orgLabel(org), audit };
  }

  /** Drops the kept read of one org, or of every org. */
  forget(orgId?: string): void {
    for (const [id, entry] of this.entries) {
      if (orgId !== undefined && id !== orgId) continue;
      this.entries.delete(id);
      entry.forgotten = true;
      if (entry.waiters === 0) entry.work.abort();
    }
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.work.abort();
    this.entries.clear();
    this.didRead.dispose();
  }

  private start(org: SalesforceOrg): Entry {
    const work = new AbortController();
    const read = Promise.all([readAudit(this.orgs, this.log, org, work.signal, { activeUserCounts: true }), findLocalProfileFiles()])
      .then(([audit, localFiles]) => {
        this.didRead.fire(audit);
        return { audit, localFiles };
      });
    const entry: Entry = { read, work, waiters: 0, forgotten: false };
    // A failed read is not kept: the next caller tries again.
    read.catch(() => {
      if (this.entries.get(org.id) === entry) this.entries.delete(org.id);
    });
    return entry;
  }

  /** The entry's read, or a cancellation when `signal` aborts first. */
  private async wait(entry: Entry, signal: AbortSignal): Promise<AuditRead> {
    if (signal.aborted) throw cancelled();
    entry.waiters++;
    let onAbort: (() => void) | undefined;
    try {
      return await Promise.race([
        entry.read,
        new Promise<never>((_, reject) => {
          onAbort = () => reject(cancelled());
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      entry.waiters--;
      if (entry.forgotten && entry.waiters === 0) entry.work.abort();
    }
  }
}

/**
 * Reads the whole org and audits it with the integration profiles and users of the settings. The
 * tree also shows each profile's active users.
 */
export async function readAudit(
  orgs: SalesforceOrgs, log: Log, org: SalesforceOrg, signal: AbortSignal, options?: { activeUserCounts?: boolean },
): Promise<OrgAudit> {
  const session = await orgs.session(org);
  const [{ snapshot, apiCalls }, integrationUsers] = await Promise.all([session.readSnapshot(signal, options), session.readUsers(integrationUsernames(), signal)]);
  log.info(`Read ${snapshot.profiles.length} profiles of ${org.url} in ${apiCalls} API calls`);
  return loadSalesforceApi().auditOrg({ ...snapshot, integrationUsers }, { integrationProfiles: integrationProfiles() });
}
