// The attribute pre-flight's rules, one case a row: a complete, agreeing setup gives no error, and each
// row changes one thing (a length, a type, a flag, a mapping) and expects the finding that names it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppAttributeMapping, type AttributeCheckInput, checkAttributes, type PreflightFinding } from '../../src/domain/preflight/attributeChecks';
import { userFields } from './userDescribeFixture';

type Def = Record<string, unknown>;


const str = (maxLength?: number, extra: Def = {}): Def => ({ type: 'string', ...(maxLength === undefined ? {} : { maxLength }), ...extra });

/** An app schema and mapping that Salesforce accepts: every required field mapped, every length bounded. */
function goodSetup(): AttributeCheckInput {
  const appAttributes: Record<string, Def> = {
    userName: str(80), lastName: str(80), email: str(128, { format: 'email' }), alias: str(8), communityNickname: str(40),
    profile: str(18), timeZoneSidKey: str(40, { enum: ['Europe/Paris'] }), localeSidKey: str(40, { enum: ['en_US', 'fr_FR'] }),
    emailEncodingKey: str(40, { oneOf: [{ const: 'UTF-8', title: 'Unicode' }] }), languageLocaleKey: str(40, { enum: ['en_US'] }),
  };
  const mappings: AppAttributeMapping[] = Object.keys(appAttributes).filter((n) => n !== 'userName').map((target) => ({ target, expression: `user.${target}`, pushStatus: 'PUSH' }));
  return { appAttributes, mappings, userFields };
}

function withAttribute(name: string, definition: Def, expression = `user.${name}`, pushStatus = 'PUSH', base = goodSetup()): AttributeCheckInput {
  return { ...base, appAttributes: { ...base.appAttributes, [name]: definition }, mappings: [...base.mappings.filter((m) => m.target !== name), { target: name, expression, pushStatus }] };
}

const codes = (findings: PreflightFinding[], severity?: string) => findings.filter((f) => !severity || f.severity === severity).map((f) => `${f.code}:${f.salesforceField ?? f.attribute}`);

describe('attribute pre-flight: a setup Salesforce accepts', () => {
  it('has no error and no warning beyond the ProfileId value and the unique fields', () => {
    const findings = checkAttributes(goodSetup());
    assert.deepEqual(codes(findings, 'error'), []);
    assert.deepEqual(codes(findings, 'warning').sort(), ['collision-risk:CommunityNickname', 'reference-value:ProfileId']);
    assert.deepEqual(codes(findings, 'info').sort(), ['required-username:Username']);
  });
});

interface Row { name: string; input: () => AttributeCheckInput; expect: string; severity: PreflightFinding['severity']; says?: RegExp }

const rows: Row[] = [
  { name: 'employeeNumber longer than Salesforce\'s 20', input: () => withAttribute('employeeNumber', str(30)), expect: 'too-long:EmployeeNumber', severity: 'error', says: /allows 30 characters .* holds 20/ },
  { name: 'alias one over 8', input: () => withAttribute('alias', str(9)), expect: 'too-long:Alias', severity: 'error' },
  { name: 'communityNickname one over 40', input: () => withAttribute('communityNickname', str(41)), expect: 'too-long:CommunityNickname', severity: 'error' },
  { name: 'no maxLength anywhere', input: () => withAttribute('employeeNumber', str()), expect: 'length-unknown:EmployeeNumber', severity: 'warning', says: /cannot tell/ },
  {
    name: 'no maxLength on the app attribute, the source user.employeeNumber allows 50',
    input: () => ({ ...withAttribute('employeeNumber', str()), sourceAttributes: { employeeNumber: str(50) } }),
    expect: 'too-long:EmployeeNumber', severity: 'error', says: /user\.employeeNumber allows 50/,
  },
  { name: 'required LastName not mapped and not in the schema', input: () => dropAttribute('lastName'), expect: 'required-unmapped:LastName', severity: 'error', says: /REQUIRED_FIELD_MISSING/ },
  { name: 'required ProfileId in the schema but not mapped', input: () => dropMapping('profile'), expect: 'required-assignment-only:ProfileId', severity: 'warning' },
  { name: 'time zone enum outside Salesforce\'s picklist', input: () => withAttribute('timeZoneSidKey', str(40, { enum: ['Europe/Paris', 'Mars/Olympus'] })), expect: 'picklist-mismatch:TimeZoneSidKey', severity: 'error', says: /"Mars\/Olympus"/ },
  { name: 'language enum naming an inactive value', input: () => withAttribute('languageLocaleKey', str(40, { enum: ['fr'] })), expect: 'picklist-mismatch:LanguageLocaleKey', severity: 'error' },
  { name: 'picklist with no enum on Okta\'s side', input: () => withAttribute('localeSidKey', str(40)), expect: 'picklist-unchecked:LocaleSidKey', severity: 'warning' },
  { name: 'boolean field fed a string', input: () => withAttribute('isActive', str(5)), expect: 'type-mismatch:IsActive', severity: 'error' },
  { name: 'text field fed an integer', input: () => withAttribute('firstName', { type: 'integer' }), expect: 'type-mismatch:FirstName', severity: 'warning' },
  { name: 'int field fed a boolean', input: () => withAttribute('seats', { type: 'boolean', externalName: 'Seats__c' }), expect: 'type-mismatch:Seats__c', severity: 'error' },
  { name: 'date field fed free text', input: () => withAttribute('startDate', str(10, { externalName: 'StartDate__c' })), expect: 'type-unchecked:StartDate__c', severity: 'warning' },
  { name: 'field not createable (Name)', input: () => withAttribute('name', str(121)), expect: 'not-createable:Name', severity: 'error' },
  { name: 'create-only field pushed on update', input: () => withAttribute('badge', str(10, { externalName: 'Badge__c' })), expect: 'not-updateable:Badge__c', severity: 'warning', says: /on create but not on update/ },
  { name: 'externalName naming a field describe lacks', input: () => withAttribute('costCenter', str(20, { externalName: 'CostCenter__c' })), expect: 'field-missing:CostCenter__c', severity: 'error' },
  { name: 'attribute matching no field', input: () => withAttribute('nickName', str(20)), expect: 'field-unknown:nickName', severity: 'warning' },
  { name: 'mapping to an attribute the schema lacks', input: () => ({ ...goodSetup(), mappings: [...goodSetup().mappings, { target: 'ghost', expression: 'user.x' }] }), expect: 'target-not-in-schema:ghost', severity: 'warning' },
  { name: 'FederationIdentifier is an idLookup field', input: () => withAttribute('federationIdentifier', str(100)), expect: 'collision-risk:FederationIdentifier', severity: 'info' },
];

