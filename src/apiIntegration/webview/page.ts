/**
 * The Configure API Integration page's state and its conversation with the extension. It holds the
 * draft the admin is typing, which requests are running, and what the extension last said; every
 * change re-renders the page (templates.ts) from that state. lit updates only what changed, so the
 * field being typed in keeps its focus and caret across a re-render.
 */

import * as l10n from '@vscode/l10n';
import { render } from 'lit';
import {
  type AssignmentsView, type CheckResult, type ConnectionView, type CopyTarget, type ExtensionMessage, type GuidedStatus,
  type GuidedStep, parseExtensionMessage, Requests, type WebviewMessage,
} from '../../domain/apiIntegration/protocol';
import { type Draft, type FieldError, type FieldId, type SectionId, validateForm } from '../../domain/apiIntegration/form';
import { pageTemplate } from './templates';
import { fieldDomId, firstErrorField, viewState, withSection, withTypedSecret } from './view';

/** The webview API VS Code gives the page (acquireVsCodeApi()). */

/** The performance mark set when the form is first drawn with a state. */
export const interactiveMark = 'okta-sf:form-interactive';

export interface HostApi {
  postMessage(message: WebviewMessage): void;
  setState(state: unknown): void;
}

/** What the extension's last `state` said, less the draft (the page owns the draft between states). */
export interface Shown {
  app: { id: string; label: string; instanceType?: string };
  saved: Draft;
  secretStored: boolean;
  callbackUrls: { okta: string; local: string };
  connection?: ConnectionView;
  assignments?: AssignmentsView;
}

export interface GuidedView {
  steps: GuidedStep[];
  expected: string[];
  status: GuidedStatus;
  message: string;
}

/** The outcome of a section's last Save, shown beside its Save button. */
export interface SaveNote {
  outcome: 'saved' | 'guided' | 'invalid' | 'failed';
  message: string;
}

/** Requests that hold their button until the reply; the others (copy, open, assign) fire and forget. */
type HeldRequest = 'authenticate' | 'testCredentials' | `save:${SectionId}` | `discard:${SectionId}` | `stopWaiting:${SectionId}`;

/** Edits reach the extension this long after the last keystroke: one message per pause, not per key. */
export const draftDebounceMs = 300;

export class Page {
  shown?: Shown;
  draft?: Draft;
  errors: FieldError[] = [];
  results?: CheckResult[];
  readonly guided = new Map<SectionId, GuidedView>();
  readonly saveNotes = new Map<SectionId, SaveNote>();
  /** The latest progress or status line, read out by the polite live region. */
  status = '';
  /** The latest error, shown in the alert banner until dismissed or replaced. */
  alert = '';

  private readonly requests: Requests;
  /** Request id → what it is, while its reply is awaited. */
  private readonly held = new Map<number, HeldRequest>();
  /** The id of the discard request that resets the API integration section (its state drops a typed secret). */
  private discardingSecret?: number;
  private draftTimer?: ReturnType<typeof setTimeout>;
  /** The button that started a request, to give focus back when it is enabled again. */
  private readonly returnFocus = new Map<number, string>();

  constructor(private readonly host: HostApi, private readonly root: HTMLElement, firstId = Date.now()) {
    this.requests = new Requests(firstId);
  }

  start(): void {
    this.render();
    this.host.postMessage({ type: 'ready', id: this.requests.issue('ready') });
  }

  render(): void {
    render(pageTemplate(this), this.root);
  }

  isBusy(request: HeldRequest): boolean {
    return [...this.held.values()].includes(request);
  }

  // ---- From the extension

