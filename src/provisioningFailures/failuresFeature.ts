import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import { reportingFailures } from '../common/failures';
import type { Log } from '../common/log';
import { KeptReports, type ReportDocuments } from '../common/reportDocuments';
import { withRequestProgress } from '../common/requestProgress';
import type { TreeNode } from '../common/treeNodes';
import { AppNode } from '../okta/appNodes';
import { appTarget, isAppReference } from '../okta/appTarget';
import { plainLabel } from '../okta/appTreeModel';
import type { OktaFeature } from '../okta/oktaFeature';
import { loadOktaApi } from '../okta/oktaOrgs';
import { failuresAppOf, FailuresNode } from './failuresNodes';
import { configuredWindowDays, type FailureRead, type FailuresApp, failuresKey, maxWindowDays, readFailures, windowChoices } from './failuresRead';

/** What the failures add to the Okta Apps view: a node under each Salesforce app. */
export interface FailuresFeature {
  appChildren(node: AppNode): TreeNode[];
}

/** A script's or a test's request: the app, and the window in days instead of asking. */
interface FailuresRequest {
  org: string;
  appId: string;
  days?: number;
}

/**
 * Provisioning failures, explained: the *Provisioning health* node under each Salesforce app in the Okta
 * Apps view, its report, and *Explain Provisioning Failures…* from the palette and the view.
 */
export function registerProvisioningFailures(context: vscode.ExtensionContext, log: Log, okta: OktaFeature, reports: ReportDocuments): FailuresFeature {
  const nodes = new Map<string, FailuresNode>();

  const nodeOf = (appNode: AppNode): FailuresNode => {
    const key = failuresKey(failuresAppOf(appNode));
    let node = nodes.get(key);
    if (node?.appNode !== appNode) nodes.set(key, node = new FailuresNode(appNode));
    return node;
  };

  /** The app a command names: the node, an app's node, a request, or asked for. */
  async function appOf(arg: unknown): Promise<FailuresApp | undefined> {
    if (arg instanceof FailuresNode) return arg.app;
    if (arg instanceof AppNode) return failuresAppOf(arg);
    const picked = await appTarget(okta.orgs, arg, vscode.l10n.t('Explain Provisioning Failures'));
    return picked && { ...picked, session: () => okta.orgs.session(picked.org) };
  }

  /** The window a request names, else asked for (the setting's window first). */
  async function daysOf(arg: unknown): Promise<number | undefined> {
    const named = isAppReference(arg) ? (arg as FailuresRequest).days : undefined;
    if (typeof named === 'number') {
      if (!Number.isInteger(named) || named < 1 || named > maxWindowDays) throw new Error(vscode.l10n.t('The window is 1 to {0} days, not {1}.', maxWindowDays, named));
      return named;
    }
    const configured = configuredWindowDays();
    const items = windowChoices.map((days) => ({
      label: days === 1 ? vscode.l10n.t('Last 24 hours') : vscode.l10n.t('Last {0} days', days),
      description: days === configured ? vscode.l10n.t('the view\'s window (oktaSf.failures.windowDays)') : undefined,
      days,
    }));
    const picked = await vscode.window.showQuickPick(items.sort((a, b) => Number(b.days === configured) - Number(a.days === configured)), {
      title: vscode.l10n.t('Explain Provisioning Failures'), placeHolder: vscode.l10n.t('Over which window of Okta\'s System Log?'),
    });
    return picked?.days;
  }

  const shownReports = new KeptReports<FailureRead>(reports);

  /** Shows the report, at the group when one is named. */
  const showReport = (app: FailuresApp, read: FailureRead, group?: number) => shownReports.show(failuresKey(app), read,
    () => vscode.l10n.t('Provisioning failures of {0}', plainLabel(app.app.label, 60)), () => loadOktaApi().formatFailureReport(read), group);

  const failing = <A extends unknown[], R>(what: string, run: (...args: A) => Promise<R>) => reportingFailures(log, what, run);

  context.subscriptions.push(
    vscode.commands.registerCommand('oktaSf.okta.explainFailures', failing('Explaining the provisioning failures', async (arg?: unknown): Promise<FailureRead | undefined> => {
      const app = await appOf(arg);
      if (!app) return undefined;
      const days = arg instanceof FailuresNode ? configuredWindowDays() : await daysOf(arg);
      if (days === undefined) return undefined;
      const read = await withRequestProgress({
        location: vscode.ProgressLocation.Notification, cancellable: true,
        title: vscode.l10n.t('Reading the provisioning failures of {0}…', plainLabel(app.app.label, 60)),
      }, (_, token) => readFailures(app, days, abortSignalOf(token)));
      // The view's node shows what was just read when it covers the same window.
      const node = nodes.get(failuresKey(app));
      if (node && days === configuredWindowDays()) {
        node.last = read;
        okta.tree.redrawNode(node);
      }
      await showReport(app, read);
      return read;
    })),
    vscode.commands.registerCommand('oktaSf.okta.failuresReport', failing('Opening the provisioning failures report', async (node?: unknown, group?: number) => {
      if (!(node instanceof FailuresNode) || !node.last) return vscode.commands.executeCommand('oktaSf.okta.explainFailures', node);
      await showReport(node.app, node.last, typeof group === 'number' ? group : undefined);
      return node.last;
    })),
    // The node reads over the setting's window: a change of it reads again when the node is shown.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('oktaSf.failures.windowDays')) return;
      for (const node of nodes.values()) okta.tree.refreshNode(node);
    }),
  );
  return { appChildren: (node) => (node.isSalesforce ? [nodeOf(node)] : []) };
}
