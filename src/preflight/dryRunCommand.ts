import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import { isCancelled, showFailure } from '../common/failures';
import type { Log } from '../common/log';
import type { ReportDocuments } from '../common/reportDocuments';
import { withRequestProgress } from '../common/requestProgress';
import { serverSearchPick } from '../common/serverSearchPick';
import type { DryRunPlan } from '../domain/preflight/dryRun';
import type * as OktaApi from '../okta/api/oktaApi';
import { isAppReference } from '../okta/appTarget';
import { plainLabel } from '../okta/appTreeModel';
import { loadOktaApi } from '../okta/oktaOrgs';
import type { SalesforceOrg } from '../salesforce/salesforceOrgs';
import type { PreflightApp, PreflightRun, PreflightService } from './preflightService';

export interface DryRunDeps {
  log: Log;
  reports: ReportDocuments;
  service: PreflightService;
  appOf(arg: unknown, title: string): Promise<PreflightApp | undefined>;
  salesforceOrgOf(app: PreflightApp, arg: unknown): Promise<SalesforceOrg | undefined>;
}

type UserItem = vscode.QuickPickItem & { user: OktaApi.OktaUserRecord };

const userItem = (user: OktaApi.OktaUserRecord): UserItem => ({
  label: `$(person) ${plainLabel(user.displayName || user.login, 80)}`, description: plainLabel(user.login, 80), detail: user.status, user,
});

/** The user a script names by login: searched (Okta's q matches the start of the e-mail address), then the one with that login. */
async function namedUser(session: OktaApi.OktaSession, login: string, signal: AbortSignal): Promise<OktaApi.OktaUserRecord> {
  const found = await session.searchUsers(login, signal);
  const user = found.find((u) => u.login.toLowerCase() === login.toLowerCase());
  if (!user) throw new Error(vscode.l10n.t('No Okta user has the login {0}.', plainLabel(login, 80)));
  return user;
}

/**
 * *Dry-Run Provisioning for a User…*: the User record Okta would create in Salesforce for one Okta user,
 * field by field, validated against the org (one more request to each org beyond the pre-flight's reads,
 * which are reused). Nothing is written to either org.
 */
export function registerDryRun(deps: DryRunDeps): vscode.Disposable[] {
  const { service } = deps;

  async function dryRun(arg?: unknown): Promise<DryRunPlan | undefined> {
    const title = vscode.l10n.t('Dry-Run Provisioning for a User');
    const app = await deps.appOf(arg, title);
    if (!app) return undefined;
    const salesforceOrg = await deps.salesforceOrgOf(app, arg);
    if (!salesforceOrg) return undefined;
    const session = await app.session();
    const named = isAppReference(arg) ? (arg as { user?: unknown }).user : undefined;
    const user = typeof named === 'string'
      ? undefined
      : (await serverSearchPick<OktaApi.OktaUserRecord, UserItem>({
        title: vscode.l10n.t('{0}: {1}', title, plainLabel(app.app.label, 60)),
        placeholder: vscode.l10n.t('Type a name or e-mail address (searched in Okta as you type)'),
        canSelectMany: false, search: (text, signal) => session.searchUsers(text, signal), item: userItem, id: (item) => item.user.id,
        log: deps.log, what: 'users',
      }))?.[0]?.user;
    if (typeof named !== 'string' && !user) return undefined;

    return withRequestProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: vscode.l10n.t('Dry run of {0}…', plainLabel(app.app.label, 60)),
    }, async (progress, token) => {
      const signal = abortSignalOf(token);
      const who = user ?? await namedUser(session, named as string, signal);
      // The pre-flight's reads, when this app was checked against this org; else read now.
      const last = service.last(app);
      let run: PreflightRun;
      if (last?.salesforceOrg.id === salesforceOrg.id) {
        run = last;
      } else {
        progress.report({ message: vscode.l10n.t('Reading the app\'s mapping and the org\'s User fields…') });
        run = await service.run(app, salesforceOrg, signal);
      }
      progress.report({ message: vscode.l10n.t('Evaluating the mapping for {0}…', plainLabel(who.login, 80)) });
      const salesforce = await service.salesforceSession(salesforceOrg);
      const api = loadOktaApi();
      const plan = await api.runDryRunOf(run.data, app.app.id, who, session, salesforce, signal);
      const subject = { app: { id: app.app.id, label: app.app.label }, user: { id: who.id, login: who.login }, oktaOrgUrl: app.org.url, salesforceOrgUrl: salesforceOrg.url };
      await deps.reports.show(vscode.l10n.t('Dry run of {0} for {1}', plainLabel(app.app.label, 40), plainLabel(who.login, 60)), api.formatDryRunText(subject, plan));
      return plan;
    });
  }

  return [
    vscode.commands.registerCommand('oktaSf.okta.dryRun', async (arg?: unknown) => {
      try {
        return await dryRun(arg);
      } catch (error) {
        if (!isCancelled(error)) void showFailure(deps.log, error, { logged: 'The dry run failed' });
        return undefined;
      }
    }),
  ];
}
