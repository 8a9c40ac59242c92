// The dry run for one user: a sandbox-like Salesforce app and a user whose push Salesforce accepts, then one
// row per trap (a value too long, a picklist value Salesforce lacks, a required field nobody sets, expressions
// that are not evaluated or do not parse), the org's answer on unique values, and hostile input.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppAttributeMapping } from '../../src/domain/preflight/attributeChecks';
import { type DryRunInput, type DryRunRow, type DryRunUserField, planDryRun, withUniqueness } from '../../src/domain/preflight/dryRun';

const sfField = (name: string, type: string, options: Partial<DryRunUserField> = {}): DryRunUserField => ({
  name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...options,
});
const required = { nillable: false };
const values = (...v: string[]) => v.map((value) => ({ value, active: true }));
const restricted = (...v: string[]) => ({ ...required, length: 40, restrictedPicklist: true, picklistValues: values(...v) });

/** User describe as the sandbox serves it (the fields the rows use). */
const userFields: DryRunUserField[] = [
  sfField('Id', 'id', { createable: false, updateable: false, nillable: false, defaultedOnCreate: true, length: 18, idLookup: true }),
  sfField('Username', 'string', { ...required, length: 80, unique: true, idLookup: true }),
  sfField('LastName', 'string', { ...required, length: 80 }),
  sfField('FirstName', 'string', { length: 40 }),
  sfField('Email', 'email', { ...required, length: 128 }),
  sfField('Alias', 'string', { ...required, length: 8 }),
  sfField('CommunityNickname', 'string', { ...required, length: 40, defaultedOnCreate: true, unique: true, idLookup: true }),
  sfField('ProfileId', 'reference', { ...required, length: 18, referenceTo: ['Profile'] }),
  sfField('ManagerId', 'reference', { length: 18, referenceTo: ['User'] }),
  sfField('IsActive', 'boolean', { nillable: false, defaultedOnCreate: true }),
  sfField('TimeZoneSidKey', 'picklist', restricted('America/Los_Angeles', 'Asia/Kolkata', 'Europe/Paris')),
  sfField('LocaleSidKey', 'picklist', restricted('en_US', 'fr_FR')),
  sfField('EmailEncodingKey', 'picklist', restricted('UTF-8')),
  sfField('LanguageLocaleKey', 'picklist', restricted('en_US')),
  sfField('EmployeeNumber', 'string', { length: 20 }),
  sfField('FederationIdentifier', 'string', { length: 512, idLookup: true }),
  sfField('Department', 'string', { length: 80 }),
  sfField('Name', 'string', { length: 121, createable: false, updateable: false }),
  sfField('StartDate__c', 'date'),
  sfField('Seats__c', 'int'),
  sfField('Region__c', 'picklist', { restrictedPicklist: false, picklistValues: [...values('EMEA'), { value: 'APAC', active: false }] }),
];

const str = (maxLength: number) => ({ type: 'string', maxLength });

/** The sandbox's Salesforce app: its schema and Okta → app mapping. */
const appAttributes: Record<string, Record<string, unknown>> = {
  userName: str(80), lastName: str(80), firstName: str(40), email: str(128), alias: str(8), communityNickname: str(40),
  profile: str(80), timeZoneSidKey: str(40), localeSidKey: str(40), emailEncodingKey: str(40), languageLocaleKey: str(40),
  employeeNumber: str(40), federationIdentifier: str(512),
};
const m = (target: string, expression: string): AppAttributeMapping => ({ target, expression, pushStatus: 'PUSH' });
const mappings: AppAttributeMapping[] = [
  m('lastName', 'user.lastName'), m('firstName', 'user.firstName'), m('email', 'user.email'),
  m('alias', 'String.toLowerCase(String.substring(user.firstName, 0, 1) + String.substring(user.lastName, 0, 7))'),
  m('communityNickname', 'String.substringBefore(user.login, "@")'),
  m('timeZoneSidKey', 'user.timezone'), m('localeSidKey', 'user.locale'), m('emailEncodingKey', '"UTF-8"'), m('languageLocaleKey', '"en_US"'),
  m('employeeNumber', 'user.employeeNumber'), m('federationIdentifier', 'user.login'),
];
const profile = {
  firstName: 'Grace', lastName: 'Hopperman', email: 'grace.hopper@example.com', login: 'grace.hopper@example.com',
  timezone: 'Europe/Paris', locale: 'fr_FR', employeeNumber: 'E-1906',
};

