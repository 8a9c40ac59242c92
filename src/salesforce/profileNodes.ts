import * as vscode from 'vscode';
import { failureKind, messageOf } from '../common/failures';
import { manageTrustCommand } from '../common/workspaceTrust';
import type { StoredOrg } from '../common/orgStore';
import type { OrgNode } from '../common/orgStatusTree';
import { ErrorNode, type TreeNode } from '../common/treeNodes';
import type { OrgAudit, Verdict } from '../domain/profileAudit';
import type { PermissionRow, ProfileRow } from './profileTreeModel';

const passed = () => new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
const failed = () => new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));

const verdictIcon: Record<Verdict, () => vscode.ThemeIcon> = {
  pass: passed,
  fail: failed,
  warn: () => new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
};

const permissionIcon: Record<PermissionRow['state'], () => vscode.ThemeIcon> = {
  onProfile: passed,
  missing: failed,
  viaPermissionSet: failed,
  licenseCannotCarry: () => new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconFailed')),
  // Neither passed nor failed: the audit could not read it.
  unreadable: () => new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
};

/** One profile of an audited org, with its verdict; expands to its required permissions. */
export class ProfileNode implements TreeNode {
  /** `localFile`: the profile's `.profile-meta.xml` in the workspace, when there is one. */
  constructor(readonly org: StoredOrg, readonly audit: OrgAudit, readonly row: ProfileRow, readonly localFile?: vscode.Uri) {}

  treeItem(): vscode.TreeItem {
    const { profile } = this.row;
    const item = new vscode.TreeItem(profile.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `salesforceProfile:${this.org.id}:${profile.profileId}`;
    item.description = this.row.description;
    item.iconPath = verdictIcon[profile.verdict]();
    item.tooltip = new vscode.MarkdownString().appendText(this.row.tooltip);
    item.contextValue = `salesforceProfile.${this.row.contextValue}${this.localFile ? '.local' : ''}`;
    return item;
  }

  children(): TreeNode[] {
    return this.row.permissions.map((permission) => new PermissionNode(this, permission));
  }
}

/** One required permission of a profile, with how the profile has it (or not). */
export class PermissionNode implements TreeNode {
  constructor(readonly parent: ProfileNode, readonly row: PermissionRow) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `salesforcePermission:${this.parent.org.id}:${this.parent.row.profile.profileId}:${this.row.permission}`;
    item.description = this.row.description;
    item.iconPath = permissionIcon[this.row.state]();
    item.tooltip = new vscode.MarkdownString().appendText(this.row.tooltip);
    item.contextValue = `salesforcePermission.${this.row.state}`;
    return item;
  }
}

/**
 * The error node for a failed read: signing in again fixes an expired session; signing in as another user
 * fixes a user without API Enabled or without a permission the read needs (such as View Setup and
 * Configuration). An org without API access (API_DISABLED_FOR_ORG) is no user's fault: its message says
 * what to ask Salesforce for, and the node offers a retry, as for the rest.
 */
export function orgErrorNode(orgNode: OrgNode<StoredOrg>, error: unknown): ErrorNode {
  const node = (fix: vscode.Command) => new ErrorNode(`salesforceOrgError:${orgNode.org.id}`, messageOf(error), fix, 'salesforceOrgError');
  switch (failureKind(error)) {
    case 'sessionExpired':
      return node({ command: 'oktaSf.salesforce.connect', title: vscode.l10n.t('Sign In Again'), arguments: [orgNode] });
    case 'apiDisabledForUser':
    case 'missingPermission':
      return node({ command: 'oktaSf.salesforce.connect', title: vscode.l10n.t('Sign In as Another User'), arguments: [orgNode] });
    case 'untrustedWorkspace':
      // Granting trust checks the org again (salesforceFeature).
      return node({ command: manageTrustCommand, title: vscode.l10n.t('Manage Workspace Trust') });
    default:
      return node({ command: 'oktaSf.salesforce.refresh', title: vscode.l10n.t('Try Again'), arguments: [orgNode] });
  }
}
