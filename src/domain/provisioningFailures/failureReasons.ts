/**
 * The cause behind one provisioning failure, read from the event's outcome reason: Okta passes
 * Salesforce's error on as text, e.g. "Automatic provisioning of user Jane Doe to app Salesforce failed:
 * Error while creating user: DUPLICATE_USERNAME: Duplicate Username.<br>…" (Okta's own wording around the
 * code is our guess; no Okta page documents it). Salesforce's part is its API error code followed by its
 * message: the codes are Salesforce's StatusCode and ExceptionCode values ("Core Data Types Used in API
 * Calls", "API Fault Element"; REST "Status Codes and Error Responses"), the messages as the REST API
 * returns them ({message, errorCode, fields}).
 *
 * The text comes from outside and may be anything (markup, 100,000 characters, no Salesforce code at all):
 * only its first `scanLimit` characters are read, with patterns that cannot backtrack, and nothing throws.
 */

export type FailureCause =
  | 'duplicateUsername' | 'duplicateValue' | 'validationRule' | 'valueTooLong' | 'requiredFieldMissing' | 'invalidEmail' | 'fieldIntegrity'
  | 'invalidReference' | 'licenseLimit' | 'insufficientAccess' | 'apiDisabled' | 'tokenExpired'
  | 'rateLimited' | 'invalidMapping' | 'unknown';

export interface ParsedReason {
  cause: FailureCause;
  /** Salesforce's error code as found in the text (or the OAuth error, e.g. invalid_grant). */
  code?: string;
  /** The field(s) the error names: "Alias", or "EmailEncodingKey, LanguageLocaleKey" (sorted). */
  field?: string;
  /** Salesforce's message after the code; for an unknown cause the whole reason, never dropped. */
  detail: string;
}

/** How much of a reason is read. Salesforce's messages are short; the code comes near the start. */
export const scanLimit = 8192;
/** How much of the message after a code is taken as its detail and searched for a field. */
const segmentLimit = 600;

/**
 * Salesforce codes and the cause each stands for. Sources: StatusCode (DUPLICATE_USERNAME, STRING_TOO_LONG,
 * REQUIRED_FIELD_MISSING, INVALID_EMAIL_ADDRESS, FIELD_INTEGRITY_EXCEPTION, INVALID_CROSS_REFERENCE_KEY,
 * LICENSE_LIMIT_EXCEEDED, INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY, INSUFFICIENT_ACCESS_OR_READONLY,
 * DUPLICATE_VALUE: a unique field such as CommunityNickname or FederationIdentifier, FIELD_CUSTOM_VALIDATION_EXCEPTION:
 * a validation rule of the org's own) and
 * ExceptionCode (API_CURRENTLY_DISABLED, API_DISABLED_FOR_ORG, INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED,
 * INSUFFICIENT_ACCESS) in Salesforce's partner WSDL ("Core Data Types Used in API Calls").
 */
function causeOfCode(code: string): FailureCause | undefined {
  switch (code) {
    case 'DUPLICATE_USERNAME': return 'duplicateUsername';
    case 'DUPLICATE_VALUE': return 'duplicateValue';
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION': return 'validationRule';
    case 'STRING_TOO_LONG': return 'valueTooLong';
    case 'REQUIRED_FIELD_MISSING': return 'requiredFieldMissing';
    case 'INVALID_EMAIL_ADDRESS': return 'invalidEmail';
    case 'FIELD_INTEGRITY_EXCEPTION': return 'fieldIntegrity';
    case 'INVALID_CROSS_REFERENCE_KEY': return 'invalidReference';
    case 'LICENSE_LIMIT_EXCEEDED': return 'licenseLimit';
    case 'API_CURRENTLY_DISABLED': case 'API_DISABLED_FOR_ORG': return 'apiDisabled';
    case 'INVALID_SESSION_ID': return 'tokenExpired';
    case 'REQUEST_LIMIT_EXCEEDED': return 'rateLimited';
  }
  // INSUFFICIENT_ACCESS, INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY, INSUFFICIENT_ACCESS_OR_READONLY, …
  return code.startsWith('INSUFFICIENT_ACCESS') ? 'insufficientAccess' : undefined;
}

/**
 * Lower-case words that carry a cause without a Salesforce code: Salesforce's OAuth token endpoint answers
 * `{"error":"invalid_grant","error_description":"expired access/refresh token"}` for a revoked or expired
 * refresh token (Salesforce help "OAuth 2.0 Refresh Token Flow"; the wording as simple-salesforce and jsforce
 * users report it), and Okta names its own rate limit `rate_limit_exceeded` (as the event type does).
 */
