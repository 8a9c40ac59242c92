import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, SoqlError, type SoqlErrorCode } from '../sandbox/salesforce/soql';
import { fixtureOrg, ids } from './soqlFixture';

const data = fixtureOrg();

function failure(soql: string, tooling = false): SoqlError {
  try {
    executeSoql(data, soql, { apiVersion: '64.0', tooling });
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  assert.fail(`expected a SoqlError from: ${soql}`);
}

/** The error's code and its reason: the message's last line, after the quoted query. */
function reason(soql: string): [SoqlErrorCode, string] {
  const error = failure(soql);
  return [error.errorCode, error.message.split('\n').at(-1) ?? ''];
}

function userFilterReason(where: string): [SoqlErrorCode, string] {
  return reason(`SELECT Id FROM User WHERE ${where}`);
}

const customFieldHint = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
  + 'Please reference your WSDL or the describe call for the appropriate names.';

describe('executeSoql: errors as Salesforce words them', () => {
  it('quotes the row and points at the column of an unknown field', () => {
    const error = failure('SELECT Id, Nme FROM Profile');
    assert.equal(error.errorCode, 'INVALID_FIELD');
    assert.equal(error.name, 'SoqlError');
    assert.equal(error.message,
      `\nSELECT Id, Nme FROM Profile\n           ^\nERROR at Row:1:Column:12\n`
      + `No such column 'Nme' on entity 'Profile'. ${customFieldHint}`);
  });

  it('quotes only the row holding the error in a query of several lines', () => {
    assert.equal(failure('SELECT Id\nFROM User\r\nWHERE  IsActiv = true').message,
      `\nWHERE  IsActiv = true\n       ^\nERROR at Row:3:Column:8\nNo such column 'IsActiv' on entity 'User'. ${customFieldHint}`);
  });

  it('refuses an unknown object, and objects of the other API', () => {
    assert.equal(failure('SELECT Id FROM Foo').message, "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n"
      + "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after "
      + 'the entity name. Please reference your WSDL or the describe call for the appropriate names.');
    const [code, message] = reason('SELECT Id FROM PermissionDependency');
    assert.equal(code, 'INVALID_TYPE');
    assert.match(message, /^sObject type 'PermissionDependency' is not supported\./);
    assert.equal(failure('SELECT Id FROM Profile', true).errorCode, 'INVALID_TYPE');
  });

  it('refuses unknown relationships and fields along a path', () => {
    const error = failure('SELECT Id, Foo.Name FROM Profile');
    assert.equal(error.errorCode, 'INVALID_FIELD');
    assert.match(error.message, new RegExp("\nERROR at Row:1:Column:12\nDidn't understand relationship 'Foo' in field path\\. "
      + "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name\\."));
    assert.match(reason('SELECT Profile.Foo.Name FROM PermissionSet')[1], /^Didn't understand relationship 'Foo' in field path/);
    assert.match(reason('SELECT ProfileId.Name FROM PermissionSet')[1], /^Didn't understand relationship 'ProfileId' in field path/);
    assert.equal(reason('SELECT Profile.Nme FROM PermissionSet')[1], `No such column 'Nme' on entity 'Profile'. ${customFieldHint}`);
    assert.equal(reason('SELECT Profile FROM PermissionSet')[1], `No such column 'Profile' on entity 'PermissionSet'. ${customFieldHint}`);
  });

  it('checks the fields of WHERE and ORDER BY too', () => {
    assert.equal(userFilterReason("Assignee.Name = 'x'")[0], 'INVALID_FIELD');
    assert.match(failure('SELECT Id FROM User ORDER BY Id, Nme').message, /Column:34\nNo such column 'Nme' on entity 'User'/);
  });

  it('refuses a field selected twice', () => {
    assert.deepEqual(reason('SELECT Id, Username, id FROM User'), ['INVALID_FIELD', 'duplicate field selected: id']);
    assert.deepEqual(reason('SELECT Profile.Name, profile.name FROM User'), ['INVALID_FIELD', 'duplicate field selected: profile.name']);
  });
});

describe('executeSoql: syntax errors', () => {
  it('points past the end when the statement stops short', () => {
    assert.equal(failure('SELECT Id FROM User WHERE  \n').message,
      "\nSELECT Id FROM User WHERE  \n                         ^\nERROR at Row:1:Column:26\nunexpected token: '<EOF>'");
    assert.deepEqual(userFilterReason("Username = 'abc"), ['MALFORMED_QUERY', "unexpected token: '<EOF>'"]);
  });

  it('names the token it did not expect', () => {
    const error = failure('SELECT Id, FROM User');
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.equal(error.message, "\nSELECT Id, FROM User\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'");
    assert.equal(userFilterReason('Username = "x"')[1], "unexpected token: '\"'");
    assert.equal(userFilterReason('Username = @x')[1], "unexpected token: '@'");
    assert.equal(userFilterReason('Username LIKE null')[1], "unexpected token: 'null'");
    assert.equal(userFilterReason('Username IN ()')[1], "unexpected token: ')'");
    assert.equal(reason('SELECT COUNT() FROM User GROUP BY ProfileId')[1], "unexpected token: 'GROUP'");
    assert.equal(reason('SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId HAVING COUNT(Id) > 1')[1], "unexpected token: 'HAVING'");
    assert.equal(reason('SELECT ProfileId, MAX(LastLoginDate) FROM User GROUP BY ProfileId')[1], "unexpected token: '('");
    assert.equal(reason('SELECT COUNT(Id total FROM User')[1], "unexpected token: 'total'");
    assert.equal(reason('SELECT Id, COUNT() FROM User')[1], "unexpected token: ')'");
    assert.equal(reason('SELECT Id FROM User OFFSET 1 LIMIT 1')[1], "unexpected token: 'LIMIT'");
    assert.equal(reason('SELECT Id FROM User LIMIT 1.5')[1], "unexpected token: '1.5'");
    assert.equal(reason('SELECT Id FROM User LIMIT -1')[1], "unexpected token: '-1'");
  });

  it('refuses AND and OR side by side without parentheses', () => {
    assert.deepEqual(userFilterReason("IsActive = true AND Username = 'a' OR Username = 'b'")[1], "unexpected token: 'OR'");
    assert.deepEqual(userFilterReason("IsActive = true OR Username = 'a' AND Username = 'b'")[1], "unexpected token: 'AND'");
  });

  it('refuses impossible dates and unknown escapes', () => {
    assert.deepEqual(userFilterReason('LastLoginDate > 2026-02-30T00:00:00Z'),
      ['MALFORMED_QUERY', 'Invalid datetime: 2026-02-30T00:00:00Z']);
    assert.deepEqual(userFilterReason('LastLoginDate > 2020-12-12t12:12:00-25:00'),
      ['MALFORMED_QUERY', 'Invalid datetime: 2020-12-12t12:12:00-25:00']);
    assert.deepEqual(userFilterReason('Hire_Date__c = 2026-13-01'), ['MALFORMED_QUERY', 'Invalid date: 2026-13-01']);
    const [code, message] = userFilterReason(String.raw`Username = 'a\qb'`);
    assert.equal(code, 'MALFORMED_QUERY');
    assert.match(message, /'\\q'/);
  });
});

describe('executeSoql: values and operators that do not suit the field', () => {
  const mustBe = (field: string, type: string, quoted: boolean): [SoqlErrorCode, string] => [
    'INVALID_FIELD',
    `value of filter criterion for field '${field}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  ];

  it('wants booleans, numbers and dates unquoted, and text and ids quoted', () => {
    assert.match(failure("SELECT Id FROM User WHERE Username != null AND IsActive = 'true'").message, /\nERROR at Row:1:Column:48\n/);
    assert.deepEqual(userFilterReason("IsActive = 'true'"), mustBe('IsActive', 'boolean', false));
    assert.deepEqual(userFilterReason('Username = 5'), mustBe('Username', 'string', true));
    assert.deepEqual(userFilterReason('ProfileId = true'), mustBe('ProfileId', 'id', true));
    assert.deepEqual(reason("SELECT Id FROM UserLicense WHERE TotalLicenses IN (1, '2')"), mustBe('TotalLicenses', 'double', false));
    assert.deepEqual(reason('SELECT Id FROM PermissionSetAssignment WHERE Assignee.IsActive = 1'),
      mustBe('Assignee.IsActive', 'boolean', false));
  });

  it('tells dates and datetimes apart', () => {
    assert.deepEqual(userFilterReason('LastLoginDate > 2026-01-01'), mustBe('LastLoginDate', 'dateTime', false));
    assert.deepEqual(userFilterReason('Hire_Date__c < 2026-01-01T00:00:00Z'), mustBe('Hire_Date__c', 'date', false));
  });

  it('refuses a malformed id, pointing at the field', () => {
    const error = failure("SELECT Id FROM User WHERE Id = 'ZZZ'");
    assert.equal(error.errorCode, 'INVALID_QUERY_FILTER_OPERATOR');
    assert.equal(error.message,
      "\nSELECT Id FROM User WHERE Id = 'ZZZ'\n                          ^\nERROR at Row:1:Column:27\ninvalid ID field: ZZZ");
  });

  it('allows LIKE on text only, and ordering operators on anything but booleans', () => {
    assert.deepEqual(userFilterReason("IsActive LIKE 'true'"), ['INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on boolean field']);
    assert.deepEqual(userFilterReason("ProfileId LIKE '00e%'"), ['INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on reference field']);
    assert.deepEqual(userFilterReason('IsActive > false'), ['INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on boolean field']);
  });
});

describe('executeSoql: COUNT(field) and GROUP BY misused', () => {
  it('wants every selected field grouped or aggregated, naming it as written and nowhere in the query', () => {
    const error = failure('SELECT Username, COUNT(Id) FROM User GROUP BY ProfileId');
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.equal(error.message, 'Field must be grouped or aggregated: Username');
    assert.equal(failure('SELECT ProfileId, COUNT(Id) FROM User').message, 'Field must be grouped or aggregated: ProfileId');
    assert.equal(failure('SELECT profile.name, COUNT(Id) FROM User GROUP BY ProfileId').message, 'Field must be grouped or aggregated: profile.name');
    assert.equal(failure('SELECT Profile.Name FROM User GROUP BY Profile.UserType').message, 'Field must be grouped or aggregated: Profile.Name');
  });

  it('wants ORDER BY on grouped fields', () => {
    const error = failure('SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId ORDER BY Username');
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.equal(error.message, 'Ordered field must be grouped or aggregated: Username');
  });

  it('refuses to count a grouped field, pointing at it', () => {
    const error = failure('SELECT ProfileId, COUNT(profileid) FROM User GROUP BY ProfileId');
    assert.equal(error.errorCode, 'MALFORMED_QUERY');
    assert.equal(error.message, '\nSELECT ProfileId, COUNT(profileid) FROM User GROUP BY ProfileId\n                        ^\n'
      + 'ERROR at Row:1:Column:25\nGrouped field should not be aggregated: profileid');
  });

  it('refuses to group by a datetime, pointing at it in GROUP BY', () => {
    assert.equal(failure('SELECT COUNT(Id) FROM User GROUP BY ProfileId, LastLoginDate').message,
      "\nSELECT COUNT(Id) FROM User GROUP BY ProfileId, LastLoginDate\n                                               ^\n"
      + "ERROR at Row:1:Column:48\nfield 'LastLoginDate' can not be grouped in a query call");
  });

  it('refuses LIMIT on a count without GROUP BY', () => {
    assert.deepEqual(reason('SELECT COUNT(Id) FROM User LIMIT 1'),
      ['MALFORMED_QUERY', 'Non-grouped query that uses overall aggregate functions cannot also use LIMIT']);
  });

  it('checks the names in COUNT and GROUP BY', () => {
    assert.deepEqual(reason('SELECT COUNT(Nme) FROM User'), ['INVALID_FIELD', `No such column 'Nme' on entity 'User'. ${customFieldHint}`]);
    assert.match(failure('SELECT COUNT(Id) FROM User GROUP BY Profile.Nme').message, /Column:37\nNo such column 'Nme' on entity 'Profile'/);
  });

  it('refuses two items under one key', () => {
    assert.deepEqual(reason('SELECT ProfileId, profileid, COUNT(Id) FROM User GROUP BY ProfileId'),
      ['INVALID_FIELD', 'duplicate field selected: profileid']);
    assert.deepEqual(reason('SELECT ProfileId, COUNT(Id) profileId FROM User GROUP BY ProfileId'), ['MALFORMED_QUERY', 'duplicate alias: profileId']);
    assert.deepEqual(reason('SELECT COUNT(Id) n, COUNT(Username) N FROM User'), ['MALFORMED_QUERY', 'duplicate alias: N']);
  });

  it('refuses an aggregate result beyond one batch of 2,000 rows, which it could not page', () => {
    const org = fixtureOrg();
    for (let i = org.records('User').length; i < 2001; i++) {
      org.insert('User', { Id: `005Sb${String(i).padStart(10, '0')}AAA`, Username: `user${i}@acme.example`, IsActive: true, ProfileId: ids.adminProfile });
    }
    const query = (soql: string) => executeSoql(org, soql, { apiVersion: '64.0', tooling: false });
    assert.throws(() => query('SELECT Username, COUNT(Id) FROM User GROUP BY Username'), (error: unknown) => error instanceof SoqlError
      && error.errorCode === 'EXCEEDED_ID_LIMIT'
      && error.message === 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch');
    assert.equal(query('SELECT Username, COUNT(Id) FROM User GROUP BY Username LIMIT 2000').totalSize, 2000);
  });
});
