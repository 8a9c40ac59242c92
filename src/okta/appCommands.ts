import * as vscode from 'vscode';
import { failureKind, isCancelled, messageOf, reportingFailures, showFailure } from '../common/failures';
import type { Log } from '../common/log';
import type { OrgAudits } from '../common/orgAudits';
import type { ReportDocuments } from '../common/reportDocuments';
import { withRequestProgress } from '../common/requestProgress';
import { serverSearchPick } from '../common/serverSearchPick';
import type * as OktaApi from './api/oktaApi';
import { AppNode, AssignmentNode, oktaFix } from './appNodes';
import { adminConsoleUrl, appDetails, plainLabel } from './appTreeModel';

export interface AppCommandDeps {
  log: Log;
  reports: ReportDocuments;
  /** The Salesforce side's audits, for the profiles of the active Salesforce org. */
  audits(): OrgAudits | undefined;
  /** Reads the app's node again (and only it) after its assignments changed. */
  refresh(node: AppNode): void;
  /** Told what an assignment ended with. */
  assigned?(result: AssignResult): void;
  /** Runs Search Apps… on an org (the org node's owner knows where to show results). */
  searchApps(node: unknown, text?: string): Promise<unknown>;
}

/** Assign without the pickers (scripts and tests): principals by id, and the Salesforce profile when the app asks for one. */
export interface AssignRequest {
  users?: string[];
  groups?: string[];
  profile?: string;
}

/**
 * What an assignment ends with, for scripts and tests: how many principals were assigned, the message
 * of each failure, and how many were not tried because a failure would have met them all.
 */
export interface AssignResult {
  assigned: number;
  failures: string[];
  notTried: number;
}

/** Failures of the credential or its rights, not of one principal: every further assignment would meet them too. */
const failsTheRest = (error: unknown) => ['unauthorized', 'forbidden', 'cancelled'].includes(failureKind(error) ?? '');

type PrincipalItem = vscode.QuickPickItem & { principal: OktaApi.OktaPrincipal };

function principalItem(principal: OktaApi.OktaPrincipal): PrincipalItem {
  return principal.kind === 'user'
    ? { label: `$(person) ${plainLabel(principal.displayName || principal.login)}`, description: plainLabel(principal.login), detail: principal.status, principal }
    : { label: `$(organization) ${plainLabel(principal.name)}`, description: principal.description ? plainLabel(principal.description) : undefined, principal };
}

/** Users and groups searched in Okta as the admin types, several at a time. */
async function pickPrincipals(session: OktaApi.OktaSession, appLabel: string, log: Log): Promise<OktaApi.OktaPrincipal[] | undefined> {
  const picked = await serverSearchPick<OktaApi.OktaPrincipal, PrincipalItem>({
    title: vscode.l10n.t('Assign Users and Groups to {0}', plainLabel(appLabel, 60)),
    placeholder: vscode.l10n.t('Type a name, login or group name (searched in Okta as you type)'),
    canSelectMany: true, search: (text, signal) => session.searchUsersAndGroups(text, signal), item: principalItem, id: (item) => item.principal.id,
    log, what: 'users and groups',
  });
  return picked?.map((item) => item.principal);
}

/** The app user attribute holding the Salesforce profile (`profile`, or one titled Profile), when the schema has one. */
function profileAttribute(schema: OktaApi.OktaAppUserSchema): Readonly<Record<string, unknown>> | undefined {
  return schema.attributes.profile
    ?? Object.values(schema.attributes).find((attribute) => String(attribute.title ?? '').toLowerCase() === 'profile');
}

/** The values the attribute allows (its enum, or its oneOf's const/title), when it lists them. */
function allowedValues(attribute: Readonly<Record<string, unknown>>): Array<{ value: string; title: string }> {
  const oneOf = attribute.oneOf ?? (attribute.items as Record<string, unknown> | undefined)?.oneOf;
  if (Array.isArray(oneOf)) {
    return oneOf.filter((entry): entry is { const: unknown; title?: unknown } => typeof entry === 'object' && entry !== null && 'const' in entry)
      .map((entry) => ({ value: String(entry.const), title: String(entry.title ?? entry.const) }));
  }
  if (Array.isArray(attribute.enum)) return attribute.enum.map((value) => ({ value: String(value), title: String(value) }));
  return [];
}

