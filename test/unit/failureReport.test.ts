// What each failure cause means and how to fix it, the report as text and JSON, its exit code, and the
// --since window.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PreflightCode } from '../../src/domain/preflight/attributeChecks';
import { explainFailure, type FailureLink } from '../../src/domain/provisioningFailures/failureCauses';
import { type FailureGroup, moreUserLimit } from '../../src/domain/provisioningFailures/failureGroups';
import { type FailureCause } from '../../src/domain/provisioningFailures/failureReasons';
import { failureExitCode, formatFailureJson, formatFailureReport, parseSince } from '../../src/domain/provisioningFailures/failureReport';

function group(cause: FailureCause, options: Partial<FailureGroup> = {}): FailureGroup {
  return {
    key: `${cause}:${options.code ?? ''}:${options.field ?? ''}`, cause, count: 3, firstSeen: '2026-12-01T08:00:00.000Z', lastSeen: '2026-12-02T09:00:00.000Z',
    users: [{ id: '00u1', label: 'Jane Doe' }, { id: '00u2', label: 'John Roe' }], moreUsers: 0, sampleReason: `${options.code ?? 'X'}: sample`,
    eventTypes: ['application.provision.user.push'], severity: cause === 'rateLimited' ? 'warning' : 'error', ...options,
  };
}

const preflightCodes: readonly PreflightCode[] = [
  'field-missing', 'field-unknown', 'target-not-in-schema', 'not-createable', 'not-updateable', 'type-mismatch', 'type-unchecked', 'too-long',
  'length-unknown', 'required-unmapped', 'required-assignment-only', 'required-username', 'picklist-mismatch', 'picklist-unchecked',
  'reference-value', 'collision-risk', 'expression-invalid', 'expression-unsupported', 'mapping-missing',
];

/** Per cause: words the fix must hold, and the links it must offer (a dry run only where users are named). */
const expected: Record<FailureCause, { fix: RegExp; links: FailureLink['kind'][]; findingCode?: PreflightCode }> = {
  duplicateUsername: { fix: /unique across all Salesforce orgs/, links: ['preflight', 'dryRun'], findingCode: 'collision-risk' },
  duplicateValue: { fix: /build CommunityNickname from something unique/, links: ['preflight', 'dryRun'], findingCode: 'collision-risk' },
  validationRule: { fix: /Validation Rules/, links: ['dryRun'] },
  valueTooLong: { fix: /Alias to at most 8 characters.*String\.substring/, links: ['preflight', 'dryRun'], findingCode: 'too-long' },
  requiredFieldMissing: { fix: /profile mapping.*map EmailEncodingKey, LanguageLocaleKey/, links: ['preflight', 'dryRun'], findingCode: 'required-unmapped' },
  invalidEmail: { fix: /e-mail in Okta/, links: ['dryRun'] },
  fieldIntegrity: { fix: /e-mail-shaped format/, links: ['preflight', 'dryRun'], findingCode: 'reference-value' },
  invalidReference: { fix: /profile and role that exist in this org/, links: ['preflight', 'dryRun'], findingCode: 'reference-value' },
  licenseLimit: { fix: /free licenses.*or buy more/, links: [] },
  insufficientAccess: { fix: /profile audit/, links: ['audit'] },
  apiDisabled: { fix: /API Enabled/, links: ['audit'] },
  tokenExpired: { fix: /Configure API Integration.*Test API Credentials/, links: ['configureApiIntegration', 'testCredentials'] },
  rateLimited: { fix: /Okta retries/, links: [] },
  invalidMapping: { fix: /correct the expression/, links: ['preflight', 'dryRun'], findingCode: 'expression-invalid' },
  unknown: { fix: /reason above/, links: ['preflight', 'dryRun'] },
};

const fields: Partial<Record<FailureCause, string>> = { duplicateValue: 'CommunityNickname', valueTooLong: 'Alias', requiredFieldMissing: 'EmailEncodingKey, LanguageLocaleKey', invalidEmail: 'Email', fieldIntegrity: 'Username', invalidReference: 'ProfileId' };

