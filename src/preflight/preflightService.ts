import * as vscode from 'vscode';
import { pickOrg } from '../common/orgPick';
import type { PreflightData, PreflightReport } from '../domain/preflight/preflight';
import { type SalesforceTarget, salesforceTargetOf } from '../domain/preflight/salesforceTarget';
import type * as OktaApi from '../okta/api/oktaApi';
import { plainLabel } from '../okta/appTreeModel';
import type { OktaOrg } from '../okta/oktaOrgs';
import { loadOktaApi } from '../okta/oktaOrgs';
import type * as SalesforceApi from '../salesforce/api/salesforceApi';
import type { SalesforceFeature } from '../salesforce/salesforceFeature';
import { orgLabel, type SalesforceOrg } from '../salesforce/salesforceOrgs';

/** One pre-flight's result: the report and what was read for it (which a dry run of the same app reuses). */
export interface PreflightRun {
  report: PreflightReport;
  data: PreflightData;
  salesforceOrg: SalesforceOrg;
}

/** The app a pre-flight is about and the Okta session to read it with (the Okta Apps view's, when it came from there). */
export interface PreflightApp {
  org: OktaOrg;
  app: OktaApi.OktaApp;
  session(): Promise<OktaApi.OktaSession>;
}

const chosenKey = (app: PreflightApp) => `oktaSf.preflight.salesforceOrg/${app.org.id}:${app.app.id}`;
export const preflightKey = (app: Pick<PreflightApp, 'org' | 'app'>) => `${app.org.id}:${app.app.id}`;

/**
 * Runs pre-flights and keeps each app's last one (for its node in the Okta Apps view and for dry runs),
 * and knows which signed-in Salesforce org each app provisions.
 */
export class PreflightService {
  private readonly runs = new Map<string, PreflightRun>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with an app's key when its last run changed. */
  readonly onDidChange = this.changed.event;
  private readonly ran = new vscode.EventEmitter<PreflightReport>();
  /** Fires with each run's report. */
  readonly onDidRun = this.ran.event;

  constructor(private readonly salesforce: SalesforceFeature, private readonly state: vscode.Memento) {}

  last(app: Pick<PreflightApp, 'org' | 'app'>): PreflightRun | undefined {
    return this.runs.get(preflightKey(app));
  }

  forget(app: Pick<PreflightApp, 'org' | 'app'>): void {
    this.runs.delete(preflightKey(app));
  }

  target(app: PreflightApp): SalesforceTarget {
    const orgs = this.salesforce.orgs.list().map((org) => ({ id: org.id, url: org.url, loginUrl: org.method?.kind === 'browser' ? org.method.loginUrl : undefined }));
    return salesforceTargetOf(app.app.loginUrl, orgs, this.state.get<string>(chosenKey(app)));
  }

  salesforceSession(org: SalesforceOrg): Promise<SalesforceApi.SalesforceSession> {
    return this.salesforce.orgs.session(org);
  }

  salesforceOrg(id: string): SalesforceOrg | undefined {
    return this.salesforce.orgs.store.get(id);
  }

  /** Asks which signed-in org the app provisions (its login URL is shared by every org, or missing) and keeps the answer. */
  async choose(app: PreflightApp): Promise<SalesforceOrg | undefined> {
    const picked = await pickOrg(this.salesforce.orgs.list(), {
      title: vscode.l10n.t('Which Salesforce org does {0} provision?', plainLabel(app.app.label, 60)), label: orgLabel,
      none: {
        message: vscode.l10n.t('No Salesforce org is signed in. Sign in to the org {0} provisions to run the pre-flight.', plainLabel(app.app.label, 60)),
        action: { title: vscode.l10n.t('Sign In to Salesforce…'), run: () => vscode.commands.executeCommand('oktaSf.salesforce.connect') },
      },
    });
    if (picked) await this.state.update(chosenKey(app), picked.id);
    return picked;
  }

  /**
   * The org to check against, asking where the app cannot say: a choice among the signed-in orgs, or
   * signing in to the one the app names. Undefined: the admin stopped.
   */
  async resolve(app: PreflightApp): Promise<SalesforceOrg | undefined> {
    const target = this.target(app);
    switch (target.kind) {
      case 'found': return this.salesforceOrg(target.orgId);
      case 'choose': return this.choose(app);
      case 'invalid': throw new Error(invalidLoginUrl(app, target.loginUrl));
      case 'notSignedIn': {
        const signIn = vscode.l10n.t('Sign In to {0}', target.host);
        const answer = await vscode.window.showWarningMessage(notSignedIn(app, target.host), signIn);
        if (answer !== signIn) return undefined;
        await vscode.commands.executeCommand('oktaSf.salesforce.connect', { loginUrl: target.loginUrl });
        const after = this.target(app);
        return after.kind === 'found' ? this.salesforceOrg(after.orgId) : undefined;
      }
    }
  }

  /** Reads both orgs and keeps the result as the app's last run. */
  async run(app: PreflightApp, salesforceOrg: SalesforceOrg, signal: AbortSignal): Promise<PreflightRun> {
    const [okta, salesforce] = await Promise.all([app.session(), this.salesforceSession(salesforceOrg)]);
    const subject = {
      oktaOrgUrl: app.org.url, salesforceOrgUrl: salesforceOrg.url,
      app: { id: app.app.id, label: app.app.label, instanceType: app.app.instanceType, loginUrl: app.app.loginUrl },
    };
    const { data, report } = await loadOktaApi().runPreflightOf(subject, okta, salesforce, signal);
    const run = { report, data, salesforceOrg };
    this.runs.set(preflightKey(app), run);
    this.changed.fire(preflightKey(app));
    this.ran.fire(report);
    return run;
  }

  dispose(): void {
    this.changed.dispose();
    this.ran.dispose();
  }
}

export function notSignedIn(app: PreflightApp, host: string): string {
  return vscode.l10n.t('{0} provisions the Salesforce org at {1}, which is not signed in. Sign in to it to run the pre-flight.', plainLabel(app.app.label, 60), host);
}

export function invalidLoginUrl(app: PreflightApp, loginUrl: string): string {
  return vscode.l10n.t('The login URL of {0} ({1}) is not a web address, so the pre-flight cannot tell which Salesforce org it provisions. Correct it in the Admin Console (the app\'s General tab).',
    plainLabel(app.app.label, 60), plainLabel(loginUrl, 80));
}
