import * as vscode from 'vscode';

export interface StoredOrg {
  /** Stable key; also names the org's secret. */
  readonly id: string;
  /** The address the extension calls (Okta org URL, Salesforce instance URL). */
  readonly url: string;
  /** Who the stored credential acts for, when known. */
  readonly account?: string;
}

/**
 * The connected orgs of one kind. What identifies an org is kept in the global state; its
 * credential only in SecretStorage, so it never reaches settings, logs or sync.
 */
export class OrgStore<T extends StoredOrg> implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly key: string,
  ) {}

  list(): readonly T[] {
    return this.state.get<T[]>(this.key, []);
  }

  get(id: string): T | undefined {
    return this.list().find((org) => org.id === id);
  }

  secret(id: string): Thenable<string | undefined> {
    return this.secrets.get(this.secretKey(id));
  }

  async save(org: T, secret: string): Promise<void> {
    await this.secrets.store(this.secretKey(org.id), secret);
    await this.state.update(this.key, [...this.list().filter((o) => o.id !== org.id), org]);
    this.changed.fire();
  }

  /** Replaces an org's credential (a refreshed token) without announcing a change: nothing shown differs. */
  async replaceSecret(id: string, secret: string): Promise<void> {
    if (this.get(id)) await this.secrets.store(this.secretKey(id), secret);
  }

  async remove(id: string): Promise<void> {
    await this.secrets.delete(this.secretKey(id));
    await this.state.update(this.key, this.list().filter((o) => o.id !== id));
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private secretKey(id: string): string {
    return `${this.key}/${id}`;
  }
}
