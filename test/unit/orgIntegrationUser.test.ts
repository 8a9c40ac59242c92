// Create Integration User…: defaults that a sandbox-like User describe accepts, one validation row per trap
// (each changes one value and expects the message that names it), and the create request with or without e-mail.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type IntegrationUserInput, integrationUserDefaults, userCreateBody, validateIntegrationUser,
} from '../../src/domain/orgFixes/integrationUser';
import { required, sfField, userFields, values } from './userDescribeFixture';


const profileId = '00e000000000001AAA';
const adminLocale = { timeZoneSidKey: 'Europe/Paris', localeSidKey: 'fr_FR', languageLocaleKey: 'fr', emailEncodingKey: 'UTF-8' };

function goodUser(): IntegrationUserInput {
  return { ...integrationUserDefaults({ email: 'admin@acme.example', userFields, adminLocale }), profileId };
}

describe('integrationUserDefaults', () => {
  it('prefills every required field with values describe accepts, preferring the admin’s own active ones', () => {
    assert.deepEqual(integrationUserDefaults({ email: ' admin@Acme.example ', userFields, adminLocale }), {
      firstName: 'Okta', lastName: 'Integration', email: 'admin@Acme.example', username: 'okta.integration@acme.example',
      alias: 'oktaint', communityNickname: 'okta.integration',
      // The admin's fr is inactive in this org: en_US, the next preference, is active.
      timeZoneSidKey: 'Europe/Paris', localeSidKey: 'fr_FR', languageLocaleKey: 'en_US', emailEncodingKey: 'UTF-8',
    });
    assert.deepEqual(validateIntegrationUser(goodUser(), userFields), []);
  });

  it('falls back to an active value of the org when the admin’s settings are unknown', () => {
    const defaults = integrationUserDefaults({ email: 'admin@acme.example', userFields });
    assert.equal(defaults.timeZoneSidKey, 'America/Los_Angeles'); // GMT is not in this org's list
    assert.equal(defaults.localeSidKey, 'en_US');
    const onlyParis = userFields.map((field) => (field.name === 'TimeZoneSidKey' ? { ...field, picklistValues: values('Europe/Paris') } : field));
    assert.equal(integrationUserDefaults({ email: 'admin@acme.example', userFields: onlyParis }).timeZoneSidKey, 'Europe/Paris');
  });

  it('takes the username’s domain from the hint, and cuts values to describe’s lengths', () => {
    const short = userFields.map((field) => (field.name === 'Alias' ? { ...field, length: 5 } : field));
    const defaults = integrationUserDefaults({ email: 'admin@acme.example', orgDomainHint: 'https://Acme-Corp.my.salesforce.com/', userFields: short });
    assert.equal(defaults.username, 'okta.integration@acme-corp.my.salesforce.com');
    assert.equal(defaults.alias, 'oktai');
  });

  it('leaves the username empty, for the admin to fill, when no domain is known', () => {
    const defaults = integrationUserDefaults({ email: 'admin', userFields });
    assert.equal(defaults.username, '');
    assert.deepEqual(validateIntegrationUser({ ...defaults, profileId }, userFields), [
      { field: 'email', message: 'Email: "admin" is not an e-mail address (name@example.com).' },
      { field: 'username', message: 'Username is required: Salesforce refuses a new user without it.' },
    ]);
  });
});

describe('validateIntegrationUser', () => {
  const rows: Array<[string, Partial<IntegrationUserInput>, string, RegExp]> = [
    ['a username not shaped like an e-mail', { username: 'okta' }, 'username', /Username must have the form of an e-mail address .*"okta" does not/],
    ['a username of 81 characters', { username: `${'u'.repeat(69)}@example.com` }, 'username', /Username has 81 characters; Salesforce allows at most 80/],
    ['an e-mail that is not one', { email: 'not-an-email' }, 'email', /Email: "not-an-email" is not an e-mail address/],
    ['no last name', { lastName: ' ' }, 'lastName', /Last Name is required/],
    ['an alias of 9 characters', { alias: 'oktaintgr' }, 'alias', /Alias has 9 characters; Salesforce allows at most 8/],
    ['no nickname where describe requires one', { communityNickname: undefined }, 'communityNickname', /Nickname is required/],
    ['a time zone the org does not list', { timeZoneSidKey: 'Mars/Olympus' }, 'timeZoneSidKey', /Time Zone: "Mars\/Olympus" is not an active value in this org; choose one of America\/Los_Angeles, Europe\/Paris/],
    ['an inactive language', { languageLocaleKey: 'fr' }, 'languageLocaleKey', /Language: "fr" is not an active value in this org; choose one of en_US\./],
    ['a profile name instead of an Id', { profileId: 'Okta Integration' }, 'profileId', /"Okta Integration" is not a profile Id/],
    ['a user Id instead of a profile Id', { profileId: '005000000000001' }, 'profileId', /"005000000000001" is not a profile Id/],
  ];
  for (const [what, change, field, pattern] of rows) {
    it(`names ${what}`, () => {
      const problems = validateIntegrationUser({ ...goodUser(), ...change }, userFields);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].field, field);
      assert.match(problems[0].message, pattern);
    });
  }

  it('accepts a 15-character profile Id', () => assert.deepEqual(validateIntegrationUser({ ...goodUser(), profileId: '00e000000000001' }, userFields), []));

  it('accepts an optional field left out (First Name)', () => assert.deepEqual(validateIntegrationUser({ ...goodUser(), firstName: undefined }, userFields), []));

  it('names a field the org requires that the form does not set', () => {
    const problems = validateIntegrationUser(goodUser(), [...userFields, sfField('Region__c', 'string', required)]);
    assert.deepEqual(problems.map((problem) => problem.field), ['Region__c']);
    assert.match(problems[0].message, /This org requires Region__c on every new user/);
  });

  it('names a value for a field this org’s describe lacks', () => {
    const problems = validateIntegrationUser(goodUser(), userFields.filter((field) => field.name !== 'FirstName'));
    assert.deepEqual(problems, [{ field: 'firstName', message: 'This org\'s User describe has no FirstName field, so Salesforce would refuse First Name; leave it empty.' }]);
  });
});

describe('userCreateBody', () => {
  const input: IntegrationUserInput = { ...goodUser(), firstName: '', username: ' okta.integration@acme.example ' };

  it('sends the fields by their User names, trimmed, without the empty ones, and no extra header', () => {
    const request = userCreateBody(input, { sendEmail: false });
    assert.deepEqual(request.body, {
      LastName: 'Integration', Email: 'admin@acme.example', Username: 'okta.integration@acme.example', ProfileId: profileId,
      Alias: 'oktaint', CommunityNickname: 'okta.integration', TimeZoneSidKey: 'Europe/Paris', LocaleSidKey: 'fr_FR',
      EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
    });
    assert.deepEqual(request.headers, {});
    assert.equal(request.afterCreate, undefined);
    assert.match(request.emailNote, /Salesforce will not e-mail admin@acme\.example/);
  });

  it('e-mails the user through the documented password reset once the user exists', () => {
    const request = userCreateBody(input, { sendEmail: true });
    assert.deepEqual(request.afterCreate?.('005000000000009AAA'), { method: 'DELETE', path: 'sobjects/User/005000000000009AAA/password' });
    assert.match(request.emailNote, /Salesforce will e-mail admin@acme\.example a link to set a password/);
    assert.deepEqual(request.body, userCreateBody(input, { sendEmail: false }).body);
  });
});
