// The shapes shared by the System Log reader (src/okta/api), the failure grouping and explanations
// (src/domain/provisioningFailures) and where they show (the Okta Apps view, the report, okta-sf failures).
// Okta documents these events under "Provisioning Integration Error Events" (System Log event types).
// The names are checked against Okta's Event Types catalog (the events tagged app-api) and the Events API
// to System Log API Migration Guide's event type mapping (e.g. app.api.error.create.group →
// application.provision.group.add, app.api.error.delete_group → application.provision.group.remove).

/**
 * The error events of a provisioning integration, as Okta's System Log names them: pushing a new user,
 * a profile, activation, deactivation, reactivation, passwords, matching, imports, groups and memberships, and the
 * integration's own failures (authentication, rate limit, anything else), credentials Okta could not
 * verify on save, and an invalid mapping expression.
 */
export const provisioningErrorEventTypes: readonly string[] = [
  'application.provision.user.push',
  'application.provision.user.push_profile',
  'application.provision.user.activate',
  'application.provision.user.deactivate',
  'application.provision.user.reactivate',
  'application.provision.user.password',
  'application.provision.user.verify_exists',
  'application.provision.user.import',
  'application.provision.user.import_profile',
  'application.provision.group.add',
  'application.provision.group.update',
  'application.provision.group.remove',
  'application.provision.group.verify_exists',
  'application.provision.group.import',
  'application.provision.group_membership.add',
  'application.provision.group_membership.remove',
  'application.provision.group_membership.update',
  'application.provision.group_membership.import',
  'application.integration.authentication_failure',
  'application.integration.rate_limit_exceeded',
  'application.integration.general_failure',
  'application.configuration.update',
  'application.appuser.mapping.invalid.expression',
];

/** One failed provisioning step, read from a System Log event (failureEventFromLog). */
export interface FailureEvent {
  /** The event's uuid: the same event read twice (overlapping pages) counts once. */
  readonly uuid: string;
  /** When Okta logged it, ISO 8601 (the event's `published`). */
  readonly published: string;
  readonly eventType: string;
  /** `outcome.reason`, where Okta puts the downstream app's error text (for Salesforce: its error code and message); '' when absent. */
  readonly reason: string;
  /** `displayMessage`, Okta's own words for the event. */
  readonly displayMessage?: string;
  /** The Okta user the step was for (a target of type User), when the event names one. */
  readonly user?: { readonly id: string; readonly login?: string; readonly displayName?: string };
}

/** The window the System Log is read over: `since` inclusive, `until` exclusive, both ISO 8601. */
export interface FailureWindow {
  readonly since: string;
  readonly until: string;
}
