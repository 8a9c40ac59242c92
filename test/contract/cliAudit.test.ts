// okta-sf audit, run as a user would run it (the built dist/cli.js in its own process), on
// metadata files the test writes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { runOktaSf as oktaSf } from './oktaSfProcess';

const block = (name: string, enabled: boolean) => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
const profile = (permissions: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n${permissions}</Profile>\n`;

describe('okta-sf audit', () => {
  let dir: string;
  let profiles: string;
  const order = requiredPermissions().permissions.map((p) => p.name);
  const complete = [...order].sort();
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-audit-'));
    profiles = path.join(dir, 'force-app/main/default/profiles');
    fs.mkdirSync(profiles, { recursive: true });
    fs.mkdirSync(path.join(dir, 'force-app/main/default/permissionsets'), { recursive: true });
    fs.writeFileSync(path.join(profiles, 'Okta Integration.profile-meta.xml'), profile(block('ApiEnabled', true) + block('ManageUsers', false)));
    fs.writeFileSync(path.join(profiles, 'Sales.profile-meta.xml'), profile(''));
    fs.writeFileSync(path.join(profiles, 'Complete Integration.profile-meta.xml'), profile(complete.map((name) => block(name, true)).join('')));
    fs.writeFileSync(path.join(profiles, 'Broken Integration.profile-meta.xml'), profile(block('ApiEnabled', true)).slice(0, 200));
    fs.writeFileSync(path.join(dir, 'force-app/main/default/permissionsets/Okta.permissionset-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Okta</label>\n${block('ManageUsers', true)}</PermissionSet>\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('audits every profile under a folder as an integration profile, one path:line:col line per finding, and exits 1', async () => {
    const run = await oktaSf(['audit', dir]);
    assert.equal(run.code, 1, run.stderr);
    const okta = path.join(profiles, 'Okta Integration.profile-meta.xml');
    // ManageUsers's <enabled> is on line 10 (after the declaration, root, custom, license and the ApiEnabled block).
    assert.match(run.stdout, new RegExp(`^${escape(okta)}:10:\\d+ error disabled-permission `, 'm'));
    assert.match(run.stdout, new RegExp(`^${escape(okta)}:\\d+:\\d+ error missing-permission `, 'm'));
    assert.match(run.stdout, /Sales\.profile-meta\.xml:\d+:\d+ error missing-permission /);
    assert.match(run.stdout, /Broken Integration\.profile-meta\.xml:\d+:\d+ error malformed-xml /);
    assert.match(run.stdout, /Okta\.permissionset-meta\.xml:\d+:\d+ info permission-set-grant /);
    assert.doesNotMatch(run.stdout, /Complete Integration/);
    assert.match(run.stderr, /^5 file\(s\) audited: \d+ error/m);
  });

  it('prints JSON with codes and permissions named as in the XML', async () => {
    const run = await oktaSf(['audit', '--json', path.join(profiles, 'Okta Integration.profile-meta.xml')]);
    assert.equal(run.code, 1, run.stderr);
    const [report, ...others] = JSON.parse(run.stdout) as Array<{ file: string; profile: string; findings: Array<Record<string, unknown>> }>;
    assert.equal(others.length, 0);
    assert.equal(report?.profile, 'Okta Integration');
    const disabled = report?.findings.find((finding) => finding.code === 'disabled-permission');
    assert.deepEqual(Object.keys(disabled ?? {}).sort(), ['code', 'column', 'line', 'message', 'permission', 'permissions', 'severity']);
    assert.equal(disabled?.permission, 'ManageUsers');
    assert.deepEqual(disabled?.permissions, ['ManageUsers']);
    assert.equal(disabled?.line, 10);
    assert.ok(report?.findings.some((finding) => finding.code === 'missing-permission' && finding.permission === 'AssignPermissionSets'));
  });

  it('exits 0 for a profile that grants everything, and --profiles narrows which profiles count', async () => {
    const clean = await oktaSf(['audit', path.join(profiles, 'Complete Integration.profile-meta.xml')]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout, '');
    const narrowed = await oktaSf(['audit', '--profiles', 'Okta*', profiles]);
    assert.doesNotMatch(narrowed.stdout, /Sales\.profile-meta\.xml/);
    assert.match(narrowed.stdout, /Okta Integration\.profile-meta\.xml/);
  });

  it('lists in JSON every permission a license cannot carry, not only the five its message names', async () => {
    // Outside the folder the first test audits whole.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-chatter-'));
    const file = path.join(elsewhere, 'Okta Chatter.profile-meta.xml');
    fs.writeFileSync(file, profile(block('ManageUsers', true)).replace('<userLicense>Salesforce<', '<userLicense>Chatter Free<'));
    const run = await oktaSf(['audit', '--json', file]);
    fs.rmSync(elsewhere, { recursive: true });
    assert.equal(run.code, 1, run.stderr);
    const [report] = JSON.parse(run.stdout) as Array<{ findings: Array<{ code: string; permission: string | null; permissions: string[]; message: string }> }>;
    const license = report?.findings.find((finding) => finding.code === 'license-cannot-grant');
    assert.equal(license?.permission, null);
    assert.deepEqual(license?.permissions, order.filter((name) => name !== 'ApiEnabled'));
    assert.match(license?.message ?? '', / and 11 more: /);
  });

  it('exits 2 with a clear message for a path that does not exist, still audits the others, and prints no usage', async () => {
    const run = await oktaSf(['audit', path.join(dir, 'nowhere'), path.join(profiles, 'Sales.profile-meta.xml')]);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /nowhere:1:1 error unreadable-file This file does not exist/);
    assert.match(run.stdout, /Sales\.profile-meta\.xml:\d+:\d+ error missing-permission /);
    assert.doesNotMatch(run.stderr, /Usage:/);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