function input(changes: Partial<DryRunInput> = {}, userProfile: Record<string, unknown> = {}): DryRunInput {
  return {
    appAttributes, mappings, userFields,
    user: { id: '00u1', login: 'grace.hopper@example.com', profile: { ...profile, ...userProfile } },
    appUser: { profile: 'Standard User', userName: 'grace.hopper@example.com.sandbox' },
    ...changes,
  };
}

const row = (rows: DryRunRow[], field: string) => {
  const found = rows.find((r) => r.field === field);
  assert.ok(found, `a row for ${field}`);
  return found;
};
const value = (r: DryRunRow) => (r.outcome.kind === 'value' ? r.outcome.value : r.outcome);
const codes = (r: DryRunRow) => r.problems.map((p) => `${p.severity}:${p.code}`);

describe('dry run: a user Salesforce accepts', () => {
  const plan = planDryRun(input());

  it('evaluates every mapping for the user and has no error', () => {
    const expected: [string, unknown, DryRunRow['source']][] = [
      ['Alias', 'ghopperm', 'mapping'],
      ['CommunityNickname', 'grace.hopper', 'mapping'],
      ['Email', 'grace.hopper@example.com', 'mapping'],
      ['EmailEncodingKey', 'UTF-8', 'mapping'],
      ['TimeZoneSidKey', 'Europe/Paris', 'mapping'],
      ['EmployeeNumber', 'E-1906', 'mapping'],
      ['ProfileId', 'Standard User', 'assignment'],
      ['Username', 'grace.hopper@example.com.sandbox', 'app username'],
    ];
    for (const [field, v, source] of expected) {
      const r = row(plan.rows, field);
      assert.deepEqual([value(r), r.source], [v, source], field);
    }
    assert.deepEqual(plan.rows.flatMap((r) => r.problems.filter((p) => p.severity === 'error').map((p) => `${r.field}:${p.code}`)), []);
    assert.equal(row(plan.rows, 'Alias').expression, mappings[3].expression);
  });

  it('says a profile name is resolved by Okta (info), and sorts required fields first, then by field', () => {
    assert.deepEqual(codes(row(plan.rows, 'ProfileId')), ['info:name-resolved-by-okta']);
    const fields = plan.rows.map((r) => r.field);
    assert.deepEqual(fields, ['Alias', 'Email', 'EmailEncodingKey', 'LanguageLocaleKey', 'LastName', 'LocaleSidKey', 'ProfileId', 'TimeZoneSidKey', 'Username',
      'CommunityNickname', 'EmployeeNumber', 'FederationIdentifier', 'FirstName']);
  });

  it('lists the unique and idLookup values to look up in the org', () => {
    assert.deepEqual(plan.uniqueChecks, [
      { field: 'Username', value: 'grace.hopper@example.com.sandbox', unique: true },
      { field: 'CommunityNickname', value: 'grace.hopper', unique: true },
      { field: 'FederationIdentifier', value: 'grace.hopper@example.com', unique: false },
    ]);
  });

  it('takes the Okta login as the app username when the user is not assigned, and leaves appuser expressions unevaluated', () => {
    const unassigned = planDryRun(input({ appUser: undefined, mappings: [...mappings, m('profile', 'appuser.profile')] }));
    assert.deepEqual([value(row(unassigned.rows, 'Username')), row(unassigned.rows, 'Username').source], ['grace.hopper@example.com', 'app username']);
    assert.equal(row(unassigned.rows, 'ProfileId').outcome.kind, 'notEvaluated');
  });

  it('lets a mapping win over the value the assignment holds for the same attribute', () => {
    const plan2 = planDryRun(input({ appUser: { profile: 'Standard User', employeeNumber: 'OLD-1' } }));
    assert.deepEqual(plan2.rows.filter((r) => r.field === 'EmployeeNumber').map((r) => [r.source, value(r)]), [['mapping', 'E-1906']]);
  });

  it('uses a mapping to userName rather than the app username', () => {
    const plan2 = planDryRun(input({ mappings: [...mappings, m('userName', 'user.email + ".prod"')] }));
    const usernames = plan2.rows.filter((r) => r.field === 'Username');
    assert.deepEqual(usernames.map((r) => [r.source, value(r)]), [['mapping', 'grace.hopper@example.com.prod']]);
  });
});

