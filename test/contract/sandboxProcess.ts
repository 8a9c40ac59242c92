// The sandbox in its own process, as `npm run sandbox` runs it, for tests whose point is what
// happens to that process: that it survives what it is sent, or exits as it should, and what it
// leaves behind. Its stderr is read all along (a full pipe would block it) and kept for asserts.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outDir } from '../harness/paths';
import { type SandboxConnection } from '../sandbox/sandbox';

export interface SandboxProcess {
  readonly child: ChildProcess;
  readonly connection: SandboxConnection;
  readonly connectionFile: string;
  /** What it wrote to stderr so far, the last megabyte of it. */
  stderr(): string;
  running(): boolean;
  /** Resolves when it has exited, with how. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SandboxProcessOptions {
  env?: Record<string, string>;
  /** JavaScript run first, with `-e`; it must require process.argv[1] (the sandbox) itself. */
  wrapper?: string;
}

const mainJs = path.join(outDir, 'sandbox/main.js');
const keptStderr = 1 << 20;

export async function startSandboxProcess(options: SandboxProcessOptions = {}): Promise<SandboxProcess> {
  const connectionFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-sandbox-process-')), 'connection.json');
  const args = options.wrapper === undefined ? [mainJs] : ['-e', options.wrapper, mainJs];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, SANDBOX_CONNECTION_FILE: connectionFile, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-keptStderr);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const connection = await written(connectionFile, child, () => stderr);
  return {
    child, connection, connectionFile, exited,
    stderr: () => stderr,
    running: () => child.exitCode === null && child.signalCode === null,
  };
}

/** The connection file (in a folder of its own, so never an older one) once the child has written it. */
async function written(file: string, child: ChildProcess, stderr: () => string): Promise<SandboxConnection> {
  for (let waited = 0; waited < 30_000; waited += 25) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with ${child.exitCode} before it started:\n${stderr()}`);
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxConnection;
    } catch {
      // Not there yet, or half written.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`the sandbox did not start in 30 s:\n${stderr()}`);
}
