import * as vscode from 'vscode';
import { copyForAWhile } from '../common/clipboardClear';
import { isCancelled, messageOf } from '../common/failures';
import type { Log } from '../common/log';
import { reportingWaits } from '../common/requestProgress';
import {
  changedSections, discardChanges, type Draft, effectiveLoginHost, type SectionId, validateForm,
} from '../domain/apiIntegration/form';
import {
  type AppView, type AssignmentsView, type CheckResult, type ConnectionView, type CopyTarget, type ExtensionMessage,
  type GuidedStep, parseWebviewMessage, secretFreeDraft, type WebviewMessage,
} from '../domain/apiIntegration/protocol';
import { oktaCallbackUrl } from '../domain/apiIntegration/credentialChecks';
import type { DraftStore } from './draftStore';
import { panelHtml, webviewOptions } from './panelHtml';

/** What a Save of one section came to. */
export type SaveOutcome =
  | { outcome: 'saved' }
  /**
   * Okta's API refused, as it documents for this app: the admin follows `steps` in the Admin Console,
   * and `wait` polls the app until its features show the section saved (`expected`, as text).
   */
  | {
    outcome: 'guided'; steps: GuidedStep[]; expected: string[]; reason: string;
    wait(signal: AbortSignal, onPoll: (message: string) => void): Promise<'confirmed' | 'timedOut' | 'stopped'>;
  };

/**
 * What the panel does with Okta and Salesforce for one app (apiIntegrationFeature.ts makes it). The
 * panel itself only keeps the form, talks to the webview and runs one request of each kind at a time.
 */
export interface ApiIntegrationServices {
  readonly app: AppView;
  /** The browser sign-in's callback URL (the `oktaSf.salesforce.callbackPort` setting's). */
  localCallbackUrl(): string;
  /**
   * The saved form: what Okta says, with what this machine remembers of the section Okta does not give
   * back. Its secret reads as none; the caller marks it stored when SecretStorage has one.
   */
  loadSaved(signal: AbortSignal): Promise<Draft>;
  /** The saved form as the Okta Apps view last read the app, for when Okta cannot be read now. */
  lastKnownSaved(secretStored: boolean): Draft;
  readAssignments(signal: AbortSignal): Promise<AssignmentsView>;
  /** The integration user Authenticate signed in as before, if that org is still signed in. */
  connection(signal: AbortSignal): Promise<ConnectionView | undefined>;
  /** Undefined when the admin dismissed a picker. */
  authenticate(draft: Draft, secret: string | undefined, using: 'browser' | 'signedInOrg', signal: AbortSignal, progress: (message: string) => void): Promise<ConnectionView | undefined>;
  testCredentials(draft: Draft, secret: string | undefined, signal: AbortSignal, progress: (message: string) => void): Promise<CheckResult[]>;
  /** The consumer secret is not sent to Okta (its API has no field for it): guided steps copy it on click. */
  save(section: SectionId, draft: Draft, signal: AbortSignal): Promise<SaveOutcome>;
  openAdminConsole(): Promise<void>;
  /** Assign Users and Groups…; resolves when the admin is done (or gave up). */
  assign(): Promise<void>;
}

type StateMessage = Extract<ExtensionMessage, { type: 'state' }>;

/** A section's name in the form's messages (a function: the l10n bundle is configured after modules load). */
function sectionName(section: SectionId): string {
  switch (section) {
    case 'apiIntegration': return vscode.l10n.t('API integration');
    case 'toApp': return vscode.l10n.t('To App');
    case 'toOkta': return vscode.l10n.t('To Okta');
  }
}

/**
 * One Configure API Integration panel, for one Okta app. Messages from the webview are checked
 * (parseWebviewMessage) before anything is done with them; each reply names the request it answers,
 * and a newer request of a kind cancels the older one (its reply would be dropped by the page anyway).
 */
export class ApiIntegrationPanel implements vscode.Disposable {
  static readonly viewType = 'oktaSf.apiIntegration';
  /**
   * The state each app's form last showed in this window: a panel opened again draws it at once, while
   * its `ready` brings what Okta says now (a round trip through the webview host saved).
   */
  private static readonly shown = new Map<string, StateMessage>();

