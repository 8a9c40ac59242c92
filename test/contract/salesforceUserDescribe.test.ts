// The sandbox's GET /services/data/vXX.X/sobjects/User/describe over HTTP, as the pre-flight reads it:
// the field lengths of Salesforce's Field Reference Guide, the fields required on create by describe's
// own rule (createable, not nillable, not defaulted on create) matching the Salesforce CLI's list, the
// unique and idLookup fields, and the locale picklists.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

interface DescribedField {
  name: string; type: string; length: number; nillable: boolean; createable: boolean; updateable: boolean; defaultedOnCreate: boolean;
  unique: boolean; idLookup: boolean; referenceTo: string[]; restrictedPicklist: boolean; picklistValues: Array<{ value: string; active: boolean }>;
}

describe('Salesforce sandbox: User describe over HTTP', () => {
  let sf: SalesforceSandbox;
  let fields: Map<string, DescribedField>;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    const answer = await fetch(`${sf.url}/services/data/v64.0/sobjects/User/describe`, { headers: { Authorization: `Bearer ${sf.accessToken}` } });
    assert.equal(answer.status, 200);
    const body = await answer.json() as { name: string; fields: DescribedField[] };
    assert.equal(body.name, 'User');
    fields = new Map(body.fields.map((f) => [f.name, f]));
  });
  after(() => sf.close());

  const field = (name: string): DescribedField => {
    const found = fields.get(name);
    assert.ok(found, `User describe lists ${name}`);
    return found;
  };

  it('gives the documented lengths', () => {
    const lengths: Record<string, number> = {
      Alias: 8, CommunityNickname: 40, EmployeeNumber: 20, Email: 128, Username: 80, FederationIdentifier: 512, FirstName: 40, LastName: 80,
      Title: 80, Department: 80, Phone: 40, TimeZoneSidKey: 40, LocaleSidKey: 40, EmailEncodingKey: 40, LanguageLocaleKey: 40, ProfileId: 18,
    };
    for (const [name, length] of Object.entries(lengths)) assert.equal(field(name).length, length, name);
  });

  it('requires on create exactly the Salesforce CLI\'s required fields', () => {
    const requiredOnCreate = [...fields.values()].filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate).map((f) => f.name).sort();
    assert.deepEqual(requiredOnCreate, ['Alias', 'Email', 'EmailEncodingKey', 'LanguageLocaleKey', 'LastName', 'LocaleSidKey', 'ProfileId', 'TimeZoneSidKey', 'Username']);
    assert.deepEqual(field('ProfileId').referenceTo, ['Profile']);
    assert.equal(field('ProfileId').type, 'reference');
    assert.equal(field('Email').type, 'email');
  });

  it('defaults CommunityNickname on create but keeps it unique, like Username', () => {
    const nickname = field('CommunityNickname');
    assert.equal(nickname.nillable, false);
    assert.equal(nickname.defaultedOnCreate, true);
    for (const name of ['Username', 'CommunityNickname']) assert.equal(field(name).unique, true, name);
    for (const name of ['Username', 'CommunityNickname', 'FederationIdentifier']) assert.equal(field(name).idLookup, true, name);
    assert.equal(field('EmployeeNumber').idLookup, false);
    assert.equal(field('FederationIdentifier').unique, false);
  });

  it('serves the locale settings as restricted picklists of real values', () => {
    const expected: Record<string, string[]> = {
      TimeZoneSidKey: ['America/Los_Angeles', 'Europe/Paris', 'GMT'], LocaleSidKey: ['en_US', 'fr_FR'],
      EmailEncodingKey: ['UTF-8', 'ISO-8859-1', 'Shift_JIS'], LanguageLocaleKey: ['en_US', 'fr', 'ja'],
    };
    for (const [name, some] of Object.entries(expected)) {
      const described = field(name);
      assert.equal(described.type, 'picklist', name);
      assert.equal(described.restrictedPicklist, true, name);
      const values = described.picklistValues.filter((v) => v.active).map((v) => v.value);
      for (const value of some) assert.ok(values.includes(value), `${name} offers ${value}`);
      assert.ok(!values.includes('Mars/Olympus'));
    }
  });

  it('refuses a user without a required field with REQUIRED_FIELD_MISSING naming it', async () => {
    const answer = await fetch(`${sf.url}/services/data/v64.0/sobjects/User`, {
      method: 'POST', headers: { Authorization: `Bearer ${sf.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Username: 'no-alias@example.com', LastName: 'Alias', Email: 'no-alias@example.com', ProfileId: '00e000000000001AAA',
        TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US' }),
    });
    assert.equal(answer.status, 400);
    const errors = await answer.json() as Array<{ errorCode: string; fields: string[] }>;
    assert.ok(errors.some((e) => e.errorCode === 'REQUIRED_FIELD_MISSING' && e.fields.includes('Alias')), JSON.stringify(errors));
  });
});
