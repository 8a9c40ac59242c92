import type * as vscode from 'vscode';
import type { OrgAudit } from '../domain/profileAudit';

/**
 * What other features need from the Salesforce side (the profile diagnostics, and later the Okta
 * side's form): the active org's audit, and each audit read. The Salesforce feature implements it.
 */
export interface OrgAudits {
  /** The active org's audit and its name, reading the org when needed; undefined when no org is signed in. */
  activeAudit(): Promise<{ orgLabel: string; audit: OrgAudit } | undefined>;
  readonly onDidReadAudit: vscode.Event<OrgAudit>;
}
