/**
 * The writes that make an org ready for Okta, and the reads their previews need: a profile's
 * Permissions… fields (read and changed through the Profile sObject), a new custom profile, a new
 * user, the user licenses' seats and the profile names. Each is one request. Ids and field names
 * are checked before anything is sent; values travel as JSON, never inside SOQL or a URL.
 * Salesforce's refusals of a save become SalesforceWriteFailures that say what to do.
 */
import * as l10n from '@vscode/l10n';
import type { Connection } from 'jsforce/core';
import { excerpt } from '../../domain/redact';
import { SalesforceFailure, type SalesforceFailureKind } from './salesforceFailure';
import { soqlString } from './userDescribe';

export interface ProfilePermissions {
  id: string;
  name: string;
  /** False for Salesforce's standard profiles, whose permissions cannot be changed. */
  isCustom?: boolean;
  values: Record<string, boolean>;
}

export interface UserLicenseSeats {
  id: string;
  name: string;
  total: number;
  used: number;
}

/** A permission that lacks others it depends on, as Salesforce's refusal names them. */
export interface MissingDependency {
  permission: string;
  missing: string[];
}

/** A save Salesforce refused; `fields` and `dependencies` are what its answer named. */
export class SalesforceWriteFailure extends SalesforceFailure {
  constructor(kind: SalesforceFailureKind, message: string, errorCode: string, readonly fields: readonly string[], readonly dependencies: readonly MissingDependency[] = []) {
    super(kind, message, errorCode);
    this.name = 'SalesforceWriteFailure';
  }
}

/** What is written, for the messages: a profile (by name, when known) or a user. */
export type WriteTarget = { kind: 'profile'; name?: string; id?: string } | { kind: 'user'; username?: string };

/** A profile's id: the Profile key prefix 00e, 15 or 18 characters. */
export const isProfileId = (id: string) => /^00e[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(id);
const permissionField = /^Permissions[A-Za-z]+$/;
const fieldName = /^[A-Za-z][A-Za-z0-9_]*$/;

const invalid = (message: string) => new SalesforceFailure('invalidRequest', l10n.t('{0} Nothing was sent to Salesforce.', message));

function checkProfileId(profileId: string): void {
  if (!isProfileId(profileId)) throw invalid(l10n.t('"{0}" is not a Salesforce profile id (15 or 18 characters starting with 00e).', excerpt(profileId, 40)));
}

function checkPermissionFields(fields: readonly string[]): void {
  const wrong = fields.find((f) => !permissionField.test(f));
  if (wrong !== undefined) throw invalid(l10n.t('"{0}" is not a profile permission field (Permissions followed by letters).', excerpt(wrong, 60)));
  if (!fields.length) throw invalid(l10n.t('No permission field was given.'));
}

/** A record body: field names as identifiers, values JSON scalars (Salesforce fields hold no objects). */
function checkRecordBody(body: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(body)) {
    if (!fieldName.test(name)) throw invalid(l10n.t('"{0}" is not a Salesforce field name.', excerpt(name, 60)));
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) throw invalid(l10n.t('The value of {0} is not text, a number, true/false or null.', name));
  }
}

/** Fresh for each request: jsforce adds the token and content-length to the object it is given. */
const json = () => ({ 'Content-Type': 'application/json' });

export async function readProfilePermissions(connection: Connection, profileId: string, fields: readonly string[]): Promise<ProfilePermissions | undefined> {
  checkProfileId(profileId);
  checkPermissionFields(fields);
  // The profile's own permission set holds the same Permissions… fields as the Profile, plus IsCustom, which Profile lacks.
  const result = await connection.query<{ ProfileId: string; IsCustom: boolean; Profile: { Name: string } | null } & Record<string, unknown>>(
    `SELECT ProfileId, Profile.Name, IsCustom, ${fields.join(', ')} FROM PermissionSet WHERE IsOwnedByProfile = true AND ProfileId = ${soqlString(profileId)}`);
  const [row] = result.records;
  if (!row) return undefined;
  return {
    id: row.ProfileId, name: row.Profile?.Name ?? row.ProfileId, isCustom: row.IsCustom,
    values: Object.fromEntries(fields.map((f) => [f, row[f] === true])),
  };
}

