import * as vscode from 'vscode';
import { pickOrg } from '../common/orgPick';
import { guidedCompletionTimeoutMs, networkSettings, salesforceApiVersion, salesforceCallbackPort } from '../common/settings';
import { type Draft, effectiveLoginHost } from '../domain/apiIntegration/form';
import { describeExpected, savedDraft } from '../domain/apiIntegration/oktaProvisioning';
import type { CheckResult, ConnectionView } from '../domain/apiIntegration/protocol';
import type { OktaApp } from '../okta/api/oktaApi';
import { adminConsoleUrl } from '../okta/appTreeModel';
import type { OktaFeature } from '../okta/oktaFeature';
import { loadOktaApi, type OktaOrg } from '../okta/oktaOrgs';
import { loadSalesforceApi } from '../salesforce/salesforceBundle';
import type { SalesforceFeature } from '../salesforce/salesforceFeature';
import { orgLabel, type SalesforceOrg } from '../salesforce/salesforceOrgs';
import type { ApiIntegrationServices } from './apiIntegrationPanel';
import { type AppFormMemory, DraftStore } from './draftStore';

export interface ServiceDeps {
  okta: OktaFeature;
  salesforce: SalesforceFeature;
  drafts: DraftStore;
  /** Told each Test API Credentials' results. */
  tested?(results: readonly CheckResult[]): void;
}

/** How often guided completion asks Okta whether the app's features show the section saved. */
const pollIntervalMs = 3000;

/** The browser sign-in's callback URL, as webServerSignIn.ts makes it (without loading jsforce for it). */
const localCallbackUrl = () => `http://localhost:${salesforceCallbackPort()}/OauthRedirect`;

/** The saved form with what Okta's API has no field for, as this machine saved it. */
function withRemembered(saved: Draft, remembered: AppFormMemory['savedApiIntegration']): Draft {
  if (!remembered) return saved;
  const section = saved.apiIntegration;
  return {
    ...saved,
    apiIntegration: { ...section, allowPushingNullValues: remembered.allowPushingNullValues, loginHost: { ...section.loginHost, override: remembered.loginHostOverride } },
  };
}

/** Where a guided completion's wait stands after one read of the app. */
function pollMessage(poll: { unmet: readonly string[]; error?: { message: string } }): string {
  const at = new Date().toLocaleTimeString();
  if (poll.error) return vscode.l10n.t('{0}: Okta could not be read ({1}); trying again.', at, poll.error.message);
  return vscode.l10n.t('{0}: waiting for Okta to show {1}.', at, poll.unmet.join(', '));
}

