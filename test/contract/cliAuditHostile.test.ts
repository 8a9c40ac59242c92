// okta-sf audit on files that are empty, misnamed, unreadable, not UTF-8 or linked in loops, run as a
// user would run it: each is that file's finding, never a silent pass and never the end of the run,
// and the report is always printed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runOktaSf as oktaSf } from './oktaSfProcess';

interface Report {
  file: string;
  profile: string | null;
  findings: Array<{ code: string; severity: string; line: number; column: number; message: string; permission: string | null; permissions: string[] }>;
}

const namespace = 'http://soap.sforce.com/2006/04/metadata';
const block = (name: string) => `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
const profile = (children: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${namespace}">\n${children}</Profile>\n`;
const license = '    <userLicense>Salesforce</userLicense>\n';

/** A test running as root reads every file; the unreadable cases run okta-sf as nobody then. */
const otherUser = process.getuid?.() === 0 ? { user: { uid: 65534, gid: 65534 } } : {};

describe('okta-sf audit on hostile files', () => {
  let dir: string;
  const at = (...parts: string[]) => path.join(dir, ...parts);
  const write = (relative: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
    fs.writeFileSync(at(relative), content);
    return at(relative);
  };
  const reportsOf = (stdout: string) => JSON.parse(stdout) as Report[];
  const reportFor = (reports: Report[], file: string) => reports.find((report) => report.file === file) ?? assert.fail(`no report for ${file}`);
  const codes = (report: Report) => report.findings.map((finding) => `${finding.severity} ${finding.code}`);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-hostile-'));
    // Another user must reach the files it is meant to read.
    fs.chmodSync(dir, 0o755);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports an empty, a whitespace-only and a misspelt-root profile as errors instead of passing them', async () => {
    const empty = write('roots/Empty.profile-meta.xml', '');
    const blank = write('roots/Blank.profile-meta.xml', '  \n\t\n');
    const typo = write('roots/Typo.profile-meta.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<Proflie xmlns="${namespace}">\n${license}</Proflie>\n`);
    const run = await oktaSf(['audit', '--json', empty, blank, typo]);
    assert.equal(run.code, 1, run.stderr);
    const reports = reportsOf(run.stdout);
    for (const file of [empty, blank]) {
      assert.deepEqual(codes(reportFor(reports, file)), ['error malformed-xml'], file);
      assert.match(reportFor(reports, file).findings[0].message, /^The file is empty: it has no root element\./);
    }
    assert.deepEqual(codes(reportFor(reports, typo)), ['error unexpected-root']);
    const [misspelt] = reportFor(reports, typo).findings;
    assert.deepEqual([misspelt.line, misspelt.column], [2, 2]);
    assert.match(misspelt.message, /root element is <Proflie>, not <Profile>/);
  });

  it('says which files hold the other kind of root than their name says', async () => {
    const setInProfile = write('roots/Swapped.profile-meta.xml', `<PermissionSet xmlns="${namespace}">\n    <label>Swapped</label>\n</PermissionSet>\n`);
    const profileInSet = write('roots/Swapped.permissionset-meta.xml', profile(license));
    const run = await oktaSf(['audit', '--json', setInProfile, profileInSet]);
    assert.equal(run.code, 1, run.stderr);
    const reports = reportsOf(run.stdout);
    assert.match(reportFor(reports, setInProfile).findings[0].message, /named as a profile .* rename it to end in \.permissionset-meta\.xml/);
    assert.match(reportFor(reports, profileInSet).findings[0].message, /named as a permission set .* rename it to end in \.profile-meta\.xml/);
  });

  it('audits a profile whose elements carry a prefix of the Metadata API\'s namespace like any other', async () => {
    const prefixed = write('roots/Prefixed.profile-meta.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<sf:Profile xmlns:sf="${namespace}">\n    <sf:userLicense>Salesforce</sf:userLicense>\n`
      + '    <sf:userPermissions>\n        <sf:enabled>true</sf:enabled>\n        <sf:name>ApiEnabled</sf:name>\n    </sf:userPermissions>\n</sf:Profile>\n');
    const run = await oktaSf(['audit', '--json', prefixed]);
    assert.equal(run.code, 1, run.stderr);
    const found = codes(reportsOf(run.stdout)[0]);
    assert.ok(found.includes('error missing-permission'), found.join());
    assert.ok(!found.includes('error unexpected-root'), found.join());
    // API Enabled, granted in a prefixed block, counts.
    assert.ok(!reportsOf(run.stdout)[0].findings.some((finding) => finding.permission === 'ApiEnabled'), run.stdout);
  });

  it('goes on past files it cannot read or audit, reports every file, and exits 2 without the usage text', async () => {
    const integration = write('mixed/Okta Integration.profile-meta.xml', profile(license + block('ApiEnabled')));
    const locked = write('mixed/Locked.profile-meta.xml', profile(license));
    fs.chmodSync(locked, 0);
    fs.mkdirSync(at('mixed/Folder.profile-meta.xml'));
    // Over 32 KB of markup inside one child of the root: the shape learner's pattern once ended the whole run.
    const comment = `<!--${'x'.repeat(40_000)}-->`;
    const fieldPermissions = (field: string) => `    <fieldPermissions>${comment}<editable>true</editable><field>Account.${field}</field><readable>true</readable></fieldPermissions>\n`;
    const bigComment = write('mixed/Big Comment.profile-meta.xml', profile(fieldPermissions('A') + fieldPermissions('B') + license));

    const run = await oktaSf(['audit', '--json', at('mixed')], {}, otherUser);
    assert.equal(run.code, 2, run.stderr);
    assert.doesNotMatch(run.stderr, /Usage:/);
    assert.match(run.stderr, /could not be audited/);
    const reports = reportsOf(run.stdout);
    assert.deepEqual(reports.map((report) => path.basename(report.file)).sort(),
      ['Big Comment.profile-meta.xml', 'Folder.profile-meta.xml', 'Locked.profile-meta.xml', 'Okta Integration.profile-meta.xml']);
    assert.ok(reportFor(reports, integration).findings.some((finding) => finding.code === 'missing-permission'));
    const [denied] = reportFor(reports, locked).findings;
    assert.deepEqual([denied.code, denied.severity, denied.line, denied.column], ['unreadable-file', 'error', 1, 1]);
    assert.match(denied.message, /^Permission denied: .* Fix: /);
    assert.match(reportFor(reports, at('mixed/Folder.profile-meta.xml')).findings[0].message, /^This is a folder, not a file/);
    // Over 32 KB of markup in one child is read tag by tag: the file is audited like any other.
    const big = reportFor(reports, bigComment).findings;
    assert.ok(big.some((finding) => finding.code === 'missing-permission'), JSON.stringify(big));
    assert.ok(!big.some((finding) => finding.code === 'audit-failed'), JSON.stringify(big));
    const text = await oktaSf(['audit', at('mixed')], {}, otherUser);
    assert.equal(text.code, 2);
    assert.match(text.stdout, new RegExp(`^${escape(locked)}:1:1 error unreadable-file Permission denied`, 'm'));
  });

  it('reports a folder it cannot list, and a path that does not exist, as their own findings', async () => {
    const profiles = write('closed/profiles/Okta Integration.profile-meta.xml', profile(license));
    fs.chmodSync(path.dirname(profiles), 0);
    const run = await oktaSf(['audit', '--json', at('closed'), at('nowhere')], {}, otherUser);
    fs.chmodSync(path.dirname(profiles), 0o755);
    assert.equal(run.code, 2, run.stderr);
    const reports = reportsOf(run.stdout);
    assert.deepEqual(codes(reportFor(reports, at('closed/profiles'))), ['error unreadable-folder']);
    assert.match(reportFor(reports, at('nowhere')).findings[0].message, /^This file does not exist/);
  });

  it('points at the first byte that is not UTF-8, and audits the rest', async () => {
    // A genuine U+FFFD (EF BF BD) comes first: it is not the bad byte.
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${namespace}">\n    <description>\uFFFD caf`;
    const file = write('encoding/Latin1.profile-meta.xml',
      Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from(`</description>\n${license}</Profile>\n`)]));
    const run = await oktaSf(['audit', '--json', file]);
    assert.equal(run.code, 1, run.stderr);
    const [report] = reportsOf(run.stdout);
    const notUtf8 = report.findings.filter((finding) => finding.code === 'malformed-xml');
    assert.deepEqual(notUtf8.map((finding) => [finding.line, finding.column]), [[3, 23]]);
    assert.match(notUtf8[0].message, /byte 0xE9 is not UTF-8 here/);
    assert.ok(report.findings.some((finding) => finding.code === 'missing-permission' && finding.permission === 'ManageUsers'));
  });

  it('follows links to folders and files, each once, through a loop, and reports a broken link named as a profile', async () => {
    write('linked/repo/profiles/Okta Integration.profile-meta.xml', profile(license));
    write('linked/elsewhere/Okta Linked Folder.profile-meta.xml', profile(license));
    const outsideFile = write('linked/outside/Okta Linked File.profile-meta.xml', profile(license));
    fs.symlinkSync(at('linked/elsewhere'), at('linked/repo/shared'));
    fs.symlinkSync(outsideFile, at('linked/repo/profiles/Okta Linked File.profile-meta.xml'));
    fs.symlinkSync(at('linked/repo'), at('linked/repo/profiles/loop'));
    fs.symlinkSync(at('linked/nothing-here'), at('linked/repo/Gone.profile-meta.xml'));
    const run = await oktaSf(['audit', '--json', at('linked/repo')]);
    assert.equal(run.code, 2, run.stderr);
    assert.deepEqual(reportsOf(run.stdout).map((report) => [path.relative(at('linked/repo'), report.file), report.findings[0]?.code]), [
      ['Gone.profile-meta.xml', 'unreadable-file'],
      ['profiles/Okta Integration.profile-meta.xml', 'missing-permission'],
      ['profiles/Okta Linked File.profile-meta.xml', 'missing-permission'],
      ['shared/Okta Linked Folder.profile-meta.xml', 'missing-permission'],
    ]);
  });

  it('exits 2 with an empty report when --profiles leaves no file to audit', async () => {
    const file = write('narrowed/Sales.profile-meta.xml', profile(license));
    const run = await oktaSf(['audit', '--json', '--profiles', 'Okta*', path.dirname(file)]);
    assert.equal(run.code, 2);
    assert.deepEqual(JSON.parse(run.stdout), []);
    assert.match(run.stderr, /nothing was audited/);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
