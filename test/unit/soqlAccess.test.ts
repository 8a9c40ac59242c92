import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeSoql, SoqlError } from '../sandbox/salesforce/soql';
import { fixtureOrg } from './soqlFixture';

const data = fixtureOrg();

/** Runs as a user who may read every object but `hidden`; answers the error's code and last line, or the row count. */
function run(soql: string, hidden: string, tooling = false): [string, string] | number {
  try {
    return executeSoql(data, soql, { apiVersion: '64.0', tooling, canRead: (name) => name !== hidden }).totalSize;
  } catch (error) {
    if (error instanceof SoqlError) return [error.errorCode, error.message.split('\n').at(-1) ?? ''];
    throw error;
  }
}

describe('executeSoql: objects the user may not read', () => {
  it('answers a FROM object the user may not read as an object the org lacks', () => {
    const [code, reason] = run('SELECT Id FROM PermissionSet', 'PermissionSet') as [string, string];
    assert.equal(code, 'INVALID_TYPE');
    assert.match(reason, /^sObject type 'PermissionSet' is not supported\. /);
  });

  it('refuses a parent the user may not read wherever the path appears: select, where, order by', () => {
    for (const soql of [
      'SELECT Id, Profile.Name FROM User',
      "SELECT Id FROM User WHERE Profile.Name = 'x'",
      'SELECT Id FROM User ORDER BY Profile.Name',
      'SELECT Id, Profile.UserLicense.Name FROM User',
    ]) {
      assert.deepEqual(run(soql, 'Profile'), ['INVALID_FIELD', "Didn't understand relationship 'Profile' in field path. If you are attempting "
        + "to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or "
        + 'the describe call for the appropriate names.'], soql);
    }
  });

  it('names the unreadable parent itself when it is further along the path', () => {
    const [code, reason] = run('SELECT Id, Profile.UserLicense.Name FROM User', 'UserLicense') as [string, string];
    assert.equal(code, 'INVALID_FIELD');
    assert.match(reason, /^Didn't understand relationship 'UserLicense' in field path/);
  });

  it('runs the same queries when every object they name is readable', () => {
    assert.equal(typeof run('SELECT Id, Profile.UserLicense.Name FROM User', 'PermissionSet'), 'number');
    assert.ok((run('SELECT Id FROM PermissionSet', 'User') as number) > 0);
  });
});