function dropAttribute(name: string): AttributeCheckInput {
  const base = goodSetup();
  const appAttributes = Object.fromEntries(Object.entries(base.appAttributes).filter(([key]) => key !== name));
  return { ...base, appAttributes, mappings: base.mappings.filter((m) => m.target !== name) };
}

function dropMapping(name: string): AttributeCheckInput {
  const base = goodSetup();
  return { ...base, mappings: base.mappings.filter((m) => m.target !== name) };
}

describe('attribute pre-flight rules', () => {
  for (const row of rows) {
    it(row.name, () => {
      const findings = checkAttributes(row.input());
      const found = findings.filter((f) => `${f.code}:${f.salesforceField ?? f.attribute}` === row.expect);
      assert.equal(found.length, 1, `${row.expect} in ${codes(findings).join(', ')}`);
      assert.equal(found[0].severity, row.severity);
      if (row.says) assert.match(found[0].message, row.says);
      assert.ok(found[0].fix.length > 0 && found[0].okta.length > 0 && found[0].salesforce.length > 0);
    });
  }

  it('a length within the limit passes, and a create-only mapping to a create-only field passes', () => {
    assert.deepEqual(codes(checkAttributes(withAttribute('employeeNumber', str(20)))).filter((c) => c.endsWith('EmployeeNumber')), []);
    assert.deepEqual(codes(checkAttributes(withAttribute('badge', str(10, { externalName: 'Badge__c' }), 'user.badge', 'DONT_PUSH'))).filter((c) => c.endsWith('Badge__c')), []);
  });

  it('externalName wins over a same-named field', () => {
    const findings = checkAttributes(withAttribute('employeeNumber', str(30, { externalName: 'FederationIdentifier' })));
    assert.ok(codes(findings).includes('collision-risk:FederationIdentifier'));
    assert.ok(!codes(findings).some((c) => c.endsWith('EmployeeNumber')));
  });

  it('puts errors first', () => {
    const severities = checkAttributes(withAttribute('alias', str(9))).map((f) => f.severity);
    assert.deepEqual(severities, [...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
  });
});

describe('attribute pre-flight: hostile data', () => {
  it('treats names, expressions and enums as data: prototype keys, markup and huge values', () => {
    const huge = 'x'.repeat(100_000);
    const input = withAttribute('__proto__', str(5), `<script>alert(1)</script>${huge}`);
    const base = goodSetup();
    const findings = checkAttributes({
      ...input,
      appAttributes: { ...input.appAttributes, constructor: { type: 'string', externalName: '<img src=x>' } },
      mappings: [...input.mappings, { target: 'constructor', expression: 'user.constructor' }, { target: 'toString', expression: huge }],
      sourceAttributes: {},
      userFields: [...base.userFields],
    });
    const ghost = findings.find((f) => f.attribute === 'toString');
    assert.equal(ghost?.code, 'target-not-in-schema');
    assert.ok(ghost.okta.length < 200, 'a huge expression is cut');
    assert.equal(findings.find((f) => f.attribute === 'constructor')?.code, 'field-missing');
    assert.equal(findings.find((f) => f.attribute === 'constructor')?.salesforceField, '<img src=x>');
  });
});
