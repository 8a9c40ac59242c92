// Grouping failures as the System Log's pages arrive: counts, first and last seen, affected users capped,
// a bounded uuid dedupe, unknown reasons grouped by their text without the user in it, worst first.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FailureEvent } from '../../src/domain/provisioningFailures/failureEvent';
import {
  cut, FailureGrouper, moreUserLimit, normalizedReason, recentUuidLimit, sampleLimit, userLimit, worstGroup,
} from '../../src/domain/provisioningFailures/failureGroups';

let next = 0;
function event(reason: string, options: Partial<FailureEvent> & { userId?: string; name?: string } = {}): FailureEvent {
  next += 1;
  const userId = options.userId ?? `00u${String(next).padStart(17, '0')}`;
  return {
    uuid: options.uuid ?? `uuid-${next}`, published: options.published ?? '2026-12-01T10:00:00.000Z',
    eventType: options.eventType ?? 'application.provision.user.push', reason,
    user: 'user' in options ? options.user : { id: userId, login: `${options.name ?? `user${next}`}@acme.com`, displayName: options.name ?? `User ${next}` },
  };
}
const okta = (name: string, salesforce: string) => `Automatic provisioning of user ${name} to app Salesforce failed: Error while creating user: ${salesforce}`;
const tooLong = 'STRING_TOO_LONG: Alias: data value too large: abcdefghij (max length=8)';