  private saved: Draft | undefined;
  private draft: Draft | undefined;
  private secretStored = false;
  private connection: ConnectionView | undefined;
  private assignments: AssignmentsView | undefined;
  /** The request of each kind that runs (authenticate, testCredentials, save:<section>, load). */
  private readonly running = new Map<string, AbortController>();
  /** Guided completions waiting for Okta, by section. */
  private readonly waits = new Map<SectionId, AbortController>();
  private readonly copies: Array<{ cancel(): void }> = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  private readonly openedAt = performance.now();
  private disposed = false;
  /** The first read of the saved form, started with the panel; a page that loads again (after a reload of its own) reads again. */
  private initial: Promise<[Draft, boolean]>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: string,
    private readonly services: ApiIntegrationServices,
    private readonly drafts: DraftStore,
    private readonly log: Log,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'oktaSf.svg');
    panel.title = panelTitle(services.app.label);
    panel.webview.html = panelHtml(panel.webview, extensionUri, panel.title, Date.now(), this.lastShown());
    // Okta is read while the page loads, so that its state can follow its `ready` at once.
    this.initial = this.readInitial();
    this.initial.catch(() => undefined);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /**
   * Shows the panel; false when it is gone. A tab closed just before the command ran may not have
   * told this side yet, and revealing it then throws.
   */
  reveal(): boolean {
    try {
      this.panel.reveal();
      return true;
    } catch {
      this.dispose();
      return false;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const controller of [...this.running.values(), ...this.waits.values()]) controller.abort();
    for (const copy of this.copies) copy.cancel();
    this.running.clear();
    this.waits.clear();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.closed.fire();
    this.closed.dispose();
    this.panel.dispose();
  }

  private post(message: ExtensionMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      // A page of ours never sends this: log it, answer nothing that could leak.
      this.log.warn(`Configure API Integration: a message from the panel was refused (${parsed.reason}).`);
      return;
    }
    const message = parsed.message;
    try {
      await this.handle(message);
    } catch (error) {
      if (isCancelled(error)) return;
      this.log.error(`Configure API Integration: ${message.type} failed`, error);
      this.post({ type: 'error', inReplyTo: message.id, message: messageOf(error) });
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': return this.load(message.id);
      case 'draftChanged': return this.keep(message.draft);
      case 'authenticate': return this.authenticate(message.id, message.draft, message.using);
      case 'testCredentials': return this.testCredentials(message.id, message.draft);
      case 'save': return this.save(message.id, message.section, message.draft);
      case 'discardChanges': return this.discard(message.id, message.sections);
      case 'copyValue': return this.copy(message.id, message.which);
      case 'openAdminConsole': return this.services.openAdminConsole();
      case 'assign': return this.assign();
      case 'stopWaiting': {
        this.waits.get(message.section)?.abort();
        return undefined;
      }
    }
  }

  /** Runs the latest request of a kind; an older one still running is cancelled. */
  private async run<R>(kind: string, id: number, work: (signal: AbortSignal, progress: (message: string) => void) => Promise<R>): Promise<R> {
    this.running.get(kind)?.abort();
    const controller = new AbortController();
    this.running.set(kind, controller);
    const progress = (text: string) => this.post({ type: 'progress', inReplyTo: id, message: text });
    let own = '';
    const report = (text: string) => {
      own = text;
      progress(text);
    };
    try {
      // A pause before a retry (a rate limit) shows in the panel's status line, then the work's own message again.
      return await reportingWaits((wait) => progress(wait ?? own), () => work(controller.signal, report));
    } finally {
      if (this.running.get(kind) === controller) this.running.delete(kind);
    }
  }

  /** The saved form from Okta and whether a secret is stored: what the first `state` needs. */
  private readInitial(signal?: AbortSignal): Promise<[Draft, boolean]> {
    const controller = new AbortController();
    this.running.set('initial', controller);
    const aborted = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    return Promise.all([this.services.loadSaved(aborted), this.drafts.storedSecret(this.key).then((secret) => secret !== undefined)]);
  }

  /** The page is ready: the saved form from Okta (read since the panel opened), the draft kept here, then the assignments. */
  private async load(id: number): Promise<void> {
    const first = this.initial;
    // A page loading again (its own reload) gets a fresh read.
    this.initial = Promise.reject(new Error('read again'));
    this.initial.catch(() => undefined);
    let saved: Draft;
    let stored: boolean;
    try {
      [saved, stored] = await this.run('load', id, async (signal, progress) => {
        progress(vscode.l10n.t('Reading the app from Okta…'));
        return first.catch(() => this.readInitial(signal));
      });
    } catch (error) {
      if (isCancelled(error)) throw error;
      // The form still opens, from what the view last read, so that nothing typed is out of reach; the banner says why.
      this.log.error(`Reading ${this.services.app.id} for Configure API Integration failed`, error);
      stored = await this.drafts.storedSecret(this.key).then((secret) => secret !== undefined, () => false);
      saved = this.services.lastKnownSaved(stored);
      this.post({ type: 'error', message: vscode.l10n.t('{0} The form shows what the Okta Apps view last read; Save reads Okta again.', messageOf(error)) });
    }
    this.saved = withSecret(saved, stored);
    this.secretStored = stored;
    this.draft = this.restoredDraft();
    this.postState(id);
    this.log.info(`Configure API Integration for ${this.services.app.id}: the form's state was sent ${Math.round(performance.now() - this.openedAt)} ms after the panel opened.`);
    void this.readAssignments();
    void this.readConnection();
  }

  /**
   * Who Authenticate signed in as before (a Salesforce read, which loads jsforce): shown when it comes,
   * the form does not wait for it. An Authenticate meanwhile wins.
   */
  private async readConnection(): Promise<void> {
    const controller = new AbortController();
    this.running.set('connection', controller);
    const connection = await this.services.connection(controller.signal).catch(() => undefined);
    if (!connection || controller.signal.aborted || this.connection) return;
    this.connection = connection;
    this.postState();
  }

  /** The draft kept for this app, else the saved form. A kept draft says "no secret" when none was typed: one stored shows as stored. */
  private restoredDraft(): Draft {
    const kept = this.drafts.draft(this.key);
    if (!kept) return structuredClone(this.saved as Draft);
    return withSecret(kept, this.secretStored);
  }

  /** The last state shown for this app, with the draft as kept now; undefined the first time. */
  private lastShown(): StateMessage | undefined {
    const shown = ApiIntegrationPanel.shown.get(this.key);
    if (!shown) return undefined;
    const kept = this.drafts.draft(this.key);
    return kept ? { ...shown, draft: secretFreeDraft(withSecret(kept, shown.secretStored), shown.secretStored) } : shown;
  }

  private postState(inReplyTo?: number): void {
    if (!this.saved || !this.draft) return;
    const state: StateMessage = {
      type: 'state', ...(inReplyTo ? { inReplyTo } : {}), app: this.services.app,
      saved: secretFreeDraft(this.saved, this.secretStored), draft: secretFreeDraft(this.draft, this.secretStored),
      secretStored: this.secretStored, callbackUrls: { okta: oktaCallbackUrl, local: this.services.localCallbackUrl() },
      ...(this.connection ? { connection: this.connection } : {}),
      ...(this.assignments ? { assignments: this.assignments } : {}),
    };
    this.post(state);
    ApiIntegrationPanel.shown.set(this.key, { ...state, inReplyTo: undefined });
  }

  private async readAssignments(): Promise<void> {
    const controller = new AbortController();
    this.running.get('assignments')?.abort();
    this.running.set('assignments', controller);
    try {
      this.assignments = await this.services.readAssignments(controller.signal);
    } catch (error) {
      if (isCancelled(error) || controller.signal.aborted) return;
      this.assignments = { users: 0, groups: 0, more: false, error: messageOf(error) };
    }
    this.post({ type: 'assignments', assignments: this.assignments });
  }

  /** What the admin typed: kept (on disk without the secret) unless it is what is saved. */
  private async keep(draft: Draft): Promise<void> {
    this.draft = draft;
    const unchanged = this.saved && !changedSections(draft, this.saved).length && draft.apiIntegration.consumerSecret.kind !== 'typed';
    await this.drafts.keepDraft(this.key, unchanged ? undefined : draft);
  }

  private async authenticate(id: number, draft: Draft, using: 'browser' | 'signedInOrg'): Promise<void> {
    await this.keep(draft);
    const secret = await this.drafts.secret(this.key, draft);
    const connection = await this.run('authenticate', id, (signal, progress) => this.services.authenticate(draft, secret, using, signal, progress));
    if (!connection) {
      this.post({ type: 'progress', inReplyTo: id, message: '' });
      return;
    }
    this.connection = connection;
    this.post({ type: 'authenticated', inReplyTo: id, connection });
  }

  private async testCredentials(id: number, draft: Draft): Promise<void> {
    await this.keep(draft);
    const secret = await this.drafts.secret(this.key, draft);
    const results = await this.run('testCredentials', id, (signal, progress) => this.services.testCredentials(draft, secret, signal, progress));
    this.post({ type: 'checkResults', inReplyTo: id, results });
  }

  /**
   * Validates every field, keeps a typed secret in SecretStorage (so a failed Save loses nothing),
   * then writes the section: through Okta's API, or guided when Okta refuses, as it documents for
   * Salesforce. Either way the saved form is read back from Okta before it is shown as saved.
   */
  private async save(id: number, section: SectionId, draft: Draft): Promise<void> {
    await this.keep(draft);
    const reply = (outcome: 'saved' | 'guided' | 'invalid' | 'failed', message: string, errors = validateForm(draft)) =>
      this.post({ type: 'saveResult', inReplyTo: id, section, outcome, message, errors });
    const errors = validateForm(draft);
    if (errors.length) {
      reply('invalid', vscode.l10n.t('Nothing was saved: correct the fields marked ({0}).', errors.length), errors);
      return;
    }
    const typed = draft.apiIntegration.consumerSecret;
    if (section === 'apiIntegration' && typed.kind === 'typed') {
      await this.drafts.storeSecret(this.key, typed.value);
      this.secretStored = true;
      draft = withSecret(draft, true);
      await this.keep(draft);
    }
    let outcome: SaveOutcome;
    try {
      outcome = await this.run(`save:${section}`, id, async (signal, progress) => {
        progress(vscode.l10n.t('Saving {0} in Okta…', sectionName(section)));
        return this.services.save(section, draft, signal);
      });
    } catch (error) {
      if (isCancelled(error)) throw error;
      this.log.error(`Saving ${section} of ${this.services.app.id} failed`, error);
      reply('failed', messageOf(error), []);
      return;
    }
    if (outcome.outcome === 'saved') {
      await this.confirmSaved(id, section, draft);
      reply('saved', vscode.l10n.t('{0} saved in Okta, and read back.', sectionName(section)), []);
      return;
    }
    reply('guided', outcome.reason, []);
    void this.guide(id, section, draft, outcome);
  }

  /** Walks the admin through the Admin Console, and waits for Okta to show the section is saved. */
  private async guide(id: number, section: SectionId, draft: Draft, outcome: Extract<SaveOutcome, { outcome: 'guided' }>): Promise<void> {
    this.waits.get(section)?.abort();
    const controller = new AbortController();
    this.waits.set(section, controller);
    const update = (status: 'waiting' | 'confirmed' | 'timedOut' | 'stopped' | 'failed', message: string) =>
      this.post({ type: 'guided', inReplyTo: id, section, steps: outcome.steps, expected: outcome.expected, status, message });
    update('waiting', vscode.l10n.t('Waiting for Okta to show {0} ({1}).', sectionName(section), outcome.expected.join(', ')));
    const stopped = () => update('stopped', vscode.l10n.t('Stopped waiting. Save again once the steps are done to check.'));
    try {
      const result = await reportingWaits((wait) => wait && update('waiting', wait), () =>
        outcome.wait(controller.signal, (message) => update('waiting', message)));
      if (result === 'confirmed') {
        await this.confirmSaved(id, section, draft);
        update('confirmed', vscode.l10n.t('Okta shows {0} saved.', sectionName(section)));
      } else if (result === 'timedOut') {
        update('timedOut', vscode.l10n.t('Okta did not show {0} saved in time. Finish the steps, then Save again to check.', sectionName(section)));
      } else {
        stopped();
      }
    } catch (error) {
      if (controller.signal.aborted) stopped();
      else update('failed', messageOf(error));
    } finally {
      if (this.waits.get(section) === controller) this.waits.delete(section);
    }
  }

  /** A section is saved: remember what Okta cannot give back, read the saved form again, and drop that section from the draft. */
  private async confirmSaved(id: number, section: SectionId, draft: Draft): Promise<void> {
    if (section === 'apiIntegration') {
      const { enableApiIntegration, consumerKey, allowPushingNullValues, loginHost } = draft.apiIntegration;
      await this.drafts.remember(this.key, {
        savedApiIntegration: { enableApiIntegration, consumerKey: consumerKey.trim(), allowPushingNullValues, loginHostOverride: loginHost.override.trim() },
      });
    }
    const controller = new AbortController();
    this.saved = withSecret(await this.services.loadSaved(controller.signal), this.secretStored);
    const current = this.draft ?? draft;
    this.draft = discardChanges(current, this.saved, [section]);
    await this.keep(this.draft);
    this.postState(id);
  }

  private async discard(id: number, sections: SectionId[]): Promise<void> {
    if (!this.saved || !this.draft) return;
    this.draft = discardChanges(this.draft, this.saved, sections);
    await this.keep(this.draft);
    this.postState(id);
  }

  /** Copies a value the admin asked for; the secret only on this click, and cleared from the clipboard after a minute. */
  private async copy(id: number, which: CopyTarget): Promise<void> {
    const draft = this.draft ?? this.saved;
    let value: string | undefined;
    switch (which) {
      case 'oktaCallbackUrl': value = oktaCallbackUrl; break;
      case 'localCallbackUrl': value = this.services.localCallbackUrl(); break;
      case 'consumerKey': value = draft?.apiIntegration.consumerKey.trim(); break;
      case 'loginHost': value = draft && effectiveLoginHost(draft.apiIntegration); break;
      case 'consumerSecret': value = draft && await this.drafts.secret(this.key, draft); break;
    }
    if (!value) {
      this.post({ type: 'error', inReplyTo: id, message: vscode.l10n.t('There is nothing to copy yet: fill in the field first.') });
      return;
    }
    if (which === 'consumerSecret') {
      this.copies.push(await copyForAWhile(vscode.env.clipboard, value));
      this.post({ type: 'progress', inReplyTo: id, message: vscode.l10n.t('Copied the consumer secret. The clipboard is cleared in 60 seconds if it still holds it.') });
    } else {
      await vscode.env.clipboard.writeText(value);
      this.post({ type: 'progress', inReplyTo: id, message: vscode.l10n.t('Copied.') });
    }
  }

  private async assign(): Promise<void> {
    await this.services.assign();
    await this.readAssignments();
  }
}

/** A draft whose secret says "stored" wherever one is stored and none was typed. */
function withSecret(draft: Draft, stored: boolean): Draft {
  const secret = draft.apiIntegration.consumerSecret;
  if (secret.kind === 'typed' || (secret.kind === 'stored') === stored) return draft;
  return { ...draft, apiIntegration: { ...draft.apiIntegration, consumerSecret: stored ? { kind: 'stored' } : { kind: 'none' } } };
}

/** The tab's title: the app's label, cut, on one line (Okta's text, shown as text). */
export function panelTitle(label: string): string {
  const line = label.replace(/\s+/g, ' ').trim();
  return vscode.l10n.t('API Integration: {0}', line.length > 40 ? `${line.slice(0, 40)}…` : line);
}
