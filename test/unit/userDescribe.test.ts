// What the pre-flight makes of Salesforce's User describe and how it asks for users holding values: SOQL string
// literals that the sandbox's SOQL lexer (which follows Salesforce's escape table) reads back as the same text,
// describe fields of the wrong shape dropped or defaulted, one query grouped by field, and matches ignoring case.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SalesforceFailure } from '../../src/salesforce/api/salesforceFailure';
import { holdingsFrom, maxQueryUriBytes, soqlString, userFieldsFromDescribe, userHoldingQuery } from '../../src/salesforce/api/userDescribe';
import { parseSoql } from '../sandbox/salesforce/soql/parser';
import { tokenize } from '../sandbox/salesforce/soql/lexer';

const queryPath = '/services/data/v64.0/query';

describe('SOQL string literals', () => {
  const hostile = ["o'brien", 'back\\slash', "\\'", "' OR Id != '", 'a"b', 'line\nbreak\r\ttab\b\f', 'é ü 漢字 🙂', '%_', "'; DROP", "\\\\'"];
  for (const value of hostile) {
    it(`reads back ${JSON.stringify(value)} as one literal of the same text`, () => {
      const tokens = tokenize(`Username = ${soqlString(value)}`);
      assert.deepEqual(tokens.map((t) => t.kind), ['identifier', 'symbol', 'string', 'eof']);
      assert.equal((tokens[2] as { value: string }).value, value);
    });
  }
});

describe('User describe fields', () => {
  const host = 'https://acme.my.salesforce.com';

  it('keeps a well-formed field as Salesforce describes it', () => {
    const [field] = userFieldsFromDescribe({ fields: [{
      name: 'TimeZoneSidKey', type: 'picklist', length: 40, nillable: false, createable: true, updateable: true, defaultedOnCreate: false,
      unique: false, idLookup: false, referenceTo: [], picklistValues: [{ value: 'GMT', label: 'GMT', active: true, defaultValue: false }, { value: 'Old/Zone', active: false }],
    }] }, host);
    assert.deepEqual(field, {
      name: 'TimeZoneSidKey', type: 'picklist', length: 40, nillable: false, createable: true, updateable: true, defaultedOnCreate: false,
      unique: false, idLookup: false, referenceTo: [], picklistValues: [{ value: 'GMT', active: true }, { value: 'Old/Zone', active: false }],
    });
  });

  it('defaults flags of the wrong type to what asks least of the push', () => {
    const [field] = userFieldsFromDescribe({ fields: [{ name: 'Odd', type: 42, length: '20', nillable: 'no', createable: 'true', updateable: 1, defaultedOnCreate: null, unique: 'yes' }] }, host);
    assert.deepEqual(field, { name: 'Odd', type: 'anyType', nillable: true, createable: false, updateable: false, defaultedOnCreate: false, unique: false, idLookup: false });
  });

  it('drops fields without a usable name, picklist values of the wrong shape and references that are not names', () => {
    const fields = userFieldsFromDescribe({ fields: [
      null, 'Username', { type: 'string' }, { name: 'Bad Name' }, { name: '<b>x</b>' }, { name: '_x' }, { name: 'Custom__c', type: 'string', createable: true },
      { name: 'ManagerId', type: 'reference', referenceTo: ['User', '<img>', 7], picklistValues: [{ value: 1, active: true }, { value: 'x', active: 'yes' }, { value: 'ok', active: false }] },
    ] }, host);
    assert.deepEqual(fields.map((f) => f.name), ['Custom__c', 'ManagerId']);
    assert.deepEqual(fields[1].referenceTo, ['User']);
    assert.deepEqual(fields[1].picklistValues, [{ value: 'ok', active: false }]);
  });

  it('refuses a describe without a fields list, naming the host', () => {
    for (const answer of [{}, { fields: 'none' }, [], null, '<html>']) {
      assert.throws(() => userFieldsFromDescribe(answer, host), (e: unknown) => e instanceof SalesforceFailure && e.kind === 'server'
        && /^acme\.my\.salesforce\.com answered the User describe without a list of fields/.test(e.message));
    }
  });
});

describe('the query for users holding values', () => {
  it('groups values by field, once each, in one statement the sandbox parses', () => {
    const query = userHoldingQuery([
      { field: 'Username', value: 'a@x.com' }, { field: 'CommunityNickname', value: 'ann' }, { field: 'Username', value: 'b@x.com' },
      { field: 'Username', value: 'a@x.com' }, { field: 'username', value: 'c@x.com' }, { field: 'FederationIdentifier', value: '  ' },
    ], queryPath);
    assert.equal(query?.soql, "SELECT Id, Username, IsActive, CommunityNickname FROM User WHERE Username IN ('a@x.com', 'b@x.com', 'c@x.com') OR CommunityNickname IN ('ann')");
    assert.equal(query?.asked.length, 4);
    const parsed = parseSoql(query.soql);
    assert.equal(parsed.where?.kind, 'or');
  });

  it('asks nothing for no values, or only blank ones', () => {
    assert.equal(userHoldingQuery([], queryPath), undefined);
    assert.equal(userHoldingQuery([{ field: 'Username', value: '' }], queryPath), undefined);
  });

  it('refuses a field that is not a name, whatever else is asked', () => {
    for (const field of ["Username' OR Id != '", 'Id, Name', 'Profile.Name', '1x', '', 'Username--']) {
      assert.throws(() => userHoldingQuery([{ field: 'Username', value: 'a@x.com' }, { field, value: 'x' }], queryPath),
        /is not a Salesforce field name \(letters, digits and _ , starting with a letter\), so no user was looked up by it\.$/);
    }
  });

  it('says how large the refused request is and what to do', () => {
    const values = Array.from({ length: 2000 }, (_, i) => ({ field: 'Username', value: `u${i}@example.com` }));
    assert.throws(() => userHoldingQuery(values, queryPath), (e: Error) => {
      const bytes = Number(/a ([\d,]+)-byte request/.exec(e.message)?.[1].replace(/,/g, ''));
      return bytes > maxQueryUriBytes && /^Looking up 2000 values in one query .* Check fewer values at a time\.$/.test(e.message);
    });
  });
});

describe('users holding values', () => {
  const asked = [{ field: 'Username', value: 'Ada@Acme.example' }, { field: 'CommunityNickname', value: 'ADMIN' }, { field: 'CommunityNickname', value: 'other' }];

  it('matches ignoring case, reading fields under any case', () => {
    const rows = [
      { attributes: {}, Id: '005A', Username: 'ada@acme.example', IsActive: false, communitynickname: 'admin' },
      { Id: '005B', Username: 'bob@acme.example', IsActive: true, CommunityNickname: null },
    ];
    assert.deepEqual(holdingsFrom(rows, asked), [
      { id: '005A', username: 'ada@acme.example', isActive: false, matches: [asked[0], asked[1]] },
      { id: '005B', username: 'bob@acme.example', isActive: true, matches: [] },
    ]);
  });

  it('does not count a value that only starts the same, or a non-text value', () => {
    const rows = [{ Id: '005C', Username: 'ada@acme.example.org', IsActive: 'true', CommunityNickname: 7 }];
    assert.deepEqual(holdingsFrom(rows, asked), [{ id: '005C', username: 'ada@acme.example.org', isActive: false, matches: [] }]);
  });
});
