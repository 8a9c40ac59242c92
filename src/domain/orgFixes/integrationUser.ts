/**
 * Create Integration User… (issue 15, §2): the user Okta signs in to Salesforce as, prefilled with values valid
 * against the org's User describe, checked with the dry run's rules before the request, and the request itself.
 * Pure: the caller reads describe, the admin's own locale settings and the org's users (for collisions).
 */
import * as l10n from '@vscode/l10n';
import { type DryRunProblem, type DryRunUserField, checkUserValue } from '../preflight/dryRun';

export interface IntegrationUserInput {
  firstName?: string;
  lastName: string;
  email: string;
  username: string;
  profileId: string;
  alias?: string;
  communityNickname?: string;
  timeZoneSidKey?: string;
  localeSidKey?: string;
  emailEncodingKey?: string;
  languageLocaleKey?: string;
}

export type IntegrationUserDefaults = Omit<IntegrationUserInput, 'profileId'>;

/** The admin's own settings (their User record): the new user gets the same where describe allows them. */
export interface AdminLocale {
  timeZoneSidKey?: string;
  localeSidKey?: string;
  languageLocaleKey?: string;
  emailEncodingKey?: string;
}

type InputKey = keyof IntegrationUserInput;

/** The User field each input value is sent as, and the label Salesforce's user page shows for it (read when shown). */
const userFieldOf: Readonly<Record<InputKey, { field: string; label: string }>> = {
  firstName: { field: 'FirstName', get label() { return l10n.t('First Name'); } },
  lastName: { field: 'LastName', get label() { return l10n.t('Last Name'); } },
  email: { field: 'Email', get label() { return l10n.t('Email'); } },
  username: { field: 'Username', get label() { return l10n.t('Username'); } },
  profileId: { field: 'ProfileId', get label() { return l10n.t('Profile'); } },
  alias: { field: 'Alias', get label() { return l10n.t('Alias'); } },
  communityNickname: { field: 'CommunityNickname', get label() { return l10n.t('Nickname'); } },
  timeZoneSidKey: { field: 'TimeZoneSidKey', get label() { return l10n.t('Time Zone'); } },
  localeSidKey: { field: 'LocaleSidKey', get label() { return l10n.t('Locale'); } },
  emailEncodingKey: { field: 'EmailEncodingKey', get label() { return l10n.t('Email Encoding'); } },
  languageLocaleKey: { field: 'LanguageLocaleKey', get label() { return l10n.t('Language'); } },
};
const inputKeys = Object.keys(userFieldOf) as InputKey[];

/**
 * Used when the admin's own value is not an active value of the org. UTF-8 and en_US are the defaults Okta
 * Workflows' Salesforce "Create User" card documents (help.okta.com, connector reference); GMT first for the time
 * zone is a guess (a zone we expect every org to list). Failing all, describe's first active value.
 */
const fallbacks: Readonly<Record<keyof AdminLocale, readonly string[]>> = {
  timeZoneSidKey: ['GMT', 'America/Los_Angeles'],
  localeSidKey: ['en_US'],
  languageLocaleKey: ['en_US'],
  emailEncodingKey: ['UTF-8'],
};

/** Values for a new integration user that the org's describe accepts: names, an alias and nickname within their lengths, active picklist values. */
export function integrationUserDefaults(input: {
  email: string; orgDomainHint?: string; userFields: readonly DryRunUserField[]; adminLocale?: AdminLocale;
}): IntegrationUserDefaults {
  const fields = new Map(input.userFields.map((field) => [field.name, field]));
  const cut = (key: InputKey, text: string) => {
    const length = fields.get(userFieldOf[key].field)?.length;
    return length !== undefined && length > 0 ? text.slice(0, length) : text;
  };
  const domain = usernameDomain(input.email, input.orgDomainHint);
  const defaults: IntegrationUserDefaults = {
    firstName: cut('firstName', 'Okta'),
    lastName: cut('lastName', 'Integration'),
    email: input.email.trim(),
    // Usernames are unique across every Salesforce org: a name in the admin's own domain is the usual choice; the caller checks collisions.
    username: domain === undefined ? '' : cut('username', `okta.integration@${domain}`),
    alias: cut('alias', 'oktaint'),
    communityNickname: cut('communityNickname', 'okta.integration'),
  };
  for (const key of Object.keys(fallbacks) as Array<keyof AdminLocale>) {
    const value = picklistDefault(fields.get(userFieldOf[key].field), [input.adminLocale?.[key], ...fallbacks[key]]);
    if (value !== undefined) defaults[key] = value;
  }
  return defaults;
}

