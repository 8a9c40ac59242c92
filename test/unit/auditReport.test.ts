import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAuditCsv, formatAuditJson, formatAuditText } from '../../src/domain/auditReport';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { auditOrg, type OrgAudit, type SnapshotProfile } from '../../src/domain/profileAudit';

const closure = requiredPermissions().permissions.map((permission) => permission.name);

function profile(id: string, name: string, granted: readonly string[], licenseName: string | null = 'Salesforce'): SnapshotProfile {
  return { id, name, userType: 'Standard', licenseName, permissions: Object.fromEntries(granted.map((permission) => [permission, true])) };
}

/** One passing integration profile, one missing Freeze Users, and a non-candidate with an unreported license. */
function sampleAudit(): OrgAudit {
  return auditOrg({
    profiles: [
      profile('00e1', 'Okta Integration', closure),
      profile('00e2', 'Okta Old', closure.filter((permission) => permission !== 'FreezeUsers')),
      profile('00e3', 'Read Only', ['ApiEnabled', ...closure.slice(2)], null),
    ],
    permissionSetGrants: [],
    integrationUsers: [{ username: 'okta@acme.example', profileId: '00e1' }],
  });
}

/** A strict RFC 4180 reader: it throws on a quote or line break outside a quoted cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else if (char === '"' || char === '\r' || char === '\n') {
      throw new Error(`unquoted ${JSON.stringify(char)} at ${i}`);
    } else {
      cell += char;
    }
  }
  assert.equal(cell + row.join(''), '', 'the last row ends with CRLF');
  return rows;
}

const hostileName = '=HYPERLINK("http://evil.example","Okta"), first\nPASS  Forged\u001b[2J';

describe('formatAuditText', () => {
  it('gives the org’s verdict and the permissions used, then per profile a verdict line and each finding’s message and fix', () => {
    const lines = formatAuditText(sampleAudit()).split('\n');
    assert.equal(lines[0], 'Okta integration profile audit: the org does not pass.');
    assert.match(lines[1], /^Required permissions \(17, dependencies from the built-in list \(the org’s were not read\)\): API Enabled, /);
    const failing = lines.indexOf('FAIL  Okta Old (license: Salesforce, integration profile: name mentions Okta or Integration)');
    assert.ok(failing > 1);
    assert.deepEqual(lines.slice(failing + 1, failing + 3), [
      '  error: Salesforce requires Freeze Users for Manage Users; this profile does not have it, '
        + 'so Salesforce will not save Manage Users on it.',
      '    Fix: In Setup → Profiles → Okta Old → System Permissions, enable Freeze Users.',
    ]);
    const passing = lines.indexOf('PASS  Okta Integration (license: Salesforce, '
      + 'integration profile: name mentions Okta or Integration; profile of an integration user)');
    const other = lines.indexOf('FAIL  Read Only (license: not reported)');
    assert.ok(failing < passing && passing < other, 'profiles in the audit’s order');
    assert.match(lines[other + 1], /^ {2}warning: Salesforce did not report this profile’s user license/);
    assert.deepEqual(lines.slice(-4), ['Integration users:', '', 'PASS  okta@acme.example (profile: Okta Integration)', '']);
  });

  it('says when the org passes and where the dependencies came from', () => {
    const audit = auditOrg({
      profiles: [profile('00e1', 'Okta Integration', closure)], permissionSetGrants: [],
      dependencies: [{ permission: 'ManageUsers', requiredPermission: 'FreezeUsers' }],
    });
    const text = formatAuditText(audit);
    assert.match(text, /^Okta integration profile audit: the org passes\.\n/);
    assert.match(text, /^Required permissions \(15, dependencies from the org’s PermissionDependency rows\)/m);
    assert.doesNotMatch(text, /Integration users/);
  });

  it('marks a permission the org has no field for in the header, and says so once for the org', () => {
    const text = formatAuditText(auditOrg({
      profiles: [profile('00e1', 'Okta Integration', closure.filter((permission) => permission !== 'ManageIpAddresses'))],
      permissionSetGrants: [], unreadablePermissions: ['ManageIpAddresses'],
    }));
    assert.match(text, /, Manage IP Addresses \(could not be read\), /);
    assert.equal(text.match(/could not be read/g)?.length, 1);
    assert.match(text, /^ {2}warning: This org has no field for Manage IP Addresses/m);
    assert.match(text, /^WARN {2}Okta Integration/m);
  });

  it('prints the org’s own findings under the header', () => {
    const lines = formatAuditText(auditOrg({ profiles: [], permissionSetGrants: [] })).split('\n');
    assert.match(lines[2], /^ {2}error: No profile has “Okta” or “Integration” in its name/);
    assert.match(lines[3], /^ {4}Fix: Create Okta’s integration profile/);
  });

  it('keeps line breaks and terminal escapes in org data from forging lines', () => {
    const text = formatAuditText(auditOrg({ profiles: [profile('00e1', hostileName, [])], permissionSetGrants: [] }));
    assert.equal(text.includes('\u001b'), false);
    assert.equal(text.split('\n').some((line) => line.startsWith('PASS  Forged')), false);
    assert.match(text, /^FAIL {2}=HYPERLINK\("http:\/\/evil\.example","Okta"\), first PASS {2}Forged \[2J \(license: Salesforce/m);
  });

  it('keeps a license name and an integration user’s profile name from forging lines too', () => {
    const text = formatAuditText(auditOrg({
      profiles: [profile('00e1', 'Okta\nPASS  Forged profile', closure, 'Sales\nPASS  Forged license')],
      permissionSetGrants: [],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00e1' }],
    }));
    assert.equal(text.split('\n').some((line) => line.startsWith('PASS  Forged')), false);
    assert.match(text, /^WARN {2}okta@acme\.example \(profile: Okta PASS {2}Forged profile\)$/m);
  });
});

describe('formatAuditJson', () => {
  it('is the audit under schemaVersion 1, keys in the documented order', () => {
    const audit = sampleAudit();
    const json = formatAuditJson(audit);
    assert.ok(json.endsWith('}\n'));
    const parsed = JSON.parse(json) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ['schemaVersion', 'orgPasses', 'required', 'findings', 'profiles', 'integrationUsers']);
    assert.equal(parsed.schemaVersion, 1);
    assert.equal(parsed.orgPasses, false);
    assert.deepEqual(parsed.profiles, JSON.parse(JSON.stringify(audit.profiles)));
    assert.deepEqual(parsed.integrationUsers, JSON.parse(JSON.stringify(audit.integrationUsers)));
    assert.deepEqual(Object.keys((parsed.profiles as object[])[0]),
      ['profileId', 'name', 'licenseName', 'isIntegrationCandidate', 'candidateReasons', 'verdict', 'findings', 'permissions']);
  });

  it('carries the permission set grants of a viaPermissionSet state', () => {
    const audit = auditOrg({
      profiles: [profile('00e1', 'Okta Integration', ['ApiEnabled'])],
      permissionSetGrants: [{
        assigneeId: '005A', assigneeUsername: 'okta@acme.example', assigneeProfileId: '00e1', permissionSetName: 'User_Admin',
        permissionSetGroupId: null, permissions: ['ManageUsers'],
      }],
    });
    const parsed = JSON.parse(formatAuditJson(audit)) as { profiles: Array<{ permissions: unknown[] }> };
    assert.deepEqual(parsed.profiles[0].permissions[1], {
      permission: 'ManageUsers', state: 'viaPermissionSet',
      grants: [{ permissionSetName: 'User_Admin', permissionSetGroupId: null, username: 'okta@acme.example' }],
    });
  });
});

describe('formatAuditCsv', () => {
  it('has one row per finding, a row for a profile without findings, and the org’s findings first', () => {
    const rows = parseCsv(formatAuditCsv(auditOrg({
      profiles: [profile('00e1', 'Okta Integration', closure), profile('00e2', 'Okta Old', closure.slice(0, 15))],
      permissionSetGrants: [],
      integrationUsers: [{ username: 'okta@acme.example', profileId: '00eGONE' }],
    })));
    assert.deepEqual(rows[0], ['profile', 'license', 'verdict', 'code', 'severity', 'permission', 'message', 'fix']);
    assert.deepEqual(rows.slice(1).map((row) => row.slice(0, 6)), [
      ['', '', 'fail', 'no-integration-profile', 'error', ''],
      ['Okta Old', 'Salesforce', 'fail', 'missing-dependency', 'error', 'FreezeUsers'],
      ['Okta Old', 'Salesforce', 'fail', 'missing-dependency', 'error', 'MonitorLoginHistory'],
      ['Okta Integration', 'Salesforce', 'pass', '', '', ''],
    ]);
    assert.equal(rows[2][7], 'In Setup → Profiles → Okta Old → System Permissions, enable Freeze Users.');
  });

  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', () => {
    const csv = formatAuditCsv(auditOrg({
      profiles: [
        profile('00e1', hostileName, closure.filter((permission) => permission !== 'ManageUsers')),
        profile('00e2', '+Okta', closure, '@SUM(A1)'),
        profile('00e3', '-Okta', closure),
        profile('00e4', '\tOkta', closure),
        profile('00e5', '\rOkta', closure),
      ],
      permissionSetGrants: [],
    }));
    const rows = parseCsv(csv);
    assert.equal(rows.length, 6);
    assert.ok(rows.every((row) => row.length === 8));
    const byProfile = new Map(rows.slice(1).map((row) => [row[0], row]));
    const hostile = byProfile.get(`'${hostileName}`);
    assert.ok(hostile, 'the formula is prefixed with a quote and survives quoting intact');
    assert.equal(hostile[7], `In Setup → Profiles → ${hostileName} → System Permissions, enable Manage Users.`);
    assert.equal(byProfile.get("'+Okta")?.[1], "'@SUM(A1)");
    assert.ok(byProfile.has("'-Okta"));
    assert.ok(byProfile.has("'\tOkta"));
    assert.ok(byProfile.has("'\rOkta"), 'a carriage return first is defused like a tab');
    assert.ok(csv.includes('"\'=HYPERLINK(""http://evil.example"",""Okta""), first\nPASS'));
  });

  it('quotes a cell whose only special characters are a line feed or a carriage return', () => {
    const names = ['Okta\nIntegration', 'Okta\rIntegration', 'Okta\r\nIntegration'];
    const rows = parseCsv(formatAuditCsv(auditOrg({
      profiles: names.map((name, i) => profile(`00e${i}`, name, closure, 'Sales\nforce')),
      permissionSetGrants: [],
    })));
    assert.deepEqual(rows.slice(1).map((row) => row.slice(0, 2)).sort(), names.map((name) => [name, 'Sales\nforce']).sort());
  });
});
