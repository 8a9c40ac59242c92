import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileNameOfFile } from '../../src/domain/profileFiles';

describe('profileNameOfFile', () => {
  it('names a custom profile after its file', () => {
    assert.equal(profileNameOfFile('Okta Integration.profile-meta.xml'), 'Okta Integration');
  });

  it('decodes the characters metadata percent-encodes', () => {
    assert.equal(profileNameOfFile('Custom%3A Marketing Profile.profile-meta.xml'), 'Custom: Marketing Profile');
  });

  it('maps standard profiles\' API names to the names the org shows', () => {
    assert.equal(profileNameOfFile('Admin.profile-meta.xml'), 'System Administrator');
    assert.equal(profileNameOfFile('ReadOnly.profile-meta.xml'), 'Read Only');
  });

  it('keeps a name with a stray % as it is, and ignores other files', () => {
    assert.equal(profileNameOfFile('100% Okta.profile-meta.xml'), '100% Okta');
    assert.equal(profileNameOfFile('Okta.permissionset-meta.xml'), undefined);
  });
});
