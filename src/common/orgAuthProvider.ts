import * as vscode from 'vscode';
import type { OrgStore, StoredOrg } from './orgStore';

/** What differs between the Okta and the Salesforce accounts: how an org becomes a session, and how one is added or removed. */
export interface OrgSessions<T extends StoredOrg> {
  readonly store: OrgStore<T>;
  /** The org's session, or undefined when it has none to offer (no stored credential). */
  session(org: T): vscode.AuthenticationSession | undefined | Promise<vscode.AuthenticationSession | undefined>;
  /** Connects or signs in to a new org (the Accounts menu's Sign In). */
  add(): Promise<T | undefined>;
  remove(org: T): Promise<void>;
  /** Said when adding was cancelled. */
  readonly cancelled: string;
}

/**
 * The connected orgs of one kind as authentication sessions, so each shows (and can be signed out
 * of) in VS Code's Accounts menu. Changes to the store are announced as added, removed and changed sessions.
 */
export class OrgAuthProvider<T extends StoredOrg> implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: readonly vscode.AuthenticationSession[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly orgs: OrgSessions<T>) {
    void this.sessions().then((sessions) => {
      this.known = sessions;
    });
    this.subscription = orgs.store.onDidChange(() => void this.announceChanges());
  }

  async getSessions(_scopes?: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const sessions = await this.sessions();
    this.known = sessions;
    return options?.account ? sessions.filter((session) => session.account.id === options.account?.id) : sessions;
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const org = await this.orgs.add();
    const session = org && (await this.sessions()).find((s) => s.id === org.id);
    if (!session) throw new Error(this.orgs.cancelled);
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    const org = this.orgs.store.get(sessionId);
    if (org) await this.orgs.remove(org);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async sessions(): Promise<vscode.AuthenticationSession[]> {
    const sessions = await Promise.all(this.orgs.store.list().map((org) => this.orgs.session(org)));
    return sessions.filter((session) => session !== undefined);
  }

  private async announceChanges(): Promise<void> {
    const now = await this.sessions();
    const before = new Set(this.known.map((s) => s.id));
    const after = new Set(now.map((s) => s.id));
    const added = now.filter((s) => !before.has(s.id));
    const removed = this.known.filter((s) => !after.has(s.id));
    const changed = now.filter((s) => before.has(s.id));
    this.known = now;
    if (added.length || removed.length || changed.length) this.changed.fire({ added, removed, changed });
  }
}
