// okta-sf apps with an INACTIVE Salesforce instance (the built dist/cli.js in its own process, against
// the sandbox Okta org): the seed's inactive instance, and one deactivated through Okta's API, are
// reported as INACTIVE with their provisioning, in the report and in JSON.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inactiveSalesforceLabel } from '../sandbox/okta/seed';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { runOktaSf as oktaSf } from './oktaSfProcess';

const token = (org: SandboxSuite) => ({ OKTA_SF_OKTA_TOKEN: org.okta.apiToken });

/** The report's block for one instance: its label line and the two lines under it. */
function blockOf(stdout: string, label: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${label}  (`));
  assert.ok(start >= 0, `no "${label}" in:\n${stdout}`);
  return lines.slice(start + 1, start + 3);
}

async function deactivate(org: SandboxSuite, appId: string): Promise<void> {
  const response = await fetch(`${org.okta.url}/api/v1/apps/${appId}/lifecycle/deactivate`, {
    method: 'POST', headers: { Authorization: `SSWS ${org.okta.apiToken}`, Accept: 'application/json' },
  });
  assert.equal(response.status, 200, await response.text());
}

describe('okta-sf apps: an INACTIVE Salesforce instance', () => {
  const org = oktaSandboxSuite({ inactiveSalesforceApp: true });

  it('reports the seed\'s inactive instance as INACTIVE, with its instance type, login URL and provisioning', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url], token(org));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Salesforce\.com instances in .* \(3\):/);
    assert.deepEqual(blockOf(run.stdout, inactiveSalesforceLabel), [
      '  INACTIVE · SANDBOX · https://acme--olduat.sandbox.my.salesforce.com',
      '  Push new users · Push profile updates',
    ]);
    assert.equal(blockOf(run.stdout, 'Salesforce.com')[0], '  ACTIVE · PRODUCTION · https://acme.my.salesforce.com');
  });

  it('gives its status in JSON', async () => {
    const run = await oktaSf(['apps', '--org-url', org.okta.url, '--json'], token(org));
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { salesforce: Array<{ label: string; status: string; features: string[] }> };
    assert.deepEqual(report.salesforce.map((app) => [app.label, app.status]), [
      ['Salesforce.com', 'ACTIVE'], ['Salesforce.com (Sandbox)', 'ACTIVE'], [inactiveSalesforceLabel, 'INACTIVE'],
    ]);
    assert.deepEqual(report.salesforce[2].features, ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES']);
  });

  it('reports an instance deactivated through Okta\'s API as INACTIVE on the next run, its provisioning unchanged', async () => {
    const [production] = await org.appsNamed('salesforce');
    await deactivate(org, production.id);
    const run = await oktaSf(['apps', '--org-url', org.okta.url], token(org));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(blockOf(run.stdout, 'Salesforce.com'), [
      '  INACTIVE · PRODUCTION · https://acme.my.salesforce.com',
      '  Push new users · Push profile updates · Deactivate users',
    ]);
  });
});
