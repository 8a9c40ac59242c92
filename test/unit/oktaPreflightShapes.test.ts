// The pre-flight's Okta shapes from raw JSON: a mapping's properties kept only when well formed, in
// an object whose names cannot reach Object.prototype, and a user's display name.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileMappingOf, userRecordOf } from '../../src/okta/api/preflightShapes';

describe('profileMappingOf', () => {
  it('keeps well-formed properties and drops those whose expression is not a string', () => {
    const mapping = profileMappingOf(JSON.parse(JSON.stringify({
      id: 'prm1', source: { id: 'oty1', name: 'user', type: 'user' }, target: { id: '0oa1', name: 'salesforce', type: 'appuser' },
      properties: {
        userName: { expression: 'user.login', pushStatus: 'PUSH' },
        title: { expression: 'user.title' },
        alias: { expression: 42, pushStatus: 'PUSH' },
        role: null,
        department: 'user.department',
      },
    })) as Record<string, unknown>);
    assert.deepEqual({ ...mapping.properties }, { userName: { expression: 'user.login', pushStatus: 'PUSH' }, title: { expression: 'user.title' } });
    assert.deepEqual([mapping.id, mapping.source.type, mapping.target.id], ['prm1', 'user', '0oa1']);
  });

  it('keeps __proto__ and constructor as entries without touching any prototype', () => {
    const raw = JSON.parse('{"properties":{"__proto__":{"expression":"user.login"},"constructor":{"expression":"user.title"}}}') as Record<string, unknown>;
    const { properties, source } = profileMappingOf(raw);
    assert.equal(Object.getPrototypeOf(properties), null);
    assert.deepEqual(Object.keys(properties).sort(), ['__proto__', 'constructor']);
    assert.equal(Object.getOwnPropertyDescriptor(properties, 'constructor')?.value.expression, 'user.title');
    assert.equal(({} as { expression?: unknown }).expression, undefined);
    assert.deepEqual(source, { id: '', name: '', type: '' }, 'a missing end reads as empty, not a crash');
  });
});

describe('userRecordOf', () => {
  it('names a user by first and last name, or by login when Okta sent neither', () => {
    const profile = { login: 'ada@acme.example', firstName: 'Ada', lastName: 'Okafor', timezone: 'Asia/Calcutta' };
    assert.equal(userRecordOf({ id: '00u1', status: 'ACTIVE', profile }).displayName, 'Ada Okafor');
    assert.equal(userRecordOf({ id: '00u1', profile: { login: 'ada@acme.example', firstName: null } }).displayName, 'ada@acme.example');
    assert.equal(userRecordOf({ id: '00u1', status: 'ACTIVE', profile }).profile.timezone, 'Asia/Calcutta');
  });
});
