/**
 * A Salesforce call that failed, with a message an admin can act on. Built from the request
 * policy's HttpFailure (the network, timeouts, HTML pages, redirects, 429/5xx), from jsforce's
 * HttpApiError (errorCode such as INVALID_SESSION_ID), or from anything else thrown on the way.
 */
import { excerpt } from '../../domain/redact';
import { failureGroup, HttpFailure } from '../../http/httpFailure';

export type SalesforceFailureKind =
  | 'sessionExpired' | 'apiDisabled' | 'requestLimit' | 'rateLimited' | 'notFound' | 'server' | 'unreachable' | 'timeout' | 'cancelled';

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
    switch (code) {
      case 'INVALID_SESSION_ID':
        return new SalesforceFailure('sessionExpired', 'The Salesforce session has expired or was revoked (INVALID_SESSION_ID). Sign in again.', code);
      case 'API_DISABLED_FOR_ORG':
        return new SalesforceFailure('apiDisabled', 'This user may not use the Salesforce API (API_DISABLED_FOR_ORG). Give the user\'s profile "API Enabled", or sign in as a user who has it.', code);
      case 'REQUEST_LIMIT_EXCEEDED':
        return new SalesforceFailure('requestLimit', 'The org has used up its daily API requests (REQUEST_LIMIT_EXCEEDED). Try again later or ask Salesforce for a higher limit.', code);
      case 'NOT_FOUND':
        return new SalesforceFailure('notFound', `Not found at ${instanceUrl} (NOT_FOUND). Check the instance URL.`, code);
    }
    if (code?.startsWith('ERROR_HTTP_')) {
      const detail = excerpt(e.message ?? '');
      return new SalesforceFailure('server', `${new URL(instanceUrl).host} answered with ${code.replace('ERROR_HTTP_', 'HTTP ')}${detail ? ` (${detail})` : ''}, not as Salesforce's REST API does. Check the instance URL.`, code);
    }
    if (code) return new SalesforceFailure('server', `Salesforce refused the request (${code}: ${excerpt(e.message ?? '')}).`, code);
    const message = error instanceof Error ? error.message : String(error);
    return new SalesforceFailure('server', `The request to ${new URL(instanceUrl).host} failed: ${excerpt(message)}.`);
  }
}