describe('dry run: one trap a row', () => {
  const cases: { name: string; change?: Partial<DryRunInput>; profile?: Record<string, unknown>; field: string; expect: string[]; outcome?: unknown }[] = [
    { name: 'employeeNumber of 24 characters against 20', profile: { employeeNumber: 'EMP-2024-000000000012345' }, field: 'EmployeeNumber', expect: ['error:STRING_TOO_LONG'] },
    { name: 'exactly 20 characters fits', profile: { employeeNumber: 'EMP-2024-00000000001' }, field: 'EmployeeNumber', expect: [] },
    { name: 'an emoji counts as two characters (UTF-16)', profile: { employeeNumber: `${'E'.repeat(19)}😀` }, field: 'EmployeeNumber', expect: ['error:STRING_TOO_LONG'] },
    { name: 'time zone Asia/Calcutta, not in the restricted picklist', profile: { timezone: 'Asia/Calcutta' }, field: 'TimeZoneSidKey', expect: ['error:INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'] },
    { name: 'a required field mapped to an absent attribute', profile: { lastName: null }, field: 'LastName', expect: ['error:REQUIRED_FIELD_MISSING'], outcome: null },
    { name: 'an empty string on a required field', profile: { email: '' }, field: 'Email', expect: ['error:REQUIRED_FIELD_MISSING'] },
    { name: 'an e-mail without a domain', profile: { email: 'grace@localhost' }, field: 'Email', expect: ['error:INVALID_EMAIL_ADDRESS'] },
    { name: 'a non-e-mail app username', change: { appUser: { userName: 'ghopper' } }, field: 'Username', expect: ['error:username-not-email'] },
    { name: 'a manager given as a login, not an Id', change: { mappings: [...mappings, m('managerId', 'user.manager')], appAttributes: { ...appAttributes, managerId: str(18) } }, profile: { manager: 'boss@example.com' }, field: 'ManagerId', expect: ['warning:not-an-id'] },
    { name: 'a manager given as an 18-character Id', change: { mappings: [...mappings, m('managerId', 'user.manager')], appAttributes: { ...appAttributes, managerId: str(18) } }, profile: { manager: '005000000000001AAA' }, field: 'ManagerId', expect: [] },
    { name: 'a profile given as an Id', change: { appUser: { profile: '00e000000000001' } }, field: 'ProfileId', expect: [] },
    { name: 'a boolean field given text', change: { mappings: [...mappings, m('isActive', 'user.active')], appAttributes: { ...appAttributes, isActive: { type: 'boolean' } } }, profile: { active: 'yes' }, field: 'IsActive', expect: ['error:INVALID_TYPE_ON_FIELD_IN_RECORD'] },
    { name: 'a date field given a US date', change: { mappings: [...mappings, m('startDate', 'user.start')], appAttributes: { ...appAttributes, startDate: { type: 'string', externalName: 'StartDate__c' } } }, profile: { start: '12/02/2026' }, field: 'StartDate__c', expect: ['error:INVALID_TYPE_ON_FIELD_IN_RECORD'] },
    { name: 'a date field given an ISO date', change: { mappings: [...mappings, m('startDate', 'user.start')], appAttributes: { ...appAttributes, startDate: { type: 'string', externalName: 'StartDate__c' } } }, profile: { start: '2026-12-02' }, field: 'StartDate__c', expect: [] },
    { name: 'an int field given a fraction', change: { mappings: [...mappings, m('seats', 'user.seats')], appAttributes: { ...appAttributes, seats: { type: 'number', externalName: 'Seats__c' } } }, profile: { seats: 2.5 }, field: 'Seats__c', expect: ['error:INVALID_TYPE_ON_FIELD_IN_RECORD'] },
    { name: 'an inactive value of an unrestricted picklist', change: { mappings: [...mappings, m('region', 'user.region')], appAttributes: { ...appAttributes, region: { type: 'string', externalName: 'Region__c' } } }, profile: { region: 'APAC' }, field: 'Region__c', expect: ['warning:picklist-value-unknown'] },
    { name: 'a mapping to a field the describe lacks', change: { mappings: [...mappings, m('costCenter', 'user.costCenter')], appAttributes: { ...appAttributes, costCenter: { type: 'string', externalName: 'CostCenter__c' } } }, profile: { costCenter: 'CC1' }, field: 'CostCenter__c', expect: ['error:INVALID_FIELD'] },
    { name: 'a mapping to a field Salesforce does not let the API create', change: { mappings: [...mappings, m('name', 'user.displayName')], appAttributes: { ...appAttributes, name: { type: 'string' } } }, profile: { displayName: 'G H' }, field: 'Name', expect: ['error:INVALID_FIELD_FOR_INSERT_UPDATE'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = row(planDryRun(input(c.change, c.profile)).rows, c.field);
      assert.deepEqual(codes(r), c.expect);
      if ('outcome' in c) assert.deepEqual(value(r), c.outcome);
    });
  }

  it('reports a required field absent from schema and mapping as a missing row with an error', () => {
    const schema = Object.fromEntries(Object.entries(appAttributes).filter(([name]) => name !== 'emailEncodingKey'));
    const plan = planDryRun(input({ appAttributes: schema, mappings: mappings.filter((x) => x.target !== 'emailEncodingKey') }));
    const r = row(plan.rows, 'EmailEncodingKey');
    assert.deepEqual([r.source, r.outcome, r.attribute, codes(r)], ['none', { kind: 'missing' }, undefined, ['error:REQUIRED_FIELD_MISSING']]);
    assert.match(r.problems[0].message, /Required fields are missing: \[EmailEncodingKey\]/);
    // CommunityNickname is defaulted on create: leaving it out is no error.
    const noNick = planDryRun(input({ mappings: mappings.filter((x) => x.target !== 'communityNickname') }));
    assert.equal(noNick.rows.some((x) => x.field === 'CommunityNickname'), false);
  });

  it('names the schema attribute of a required field that nothing sets', () => {
    const plan = planDryRun(input({ appUser: { userName: 'grace.hopper@example.com' } }));
    const r = row(plan.rows, 'ProfileId');
    assert.deepEqual([r.attribute, r.outcome.kind, codes(r)], ['profile', 'missing', ['error:REQUIRED_FIELD_MISSING']]);
  });

  it('shows an expression it does not evaluate, and a parse error, with their positions; other rows go on', () => {
    const plan = planDryRun(input({ mappings: [...mappings.filter((x) => !['alias', 'department'].includes(x.target)),
      m('alias', 'user.getGroups()'), m('department', 'user.department +')], appAttributes: { ...appAttributes, department: str(80) } }));
    const alias = row(plan.rows, 'Alias');
    assert.equal(alias.outcome.kind, 'notEvaluated');
    assert.equal(alias.outcome.kind === 'notEvaluated' && alias.outcome.position, 5);
    assert.equal(alias.expression, 'user.getGroups()');
    const department = row(plan.rows, 'Department');
    assert.equal(department.outcome.kind, 'error');
    assert.equal(department.outcome.kind === 'error' && department.outcome.position, 'user.department +'.length);
    assert.deepEqual([alias.problems, department.problems], [[], []]);
    assert.equal(value(row(plan.rows, 'Email')), 'grace.hopper@example.com');
  });
});