/** The hint (a domain, or a URL or host to take it from) when given, else the e-mail's domain; lowercased. */
function usernameDomain(email: string, hint: string | undefined): string | undefined {
  const fromHint = hint?.trim().replace(/^[a-z]+:\/\//i, '').replace(/[/:].*$/, '').replace(/^.*@/, '');
  const domain = fromHint ? fromHint : /@([^\s@]+\.[^\s@]+)$/.exec(email.trim())?.[1];
  return domain?.toLowerCase();
}

/** The first preferred value that is active in describe; else describe's first active value; undefined when describe has no such field. */
function picklistDefault(field: DryRunUserField | undefined, preferred: ReadonlyArray<string | undefined>): string | undefined {
  const active = (field?.picklistValues ?? []).filter((value) => value.active).map((value) => value.value);
  return preferred.find((value): value is string => value !== undefined && active.includes(value)) ?? active[0];
}

export interface IntegrationUserProblem {
  /** The input key, e.g. username; or a User field the form does not set. */
  field: string;
  message: string;
}

/** A Salesforce Id with a Profile's key prefix (00e), 15 or 18 characters. */
const profileIdShape = /^00e[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Everything Salesforce would refuse, by the dry run's rules (required, length, active picklist value, e-mail and
 * username shape), in the form's words; plus a required User field the form does not set (a required custom field).
 */
export function validateIntegrationUser(input: IntegrationUserInput, userFields: readonly DryRunUserField[]): IntegrationUserProblem[] {
  const fields = new Map(userFields.map((field) => [field.name, field]));
  const problems: IntegrationUserProblem[] = [];
  for (const key of inputKeys) {
    const { field: name, label } = userFieldOf[key];
    const value = blankToUndefined(input[key]);
    const field = fields.get(name);
    if (!field) {
      if (value !== undefined) problems.push({ field: key, message: l10n.t("This org's User describe has no {0} field, so Salesforce would refuse {1}; leave it empty.", name, label) });
      continue;
    }
    problems.push(...checkUserValue(field, value).filter(counts).map((problem) => ({ field: key, message: formMessage(problem, label, field, value) })));
    if (key === 'profileId' && value !== undefined && !profileIdShape.test(value)) {
      problems.push({ field: key, message: l10n.t('{0} is not a profile Id (00e followed by 12 or 15 letters and digits); pick the profile from the list.', quoted(value)) });
    }
  }
  const sent = new Set(inputKeys.map((key) => userFieldOf[key].field));
  for (const field of userFields) {
    if (sent.has(field.name) || !(field.createable && !field.nillable && !field.defaultedOnCreate)) continue;
    problems.push({
      field: field.name,
      message: l10n.t('This org requires {0} on every new user and this form does not set it, so Salesforce would refuse the user; create it in Setup → Users → New User instead.', field.name),
    });
  }
  return problems;
}

const counts = (problem: DryRunProblem) => problem.severity !== 'info';

/** An empty text box is a value not given: Salesforce reads "" as no value too. */
function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The dry run's rule, said for a form (its own messages speak of Okta's mapping). */
function formMessage(problem: DryRunProblem, label: string, field: DryRunUserField, value: string | undefined): string {
  const text = value ?? '';
  switch (problem.code) {
    case 'REQUIRED_FIELD_MISSING':
      return l10n.t('{0} is required: Salesforce refuses a new user without it.', label);
    case 'STRING_TOO_LONG':
      return l10n.t('{0} has {1} characters; Salesforce allows at most {2}.', label, text.length, String(field.length));
    case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
    case 'picklist-value-unknown':
      return l10n.t('{0}: {1} is not an active value in this org; choose one of {2}.', label, quoted(text), activeValues(field));
    case 'INVALID_EMAIL_ADDRESS':
      return l10n.t('{0}: {1} is not an e-mail address (name@example.com).', label, quoted(text));
    case 'username-not-email':
      return l10n.t('{0} must have the form of an e-mail address (name@example.com), though no mailbox is needed; {1} does not.', label, quoted(text));
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
      return l10n.t('Salesforce does not let the API set {0} on a new user in this org; leave {1} empty.', field.name, label);
    default:
      return problem.message;
  }
}

function activeValues(field: DryRunUserField): string {
  const active = (field.picklistValues ?? []).filter((value) => value.active).map((value) => value.value);
  const shown = active.slice(0, 5).join(', ');
  return active.length > 5 ? l10n.t('{0} ({1} more)', shown, active.length - 5) : shown;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

/** The request after the create that makes Salesforce e-mail the new user. */
export interface WelcomeEmailRequest {
  method: 'DELETE';
  /** Relative to /services/data/vXX.X/. */
  path: string;
}

export interface UserCreateRequest {
  /** The body for POST /sobjects/User. */
  body: Record<string, unknown>;
  /** Extra request headers: none, since REST has no header that makes Salesforce send e-mail (see below). */
  headers: Record<string, string>;
  /** When the admin chose to e-mail the user: the request to make once the user exists, given its Id. */
  afterCreate?: (userId: string) => WelcomeEmailRequest;
  /** What Salesforce will e-mail, for the confirmation. */
  emailNote: string;
}

/**
 * The create request, and how the user gets (or does not get) an e-mail.
 *
 * Salesforce's `triggerUserEmail` (send the new-user e-mail) belongs to EmailHeader, a SOAP header (SOAP API
 * Developer Guide, "EmailHeader"); the REST API Developer Guide's "Headers" page lists no e-mail header, and
 * Salesforce Help article 000384839 says EmailHeader "is not applicable in REST API". That a user created over
 * REST therefore gets no e-mail is our inference (SOAP's triggerUserEmail defaults to false). To e-mail the user
 * we use the documented REST reset instead: DELETE /sobjects/User/{id}/password ("Reset User Password", REST API
 * 24.0+) "initiates a password reset … the user receives an email with a password reset link" and returns a
 * temporary password in its body, which the caller must neither show in logs nor keep.
 */
export function userCreateBody(input: IntegrationUserInput, options: { sendEmail: boolean }): UserCreateRequest {
  const body: Record<string, unknown> = {};
  for (const key of inputKeys) {
    const value = blankToUndefined(input[key]);
    if (value !== undefined) body[userFieldOf[key].field] = value;
  }
  const to = blankToUndefined(input.email) ?? l10n.t('the user');
  if (!options.sendEmail) {
    return {
      body, headers: {},
      emailNote: l10n.t("Salesforce will not e-mail {0}. Okta's integration user signs in through OAuth, so it needs no password; to send one later, use Reset Password on the user in Setup.", to),
    };
  }
  return {
    body, headers: {},
    afterCreate: (userId) => ({ method: 'DELETE', path: `sobjects/User/${encodeURIComponent(userId)}/password` }),
    emailNote: l10n.t('Salesforce will e-mail {0} a link to set a password, right after the user is created.', to),
  };
}
