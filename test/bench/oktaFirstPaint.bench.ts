// `npm run bench`: the Okta Apps view's first paint against the sandbox's large Okta org (5,000
// apps) with 50 ms injected latency. The org is read the way the view reads it: the production
// dist/okta.js (what the extension loads on first use), a session with the org's API token, and the
// view's own reader (src/okta/orgAppsReader.ts): the org's check, then its children, then Other apps
// page by page. Requests are counted where they leave, on Node's http diagnostics channel. The sandbox
// runs in its own process.
// The first check in the process is the SDK's first use: its first request also opens the first
// connection (Node's http client). The goal's time is that of a check once the SDK has
// loaded: a fresh session and reader each time (the median of several), both times printed.
import * as path from 'node:path';
import type * as OktaApi from '../../src/okta/api/oktaApi';
import { OrgAppsReader } from '../../src/okta/orgAppsReader';
import { root } from '../harness/paths';
import { median, requestCounter, startBenchSandbox, verdict } from './benchSandbox';

const latencyMs = 50;
/** Checks measured with fresh sessions after the first (the SDK's first use). */
const laterRuns = 7;
const goal = { checkRequests: 1, wallMs: 2 * latencyMs };

/** The org's check (what the view does when it opens), timed and counted. */
async function firstPaint(okta: typeof OktaApi, orgUrl: string, token: string, requests: { readonly count: number }) {
  const before = requests.count;
  const started = performance.now();
  const session = okta.openOktaSession({ orgUrl, credential: { kind: 'apiToken', token }, network: { timeoutMs: 30_000, env: {}, wording: { timeout: '', proxy: '' } } });
  const reader = new OrgAppsReader(() => Promise.resolve(session));
  const instances = await reader.salesforceInstances();
  return { reader, instances, wallMs: performance.now() - started, requests: requests.count - before };
}

async function main(): Promise<void> {
  const sandbox = await startBenchSandbox(['--large'], { okta: latencyMs });
  try {
    const { orgUrl, apiToken } = sandbox.connection.okta;
    // The sandbox's own first answer is slow (its JIT); Okta's is not. Warmed with Node's fetch, before counting starts.
    await fetch(`${orgUrl}/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}&limit=200`, { headers: { Authorization: `SSWS ${apiToken}` } }).then((r) => r.text());
    const requests = requestCounter(orgUrl);
    // What loadOktaApi() loads (src/common/lazyBundle.ts): from here on, "the SDK has loaded".
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const okta = require(path.join(root, 'dist/okta.js')) as typeof OktaApi;

    const first = await firstPaint(okta, orgUrl, apiToken, requests);
    if (!first.instances.items.length || first.instances.items.some((app) => app.name !== 'salesforce')) {
      throw new Error(`the check read ${first.instances.items.length} apps, not only Salesforce.com instances`);
    }
    // Expanding the org: its children are the instances the check read.
    const beforeChildren = requests.count;
    const children = await first.reader.salesforceInstances();
    const childRequests = requests.count - beforeChildren;
    if (children !== first.instances) throw new Error('expanding the org read its Salesforce.com instances again');

    // Expanding Other apps, then Load more until the last page.
    const perPage: number[] = [];
    let otherApps = 0;
    let after: string | undefined;
    do {
      const beforePage = requests.count;
      const page = await first.reader.otherApps(after);
      perPage.push(requests.count - beforePage);
      otherApps += page.items.length;
      after = page.next;
    } while (after !== undefined);

    const later = [];
    for (let i = 0; i < laterRuns; i++) later.push(await firstPaint(okta, orgUrl, apiToken, requests));
    const loadedMs = median(later.map((run) => run.wallMs));
    const checkRequests = Math.max(first.requests, ...later.map((run) => run.requests));

    console.log(`Okta Apps view, first paint of the sandbox's large Okta org (5,000 apps), ${latencyMs} ms latency per request:\n`);
    console.log(`Salesforce.com instances shown by the org's check: ${first.instances.items.length}, after ${first.requests} request(s).`);
    console.log(`  the SDK's first use (dist/okta.js loaded; the first request opens the first connection): ${first.wallMs.toFixed(0)} ms`);
    console.log(`  the SDK loaded (a fresh session, median of ${laterRuns}): ${loadedMs.toFixed(0)} ms (${later.map((run) => run.wallMs.toFixed(0)).join(', ')})`);
    console.log(`Expanding the org: ${childRequests} request(s).`);
    console.log(`Other apps: ${otherApps} apps in ${perPage.length} pages; requests per page: ${[...new Set(perPage)].join(', ')} (${perPage.reduce((a, b) => a + b, 0)} in all).`);
    console.log(`goal: requests until the Salesforce instances show = ${goal.checkRequests} (${checkRequests}; expanding the org ${childRequests}): ${verdict(checkRequests === goal.checkRequests && childRequests === 0)}.`);
    console.log(`goal: wall time after the SDK has loaded < 2 round trips = ${goal.wallMs} ms (${loadedMs.toFixed(0)} ms; the SDK's first use ${first.wallMs.toFixed(0)} ms): ${verdict(loadedMs < goal.wallMs)}.`);
    console.log(`goal: one request per page of Other apps (${perPage.join(' ')}): ${verdict(perPage.every((n) => n === 1))}.`);
  } finally {
    sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
