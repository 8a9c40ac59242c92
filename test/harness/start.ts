// `npm start`: the sandbox orgs, a rebuilding esbuild, and the extension in a real VS Code:
// desktop VS Code when `code` is on PATH, otherwise code-server on 127.0.0.1:$PORT (8080).
// Ctrl-C stops every process it started.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/sandbox';
import { startCodeServer } from './codeServer';
import { root, vscodeTestDir } from './paths';

const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const child of children) child.kill('SIGTERM');
  await Promise.allSettled(cleanups.map((cleanup) => cleanup()));
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.once('SIGHUP', () => void stop());

  const sandbox = await startSandbox();
  cleanups.push(() => sandbox.close());

  const watcher = spawn(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--watch'], { cwd: root, stdio: 'inherit' });
  children.push(watcher);

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