export async function updateProfilePermissions(connection: Connection, apiVersion: string, profileId: string, fields: Record<string, boolean>): Promise<void> {
  checkProfileId(profileId);
  checkPermissionFields(Object.keys(fields));
  if (Object.values(fields).some((v) => typeof v !== 'boolean')) throw invalid(l10n.t('A permission can only be set to true or false.'));
  await connection.request({ method: 'PATCH', url: `/services/data/v${apiVersion}/sobjects/Profile/${profileId}`, body: JSON.stringify(fields), headers: json() });
}

export async function createProfile(connection: Connection, apiVersion: string, body: Record<string, unknown>): Promise<string> {
  checkRecordBody(body);
  const saved = await connection.request<{ id: string }>({ method: 'POST', url: `/services/data/v${apiVersion}/sobjects/Profile`, body: JSON.stringify(body), headers: json() });
  return saved.id;
}

/**
 * The REST API documents no email header; the SOAP API's EmailHeader.triggerUserEmail ("send a new User
 * email notification", false unless set) is sent in the form public REST clients use (Sforce-Email-Header,
 * name=value), and stated either way so the org's default does not decide. A guess at the REST form.
 */
export async function createUser(connection: Connection, apiVersion: string, body: Record<string, unknown>, sendEmail: boolean): Promise<string> {
  checkRecordBody(body);
  const saved = await connection.request<{ id: string }>({
    method: 'POST', url: `/services/data/v${apiVersion}/sobjects/User`, body: JSON.stringify(body),
    headers: { ...json(), 'Sforce-Email-Header': `triggerUserEmail=${String(sendEmail)}` },
  });
  return saved.id;
}

/**
 * Salesforce's documented way to e-mail a user from REST: "Reset User Password" (DELETE
 * /sobjects/User/{id}/password, API 24.0+) sends the user an e-mail with a link to set a password. Its answer
 * holds a temporary password (NewPassword), which is dropped here, unread: nothing keeps or logs it.
 */
export async function sendPasswordResetEmail(connection: Connection, apiVersion: string, userId: string): Promise<void> {
  if (!/^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(userId)) throw new SalesforceFailure('invalidRequest', l10n.t('"{0}" is not a Salesforce user id, so no password e-mail was asked for.', userId.slice(0, 40)));
  await connection.request({ method: 'DELETE', url: `/services/data/v${apiVersion}/sobjects/User/${userId}/password`, headers: json() });
}

export async function readUserLicenses(connection: Connection): Promise<UserLicenseSeats[]> {
  const result = await connection.query<{ Id: string; Name: string; MasterLabel: string | null; TotalLicenses: number; UsedLicenses: number }>(
    'SELECT Id, Name, MasterLabel, TotalLicenses, UsedLicenses FROM UserLicense');
  return result.records.map((l) => ({ id: l.Id, name: l.MasterLabel ?? l.Name, total: l.TotalLicenses, used: l.UsedLicenses }));
}

/** Every profile's name; an org's profiles can exceed one page, whose further pages are read rather than dropped. */
export async function readProfileNames(connection: Connection): Promise<string[]> {
  const result = await connection.query<{ Name: string }>('SELECT Name FROM Profile', { autoFetch: true, maxFetch: Number.MAX_SAFE_INTEGER });
  return result.records.map((p) => p.Name);
}

interface SavedError {
  errorCode: string;
  message: string;
  fields: string[];
}

/** Salesforce's errors of a refused save, as jsforce holds them: one in `data`, or several (MULTIPLE_API_ERRORS) as a list. */
function savedErrors(error: unknown): SavedError[] | undefined {
  const { errorCode, data } = (error ?? {}) as { errorCode?: unknown; data?: unknown };
  if (typeof errorCode !== 'string') return undefined;
  const list = errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(data) ? data as unknown[] : [data];
  const errors = list.map((e) => {
    const { errorCode: code, message, fields } = (e ?? {}) as { errorCode?: unknown; message?: unknown; fields?: unknown };
    return { errorCode: typeof code === 'string' ? code : errorCode, message: typeof message === 'string' ? message : '', fields: Array.isArray(fields) ? fields.map(String) : [] };
  });
  return errors.length ? errors : undefined;
}

