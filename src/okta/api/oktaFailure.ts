/**
 * An Okta call that failed, with a message an admin can act on. Built from the SDK's
 * OktaApiError/HttpError (status, errorCode, errorSummary) or from a network error.
 */
import { redact } from '../../domain/redact';

export type OktaFailureKind =
  | 'unauthorized' | 'forbidden' | 'notFound' | 'invalid' | 'rateLimited' | 'server' | 'unreachable' | 'timeout' | 'cancelled';

interface SdkErrorShape {
  name?: string;
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  code?: string;
  type?: string;
  message?: string;
}

export class OktaFailure extends Error {
  constructor(readonly kind: OktaFailureKind, message: string, readonly errorCode?: string) {
    super(message);
    this.name = 'OktaFailure';
  }

  static from(error: unknown, orgUrl: string): OktaFailure {
    if (error instanceof OktaFailure) return error;
    const e = (error ?? {}) as SdkErrorShape;
    const summary = e.errorSummary ? redact(e.errorSummary) : undefined;
    const code = e.errorCode;
    if (e.name === 'AbortError' || e.type === 'aborted') return new OktaFailure('cancelled', 'Cancelled.');
    if (e.type === 'request-timeout' || /time exceeded|would exceed/.test(e.message ?? '')) {
      return new OktaFailure('timeout', `${orgUrl} did not answer in time. Check the network or raise "oktaSf.requestTimeoutSeconds".`);
    }
    switch (e.status) {
      case 401:
        return new OktaFailure('unauthorized', `Okta refused the API token (${code ?? 'HTTP 401'}). It may be revoked, expired or from another org: create a new token under Security → API → Tokens and connect again.`, code);
      case 403:
        return new OktaFailure('forbidden', `The token's admin is not allowed to do this (${code ?? 'HTTP 403'}${summary ? `: ${summary}` : ''}). Use a token of an admin who may read applications.`, code);
      case 404:
        return new OktaFailure('notFound', `Not found at ${orgUrl} (${code ?? 'HTTP 404'}). Check the org URL.`, code);
      case 429:
        return new OktaFailure('rateLimited', `Okta's rate limit was reached (${code ?? 'HTTP 429'}). Wait a minute and try again.`, code);
      case 400:
        return new OktaFailure('invalid', `Okta rejected the request (${code ?? 'HTTP 400'}${summary ? `: ${summary}` : ''}).`, code);
    }
    if (e.status && e.status >= 500) {
      return new OktaFailure('server', `Okta answered with an error (HTTP ${e.status}). Try again in a moment.`, code);
    }
    if (e.status) return new OktaFailure('server', `Unexpected answer from Okta (HTTP ${e.status}).`, code);
    return new OktaFailure('unreachable', `Cannot reach ${orgUrl} (${e.code ?? redact(e.message ?? 'network error')}). Check the org URL, the network and VS Code's proxy setting.`);
  }
}