describe('provisioning failure groups', () => {
  it('counts per cause, code and field, with first and last seen whatever the order of arrival', () => {
    const grouper = new FailureGrouper();
    grouper.add(event(tooLong, { published: '2026-12-02T09:00:00.000Z' }));
    grouper.add(event(tooLong, { published: '2026-12-01T08:00:00.000Z' }));
    grouper.add(event(tooLong, { published: '2026-12-03T07:00:00.000Z' }));
    grouper.add(event('STRING_TOO_LONG: Employee Number: data value too large: 123456789012345678901 (max length=20)'));
    const groups = grouper.groups();
    assert.equal(grouper.total, 4);
    assert.deepEqual(groups.map((g) => [g.key, g.count]), [['valueTooLong:STRING_TOO_LONG:Alias', 3], ['valueTooLong:STRING_TOO_LONG:Employee Number', 1]]);
    assert.equal(groups[0].firstSeen, '2026-12-01T08:00:00.000Z');
    assert.equal(groups[0].lastSeen, '2026-12-03T07:00:00.000Z');
    assert.equal(groups[0].sampleReason, tooLong);
    assert.deepEqual(groups[0].eventTypes, ['application.provision.user.push']);
  });

  it('lists each user once, the first userLimit of them, and counts the others', () => {
    const grouper = new FailureGrouper();
    for (let i = 0; i < userLimit + 25; i += 1) {
      grouper.add(event(tooLong, { userId: `u${i}`, name: `Person ${i}` }));
      grouper.add(event(tooLong, { userId: `u${i}`, name: `Person ${i}` }));
    }
    grouper.add(event(tooLong, { user: undefined }));
    const [group] = grouper.groups();
    assert.equal(group.count, 2 * (userLimit + 25) + 1);
    assert.equal(group.users.length, userLimit);
    // The login, which a dry run finds the user by, travels with the label.
    assert.deepEqual(group.users[0], { id: 'u0', label: 'Person 0', login: 'Person 0@acme.com' });
    const noLogin = new FailureGrouper();
    noLogin.add(event(tooLong, { user: { id: '00uNoLogin', displayName: 'No Login' } }));
    assert.deepEqual(noLogin.groups()[0].users, [{ id: '00uNoLogin', label: 'No Login' }]);
    assert.equal(group.users[userLimit - 1].id, `u${userLimit - 1}`);
    assert.equal(group.moreUsers, 25);
  });

  it('stops counting further users at moreUserLimit, so memory stays bounded', () => {
    const grouper = new FailureGrouper();
    for (let i = 0; i < userLimit + moreUserLimit + 50; i += 1) grouper.add(event(tooLong, { userId: `u${i}` }));
    const [group] = grouper.groups();
    assert.equal(group.users.length, userLimit);
    assert.equal(group.moreUsers, moreUserLimit);
    assert.equal(group.count, userLimit + moreUserLimit + 50);
  });

  it('counts an event read twice once while it is among the recent ones, and forgets the oldest beyond that', () => {
    const grouper = new FailureGrouper();
    grouper.add(event(tooLong, { uuid: 'same' }));
    grouper.add(event(tooLong, { uuid: 'same' }));
    assert.equal(grouper.total, 1);
    for (let i = 0; i < recentUuidLimit - 1; i += 1) grouper.add(event(tooLong, { uuid: `filler-${i}` }));
    grouper.add(event(tooLong, { uuid: 'same' }));
    assert.equal(grouper.total, recentUuidLimit, '"same" is still among the recent uuids');
    grouper.add(event(tooLong, { uuid: 'one-more' }));
    grouper.add(event(tooLong, { uuid: 'same' }));
    assert.equal(grouper.total, recentUuidLimit + 2, '"same" was forgotten once recentUuidLimit newer ones came');
  });

  it('groups an unknown reason by its text without the user in it, and different unknown reasons apart', () => {
    const grouper = new FailureGrouper();
    for (const name of ['Jane Doe', 'John Roe', 'Ann Lee']) {
      grouper.add(event(okta(name, `UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record 005000000000${name.length}AAA for ${name.split(' ')[0].toLowerCase()}@acme.com`), { name }));
    }
    grouper.add(event('The connection to Salesforce timed out after 30 seconds.'));
    grouper.add(event('The connection to Salesforce timed out after 60 seconds.'));
    grouper.add(event('Salesforce answered 503 Service Unavailable.'));
    const groups = grouper.groups();
    assert.deepEqual(groups.map((g) => [g.cause, g.count]), [['unknown', 3], ['unknown', 2], ['unknown', 1]]);
    assert.match(groups[0].key, /^unknown:error while creating user: unable_to_lock_row: unable to obtain exclusive access to this record <id> for <email>$/);
    assert.match(groups[0].sampleReason, /Jane Doe/, 'the sample keeps the raw reason');
    assert.equal(new Set(groups.map((g) => g.key)).size, 3);
  });

  it('caps the key of an unknown reason and reads only the start of a long one', () => {
    const long = `Weird ${'word '.repeat(50_000)}`;
    const key = normalizedReason(long);
    assert.equal(key.length <= 160, true);
    assert.equal(key.startsWith('weird word word'), true);
    assert.equal(normalizedReason(`${long}A`), key);
  });

  it('cuts the sample reason and never splits a surrogate pair', () => {
    const grouper = new FailureGrouper();
    grouper.add(event(`UNKNOWN ${'x'.repeat(5000)}`));
    assert.equal(grouper.groups()[0].sampleReason.length, sampleLimit);
    assert.equal(cut('ab😀cd', 4), 'ab…');
    assert.equal(cut('abc😀d', 5), 'abc…');
    assert.equal(cut('abc', 3), 'abc');
  });

  it('orders errors before warnings, then by count, then the latest first; worstGroup agrees', () => {
    const grouper = new FailureGrouper();
    for (let i = 0; i < 5; i += 1) grouper.add(event('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.'));
    grouper.add(event('DUPLICATE_USERNAME: Duplicate Username.', { published: '2026-12-01T09:00:00.000Z' }));
    grouper.add(event('LICENSE_LIMIT_EXCEEDED: License Limit Exceeded', { published: '2026-12-01T11:00:00.000Z' }));
    grouper.add(event(tooLong));
    grouper.add(event(tooLong));
    const groups = grouper.groups();
    assert.deepEqual(groups.map((g) => g.cause), ['valueTooLong', 'licenseLimit', 'duplicateUsername', 'rateLimited']);
    assert.deepEqual(groups.map((g) => g.severity), ['error', 'error', 'error', 'warning']);
    assert.equal(worstGroup([...groups].reverse()), groups[0]);
    assert.equal(worstGroup([]), undefined);
  });

  it('names a cause that stops every step first (a revoked session, no API access), even with fewer events', () => {
    const grouper = new FailureGrouper();
    for (let i = 0; i < 3; i += 1) grouper.add(event(tooLong));
    grouper.add(event('API_CURRENTLY_DISABLED: API is disabled for this User'));
    grouper.add(event('invalid_grant: expired access/refresh token', { eventType: 'application.integration.authentication_failure' }));
    grouper.add(event('invalid_grant: expired access/refresh token', { eventType: 'application.integration.authentication_failure' }));
    assert.deepEqual(grouper.groups().map((g) => g.cause), ['tokenExpired', 'apiDisabled', 'valueTooLong']);
    assert.equal(worstGroup(grouper.groups())?.cause, 'tokenExpired');
  });

  it('keeps each event type a group saw, and takes an integration event its cause from the type', () => {
    const grouper = new FailureGrouper();
    grouper.add(event('', { eventType: 'application.integration.authentication_failure' }));
    grouper.add(event('INVALID_SESSION_ID: Session expired or invalid', { eventType: 'application.provision.user.push_profile' }));
    grouper.add(event('', { eventType: 'application.integration.authentication_failure' }));
    const groups = grouper.groups();
    assert.deepEqual(groups.map((g) => [g.key, g.count, g.eventTypes]), [
      ['tokenExpired::', 2, ['application.integration.authentication_failure']],
      ['tokenExpired:INVALID_SESSION_ID:', 1, ['application.provision.user.push_profile']],
    ]);
  });
});
