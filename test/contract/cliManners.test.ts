// okta-sf's manners as a command, whatever it audits: help and usage mistakes, a reader that closes
// the pipe early, a report that cannot be written, the built file's executable bit, and Node 20 (CI's
// system Node) for the audit of files.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { cliPath, runOktaSf as oktaSf } from './oktaSfProcess';

const profile = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`;

/** The first `node` on PATH outside node_modules: the system's, which is Node 20 on CI. */
function systemNode(): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !dir.split(path.sep).includes('node_modules'));
  return dirs.map((dir) => path.join(dir, 'node')).find((file) => fs.existsSync(file)) ?? assert.fail('no node on PATH outside node_modules');
}

describe('okta-sf manners', () => {
  let dir: string;
  /** One profile without Okta's permissions. */
  let profiles: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-manners-'));
    profiles = path.join(dir, 'profiles');
    fs.mkdirSync(profiles);
    fs.writeFileSync(path.join(profiles, 'Okta Integration.profile-meta.xml'), profile);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints --help on standard output and exits 0, for the command too', async () => {
    for (const args of [['--help'], ['-h'], ['audit', '--help'], ['audit-org', '-h']]) {
      const run = await oktaSf(args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /^Usage:\n {2}okta-sf audit /, args.join(' '));
      assert.match(run.stdout, /^Exit codes: .*\n2 the audit could not run, or a file or folder could not be read or audited/m);
      assert.equal(run.stderr, '');
    }
  });

  it('says what is wrong with a command line on standard error, with the usage, and exits 2', async () => {
    for (const [args, message] of [[[], /^Give a command\./], [['audits'], /^Unknown command "audits"\./], [['audit'], /^Give the profile files/],
      [['audit', '--jsn', profiles], /^Unknown option '--jsn'/]] as const) {
      const run = await oktaSf([...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.match(run.stderr, /\nUsage:\n/);
      assert.equal(run.stdout, '');
      assert.doesNotMatch(run.stderr, /VS Code/);
    }
  });

  it('ends quietly when the reader closes the pipe early, with the audit’s own exit code', async () => {
    // Permission sets granting every required permission: notes only (exit 0), and far more JSON than a pipe holds.
    const grants = requiredPermissions().permissions.map((permission) => `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${permission.name}</name>\n    </userPermissions>\n`).join('');
    const sets = path.join(dir, 'sets');
    fs.mkdirSync(sets);
    for (let i = 0; i < 150; i++) {
      fs.writeFileSync(path.join(sets, `Set${i}.permissionset-meta.xml`), `<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n${grants}</PermissionSet>\n`);
    }
    const child = spawn(process.execPath, [cliPath, 'audit', '--json', sets]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^150 file\(s\) audited: 0 error\(s\), 0 warning\(s\), 2550 note\(s\)\.\n$/);
  });

  it('exits 2 and says so when the report cannot be written', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const full = fs.openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [cliPath, 'audit', '--json', profiles], { stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => {
        fs.closeSync(full);
        resolve({ code, stderr });
      });
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /okta-sf: cannot write to standard output \(ENOSPC/);
    assert.doesNotMatch(run.stderr, /\n {4}at /);
  });

  it('is executable after the build, and runs by its #! line', async () => {
    assert.equal(fs.statSync(cliPath).mode & 0o111, 0o111);
    const run = await oktaSf(['--help'], {}, { node: null });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage:/);
  });

  it('audits files on the system’s Node (CI’s is 20), and says plainly when audit-org needs a newer one', async () => {
    const node = systemNode();
    const major = Number(/^v(\d+)/.exec(spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout)?.[1]);
    const audit = await oktaSf(['audit', '--json', profiles], {}, { node });
    assert.equal(audit.code, 1, audit.stderr);
    assert.ok((JSON.parse(audit.stdout) as Array<{ findings: unknown[] }>)[0].findings.length > 0);
    const org = await oktaSf(['audit-org', '--login-url', 'https://login.salesforce.com', '--client-id', 'x'], { OKTA_SF_CLIENT_SECRET: '' }, { node });
    assert.equal(org.code, 2);
    assert.match(org.stderr, major < 22 ? /^okta-sf audit-org needs Node\.js 22 or later \(this is v\d+\.\d+\.\d+\)\./ : /^Give --login-url, --client-id and --client-secret/);
    assert.doesNotMatch(org.stderr, /\n {4}at /);
  });
});
