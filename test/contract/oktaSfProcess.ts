// okta-sf as a user runs it: the built dist/cli.js in its own process.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { root } from '../harness/paths';

export interface OktaSfRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runOktaSf(args: string[], env: NodeJS.ProcessEnv = {}): Promise<OktaSfRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
