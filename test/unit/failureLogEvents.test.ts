// A System Log event read as a FailureEvent: every field Okta may send, and each one missing or odd.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureEventFromLog } from '../../src/domain/provisioningFailures/logEvents';

const reason = 'Automatic provisioning of user Ada Okafor to app Salesforce.com failed: Error while creating user ada.okafor@acme.example: REQUIRED_FIELD_MISSING: Required fields are missing: [EmailEncodingKey]';

const logEvent = (changes: Record<string, unknown> = {}) => ({
  uuid: 'c4b1d8f2-1f5e-4a55-a1f3-0c9d7e6b5a41', published: '2026-11-30T08:15:02.117Z', eventType: 'application.provision.user.push',
  version: '0', severity: 'ERROR', displayMessage: 'Push new user to external application',
  actor: { id: '0oa1systemprincipal0', type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' },
  outcome: { result: 'FAILURE', reason },
  target: [
    { id: '0oa000000001SbXqJ5h7', type: 'AppInstance', alternateId: 'Salesforce.com', displayName: 'Salesforce.com' },
    { id: '00u000000001SbXqJ5h7', type: 'User', alternateId: 'ada.okafor@acme.example', displayName: 'Ada Okafor' },
  ],
  ...changes,
});

describe('failureEventFromLog', () => {
  it('reads uuid, time, type, reason, message and the User target', () => {
    assert.deepEqual(failureEventFromLog(logEvent()), {
      uuid: 'c4b1d8f2-1f5e-4a55-a1f3-0c9d7e6b5a41', published: '2026-11-30T08:15:02.117Z', eventType: 'application.provision.user.push',
      reason, displayMessage: 'Push new user to external application',
      user: { id: '00u000000001SbXqJ5h7', login: 'ada.okafor@acme.example', displayName: 'Ada Okafor' },
    });
  });

  it('finds the user by type wherever it is in the target list', () => {
    const [app, user] = logEvent().target;
    assert.equal(failureEventFromLog(logEvent({ target: [user, app] }))?.user?.id, '00u000000001SbXqJ5h7');
  });

  it('gives no user when no target is a User, the targets are missing, or not a list', () => {
    const [app] = logEvent().target;
    for (const target of [[app], undefined, null, 'User', { type: 'User', id: '00u1' }, [{ type: 'User' }], [null, 7]]) {
      const event = failureEventFromLog(logEvent({ target }));
      assert.ok(event, JSON.stringify(target));
      assert.equal('user' in event, false, JSON.stringify(target));
    }
  });

  it('is undefined without a uuid, or for something that is not an event', () => {
    for (const raw of [logEvent({ uuid: undefined }), logEvent({ uuid: 42 }), logEvent({ uuid: '' }), null, 'event', [logEvent()], 3]) {
      assert.equal(failureEventFromLog(raw), undefined, JSON.stringify(raw));
    }
  });

  it('reads only strings: other values give an empty reason, type and time, and no message or login', () => {
    const event = failureEventFromLog(logEvent({
      published: 1_764_000_000, eventType: ['x'], displayMessage: { text: 'x' }, outcome: { result: 'FAILURE', reason: { code: 'X' } },
      target: [{ id: '00u1', type: 'User', alternateId: 5, displayName: null }],
    }));
    assert.deepEqual(event, { uuid: 'c4b1d8f2-1f5e-4a55-a1f3-0c9d7e6b5a41', published: '', eventType: '', reason: '', user: { id: '00u1' } });
    assert.equal(failureEventFromLog(logEvent({ outcome: undefined }))?.reason, '');
  });

  it('keeps markup and very long reasons exactly as given', () => {
    const hostile = `<script>alert(1)</script>${'x'.repeat(5000)}`;
    assert.equal(failureEventFromLog(logEvent({ outcome: { result: 'FAILURE', reason: hostile } }))?.reason, hostile);
  });
});
