/**
 * Saving one section of the Configure API Integration form to Okta, and proving it saved. Through
 * Okta's provisioning API when Okta configures the app; when Okta refuses as its spec documents for
 * apps it does not list (Salesforce today), the answer is the Admin Console checklist to follow, and
 * waitForFeatures then watches the app's `features` until the console's Save shows. A Save through the
 * API is confirmed by the same read-back. No vscode here: the panel and the command line both use it.
 */
import * as l10n from '@vscode/l10n';
import type { Draft, SectionId } from '../../domain/apiIntegration/form';
import {
  connectionRequest, describeExpected, expectedFeatures, type FeatureExpectation, featuresMatch, guidedSteps,
  inboundProvisioningCapabilities, savedDraft, type SavedProvisioning, unmetFeatures, userProvisioningCapabilities,
} from '../../domain/apiIntegration/oktaProvisioning';
import type { GuidedStep } from '../../domain/apiIntegration/protocol';
import type { OktaApp, OktaSession } from './oktaApi';
import { OktaFailure, ProvisioningNotConfigurable } from './oktaFailure';

export type SaveOutcome =
  | { outcome: 'saved'; expected: FeatureExpectation }
  /** Okta's API refused: `steps` to do in the Admin Console, then waitForFeatures(`expected`). */
  | { outcome: 'guided'; steps: GuidedStep[]; expected: FeatureExpectation; reason: string };

export interface SaveOptions {
  signal?: AbortSignal;
  /** How the read-back after a Save through the API polls (defaults: every second for 15 seconds). */
  readBack?: { intervalMs?: number; timeoutMs?: number };
}

/**
 * Saves `section` of the draft (validated by the caller). The consumer secret is not an argument: Okta's
 * connection request has no field for it (see connectionRequest), and the guided path copies it on click.
 * Needs okta.apps.manage, and okta.apps.read for the read-back. Throws OktaFailure for any failure other
 * than Okta's documented refusal (a missing scope or role, a body Okta rejects, the network).
 */
export async function saveSection(session: OktaSession, appId: string, section: SectionId, draft: Draft, options: SaveOptions = {}): Promise<SaveOutcome> {
  const expected = expectedFeatures(section, draft);
  try {
    await write(session, appId, section, draft, options.signal);
  } catch (error) {
    if (error instanceof ProvisioningNotConfigurable) return { outcome: 'guided', steps: guidedSteps(section, draft), expected, reason: error.message };
    throw error;
  }
  const { intervalMs = 1000, timeoutMs = 15_000 } = options.readBack ?? {};
  let lastFeatures: readonly string[] = [];
  const result = await waitForFeatures(session, appId, expected, { intervalMs, timeoutMs, signal: options.signal, onPoll: (poll) => { lastFeatures = poll.features ?? lastFeatures; } });
  if (result === 'stopped') throw new OktaFailure('cancelled', l10n.t('The Save was cancelled after Okta accepted it; reopen the form to see what Okta holds.'));
  if (result === 'timedOut') {
    throw new OktaFailure('server', l10n.t("Okta accepted the Save, but the app's features still do not show it ({0}). Open the app's Provisioning tab in the Admin Console to see what Okta holds, then save again.", unmetFeatures(lastFeatures, expected).join(', ')));
  }
  return { outcome: 'saved', expected };
}

/**
 * Reads the connection first: that read is how Okta's refusal is told from other 400s (see
 * refusedAsUnsupported in oktaApi.ts), and To App and To Okta need an enabled connection, which the
 * spec's ErrorAppFeatureAPIValidationFailed would otherwise report in Okta's words only.
 */
async function write(session: OktaSession, appId: string, section: SectionId, draft: Draft, signal?: AbortSignal): Promise<void> {
  const connection = await session.getDefaultConnection(appId, signal);
  const enabled = connection.status === 'ENABLED';
  switch (section) {
    case 'apiIntegration':
      if (draft.apiIntegration.enableApiIntegration) await session.setDefaultConnection(appId, connectionRequest(draft), true, signal);
      else if (enabled) await session.deactivateDefaultConnection(appId, signal);
      return;
    case 'toApp':
    case 'toOkta':
      if (!enabled) {
        throw new OktaFailure('invalid', l10n.t('Okta has no enabled API integration for this app: save the API integration (with Enable API integration selected) first, then this section.'));
      }
      if (section === 'toApp') await session.updateFeature(appId, 'USER_PROVISIONING', userProvisioningCapabilities(draft.toApp), signal);
      else await session.updateFeature(appId, 'INBOUND_PROVISIONING', inboundProvisioningCapabilities(draft.toOkta), signal);
  }
}

