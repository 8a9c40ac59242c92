import * as vscode from 'vscode';
import { withRequestProgress } from '../common/requestProgress';
import { type ChildContext, MessageNode, OpenReportNode, type TreeNode } from '../common/treeNodes';
import type { FailureGroup } from '../domain/provisioningFailures/failureGroups';
import { type AppNode, oktaErrorNode } from '../okta/appNodes';
import { plainLabel } from '../okta/appTreeModel';
import { loadOktaApi, type OktaOrg } from '../okta/oktaOrgs';
import { configuredWindowDays, type FailureRead, type FailuresApp, failuresKey, readFailures } from './failuresRead';

const severityIcon: Record<FailureGroup['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
};

export function failuresAppOf(node: AppNode): FailuresApp {
  return { org: node.orgApps.org as OktaOrg, app: node.app, session: () => node.orgApps.session() };
}

/** "STRING_TOO_LONG on Alias": Salesforce's code and field when the reason named them, else the cause's title. */
export function causeText(group: FailureGroup): string {
  if (group.code) return group.field ? vscode.l10n.t('{0} on {1}', group.code, plainLabel(group.field, 60)) : group.code;
  return plainLabel(loadOktaApi().explainFailure(group).title, 80);
}

/** "3 failure(s) · STRING_TOO_LONG on Alias", or that the window has none (with the window). */
export function summaryText(read: FailureRead): string {
  const worst = loadOktaApi().worstGroup(read.groups);
  if (!read.total || !worst) return vscode.l10n.t('No failures in the last {0} day(s)', read.days);
  return vscode.l10n.t('{0} failure(s) · {1}', read.total, causeText(worst));
}

/**
 * *Provisioning health* under a Salesforce app: expanding it reads the app's provisioning failures in
 * Okta's System Log over the last oktaSf.failures.windowDays days; its children are the groups by cause.
 */
export class FailuresNode implements TreeNode {
  /** The last read, for the row's summary and the report. */
  last: FailureRead | undefined;

  constructor(readonly appNode: AppNode) {}

  get app(): FailuresApp {
    return failuresAppOf(this.appNode);
  }

  get key(): string {
    return failuresKey(this.app);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Provisioning health'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `oktaFailures:${this.key}`;
    item.contextValue = 'oktaFailures';
    const { last } = this;
    if (!last) {
      item.description = vscode.l10n.t('expand to read the failures');
      item.iconPath = new vscode.ThemeIcon('pulse');
      item.tooltip = vscode.l10n.t('Reads the provisioning failures Okta logged for this app in its System Log (last {0} day(s)), grouped by cause, each with what to change.', configuredWindowDays());
      return item;
    }
    const worst = loadOktaApi().worstGroup(last.groups);
    item.description = summaryText(last);
    item.iconPath = worst ? severityIcon[worst.severity] : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.tooltip = vscode.l10n.t('Okta\'s System Log from {0} to {1}.', new Date(last.window.since).toLocaleString(), new Date(last.window.until).toLocaleString());
    return item;
  }

  forget(): void {
    this.last = undefined;
  }

  async children(context: ChildContext): Promise<TreeNode[]> {
    const days = configuredWindowDays();
    if (!this.last || this.last.days !== days) {
      try {
        this.last = await withRequestProgress({ location: { viewId: context.viewId } }, () => readFailures(this.app, days, context.signal));
      } catch (error) {
        if (context.signal.aborted) return [];
        // A token without okta.logs.read: the failure names the scope, and the fix is to connect again.
        return [oktaErrorNode(`oktaFailuresError:${this.key}`, this.appNode.orgApps, error, this)];
      }
      // The row's count and worst cause changed with the read.
      context.redraw(this);
    }
    const read = this.last;
    return [
      new OpenReportNode(`oktaFailuresReport:${this.key}`, 'oktaFailuresReport', 'oktaSf.okta.failuresReport', this),
      ...(read.groups.length
        ? read.groups.map((group, index) => new FailureGroupNode(this, group, index))
        : [new MessageNode(vscode.l10n.t('No provisioning failures for this app in the last {0} day(s).', read.days), 'pass', 'oktaFailuresMessage')]),
    ];
  }
}

/**
 * One cause: its count and its meaning, fix, dates and users in the tooltip. It is also an app reference
 * (`org`, `appId`, and the first affected user's login as `user`, when known), so that the commands its links name
 * (pre-flight, dry run, Test API Credentials, Configure API Integration) run for this app from its menu.
 */
export class FailureGroupNode implements TreeNode {
  readonly org: string;
  readonly appId: string;
  readonly user: string | undefined;

  constructor(readonly parent: FailuresNode, readonly group: FailureGroup, private readonly index: number) {
    this.org = parent.app.org.url;
    this.appId = parent.app.app.id;
    // The dry run finds the user by login: the first affected user with one.
    this.user = group.users.find((user) => user.login)?.login;
  }

  treeItem(): vscode.TreeItem {
    const { group } = this;
    const explanation = loadOktaApi().explainFailure(group);
    const label = causeText(group);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `oktaFailureGroup:${this.parent.key}:${group.key}`;
    item.description = vscode.l10n.t('{0} failure(s)', group.count);
    const users = group.users.map((user) => plainLabel(user.label, 60)).join(', ');
    // Plain text, never Markdown: the reason is Salesforce's (or anyone's) words, markup included.
    item.tooltip = [
      plainLabel(explanation.title, 200),
      plainLabel(explanation.meaning, 600),
      vscode.l10n.t('Fix: {0}', plainLabel(explanation.fix, 600)),
      vscode.l10n.t('First seen {0}, last seen {1}.', new Date(group.firstSeen).toLocaleString(), new Date(group.lastSeen).toLocaleString()),
      ...(users ? [group.moreUsers ? vscode.l10n.t('Users: {0} and {1} more', users, group.moreUsers) : vscode.l10n.t('Users: {0}', users)] : []),
      vscode.l10n.t('Reason: {0}', plainLabel(group.sampleReason, 300)),
    ].join('\n');
    item.accessibilityInformation = { label: `${group.severity}: ${label}. ${item.description}` };
    item.iconPath = severityIcon[group.severity];
    const kinds = new Set(explanation.links.map((link) => link.kind));
    if (!this.user) kinds.delete('dryRun');
    // "oktaFailureGroup.dryRun.preflight…": package.json's menus offer each link this group has.
    item.contextValue = ['oktaFailureGroup', ...[...kinds].sort()].join('.');
    item.command = { command: 'oktaSf.okta.failuresReport', title: vscode.l10n.t('Open Report'), arguments: [this.parent, this.index] };
    return item;
  }
}
