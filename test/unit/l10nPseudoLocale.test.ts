// The domain's and the adapters' texts in another display language: @vscode/l10n configured with a pseudo
// bundle built from the sources by VS Code's own extractor (l10n-dev), every value wrapped in ⟦…⟧. A text that
// reaches the user without the brackets was not built through l10n.t (or not from a string literal the
// extractor can see), so VS Code's bundle would leave it English. Unconfigured afterwards: English is the default.
import * as l10n from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { credentialChecks, formatCheckResults, type ProbeRecord, summarizeChecks } from '../../src/domain/apiIntegration/credentialChecks';
import { type Draft, validateForm } from '../../src/domain/apiIntegration/form';
import { guidedSteps } from '../../src/domain/apiIntegration/oktaProvisioning';
import { formatAuditText } from '../../src/domain/auditReport';
import { checkPrivateKey, describeFoundConfig, readYamlSubset } from '../../src/domain/oktaCredentials';
import { integrationProfileFile, MetadataInputRefused } from '../../src/domain/orgFixes/metadataFiles';
import { planProfileCreate, planProfileFix, previewLines } from '../../src/domain/orgFixes/profileFixes';
import { userCreateBody, validateIntegrationUser } from '../../src/domain/orgFixes/integrationUser';
import { checkOktaOrgUrl, checkPastedToken, checkSalesforceLoginUrl } from '../../src/domain/orgUrls';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { type DryRunUserField, planDryRun, withUniqueness } from '../../src/domain/preflight/dryRun';
import { formatDryRunText } from '../../src/domain/preflight/dryRunReport';
import { formatPreflightText, runPreflight, type UserDescribeField } from '../../src/domain/preflight/preflight';
import { compareProfile, formatComparison } from '../../src/domain/profileComparison';
import { auditOrg, type SnapshotProfile } from '../../src/domain/profileAudit';
import { auditPermissionSetXml, auditProfileXml, unexpectedRootFinding } from '../../src/domain/profileXml/profileFindings';
import { scanMetadataXml } from '../../src/domain/profileXml/scanner';
import { provisioningSummary } from '../../src/domain/provisioningFeatures';
import { networkFailure, waitMessage } from '../../src/http/httpFailure';
import { OktaFailure, ProvisioningNotConfigurable } from '../../src/okta/api/oktaFailure';
import { oktaService } from '../../src/okta/api/policyRequestExecutor';
import { writeFailure } from '../../src/salesforce/api/orgWrites';
import { SalesforceFailure } from '../../src/salesforce/api/salesforceFailure';

/** Where the extractor reads: the code that must not import vscode and returns texts for the UI. */
const sourceFolders = ['src/domain', 'src/http', 'src/okta/api', 'src/salesforce/api'];
const root = path.resolve(__dirname, '../../..');

const localized = (text: string) => text.includes('⟦');

/** Fails naming every text that came out English. */
function assertLocalized(texts: readonly (string | undefined)[], what: string): void {
  const english = texts.filter((text): text is string => text !== undefined && text.trim() !== '' && !localized(text));
  assert.deepEqual(english, [], `${what}: texts not localized`);
}

/** Every line of a report that says something (blank lines and lines of org data only are not). */
const reportLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** The pseudo bundle: every message the extractor finds, wrapped in ⟦…⟧ (placeholders kept). */
let pseudo: Record<string, string> = {};

before(async () => {
  const files = sourceFolders.flatMap((folder) => fs.globSync(`${folder}/**/*.ts`, { cwd: root }))
    .map((file) => ({ contents: fs.readFileSync(path.join(root, file), 'utf8'), extension: '.ts' }));
  const bundle = await getL10nJson(files);
  pseudo = Object.fromEntries(Object.entries(bundle).map(([key, value]) => [key, `⟦${typeof value === 'string' ? value : value.message}⟧`]));
  assert.ok(Object.keys(pseudo).length > 500, `the extractor found ${Object.keys(pseudo).length} messages`);
  l10n.config({ contents: pseudo });
});

after(() => l10n.config({ contents: {} }));

const closure = requiredPermissions().permissions.map((permission) => permission.name);
const profile = (id: string, name: string, granted: readonly string[], licenseName: string | null = 'Salesforce'): SnapshotProfile =>
  ({ id, name, userType: 'Standard', licenseName, permissions: Object.fromEntries(granted.map((permission) => [permission, true])) });

