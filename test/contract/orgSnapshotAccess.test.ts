// The org-wide audit read by users a real org limits since Summer '20: without View Setup and
// Configuration the Tooling object PermissionDependency is refused (the audit falls back to the
// built-in dependencies and says so), and without any permission that opens PermissionSet the read
// fails with a message naming what to grant. Through jsforce, the extension's adapter and okta-sf.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce/core';
import { auditOrg } from '../../src/domain/profileAudit';
import { readOrgSnapshot } from '../../src/salesforce/api/orgSnapshot';
import { openSalesforceSession, SalesforceFailure } from '../../src/salesforce/api/salesforceApi';
import { type SalesforceSandbox, startSalesforceSandbox } from '../sandbox/salesforce/salesforceServer';
import { runOktaSf as oktaSf } from './oktaSfProcess';
import { activeUserOf, assignNewPermissionSet, profileGrants } from './sandboxUsers';
import { testNetwork } from './testNetwork';

const apiVersion = '64.0';
const needsViewSetup = /needs View Setup and Configuration\b.*; sign in as a user who has it, or grant it to this user's profile/;

describe('the whole-org audit under the org\'s access rules', () => {
  let sf: SalesforceSandbox;
  /** Has Assign Permission Sets (through a set) but not View Setup: PermissionSet is readable, PermissionDependency is not. */
  let assigner: string;
  /** Has API Enabled and nothing that opens the setup objects. */
  let everyday: string;
  before(async () => {
    sf = await startSalesforceSandbox({ log: () => {} });
    assigner = activeUserOf(sf, 'Contract Manager');
    assert.ok(!profileGrants(sf, 'Contract Manager', 'ViewSetup'));
    assignNewPermissionSet(sf, assigner, ['AssignPermissionSets']);
    everyday = activeUserOf(sf, 'Marketing User');
    assert.ok(profileGrants(sf, 'Marketing User', 'ApiEnabled') && !profileGrants(sf, 'Marketing User', 'ViewSetup'));
  });
  after(() => sf.close());

  const connection = (username: string) => new Connection({ instanceUrl: sf.url, accessToken: sf.issueAccessToken(username), version: apiVersion });
  const adapter = (username: string) => openSalesforceSession({ instanceUrl: sf.url, accessToken: sf.issueAccessToken(username), apiVersion, network: testNetwork() });

  it('runs on the built-in dependencies when PermissionDependency is refused, and says so', async () => {
    const { snapshot, apiCalls } = await readOrgSnapshot(connection(assigner));
    assert.equal(apiCalls, 3, 'the refused dependency query costs a call too');
    assert.equal(snapshot.dependencies, undefined);
    const audit = auditOrg(snapshot);
    assert.equal(audit.required.source, 'builtIn');
    const verdict = (name: string) => audit.profiles.find((profile) => profile.name === name)?.verdict;
    assert.equal(verdict('Okta Integration'), 'pass');
    assert.equal(verdict('Okta Integration - Missing Dependencies'), 'fail');
    // The same org read by a user with View Setup uses the org's own rows.
    assert.equal(auditOrg((await readOrgSnapshot(connection(sf.integrationUsername))).snapshot).required.source, 'org');
  });

  it('prints in okta-sf audit-org that the built-in list was used', async () => {
    const run = await oktaSf(['audit-org', '--instance-url', sf.url, '--profiles', 'Okta Integration'], { OKTA_SF_ACCESS_TOKEN: sf.issueAccessToken(assigner) });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /dependencies from the built-in list \(the org’s were not read\)/);
  });

  it('names View Setup and Configuration when the user may not read permission sets', async () => {
    const failure = await adapter(everyday).readSnapshot().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'missingPermission');
    assert.match(failure.message, /^Reading permission sets \(PermissionSet\) needs View Setup and Configuration /);
    assert.match(failure.message, needsViewSetup);
  });

  it('names View Setup and Configuration when the user may not read the org\'s limits', async () => {
    const failure = await adapter(everyday).readApiLimit().catch((e: unknown) => e);
    assert.ok(failure instanceof SalesforceFailure);
    assert.equal(failure.kind, 'missingPermission');
    assert.match(failure.message, /^Reading the org's API limits needs View Setup and Configuration; /);
    assert.match(failure.message, needsViewSetup);
  });

  it('says in okta-sf audit-org what to grant, and to the Run As user with client credentials', async () => {
    const session = await oktaSf(['audit-org', '--instance-url', sf.url], { OKTA_SF_ACCESS_TOKEN: sf.issueAccessToken(everyday) });
    assert.equal(session.code, 2);
    assert.match(session.stderr, needsViewSetup);
    assert.doesNotMatch(session.stderr, /Run As/);

    const runAs = sf.connectedApp.runAsUsername;
    sf.connectedApp.runAsUsername = everyday;
    try {
      const run = await oktaSf(['audit-org', '--login-url', sf.url, '--client-id', sf.connectedApp.consumerKey], { OKTA_SF_CLIENT_SECRET: sf.connectedApp.consumerSecret });
      assert.equal(run.code, 2);
      assert.match(run.stderr, needsViewSetup);
      assert.match(run.stderr, /the connected app's Run As user \(Client Credentials Flow\): give that user the permission, or choose a Run As user who has it\.$/m);
    } finally {
      sf.connectedApp.runAsUsername = runAs;
    }
  });
});
