/**
 * An Okta call that failed, with a message an admin can act on. Built from the request policy's
 * HttpFailure (the network, timeouts, HTML pages, redirects, 429/5xx after retries) or from the
 * SDK's OktaApiError/HttpError (status, errorCode, errorSummary).
 */
import { excerpt } from '../../domain/redact';
import { failureGroup, HttpFailure } from '../../http/httpFailure';

export type OktaFailureKind =
  | 'unauthorized' | 'forbidden' | 'notFound' | 'invalid' | 'rateLimited' | 'server' | 'unreachable' | 'timeout' | 'cancelled';

interface SdkErrorShape {
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  message?: string;
}

export class OktaFailure extends Error {
  constructor(readonly kind: OktaFailureKind, message: string, readonly errorCode?: string) {
    super(message);
    this.name = 'OktaFailure';
  }

  static from(error: unknown, orgUrl: string): OktaFailure {
    if (error instanceof OktaFailure) return error;
    if (error instanceof HttpFailure) return new OktaFailure(failureGroup(error), error.message);
    const e = (error ?? {}) as SdkErrorShape;
    const summary = e.errorSummary ? excerpt(e.errorSummary) : undefined;
    const code = e.errorCode;
    switch (e.status) {
      case 401:
        return new OktaFailure('unauthorized', `Okta refused the API token (${code ?? 'HTTP 401'}). It may be revoked, expired or from another org: create a new token under Security → API → Tokens and connect again.`, code);
      case 403:
        return new OktaFailure('forbidden', `The token's admin is not allowed to do this (${code ?? 'HTTP 403'}${summary ? `: ${summary}` : ''}). Use a token of an admin who may read applications.`, code);
      case 404:
        return new OktaFailure('notFound', `Not found at ${orgUrl} (${code ?? 'HTTP 404'}). Check the org URL.`, code);
      case 400:
        return new OktaFailure('invalid', `Okta rejected the request (${code ?? 'HTTP 400'}${summary ? `: ${summary}` : ''}).`, code);
    }
    if (e.status) return new OktaFailure('server', `Unexpected answer from Okta (HTTP ${e.status}${summary ? `: ${summary}` : ''}).`, code);
    return new OktaFailure('server', `The request to ${orgUrl} failed: ${excerpt(e.message ?? String(error))}.`);
  }
}
