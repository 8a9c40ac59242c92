import * as vscode from 'vscode';
import { failureKind, messageOf } from '../common/failures';
import { type ChildContext, ErrorNode, MessageNode, OpenReportNode, type TreeNode } from '../common/treeNodes';
import type { PreflightFinding, PreflightReport } from '../domain/preflight/preflight';
import { oktaErrorNode, type AppNode } from '../okta/appNodes';
import { plainLabel } from '../okta/appTreeModel';
import type { OktaOrg } from '../okta/oktaOrgs';
import { invalidLoginUrl, notSignedIn, type PreflightApp, preflightKey, type PreflightService } from './preflightService';

const severityIcon: Record<PreflightFinding['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  info: new vscode.ThemeIcon('info'),
};

/** "2 errors · 5 warnings · 3 notes", only the counts that are not zero. */
export function countsText(report: PreflightReport): string {
  const { error, warning, info } = report.counts;
  const parts = [
    error ? vscode.l10n.t('{0} error(s)', error) : undefined,
    warning ? vscode.l10n.t('{0} warning(s)', warning) : undefined,
    info ? vscode.l10n.t('{0} note(s)', info) : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : vscode.l10n.t('no finding');
}

export function preflightAppOf(node: AppNode): PreflightApp {
  return { org: node.orgApps.org as OktaOrg, app: node.app, session: () => node.orgApps.session() };
}

/**
 * *Provisioning pre-flight* under a Salesforce app: expanding it checks the app against the Salesforce
 * org it provisions (or says which org to sign in to); its children are the findings, errors first.
 */
export class PreflightNode implements TreeNode {
  constructor(readonly appNode: AppNode, private readonly service: PreflightService) {}

  get app(): PreflightApp {
    return preflightAppOf(this.appNode);
  }

  get key(): string {
    return preflightKey(this.app);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Provisioning pre-flight'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `oktaPreflight:${this.key}`;
    item.contextValue = 'oktaPreflight';
    const last = this.service.last(this.app);
    if (!last) {
      item.description = vscode.l10n.t('expand to check');
      item.iconPath = new vscode.ThemeIcon('checklist');
      item.tooltip = vscode.l10n.t('Checks, before Okta pushes anyone, that Salesforce will accept the users this app sends: its attributes and mapping against the Salesforce org\'s User fields.');
      return item;
    }
    const { report } = last;
    item.description = countsText(report);
    item.iconPath = report.verdict === 'fails' ? severityIcon.error : report.verdict === 'warnings' ? severityIcon.warning : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.tooltip = [
      report.verdict === 'fails' ? vscode.l10n.t('Some users would fail to provision.') : vscode.l10n.t('No error found.'),
      vscode.l10n.t('Checked against {0} at {1}.', last.salesforceOrg.url, new Date(report.checkedAt).toLocaleTimeString()),
    ].join('\n');
    return item;
  }

  forget(): void {
    this.service.forget(this.app);
  }

  async children(context: ChildContext): Promise<TreeNode[]> {
    const app = this.app;
    const target = this.service.target(app);
    const id = `oktaPreflightState:${this.key}`;
    if (target.kind === 'notSignedIn') {
      return [new ErrorNode(id, notSignedIn(app, target.host),
        { command: 'oktaSf.salesforce.connect', title: vscode.l10n.t('Sign In to {0}…', target.host), arguments: [{ loginUrl: target.loginUrl }] }, 'oktaPreflightSignIn')];
    }
    if (target.kind === 'choose') {
      const why = target.reason === 'sharedLoginHost'
        ? vscode.l10n.t('{0} signs in at {1}, which every org shares: choose the signed-in org it provisions.', plainLabel(app.app.label, 60), target.loginUrl ?? '')
        : vscode.l10n.t('{0} has no login URL: choose the signed-in org it provisions.', plainLabel(app.app.label, 60));
      return [new ErrorNode(id, why, { command: 'oktaSf.okta.preflightChooseOrg', title: vscode.l10n.t('Choose the Salesforce Org…'), arguments: [this] }, 'oktaPreflightChoose')];
    }
    if (target.kind === 'invalid') return [new MessageNode(invalidLoginUrl(app, target.loginUrl), 'error', 'oktaPreflightMessage')];
    const salesforceOrg = this.service.salesforceOrg(target.orgId);
    if (!salesforceOrg) return [];
    let last = this.service.last(app);
    if (!last || last.salesforceOrg.id !== salesforceOrg.id) {
      try {
        last = await this.service.run(app, salesforceOrg, context.signal);
      } catch (error) {
        if (context.signal.aborted) return [];
        return [this.errorNode(error)];
      }
      // The row's counts and icon changed with the run.
      context.redraw(this);
    }
    const findings = last.report.findings.map((finding, index) => new FindingNode(this, finding, index));
    return [
      new OpenReportNode(`oktaPreflightReport:${this.key}`, 'oktaPreflightReport', 'oktaSf.okta.preflightReport', this),
      ...(findings.length ? findings : [new MessageNode(vscode.l10n.t('No finding: every mapped attribute fits its Salesforce field, and every field Salesforce requires is set.'), 'pass', 'oktaPreflightMessage')]),
    ];
  }

  private errorNode(error: unknown): ErrorNode {
    const id = `oktaPreflightError:${this.key}`;
    // An Okta failure names Okta's fix (sign in again, another credential); a Salesforce one, signing in to Salesforce again.
    if (error instanceof Error && error.name === 'OktaFailure') return oktaErrorNode(id, this.appNode.orgApps, error, this);
    if (failureKind(error) === 'sessionExpired' || failureKind(error) === 'unauthorized') {
      const last = this.service.target(this.app);
      const org = last.kind === 'found' ? this.service.salesforceOrg(last.orgId) : undefined;
      const loginUrl = org?.method?.kind === 'browser' ? org.method.loginUrl : org?.url;
      return new ErrorNode(id, messageOf(error), { command: 'oktaSf.salesforce.connect', title: vscode.l10n.t('Sign In to Salesforce Again…'), arguments: loginUrl ? [{ loginUrl }] : [] });
    }
    return new ErrorNode(id, messageOf(error), { command: 'oktaSf.okta.refresh', title: vscode.l10n.t('Try Again'), arguments: [this] });
  }
}

/** One finding: the attribute and field, the message; the tooltip holds both sides' definitions and the fix. */
export class FindingNode implements TreeNode {
  constructor(readonly parent: PreflightNode, readonly finding: PreflightFinding, private readonly index: number) {}

  treeItem(): vscode.TreeItem {
    const { finding } = this;
    const attribute = plainLabel(finding.attribute, 60);
    const label = finding.salesforceField && finding.salesforceField !== finding.attribute ? `${attribute} → ${finding.salesforceField}` : attribute;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `oktaPreflightFinding:${this.parent.key}:${this.index}`;
    item.description = plainLabel(finding.message, 160);
    // Plain text, never Markdown: it holds the org's own words.
    item.tooltip = [
      `${finding.severity.toUpperCase()} (${finding.code})`, plainLabel(finding.message, 600),
      vscode.l10n.t('Okta: {0}', plainLabel(finding.okta, 300)), vscode.l10n.t('Salesforce: {0}', plainLabel(finding.salesforce, 300)),
      vscode.l10n.t('Fix: {0}', plainLabel(finding.fix, 600)),
    ].join('\n');
    item.accessibilityInformation = { label: `${finding.severity}: ${label}. ${plainLabel(finding.message, 300)}` };
    item.iconPath = severityIcon[finding.severity];
    item.contextValue = `oktaPreflightFinding.${finding.severity}`;
    item.command = { command: 'oktaSf.okta.preflightReport', title: vscode.l10n.t('Open Report'), arguments: [this.parent, this.index] };
    return item;
  }
}
