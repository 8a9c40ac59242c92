// `npm start`: the sandbox orgs, a rebuilding esbuild, and the extension in a real VS Code:
// desktop VS Code when `code` is on PATH, otherwise code-server on 127.0.0.1:$PORT (8080).
// Ctrl-C stops every process it started, and so does a start that fails (code-server's install, say).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/sandbox';
import { startCodeServer } from './codeServer';
import { root, vscodeTestDir } from './paths';

const children: ChildProcess[] = [];
/** Children spawned detached, each leading a process group of its own. */
const groupLeaders = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
let stopping = false;
/** How long stopping may take before the process exits anyway (the sandbox's connection file goes on 'exit'). */
const stopDeadlineMs = 5000;

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  stopChildren();
  setTimeout(() => process.exit(code || 1), stopDeadlineMs).unref();
  await Promise.allSettled(cleanups.map((cleanup) => cleanup()));
  process.exit(code);
}

/**
 * Sends SIGTERM to every child, and to the whole process group of those started detached: the
 * esbuild watcher's service process (esbuild --service) was seen outliving a watcher killed alone.
 * Synchronous, so it also runs on 'exit' (process.exit, an uncaught exception).
 */
function stopChildren(): void {
  for (const child of children) {
    // A group outlives its leader: signal it even when the leader has exited.
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (child.pid === undefined || (exited && !groupLeaders.has(child))) continue;
    try {
      process.kill(groupLeaders.has(child) ? -child.pid : child.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
  }
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.once('SIGHUP', () => void stop());
  process.on('exit', stopChildren);

  const sandbox = await startSandbox();
  cleanups.push(() => sandbox.close());

  const watcher = spawn(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--watch'], { cwd: root, stdio: 'inherit', detached: true });
  children.push(watcher);
  groupLeaders.add(watcher);

  const workspace = path.join(root, '.sandbox/workspace');
  fs.mkdirSync(workspace, { recursive: true });

  const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
  if (hasCode) {
    const code = spawn('code', ['--wait', '--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
    children.push(code);
    console.log(`\n${sandbox.describe()}\n\nVS Code is open with the extension. Close its window or press Ctrl-C to stop.`);
    code.on('exit', () => void stop());
    return;
  }

  const profileDir = path.join(vscodeTestDir, 'profiles', 'start');
  fs.rmSync(profileDir, { recursive: true, force: true });
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer({ profileDir, port, extensions: [root] });
  cleanups.push(() => server.stop());
  console.log(`\n${sandbox.describe()}

Open the extension in VS Code (code-server) at:
  ${server.workbenchUrl(workspace)}
Then choose "Okta ↔ Salesforce" in the activity bar and connect with the values above: sign in
in the browser at the Salesforce login URL (you land on the My Domain URL, as with login.salesforce.com).
esbuild rebuilds on every change; reload the browser tab to load the new build.
Press Ctrl-C to stop everything.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // What did start (the sandbox, the esbuild watcher) stops too.
  void stop(1);
});
