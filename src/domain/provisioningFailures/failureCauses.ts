/**
 * What each failure cause means and what to change, in Salesforce or in Okta, with links to what already
 * checks it: the pre-flight finding that predicts it (codes from src/domain/preflight/attributeChecks.ts
 * and preflight.ts), a dry run for an affected user, the integration profile's audit, the form's Test API
 * Credentials.
 */
import * as l10n from '@vscode/l10n';
import { type PreflightCode } from '../preflight/attributeChecks';
import { type FailureGroup } from './failureGroups';

export type FailureLink =
  | { kind: 'preflight'; findingCode?: PreflightCode }
  | { kind: 'dryRun'; userId: string }
  | { kind: 'audit' }
  | { kind: 'testCredentials' }
  | { kind: 'configureApiIntegration' };

export interface FailureExplanation {
  title: string;
  meaning: string;
  fix: string;
  links: FailureLink[];
}

/** A dry run for the first affected user, when the group names one. */
function dryRun(group: FailureGroup): FailureLink[] {
  const user = group.users[0];
  return user ? [{ kind: 'dryRun', userId: user.id }] : [];
}

const credentialLinks = (): FailureLink[] => [{ kind: 'configureApiIntegration' }, { kind: 'testCredentials' }];

export function explainFailure(group: FailureGroup): FailureExplanation {
  const field = group.field ?? l10n.t('a field');
  switch (group.cause) {
    case 'duplicateUsername': return {
      title: l10n.t('Username already taken (DUPLICATE_USERNAME)'),
      meaning: l10n.t('Salesforce usernames are unique across all Salesforce orgs, not only this one: the username Okta sent already belongs to a user in this or another org (a sandbox copy, a trial, another company).'),
      fix: l10n.t('In Okta, change the app username format of the Salesforce app (Sign On > Credentials Details), for example add a suffix such as .acme to the e-mail, so each username is unique across all Salesforce orgs; then retry the failed assignments.'),
      links: [{ kind: 'preflight', findingCode: 'collision-risk' }, ...dryRun(group)],
    };
    case 'duplicateValue': return {
      title: l10n.t('Value already taken: {0} (DUPLICATE_VALUE)', field),
      meaning: l10n.t('{0} must be unique in this Salesforce org, and the value Okta sent already belongs to another user, an inactive one included.', field),
      fix: l10n.t('In Okta’s profile mapping (Okta User to Salesforce), build {0} from something unique to each user (the login rather than the first name, for example), or free the value on the other Salesforce user.', field),
      links: [{ kind: 'preflight', findingCode: 'collision-risk' }, ...dryRun(group)],
    };
    case 'validationRule': return {
      title: l10n.t('Refused by a validation rule (FIELD_CUSTOM_VALIDATION_EXCEPTION)'),
      meaning: l10n.t('A validation rule of this Salesforce org on the User object refused the user Okta sent; the message after the code is the rule’s own error text.'),
      fix: l10n.t('In Salesforce (Setup > Object Manager > User > Validation Rules), find the rule with that error text and send values that satisfy it from Okta’s mapping, or exempt Okta’s integration user from the rule.'),
      links: dryRun(group),
    };
    case 'valueTooLong': return {
      title: l10n.t('Value too long for {0} (STRING_TOO_LONG)', field),
      meaning: l10n.t('Okta sent a value longer than Salesforce’s {0} holds, so Salesforce refused the user.', field),
      fix: group.field === 'Alias'
        ? l10n.t('In Okta’s profile mapping (Okta User to Salesforce), shorten the Alias to at most 8 characters, for example String.substring(user.login, 0, 8); the pre-flight’s length finding names the same limit.')
        : l10n.t('In Okta’s profile mapping (Okta User to Salesforce), shorten the value for {0} to the field’s length (for example with String.substring), or lengthen the field in Salesforce if it is a custom field; the pre-flight’s length finding gives the limit.', field),
      links: [{ kind: 'preflight', findingCode: 'too-long' }, ...dryRun(group)],
    };
    case 'requiredFieldMissing': return {
      title: l10n.t('Required field missing: {0} (REQUIRED_FIELD_MISSING)', field),
      meaning: l10n.t('Salesforce requires {0} on a new user and Okta sent no value for it.', field),
      fix: l10n.t('In Okta’s profile mapping (Okta User to Salesforce), map {0} to an attribute every user has or to a constant; or add it to the app’s profile editor and set it on the assignment.', field),
      links: [{ kind: 'preflight', findingCode: 'required-unmapped' }, ...dryRun(group)],
    };
    case 'invalidEmail': return {
      title: l10n.t('Invalid e-mail address in {0} (INVALID_EMAIL_ADDRESS)', field),
      meaning: l10n.t('Salesforce refused the value Okta sent for {0}: it is not an e-mail address Salesforce accepts.', field),
      fix: l10n.t('Correct the user’s e-mail in Okta, or the mapping that builds {0}, so it yields a valid address.', field),
      links: dryRun(group),
    };
    case 'fieldIntegrity': return {
      title: l10n.t('Value refused for {0} (FIELD_INTEGRITY_EXCEPTION)', field),
      meaning: l10n.t('Salesforce refused the value for {0}: it has the wrong form (a username not shaped as an e-mail, an id of the wrong kind) or the user’s license does not allow it.', field),
      fix: l10n.t('Check what the mapping sends for {0} (a dry run shows it); for a username use an e-mail-shaped format; for ProfileId a profile id of this org that the user license allows.', field),
      links: [{ kind: 'preflight', findingCode: 'reference-value' }, ...dryRun(group)],
    };
    case 'invalidReference': return {
      title: l10n.t('Unknown profile or role id (INVALID_CROSS_REFERENCE_KEY)'),
      meaning: l10n.t('The profile or role id on the Okta assignment ({0}) does not exist in this Salesforce org, for example an id from another org or a sandbox.', field),
      fix: l10n.t('In Okta, edit the assignment (or the group assignment) of the Salesforce app and choose a profile and role that exist in this org; ids from another org do not carry over.'),
      links: [{ kind: 'preflight', findingCode: 'reference-value' }, ...dryRun(group)],
    };
    case 'licenseLimit': return {
      title: l10n.t('No license left (LICENSE_LIMIT_EXCEEDED)'),
      meaning: l10n.t('Every Salesforce license of the profile’s user license is in use, so Salesforce cannot create or activate another user.'),
      fix: l10n.t('In Salesforce (Setup > Company Information > User Licenses), free licenses by deactivating users who no longer need them, or buy more; or assign a profile with a license that has some left.'),
      links: [],
    };
    case 'insufficientAccess': return {
      title: l10n.t('The integration user lacks a permission'),
      meaning: l10n.t('Salesforce refused the change because the user Okta signs in as lacks a permission, such as Manage Users, or access to the record it changes.'),
      fix: l10n.t('Run the profile audit on the integration user’s profile and grant what it reports missing (in Salesforce Setup > Profiles, or a permission set).'),
      links: [{ kind: 'audit' }],
    };
    case 'apiDisabled': return {
      title: l10n.t('API access disabled'),
      meaning: l10n.t('Salesforce refuses API calls from the integration user: its profile lacks API Enabled, or the org’s edition has no API access.'),
      fix: l10n.t('In Salesforce Setup > Profiles, turn on API Enabled in the integration user’s profile (the profile audit checks it); an edition without API access cannot be provisioned through the API.'),
      links: [{ kind: 'audit' }],
    };
    case 'tokenExpired': return {
      title: l10n.t('Okta’s Salesforce session expired or was revoked'),
      meaning: l10n.t('Okta could not sign in to Salesforce with the stored credentials: the access or refresh token expired or was revoked (invalid_grant, INVALID_SESSION_ID), so every provisioning step fails until Okta is authenticated again.'),
      fix: l10n.t('Re-authenticate the Salesforce app in Configure API Integration (Authenticate with Salesforce), then run Test API Credentials; check the connected app’s refresh token policy if it happens again.'),
      links: credentialLinks(),
    };
    case 'rateLimited': return {
      title: l10n.t('Rate limit reached'),
      meaning: l10n.t('Salesforce (REQUEST_LIMIT_EXCEEDED) or Okta refused requests for a while because too many were made; Okta retries the steps later.'),
      fix: l10n.t('Usually nothing: Okta retries. If it keeps happening, spread large assignments over time, or check the org’s API usage in Salesforce Setup > System Overview.'),
      links: [],
    };
    case 'invalidMapping': return {
      title: l10n.t('A mapping expression could not be evaluated'),
      meaning: l10n.t('An expression in Okta’s profile mapping for the Salesforce app failed for a user, so the attribute it sets got no value.'),
      fix: l10n.t('In Okta’s profile mapping (Okta User to Salesforce), correct the expression the pre-flight reports, and guard attributes that may be empty.'),
      links: [{ kind: 'preflight', findingCode: 'expression-invalid' }, ...dryRun(group)],
    };
    case 'unknown': return {
      title: l10n.t('Unrecognised failure'),
      meaning: l10n.t('The reason Okta logged matches no known cause: {0}', group.sampleReason || l10n.t('(Okta logged no reason)')),
      fix: l10n.t('Read the reason above; a dry run for an affected user and the pre-flight show what Okta would send.'),
      links: [{ kind: 'preflight' }, ...dryRun(group)],
    };
  }
}