describe('provisioning failure explanations', () => {
  for (const [cause, want] of Object.entries(expected) as [FailureCause, (typeof expected)[FailureCause]][]) {
    it(`${cause}: says what it means, what to change, and links to what helps`, () => {
      const explanation = explainFailure(group(cause, { field: fields[cause] }));
      assert.ok(explanation.title && explanation.meaning, 'a title and a meaning');
      assert.match(explanation.fix, want.fix);
      assert.deepEqual(explanation.links.map((link) => link.kind), want.links);
      const preflight = explanation.links.find((link) => link.kind === 'preflight');
      assert.equal(preflight?.findingCode, want.findingCode);
      if (preflight?.findingCode) assert.ok(preflightCodes.includes(preflight.findingCode), 'a real pre-flight finding code');
      const dryRun = explanation.links.find((link) => link.kind === 'dryRun');
      if (dryRun) assert.equal(dryRun.userId, '00u1', 'the dry run is for the first affected user');
    });
  }

  it('offers no dry run when no user is named, and shortens a field other than Alias to its own length', () => {
    const explanation = explainFailure(group('valueTooLong', { field: 'EmployeeNumber', users: [] }));
    assert.deepEqual(explanation.links, [{ kind: 'preflight', findingCode: 'too-long' }]);
    assert.match(explanation.fix, /value for EmployeeNumber to the field’s length/);
  });

  it('shows the raw reason of an unknown failure', () => {
    assert.match(explainFailure(group('unknown', { sampleReason: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access' })).meaning, /UNABLE_TO_LOCK_ROW: unable to obtain exclusive access/);
  });
});

const app = { id: '0oa1', label: 'Salesforce.com' };
const window = { since: '2026-11-25T10:00:00.000Z', until: '2026-12-02T10:00:00.000Z' };

describe('provisioning failure report', () => {
  it('gives the window, the total and each group with its counts, users, meaning, fix and commands', () => {
    const groups = [
      group('valueTooLong', { code: 'STRING_TOO_LONG', field: 'Alias', count: 14, users: Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, label: `Person ${i}` })), moreUsers: 3 }),
      group('licenseLimit', { code: 'LICENSE_LIMIT_EXCEEDED', count: 1, firstSeen: '2026-12-01T08:00:00.000Z', lastSeen: '2026-12-01T08:00:00.000Z' }),
    ];
    const text = formatFailureReport({ app, window, groups, total: 15 });
    const lines = text.split('\n');
    assert.equal(lines[0], 'Provisioning failures of Salesforce.com (0oa1), from 2026-11-25T10:00:00.000Z to 2026-12-02T10:00:00.000Z: 15 in 2 groups, worst first.');
    assert.ok(lines.includes('ERROR  Value too long for Alias (STRING_TOO_LONG)  [STRING_TOO_LONG · Alias]'));
    assert.ok(lines.includes('  14 failures, first 2026-12-01T08:00:00.000Z, last 2026-12-02T09:00:00.000Z.'));
    assert.ok(lines.includes('  Users (15): Person 0, Person 1, Person 2, Person 3, Person 4, Person 5, Person 6, Person 7, Person 8, Person 9 and 5 more'));
    assert.ok(lines.some((l) => /^ {2}Fix: .*Alias to at most 8 characters/.test(l)));
    assert.ok(lines.includes('  Helps: Run Provisioning Pre-flight…, Dry-Run Provisioning for a User…'));
    assert.ok(lines.includes('  1 failure, at 2026-12-01T08:00:00.000Z.'));
    assert.ok(text.indexOf('STRING_TOO_LONG') < text.indexOf('LICENSE_LIMIT_EXCEEDED'), 'groups in the order given');
    assert.equal(lines.filter((l) => l.startsWith('  Helps:')).length, 1, 'no command line for a cause no command helps');
    assert.ok(lines.includes('  Reason: STRING_TOO_LONG: sample'));
  });

  it('gives the reason once: not for an unknown cause (its meaning quotes it), not when Okta logged none', () => {
    const text = formatFailureReport({ app, window, groups: [group('unknown', { sampleReason: 'odd thing' }), group('tokenExpired', { sampleReason: '' })], total: 6 });
    assert.equal(text.split('odd thing').length, 2);
    assert.ok(!text.includes('Reason:'));
  });

  it('says a user count is a lower bound once the group stopped counting', () => {
    const text = formatFailureReport({ app, window, groups: [group('duplicateUsername', { users: [{ id: 'u', label: 'U' }], moreUsers: moreUserLimit })], total: 20_000 });
    assert.match(text, new RegExp(`Users \\(${moreUserLimit + 1}\\): U and at least ${moreUserLimit} more`));
  });

  it('keeps text from Okta on one line and cut, so it cannot forge report lines', () => {
    const hostile = group('unknown', { sampleReason: 'first\nERROR  forged line\r\n\u001b[2J<script>x</script>', users: [{ id: 'u', label: 'Eve\nFix: forged' }] });
    const text = formatFailureReport({ app: { id: '0oa1', label: 'App\nERROR  forged' }, window, groups: [hostile], total: 1 });
    assert.ok(!text.split('\n').some((l) => l.startsWith('ERROR  forged') || l.startsWith('Fix: forged')));
    assert.ok(!text.includes('\u001b'));
    assert.match(text, /Meaning: .*: first ERROR forged line \[2J<script>x<\/script>/, 'markup stays as text');
    const long = formatFailureReport({ app, window, groups: [group('unknown', { sampleReason: 'y'.repeat(5000) })], total: 1 });
    assert.ok(long.split('\n').every((l) => l.length < 1000));
  });

  it('says an empty window holds no failure, with the window', () => {
    assert.equal(formatFailureReport({ app, window, groups: [], total: 0 }),
      'Provisioning failures of Salesforce.com (0oa1), from 2026-11-25T10:00:00.000Z to 2026-12-02T10:00:00.000Z: none. Okta logged no provisioning error for this app in the window.\n');
  });

  it('writes JSON with schemaVersion 1, the groups whole and their explanation', () => {
    const g = group('tokenExpired', { code: 'INVALID_SESSION_ID' });
    const json = JSON.parse(formatFailureJson({ app, window, groups: [g], total: 3 })) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['schemaVersion', 'app', 'window', 'total', 'groups']);
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json.window, window);
    const [out] = json.groups as Record<string, unknown>[];
    assert.equal(out.code, 'INVALID_SESSION_ID');
    assert.deepEqual(out.users, g.users);
    assert.deepEqual(out.links, [{ kind: 'configureApiIntegration' }, { kind: 'testCredentials' }]);
    assert.match(String(out.fix), /Test API Credentials/);
  });

  it('exits 1 when the window holds failures, 0 when it holds none', () => {
    assert.equal(failureExitCode(0), 0);
    assert.equal(failureExitCode(1), 1);
    assert.equal(failureExitCode(10_000), 1);
  });
});

