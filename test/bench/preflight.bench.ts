// `npm run bench`: the provisioning pre-flight of the sandbox's PRODUCTION Salesforce app (the one with
// the traps) against its Salesforce org, both answering 50 ms late, and the dry run of one user. Read as
// the extension reads them: the production dist/okta.js and dist/salesforce.js, an Okta session with the
// org's API token, a Salesforce session with a token. Requests are counted per org where they leave.
// The first pre-flight in the process is the SDKs' first use (the first requests also open connections);
// the goal's time is that of a pre-flight once they have loaded, with fresh sessions (median of several).
import * as path from 'node:path';
import type * as OktaApi from '../../src/okta/api/oktaApi';
import type * as SalesforceApi from '../../src/salesforce/api/salesforceApi';
import { root } from '../harness/paths';
import { median, requestCounter, startBenchSandbox, verdict } from './benchSandbox';

const latencyMs = 50;
const laterRuns = 7;
const goal = { oktaRequests: 3, salesforceRequests: 2, wallMs: 500, dryRunRequests: 1 };
const network = { timeoutMs: 30_000, env: {}, wording: { timeout: '', proxy: '' } };

async function main(): Promise<void> {
  const sandbox = await startBenchSandbox([], { okta: latencyMs, salesforce: latencyMs });
  try {
    const { okta: oktaOrg, salesforce: salesforceOrg } = sandbox.connection;
    // The sandbox's own first answers are slow (its JIT); the orgs' are not. Warmed with Node's fetch before counting starts.
    const apps = await fetch(`${oktaOrg.orgUrl}/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`, { headers: { Authorization: `SSWS ${oktaOrg.apiToken}` } })
      .then((r) => r.json() as Promise<Array<{ id: string; label: string; settings: { app: { instanceType: string; loginUrl: string } } }>>);
    const app = apps.find((a) => a.settings.app.instanceType === 'PRODUCTION');
    if (!app) throw new Error('the sandbox has no PRODUCTION Salesforce app');
    await fetch(`${salesforceOrg.instanceUrl}/services/data/v64.0/sobjects/User/describe`, { headers: { Authorization: `Bearer ${salesforceOrg.accessToken}` } }).then((r) => r.text());

    const oktaRequests = requestCounter(oktaOrg.orgUrl);
    const salesforceRequests = requestCounter(salesforceOrg.instanceUrl);
    // What the extension's lazy loads bring in (src/common/lazyBundle.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const okta = require(path.join(root, 'dist/okta.js')) as typeof OktaApi;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const salesforce = require(path.join(root, 'dist/salesforce.js')) as typeof SalesforceApi;
    const subject = { oktaOrgUrl: oktaOrg.orgUrl, salesforceOrgUrl: salesforceOrg.instanceUrl, app: { id: app.id, label: app.label, loginUrl: app.settings.app.loginUrl } };

    const sessions = () => ({
      oktaSession: okta.openOktaSession({ orgUrl: oktaOrg.orgUrl, credential: { kind: 'apiToken', token: oktaOrg.apiToken }, network }),
      salesforceSession: salesforce.openSalesforceSession({ instanceUrl: salesforceOrg.instanceUrl, accessToken: salesforceOrg.accessToken, apiVersion: '64.0', network }),
    });
    const preflight = async () => {
      const { oktaSession, salesforceSession } = sessions();
      const [oktaBefore, salesforceBefore, started] = [oktaRequests.count, salesforceRequests.count, performance.now()];
      const result = await okta.runPreflightOf(subject, oktaSession, salesforceSession);
      return { ...result, oktaSession, salesforceSession, wallMs: performance.now() - started, okta: oktaRequests.count - oktaBefore, salesforce: salesforceRequests.count - salesforceBefore };
    };

    const first = await preflight();
    const later = [];
    for (let i = 0; i < laterRuns; i++) later.push(await preflight());
    const loadedMs = median(later.map((run) => run.wallMs));
    const maxOkta = Math.max(first.okta, ...later.map((run) => run.okta));
    const maxSalesforce = Math.max(first.salesforce, ...later.map((run) => run.salesforce));

    // The dry run of one user, on the pre-flight's reads: the user comes from a search (the user pick), then 1 request to each org.
    const [user] = await first.oktaSession.searchUsers('ada.okafor');
    if (!user) throw new Error('the sandbox has no user Ada Okafor');
    const [oktaBefore, salesforceBefore, started] = [oktaRequests.count, salesforceRequests.count, performance.now()];
    const plan = await okta.runDryRunOf(first.data, app.id, user, first.oktaSession, first.salesforceSession);
    const dryRun = { wallMs: performance.now() - started, okta: oktaRequests.count - oktaBefore, salesforce: salesforceRequests.count - salesforceBefore };

    const { report } = first;
    console.log(`Provisioning pre-flight of the sandbox's ${report.subject.app.label} (${report.attributeCount} attributes, ${report.mappedCount} mapped, ${report.fieldCount} User fields), ${latencyMs} ms latency per request:\n`);
    console.log(`Findings: ${report.counts.error} error(s), ${report.counts.warning} warning(s), ${report.counts.info} note(s).`);
    console.log(`Requests: Okta ${first.okta}, Salesforce ${first.salesforce} (every run: Okta ${[...new Set(later.map((r) => r.okta))].join('/')}, Salesforce ${[...new Set(later.map((r) => r.salesforce))].join('/')}).`);
    console.log(`  the SDKs' first use (dist/okta.js and dist/salesforce.js loaded; first connections): ${first.wallMs.toFixed(0)} ms`);
    console.log(`  the SDKs loaded (fresh sessions, median of ${laterRuns}): ${loadedMs.toFixed(0)} ms (${later.map((run) => run.wallMs.toFixed(0)).join(', ')})`);
    console.log(`Dry run of ${user.login}: ${plan.rows.length} fields, Okta ${dryRun.okta} request(s), Salesforce ${dryRun.salesforce} request(s), ${dryRun.wallMs.toFixed(0)} ms.`);
    console.log(`goal: pre-flight requests Okta ≤ ${goal.oktaRequests} (${maxOkta}), Salesforce ≤ ${goal.salesforceRequests} (${maxSalesforce}): ${verdict(maxOkta <= goal.oktaRequests && maxSalesforce <= goal.salesforceRequests)}.`);
    console.log(`goal: pre-flight wall time after the SDKs have loaded < ${goal.wallMs} ms (${loadedMs.toFixed(0)} ms; first use ${first.wallMs.toFixed(0)} ms): ${verdict(loadedMs < goal.wallMs)}.`);
    console.log(`goal: dry run, one request to each org beyond the pre-flight's (Okta ${dryRun.okta}, Salesforce ${dryRun.salesforce}): ${verdict(dryRun.okta === goal.dryRunRequests && dryRun.salesforce === goal.dryRunRequests)}.`);
  } finally {
    sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
