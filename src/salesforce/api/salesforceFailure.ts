/**
 * A Salesforce call that failed, with a message an admin can act on. Built from the request
 * policy's HttpFailure (the network, timeouts, HTML pages, redirects, 429/5xx), from jsforce's
 * HttpApiError (errorCode such as INVALID_SESSION_ID), or from anything else thrown on the way.
 */
import * as l10n from '@vscode/l10n';
import { excerpt } from '../../domain/redact';
import { failureGroup, HttpFailure } from '../../http/httpFailure';

export type SalesforceFailureKind =
  | 'sessionExpired' | 'apiDisabledForUser' | 'apiDisabledForOrg' | 'missingPermission' | 'requestLimit' | 'rateLimited' | 'notFound'
  | 'server' | 'unreachable' | 'timeout' | 'cancelled'
  // A write Salesforce refused for what it held (orgWrites.ts): a field or permission rule, a name or username taken, no license seat left.
  | 'saveRefused' | 'duplicate' | 'licenseLimit'
  // A request the extension would not send: an id or field name of the wrong form.
  | 'invalidRequest';

interface JsforceErrorShape {
  errorCode?: string;
  message?: string;
}

export class SalesforceFailure extends Error {
  constructor(readonly kind: SalesforceFailureKind, message: string, readonly errorCode?: string) {
    super(message);
    this.name = 'SalesforceFailure';
  }

  static from(error: unknown, instanceUrl: string): SalesforceFailure {
    if (error instanceof SalesforceFailure) return error;
    if (error instanceof HttpFailure) return new SalesforceFailure(failureGroup(error), error.message);
    const e = (error ?? {}) as JsforceErrorShape;
    const code = e.errorCode;
    const refused = code && missingPermission(code, e.message ?? '');
    if (refused) return refused;
    switch (code) {
      case 'INVALID_SESSION_ID':
        return new SalesforceFailure('sessionExpired', l10n.t('The Salesforce session has expired or was revoked (INVALID_SESSION_ID). Sign in again.'), code);
      case 'API_CURRENTLY_DISABLED':
        return new SalesforceFailure('apiDisabledForUser', l10n.t('This user may not use the Salesforce API (API_CURRENTLY_DISABLED). Give the user\'s profile "API Enabled", or sign in as a user who has it.'), code);
      case 'API_DISABLED_FOR_ORG':
        return new SalesforceFailure('apiDisabledForOrg', l10n.t('This org may not use the Salesforce API at all (API_DISABLED_FOR_ORG), whoever signs in: its edition has no API access. Ask Salesforce to enable it (Professional Edition needs the API add-on), or use an org whose edition includes the API, such as Enterprise, Unlimited or Developer Edition.'), code);
      case 'REQUEST_LIMIT_EXCEEDED':
        return new SalesforceFailure('requestLimit', l10n.t('The org has used up its daily API requests (REQUEST_LIMIT_EXCEEDED). Try again later or ask Salesforce for a higher limit.'), code);
      case 'NOT_FOUND':
        return new SalesforceFailure('notFound', l10n.t('Not found at {0} (NOT_FOUND). Check the instance URL.', instanceUrl), code);
    }
    if (code?.startsWith('ERROR_HTTP_')) {
      const detail = excerpt(e.message ?? '');
      const status = code.replace('ERROR_HTTP_', 'HTTP ');
      return new SalesforceFailure('server', detail
        ? l10n.t("{0} answered with {1} ({2}), not as Salesforce's REST API does. Check the instance URL.", new URL(instanceUrl).host, status, detail)
        : l10n.t("{0} answered with {1}, not as Salesforce's REST API does. Check the instance URL.", new URL(instanceUrl).host, status), code);
    }
    if (code) return new SalesforceFailure('server', l10n.t('Salesforce refused the request ({0}: {1}).', code, excerpt(e.message ?? '')), code);
    const message = error instanceof Error ? error.message : String(error);
    return new SalesforceFailure('server', l10n.t('The request to {0} failed: {1}.', new URL(instanceUrl).host, excerpt(message)));
  }
}

const viewSetup = () => l10n.t('View Setup and Configuration');

/**
 * Setup objects a user may be refused since Summer '20, and the permissions that open them (the Special
 * Access Rules of each object's reference page). They exist in every org this extension supports, so a
 * refusal of one as an unknown type (INVALID_TYPE, which is how Salesforce answers an object the user may
 * not read) means a missing permission, never a missing object.
 */
function setupObject(object: string): { what: string; permission: string } | undefined {
  switch (object) {
    case 'PermissionSet':
      return { what: l10n.t('permission sets (PermissionSet)'), permission: l10n.t('{0} (or Assign Permission Sets, or Manage Profiles and Permission Sets)', viewSetup()) };
    case 'PermissionSetAssignment':
      return { what: l10n.t('permission set assignments (PermissionSetAssignment)'), permission: l10n.t('{0} (or Assign Permission Sets, or Manage Users)', viewSetup()) };
    case 'PermissionDependency':
      return { what: l10n.t('permission dependencies (PermissionDependency)'), permission: viewSetup() };
    default:
      return undefined;
  }
}

/** "Reading X needs P; …": what to grant, and to whom. */
const needs = (what: string, permission: string, answer: string) => new SalesforceFailure('missingPermission',
  l10n.t("Reading {0} needs {1}; sign in as a user who has it, or grant it to this user's profile (Salesforce answered {2}).", what, permission, answer),
  answer.split(':')[0]);

/** A missing permission that Salesforce reports as an unknown object or a disabled resource, if this is one. */
function missingPermission(code: string, message: string): SalesforceFailure | undefined {
  if (code === 'INVALID_TYPE') {
    const object = /sObject type '(\w+)' is not supported/.exec(message)?.[1] ?? '';
    const setup = setupObject(object);
    if (setup) return needs(setup.what, setup.permission, `INVALID_TYPE: sObject type '${object}' is not supported`);
  }
  // The REST API's /limits answers a user without View Setup and Configuration so (observed, not documented).
  if (code === 'API_DISABLED_FOR_ORG' && /limits resource/i.test(message)) return needs(l10n.t("the org's API limits"), viewSetup(), 'API_DISABLED_FOR_ORG: limits resource is not enabled');
  return undefined;
}
