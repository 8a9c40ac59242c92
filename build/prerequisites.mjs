// The system prerequisites of `npm start` and `npm test`, and how to get each on this machine.
// Plain Node with no dependencies: build/checkPrerequisites.mjs runs it before `npm install` has
// run or anything is compiled. Everything here but realProbe() is pure: it reads a probe of the
// machine (os-release text, uid, which commands and files exist), so the tests give it any machine.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** Where test/harness/browser.ts looks for Chromium unless CHROMIUM_PATH says otherwise. */
export const defaultChromiumPath = '/usr/bin/chromium';

/**
 * What the suites and code-server's install need from the system. code-server's `npm install`
 * compiles native modules with node-gyp (python3, make, g++); its `kerberos` module includes
 * <gssapi/gssapi.h> and links -lkrb5 -lgssapi_krb5 (its binding.gyp). The integration runner,
 * the UI suite and `npm start`'s checks drive Chromium.
 */
export const prerequisites = [
  { id: 'chromium', what: 'Chromium (the browser the integration and UI suites drive)' },
  { id: 'krb5', what: 'the Kerberos/GSSAPI headers (code-server\'s "kerberos" native module)' },
  { id: 'python3', what: 'python3 (node-gyp, for code-server\'s native modules)' },
  { id: 'make', what: 'make (node-gyp, for code-server\'s native modules)' },
  { id: 'g++', what: 'g++ (node-gyp, for code-server\'s native modules)' },
];

