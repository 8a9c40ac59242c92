// `npm run bench`: the provisioning failures of the sandbox's PRODUCTION Salesforce app, 10,000 error events
// in the window (the sandbox's --log-events, besides its seed) with the Okta org answering 50 ms late, read as the extension and `okta-sf failures` read
// them: the production dist/okta.js, an Okta session with the org's API token, each page grouped as it
// arrives. Requests are counted where they leave; in a read of its own, the live heap (after a collection)
// is sampled as each page arrives. The same read
// over 2,000 events, in this process, is the yardstick for memory: grouping as pages arrive keeps the
// peak at about one page and the groups, whatever the number of events.
import * as path from 'node:path';
import { FailureGrouper } from '../../src/domain/provisioningFailures/failureGroups';
import type * as OktaApi from '../../src/okta/api/oktaApi';
import { root } from '../harness/paths';
import { median, requestCounter, startBenchSandbox, verdict } from './benchSandbox';

const latencyMs = 50;
const runs = 3;
const events = { large: 10_000, small: 2_000 };
/** One request per page of 1000 (the largest page /api/v1/logs gives), 2 s, and a peak that does not grow with the events. */
const goal = { pageSize: 1000, wallMs: 2000, memoryRatio: 1.5 };
const network = { timeoutMs: 30_000, env: {}, wording: { timeout: '', proxy: '' } };

interface Read {
  wallMs: number;
  requests: number;
  events: number;
  groups: number;
  /** The live heap's highest rise above what it held before the read, sampled as each page arrived (a read of its own). */
  peakHeapBytes: number;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function readAt(count: number): Promise<{ reads: Read[]; label: string }> {
  const sandbox = await startBenchSandbox(['--log-events', String(count)], { okta: latencyMs });
  try {
    const { okta: org } = sandbox.connection;
    const apps = await fetch(`${org.orgUrl}/api/v1/apps?filter=${encodeURIComponent('name eq "salesforce"')}`, { headers: { Authorization: `SSWS ${org.apiToken}` } })
      .then((r) => r.json() as Promise<Array<{ id: string; label: string; settings: { app: { instanceType: string } } }>>);
    const app = apps.find((a) => a.settings.app.instanceType === 'PRODUCTION');
    if (!app) throw new Error('the sandbox has no PRODUCTION Salesforce app');
    const requests = requestCounter(org.orgUrl);
    // What the extension's lazy load brings in (src/common/lazyBundle.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const okta = require(path.join(root, 'dist/okta.js')) as typeof OktaApi;
    const window = { since: new Date(Date.now() - 7 * 86_400_000).toISOString(), until: new Date().toISOString() };

    /** One read; with `sampleHeap`, the live heap (after a collection) is taken as each page arrives, which slows the read. */
    const read = async (sampleHeap: boolean): Promise<Read> => {
      const session = okta.openOktaSession({ orgUrl: org.orgUrl, credential: { kind: 'apiToken', token: org.apiToken }, network });
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      const grouper = new FailureGrouper();
      const [before, started] = [requests.count, performance.now()];
      await session.readProvisioningFailures(app.id, window, (page) => {
        for (const event of page) grouper.add(event);
        if (!sampleHeap) return;
        // What is live while the page is still held: the page, the groups, the grouper's bounded state.
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      });
      const wallMs = performance.now() - started;
      return { wallMs, requests: requests.count - before, events: grouper.total, groups: grouper.groups().length, peakHeapBytes: peak };
    };
    // The first read loads the SDK and opens connections; the figures are those of the reads after it.
    await read(false);
    const reads: Read[] = [];
    for (let i = 0; i < runs; i++) reads.push(await read(false));
    const memory = await read(true);
    return { reads: reads.map((r) => ({ ...r, peakHeapBytes: memory.peakHeapBytes })), label: app.label };
  } finally {
    sandbox.stop();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');
  const small = await readAt(events.small);
  const large = await readAt(events.large);
  const summary = (reads: Read[]) => ({
    wallMs: median(reads.map((r) => r.wallMs)),
    peak: median(reads.map((r) => r.peakHeapBytes)),
    requests: Math.max(...reads.map((r) => r.requests)),
    events: reads[0]?.events ?? 0,
    groups: reads[0]?.groups ?? 0,
  });
  const s = summary(small.reads);
  const l = summary(large.reads);
  const memoryRatio = l.peak / s.peak;
  console.log(`Provisioning failures of the sandbox's ${large.label}, ${latencyMs} ms latency per request, median of ${runs} reads after the first:\n`);
  console.log(`${events.large} events: ${l.events} read into ${l.groups} group(s), ${l.requests} request(s), ${l.wallMs.toFixed(0)} ms, peak live heap rise ${mb(l.peak)}.`);
  console.log(`${events.small} events: ${s.events} read into ${s.groups} group(s), ${s.requests} request(s), ${s.wallMs.toFixed(0)} ms, peak live heap rise ${mb(s.peak)}.`);
  console.log(`Ratios ${events.large} / ${events.small} events (×${events.large / events.small} the events): wall time ×${(l.wallMs / s.wallMs).toFixed(2)}, requests ×${(l.requests / s.requests).toFixed(2)}, peak heap ×${memoryRatio.toFixed(2)}.`);
  const pages = Math.ceil(l.events / goal.pageSize);
  console.log(`goal: one request per page of ${goal.pageSize} (${l.events} events: ${pages}; ${l.requests}): ${verdict(l.requests === pages && l.events >= events.large)}.`);
  console.log(`goal: wall time < ${goal.wallMs} ms (${l.wallMs.toFixed(0)} ms): ${verdict(l.wallMs < goal.wallMs)}.`);
  console.log(`goal: memory does not grow with the events (peak heap ×${memoryRatio.toFixed(2)} for ×${events.large / events.small} the events, at most ×${goal.memoryRatio}): ${verdict(memoryRatio <= goal.memoryRatio)}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
