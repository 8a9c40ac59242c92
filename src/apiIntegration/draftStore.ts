import type * as vscode from 'vscode';
import type { Draft } from '../domain/apiIntegration/form';
import { secretFreeDraft } from '../domain/apiIntegration/protocol';

/**
 * What this machine keeps of each app's Configure API Integration form, by `<Okta org id>:<app id>`:
 * - the draft being typed, in the global state, without its secret (it survives closing the panel and
 *   reloading the window; a typed secret survives only in memory until a Save puts it in SecretStorage);
 * - what was last saved of the API integration section: Okta's API does not give back a Salesforce
 *   app's consumer key, so the form remembers the one it saved;
 * - the Salesforce org whose user Authenticate signed in as (an org of the Salesforce Profiles view);
 * - the consumer secret, in SecretStorage only.
 */
export interface AppFormMemory {
  draft?: Draft;
  savedApiIntegration?: Pick<Draft['apiIntegration'], 'enableApiIntegration' | 'consumerKey' | 'allowPushingNullValues'> & { loginHostOverride: string };
  /** The id of the Salesforce org (SalesforceOrgs) Authenticate signed in to. */
  integrationOrgId?: string;
}

const stateKey = 'oktaSf.apiIntegration.forms';
const secretKey = (key: string) => `oktaSf.apiIntegration.secret/${key}`;

export class DraftStore {
  /** Secrets typed and not yet saved: never written anywhere. */
  private readonly typedSecrets = new Map<string, string>();

  constructor(private readonly state: vscode.Memento, private readonly secrets: vscode.SecretStorage) {}

  static keyOf(oktaOrgId: string, appId: string): string {
    return `${oktaOrgId}:${appId}`;
  }

  memory(key: string): AppFormMemory {
    return this.all()[key] ?? {};
  }

  async remember(key: string, change: Partial<AppFormMemory>): Promise<void> {
    const all = this.all();
    const next = { ...all[key], ...change };
    // A draft goes to disk without its typed secret, whatever the caller passed.
    if (next.draft) next.draft = secretFreeDraft(next.draft, false);
    await this.state.update(stateKey, { ...all, [key]: next });
  }

  /** Keeps the draft (its typed secret in memory only); undefined forgets it (Discard changes, a Save of every section). */
  async keepDraft(key: string, draft: Draft | undefined): Promise<void> {
    const secret = draft?.apiIntegration.consumerSecret;
    if (secret?.kind === 'typed') this.typedSecrets.set(key, secret.value);
    else this.typedSecrets.delete(key);
    await this.remember(key, { draft });
  }

  /** The draft as typed: the stored one with the typed secret put back when this window still has it. */
  draft(key: string): Draft | undefined {
    const draft = this.memory(key).draft;
    const typed = this.typedSecrets.get(key);
    if (!draft || typed === undefined) return draft;
    return { ...draft, apiIntegration: { ...draft.apiIntegration, consumerSecret: { kind: 'typed', value: typed } } };
  }

  storedSecret(key: string): Thenable<string | undefined> {
    return this.secrets.get(secretKey(key));
  }

  async storeSecret(key: string, secret: string): Promise<void> {
    await this.secrets.store(secretKey(key), secret);
    this.typedSecrets.delete(key);
  }

  /** The secret the form would use now: the one typed, else the stored one. */
  async secret(key: string, draft: Draft): Promise<string | undefined> {
    const state = draft.apiIntegration.consumerSecret;
    if (state.kind === 'typed') return state.value;
    return state.kind === 'stored' ? this.storedSecret(key) : undefined;
  }

  /** The key of an app whose form was opened here, found by the app's id (Okta's app ids are unique across orgs). */
  keyOfOpenApp(appId: string): string | undefined {
    return Object.keys(this.all()).find((key) => key.endsWith(`:${appId}`));
  }

  private all(): Record<string, AppFormMemory> {
    return this.state.get<Record<string, AppFormMemory>>(stateKey, {});
  }
}
