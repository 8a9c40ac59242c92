import * as vscode from 'vscode';
import { registerApiIntegration } from './apiIntegration/apiIntegrationFeature';
import { localizeBundles } from './common/lazyBundle';
import { Log } from './common/log';
import { ProcedureSignals } from './common/procedureSignals';
import { ReportDocuments } from './common/reportDocuments';
import { logRetryWaits } from './common/requestProgress';
import { type LoadMoreNode, loadMoreCommand } from './common/treeNodes';
import { registerOktaFeature } from './okta/oktaFeature';
import { type PreflightFeature, registerPreflight } from './preflight/preflightFeature';
import { type FailuresFeature, registerProvisioningFailures } from './provisioningFailures/failuresFeature';
import { registerProfileDiagnostics } from './profileDiagnostics/profileDiagnosticsFeature';
import { registerSalesforceFeature } from './salesforce/salesforceFeature';
import { registerWalkthroughState } from './walkthrough/walkthroughState';

/** What activate() returns: the views' data, for scripts and tests that read what the views show. */
export interface ExtensionApi {
  readonly views: {
    readonly oktaApps: vscode.TreeDataProvider<unknown>;
    readonly salesforceProfiles: vscode.TreeDataProvider<unknown>;
  };
}

/** Registers views and commands only: no file or network I/O, no SDK loading. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  // The domain's strings (findings, verdicts, failures) in the display language; undefined in English.
  if (vscode.l10n.bundle) localizeBundles(vscode.l10n.bundle);
  const log = new Log();
  context.subscriptions.push(log, logRetryWaits(log));

  const reports = new ReportDocuments();
  context.subscriptions.push(reports);
  // The Okta side asks for the Salesforce audits only when assigning, and for the pre-flight's and failures' nodes only
  // when an app expands (both after activation), so the getters are safe.
  const signals = new ProcedureSignals();
  context.subscriptions.push(signals);
  const later: { preflight?: PreflightFeature; failures?: FailuresFeature } = {};
  const okta = registerOktaFeature(context, log, {
    reports, audits: () => salesforce.audits, signals,
    appChildren: (node) => [...later.preflight?.appChildren(node) ?? [], ...later.failures?.appChildren(node) ?? []],
    assigned: (result) => signals.assignedSome(result),
  });
  const oktaTree = okta.tree;
  const salesforce = registerSalesforceFeature(context, log, reports, signals);
  const salesforceTree = salesforce.tree;
  registerProfileDiagnostics(context, salesforce.audits, reports);
  registerApiIntegration(context, log, okta, salesforce, reports, signals);
  later.preflight = registerPreflight(context, log, okta, salesforce, reports, signals);
  later.failures = registerProvisioningFailures(context, log, okta, reports);
  registerWalkthroughState(context, { oktaOrgs: okta.orgs.store, salesforceOrgs: salesforce.orgs.store, audits: salesforce.audits }, signals);

  context.subscriptions.push(
    // Refresh All Views, from the palette; each view's title bar refreshes only that view.
    vscode.commands.registerCommand('oktaSf.refresh', () => {
      oktaTree.refresh();
      salesforceTree.refresh();
    }),
    vscode.commands.registerCommand(loadMoreCommand, (node?: LoadMoreNode) => node?.run()),
    vscode.commands.registerCommand('oktaSf.showLog', () => log.show()),
  );
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { views: { oktaApps: oktaTree, salesforceProfiles: salesforceTree } };
}
