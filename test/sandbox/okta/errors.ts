// Okta's error answers: the Management API's error object (spec schema Error, summaries from the
// spec's examples) and the OAuth 2.0 endpoints' RFC 6749 errors.
import { randomBytes } from 'node:crypto';
import { type SandboxResponse } from '../httpServer';

const errors = {
  E0000001: [400, 'Api validation failed: {0}'],
  // A guess for bodies over the sandbox's size limit (with status 413), which Okta does not document.
  E0000003: [400, 'The request body was not well-formed.'],
  E0000006: [403, 'You do not have permission to perform the requested action'],
  E0000007: [404, 'Not found: {0}'],
  E0000009: [500, 'Internal Server Error'],
  E0000010: [503, 'Service is temporarily unavailable'],
  E0000011: [401, 'Invalid token provided'],
  // A guess: the spec documents no error for a malformed filter or search; Okta's error-code list
  // gives E0000031 "Invalid search criteria." for them.
  E0000031: [400, 'Invalid search criteria.'],
  E0000047: [429, 'API call exceeded rate limit due to too many requests.'],
  // Okta's Apps API reference (okta/okta-developer-docs, reference/api/apps, "Delete application"): deleting an ACTIVE app.
  E0000056: [403, 'Delete application forbidden.'],
} as const;

export type OktaErrorCode = keyof typeof errors;

export function oktaError(code: OktaErrorCode, detail = '', causes: string[] = []): SandboxResponse {
  const [status, summary] = errors[code];
  return {
    status,
    body: {
      errorCode: code, errorSummary: summary.replace('{0}', detail), errorLink: code,
      errorId: `oae${randomBytes(16).toString('base64url').slice(0, 22)}`, errorCauses: causes.map((errorSummary) => ({ errorSummary })),
    },
  };
}

/** Thrown from anywhere in a handler to answer with an Okta error (oktaRoute.ts catches it). */
export class OktaRefusal extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`refused with ${response.status}`);
  }
}

/** 404 as Okta words it: "Not found: Resource not found: 0oa… (AppInstance)". */
export function notFound(id: string, type: string): SandboxResponse {
  return oktaError('E0000007', `Resource not found: ${id} (${type})`);
}

/** 400 E0000001 for one invalid field, the way the spec's examples name it. */
export function invalid(field: string, ...causes: string[]): SandboxResponse {
  return oktaError('E0000001', field, causes);
}

export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    body: { error, error_description: description },
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
  };
}