/**
 * Asks for the Salesforce profile the assignment carries: from the attribute's allowed values, or
 * else from the active Salesforce org's profiles (failing integration candidates marked). Undefined:
 * the admin cancelled.
 */
async function pickProfile(attribute: Readonly<Record<string, unknown>>, deps: AppCommandDeps): Promise<string | undefined> {
  const title = vscode.l10n.t('Salesforce profile of the assignment');
  const allowed = allowedValues(attribute);
  if (allowed.length) {
    const picked = await vscode.window.showQuickPick(allowed.map(({ value, title: label }) => ({ label: plainLabel(label), description: label !== value ? value : undefined, value })), { title });
    return picked?.value;
  }
  const active = await deps.audits()?.activeAudit().catch((error: unknown) => {
    deps.log.warn(`Reading the active Salesforce org's profiles failed: ${String(error)}`);
    return undefined;
  });
  if (!active) {
    return vscode.window.showInputBox({
      title, ignoreFocusOut: true,
      prompt: vscode.l10n.t('The Salesforce profile name. Sign in to the Salesforce org to pick it from its profiles instead.'),
    });
  }
  const items = active.audit.profiles.map((profile) => ({
    label: plainLabel(profile.name),
    description: profile.isIntegrationCandidate && profile.verdict === 'fail'
      ? vscode.l10n.t('$(error) integration candidate that fails the audit')
      : profile.isIntegrationCandidate ? vscode.l10n.t('integration candidate') : undefined,
    name: profile.name,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: `${title} (${active.orgLabel})`, matchOnDescription: true });
  return picked?.name;
}

async function assign(node: AppNode, deps: AppCommandDeps, request?: AssignRequest): Promise<AssignResult | undefined> {
  const session = await node.orgApps.session();
  const { app } = node;
  const principals = request
    ? [...(request.users ?? []).map((id) => ({ kind: 'user' as const, id })), ...(request.groups ?? []).map((id) => ({ kind: 'group' as const, id }))]
    : await pickPrincipals(session, app.label, deps.log);
  if (!principals?.length) return undefined;

  let attribute: Readonly<Record<string, unknown>> | undefined;
  try {
    attribute = profileAttribute(await session.readAppUserSchema(app.id));
  } catch (error) {
    const result: AssignResult = { assigned: 0, failures: [messageOf(error)], notTried: principals.length };
    void reportAssignFailures(error, result, principals.length, node, deps);
    return result;
  }
  let profile: Record<string, unknown> | undefined;
  if (attribute) {
    const name = request ? request.profile : await pickProfile(attribute, deps);
    if (!request && name === undefined) return undefined;
    if (name) profile = { profile: name };
  }

  const result: AssignResult = { assigned: 0, failures: [], notTried: 0 };
  const errors: unknown[] = [];
  await withRequestProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Assigning to {0}…', plainLabel(app.label, 60)) }, async () => {
    // One at a time: Okta rate-limits app assignments per app.
    for (const [index, principal] of principals.entries()) {
      try {
        if (principal.kind === 'user') await session.assignUser(app.id, principal.id, profile);
        else await session.assignGroup(app.id, principal.id, profile);
        result.assigned++;
      } catch (error) {
        deps.log.error(`Assigning ${principal.kind} ${principal.id} to ${app.id} failed`, error);
        errors.push(error);
        result.failures.push(messageOf(error));
        if (failsTheRest(error)) {
          result.notTried = principals.length - index - 1;
          break;
        }
      }
    }
  });
  deps.refresh(node);
  deps.assigned?.(result);
  if (errors.length) void reportAssignFailures(errors.at(-1), result, principals.length, node, deps);
  return result;
}