describe('dry run: the org\'s answer on unique values', () => {
  const plan = planDryRun(input());
  const errorsOf = (p: typeof plan) => p.rows.flatMap((r) => r.problems.filter((x) => x.severity !== 'info').map((x) => `${r.field}:${x.severity}:${x.code}`));

  it('marks a value an existing user holds: an error for unique fields, a warning for idLookup only', () => {
    const answered = withUniqueness(plan, [
      { id: '005A', username: 'old.grace@example.com', isActive: false, matches: [{ field: 'CommunityNickname', value: 'grace.hopper' }, { field: 'FederationIdentifier', value: 'grace.hopper@example.com' }] },
      { id: '005B', username: 'grace.hopper@example.com.sandbox', isActive: true, matches: [{ field: 'Username', value: 'grace.hopper@example.com.sandbox' }] },
    ]);
    assert.deepEqual(errorsOf(answered), ['Username:error:DUPLICATE_USERNAME', 'CommunityNickname:error:DUPLICATE_VALUE', 'FederationIdentifier:warning:id-lookup-match']);
    const nick = row(answered.rows, 'CommunityNickname').problems[0].message;
    assert.match(nick, /"old\.grace@example\.com" \(inactive\)/);
    assert.match(row(answered.rows, 'Username').problems[0].message, /\(active\)/);
    assert.deepEqual(answered.rows.map((r) => r.field), plan.rows.map((r) => r.field));
    assert.deepEqual(errorsOf(plan), [], 'the plan itself is left as it was');
  });

  it('ignores a holder whose match is for another field or value', () => {
    const answered = withUniqueness(plan, [{ id: '005C', username: 'x@example.com', isActive: true, matches: [{ field: 'CommunityNickname', value: 'grace' }, { field: 'Email', value: 'grace.hopper' }] }]);
    assert.deepEqual(errorsOf(answered), []);
  });
});

