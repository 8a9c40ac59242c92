// What the network benchmarks share: the sandbox in its own process (so its work is not timed with
// ours) with injected latency, and a count of the requests that leave for a host, taken on Node's http
// diagnostics channel (retries and token requests included).
import { spawn } from 'node:child_process';
import { channel } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outDir } from '../harness/paths';
import { type SandboxConnection } from '../sandbox/sandbox';

export interface BenchSandbox {
  connection: SandboxConnection;
  stop(): void;
}

/** The sandbox (test/sandbox/main.ts) with `args`, each org answering `latencyMs` late. */
export async function startBenchSandbox(args: string[], latency: { okta?: number; salesforce?: number }): Promise<BenchSandbox> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-bench-')), 'connection.json');
  const faults = (ms: number | undefined) => (ms === undefined ? {} : { latencyMs: ms });
  const child = spawn(process.execPath, [path.join(outDir, 'sandbox/main.js'), ...args], {
    env: { ...process.env, SANDBOX_CONNECTION_FILE: file, SANDBOX_OKTA_FAULTS: JSON.stringify(faults(latency.okta)), SANDBOX_SALESFORCE_FAULTS: JSON.stringify(faults(latency.salesforce)) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; !fs.existsSync(file); waited += 50) {
    if (waited > 30_000 || child.exitCode !== null) throw new Error('the sandbox did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { connection: JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxConnection, stop: () => child.kill('SIGTERM') };
}

/** Every request started to the URL's host from now on. */
export function requestCounter(url: string): { readonly count: number } {
  const counter = { count: 0 };
  const host = new URL(url).host;
  channel('http.client.request.start').subscribe((message) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') === host) counter.count++;
  });
  return counter;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