/** One message for the failures of an assignment (the last one's words), with the fix when the credential is what failed. */
async function reportAssignFailures(last: unknown, result: AssignResult, asked: number, node: AppNode, deps: AppCommandDeps): Promise<void> {
  if (isCancelled(last)) return;
  const fix = oktaFix(last, node.orgApps);
  const message = asked === 1
    ? messageOf(last)
    : vscode.l10n.t('{0} of {1} could not be assigned to {2}: {3}', asked - result.assigned, asked, plainLabel(node.app.label, 60), messageOf(last));
  const picked = await showFailure(deps.log, last, { logged: `Assigning to ${node.app.id} failed`, message, actions: fix ? [fix.title] : [] });
  if (fix && picked === fix.title) await vscode.commands.executeCommand(fix.command, ...(fix.arguments ?? []));
}

async function unassign(node: AssignmentNode, deps: AppCommandDeps, confirmed = false): Promise<boolean> {
  if (!node.direct) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has the app through a group: unassign the group instead.', plainLabel(node.name, 80)));
    return false;
  }
  const { app } = node.appNode;
  if (!confirmed) {
    const remove = vscode.l10n.t('Unassign');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Unassign {0} from {1}?', plainLabel(node.name, 80), plainLabel(app.label, 80)),
      { modal: true, detail: vscode.l10n.t('Okta deprovisions the accounts this assignment created when the app deactivates users.') }, remove);
    if (answer !== remove) return false;
  }
  try {
    const session = await node.appNode.orgApps.session();
    if (node.kind === 'user') await session.unassignUser(app.id, node.assignment.id);
    else await session.unassignGroup(app.id, node.assignment.id);
  } catch (error) {
    void showFailure(deps.log, error, { logged: `Unassigning ${node.kind} ${node.assignment.id} from ${app.id} failed` });
    return false;
  }
  deps.refresh(node.appNode);
  return true;
}

/** The commands on apps and assignments in the Okta Apps view. */
export function registerAppCommands(deps: AppCommandDeps): vscode.Disposable[] {
  const needsApp = (node: unknown): node is AppNode => {
    if (node instanceof AppNode) return true;
    void vscode.window.showInformationMessage(vscode.l10n.t('Run this on an app in the Okta Apps view.'));
    return false;
  };
  const failing = <A extends unknown[], R>(what: string, run: (...args: A) => Promise<R>, failed?: (message: string, ...args: A) => R) =>
    reportingFailures(deps.log, what, run, failed);
  return [
    vscode.commands.registerCommand('oktaSf.okta.showAppDetails', failing('Showing the app', async (node?: unknown) => {
      if (!needsApp(node)) return undefined;
      await deps.reports.show(vscode.l10n.t('Okta app {0}', plainLabel(node.app.label, 60)), appDetails(node.app, node.orgApps.org.url, node.app.raw));
      return node.app.id;
    })),
    vscode.commands.registerCommand('oktaSf.okta.openInAdminConsole', failing('Opening the Admin Console', async (node?: unknown) => {
      if (!needsApp(node)) return undefined;
      const url = adminConsoleUrl(node.orgApps.org.url, node.app);
      await vscode.env.openExternal(vscode.Uri.parse(url));
      return url;
    })),
    vscode.commands.registerCommand('oktaSf.okta.copyAppId', failing('Copying the app id', async (node?: unknown) => {
      if (!needsApp(node)) return undefined;
      await vscode.env.clipboard.writeText(node.app.id);
      return node.app.id;
    })),
    vscode.commands.registerCommand('oktaSf.okta.assign', failing('Assigning', async (node?: unknown, request?: AssignRequest) =>
      (needsApp(node) ? assign(node, deps, request) : undefined),
    (message, _node, request) => ({ assigned: 0, failures: [message], notTried: (request?.users?.length ?? 0) + (request?.groups?.length ?? 0) }))),
    vscode.commands.registerCommand('oktaSf.okta.unassign', failing('Unassigning', async (node?: unknown, request?: { confirmed?: boolean }) =>
      (node instanceof AssignmentNode ? unassign(node, deps, request?.confirmed === true) : undefined))),
    vscode.commands.registerCommand('oktaSf.okta.searchApps', failing('Searching apps', (node?: unknown, text?: string) => deps.searchApps(node, text))),
  ];
}