const phrases: readonly { needle: string; cause: FailureCause; code?: string }[] = [
  { needle: 'invalid_grant', cause: 'tokenExpired', code: 'invalid_grant' },
  { needle: 'expired access/refresh token', cause: 'tokenExpired' },
  { needle: 'rate_limit_exceeded', cause: 'rateLimited' },
];

/**
 * Integration events say their cause by their type. authentication_failure and a configuration.update
 * error both mean Okta's stored Salesforce credentials no longer work: re-authenticate (our reading of
 * Okta's "Provisioning Integration Error Events").
 */
function causeOfEventType(eventType: string | undefined): FailureCause | undefined {
  switch (eventType) {
    case 'application.integration.rate_limit_exceeded': return 'rateLimited';
    case 'application.integration.authentication_failure': return 'tokenExpired';
    case 'application.configuration.update': return 'tokenExpired';
    case 'application.appuser.mapping.invalid.expression': return 'invalidMapping';
    default: return undefined;
  }
}

/** Reads the cause, code and field of a reason; the event type decides when the text names no known code. */
export function parseFailureReason(reason: string, eventType?: string): ParsedReason {
  const text = typeof reason === 'string' ? reason : '';
  const scanned = text.slice(0, scanLimit);
  const found = firstKnownCode(scanned);
  if (found) {
    const segment = messageAfter(scanned, found.end);
    const field = fieldOf(found.code, segment);
    return { cause: found.cause, code: found.code, ...(field ? { field } : {}), detail: segment || text };
  }
  const lower = scanned.toLowerCase();
  const phrase = phrases.find((p) => lower.includes(p.needle));
  if (phrase) return { cause: phrase.cause, ...(phrase.code ? { code: phrase.code } : {}), detail: text };
  const byType = causeOfEventType(eventType);
  return { cause: byType ?? 'unknown', detail: text };
}

/**
 * The first UPPER_SNAKE word (two parts at least) with a known cause. The pattern has no nested choice
 * between overlapping parts (each `_` starts a new part), so it runs in linear time.
 */
function firstKnownCode(text: string): { code: string; cause: FailureCause; end: number } | undefined {
  const words = /(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])/g;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    const cause = causeOfCode(match[0]);
    if (cause) return { code: match[0], cause, end: match.index + match[0].length };
  }
  return undefined;
}

/** Salesforce's message after its code: "CODE: message" (REST) or "CODE, message" (Apex's DmlException). */
function messageAfter(text: string, from: number): string {
  return text.slice(from, from + segmentLimit).replace(/^[\s:,-]+/, '').trim();
}

/**
 * The field a message names. STRING_TOO_LONG says "Alias: data value too large: …" and INVALID_EMAIL_ADDRESS
 * "Email: invalid email address: …" (the field's label, which for these standard fields is its name);
 * REQUIRED_FIELD_MISSING, FIELD_INTEGRITY_EXCEPTION and INVALID_CROSS_REFERENCE_KEY list fields in brackets,
 * "Required fields are missing: [EmailEncodingKey, LanguageLocaleKey]" (REST's `fields`, as Apex prints them).
 */
function fieldOf(code: string, segment: string): string | undefined {
  // DUPLICATE_VALUE: "duplicate value found: CommunityNickname duplicates value on record with id: 005…".
  if (code === 'DUPLICATE_VALUE') return /found: ([A-Za-z][A-Za-z0-9_]{0,79}) duplicates/.exec(segment)?.[1];
  const labelled = labelBefore(segment, code === 'INVALID_EMAIL_ADDRESS' ? ': invalid email address' : ': data value too large');
  if (labelled) return labelled;
  const list = /\[([A-Za-z][A-Za-z0-9_.]*(?:, ?[A-Za-z][A-Za-z0-9_.]*)*)\]/.exec(segment)?.[1];
  return list ? list.split(',').map((name) => name.trim()).sort().join(', ') : undefined;
}

/**
 * "Alias" in "Alias: data value too large": the label between the code and the phrase ("Employee Number"
 * for a label of two words), or else the word just before the phrase, when it looks like a name.
 */
function labelBefore(segment: string, phrase: string): string | undefined {
  const at = segment.toLowerCase().indexOf(phrase);
  if (at <= 0) return undefined;
  const whole = segment.slice(0, at).trim();
  if (whole.length <= 80 && /^[A-Za-z][A-Za-z0-9_ ]*$/.test(whole)) return whole;
  // Okta may wrap the label in markup ("<b>Nickname</b>"): tags are not names.
  const before = segment.slice(Math.max(0, at - 80), at).replace(/<\/?[A-Za-z]{1,10}>/g, ' ').trimEnd();
  return /([A-Za-z][A-Za-z0-9_]*)$/.exec(before)?.[1];
}