/** Reads ID and ID_LIKE from /etc/os-release's text (os-release(5): KEY=value, value maybe quoted). */
export function parseOsRelease(text) {
  const values = {};
  for (const line of (text ?? '').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  return { id: (values.ID ?? '').toLowerCase(), idLike: (values.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean) };
}

/** The package family whose commands this module knows: debian, ubuntu, fedora, alpine, macos or unknown. */
export function systemFamily(probe) {
  if (probe.platform === 'darwin') return 'macos';
  if (probe.platform !== 'linux') return 'unknown';
  const { id, idLike } = parseOsRelease(probe.osRelease);
  const is = (name) => id === name || idLike.includes(name);
  // Ubuntu first: its derivatives (Mint, Pop!_OS) list "ubuntu debian" in ID_LIKE and share its snap Chromium.
  if (is('ubuntu')) return 'ubuntu';
  if (is('debian')) return 'debian';
  if (is('fedora') || is('rhel') || is('centos')) return 'fedora';
  if (is('alpine')) return 'alpine';
  return 'unknown';
}

/** The prerequisites the machine lacks, in the order of `prerequisites`. */
export function missingPrerequisites(probe) {
  const family = systemFamily(probe);
  const present = {
    chromium: () => probe.hasFile(probe.chromiumPath || defaultChromiumPath),
    // macOS ships GSS in its SDK (Xcode's command line tools, which bring make and g++ too).
    krb5: () => family === 'macos' || probe.hasFile('/usr/include/gssapi/gssapi.h'),
    python3: () => probe.hasCommand('python3'),
    make: () => probe.hasCommand('make'),
    'g++': () => probe.hasCommand('g++'),
  };
  return prerequisites.filter((p) => !present[p.id]()).map((p) => p.id);
}

/** Package names per family (Ubuntu's Chromium is a snap: below). */
const packages = {
  debian: { chromium: 'chromium', krb5: 'libkrb5-dev', python3: 'python3', make: 'make', 'g++': 'g++' },
  ubuntu: { krb5: 'libkrb5-dev', python3: 'python3', make: 'make', 'g++': 'g++' },
  fedora: { chromium: 'chromium', krb5: 'krb5-devel', python3: 'python3', make: 'make', 'g++': 'gcc-c++' },
  alpine: { chromium: 'chromium', krb5: 'krb5-dev', python3: 'python3', make: 'make', 'g++': 'g++' },
};

/** Where Chromium lands when it is not /usr/bin/chromium: the CHROMIUM_PATH to set (Fedora's package names it chromium-browser). */
const chromiumPathAfterInstall = {
  ubuntu: '/snap/bin/chromium',
  fedora: '/usr/bin/chromium-browser',
  macos: '/Applications/Chromium.app/Contents/MacOS/Chromium',
};

/** A command as a shell line. */
export function commandLine(argv) {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`)).join(' ');
}

/**
 * What to do about the missing prerequisites: `run`, the commands to run now (only as root on
 * Debian or Ubuntu), and `stop`, the message to print before exiting with 1 when something is
 * left for the user to do (with the exact commands). Nothing missing: both empty.
 */
export function prerequisitePlan(probe) {
  const missing = missingPrerequisites(probe);
  if (!missing.length) return { missing, run: [], stop: undefined };
  const family = systemFamily(probe);
  const root = probe.uid === 0;
  const sudo = root ? [] : ['sudo'];
  const todo = [];
  const run = [];
  const names = (table) => missing.filter((id) => table[id]).map((id) => table[id]);

  if (family === 'debian' || family === 'ubuntu') {
    const apt = names(packages[family]);
    if (apt.length) {
      const update = [...sudo, 'apt-get', 'update'];
      const install = [...sudo, 'apt-get', 'install', '-y', '--no-install-recommends', ...apt];
      (root ? run : todo).push(update, install);
    }
    // Ubuntu's chromium packages only install the snap (they have since 19.10).
    if (family === 'ubuntu' && missing.includes('chromium')) todo.push([...sudo, 'snap', 'install', 'chromium']);
  } else if (family === 'fedora') {
    todo.push([...sudo, 'dnf', 'install', '-y', ...names(packages.fedora)]);
  } else if (family === 'alpine') {
    todo.push([...sudo, 'apk', 'add', ...names(packages.alpine)]);
  } else if (family === 'macos') {
    if (missing.includes('make') || missing.includes('g++')) todo.push(['xcode-select', '--install']);
    if (missing.includes('python3')) todo.push(['brew', 'install', 'python']);
    if (missing.includes('chromium')) todo.push(['brew', 'install', '--cask', 'chromium']);
  }
  // On an unknown system there is no command to give, but the user still has something to do.
  if (!todo.length && family !== 'unknown') return { missing, run, stop: undefined };
  return { missing, run, stop: stopMessage(probe, family, missing, todo) };
}

function stopMessage(probe, family, missing, todo) {
  const what = prerequisites.filter((p) => missing.includes(p.id)).map((p) => `  - ${p.what}`);
  const lines = ['This machine lacks what `npm start` and `npm test` need:', ...what, ''];
  if (family === 'unknown') {
    lines.push('Install them with your system\'s package manager (on Debian: chromium libkrb5-dev python3 make g++), then run this again.');
  } else {
    lines.push(probe.uid !== 0 && (family === 'debian' || family === 'ubuntu')
      ? 'Run these as an administrator (run as root, this script installs them itself):'
      : 'Run:', ...todo.map((argv) => `  ${commandLine(argv)}`));
  }
  if (missing.includes('chromium')) {
    const installed = chromiumPathAfterInstall[family];
    lines.push(installed
      ? `Then point the tests at Chromium: export CHROMIUM_PATH=${installed}`
      : `Chromium is looked for at ${defaultChromiumPath}; set CHROMIUM_PATH if yours is elsewhere.`);
    if (probe.chromiumPath) lines.push(`(CHROMIUM_PATH is set to ${probe.chromiumPath}, where there is no file.)`);
  }
  return lines.join('\n');
}

/** The probe of this machine. */
export function realProbe(env = process.env) {
  let osRelease;
  try {
    osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  } catch {
    osRelease = undefined;
  }
  return {
    platform: process.platform,
    osRelease,
    uid: typeof process.getuid === 'function' ? process.getuid() : -1,
    chromiumPath: env.CHROMIUM_PATH,
    hasFile: (file) => fs.existsSync(file),
    hasCommand: (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0,
  };
}
