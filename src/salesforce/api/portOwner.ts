/**
 * Which process listens on a TCP port of this machine, e.g. "sf (pid 4242)", so that a busy
 * callback port can be explained. Best effort: never throws, gives up after about two seconds.
 * Linux reads /proc; macOS and other Unix ask lsof; Windows asks netstat and tasklist.
 */
import * as l10n from '@vscode/l10n';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const budgetMs = 2000;

export async function describePortOwner(port: number): Promise<string | undefined> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const deadline = Date.now() + budgetMs;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
    timer.unref();
  });
  const find = process.platform === 'linux' ? fromProc(port, deadline)
    : process.platform === 'win32' ? fromNetstat(port)
      : fromLsof(port);
  try {
    const owner = await Promise.race([find.catch(() => undefined), giveUp]);
    return owner && (owner.name ? l10n.t('{0} (pid {1})', owner.name, owner.pid) : l10n.t('pid {0}', owner.pid));
  } finally {
    clearTimeout(timer);
  }
}

interface Owner {
  pid: number;
  name?: string;
}

/** The LISTEN (state 0A) sockets on the port in /proc/net/tcp{,6}, then the process holding one of them. */
async function fromProc(port: number, deadline: number): Promise<Owner | undefined> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => fs.readFile(file, 'utf8').catch(() => '')));
  const inodes = new Set<string>();
  for (const line of tables.join('\n').split('\n')) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    const fields = line.trim().split(/\s+/);
    const localPort = fields[1]?.split(':')[1];
    if (fields[3] === '0A' && localPort && parseInt(localPort, 16) === port && fields[9] && fields[9] !== '0') inodes.add(`socket:[${fields[9]}]`);
  }
  if (!inodes.size) return undefined;
  const pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    if (Date.now() > deadline) return undefined;
    // Other users' processes cannot be read; they are skipped.
    const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    const links = await Promise.all(fds.map((fd) => fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
    if (links.some((link) => inodes.has(link))) return { pid: Number(pid), name: await procName(pid) };
  }
  return undefined;
}

/**
 * The program's name from argv[0] (or process.title, which overwrites it), as ps shows it. comm is
 * only the fallback: Node names its main thread "MainThread", and comm is that thread's name.
 */
async function procName(pid: string): Promise<string | undefined> {
  const argv0 = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0')[0].trim();
  const name = argv0 ? path.basename(argv0) : (await fs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
  return name || undefined;
}

/** `lsof -Fpc` prints one field a line: p<pid>, then c<command>. */
async function fromLsof(port: number): Promise<Owner | undefined> {
  const output = await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']);
  const pid = /^p(\d+)$/m.exec(output)?.[1];
  if (!pid) return undefined;
  return { pid: Number(pid), name: /^c(.+)$/m.exec(output)?.[1] };
}

/**
 * `netstat -ano` lists IPv4 and IPv6 sockets (`-p tcp` alone misses a dual-stack listener on [::]).
 * A listening socket's foreign address is *:0; the state column is translated, so it is not read.
 */
async function fromNetstat(port: number): Promise<Owner | undefined> {
  const output = await run('netstat', ['-ano']);
  let pid: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const [proto, local, foreign, , owner] = line.trim().split(/\s+/);
    if (proto === 'TCP' && local?.endsWith(`:${port}`) && /:0$/.test(foreign ?? '') && owner && /^\d+$/.test(owner) && owner !== '0') {
      pid = owner;
      break;
    }
  }
  if (!pid) return undefined;
  // "node.exe","4242","Console","1","45,000 K"; or an INFO line when the process is gone.
  const row = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']).catch(() => '');
  const name = /^"([^"]+)","(\d+)"/m.exec(row);
  return { pid: Number(pid), name: name?.[2] === pid ? name[1].replace(/\.exe$/i, '') : undefined };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: budgetMs, windowsHide: true, encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
      // lsof exits 1 when nothing matches; what it printed still counts.
      if (error && !stdout) reject(error);
      else resolve(stdout);
    });
  });
}
