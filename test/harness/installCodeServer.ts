// Installs code-server into .vscode-test/ on first use. code-server needs Node 24 and compiles
// native modules against its headers, so npm runs with the project's Node 24 first on PATH.
import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, codeServerDir, codeServerEntry, node24, node24Dir } from './paths';

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
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: staging,
    env: { ...env, PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: node24Dir },
  });
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.renameSync(staging, codeServerDir);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry;
}

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}
