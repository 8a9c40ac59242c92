import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import { reportingFailures } from '../common/failures';
import type { Log } from '../common/log';
import type { ProcedureSignals } from '../common/procedureSignals';
import { KeptReports, type ReportDocuments } from '../common/reportDocuments';
import { withRequestProgress } from '../common/requestProgress';
import type { TreeNode } from '../common/treeNodes';
import type { PreflightReport } from '../domain/preflight/preflight';
import { AppNode } from '../okta/appNodes';
import { appTarget, isAppReference } from '../okta/appTarget';
import { plainLabel } from '../okta/appTreeModel';
import type { OktaFeature } from '../okta/oktaFeature';
import { loadOktaApi } from '../okta/oktaOrgs';
import type { SalesforceFeature } from '../salesforce/salesforceFeature';
import type { SalesforceOrg } from '../salesforce/salesforceOrgs';
import { registerDryRun } from './dryRunCommand';
import { PreflightNode, preflightAppOf } from './preflightNodes';
import { type PreflightApp, type PreflightRun, PreflightService, preflightKey } from './preflightService';

/** What the pre-flight adds to the Okta Apps view: a node under each Salesforce app. */
export interface PreflightFeature {
  appChildren(node: AppNode): TreeNode[];
}

/** A script's or a test's request: the app, and optionally the Salesforce org (its id or URL) instead of the one found. */
interface PreflightRequest {
  org: string;
  appId: string;
  salesforceOrg?: string;
}

/**
 * The provisioning pre-flight: its node under each Salesforce app in the Okta Apps view, *Run
 * Provisioning Pre-flight…* from the palette and the view (a report document), and the dry run.
 */
export function registerPreflight(
  context: vscode.ExtensionContext, log: Log, okta: OktaFeature, salesforce: SalesforceFeature, reports: ReportDocuments, signals?: ProcedureSignals,
): PreflightFeature {
  const service = new PreflightService(salesforce, context.globalState);
  const nodes = new Map<string, PreflightNode>();

  const nodeOf = (appNode: AppNode): PreflightNode => {
    const key = preflightKey(preflightAppOf(appNode));
    let node = nodes.get(key);
    if (node?.appNode !== appNode) nodes.set(key, node = new PreflightNode(appNode, service));
    return node;
  };

  /** The app a command names: a pre-flight node, an app node, a request, or asked for. */
  async function appOf(arg: unknown, title: string): Promise<PreflightApp | undefined> {
    if (arg instanceof PreflightNode) return arg.app;
    if (arg instanceof AppNode) return preflightAppOf(arg);
    const picked = await appTarget(okta.orgs, arg, title);
    if (!picked) return undefined;
    // From the view's node when the app is shown there: its session is already open.
    const shown = nodes.get(preflightKey(picked));
    return shown ? { ...shown.app, app: picked.app } : { ...picked, session: () => okta.orgs.session(picked.org) };
  }

  /** The Salesforce org a request names, else the one the app provisions (asking where the app cannot say). */
  async function salesforceOrgOf(app: PreflightApp, arg: unknown): Promise<SalesforceOrg | undefined> {
    const named = isAppReference(arg) ? (arg as PreflightRequest).salesforceOrg : undefined;
    if (named === undefined) return service.resolve(app);
    return salesforce.orgs.named(named);
  }

  async function runWithProgress(app: PreflightApp, salesforceOrg: SalesforceOrg): Promise<PreflightRun> {
    return withRequestProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: vscode.l10n.t('Provisioning pre-flight of {0}…', plainLabel(app.app.label, 60)),
    }, (_, token) => service.run(app, salesforceOrg, abortSignalOf(token)));
  }

  const shownReports = new KeptReports<PreflightReport>(reports);

  /** Shows the report, at the finding when one is named. */
  const showReport = (app: PreflightApp, report: PreflightReport, finding?: number) => shownReports.show(preflightKey(app), report,
    () => vscode.l10n.t('Pre-flight of {0}', plainLabel(app.app.label, 60)), () => loadOktaApi().formatPreflightText(report), finding);

  const failing = <A extends unknown[], R>(what: string, run: (...args: A) => Promise<R>) => reportingFailures(log, what, run);

  // Once Salesforce orgs change, a pre-flight waiting for a sign-in (or an org choice) tries again, and
  // one whose org signed out forgets what it read there.
  const redrawWaiting = () => {
    for (const node of nodes.values()) {
      const last = service.last(node.app);
      if (!last || !salesforce.orgs.store.get(last.salesforceOrg.id)) okta.tree.refreshNode(node);
    }
  };

  context.subscriptions.push(
    service,
    salesforce.orgs.store.onDidChange(redrawWaiting),
    service.onDidChange((key) => {
      const node = nodes.get(key);
      if (node) okta.tree.redrawNode(node);
    }),
    service.onDidRun((report) => signals?.ranPreflightOf(report)),
    vscode.commands.registerCommand('oktaSf.okta.preflight', failing('The provisioning pre-flight', async (arg?: unknown): Promise<PreflightReport | undefined> => {
      const app = await appOf(arg, vscode.l10n.t('Run Provisioning Pre-flight'));
      if (!app) return undefined;
      const salesforceOrg = await salesforceOrgOf(app, arg);
      if (!salesforceOrg) return undefined;
      const { report } = await runWithProgress(app, salesforceOrg);
      await showReport(app, report);
      return report;
    })),
    vscode.commands.registerCommand('oktaSf.okta.preflightReport', failing('Opening the pre-flight report', async (node?: unknown, finding?: number) => {
      if (!(node instanceof PreflightNode)) return vscode.commands.executeCommand('oktaSf.okta.preflight', node);
      const last = service.last(node.app);
      if (!last) return vscode.commands.executeCommand('oktaSf.okta.preflight', node);
      await showReport(node.app, last.report, typeof finding === 'number' ? finding : undefined);
      return last.report;
    })),
    vscode.commands.registerCommand('oktaSf.okta.preflightChooseOrg', failing('Choosing the Salesforce org', async (node?: unknown) => {
      const app = await appOf(node, vscode.l10n.t('Choose the Salesforce Org'));
      if (!app || !await service.choose(app)) return;
      service.forget(app);
      if (node instanceof PreflightNode) okta.tree.refreshNode(node);
    })),
    ...registerDryRun({ log, reports, service, appOf, salesforceOrgOf }),
  );
  return { appChildren: (node) => (node.isSalesforce ? [nodeOf(node)] : []) };
}