function sampleAudit() {
  return auditOrg({
    profiles: [
      profile('00e1', 'Okta Integration', closure.filter((permission) => permission !== 'FreezeUsers' && permission !== 'ManageUsers')),
      profile('00e2', 'Okta Chatter', ['ApiEnabled'], 'Chatter Free'),
      profile('00e3', 'Okta Unknown', closure, 'Some New License'),
      profile('00e4', 'Okta Unreported', closure, null),
      profile('00e5', 'Okta No API', closure.filter((permission) => permission !== 'ApiEnabled')),
    ],
    permissionSetGrants: [{
      assigneeId: '005U', assigneeUsername: 'okta@acme.example', assigneeProfileId: '00e1', permissionSetName: 'Okta_Admin',
      permissionSetGroupId: null, permissions: ['ManageUsers', 'ApiEnabled'],
    }],
    integrationUsers: [{ username: 'okta@acme.example', profileId: '00e1' }, { username: 'gone@acme.example', profileId: '00eX' }],
    unreadablePermissions: ['MonitorLoginHistory'],
  });
}

describe('pseudo-localized domain and adapter texts', () => {
  it('the permission catalog: labels and what each permission allows, read after configuration', () => {
    const permissions = requiredPermissions().permissions;
    assertLocalized(permissions.flatMap((permission) => [permission.label, permission.allows]), 'catalog');
    assertLocalized(requiredPermissions([{ permission: 'ManageUsers', requiredPermission: 'NewThing' }]).permissions.map((p) => p.allows), 'unknown permission');
  });

  it('the profile audit: every finding, verdict line and report line', () => {
    const audit = sampleAudit();
    const findings = [...audit.findings, ...audit.profiles.flatMap((p) => p.findings), ...audit.integrationUsers.flatMap((u) => u.findings)];
    const codes = new Set(findings.map((finding) => finding.code));
    for (const code of ['missing-permission', 'missing-dependency', 'permission-set-grant', 'license-cannot-grant', 'unknown-license', 'no-integration-profile', 'permission-unreadable']) {
      assert.ok(codes.has(code as never), `the sample has a ${code} finding`);
    }
    assertLocalized(findings.flatMap((finding) => [finding.message, finding.fix]), 'audit findings');
    assertLocalized(reportLines(formatAuditText(audit)), 'audit report');
    assertLocalized(auditOrg({ profiles: [profile('00e9', 'Admin', closure)], permissionSetGrants: [], integrationUsers: [] }).findings.map((f) => f.message), 'no integration profile');
  });

  it('the comparison of a profile file with the org', () => {
    const audit = sampleAudit();
    const rows = compareProfile(new Map([['ApiEnabled', true], ['ManageUsers', false]]), audit.profiles[0], audit.required.permissions);
    assertLocalized(reportLines(formatComparison('Okta Integration', 'acme', rows)), 'comparison');
  });

  it('profile XML findings: missing, disabled, license, permission set grants, malformed XML and a wrong root', () => {
    const missing = auditProfileXml(scanMetadataXml(profileXml(['ApiEnabled'], '<userPermissions><enabled>false</enabled><name>ManageUsers</name></userPermissions>')));
    assert.ok(missing.some((finding) => finding.code === 'disabled-permission') && missing.some((finding) => finding.code === 'missing-dependency'));
    const license = auditProfileXml(scanMetadataXml(profileXml(['ApiEnabled', 'ManageUsers'], '<userLicense>Chatter Free</userLicense>')));
    assert.ok(license.some((finding) => finding.code === 'license-cannot-grant'));
    const permissionSet = auditPermissionSetXml(scanMetadataXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><userPermissions><enabled>true</enabled><name>ManageUsers</name></userPermissions></PermissionSet>\n'));
    const malformed = ['<Profile xmlns="http://soap.sforce.com/2006/04/metadata"><userPermissions>', '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">&nbsp;</Profile>',
      '<Profile xmlns="http://soap.sforce.com/2006/04/metadata"><a x="1" x="2"/></Profile>', ''].flatMap((text) => auditProfileXml(scanMetadataXml(text)));
    assert.ok(malformed.length >= 4 && malformed.every((finding) => finding.code === 'malformed-xml'));
    const wrongRootText = '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"></PermissionSet>';
    const wrongRoot = unexpectedRootFinding(wrongRootText, scanMetadataXml(wrongRootText), 'Profile');
    const all = [...missing, ...license, ...permissionSet, ...malformed, ...(wrongRoot ? [wrongRoot] : [])];
    assertLocalized(all.flatMap((finding) => [finding.message, ...(finding.related ?? []).map((related) => related.message)]), 'profile XML findings');
  });

  it('the pre-flight: findings, their sides and the report', () => {
    const field = (name: string, type: string, options: Partial<UserDescribeField> = {}): UserDescribeField =>
      ({ name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...options });
    const report = runPreflight(
      { oktaOrgUrl: 'https://acme.okta.com', app: { id: '0oa1', label: 'Salesforce.com' }, salesforceOrgUrl: 'https://acme.my.salesforce.com' },
      {
        appAttributes: { userName: { type: 'string' }, email: { type: 'string', maxLength: 500 }, region: { type: 'integer' }, start: { type: 'string', externalName: 'Start__c' } },
        mapping: { id: 'prm1', properties: { email: { expression: 'user.email' }, region: { expression: 'user.region +' }, ghost: { expression: 'user.x' }, start: { expression: 'user.start' } } },
        userFields: [
          field('Username', 'string', { nillable: false, length: 80, unique: true, idLookup: true }), field('Email', 'email', { nillable: false, length: 128 }),
          field('Region', 'picklist', { picklistValues: [{ value: 'EMEA', active: true }] }), field('LastName', 'string', { nillable: false, length: 80 }),
        ],
      },
    );
    assert.ok(report.findings.length >= 5);
    // Each side's definition may be a bare schema type ("string"), which is a name, not a sentence.
    const sides = report.findings.flatMap((finding) => [finding.okta, finding.salesforce]).filter((side) => !/^[a-z]+(\(\d+\))?$/.test(side));
    assertLocalized([...report.findings.flatMap((finding) => [finding.message, finding.fix]), ...sides], 'pre-flight findings');
    assertLocalized(reportLines(formatPreflightText(report)).filter((line) => !line.startsWith('      ')), 'pre-flight report');
  });

  it('the dry run: problems, values and the report', () => {
    const field = (name: string, type: string, options: Partial<DryRunUserField> = {}): DryRunUserField =>
      ({ name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...options });
    const plan = withUniqueness(planDryRun({
      appAttributes: { lastName: { type: 'string' }, email: { type: 'string' }, seats: { type: 'string' }, region: { type: 'string' } },
      mappings: [
        { target: 'lastName', expression: 'user.lastName', pushStatus: 'PUSH' }, { target: 'email', expression: 'user.email', pushStatus: 'PUSH' },
        { target: 'seats', expression: 'Time.now()', pushStatus: 'PUSH' }, { target: 'region', expression: '"Mars"', pushStatus: 'PUSH' },
      ],
      userFields: [
        field('Username', 'string', { nillable: false, length: 80, unique: true, idLookup: true }), field('LastName', 'string', { nillable: false, length: 3 }),
        field('Email', 'email', { nillable: false, length: 128 }), field('Alias', 'string', { nillable: false, length: 8 }),
        field('Seats', 'int'), field('Region', 'picklist', { restrictedPicklist: true, picklistValues: [{ value: 'EMEA', active: true }] }),
      ],
      user: { id: '00u1', login: 'not-an-email', profile: { lastName: 'Hopperman', email: 'grace' } },
    }), [{ id: '005X', username: 'not-an-email', isActive: false, matches: [{ field: 'Username', value: 'not-an-email' }] }]);
    const problems = plan.rows.flatMap((row) => row.problems);
    assert.ok(problems.length >= 4);
    assertLocalized(problems.map((problem) => problem.message), 'dry-run problems');
    const text = formatDryRunText({ app: { id: '0oa1', label: 'Salesforce.com' }, user: { id: '00u1', login: 'grace' }, oktaOrgUrl: 'https://acme.okta.com', salesforceOrgUrl: 'https://acme.my.salesforce.com' }, plan);
    // The value lines ("Field = value") hold org data; the lines under each say where the value came from.
    assertLocalized(reportLines(text).filter((line) => !/^\S+( \(.*\))? = /.test(line)), 'dry-run report');
  });

  it('org fixes: the preview, the refusals, the new profile and the integration user form', () => {
    const audit = sampleAudit();
    const lines = [
      ...previewLines(planProfileFix(audit, '00e1', { isCustom: true }), 'acme'), ...previewLines(planProfileFix(audit, '00e1', { isCustom: false }), 'acme'),
      ...previewLines(planProfileFix(audit, '00e2', { isCustom: true }), 'acme'), ...previewLines(planProfileFix(audit, '00eZ', { isCustom: true }), 'acme'),
      ...previewLines(planProfileFix(auditOrg({ profiles: [profile('00e5', 'Okta Full', closure)], permissionSetGrants: [], integrationUsers: [] }), '00e5', { isCustom: true }), 'acme'),
    ];
    assertLocalized(lines, 'fix previews');
    const refused = planProfileCreate({ name: 'Okta Chatter', licenseId: '100', licenseName: 'Chatter Free', required: audit.required, existingNames: ['okta chatter'] });
    assert.equal(refused.ok, false);
    assertLocalized(refused.ok ? [] : refused.problems, 'profile create problems');
    const seats = planProfileCreate({ name: 'Okta New', licenseId: '100', licenseName: 'Salesforce', required: audit.required, existingNames: [], licenseSeatsLeft: 0 });
    assertLocalized(seats.ok ? seats.warnings : ['not planned'], 'seat warnings');
    assert.throws(() => integrationProfileFile({ name: ' Okta', userLicense: 'Salesforce', required: audit.required }), (error: Error) => error instanceof MetadataInputRefused && localized(error.message));
    const userFields = [{ name: 'LastName', type: 'string', nillable: false, createable: true, updateable: true, defaultedOnCreate: false, length: 5 },
      { name: 'Custom__c', type: 'string', nillable: false, createable: true, updateable: true, defaultedOnCreate: false }];
    const problems = validateIntegrationUser({ lastName: 'Integration', email: 'okta@acme.example', username: 'okta@acme.example', profileId: 'nope' }, userFields);
    assert.ok(problems.length >= 3);
    assertLocalized(problems.map((problem) => problem.message), 'integration user problems');
    assertLocalized([userCreateBody({ lastName: 'I', email: 'i@acme.example', username: 'i@acme.example', profileId: '00e1' }, { sendEmail: false }).emailNote, userCreateBody({ lastName: 'I', email: '', username: 'i@acme.example', profileId: '00e1' }, { sendEmail: true }).emailNote], 'e-mail notes');
  });

  it('the seven credential checks: titles, details, fixes and the summary', () => {
    const records: ProbeRecord[] = [
      { loginUrl: 'https://login.salesforce.com', authorize: { kind: 'noAnswer', failure: { message: 'gone' } } },
      { loginUrl: 'https://test.salesforce.com', oktaInstanceType: 'PRODUCTION', authorize: { kind: 'callbackNotRegistered' },
        session: { hasRefreshToken: true, refreshedWithSecret: true, refresh: { kind: 'refused', error: 'invalid_grant', description: 'expired' },
          user: { ok: true, value: { username: 'okta@acme.example', isActive: false, profileName: 'Okta' } },
          limits: { ok: true, value: { max: 100, remaining: 0 } } } },
      { loginUrl: 'https://acme.my.salesforce.com', authorize: { kind: 'pkceRequired' },
        session: { hasRefreshToken: true, refreshedWithSecret: false, refresh: { kind: 'renewed', scopes: ['api'], rotated: true },
          user: { ok: true, value: { username: 'okta@acme.example', isActive: true, profileName: 'Okta Integration' } },
          audit: { ok: true, value: sampleAudit().integrationUsers[0] }, limits: { ok: true, value: { max: 100, remaining: 5 } } } },
    ];
    for (const record of records) {
      const results = credentialChecks(record);
      assertLocalized(results.flatMap((result) => [result.title, result.detail, result.fix]), `checks of ${record.loginUrl}`);
      assertLocalized([summarizeChecks(results).line], 'summary');
      assertLocalized(formatCheckResults(results).split('\n').filter((line) => line.trim() !== ''), 'checks as text');
    }
  });

  it('the API integration form, its checklist, the org URL and key checks', () => {
    const draft: Draft = {
      apiIntegration: { enableApiIntegration: true, consumerKey: '', consumerSecret: { kind: 'typed', value: 'a b' }, loginHost: { override: 'https://acme.lightning.force.com' }, allowPushingNullValues: true },
      toApp: { createUsers: true, updateUserAttributes: false, deactivateUsers: true, syncPassword: false },
      toOkta: {
        scheduleEnabled: true, fullImport: { expression: 'soon', timezone: 'Mars/Base' }, incrementalImport: { expression: '0 2 * * 0', timezone: 'UTC' },
        usernameFormat: 'CUSTOM', usernameExpression: '', exactMatchCriteria: 'EMAIL', allowPartialMatch: false, autoConfirmPartialMatch: false,
        autoConfirmExactMatch: false, autoConfirmNewUsers: false, autoActivateNewUsers: false,
      },
    };
    const errors = validateForm(draft);
    assert.ok(errors.length >= 5);
    assertLocalized(errors.map((error) => error.message), 'form errors');
    assertLocalized((['apiIntegration', 'toApp', 'toOkta'] as const).flatMap((section) => guidedSteps(section, draft).map((step) => step.text)), 'checklist');
    const checks = [checkOktaOrgUrl(''), checkOktaOrgUrl('https://dev-1-admin.okta.com'), checkSalesforceLoginUrl('https://example.com'), checkPastedToken('a b', 'Where.')];
    assertLocalized(checks.map((check) => ('message' in check ? check.message : 'note' in check ? check.note : undefined)), 'address checks');
    assertLocalized([checkPrivateKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'), checkPrivateKey('{}'), readYamlSubset('a:\n\tb: c')]
      .map((check) => ('message' in check ? check.message : undefined)), 'key and YAML checks');
    assertLocalized(describeFoundConfig({ orgUrl: 'https://acme.okta.com', authorizationMode: 'PrivateKey', clientId: '0oa1' }), 'found config');
    assertLocalized([provisioningSummary([]), provisioningSummary(['PUSH_NEW_USERS'])], 'provisioning summary');
  });

  it('HTTP failures and waits, and the adapters\' failures', () => {
    const url = new URL('https://acme.okta.com/api/v1/apps');
    const wording = { timeout: 'raise the timeout', proxy: 'the proxy settings' };
    const codes = ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ERR_SSL_WRONG_VERSION_NUMBER', 'CERT_HAS_EXPIRED', 'EHOSTUNREACH', 'EWHATEVER'];
    const failures = codes.map((code) => networkFailure(Object.assign(new Error(code), { code }), url, oktaService, wording));
    failures.push(networkFailure(Object.assign(new Error('Proxy response (407)'), { code: 'ERR_PROXY_TUNNEL' }), url, oktaService, wording, 'http://proxy:3128'));
    assertLocalized(failures.map((failure) => failure.message), 'network failures');
    assertLocalized((['rateLimited', 'serverError', 'connection'] as const).map((reason) => waitMessage({ host: 'acme.okta.com', reason, status: 503 }, 3)), 'waits');
    const okta = [401, 403, 404, 400, 500].map((status) => OktaFailure.from({ status, errorCode: 'E0000001', errorSummary: 'Api validation failed' }, 'https://acme.okta.com'));
    okta.push(OktaFailure.from({ status: 401 }, 'https://acme.okta.com', { credential: 'serviceApp', tokenRefusal: { error: 'invalid_client' } }));
    okta.push(new ProvisioningNotConfigurable(okta[3]));
    assertLocalized(okta.map((failure) => failure.message), 'Okta failures');
    const notConfigurable = okta.at(-1)?.message ?? '';
    assert.ok(notConfigurable.includes('E0000001: Api validation failed') && !notConfigurable.includes('Okta rejected the request'),
      `the refusal's detail is repeated, not the refusal's whole (translated) message: ${notConfigurable}`);
    const salesforce = ['INVALID_SESSION_ID', 'API_CURRENTLY_DISABLED', 'REQUEST_LIMIT_EXCEEDED', 'NOT_FOUND', 'ERROR_HTTP_502', 'SOMETHING_ELSE']
      .map((errorCode) => SalesforceFailure.from(Object.assign(new Error('said'), { errorCode }), 'https://acme.my.salesforce.com'));
    salesforce.push(SalesforceFailure.from(Object.assign(new Error("sObject type 'PermissionSet' is not supported"), { errorCode: 'INVALID_TYPE' }), 'https://acme.my.salesforce.com'));
    assertLocalized(salesforce.map((failure) => failure.message), 'Salesforce failures');
    const writes = ['DUPLICATE_USERNAME', 'INSUFFICIENT_ACCESS', 'LICENSE_LIMIT_EXCEEDED', 'REQUIRED_FIELD_MISSING', 'FIELD_INTEGRITY_EXCEPTION']
      .map((errorCode) => writeFailure({ errorCode, data: { errorCode, message: 'refused', fields: ['Alias'] } }, { kind: 'user', username: 'okta@acme.example' }));
    assertLocalized(writes.map((failure) => failure?.message), 'write refusals');
  });

  it('English again once unconfigured, as the okta-sf command line always is', () => {
    l10n.config({ contents: {} });
    try {
      assert.equal(provisioningSummary([]), 'Provisioning not set up');
      assert.equal(requiredPermissions().permissions[0].label, 'API Enabled');
    } finally {
      l10n.config({ contents: pseudo });
    }
  });
});

/** A profile file granting `granted`, with more XML before its end tag. */
function profileXml(granted: readonly string[], extra = ''): string {
  const blocks = granted.map((name) => `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${extra}${blocks}</Profile>\n`;
}
