// The reason parser: Salesforce's error code, cause and field out of the text Okta logs, over reasons
// shaped as Salesforce writes them (its REST messages) and as Okta wraps them (Okta's wording around the
// code is our guess: "Automatic provisioning of user … to app Salesforce failed: Error while creating user: …").
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FailureCause, parseFailureReason, scanLimit } from '../../src/domain/provisioningFailures/failureReasons';

const okta = (salesforce: string) => `Automatic provisioning of user Jane Doe to app Salesforce failed: Error while creating user: ${salesforce}`;

const table: { reason: string; eventType?: string; cause: FailureCause; code?: string; field?: string }[] = [
  { reason: okta('DUPLICATE_USERNAME: Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations.'), cause: 'duplicateUsername', code: 'DUPLICATE_USERNAME' },
  { reason: okta('STRING_TOO_LONG: Alias: data value too large: janedoe123 (max length=8)'), cause: 'valueTooLong', code: 'STRING_TOO_LONG', field: 'Alias' },
  { reason: 'STRING_TOO_LONG: Employee Number: data value too large: 123456789012345678901 (max length=20)', cause: 'valueTooLong', code: 'STRING_TOO_LONG', field: 'Employee Number' },
  { reason: 'Error while updating user: STRING_TOO_LONG, <b>Nickname</b>: data value too large: xx', cause: 'valueTooLong', code: 'STRING_TOO_LONG', field: 'Nickname' },
  { reason: okta('REQUIRED_FIELD_MISSING: Required fields are missing: [LanguageLocaleKey, EmailEncodingKey]'), cause: 'requiredFieldMissing', code: 'REQUIRED_FIELD_MISSING', field: 'EmailEncodingKey, LanguageLocaleKey' },
  { reason: 'REQUIRED_FIELD_MISSING: Required fields are missing: [Alias]', cause: 'requiredFieldMissing', code: 'REQUIRED_FIELD_MISSING', field: 'Alias' },
  { reason: okta('INVALID_EMAIL_ADDRESS: Email: invalid email address: jane.doe@'), cause: 'invalidEmail', code: 'INVALID_EMAIL_ADDRESS', field: 'Email' },
  { reason: 'FIELD_INTEGRITY_EXCEPTION: Username must be in the form of an email address (for example, john@acme.com): [Username]', cause: 'fieldIntegrity', code: 'FIELD_INTEGRITY_EXCEPTION', field: 'Username' },
  { reason: 'first error: FIELD_INTEGRITY_EXCEPTION, Profile: id value of incorrect type: 00e000000000001AAA: [ProfileId]', cause: 'fieldIntegrity', code: 'FIELD_INTEGRITY_EXCEPTION', field: 'ProfileId' },
  { reason: okta('INVALID_CROSS_REFERENCE_KEY: invalid cross reference id: [ProfileId]'), cause: 'invalidReference', code: 'INVALID_CROSS_REFERENCE_KEY', field: 'ProfileId' },
  { reason: 'INVALID_CROSS_REFERENCE_KEY: invalid cross reference id', cause: 'invalidReference', code: 'INVALID_CROSS_REFERENCE_KEY' },
  { reason: okta('LICENSE_LIMIT_EXCEEDED: License Limit Exceeded'), cause: 'licenseLimit', code: 'LICENSE_LIMIT_EXCEEDED' },
  { reason: okta('DUPLICATE_VALUE: duplicate value found: CommunityNickname duplicates value on record with id: 005000000000001'), cause: 'duplicateValue', code: 'DUPLICATE_VALUE', field: 'CommunityNickname' },
  { reason: okta('FIELD_CUSTOM_VALIDATION_EXCEPTION: Department is required for employees'), cause: 'validationRule', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' },
  { reason: 'INSUFFICIENT_ACCESS: insufficient access rights on object id', cause: 'insufficientAccess', code: 'INSUFFICIENT_ACCESS' },
  { reason: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: insufficient access rights on cross-reference id', cause: 'insufficientAccess', code: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY' },
  { reason: 'INSUFFICIENT_ACCESS_OR_READONLY: insufficient access rights on object id', cause: 'insufficientAccess', code: 'INSUFFICIENT_ACCESS_OR_READONLY' },
  { reason: 'API_CURRENTLY_DISABLED: API is disabled for this User', cause: 'apiDisabled', code: 'API_CURRENTLY_DISABLED' },
  { reason: 'API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner', cause: 'apiDisabled', code: 'API_DISABLED_FOR_ORG' },
  { reason: 'INVALID_SESSION_ID: Session expired or invalid', cause: 'tokenExpired', code: 'INVALID_SESSION_ID' },
  { reason: '{"error":"invalid_grant","error_description":"expired access/refresh token"}', cause: 'tokenExpired', code: 'invalid_grant' },
  { reason: 'Salesforce answered: expired access/refresh token', cause: 'tokenExpired' },
  { reason: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.', cause: 'rateLimited', code: 'REQUEST_LIMIT_EXCEEDED' },
  { reason: '', eventType: 'application.integration.rate_limit_exceeded', cause: 'rateLimited' },
  { reason: 'Okta rate_limit_exceeded while pushing', cause: 'rateLimited' },
  { reason: 'Could not authenticate', eventType: 'application.integration.authentication_failure', cause: 'tokenExpired' },
  { reason: 'Expression user.foo could not be evaluated', eventType: 'application.appuser.mapping.invalid.expression', cause: 'invalidMapping' },
  // A known code wins over the event type; the first known code in the text wins over later ones.
  { reason: 'DUPLICATE_USERNAME: Duplicate Username.', eventType: 'application.integration.general_failure', cause: 'duplicateUsername', code: 'DUPLICATE_USERNAME' },
  { reason: 'SOME_OTHER_CODE then LICENSE_LIMIT_EXCEEDED: License Limit Exceeded, after that STRING_TOO_LONG', cause: 'licenseLimit', code: 'LICENSE_LIMIT_EXCEEDED' },
  // Unknown: no known code, Okta's own words, a code-like word that is not one of Salesforce's we know.
  { reason: okta('UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record'), cause: 'unknown' },
  { reason: 'The connection to Salesforce timed out.', eventType: 'application.provision.user.push', cause: 'unknown' },
  { reason: 'duplicate_username in lower case is not a Salesforce code', cause: 'unknown' },
  { reason: 'XDUPLICATE_USERNAME is part of another word', cause: 'unknown' },
  { reason: 'No such column Acme_DUPLICATE_USERNAME__c on entity User', cause: 'unknown' },
  { reason: 'No such column acmeDUPLICATE_USERNAME on entity User', cause: 'unknown' },
];

describe('provisioning failure reasons', () => {
  for (const row of table) {
    it(`${row.cause}${row.field ? ` (${row.field})` : ''}: ${row.reason.slice(0, 70) || row.eventType}`, () => {
      const parsed = parseFailureReason(row.reason, row.eventType);
      assert.equal(parsed.cause, row.cause);
      assert.equal(parsed.code, row.code);
      assert.equal(parsed.field, row.field);
    });
  }

  it("keeps Salesforce's message after the code as the detail", () => {
    const parsed = parseFailureReason(okta('LICENSE_LIMIT_EXCEEDED: License Limit Exceeded'));
    assert.equal(parsed.detail, 'License Limit Exceeded');
  });

  it('keeps an unknown reason whole as its detail, never dropped', () => {
    const reason = okta('UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record');
    assert.deepEqual(parseFailureReason(reason), { cause: 'unknown', detail: reason });
    assert.deepEqual(parseFailureReason(''), { cause: 'unknown', detail: '' });
  });

  it('reads markup as text and does not throw on input that is not a string', () => {
    const parsed = parseFailureReason('<script>alert(1)</script><b>STRING_TOO_LONG</b>: Alias: data value too large: <img src=x> (max length=8)');
    assert.equal(parsed.cause, 'valueTooLong');
    assert.equal(parsed.field, 'Alias');
    assert.deepEqual(parseFailureReason(undefined as unknown as string), { cause: 'unknown', detail: '' });
  });

  it('reads a code only in the first scanLimit characters, and keeps the whole long reason as detail', () => {
    const padding = 'x'.repeat(scanLimit);
    const late = `${padding} DUPLICATE_USERNAME: Duplicate Username.`;
    const parsed = parseFailureReason(late);
    assert.equal(parsed.cause, 'unknown');
    assert.equal(parsed.detail, late);
    assert.equal(parseFailureReason(`${'x'.repeat(scanLimit - 40)} DUPLICATE_USERNAME`).cause, 'duplicateUsername');
  });

  it('answers 100,000-character hostile reasons from their first scanLimit characters alone', () => {
    // Shapes that make a backtracking pattern quadratic: a long upper-case word with no underscore, a long
    // run of "A_" parts, an unclosed bracket list after a code, a long label before the phrase. Each gives
    // the same answer as its scanned prefix (with the test above: the rest is never read), so the work is
    // bounded by scanLimit whatever the length; the patterns themselves are linear (see firstKnownCode).
    const hostile = [
      'A'.repeat(100_000),
      'A_'.repeat(50_000),
      `REQUIRED_FIELD_MISSING: [${'Field, '.repeat(15_000)}`,
      `STRING_TOO_LONG: ${'a'.repeat(100_000)}: data value too large: x`,
      '<br>'.repeat(25_000),
      `${'@'.repeat(50_000)}${'1'.repeat(50_000)}`,
    ];
    for (const reason of hostile) {
      assert.equal(reason.length >= 100_000, true);
      const whole = parseFailureReason(reason);
      const prefix = parseFailureReason(reason.slice(0, scanLimit));
      assert.equal(whole.cause, prefix.cause);
      assert.equal(whole.code, prefix.code);
      assert.equal(whole.field, prefix.field);
    }
  });
});