export interface SavedForm {
  app: OktaApp;
  /** The form as Okta holds it (savedDraft). */
  saved: Draft;
  /** Whether Okta's API configures this app's provisioning; false for Salesforce today (Saves are guided). */
  apiConfigurable: boolean;
}

/**
 * Reads what the saved form is made of: the app, and its connection and features where Okta's API
 * reports them (for Salesforce it refuses, and the app's `features` say it all). okta.apps.read.
 * `local` is what this machine keeps: the consumer key, and whether a secret is in SecretStorage.
 */
export async function readSavedForm(session: OktaSession, appId: string, local: { consumerKey?: string; secretStored: boolean }, signal?: AbortSignal): Promise<SavedForm> {
  const app = await session.getApp(appId, signal);
  const settingsApp = (app.raw.settings as { app?: Record<string, unknown> } | undefined)?.app ?? {};
  const saved: SavedProvisioning = { settingsApp, features: app.features, ...local };
  try {
    saved.connection = await session.getDefaultConnection(appId, signal);
  } catch (error) {
    if (error instanceof ProvisioningNotConfigurable) return { app, saved: savedDraft(saved), apiConfigurable: false };
    throw error;
  }
  // Features exist only while the connection is enabled (the spec's ErrorAppFeatureAPIValidationFailed otherwise).
  if (saved.connection.status === 'ENABLED') {
    const features = await session.listFeatures(appId, signal);
    saved.userProvisioning = features.find((feature) => feature.name === 'USER_PROVISIONING')?.capabilities;
    saved.inboundProvisioning = features.find((feature) => feature.name === 'INBOUND_PROVISIONING')?.capabilities;
  }
  return { app, saved: savedDraft(saved), apiConfigurable: true };
}

/** One read of the app while waiting: its features, or the passing failure that kept them from being read. */
export interface FeaturePoll {
  features?: readonly string[];
  /** What is still not as expected (see unmetFeatures); empty once confirmed. */
  unmet: string[];
  /** A failure polling goes on after (rate limit, server error, network, timeout). */
  error?: OktaFailure;
}

export interface WaitOptions {
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onPoll?: (poll: FeaturePoll) => void;
}

/** Failures that may pass by themselves; any other (a revoked token, a missing scope, a deleted app) ends the wait. */
const transient = new Set(['rateLimited', 'server', 'unreachable', 'timeout']);

/**
 * Reads the app (GET /api/v1/apps/{id}, okta.apps.read) at once and then every `intervalMs` until its
 * features match `expected` ('confirmed'), `timeoutMs` has passed since the start ('timedOut'), or
 * `signal` aborts ('stopped'). Each read goes through the request policy, which already waits out a 429's
 * Retry-After or X-Rate-Limit-Reset and retries; a failure left after that is reported to onPoll as
 * transient and the next poll comes at the next interval. Other failures are thrown.
 */
export async function waitForFeatures(session: OktaSession, appId: string, expected: FeatureExpectation, options: WaitOptions): Promise<'confirmed' | 'timedOut' | 'stopped'> {
  const { intervalMs, timeoutMs, signal, onPoll } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) return 'stopped';
    try {
      const { features } = await session.getApp(appId, signal);
      const unmet = unmetFeatures(features, expected);
      onPoll?.({ features, unmet });
      if (featuresMatch(features, expected)) return 'confirmed';
    } catch (error) {
      if (signal?.aborted) return 'stopped';
      const failure = OktaFailure.from(error, '');
      if (!transient.has(failure.kind)) throw failure;
      onPoll?.({ unmet: describeExpected(expected), error: failure });
    }
    const left = deadline - Date.now();
    if (left <= 0) return 'timedOut';
    if (!(await pause(Math.min(intervalMs, left), signal))) return 'stopped';
  }
}

/** Waits `ms`; false when the signal aborts first. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (finished: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(finished);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