describe('--since', () => {
  const now = new Date('2026-12-02T10:00:00.000Z');
  it('reads spans in days, hours and minutes back from now', () => {
    assert.deepEqual(parseSince('7d', now), { since: '2026-11-25T10:00:00.000Z', until: '2026-12-02T10:00:00.000Z' });
    assert.deepEqual(parseSince('24h', now), { since: '2026-12-01T10:00:00.000Z', until: '2026-12-02T10:00:00.000Z' });
    assert.deepEqual(parseSince(' 30m ', now), { since: '2026-12-02T09:30:00.000Z', until: '2026-12-02T10:00:00.000Z' });
    assert.deepEqual(parseSince('90d', now), { since: '2026-09-03T10:00:00.000Z', until: '2026-12-02T10:00:00.000Z' });
  });

  it('reads an ISO 8601 date or date-time', () => {
    assert.deepEqual(parseSince('2026-12-01', now), { since: '2026-12-01T00:00:00.000Z', until: '2026-12-02T10:00:00.000Z' });
    assert.deepEqual(parseSince('2026-12-01T12:00:00+02:00', now), { since: '2026-12-01T10:00:00.000Z', until: '2026-12-02T10:00:00.000Z' });
  });

  it('refuses more than the 90 days the System Log keeps, saying so', () => {
    assert.match(String(parseSince('91d', now)), /more than 90 days; Okta's System Log keeps events for 90 days only/);
    assert.equal(typeof parseSince('2160h', now), 'object', '2,160 hours is 90 days: allowed');
    assert.equal(typeof parseSince('2161h', now), 'string');
    assert.match(String(parseSince('2026-01-01', now)), /90 days/);
  });

  it('refuses what is not a window, or not in the past', () => {
    for (const bad of ['', '7', 'd', '7w', '-7d', '7 d', 'last week', '2026-13-45', 'tomorrow']) {
      assert.match(String(parseSince(bad, now)), /is not a window: give a span such as 7d, 24h or 30m, or an ISO 8601 date/, bad);
    }
    assert.match(String(parseSince('0m', now)), /not in the past/);
    assert.match(String(parseSince('2026-12-03', now)), /not in the past/);
  });
});
