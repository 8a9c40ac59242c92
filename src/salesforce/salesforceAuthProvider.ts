import * as vscode from 'vscode';
import { orgLabel, type SalesforceOrg, type SalesforceOrgs } from './salesforceOrgs';

export const salesforceAuthProviderId = 'oktaSf.salesforce';

/**
 * The signed-in Salesforce orgs as authentication sessions, so they show (and can be signed out
 * of) in VS Code's Accounts menu. Sessions have no scopes: each is one org's API session.
 */
export class SalesforceAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: readonly vscode.AuthenticationSession[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly orgs: SalesforceOrgs,
    private readonly signIn: () => Promise<SalesforceOrg | undefined>,
    private readonly signOut: (org: SalesforceOrg) => Promise<void>,
  ) {
    this.subscription = orgs.store.onDidChange(() => void this.announceChanges());
  }

  async getSessions(_scopes?: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const sessions = await this.sessions();
    this.known = sessions;
    return options?.account ? sessions.filter((session) => session.account.id === options.account?.id) : sessions;
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const org = await this.signIn();
    const session = org && (await this.sessions()).find((s) => s.id === org.id);
    if (!session) throw new Error(vscode.l10n.t('Sign-in to Salesforce was cancelled.'));
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    const org = this.orgs.store.get(sessionId);
    if (org) await this.signOut(org);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async sessions(): Promise<vscode.AuthenticationSession[]> {
    const sessions = await Promise.all(this.orgs.list().map(async (org) => {
      const secret = await this.orgs.secret(org);
      return secret?.accessToken
        ? { id: org.id, accessToken: secret.accessToken, account: { id: org.id, label: `${orgLabel(org)} (${new URL(org.url).host})` }, scopes: [] }
        : undefined;
    }));
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