  receive(data: unknown): void {
    const parsed = parseExtensionMessage(data);
    if (!parsed.ok) {
      // A page cannot answer a refused message; the console is where a developer looks.
      console.warn(`Configure API Integration: ignored a message from the extension: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    const inReplyTo = 'inReplyTo' in message ? message.inReplyTo : undefined;
    if (inReplyTo !== undefined && !this.requests.isCurrent(inReplyTo)) return; // a reply to a request superseded since
    this.handle(message);
    if (inReplyTo !== undefined && isFinalReply(message)) this.settle(inReplyTo);
    this.render();
    // When the form first takes typing, on the page's own clock: what the UI test reads to time an opening.
    if (message.type === 'state' && !performance.getEntriesByName(interactiveMark).length) {
      // Measured from when the extension made the panel (the same machine's clock), when the shell says.
      const openedAt = Number(document.body.dataset.openedAt);
      performance.mark(interactiveMark, { detail: { sinceCommandMs: openedAt > 0 ? Date.now() - openedAt : undefined } });
    }
  }

  private handle(message: ExtensionMessage): void {
    switch (message.type) {
      case 'state': return this.takeState(message);
      case 'progress': this.status = message.message; return;
      case 'authenticated':
        if (this.shown) this.shown = { ...this.shown, connection: message.connection };
        this.status = l10n.t('Signed in as {0}.', message.connection.username);
        return;
      case 'assignments':
        if (this.shown) this.shown = { ...this.shown, assignments: message.assignments };
        return;
      case 'guided': {
        const { steps, expected, status, message: text } = message;
        this.guided.set(message.section, { steps, expected, status, message: text });
        return;
      }
      case 'checkResults':
        this.results = message.results;
        this.status = l10n.t('Test API Credentials finished.');
        return;
      case 'saveResult': return this.takeSaveResult(message);
      case 'error': this.alert = message.message; return;
    }
  }

  private takeState(message: Extract<ExtensionMessage, { type: 'state' }>): void {
    const { app, saved, secretStored, callbackUrls, connection, assignments } = message;
    this.shown = { app, saved, secretStored, callbackUrls, connection, assignments };
    // Keystrokes not yet sent are newer than any draft the extension has: keep them (they go out shortly).
    if (this.draftTimer !== undefined && this.draft) return;
    const dropTyped = message.inReplyTo !== undefined && message.inReplyTo === this.discardingSecret;
    this.draft = withTypedSecret(message.draft, this.draft?.apiIntegration.consumerSecret, dropTyped);
    this.keepState();
  }

  private takeSaveResult(message: Extract<ExtensionMessage, { type: 'saveResult' }>): void {
    this.saveNotes.set(message.section, { outcome: message.outcome, message: message.message });
    if (message.outcome === 'invalid') {
      this.showErrors(message.errors);
      return;
    }
    if (message.outcome === 'failed') this.alert = message.message;
    else this.status = message.message;
    // Saved (or handed to the admin with the secret stored for the Copy buttons): the typed secret is no longer needed here.
    if (message.section === 'apiIntegration' && this.draft?.apiIntegration.consumerSecret.kind === 'typed') {
      this.draft = withSection(this.draft, 'apiIntegration', { consumerSecret: { kind: 'stored' } });
      this.keepState();
    }
  }

  private settle(id: number): void {
    this.held.delete(id);
    const button = this.returnFocus.get(id);
    this.returnFocus.delete(id);
    // Disabling the button dropped focus to the page: put it back on the button, now enabled again.
    if (button && (document.activeElement === document.body || document.activeElement === null)) {
      requestAnimationFrame(() => document.getElementById(button)?.focus());
    }
  }

  // ---- From the admin

  /** An edit to the draft: kept (without a typed secret) for a reload, and sent after a pause in typing. */
  edit<S extends SectionId>(section: S, patch: Partial<Draft[S]>, field?: FieldId): void {
    if (!this.draft) return;
    this.draft = withSection(this.draft, section, patch);
    if (field) this.errors = this.errors.filter((error) => error.field !== field);
    this.keepState();
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.flushDraft(), draftDebounceMs);
    this.render();
  }

  /** Sends an edit still waiting out its pause now, so it reaches the extension before the request that follows. */
  private flushDraft(): void {
    if (this.draftTimer === undefined) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    if (this.draft) this.host.postMessage({ type: 'draftChanged', id: this.requests.issue('draftChanged'), draft: this.draft });
  }

  private keepState(): void {
    if (this.draft && this.shown) this.host.setState(viewState(this.shown.app.id, this.draft, this.shown.secretStored));
  }

  /** Issues a request that holds its button until the reply, dropping any earlier one of its kind. */
  private hold(kind: HeldRequest, button: string): number {
    this.flushDraft();
    for (const [id, held] of this.held) if (held === kind) this.held.delete(id);
    const id = this.requests.issue(kind);
    this.held.set(id, kind);
    this.returnFocus.set(id, button);
    this.alert = '';
    return id;
  }

  authenticate(using: 'browser' | 'signedInOrg', button: string): void {
    if (!this.draft) return;
    const id = this.hold('authenticate', button);
    this.status = using === 'browser' ? l10n.t('Signing in to Salesforce in your browser…') : l10n.t('Choose a signed-in org…');
    this.host.postMessage({ type: 'authenticate', id, draft: this.draft, using });
    this.render();
  }

  testCredentials(button: string): void {
    if (!this.draft) return;
    const id = this.hold('testCredentials', button);
    this.results = undefined;
    this.status = l10n.t('Testing the API credentials…');
    this.host.postMessage({ type: 'testCredentials', id, draft: this.draft });
    this.render();
  }

  /** Save: the whole draft is validated first; a draft with errors stays here, its first error focused. */
  save(section: SectionId, button: string): void {
    if (!this.draft) return;
    const errors = validateForm(this.draft);
    if (errors.length) {
      this.saveNotes.set(section, { outcome: 'invalid', message: l10n.t('Not saved: correct the marked fields (the first one has the focus).') });
      this.showErrors(errors);
      this.render();
      return;
    }
    this.errors = [];
    this.saveNotes.delete(section);
    // A new Save of the section starts over: the last one's checklist no longer applies.
    this.guided.delete(section);
    const id = this.hold(`save:${section}`, button);
    this.status = 'Saving…';
    this.host.postMessage({ type: 'save', id, section, draft: this.draft });
    this.render();
  }

  private showErrors(errors: FieldError[]): void {
    this.errors = errors;
    const first = firstErrorField(errors);
    this.status = errors.length === 1 ? l10n.t('One field needs correcting.') : l10n.t('{0} fields need correcting.', errors.length);
    if (first) requestAnimationFrame(() => document.getElementById(fieldDomId(first))?.focus());
  }

  discard(section: SectionId, button: string): void {
    if (this.draftTimer !== undefined) {
      clearTimeout(this.draftTimer);
      this.draftTimer = undefined;
    }
    const id = this.hold(`discard:${section}`, button);
    if (section === 'apiIntegration') this.discardingSecret = id;
    this.errors = this.errors.filter((error) => error.section !== section);
    this.host.postMessage({ type: 'discardChanges', id, sections: [section] });
    this.render();
  }

  copy(which: CopyTarget): void {
    this.host.postMessage({ type: 'copyValue', id: this.requests.issue('copyValue'), which });
  }

  openAdminConsole(): void {
    this.host.postMessage({ type: 'openAdminConsole', id: this.requests.issue('openAdminConsole') });
  }

  assign(): void {
    this.host.postMessage({ type: 'assign', id: this.requests.issue('assign') });
  }

  stopWaiting(section: SectionId, button: string): void {
    const id = this.hold(`stopWaiting:${section}`, button);
    this.host.postMessage({ type: 'stopWaiting', id, section });
    this.render();
  }

  /** Copies text the page already shows (the check results): the webview's own clipboard, no round trip. */
  async copyText(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.status = done;
    } catch {
      this.alert = l10n.t('Could not copy to the clipboard. Select the results and copy them with the keyboard instead.');
    }
    this.render();
  }

  dismissAlert(): void {
    this.alert = '';
    this.render();
  }
}

/** Whether a reply ends its request (its button is enabled again); progress and guided updates do not. */
function isFinalReply(message: ExtensionMessage): boolean {
  return message.type !== 'progress' && !(message.type === 'guided' && message.status === 'waiting');
}
