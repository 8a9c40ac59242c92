// The adapter's org writes (orgWrites.ts through SalesforceSession) against the sandbox org: each
// write and read is one request; each refusal Salesforce gives becomes a failure that keeps its
// errorCode and says what to do; ids and field names that are not what they claim never leave.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSalesforceSession, SalesforceFailure, type SalesforceSession, SalesforceWriteFailure } from '../../src/salesforce/api/salesforceApi';
import { dependencies, withDependencies } from '../sandbox/salesforce/permissions';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { usernamesInOtherOrgs } from '../sandbox/salesforce/seed';
import { testNetwork } from './testNetwork';

describe('Salesforce org writes through the adapter', () => {
  let sf: SalesforceSandbox;
  let admin: SalesforceSession;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    admin = sessionOf(sf.seed.adminUsername);
  });
  after(() => sf.close());

  const sessionOf = (username: string) =>
    openSalesforceSession({ instanceUrl: sf.url, accessToken: sf.issueAccessToken(username), apiVersion: '64.0', network: testNetwork() });
  /** Requests the org counted while `work` ran (the /limits read after it counts one). */
  async function counted<T>(work: () => Promise<T>): Promise<{ result: T | unknown; requests: number }> {
    const before = (await admin.readApiLimit()).remaining;
    const result = await work().catch((error: unknown) => error);
    return { result, requests: before - (await admin.readApiLimit()).remaining - 1 };
  }
  const writeFailure = (value: unknown) => {
    assert.ok(value instanceof SalesforceWriteFailure, `expected a SalesforceWriteFailure, got ${String(value)}`);
    return value;
  };
  const record = (type: string, name: string) => {
    const found = sf.seed.data.records(type).find((r) => r.Name === name);
    assert.ok(found, name);
    return found;
  };
  const fieldsOf = (permissions: Iterable<string>, on = true) => Object.fromEntries([...permissions].map((p) => [`Permissions${p}`, on]));
  let made = 0;
  const newProfile = async (grants: Iterable<string> = []) =>
    admin.createProfile({ Name: `Org Writes ${++made}`, UserLicenseId: record('UserLicense', 'Salesforce').Id, ...fieldsOf(grants) });
  const userBody = (username: string, profile = 'Standard User') => ({
    Username: username, LastName: 'Writer', Email: 'writer@acme-sandbox.example', Alias: 'writer', ProfileId: record('Profile', profile).Id,
    TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
  });

  it('reads some permissions of a profile in one request, with whether it is custom', async () => {
    const id = record('Profile', 'Okta Integration - Missing Dependencies').Id;
    const { result, requests } = await counted(() => admin.readProfilePermissions(id, ['PermissionsManageUsers', 'PermissionsResetPasswords']));
    assert.equal(requests, 1);
    assert.deepEqual(result, {
      id, name: 'Okta Integration - Missing Dependencies', isCustom: true, values: { PermissionsManageUsers: true, PermissionsResetPasswords: false },
    });
    const standard = await admin.readProfilePermissions(record('Profile', 'Standard User').Id, ['PermissionsApiEnabled']);
    assert.equal(standard.isCustom, false);
  });

  it('enables a profile\'s permissions in one request, on the profile and its own permission set', async () => {
    const id = await newProfile(['ApiEnabled']);
    const fields = fieldsOf(withDependencies(['ManageUsers']));
    const { result, requests } = await counted(() => admin.updateProfilePermissions(id, fields));
    assert.equal(result, undefined);
    assert.equal(requests, 1);
    const read = await admin.readProfilePermissions(id, Object.keys(fields));
    assert.ok(Object.values(read.values).every(Boolean));
    // Revert: the same write with the old values.
    await admin.updateProfilePermissions(id, { PermissionsApiEnabled: false });
    assert.equal((await admin.readProfilePermissions(id, ['PermissionsApiEnabled'])).values.PermissionsApiEnabled, false);
  });

  it('names the permissions a refused change still needs, keeping Salesforce\'s errorCode', async () => {
    const id = await newProfile(['ApiEnabled', 'ViewSetup', 'ViewRoles']);
    const { result, requests } = await counted(() => admin.updateProfilePermissions(id, { PermissionsManageUsers: true }));
    assert.equal(requests, 1);
    const failure = writeFailure(result);
    assert.equal(failure.kind, 'saveRefused');
    assert.equal(failure.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    const missing = (dependencies.ManageUsers ?? []).filter((p) => !['ViewSetup', 'ViewRoles'].includes(p));
    assert.deepEqual(failure.dependencies, [{ permission: 'ManageUsers', missing }]);
    assert.match(failure.message, new RegExp(`ManageUsers needs ${missing.join(', ')}\\b`));
    assert.match(failure.message, /Enable those too, in the same change\.$/);
    assert.equal((await admin.readProfilePermissions(id, ['PermissionsManageUsers'])).values.PermissionsManageUsers, false, 'nothing changed');
  });

  it('says a standard profile\'s permissions cannot change and what to do instead', async () => {
    const failure = writeFailure(await admin.updateProfilePermissions(record('Profile', 'Standard User').Id, { PermissionsViewSetup: true, PermissionsViewRoles: true }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'saveRefused');
    assert.equal(failure.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    assert.match(failure.message, /^The profile 00e\w+ is a standard profile, whose permissions Salesforce does not let anyone change .*Create Okta Integration Profile…/);
  });

  it('renews an expired session and sends the write once more, as every other call', async () => {
    let renewals = 0;
    const expiring = openSalesforceSession({
      instanceUrl: sf.url, accessToken: `${sf.organizationId}!expired`, apiVersion: '64.0', network: testNetwork(),
      refresh: () => {
        renewals++;
        return Promise.resolve(sf.issueAccessToken(sf.seed.adminUsername));
      },
    });
    const name = `Org Writes ${++made}`;
    const id = await expiring.createProfile({ Name: name, UserLicenseId: record('UserLicense', 'Salesforce').Id });
    assert.equal(renewals, 1);
    assert.equal(sf.seed.data.records('Profile').filter((p) => p.Name === name).length, 1, 'saved once');
    assert.equal((await admin.readProfilePermissions(id, ['PermissionsApiEnabled'])).name, name);
  });

  it('says a profile that is not there is not there', async () => {
    const failure = await admin.readProfilePermissions('00eSb000000ZZZZAAA', ['PermissionsApiEnabled']).catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'notFound');
    assert.match(failure.message, /^No profile with the id 00eSb000000ZZZZAAA is visible to this session\./);
  });

  it('says a profile that is gone is gone, not that the instance URL is wrong', async () => {
    const failure = writeFailure(await admin.updateProfilePermissions('00eSb000000ZZZZAAA', { PermissionsApiEnabled: true }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'notFound');
    assert.match(failure.message, /no longer exists in this org \(NOT_FOUND\)/);
  });

  it('sends nothing for an id or field name that is not one', async () => {
    const profileId = record('Profile', 'Okta Integration').Id;
    const attempts: Array<() => Promise<unknown>> = [
      () => admin.readProfilePermissions(`${profileId.slice(0, 15)}' OR Name != '`, ['PermissionsApiEnabled']),
      () => admin.readProfilePermissions(record('User', 'Ada Admin').Id, ['PermissionsApiEnabled']),
      () => admin.readProfilePermissions(profileId, ['PermissionsApiEnabled FROM User WHERE Id != null']),
      () => admin.readProfilePermissions(profileId, ['Name']),
      () => admin.updateProfilePermissions(profileId, { 'PermissionsApiEnabled, Name': true }),
      () => admin.updateProfilePermissions(`${profileId}/../User`, { PermissionsApiEnabled: true }),
      () => admin.createProfile({ 'Name"': 'x' }),
      () => admin.createUser({ ...userBody('never.sent@acme-sandbox.example'), LastName: { nested: true } }, { sendEmail: false }),
    ];
    for (const attempt of attempts) {
      const { result, requests } = await counted(attempt);
      assert.ok(result instanceof SalesforceFailure && result.kind === 'invalidRequest', String(result));
      assert.match(result.message, /Nothing was sent to Salesforce\.$/);
      assert.equal(requests, 0);
    }
  });

  it('creates a custom profile in one request and refuses a name that exists', async () => {
    const { result, requests } = await counted(() => newProfile(['ApiEnabled']));
    assert.equal(requests, 1);
    assert.match(String(result), /^00e\w{15}$/);
    assert.ok((await admin.readProfileNames()).includes(`Org Writes ${made}`));

    const failure = writeFailure(await admin.createProfile({ Name: 'okta integration', UserLicenseId: record('UserLicense', 'Salesforce').Id }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'duplicate');
    assert.equal(failure.errorCode, 'DUPLICATE_VALUE');
    assert.equal(failure.message, 'A profile named "okta integration" already exists (DUPLICATE_VALUE). Choose another name, or fix the existing profile instead.');
  });

  it('puts the refusal no edit of the permissions can cure first, and keeps every other', async () => {
    const body = { Name: 'Okta Integration', UserLicenseId: record('UserLicense', 'Salesforce').Id, PermissionsResetPasswords: true };
    const { result, requests } = await counted(() => admin.createProfile(body));
    assert.equal(requests, 1);
    const failure = writeFailure(result);
    assert.deepEqual([failure.kind, failure.errorCode], ['duplicate', 'DUPLICATE_VALUE']);
    assert.deepEqual(failure.dependencies, [{ permission: 'ResetPasswords', missing: ['ViewSetup'] }]);
    assert.match(failure.message, /^A profile named "Okta Integration" already exists .*\(ResetPasswords needs ViewSetup\)/);
  });

  it('names Manage Profiles and Permission Sets when the signed-in user lacks it', async () => {
    const clerk = sessionOf(String(record('User', 'Casey Employee2').Username));
    const failure = writeFailure(await clerk.createProfile({ Name: 'Not Mine', UserLicenseId: record('UserLicense', 'Salesforce').Id }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'missingPermission');
    assert.equal(failure.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    assert.match(failure.message, /may not create or change profiles .*"Manage Profiles and Permission Sets"/);
  });

  it('creates a user in one request, asking Salesforce to email them only when told to', async () => {
    const quiet = await counted(() => admin.createUser(userBody('quiet.writer@acme-sandbox.example'), { sendEmail: false }));
    assert.equal(quiet.requests, 1);
    assert.match(String(quiet.result), /^005\w{15}$/);
    assert.equal(sf.userEmails.length, 0);
    const told = await admin.createUser(userBody('told.writer@acme-sandbox.example'), { sendEmail: true });
    assert.deepEqual(sf.userEmails, [{ userId: told, username: 'told.writer@acme-sandbox.example', email: 'writer@acme-sandbox.example' }]);
  });

  it('emails a new user only when the create asks for it in Sforce-Email-Header', async () => {
    const post = (username: string, header?: string) => fetch(`${sf.url}/services/data/v64.0/sobjects/User`, {
      method: 'POST', body: JSON.stringify(userBody(username)),
      headers: { Authorization: `Bearer ${sf.issueAccessToken(sf.seed.adminUsername)}`, 'Content-Type': 'application/json', ...(header ? { 'Sforce-Email-Header': header } : {}) },
    }).then((r) => r.status);
    const before = sf.userEmails.length;
    assert.equal(await post('no.header@acme-sandbox.example'), 201);
    assert.equal(await post('other.trigger@acme-sandbox.example', 'triggerAutoResponseEmail=true, triggerUserEmail=false'), 201);
    assert.equal(sf.userEmails.length, before, 'Salesforce sends no new-user email unless asked');
    assert.equal(await post('both.triggers@acme-sandbox.example', 'triggerAutoResponseEmail=false, triggerUserEmail=true'), 201);
    assert.deepEqual(sf.userEmails.slice(before).map((e) => e.username), ['both.triggers@acme-sandbox.example']);
  });

  it('says a username taken in another org must be changed', async () => {
    const username = usernamesInOtherOrgs[0];
    const { result, requests } = await counted(() => admin.createUser(userBody(username), { sendEmail: false }));
    assert.equal(requests, 1);
    const failure = writeFailure(result);
    assert.equal(failure.kind, 'duplicate');
    assert.equal(failure.errorCode, 'DUPLICATE_USERNAME');
    assert.deepEqual(failure.fields, ['Username']);
    assert.match(failure.message, new RegExp(`^The username ${username.replace(/\./g, '\\.')} is taken, in this org or in another Salesforce org.*Pick another username`));
  });

  it('says which fields a user still needs', async () => {
    const body: Record<string, unknown> = userBody('partial.writer@acme-sandbox.example');
    delete body.LastName;
    delete body.Alias;
    const failure = writeFailure(await admin.createUser(body, { sendEmail: false }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'saveRefused');
    assert.equal(failure.errorCode, 'REQUIRED_FIELD_MISSING');
    assert.deepEqual([...failure.fields].sort(), ['Alias', 'LastName']);
    assert.match(failure.message, /Salesforce needs .*LastName/);
  });

  it('reads the licenses\' seats in one request, and refuses a user when none is left', async () => {
    const { result, requests } = await counted(() => admin.readUserLicenses());
    assert.equal(requests, 1);
    const platform = record('UserLicense', 'Salesforce Platform');
    const seats = (result as Array<{ id: string; name: string; total: number; used: number }>).find((l) => l.id === platform.Id);
    assert.deepEqual(seats, { id: platform.Id, name: 'Salesforce Platform', total: platform.TotalLicenses, used: platform.UsedLicenses });

    // Take the last seat: the next user with that license is refused, and the count says so.
    platform.TotalLicenses = Number(platform.UsedLicenses) + 1;
    await admin.createUser(userBody('last.seat@acme-sandbox.example', 'Standard Platform User'), { sendEmail: false });
    const after = (await admin.readUserLicenses()).find((l) => l.id === platform.Id);
    assert.equal(after?.used, after?.total);
    const failure = writeFailure(await admin.createUser(userBody('no.seat@acme-sandbox.example', 'Standard Platform User'), { sendEmail: false }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'licenseLimit');
    assert.equal(failure.errorCode, 'LICENSE_LIMIT_EXCEEDED');
    assert.match(failure.message, /no seat left/);
  });

  it('names Manage Users when the signed-in user may not create users', async () => {
    const clerk = sessionOf(String(record('User', 'Casey Employee2').Username));
    const failure = writeFailure(await clerk.createUser(userBody('by.clerk@acme-sandbox.example'), { sendEmail: false }).catch((e: unknown) => e));
    assert.equal(failure.kind, 'missingPermission');
    assert.equal(failure.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    assert.match(failure.message, /may not create users .*"Manage Internal Users" \(part of "Manage Users"\)/);
  });

  it('reads every profile name in one request', async () => {
    const { result, requests } = await counted(() => admin.readProfileNames());
    assert.equal(requests, 1);
    assert.deepEqual([...(result as string[])].sort(), sf.seed.data.records('Profile').map((p) => String(p.Name)).sort());
  });
});
