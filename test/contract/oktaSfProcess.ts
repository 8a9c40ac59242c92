// okta-sf as a user runs it: the built dist/cli.js in its own process.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { root } from '../harness/paths';

export interface OktaSfRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const cliPath = path.join(root, 'dist/cli.js');

export interface OktaSfLaunch {
  /** What runs the CLI: a Node binary, or none to run dist/cli.js itself (its #! line). Default: this test's Node. */
  node?: string | null;
  /** Run as another user (a test running as root cannot be refused a read otherwise). */
  user?: { uid: number; gid: number };
}

export function runOktaSf(args: string[], env: NodeJS.ProcessEnv = {}, launch: OktaSfLaunch = {}): Promise<OktaSfRun> {
  const node = launch.node === undefined ? process.execPath : launch.node;
  return new Promise((resolve, reject) => {
    const child = spawn(node ?? cliPath, node ? [cliPath, ...args] : args, { env: { ...process.env, ...env }, ...launch.user });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
