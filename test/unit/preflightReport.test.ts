// The pre-flight report: what runPreflight adds to the attribute rules (a missing mapping, an expression
// that does not parse, its verdict and exit code), and the text and JSON it is shown as.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatPreflightJson, formatPreflightText, type PreflightData, preflightExitCode, type PreflightSubject, runPreflight, type UserDescribeField,
} from '../../src/domain/preflight/preflight';

const field = (name: string, type: string, options: Partial<UserDescribeField> = {}): UserDescribeField => ({
  name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...options,
});

const userFields: UserDescribeField[] = [
  field('Username', 'string', { nillable: false, length: 80, unique: true, idLookup: true }),
  field('LastName', 'string', { nillable: false, length: 80 }),
  field('Email', 'email', { nillable: false, length: 128 }),
  field('FederationIdentifier', 'string', { length: 512, idLookup: true }),
  field('EmployeeNumber', 'string', { length: 20 }),
];

const subject: PreflightSubject = {
  oktaOrgUrl: 'https://acme.okta.com', app: { id: '0oa1', label: 'Salesforce.com', instanceType: 'PRODUCTION' }, salesforceOrgUrl: 'https://acme.my.salesforce.com',
};

function data(properties: Record<string, string>, attributes = Object.keys(properties)): PreflightData {
  return {
    appAttributes: Object.fromEntries(attributes.map((name) => [name, { type: 'string', maxLength: 20 }])),
    mapping: { id: 'prm1', properties: Object.fromEntries(Object.entries(properties).map(([target, expression]) => [target, { expression }])) },
    userFields,
  };
}

const good = { userName: 'user.login', lastName: 'user.lastName', email: 'user.email', federationId: 'user.login' };
const at = new Date('2026-12-02T10:00:00Z');

describe('provisioning pre-flight report', () => {
  it('passes with warnings when every required field is mapped, and resolves federationId to FederationIdentifier', () => {
    const report = runPreflight(subject, data(good), at);
    assert.equal(report.verdict, 'warnings');
    assert.equal(report.counts.error, 0);
    assert.equal(preflightExitCode(report), 0);
    assert.equal(report.mappedCount, 4);
    assert.ok(report.findings.some((f) => f.attribute === 'federationId' && f.salesforceField === 'FederationIdentifier' && f.code === 'collision-risk'));
    assert.equal(report.checkedAt, '2026-12-02T10:00:00.000Z');
  });

  it('reports an expression that does not parse at its position, and still checks the other attributes', () => {
    const report = runPreflight(subject, data({ ...good, lastName: 'String.substring(user.lastName, 0', employeeNumber: 'user.employeeNumber' }), at);
    const invalid = report.findings.find((f) => f.code === 'expression-invalid');
    assert.ok(invalid);
    assert.equal(invalid.severity, 'error');
    assert.equal(invalid.attribute, 'lastName');
    assert.equal(invalid.position, 'String.substring(user.lastName, 0'.length);
    assert.match(invalid.message, /does not parse: .*position 33/);
    assert.equal(report.verdict, 'fails');
    assert.equal(preflightExitCode(report), 1);
    // The rest is still checked: EmployeeNumber's length rule ran (20 fits 20, so no too-long), and the unique fields were seen.
    assert.ok(report.findings.some((f) => f.code === 'collision-risk' && f.salesforceField === 'Username'));
    const text = formatPreflightText(report);
    assert.match(text, /\n {6}String\.substring\(user\.lastName, 0\n {6} {33}\^\n/);
  });

  it('notes valid SpEL outside what a dry run evaluates without failing the app', () => {
    const report = runPreflight(subject, data({ ...good, federationId: 'T(java.lang.Math).random()' }), at);
    const note = report.findings.find((f) => f.attribute === 'federationId' && f.code === 'expression-unsupported');
    assert.equal(note?.severity, 'info');
    assert.equal(report.counts.error, 0);
  });

  it('warns when the app has no mapping from Okta users, and then every required field is unmapped', () => {
    const report = runPreflight(subject, { ...data(good), mapping: undefined }, at);
    assert.equal(report.verdict, 'warnings');
    assert.ok(report.findings.some((f) => f.code === 'mapping-missing' && f.severity === 'warning'));
    assert.deepEqual(report.findings.filter((f) => f.code === 'required-assignment-only').map((f) => f.salesforceField).sort(), ['Email', 'LastName']);
    assert.equal(report.mappingId, undefined);
  });

  it('orders errors before warnings before notes', () => {
    const report = runPreflight(subject, data({ ...good, lastName: '(' }), at);
    const order = report.findings.map((f) => ({ error: 0, warning: 1, info: 2 })[f.severity]);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.ok(order.includes(0) && order.includes(1) && order.includes(2));
  });

  it('keeps org text on one line in the text report and whole in JSON', () => {
    const label = `<b>Sales</b>\nERROR  forged line\u202e${'x'.repeat(5000)}`;
    const report = runPreflight({ ...subject, app: { ...subject.app, label } }, data({ ...good, [`evil\nline`]: 'user.login' }, [...Object.keys(good), 'evil\nline']), at);
    const text = formatPreflightText(report);
    assert.ok(!text.split('\n').some((l) => l.startsWith('ERROR  forged')));
    assert.ok(!text.includes('\u202e'));
    assert.ok(text.split('\n')[0].length < 400);
    assert.match(text, /<b>Sales<\/b>/);
    const json = JSON.parse(formatPreflightJson(report)) as { schemaVersion: number; subject: PreflightSubject; counts: Record<string, number> };
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.subject.app.label, label);
    assert.deepEqual(json.counts, report.counts);
  });
});
