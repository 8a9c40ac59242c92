// `npm run bench`: the org-wide profile audit against the sandbox's large org (1,000 profiles,
// 200 permission sets) with 50 ms injected latency, compared in the same run with a naive audit
// that reads each profile's permissions with its own query. The sandbox runs in its own process,
// so the memory figures are the client's alone.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from 'jsforce/core';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type OrgSnapshot } from '../../src/domain/profileAudit';
import { readOrgSnapshot } from '../../src/salesforce/api/orgSnapshot';
import { outDir } from '../harness/paths';
import { type SandboxConnection } from '../sandbox/sandbox';

const latencyMs = 50;
/** The naive audit's parallel requests: a polite client, not a flood. */
const naiveConcurrency = 10;

interface Measurement {
  name: string;
  apiCalls: number;
  wallMs: number;
  peakHeapMb: number;
  peakRssMb: number;
  failingCandidates: number;
}

async function startLargeSandbox(): Promise<{ connection: SandboxConnection; stop(): void }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-bench-')), 'connection.json');
  const child = spawn(process.execPath, [path.join(outDir, 'sandbox/main.js'), '--large'], {
    env: { ...process.env, SANDBOX_CONNECTION_FILE: file, SANDBOX_SALESFORCE_FAULTS: JSON.stringify({ latencyMs }) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; !fs.existsSync(file); waited += 50) {
    if (waited > 30_000 || child.exitCode !== null) throw new Error('the sandbox did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { connection: JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxConnection, stop: () => child.kill('SIGTERM') };
}

/** Runs `work` while sampling memory every 5 ms; heap is reported above the starting point. */
async function measure(name: string, work: () => Promise<{ apiCalls: number; snapshot: OrgSnapshot }>): Promise<Measurement> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 5);
  const started = performance.now();
  const { apiCalls, snapshot } = await work();
  const audit = auditOrg(snapshot);
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    name, apiCalls, wallMs, peakHeapMb: mb(peakHeap - baseHeap), peakRssMb: mb(peakRss),
    failingCandidates: audit.profiles.filter((p) => p.isIntegrationCandidate && p.verdict === 'fail').length,
  };
}

/** One query for the profile list, then one per profile for its permissions, ten at a time. */
async function naiveSnapshot(connection: Connection): Promise<{ apiCalls: number; snapshot: OrgSnapshot }> {
  const required = requiredPermissions().permissions;
  const fields = required.map((p) => p.apiField).join(', ');
  let apiCalls = 1;
  const profiles = (await connection.query<{ Id: string; Name: string; UserType: string; UserLicense: { Name: string } | null }>(
    'SELECT Id, Name, UserType, UserLicense.Name FROM Profile', { autoFetch: true, maxFetch: 100_000 })).records;
  const snapshot: OrgSnapshot = { profiles: [], permissionSetGrants: [] };
  let next = 0;
  await Promise.all(Array.from({ length: naiveConcurrency }, async () => {
    while (next < profiles.length) {
      const profile = profiles[next++];
      const set = (await connection.query<Record<string, unknown>>(
        `SELECT ${fields} FROM PermissionSet WHERE IsOwnedByProfile = true AND ProfileId = '${profile.Id}'`)).records[0] ?? {};
      apiCalls++;
      snapshot.profiles.push({
        id: profile.Id, name: profile.Name, userType: profile.UserType, licenseName: profile.UserLicense?.Name ?? null,
        permissions: Object.fromEntries(required.map((p) => [p.name, set[p.apiField] === true])),
      });
    }
  }));
  return { apiCalls, snapshot };
}

async function main(): Promise<void> {
  const sandbox = await startLargeSandbox();
  try {
    const { instanceUrl, accessToken } = sandbox.connection.salesforce;
    const connect = () => new Connection({ instanceUrl, accessToken, version: '64.0', maxRequest: naiveConcurrency });
    // Warm both paths once (module loading, JIT) so the comparison is of the audits themselves.
    await readOrgSnapshot(connect());
    const whole = await measure('whole-org queries', () => readOrgSnapshot(connect()));
    const naive = await measure(`one query per profile (${naiveConcurrency} at a time)`, () => naiveSnapshot(connect()));

    console.log(`Audit of the sandbox's large org (1,000 profiles, 200 permission sets), ${latencyMs} ms latency per request:\n`);
    console.log('approach                              API calls   wall (ms)   peak heap (MB)   peak RSS (MB)   failing candidates');
    for (const m of [whole, naive]) {
      console.log(`${m.name.padEnd(38)}${String(m.apiCalls).padStart(9)}${m.wallMs.toFixed(0).padStart(12)}`
        + `${m.peakHeapMb.toFixed(1).padStart(17)}${m.peakRssMb.toFixed(0).padStart(16)}${String(m.failingCandidates).padStart(21)}`);
    }
    console.log(`\nwhole-org vs naive: ${(naive.apiCalls / whole.apiCalls).toFixed(0)}× fewer API calls, ${(naive.wallMs / whole.wallMs).toFixed(1)}× faster.`);
    console.log(`goals: API calls = 3 + one per further page, a page holding 2,000 rows or fewer (${whole.apiCalls}); wall time < 1,500 ms (${whole.wallMs.toFixed(0)} ms).`);
  } finally {
    sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
