/**
 * The Getting Started walkthrough's steps (issue 15 §5), in the procedure's order, and when each one
 * is reached, decided from what the extension read: an audit, Test API Credentials' results, the Okta
 * apps, a pre-flight report, an assignment's result. Each step completes on its own when its context
 * key (`oktaSf.walkthrough.<key>`) turns true, not when its button is clicked.
 */
import type { CheckId } from './apiIntegration/credentialChecks';
import type { CheckResult } from './apiIntegration/protocol';
import type { PreflightReport } from './preflight/preflight';
import type { OrgAudit, Verdict } from './profileAudit';

export const walkthroughSteps = [
  'oktaConnected',
  'salesforceSignedIn',
  'integrationProfileReady',
  'connectedAppReady',
  'apiIntegrationConfigured',
  'preflightPassed',
  'usersAssigned',
] as const;
export type WalkthroughStep = (typeof walkthroughSteps)[number];

/** The context key that completes a step (package.json's `completionEvents: ["onContext:<key>"]`). */
export const walkthroughContextKey = (step: WalkthroughStep) => `oktaSf.walkthrough.${step}`;

/** As the audit's orgPasses counts it: a warning is not a failure. */
const passes = (verdict: Verdict) => verdict !== 'fail';

/**
 * Whether the org has what Okta's integration user needs. When integration users are named (the
 * `oktaSf.salesforce.integrationUsernames` setting), one of them must pass, with what is assigned to
 * that user; otherwise an integration candidate profile must pass. Other failing candidates (left
 * from earlier attempts) do not hold the step back: the admin needs one profile that works.
 */
export function integrationProfileReady(audit: OrgAudit): boolean {
  if (audit.integrationUsers.length) return audit.integrationUsers.some((user) => passes(user.verdict));
  return audit.profiles.some((profile) => profile.isIntegrationCandidate && passes(profile.verdict));
}

/**
 * Test API Credentials' checks 2 to 4, what the connected app itself decides: Salesforce knows the
 * consumer key, Okta's callback URL is registered, and the app demands nothing Okta's sign-in does
 * not send. A check that was skipped proves nothing, so it does not count as passing.
 */
const connectedAppChecks: readonly CheckId[] = ['consumerKey', 'oktaCallback', 'noExtraDemands'];

export function connectedAppReady(results: readonly CheckResult[]): boolean {
  return connectedAppChecks.every((check) => results.some((result) => result.check === check && (result.outcome === 'pass' || result.outcome === 'warn')));
}

/** What the walkthrough needs of an Okta app: which integration it is, and its provisioning features. */
export interface OktaAppFeatures {
  /** `salesforce` for every Salesforce.com instance. */
  name: string;
  features: readonly string[];
}

/** Whether a Salesforce.com app pushes new users: the API integration is saved and provisioning is on. */
export function apiIntegrationConfigured(apps: readonly OktaAppFeatures[]): boolean {
  return apps.some((app) => app.name === 'salesforce' && app.features.includes('PUSH_NEW_USERS'));
}

/** A pre-flight passes the step when no finding is an error (warnings leave users provisionable). */
export const preflightPassed = (report: Pick<PreflightReport, 'counts'>) => report.counts.error === 0;

/** An assignment made at least one user or group the app's. */
export const usersAssigned = (result: { assigned: number }) => result.assigned > 0;
