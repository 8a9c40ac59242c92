// The dry run as text: the verdict (never "accepted" while a value was not evaluated), a field a line
// with its source and problems, and the org's values kept on one line.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserDescribeField } from '../../src/domain/preflight/attributeChecks';
import { type DryRunInput, planDryRun, withUniqueness } from '../../src/domain/preflight/dryRun';
import { dryRunCounts, dryRunVerdict, formatDryRunText } from '../../src/domain/preflight/dryRunReport';

const field = (name: string, type: string, options: Partial<UserDescribeField> = {}): UserDescribeField => ({
  name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...options,
});

const userFields: UserDescribeField[] = [
  field('Username', 'email', { nillable: false, length: 80, unique: true, idLookup: true }),
  field('LastName', 'string', { nillable: false, length: 80 }),
  field('EmployeeNumber', 'string', { length: 20 }),
];

function input(lastName: string, employeeNumber: string, login = 'ada@acme.example'): DryRunInput {
  return {
    appAttributes: { userName: { type: 'string' }, lastName: { type: 'string' }, employeeNumber: { type: 'string' } },
    mappings: [{ target: 'userName', expression: 'user.login' }, { target: 'lastName', expression: lastName }, { target: 'employeeNumber', expression: employeeNumber }],
    userFields,
    user: { id: '00u1', login, profile: { login, lastName: 'Okafor', employeeNumber: 'CONTRACTOR-2026-00012345' } },
  };
}

const subject = { app: { id: '0oa1', label: 'Salesforce.com' }, user: { id: '00u1', login: 'ada@acme.example' }, oktaOrgUrl: 'https://acme.okta.com', salesforceOrgUrl: 'https://acme.my.salesforce.com' };
const at = new Date('2026-12-02T10:00:00Z');

describe('dry run report', () => {
  it('says Salesforce would refuse a value that is too long, under its field', () => {
    const plan = planDryRun(input('user.lastName', 'user.employeeNumber'));
    assert.deepEqual(dryRunCounts(plan), { error: 1, warning: 0 });
    const text = formatDryRunText(subject, plan, at);
    assert.match(text, /^Salesforce would refuse this user \(1 error, 0 warnings\)\.$/m);
    assert.match(text, /^EmployeeNumber \(employeeNumber\) = "CONTRACTOR-2026-00012345"\n {2}mapped from "user\.employeeNumber"\n {2}ERROR STRING_TOO_LONG: /m);
    assert.match(text, /nothing was written to either org/);
  });

  it('never says "accept" while a value was not evaluated', () => {
    const plan = planDryRun(input('T(java.lang.Runtime)', '"E1"'));
    assert.equal(dryRunCounts(plan).error, 0);
    assert.match(dryRunVerdict(plan), /^No error found, but 1 value was not evaluated/);
    assert.match(formatDryRunText(subject, plan, at), /^LastName \(lastName\) = \(not evaluated at character 1: /m);
  });

  it('says Salesforce would accept a clean record, and names the unique values looked up', () => {
    const plan = planDryRun(input('user.lastName', '"E1"'));
    assert.equal(dryRunVerdict(plan), 'Salesforce would accept this user (0 errors, 0 warnings).');
    assert.match(formatDryRunText(subject, plan, at), /Unique values checked against the org's users \(one query\): Username\./);
  });

  it('turns a unique value another user holds into an error', () => {
    const plan = planDryRun(input('user.lastName', '"E1"'));
    const held = withUniqueness(plan, [{ id: '005x', username: 'ada@acme.example', isActive: false, matches: [{ field: 'Username', value: 'ada@acme.example' }] }]);
    assert.match(dryRunVerdict(held), /would refuse/);
  });

  it('keeps each value on one line and cut, whatever the org sent', () => {
    const hostile = `<script>x</script>\nERROR forged\u202e${'y'.repeat(10_000)}`;
    const text = formatDryRunText({ ...subject, user: { id: '00u1', login: hostile } }, planDryRun(input('"a\\nb"', `"${'z'.repeat(5000)}"`)), at);
    assert.ok(!text.split('\n').some((line) => line.startsWith('ERROR forged')));
    assert.ok(!text.includes('\u202e'));
    assert.ok(text.split('\n').every((line) => line.length < 1000));
    assert.match(text, /<script>x<\/script>/);
  });
});
