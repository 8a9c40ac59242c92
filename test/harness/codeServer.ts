// Starts code-server (VS Code in the browser) on loopback with a private profile, and stops it
// with its whole process group. Used by the integration runner, the UI tests and `npm start`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from './freePort';
import { ensureCodeServer } from './installCodeServer';
import { node24 } from './paths';

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
  /** A folder of its own for user data, extensions, XDG folders and TMPDIR. */
  profileDir: string;
  port?: number;
  /** Needed for extensionTestsPath runs: the result leaves through codeAutomationExit. */
  smokeTestDriver?: boolean;
  settings?: Record<string, unknown>;
  /**
   * Extension folders to install by linking them into the extensions dir. Without the smoke-test
   * driver, code-server ignores extensionDevelopmentPath in the URL payload, so this is how the
   * UI tests and `npm start` load the extension.
   */
  extensions?: string[];
  /**
   * Workspace trust on, as in a fresh VS Code: folders open in Restricted Mode until trusted. Off by
   * default, so the other suites never meet the trust prompt.
   */
  workspaceTrust?: boolean;
  /** More environment for code-server and its extension hosts, e.g. a HOME of the test's own. */
  env?: Record<string, string>;
  /** Origins the workbench opens without asking (link protection), beyond localhost's. */
  trustedDomains?: string[];
  log?: (line: string) => void;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** A workbench URL for a folder; payload paths (extension…Path) become vscode-remote URIs. */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { profileDir, smokeTestDriver = false, settings = {}, log = () => {} } = options;
  const entry = await ensureCodeServer();
  const port = options.port ?? (await freePort());
  for (const dir of ['ud/User', 'ext', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state', 'tmp']) {
    fs.mkdirSync(path.join(profileDir, dir), { recursive: true });
  }
  // The startup prompt is a modal dialog: trust is granted from the Workspace Trust editor instead.
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  fs.writeFileSync(path.join(profileDir, 'ud/User/settings.json'), JSON.stringify({ ...quietSettings, ...trust, ...settings }, null, 2));
  // The workbench is remote to its extension host: a machine-scoped setting (the callback port) counts only in
  // the remote machine's settings once the extension's manifest has declared its scope, so it goes there too.
  fs.mkdirSync(path.join(profileDir, 'ud/Machine'), { recursive: true });
  fs.writeFileSync(path.join(profileDir, 'ud/Machine/settings.json'), JSON.stringify(settings, null, 2));
  for (const folder of options.extensions ?? []) {
    const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    fs.symlinkSync(folder, path.join(profileDir, 'ext', `${publisher}.${name}-${version}`), 'dir');
  }
  const args = [entry, '--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', path.join(profileDir, 'ud'), '--extensions-dir', path.join(profileDir, 'ext'),
    '--reconnection-grace-time', '5'];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  for (const origin of options.trustedDomains ?? []) args.push('--link-protection-trusted-domains', origin);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') && !key.startsWith('VSCODE_')));
  Object.assign(env, {
    XDG_CONFIG_HOME: path.join(profileDir, 'xdg/config'), XDG_DATA_HOME: path.join(profileDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(profileDir, 'xdg/cache'), XDG_STATE_HOME: path.join(profileDir, 'xdg/state'),
    TMPDIR: path.join(profileDir, 'tmp'),
  }, options.env);
  // A process group of its own, so stopping it also stops its extension hosts and watchers.
  const child = spawn(node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      log(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stopGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output.join('\n')}`);
    if (await fetch(`${url}/healthz`).then((res) => res.ok, () => false)) break;
    if (Date.now() > deadline) {
      stopGroup('SIGKILL');
      throw new Error(`code-server did not start within 60 s:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    port,
    workbenchUrl(folder, payload = []) {
      const entries = payload.map(([key, value]) =>
        [key, /^extension.*Path$/.test(key) ? `vscode-remote://127.0.0.1:${port}${value}` : value]);
      const query = new URLSearchParams({ folder });
      if (entries.length) query.set('payload', JSON.stringify(entries));
      return `${url}/?${query}`;
    },
    async stop() {
      stopGroup('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      stopGroup('SIGKILL');
    },
  };
}
