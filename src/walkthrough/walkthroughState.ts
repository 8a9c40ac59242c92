import * as vscode from 'vscode';
import type { CheckResult } from '../domain/apiIntegration/protocol';
import type { PreflightReport } from '../domain/preflight/preflight';
import type { OrgAudit } from '../domain/profileAudit';
import {
  apiIntegrationConfigured, connectedAppReady, integrationProfileReady, type OktaAppFeatures, preflightPassed,
  usersAssigned, walkthroughContextKey, type WalkthroughStep, walkthroughSteps,
} from '../domain/walkthroughProgress';

/** The stored orgs of one kind, as OrgStore has them. */
interface Orgs {
  list(): readonly unknown[];
  readonly onDidChange: vscode.Event<void>;
}

/** What the walkthrough reads that the features already offer. */
export interface WalkthroughDeps {
  oktaOrgs: Orgs;
  salesforceOrgs: Orgs;
  audits: { readonly onDidReadAudit: vscode.Event<OrgAudit> };
}

/**
 * What the features tell the walkthrough once they have it; each is optional, and a step whose
 * event is not given never completes on its own (the admin marks it done).
 */
export interface WalkthroughSignals {
  /** Test API Credentials came back (apiIntegrationFeature's testFromCommand and the form's Test). */
  onDidTestCredentials?: vscode.Event<readonly CheckResult[]>;
  /** Write Okta Connected App to Project wrote the app's metadata files. */
  onDidWriteConnectedApp?: vscode.Event<void>;
  /** The Okta Apps view read an org's Salesforce.com instances (its check), or the form read its app again. */
  onDidReadOktaApps?: vscode.Event<readonly OktaAppFeatures[]>;
  /** A pre-flight finished (PreflightService.onDidChange with its last()). */
  onDidRunPreflight?: vscode.Event<Pick<PreflightReport, 'counts'>>;
  /** Assign… finished (the oktaSf.okta.assign command's result). */
  onDidAssign?: vscode.Event<{ assigned: number }>;
}

/** The command that returns the keys' current values (context keys cannot be read through the API). */
export const walkthroughStateCommand = 'oktaSf.walkthrough.state';

/**
 * Keeps the walkthrough's context keys (`oktaSf.walkthrough.<step>`) true while each step's state is
 * reached: the orgs from their stores, now and on change; the other steps from what was last read
 * (an audit, a test, the apps, a pre-flight). An assignment, once made, stays made.
 */
export function registerWalkthroughState(context: vscode.ExtensionContext, deps: WalkthroughDeps, signals: WalkthroughSignals = {}): void {
  const state = Object.fromEntries(walkthroughSteps.map((step) => [step, false])) as Record<WalkthroughStep, boolean>;

  const set = (step: WalkthroughStep, reached: boolean, force = false) => {
    if (state[step] === reached && !force) return;
    state[step] = reached;
    void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), reached);
  };
  const orgsStored = () => {
    set('oktaConnected', deps.oktaOrgs.list().length > 0);
    set('salesforceSignedIn', deps.salesforceOrgs.list().length > 0);
  };

  for (const step of walkthroughSteps) set(step, false, true);
  orgsStored();

  const listeners: vscode.Disposable[] = [
    deps.oktaOrgs.onDidChange(orgsStored),
    deps.salesforceOrgs.onDidChange(orgsStored),
    deps.audits.onDidReadAudit((audit) => set('integrationProfileReady', integrationProfileReady(audit))),
    signals.onDidTestCredentials?.((results) => set('connectedAppReady', connectedAppReady(results))),
    signals.onDidWriteConnectedApp?.(() => set('connectedAppReady', true)),
    signals.onDidReadOktaApps?.((apps) => set('apiIntegrationConfigured', apiIntegrationConfigured(apps))),
    signals.onDidRunPreflight?.((report) => set('preflightPassed', preflightPassed(report))),
    signals.onDidAssign?.((result) => set('usersAssigned', state.usersAssigned || usersAssigned(result))),
  ].filter((listener) => listener !== undefined);

  context.subscriptions.push(
    ...listeners,
    vscode.commands.registerCommand(walkthroughStateCommand, () => ({ ...state })),
  );
}
