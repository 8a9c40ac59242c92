/**
 * A Salesforce call that failed, with a message an admin can act on. Built from jsforce's
 * HttpApiError (errorCode such as INVALID_SESSION_ID) or from a network error.
 */
import { redact } from '../../domain/redact';

export type SalesforceFailureKind =
  | 'sessionExpired' | 'apiDisabled' | 'requestLimit' | 'notFound' | 'server' | 'unreachable' | 'timeout' | 'cancelled';

interface JsforceErrorShape {
  errorCode?: string;
  message?: string;
  code?: string;
  cause?: { code?: string };
}

export class SalesforceFailure extends Error {
  constructor(readonly kind: SalesforceFailureKind, message: string, readonly errorCode?: string) {
    super(message);
    this.name = 'SalesforceFailure';
  }

  static from(error: unknown, instanceUrl: string): SalesforceFailure {
    if (error instanceof SalesforceFailure) return error;
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
      return new SalesforceFailure('server', `Salesforce answered with ${code.replace('ERROR_HTTP_', 'HTTP ')}. Check the instance URL, then try again.`, code);
    }
    if (code) return new SalesforceFailure('server', `Salesforce refused the request (${code}: ${redact(e.message ?? '')}).`, code);
    const networkCode = e.cause?.code ?? e.code;
    return new SalesforceFailure('unreachable', `Cannot reach ${instanceUrl} (${networkCode ?? redact(e.message ?? 'network error')}). Check the instance URL, the network and VS Code's proxy setting.`);
  }
}
