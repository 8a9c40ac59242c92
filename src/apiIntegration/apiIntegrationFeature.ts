import * as vscode from 'vscode';
import { isCancelled, showFailure } from '../common/failures';
import type { Log } from '../common/log';
import type { ProcedureSignals } from '../common/procedureSignals';
import type { ReportDocuments } from '../common/reportDocuments';
import { withRequestProgress } from '../common/requestProgress';
import { abortSignalOf } from '../common/cancellation';
import { formatCheckResults } from '../domain/apiIntegration/credentialChecks';
import { type AppReference, appReferenceOf } from '../domain/apiIntegration/links';
import type { Draft } from '../domain/apiIntegration/form';
import type { CheckResult } from '../domain/apiIntegration/protocol';
import type { OktaApp } from '../okta/api/oktaApi';
import { appTarget, isAppReference } from '../okta/appTarget';
import { plainLabel } from '../okta/appTreeModel';
import type { OktaFeature } from '../okta/oktaFeature';
import type { OktaOrg } from '../okta/oktaOrgs';
import type { SalesforceFeature } from '../salesforce/salesforceFeature';
import { ApiIntegrationPanel } from './apiIntegrationPanel';
import { appServices, type ServiceDeps } from './appServices';
import { DraftStore } from './draftStore';

/**
 * Test API Credentials for a script: the app, and the values to test instead of the form's (the secret
 * only in memory, for this run).
 */
interface TestRequest extends AppReference {
  consumerKey?: string;
  consumerSecret?: string;
  loginHost?: string;
}

/**
 * The Configure API Integration panel (one per Okta app: opening it again shows the same one), its
 * restoration after a window reload, and Test API Credentials from the palette and the Okta Apps view.
 */
export function registerApiIntegration(
  context: vscode.ExtensionContext, log: Log, okta: OktaFeature, salesforce: SalesforceFeature, reports: ReportDocuments, signals?: ProcedureSignals,
): void {
  const drafts = new DraftStore(context.globalState, context.secrets);
  const panels = new Map<string, ApiIntegrationPanel>();
  const deps: ServiceDeps = { okta, salesforce, drafts, tested: (results) => signals?.testedCredentials(results) };

  const target = (arg: unknown, title: string) => appTarget(okta.orgs, arg, title);

  function open(org: OktaOrg, app: OktaApp, panel?: vscode.WebviewPanel): ApiIntegrationPanel {
    const key = DraftStore.keyOf(org.id, app.id);
    const existing = panels.get(key);
    if (existing?.reveal()) {
      panel?.dispose();
      return existing;
    }
    const webviewPanel = panel ?? vscode.window.createWebviewPanel(ApiIntegrationPanel.viewType, '', vscode.ViewColumn.Active);
    const created = new ApiIntegrationPanel(webviewPanel, key, appServices(org, app, deps), drafts, log, context.extensionUri);
    panels.set(key, created);
    // An entry for the key, so that a panel restored after a reload finds its org from the app id.
    void drafts.remember(key, {});
    created.onDidClose(() => {
      if (panels.get(key) === created) panels.delete(key);
    });
    return created;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('oktaSf.configureApiIntegration', async (arg?: unknown) => {
      try {
        const picked = await target(arg, vscode.l10n.t('Configure API Integration'));
        if (!picked) return undefined;
        open(picked.org, picked.app);
        return DraftStore.keyOf(picked.org.id, picked.app.id);
      } catch (error) {
        if (!isCancelled(error)) void showFailure(log, error, { logged: 'Opening Configure API Integration failed' });
        return undefined;
      }
    }),
    vscode.commands.registerCommand('oktaSf.testApiCredentials', async (arg?: unknown): Promise<CheckResult[] | undefined> => {
      try {
        const picked = await target(arg, vscode.l10n.t('Test API Credentials'));
        if (!picked) return undefined;
        return await testFromCommand(picked.org, picked.app, isAppReference(arg) ? arg as TestRequest : {});
      } catch (error) {
        if (!isCancelled(error)) void showFailure(log, error, { logged: 'Test API Credentials failed' });
        return undefined;
      }
    }),
    vscode.window.registerWebviewPanelSerializer(ApiIntegrationPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        // The page keeps { appId, draft } (webview/view.ts); the draft itself comes back from the draft store.
        const appId = (state as { appId?: unknown } | undefined)?.appId;
        const key = typeof appId === 'string' ? drafts.keyOfOpenApp(appId) : undefined;
        const org = key && okta.orgs.list().find((o) => key.startsWith(`${o.id}:`));
        if (!org || typeof appId !== 'string') {
          panel.dispose();
          return;
        }
        try {
          open(org, await (await okta.orgs.session(org)).getApp(appId), panel);
        } catch (error) {
          panel.dispose();
          void showFailure(log, error, { logged: 'Restoring Configure API Integration failed' });
        }
      },
    }),
    // A link such as vscode://okta-sf-tools.okta-salesforce-provisioning/configureApiIntegration?org=https://acme.okta.com&app=0oa…
    vscode.window.registerUriHandler({
      handleUri(uri) {
        const reference = appReferenceOf(uri.path, uri.query);
        if (reference) void vscode.commands.executeCommand('oktaSf.configureApiIntegration', reference);
        else void vscode.window.showWarningMessage(vscode.l10n.t('This link does not name an Okta app (it needs org= and app=): {0}', uri.toString(true).slice(0, 300)));
      },
    }),
    { dispose: () => [...panels.values()].forEach((panel) => panel.dispose()) },
  );

  /** The checks from the palette or the view: the form's values (its draft, else what is saved), results as a text document. */
  async function testFromCommand(org: OktaOrg, app: OktaApp, values: Partial<TestRequest>): Promise<CheckResult[] | undefined> {
    const services = appServices(org, app, deps);
    const key = DraftStore.keyOf(org.id, app.id);
    return withRequestProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true, title: vscode.l10n.t('Testing the API credentials of {0}', plainLabel(app.label, 60)),
    }, async (progress, token) => {
      const signal = abortSignalOf(token);
      const draft = withValues(drafts.draft(key) ?? await services.loadSaved(signal), values);
      // The form's secret: typed here, else the stored one (a draft on disk never holds it).
      const secret = values.consumerSecret ?? await drafts.secret(key, draft) ?? await drafts.storedSecret(key);
      const results = await services.testCredentials(draft, secret, signal, (message) => progress.report({ message }));
      await reports.show(vscode.l10n.t('API credentials of {0}', plainLabel(app.label, 60)), formatCheckResults(results));
      return results;
    });
  }
}

/** The draft with a script's values in place of the form's. */
function withValues(draft: Draft, values: Partial<TestRequest>): Draft {
  const section = draft.apiIntegration;
  return {
    ...draft,
    apiIntegration: {
      ...section,
      consumerKey: values.consumerKey ?? section.consumerKey,
      loginHost: values.loginHost === undefined ? section.loginHost : { ...section.loginHost, override: values.loginHost },
      consumerSecret: values.consumerSecret === undefined ? section.consumerSecret : { kind: 'typed', value: values.consumerSecret },
    },
  };
}
