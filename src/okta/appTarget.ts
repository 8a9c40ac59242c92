import * as vscode from 'vscode';
import { pickOrg } from '../common/orgPick';
import { withRequestProgress } from '../common/requestProgress';
import type { AppReference } from '../domain/apiIntegration/links';
import { sameOrigin } from '../domain/orgUrls';
import type { OktaApp } from './api/oktaApi';
import { AppNode } from './appNodes';
import { plainLabel } from './appTreeModel';
import { type OktaOrg, oktaOrgLabel, type OktaOrgs } from './oktaOrgs';

export const isAppReference = (value: unknown): value is AppReference =>
  typeof (value as AppReference | undefined)?.org === 'string' && typeof (value as AppReference | undefined)?.appId === 'string';

/**
 * The Okta org and Salesforce app a command names: an app's node in the Okta Apps view, a reference
 * `{ org, appId }` (a script, a link), or else asked for (the org when several are connected, then the app).
 */
export async function appTarget(orgs: OktaOrgs, arg: unknown, title: string): Promise<{ org: OktaOrg; app: OktaApp } | undefined> {
  if (arg instanceof AppNode) return { org: arg.orgApps.org as OktaOrg, app: arg.app };
  if (isAppReference(arg)) {
    const org = orgs.list().find((o) => o.id === arg.org || sameOrigin(o.url, arg.org));
    if (!org) throw new Error(vscode.l10n.t('{0} is not connected. Connect to it in the Okta Apps view first.', arg.org));
    const app = await (await orgs.session(org)).getApp(arg.appId);
    return { org, app };
  }
  const org = await pickOrg(orgs.list(), {
    title, label: oktaOrgLabel,
    none: { message: vscode.l10n.t('No Okta org is connected.'), action: { title: vscode.l10n.t('Connect to Okta…'), run: () => vscode.commands.executeCommand('oktaSf.okta.connect') } },
  });
  if (!org) return undefined;
  const app = await pickSalesforceApp(orgs, org, title);
  return app && { org, app };
}

async function pickSalesforceApp(orgs: OktaOrgs, org: OktaOrg, title: string): Promise<OktaApp | undefined> {
  type Item = vscode.QuickPickItem & { app: OktaApp };
  const apps = withRequestProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading Salesforce apps…') }, async () => {
    const page = await (await orgs.session(org)).listApps({ salesforceOnly: true });
    return page.items.map((app): Item => ({
      label: plainLabel(app.label, 80), description: [app.instanceType, app.status === 'ACTIVE' ? undefined : app.status].filter(Boolean).join(' · '), detail: app.id, app,
    }));
  });
  const picked = await vscode.window.showQuickPick(apps, { title, placeHolder: vscode.l10n.t('Which Salesforce.com app?'), matchOnDetail: true });
  return picked?.app;
}
