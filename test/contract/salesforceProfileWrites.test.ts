// Profile create and update through the sObject REST API of the sandbox org, through the real
// jsforce: describe's flags, the saves and their answers, the refusals a real org gives (missing
// dependencies, a license that cannot carry a permission, a standard profile, a user who may not
// manage profiles, bad fields), and the audit reading the new permissions after a write.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import { auditOrg } from '../../src/domain/profileAudit';
import { readOrgSnapshot } from '../../src/salesforce/api/orgSnapshot';
import { effectivePermissions } from '../sandbox/salesforce/effectivePermissions';
import { dependencies, oktaRequired, withDependencies } from '../sandbox/salesforce/permissions';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';

const apiVersion = '64.0';

type SfError = Error & { errorCode?: string; data?: unknown };
interface SavedError { errorCode: string; message: string; fields: string[] }

describe('Profile writes through the sObject REST API', () => {
  let sf: SalesforceSandbox;
  let admin: Connection;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    admin = session(sf.seed.adminUsername);
  });
  after(() => sf.close());

  const session = (username: string) => new Connection({ instanceUrl: sf.url, accessToken: sf.issueAccessToken(username), version: apiVersion });
  const failure = (promise: PromiseLike<unknown>) => Promise.resolve(promise).then(() => assert.fail('expected a failure'), (e: unknown) => e as SfError);
  /** Every error of a refusal: jsforce folds two or more into MULTIPLE_API_ERRORS with the list in data. */
  const refusals = async (promise: PromiseLike<unknown>) => {
    const error = await failure(promise);
    const data = error.data as SavedError | SavedError[];
    return (Array.isArray(data) ? data : [data]).map((e) => ({ errorCode: e.errorCode, message: e.message, fields: e.fields }));
  };
  const codes = async (promise: PromiseLike<unknown>) => (await refusals(promise)).map((e) => e.errorCode).sort();
  const licenseId = (name: string) => {
    const id = sf.seed.data.records('UserLicense').find((l) => l.Name === name)?.Id;
    assert.ok(id, name);
    return id;
  };
  const profileNamed = (name: string) => {
    const profile = sf.seed.data.records('Profile').find((p) => p.Name === name);
    assert.ok(profile, name);
    return profile;
  };
  const fieldsOf = (permissions: Iterable<string>) => Object.fromEntries([...permissions].map((p) => [`Permissions${p}`, true]));
  /** The profile's own permission set as the audit reads it, through SOQL. */
  async function ownSet(profileId: string) {
    const result = await admin.query<Record<string, unknown>>(
      `SELECT Id, IsOwnedByProfile, IsCustom, Type, LicenseId, PermissionsApiEnabled, PermissionsViewSetup, PermissionsViewRoles, PermissionsResetPasswords FROM PermissionSet WHERE ProfileId = '${profileId}'`);
    assert.equal(result.records.length, 1);
    return result.records[0];
  }
  const profileById = async (id: string) => admin.sobject('Profile').retrieve(id);
  let created = 0;
  const newName = (stem: string) => `${stem} ${++created}`;

  it('describes Profile as a real org does: createable and updateable, a license chosen only on create', async () => {
    const described = await admin.sobject('Profile').describe();
    assert.equal(described.createable, true);
    assert.equal(described.updateable, true);
    const flags = (name: string) => {
      const field = described.fields.find((f) => f.name === name);
      assert.ok(field, name);
      return [field.createable, field.updateable];
    };
    assert.deepEqual(flags('Name'), [true, true]);
    assert.deepEqual(flags('Description'), [true, true]);
    assert.deepEqual(flags('UserLicenseId'), [true, false]);
    assert.deepEqual(flags('PermissionsManageUsers'), [true, true]);
    assert.deepEqual(flags('UserType'), [false, false]);
    assert.deepEqual(flags('Id'), [false, false]);
    const required = described.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate).map((f) => f.name).sort();
    assert.deepEqual(required, ['Name', 'UserLicenseId']);

    const permissionSet = await admin.sobject('PermissionSet').describe();
    const apiEnabled = permissionSet.fields.find((f) => f.name === 'PermissionsApiEnabled');
    assert.deepEqual([apiEnabled?.createable, apiEnabled?.updateable], [true, true]);
  });

  it('creates a custom profile with only the permissions asked for, and its own permission set', async () => {
    const name = newName('Okta Writer');
    const result = await admin.sobject('Profile').create({ Name: name, Description: 'made by a test', UserLicenseId: licenseId('Salesforce'), PermissionsApiEnabled: true });
    assert.equal(result.success, true);
    assert.match(result.id ?? '', /^00e/);
    const profile = await admin.sobject('Profile').retrieve(result.id ?? '');
    assert.equal(profile.Name, name);
    assert.equal(profile.UserType, 'Standard');
    assert.equal(profile.PermissionsApiEnabled, true);
    assert.equal(profile.PermissionsViewSetup, false);
    const set = await ownSet(result.id ?? '');
    assert.deepEqual(
      [set.IsOwnedByProfile, set.IsCustom, set.Type, set.LicenseId, set.PermissionsApiEnabled, set.PermissionsViewSetup],
      [true, true, 'Profile', licenseId('Salesforce'), true, false]);
  });

  it('answers a create with 201 {id, success, errors: []} and an update with 204 and no body', async () => {
    const headers = { Authorization: `Bearer ${sf.issueAccessToken(sf.seed.adminUsername)}`, 'Content-Type': 'application/json' };
    const base = `${sf.url}/services/data/v${apiVersion}/sobjects/Profile`;
    const post = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ Name: newName('Raw'), UserLicenseId: licenseId('Salesforce') }) });
    assert.equal(post.status, 201);
    const body = await post.json() as { id: string; success: boolean; errors: unknown[] };
    assert.deepEqual({ ...body, id: body.id.slice(0, 3) }, { id: '00e', success: true, errors: [] });
    const patch = await fetch(`${base}/${body.id}`, { method: 'PATCH', headers, body: JSON.stringify({ Description: 'raw update' }) });
    assert.equal(patch.status, 204);
    assert.equal(await patch.text(), '');
  });

  it('updates a profile and its own permission set together', async () => {
    const { id = '' } = await admin.sobject('Profile').create({ Name: newName('Update Me'), UserLicenseId: licenseId('Salesforce') });
    await admin.sobject('Profile').update({ Id: id, Description: 'now with setup', PermissionsViewSetup: true, PermissionsViewRoles: true });
    const profile = await admin.sobject('Profile').retrieve(id);
    assert.deepEqual([profile.Description, profile.PermissionsViewSetup, profile.PermissionsViewRoles], ['now with setup', true, true]);
    const set = await ownSet(id);
    assert.deepEqual([set.PermissionsViewSetup, set.PermissionsViewRoles, set.PermissionsApiEnabled], [true, true, false]);
  });

  it('refuses a permission without what it depends on, naming the missing ones, on create and on update', async () => {
    const [refusal] = await refusals(admin.sobject('Profile').create({ Name: newName('Deps'), UserLicenseId: licenseId('Salesforce'), PermissionsManageUsers: true }));
    assert.equal(refusal.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    const listed = /^Permission ManageUsers depends on permission\(s\): (.+)$/.exec(refusal.message)?.[1].split(', ');
    assert.deepEqual(listed, dependencies.ManageUsers);
    assert.equal(sf.seed.data.records('Profile').filter((p) => String(p.Name).startsWith('Deps')).length, 0, 'nothing saved');

    // With everything it needs, the same permission saves.
    const { id = '' } = await admin.sobject('Profile').create({ Name: newName('Deps'), UserLicenseId: licenseId('Salesforce'), ...fieldsOf(withDependencies(['ManageUsers'])) });
    // Taking away what another granted permission needs is refused too, and changes nothing.
    const [removal] = await refusals(admin.sobject('Profile').update({ Id: id, PermissionsViewSetup: false }));
    assert.equal(removal.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    assert.match(removal.message, /Permission ResetPasswords depends on permission\(s\): ViewSetup/);
    assert.match(removal.message, /Permission ManageUsers depends on permission\(s\): ViewSetup(;|$)/);
    assert.equal((await ownSet(id)).PermissionsViewSetup, true);
  });

  it('refuses a permission the profile\'s license cannot carry', async () => {
    const chatter = licenseId('Chatter Free');
    const [refusal] = await refusals(admin.sobject('Profile').create({ Name: newName('Chatter'), UserLicenseId: chatter, PermissionsViewRoles: true }));
    assert.deepEqual(refusal, { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'The user license doesn\'t allow the permission: ViewRoles', fields: ['PermissionsViewRoles'] });
    const { id = '' } = await admin.sobject('Profile').create({ Name: newName('Chatter'), UserLicenseId: chatter, PermissionsApiEnabled: true });
    assert.equal((await profileById(id)).UserType, 'CsnOnly');
    const both = await refusals(admin.sobject('Profile').update({ Id: id, PermissionsViewSetup: true, PermissionsViewRoles: true }));
    assert.deepEqual(both.map((e) => e.fields[0]).sort(), ['PermissionsViewRoles', 'PermissionsViewSetup']);
    assert.equal((await ownSet(id)).PermissionsViewRoles, false);
  });

  it('refuses to change a standard profile\'s permissions, but saves its description', async () => {
    const standard = profileNamed('Standard User');
    const [refusal] = await refusals(admin.sobject('Profile').update({ Id: standard.Id, PermissionsViewSetup: true, PermissionsViewRoles: true }));
    assert.equal(refusal.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    assert.match(refusal.message, /standard profile/);
    assert.equal((await ownSet(standard.Id)).PermissionsViewSetup, false);
    await admin.sobject('Profile').update({ Id: standard.Id, Description: 'Salesforce\'s own', PermissionsApiEnabled: true });
    assert.equal((await profileById(standard.Id)).Description, 'Salesforce\'s own');
    // A custom profile of the same grants takes the same change.
    await admin.sobject('Profile').update({ Id: profileNamed('Sales Representative').Id, PermissionsViewSetup: true, PermissionsViewRoles: true });
    assert.equal((await ownSet(profileNamed('Sales Representative').Id)).PermissionsViewSetup, true);
  });

  it('refuses writes by a user without Manage Profiles and Permission Sets, and counts that permission from assigned sets', async () => {
    const plain = sf.seed.data.records('User').find((u) => {
      const granted = effectivePermissions(sf.seed.data, u);
      return u.IsActive === true && granted.has('ApiEnabled') && !granted.has('ManageProfilesPermissionsets');
    });
    assert.ok(plain);
    const conn = session(String(plain.Username));
    const before = sf.seed.data.records('Profile').length;
    const [refusal] = await refusals(conn.sobject('Profile').create({ Name: newName('Denied'), UserLicenseId: licenseId('Salesforce') }));
    assert.equal(refusal.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    assert.deepEqual(await codes(conn.sobject('Profile').update({ Id: profileNamed('Sales Manager').Id, Description: 'denied' })), ['INSUFFICIENT_ACCESS_OR_READONLY']);
    assert.equal(sf.seed.data.records('Profile').length, before);
    assert.notEqual((await profileById(profileNamed('Sales Manager').Id)).Description, 'denied');

    // The permission-set-grant integration user has it only through an assigned permission set.
    const viaSet = session(sf.seed.integrationUsers.permissionSetGrant);
    const result = await viaSet.sobject('Profile').create({ Name: newName('Via Set'), UserLicenseId: licenseId('Salesforce') });
    assert.equal(result.success, true);
  });

  it('answers bad fields, a taken name, bad licenses and unknown ids with Salesforce\'s errors, all at once', async () => {
    const salesforce = licenseId('Salesforce');
    assert.deepEqual(await refusals(admin.sobject('Profile').create({ Description: 'no name' })),
      [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name, UserLicenseId]', fields: ['Name', 'UserLicenseId'] }]);
    const unknownLicense = `${salesforce.slice(0, 5)}ZZZZZZZZZZAAA`;
    assert.deepEqual(await codes(admin.sobject('Profile').create({ Name: 'read only', UserLicenseId: unknownLicense, Bogus__c: 1, UserType: 'Standard' })),
      ['DUPLICATE_VALUE', 'INVALID_CROSS_REFERENCE_KEY', 'INVALID_FIELD', 'INVALID_FIELD_FOR_INSERT_UPDATE']);
    assert.deepEqual(await codes(admin.sobject('Profile').create({ Name: newName('Wrong Ref'), UserLicenseId: profileNamed('Read Only').Id })), ['FIELD_INTEGRITY_EXCEPTION']);
    assert.deepEqual(await codes(admin.sobject('Profile').create({ Name: newName('Not Bool'), UserLicenseId: salesforce, PermissionsApiEnabled: 'yes' })), ['INVALID_TYPE_ON_FIELD_IN_RECORD']);

    const custom = profileNamed('Sales Manager').Id;
    assert.deepEqual(await codes(admin.sobject('Profile').update({ Id: custom, UserLicenseId: licenseId('Salesforce Platform') })), ['INVALID_FIELD_FOR_INSERT_UPDATE']);
    assert.deepEqual(await codes(admin.sobject('Profile').update({ Id: custom, Name: 'System Administrator' })), ['DUPLICATE_VALUE']);
    assert.deepEqual(await codes(admin.sobject('Profile').update({ Id: custom, Name: null })), ['REQUIRED_FIELD_MISSING']);
    await admin.sobject('Profile').update({ Id: custom, Name: 'Sales Manager', Description: 'its own name is not a duplicate' });
    assert.deepEqual(await codes(admin.sobject('Profile').update({ Id: '00eSb0000000ZZZZAAA', Description: 'x' })), ['NOT_FOUND']);
    assert.deepEqual(await codes(admin.sobject('Profile').update({ Id: sf.seed.data.records('User')[0].Id, Description: 'x' })), ['NOT_FOUND']);
  });

  it('lets the audit read the new permissions after a write', async () => {
    const name = newName('Okta Provisioning');
    const { id = '' } = await admin.sobject('Profile').create({ Name: name, UserLicenseId: licenseId('Salesforce'), PermissionsApiEnabled: true });
    const verdictOf = async () => {
      const { snapshot } = await readOrgSnapshot(admin);
      const verdict = auditOrg(snapshot).profiles.find((p) => p.profileId === id);
      assert.ok(verdict);
      return verdict;
    };
    const first = await verdictOf();
    assert.equal(first.isIntegrationCandidate, true);
    assert.equal(first.verdict, 'fail');
    assert.ok(first.permissions.some((p) => p.permission === 'ManageUsers' && p.state === 'missing'));

    await admin.sobject('Profile').update({ Id: id, ...fieldsOf(withDependencies(oktaRequired)) });
    const second = await verdictOf();
    assert.equal(second.verdict, 'pass');
    assert.ok(second.permissions.every((p) => p.state === 'onProfile'));
  });
});
