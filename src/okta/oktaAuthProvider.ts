import * as vscode from 'vscode';
import type { OktaOrg, OktaOrgs } from './oktaOrgs';

export const oktaAuthProviderId = 'oktaSf.okta';

/**
 * The connected Okta orgs as authentication sessions, so each shows (and can be signed out of) in
 * VS Code's Accounts menu. A session's scopes are the service app's; an API token has none. Its
 * access token is the org id: the credential itself stays in SecretStorage, for this extension only.
 */
export class OktaAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: readonly vscode.AuthenticationSession[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly orgs: OktaOrgs,
    private readonly connect: () => Promise<OktaOrg | undefined>,
    private readonly signOut: (org: OktaOrg) => Promise<void>,
  ) {
    this.known = this.sessions();
    this.subscription = orgs.store.onDidChange(() => this.announceChanges());
  }

  getSessions(_scopes?: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const sessions = this.sessions();
    return Promise.resolve(options?.account ? sessions.filter((session) => session.account.id === options.account?.id) : sessions);
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const org = await this.connect();
    const session = org && this.sessions().find((s) => s.id === org.id);
    if (!session) throw new Error(vscode.l10n.t('Connecting to Okta was cancelled.'));
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

  private sessions(): vscode.AuthenticationSession[] {
    return this.orgs.list().map((org) => ({
      id: org.id,
      accessToken: org.id,
      account: { id: org.id, label: accountLabel(org) },
      scopes: org.method?.kind === 'serviceApp' ? [...org.method.scopes] : [],
    }));
  }

  private announceChanges(): void {
    const now = this.sessions();
    const before = new Set(this.known.map((s) => s.id));
    const after = new Set(now.map((s) => s.id));
    const added = now.filter((s) => !before.has(s.id));
    const removed = this.known.filter((s) => !after.has(s.id));
    const changed = now.filter((s) => before.has(s.id));
    this.known = now;
    if (added.length || removed.length || changed.length) this.changed.fire({ added, removed, changed });
  }
}

/** "admin@acme.com (acme.okta.com)", or the service app's client id, or the host alone. */
export function accountLabel(org: OktaOrg): string {
  const host = new URL(org.url).host;
  if (org.method?.kind === 'serviceApp') return `${org.account && org.account !== org.method.clientId ? org.account : vscode.l10n.t('service app {0}', org.method.clientId)} (${host})`;
  return org.account ? `${org.account} (${host})` : host;
}