describe('dry run: hostile input', () => {
  it('keeps markup and a 100,000-character value whole as data, and cuts them only in messages', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const huge = 'x'.repeat(100_000);
    const plan = planDryRun(input({}, { lastName: markup, employeeNumber: huge }));
    assert.equal(value(row(plan.rows, 'LastName')), markup);
    const employee = row(plan.rows, 'EmployeeNumber');
    assert.equal((value(employee) as string).length, 100_000);
    assert.deepEqual(codes(employee), ['error:STRING_TOO_LONG']);
    assert.ok(employee.problems[0].message.length < 400);
    assert.match(employee.problems[0].message, /100000 characters, max length=20/);
  });

  it('treats "__proto__" and "constructor" attribute names as plain names', () => {
    const hostileSchema = JSON.parse('{"__proto__": {"type": "string"}, "constructor": {"type": "string"}}') as Record<string, Record<string, unknown>>;
    const hostileAppUser = JSON.parse('{"__proto__": "p", "constructor": "c", "profile": "Standard User"}') as Record<string, unknown>;
    const plan = planDryRun(input({ appAttributes: { ...appAttributes, ...hostileSchema }, appUser: hostileAppUser, mappings: [...mappings, m('__proto__', 'user.lastName')] }));
    const proto = plan.rows.filter((r) => r.attribute === '__proto__');
    assert.deepEqual(proto.map((r) => [r.field, r.source, value(r), codes(r)]), [['__proto__', 'mapping', 'Hopperman', ['warning:field-unknown']]]);
    const ctor = plan.rows.filter((r) => r.attribute === 'constructor');
    assert.deepEqual(ctor.map((r) => [r.source, value(r)]), [['assignment', 'c']]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
