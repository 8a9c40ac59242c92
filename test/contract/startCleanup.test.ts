// `npm start` (test/harness/start.ts) when its code-server install fails: it exits with 1 and leaves
// nothing behind, neither its esbuild watcher (nor esbuild's service process) nor the sandbox's
// connection file. The run is real: a copy of the project root (symlinks, with no .vscode-test/ so
// the install runs) and npm pointed at a registry of the test's own, which answers 404 only once the
// watcher says it is watching (killed earlier, the watcher has no esbuild service to leave behind).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { type AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { outDir, root } from '../harness/paths';

/** A project root of its own: the sources linked, start.js copied in, so paths.ts finds this root. */
function projectCopy(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-start-'));
  for (const entry of ['package.json', 'esbuild.config.mjs', 'tsconfig.json', 'build', 'src', 'node_modules']) {
    fs.symlinkSync(path.join(root, entry), path.join(copy, entry));
  }
  fs.mkdirSync(path.join(copy, 'out/test/harness'), { recursive: true });
  fs.copyFileSync(path.join(outDir, 'harness/start.js'), path.join(copy, 'out/test/harness/start.js'));
  return copy;
}

/** Processes whose working directory is in the folder (the watcher and esbuild's service run there). */
function processesIn(folder: string): number[] {
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(folder);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('npm start when the code-server install fails', () => {
  it('exits with 1 and leaves no process and no connection file', { timeout: 60_000 }, async () => {
    const copy = projectCopy();
    let watching!: () => void;
    const watcherReady = new Promise<void>((resolve) => (watching = resolve));
    const registry = http.createServer((_req, res) => void watcherReady.then(() => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}')));
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    const env = { ...process.env, NPM_CONFIG_REGISTRY: registryUrl, NPM_CONFIG_FETCH_RETRIES: '0', NPM_CONFIG_CACHE: path.join(copy, 'npm-cache') };
    // Output to a file, not a pipe: a process left behind must not be killed by a closed pipe.
    const logFile = path.join(copy, 'start.log');
    const log = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [path.join(copy, 'out/test/harness/start.js')], { cwd: copy, env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const poll = setInterval(() => {
      if (fs.readFileSync(logFile, 'utf8').includes('esbuild: watching for changes')) watching();
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    const output = fs.readFileSync(logFile, 'utf8');
    registry.close();
    try {
      assert.equal(code, 1, output);
      assert.match(output, /npm install .* exited with/);
      assert.equal(fs.existsSync(path.join(copy, '.sandbox/connection.json')), false);
      // SIGTERM went to the watcher's whole group before start exited; give the group time to end.
      const deadline = Date.now() + 10_000;
      while (processesIn(copy).length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(processesIn(copy), [], 'processes left running in the project copy');
    } finally {
      for (const pid of processesIn(copy)) process.kill(pid, 'SIGKILL');
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