/** What the Configure API Integration panel does with Okta and Salesforce, for one app. */
export function appServices(org: OktaOrg, app: OktaApp, deps: ServiceDeps): ApiIntegrationServices {
  const key = DraftStore.keyOf(org.id, app.id);
  const oktaSession = () => deps.okta.orgs.session(org);
  const salesforceOrgs = deps.salesforce.orgs;

  /** The integration user's org, when Authenticate signed in to one that is still signed in. */
  const integrationOrg = (): SalesforceOrg | undefined => {
    const id = deps.drafts.memory(key).integrationOrgId;
    return id ? salesforceOrgs.store.get(id) : undefined;
  };

  /** The integration user, its org and its profile's verdict; the session is renewed first when it has expired. */
  async function describe(salesforceOrg: SalesforceOrg, signal: AbortSignal): Promise<ConnectionView> {
    await (await salesforceOrgs.session(salesforceOrg)).verify(signal);
    const secret = await salesforceOrgs.secret(salesforceOrg);
    if (!secret) throw new Error(vscode.l10n.t('The session of {0} is no longer stored. Authenticate again.', salesforceOrg.url));
    return loadSalesforceApi().readIntegrationUser({ instanceUrl: salesforceOrg.url, accessToken: secret.accessToken }, networkSettings(), signal, salesforceApiVersion());
  }

  return {
    app: { id: app.id, label: app.label, ...(app.instanceType ? { instanceType: app.instanceType } : {}) },
    localCallbackUrl,

    async loadSaved(signal) {
      const remembered = deps.drafts.memory(key).savedApiIntegration;
      // The secret reads as none here: every caller already knows whether one is stored, and says so.
      const { saved } = await loadOktaApi().readSavedForm(await oktaSession(), app.id, { consumerKey: remembered?.consumerKey, secretStored: false }, signal);
      return withRemembered(saved, remembered);
    },

    lastKnownSaved(secretStored) {
      const remembered = deps.drafts.memory(key).savedApiIntegration;
      const settingsApp = (app.raw.settings as { app?: Record<string, unknown> } | undefined)?.app ?? {};
      return withRemembered(savedDraft({ settingsApp, features: app.features, consumerKey: remembered?.consumerKey, secretStored }), remembered);
    },

    async readAssignments(signal) {
      const session = await oktaSession();
      const [users, groups] = await Promise.all([session.listAppUsers(app.id, undefined, signal), session.listAppGroups(app.id, undefined, signal)]);
      return { users: users.items.length, groups: groups.items.length, more: users.next !== undefined || groups.next !== undefined };
    },

    async connection(signal) {
      const salesforceOrg = integrationOrg();
      return salesforceOrg ? describe(salesforceOrg, signal) : undefined;
    },

    async authenticate(draft, secret, using, signal, progress) {
      let salesforceOrg: SalesforceOrg | undefined;
      if (using === 'signedInOrg') {
        salesforceOrg = await pickOrg(salesforceOrgs.list(), {
          title: vscode.l10n.t('Which signed-in Salesforce org is Okta\'s integration user\'s?'), label: orgLabel,
          none: { message: vscode.l10n.t('No Salesforce org is signed in. Use Authenticate with Salesforce.com instead.') },
        });
        if (!salesforceOrg) return undefined;
      } else {
        const loginUrl = effectiveLoginHost(draft.apiIntegration);
        if (!loginUrl) throw new Error(vscode.l10n.t('Enter the Salesforce login host first.'));
        progress(vscode.l10n.t('Sign in as Okta\'s integration user in the browser…'));
        salesforceOrg = await deps.salesforce.signIn.signInWith(loginUrl, draft.apiIntegration.consumerKey.trim(), secret ?? '', signal);
      }
      progress(vscode.l10n.t('Reading the integration user and auditing its profile…'));
      await deps.drafts.remember(key, { integrationOrgId: salesforceOrg.id });
      return describe(salesforceOrg, signal);
    },

    async testCredentials(draft, secret, signal, progress) {
      const loginUrl = effectiveLoginHost(draft.apiIntegration);
      const salesforceOrg = integrationOrg();
      const stored = salesforceOrg && await salesforceOrgs.secret(salesforceOrg);
      const consumerKey = draft.apiIntegration.consumerKey.trim();
      // A refresh proves the secret only with a token issued to this consumer key (an Authenticate with this form's key).
      const ownKey = salesforceOrg?.method?.kind === 'browser' && salesforceOrg.method.clientId === consumerKey;
      const { results, renewedSession } = await loadSalesforceApi().testApiCredentials({
        loginUrl: loginUrl ?? '', consumerKey, consumerSecret: secret, oktaInstanceType: app.instanceType, apiVersion: salesforceApiVersion(),
        session: salesforceOrg && stored ? { instanceUrl: salesforceOrg.url, accessToken: stored.accessToken, ...(ownKey && stored.refreshToken ? { refreshToken: stored.refreshToken } : {}) } : undefined,
      }, networkSettings(), signal, progress);
      // With refresh token rotation, the token the checks used is spent: the org keeps the new one.
      if (salesforceOrg && stored && renewedSession) {
        await salesforceOrgs.store.replaceSecret(salesforceOrg.id, JSON.stringify({
          ...stored, accessToken: renewedSession.accessToken, refreshToken: renewedSession.refreshToken ?? stored.refreshToken,
        }));
      }
      deps.tested?.(results);
      return results;
    },

    async save(section, draft: Draft, signal) {
      const api = loadOktaApi();
      const session = await oktaSession();
      const outcome = await api.saveSection(session, app.id, section, draft, { signal });
      if (outcome.outcome === 'saved') return { outcome: 'saved' };
      return {
        outcome: 'guided', steps: outcome.steps, reason: outcome.reason, expected: describeExpected(outcome.expected),
        wait: (waitSignal, onPoll) => api.waitForFeatures(session, app.id, outcome.expected, {
          intervalMs: pollIntervalMs, timeoutMs: guidedCompletionTimeoutMs(), signal: waitSignal,
          onPoll: (poll) => onPoll(pollMessage(poll)),
        }),
      };
    },

    async openAdminConsole() {
      await vscode.env.openExternal(vscode.Uri.parse(adminConsoleUrl(org.url, app)));
    },

    async assign() {
      await vscode.commands.executeCommand('oktaSf.okta.assign', deps.okta.appNode(org, app));
    },
  };
}
