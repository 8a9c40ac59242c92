// `npm run bench`: Fix in Org from a failing integration profile to a passing verdict, against the
// sandbox's Salesforce org answering 50 ms late, read and written as the extension does (the production
// dist/salesforce.js, the audit, the fix plan, one update, the audit read again). Requests are counted
// where they leave. The profile is then put back, so the run can be repeated.
import * as path from 'node:path';
import type { OrgAudit } from '../../src/domain/profileAudit';
import type * as SalesforceApi from '../../src/salesforce/api/salesforceApi';
import { fixFields, planProfileFix, revertPlan } from '../../src/domain/orgFixes/profileFixes';
import { root } from '../harness/paths';
import { requestCounter, startBenchSandbox, verdict } from './benchSandbox';

const latencyMs = 50;
const profileName = 'Okta Integration - Permission Set Grant';
const goal = { writes: 1, reads: 3 };

async function main(): Promise<void> {
  const sandbox = await startBenchSandbox([], { salesforce: latencyMs });
  try {
    const { instanceUrl, accessToken } = sandbox.connection.salesforce;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const salesforce = require(path.join(root, 'dist/salesforce.js')) as typeof SalesforceApi;
    const session = salesforce.openSalesforceSession({ instanceUrl, accessToken, apiVersion: '64.0', network: { timeoutMs: 30_000, env: {}, wording: { timeout: '', proxy: '' } } });
    const audit = async (): Promise<OrgAudit> => salesforce.auditOrg((await session.readSnapshot()).snapshot);
    // The failing profile, as the tree shows it before the fix (read before counting: the view has it already).
    const before = await audit();
    const profile = before.profiles.find((p) => p.name === profileName);
    if (!profile || profile.verdict !== 'fail') throw new Error(`${profileName} does not fail the audit`);
    const plan = planProfileFix(before, profile.profileId, { isCustom: profile.isCustom ?? true });
    if (plan.kind !== 'fix') throw new Error(`no fix for ${profileName}: ${plan.kind}`);

    const requests = requestCounter(instanceUrl);
    const started = performance.now();
    await session.updateProfilePermissions(plan.profileId, fixFields(plan));
    const writes = requests.count;
    const after = await audit();
    const wallMs = performance.now() - started;
    const reads = requests.count - writes;
    const verdictAfter = after.profiles.find((p) => p.profileId === profile.profileId)?.verdict;
    await session.updateProfilePermissions(plan.profileId, revertPlan(plan).fields);

    console.log(`Fix in Org of the sandbox's "${profileName}" (${plan.changes.length} permissions enabled), ${latencyMs} ms latency per request:\n`);
    console.log(`  verdict before: ${profile.verdict}; after: ${verdictAfter}`);
    console.log(`  requests: ${writes} write(s), then ${reads} read(s) for the audit; ${wallMs.toFixed(0)} ms from the write to the new verdict`);
    console.log('  (the extension also counts each profile\'s active users for its tree when it reads the audit again: one query more)');
    console.log(`goal: one write plus the audit's ${goal.reads} reads (${writes} + ${reads}), ending in a passing verdict: ${verdict(writes === goal.writes && reads === goal.reads && verdictAfter === 'pass')}.`);
  } finally {
    sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