/** Codes of a refused save that this module explains; others keep SalesforceFailure's own wording. */
const saveCodes = new Set([
  'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'DUPLICATE_USERNAME', 'DUPLICATE_VALUE', 'LICENSE_LIMIT_EXCEEDED',
  'FIELD_INTEGRITY_EXCEPTION', 'REQUIRED_FIELD_MISSING', 'STRING_TOO_LONG', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'INVALID_CROSS_REFERENCE_KEY', 'INVALID_EMAIL_ADDRESS', 'INVALID_FIELD', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_TYPE_ON_FIELD_IN_RECORD',
]);

/** A write to a record that is gone answers NOT_FOUND, as does an API version the org lacks: only an update names a record. */
const isGoneRecord = (errors: readonly SavedError[], target: WriteTarget) => target.kind === 'profile' && target.id !== undefined && errors[0].errorCode === 'NOT_FOUND';

/** Which refusal speaks first when there are several: the one that no edit of the request can cure. */
const precedence = ['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'LICENSE_LIMIT_EXCEEDED', 'DUPLICATE_USERNAME', 'DUPLICATE_VALUE'];
const rank = (code: string) => (precedence.includes(code) ? precedence.indexOf(code) : precedence.length);

/** "Permission X depends on permission(s): A, B; Permission Y …" (the wording Data Loader saves and deploys print). */
export function missingDependencies(message: string): MissingDependency[] {
  return [...message.matchAll(/Permission (\w+) depends on permission\(s\): ([\w, ]+)/g)]
    .map((m) => ({ permission: m[1], missing: m[2].split(',').map((p) => p.trim()).filter(Boolean) }));
}

/**
 * A refused save as a SalesforceWriteFailure whose message says what to do; undefined for anything that
 * is not a refused save (the session, the network, the org's limits), which SalesforceFailure.from words.
 */
export function writeFailure(error: unknown, target: WriteTarget): SalesforceWriteFailure | undefined {
  const errors = savedErrors(error);
  if (!errors) return undefined;
  if (isGoneRecord(errors, target)) {
    return new SalesforceWriteFailure('notFound', l10n.t('{0} no longer exists in this org (NOT_FOUND). Refresh the profiles and choose again.', what(target, true)), 'NOT_FOUND', []);
  }
  if (!errors.some((e) => saveCodes.has(e.errorCode))) return undefined;
  const sorted = [...errors].sort((a, b) => rank(a.errorCode) - rank(b.errorCode));
  const explained = sorted.map((e) => explain(e, target));
  const dependencies = errors.flatMap((e) => missingDependencies(e.message));
  return new SalesforceWriteFailure(explained[0].kind, explained.map((e) => e.message).join(' '), sorted[0].errorCode,
    [...new Set(errors.flatMap((e) => e.fields))], dependencies);
}

/** The record a write was for, as a sentence names it; `first` when it begins the sentence. */
function what(target: WriteTarget, first = false): string {
  if (target.kind === 'user') {
    if (!target.username) return first ? l10n.t('The user') : l10n.t('the user');
    return first ? l10n.t('The user {0}', excerpt(target.username, 80)) : l10n.t('the user {0}', excerpt(target.username, 80));
  }
  if (target.name) return first ? l10n.t('The profile "{0}"', excerpt(target.name, 80)) : l10n.t('the profile "{0}"', excerpt(target.name, 80));
  if (target.id) return first ? l10n.t('The profile {0}', target.id) : l10n.t('the profile {0}', target.id);
  return first ? l10n.t('The profile') : l10n.t('the profile');
}

function explain(e: SavedError, target: WriteTarget): { kind: SalesforceFailureKind; message: string } {
  const said = `${e.errorCode}: ${excerpt(e.message.replace(/<br>/g, ' '), 200)}`;
  const fields = e.fields.length ? e.fields.join(', ') : undefined;
  switch (e.errorCode) {
    case 'INSUFFICIENT_ACCESS':
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
      return {
        kind: 'missingPermission',
        message: target.kind === 'profile'
          ? l10n.t('The signed-in user may not create or change profiles ({0}): that needs "Manage Profiles and Permission Sets". Sign in as an administrator who has it, or grant it to your profile.', e.errorCode)
          // Object Reference, User: creating a user needs Manage Internal Users, which Manage Users includes.
          : l10n.t('The signed-in user may not create users ({0}): that needs "Manage Internal Users" (part of "Manage Users"). Sign in as an administrator who has it, or grant it to your profile.', e.errorCode),
      };
    case 'DUPLICATE_USERNAME':
      return { kind: 'duplicate', message: target.kind === 'user' && target.username
        ? l10n.t('The username {0} is taken, in this org or in another Salesforce org: usernames are unique across all of Salesforce (DUPLICATE_USERNAME). Pick another username; it need not match the email address.', excerpt(target.username, 80))
        : l10n.t('The username is taken, in this org or in another Salesforce org: usernames are unique across all of Salesforce (DUPLICATE_USERNAME). Pick another username; it need not match the email address.') };
    case 'DUPLICATE_VALUE':
      return target.kind === 'profile' && e.fields.includes('Name')
        ? { kind: 'duplicate', message: target.name
          ? l10n.t('A profile named "{0}" already exists (DUPLICATE_VALUE). Choose another name, or fix the existing profile instead.', excerpt(target.name, 80))
          : l10n.t('A profile named so already exists (DUPLICATE_VALUE). Choose another name, or fix the existing profile instead.') }
        : { kind: 'duplicate', message: l10n.t('Another record already holds the value of {0} given for {1} ({2}). Choose another value.', fields ?? l10n.t('a unique field'), what(target), said) };
    case 'LICENSE_LIMIT_EXCEEDED':
      return { kind: 'licenseLimit', message: l10n.t('The user license of the chosen profile has no seat left (LICENSE_LIMIT_EXCEEDED). Free a seat by deactivating a user with that license, add seats, or choose a profile with another license.') };
    case 'REQUIRED_FIELD_MISSING':
      return { kind: 'saveRefused', message: e.fields.length > 1
        ? l10n.t('Salesforce needs {0} to save {1} ({2}). Fill them in and try again.', fields ?? '', what(target), said)
        : l10n.t('Salesforce needs {0} to save {1} ({2}). Fill it in and try again.', fields ?? l10n.t('more fields'), what(target), said) };
  }
  const dependencies = missingDependencies(e.message);
  if (dependencies.length) {
    const listed = dependencies.map((d) => l10n.t('{0} needs {1}', d.permission, d.missing.join(', '))).join('; ');
    return { kind: 'saveRefused', message: l10n.t('Salesforce refused to save {0}: some permissions need others that would stay off ({1}) ({2}). Enable those too, in the same change.', what(target), listed, e.errorCode) };
  }
  if (/standard profile/i.test(e.message)) {
    return { kind: 'saveRefused', message: l10n.t('{0} is a standard profile, whose permissions Salesforce does not let anyone change ({1}). Create a custom profile for the integration instead (Create Okta Integration Profile…).', what(target, true), e.errorCode) };
  }
  const license = /user license doesn't allow the permission: (\w+)/i.exec(e.message)?.[1];
  if (license) {
    return { kind: 'saveRefused', message: l10n.t('The user license of {0} does not allow {1} ({2}). Use a profile with the Salesforce license.', what(target), license, e.errorCode) };
  }
  return { kind: 'saveRefused', message: fields
    ? l10n.t('Salesforce refused to save {0} ({1}); check {2}.', what(target), said, fields)
    : l10n.t('Salesforce refused to save {0} ({1}).', what(target), said) };
}
