import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { auditFilesCommand } from '../../src/cli/auditFilesCommand';
import { oktaCallbackUrl } from '../../src/domain/apiIntegration/credentialChecks';
import {
  integrationProfileFile, MetadataInputRefused, oktaConnectedAppFiles, profileFileBaseName, type ConnectedAppOptions, type MetadataFile,
} from '../../src/domain/orgFixes/metadataFiles';
import { requiredPermissions } from '../../src/domain/permissionCatalog';
import { profileNameOfFile } from '../../src/domain/profileFiles';
import { auditProfileXml, oktaReadiness } from '../../src/domain/profileXml/profileFindings';
import { scanMetadataXml } from '../../src/domain/profileXml/scanner';

const metadataNamespace = 'http://soap.sforce.com/2006/04/metadata';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name]);

/**
 * A strict reader for what these files may hold: an XML declaration, comments, elements with quoted attributes,
 * and text with the five predefined entities. Anything else (a stray "<" or "&", a mismatched end tag, text
 * outside the root) throws, so a file that reads is well-formed.
 */
function parseXml(text: string): XmlElement {
  let at = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(text);
  assert.ok(declaration, 'starts with the XML declaration');
  at = declaration[0].length;
  const skipMisc = () => {
    for (;;) {
      const space = /^\s+/.exec(text.slice(at));
      if (space) at += space[0].length;
      if (!text.startsWith('<!--', at)) return;
      const end = text.indexOf('-->', at + 4);
      assert.ok(end > 0, 'a comment ends');
      assert.ok(!text.slice(at + 4, end).includes('--'), 'no "--" inside a comment');
      at = end + 3;
    }
  };
  const element = (): XmlElement => {
    const open = /^<([A-Za-z][\w.-]*)((?:\s+[\w:]+="[^"<&]*")*)\s*>/.exec(text.slice(at));
    assert.ok(open, `a start tag at ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    at += open[0].length;
    const attributes = Object.fromEntries([...open[2].matchAll(/([\w:]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    const node: XmlElement = { name: open[1], attributes, children: [], text: '' };
    for (;;) {
      const chunk = /^[^<&]*(?:&(?:amp|lt|gt|quot|apos);[^<&]*)*/.exec(text.slice(at));
      node.text += decode(chunk?.[0] ?? '');
      at += chunk?.[0].length ?? 0;
      assert.ok(text[at] === '<', `only the five entities and markup in text, at ${at}`);
      if (text.startsWith('<!--', at)) {
        skipMisc();
        continue;
      }
      if (text.startsWith('</', at)) {
        const close = `</${node.name}>`;
        assert.ok(text.startsWith(close, at), `${close} at ${at}`);
        at += close.length;
        if (node.children.length > 0) assert.equal(node.text.trim(), '', `no mixed content in <${node.name}>`);
        return node;
      }
      node.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  assert.equal(at, text.length, 'nothing after the root');
  return root;
}

const childrenNamed = (node: XmlElement, name: string) => node.children.filter((child) => child.name === name);
function child(node: XmlElement, name: string): XmlElement {
  const found = childrenNamed(node, name);
  assert.equal(found.length, 1, `one <${name}> in <${node.name}>`);
  return found[0];
}
const valueOf = (node: XmlElement, name: string) => child(node, name).text;

/** The file's root, checked to be the documented element in the Metadata API's namespace, by this reader and by the project's scanner. */
function rootOf(file: MetadataFile, rootName: string): XmlElement {
  const root = parseXml(file.content);
  assert.equal(root.name, rootName);
  assert.deepEqual(root.attributes, { xmlns: metadataNamespace });
  const scan = scanMetadataXml(file.content);
  assert.equal(scan.error, undefined, `the project's scanner reads ${file.path} as well-formed`);
  assert.deepEqual(scan.rootName, { namespace: metadataNamespace, localName: rootName });
  return root;
}

/** A path a writer may join to the package directory: relative, forward slashes, no "." or ".." segment. */
function assertInsidePackage(filePath: string): void {
  assert.ok(!path.isAbsolute(filePath) && !filePath.includes('\\'), filePath);
  for (const segment of filePath.split('/')) assert.ok(segment !== '' && segment !== '.' && segment !== '..', filePath);
  const packageDir = path.resolve('/pkg');
  assert.ok(path.resolve(packageDir, filePath).startsWith(`${packageDir}${path.sep}`), filePath);
}

const required = requiredPermissions();
const okta: ConnectedAppOptions = { label: 'Okta Provisioning', apiName: 'Okta_Provisioning', contactEmail: 'admin@example.com' };
const refused = (run: () => unknown) => assert.throws(run, MetadataInputRefused);

describe('integrationProfileFile', () => {
  const file = integrationProfileFile({ name: 'Okta Integration', userLicense: 'Salesforce', required });

  it('writes profiles/<name>.profile-meta.xml with a Profile root', () => {
    assert.equal(file.path, 'profiles/Okta Integration.profile-meta.xml');
    rootOf(file, 'Profile');
  });

  it('holds custom, the license and exactly the required permissions, enabled and sorted, and nothing else', () => {
    const root = rootOf(file, 'Profile');
    assert.deepEqual(root.children.map((node) => node.name), ['custom', 'userLicense', ...required.permissions.map(() => 'userPermissions')]);
    assert.equal(valueOf(root, 'custom'), 'true');
    assert.equal(valueOf(root, 'userLicense'), 'Salesforce');
    const blocks = childrenNamed(root, 'userPermissions');
    assert.deepEqual(blocks.map((block) => block.children.map((node) => node.name)), blocks.map(() => ['enabled', 'name']));
    assert.ok(blocks.every((block) => valueOf(block, 'enabled') === 'true'));
    const names = blocks.map((block) => valueOf(block, 'name'));
    assert.deepEqual(names, required.permissions.map((permission) => permission.name).sort());
    assert.ok(names.includes('ApiEnabled') && names.includes('ManageUsers') && names.includes('FreezeUsers'), 'Okta’s list and the dependencies');
    assert.equal(names.length, 17);
  });

  it('lists the org’s dependencies when they drew the closure', () => {
    const fromOrg = requiredPermissions([{ permission: 'ManageUsers', requiredPermission: 'ManageTwoFactor' }]);
    const root = rootOf(integrationProfileFile({ name: 'Okta Integration', userLicense: 'Salesforce', required: fromOrg }), 'Profile');
    const names = childrenNamed(root, 'userPermissions').map((block) => valueOf(block, 'name'));
    assert.deepEqual(names, fromOrg.permissions.map((permission) => permission.name).sort());
    assert.ok(names.includes('ManageTwoFactor') && !names.includes('FreezeUsers'));
  });

  it('is ready as Okta’s integration profile for the editor’s diagnostics: no finding, 14 of 14', () => {
    const scan = scanMetadataXml(file.content);
    assert.deepEqual(auditProfileXml(scan), []);
    assert.deepEqual(oktaReadiness(scan), { granted: 14, listed: 14, missing: [] });
  });

  it('passes `okta-sf audit` as written into a package directory, read back as the same profile', async () => {
    const packageDir = await mkdtemp(path.join(tmpdir(), 'okta-sf-orgfix-'));
    try {
      const names = ['Okta Integration', 'Okta: Integration (REST) <2>'];
      for (const name of names) {
        const written = integrationProfileFile({ name, userLicense: 'Salesforce', required });
        const target = path.join(packageDir, written.path);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, written.content);
      }
      const out: string[] = [];
      const err: string[] = [];
      const code = await auditFilesCommand({ paths: [packageDir], json: true }, { out: (text) => out.push(text), err: (text) => err.push(text) });
      const reports = JSON.parse(out.join('')) as Array<{ profile: string; findings: unknown[] }>;
      assert.deepEqual(reports.map((report) => report.profile).sort(), [...names].sort());
      assert.deepEqual(reports.map((report) => report.findings), [[], []]);
      assert.equal(code, 0, err.join(''));
    } finally {
      await rm(packageDir, { recursive: true, force: true });
    }
  });

  it('a license Okta’s permissions cannot ride on is the diagnostics’ error, not hidden by the writer', () => {
    const scan = scanMetadataXml(integrationProfileFile({ name: 'Okta Integration', userLicense: 'Chatter Free', required }).content);
    assert.deepEqual(auditProfileXml(scan).map((finding) => `${finding.severity} ${finding.code}`), ['error license-cannot-grant']);
  });

  it('escapes markup and quotes in the license, and encodes the name into the file name', () => {
    const hostile = integrationProfileFile({ name: '<b>"Okta" & \'Co\'</b>', userLicense: 'Sales<force> & "Co"', required });
    assert.equal(valueOf(rootOf(hostile, 'Profile'), 'userLicense'), 'Sales<force> & "Co"');
    assert.ok(!hostile.content.includes('<force>') && !hostile.content.includes('<b>'));
    assert.equal(hostile.path, 'profiles/%3Cb%3E%22Okta%22 %26 %27Co%27%3C%2Fb%3E.profile-meta.xml');
    assert.equal(profileNameOfFile(path.posix.basename(hostile.path)), '<b>"Okta" & \'Co\'</b>');
  });

  it('keeps every name inside profiles/: slashes, dots and ".." are encoded', () => {
    for (const name of ['..', '../../etc/passwd', 'a/b\\c', '.hidden', 'C:\\Windows', 'Okta.Integration']) {
      const written = integrationProfileFile({ name, userLicense: 'Salesforce', required });
      assertInsidePackage(written.path);
      assert.equal(path.posix.dirname(written.path), 'profiles', name);
      assert.equal(profileNameOfFile(path.posix.basename(written.path)), name, name);
    }
    assert.equal(profileFileBaseName('../x'), '%2E%2E%2Fx');
  });

  it('encodes as the Metadata API does where it is known: ":" and "(" but not spaces; non-ASCII as UTF-8 bytes', () => {
    assert.equal(profileFileBaseName('Custom: Marketing Profile'), 'Custom%3A Marketing Profile');
    assert.equal(profileFileBaseName('My(awesome)profile'), 'My%28awesome%29profile');
    assert.equal(profileFileBaseName('Contratación °'), 'Contrataci%C3%B3n %C2%B0');
    assert.equal(profileFileBaseName('Okta_Integration-2'), 'Okta_Integration-2');
  });

  it('refuses names and licenses a file cannot carry, and a name that is a standard profile’s file', () => {
    refused(() => integrationProfileFile({ name: '', userLicense: 'Salesforce', required }));
    refused(() => integrationProfileFile({ name: '   ', userLicense: 'Salesforce', required }));
    refused(() => integrationProfileFile({ name: ' Okta', userLicense: 'Salesforce', required }));
    refused(() => integrationProfileFile({ name: 'Okta\u0000', userLicense: 'Salesforce', required }));
    refused(() => integrationProfileFile({ name: 'Okta', userLicense: 'Sales\u0007force', required }));
    refused(() => integrationProfileFile({ name: 'Okta', userLicense: ' ', required }));
    refused(() => integrationProfileFile({ name: 'Okta \uD800', userLicense: 'Salesforce', required }));
    assert.throws(() => integrationProfileFile({ name: 'Admin', userLicense: 'Salesforce', required }), /System Administrator/);
  });
});

describe('oktaConnectedAppFiles as a ConnectedApp', () => {
  const [file, ...others] = oktaConnectedAppFiles(okta, 'connectedApp');

  it('writes one connectedApps/<apiName>.connectedApp-meta.xml with a ConnectedApp root', () => {
    assert.deepEqual(others, []);
    assert.equal(file.path, 'connectedApps/Okta_Provisioning.connectedApp-meta.xml');
    const root = rootOf(file, 'ConnectedApp');
    assert.equal(valueOf(root, 'label'), 'Okta Provisioning');
    assert.equal(valueOf(root, 'contactEmail'), 'admin@example.com');
  });

  it('holds Okta’s callback URL exactly, the two scopes, the secret required, and client credentials off', () => {
    const oauth = child(rootOf(file, 'ConnectedApp'), 'oauthConfig');
    assert.equal(valueOf(oauth, 'callbackUrl'), oktaCallbackUrl);
    assert.equal(oktaCallbackUrl, 'https://system-admin.okta.com/admin/app/generic/oauth20redirect');
    assert.deepEqual(childrenNamed(oauth, 'scopes').map((scope) => scope.text), ['Api', 'RefreshToken']);
    assert.equal(valueOf(oauth, 'isClientCredentialEnabled'), 'false');
    assert.equal(valueOf(oauth, 'isConsumerSecretOptional'), 'false');
    assert.equal(valueOf(oauth, 'isSecretRequiredForRefreshToken'), 'true');
    assert.equal(valueOf(oauth, 'isAdminApproved'), 'false', 'all users may self-authorize');
    assert.equal(valueOf(oauth, 'isPkceRequired'), 'true', 'Okta’s newest page');
  });

  it('keeps refresh tokens until revoked', () => {
    const policy = child(rootOf(file, 'ConnectedApp'), 'oauthPolicy');
    assert.equal(valueOf(policy, 'refreshTokenPolicy'), 'infinite');
    assert.equal(valueOf(policy, 'ipRelaxation'), 'ENFORCE');
  });

  it('writes children in alphabetical order, as retrieved files have them', () => {
    const root = rootOf(file, 'ConnectedApp');
    for (const node of [root, child(root, 'oauthConfig'), child(root, 'oauthPolicy')]) {
      const names = node.children.map((element) => element.name);
      assert.deepEqual(names, [...names].sort(), node.name);
    }
  });
});

describe('oktaConnectedAppFiles as an External Client App', () => {
  const files = oktaConnectedAppFiles(okta, 'externalClientApp');
  const byRoot = (rootName: string) => {
    const found = files.filter((file) => parseXml(file.content).name === rootName);
    assert.equal(found.length, 1, rootName);
    return { file: found[0], root: rootOf(found[0], rootName) };
  };

  it('writes the four components in their folders with their suffixes', () => {
    assert.deepEqual(files.map((file) => file.path), [
      'externalClientApps/Okta_Provisioning.eca-meta.xml',
      'extlClntAppGlobalOauthSets/Okta_Provisioning_glbloauth.ecaGlblOauth-meta.xml',
      'extlClntAppOauthSettings/Okta_Provisioning_oauth.ecaOauth-meta.xml',
      'extlClntAppOauthPolicies/Okta_Provisioning_oauthPlcy.ecaOauthPlcy-meta.xml',
    ]);
    assert.deepEqual(files.map((file) => parseXml(file.content).name),
      ['ExternalClientApplication', 'ExtlClntAppGlobalOauthSettings', 'ExtlClntAppOauthSettings', 'ExtlClntAppOauthConfigurablePolicies']);
  });

  it('ties every component to the app by its API name', () => {
    const header = byRoot('ExternalClientApplication').root;
    assert.equal(valueOf(header, 'label'), 'Okta Provisioning');
    assert.equal(valueOf(header, 'distributionState'), 'Local');
    for (const rootName of ['ExtlClntAppGlobalOauthSettings', 'ExtlClntAppOauthSettings', 'ExtlClntAppOauthConfigurablePolicies']) {
      assert.equal(valueOf(byRoot(rootName).root, 'externalClientApplication'), 'Okta_Provisioning', rootName);
    }
  });

  it('holds Okta’s callback URL exactly, the secret required, PKCE per Okta’s newest page, and client credentials off', () => {
    const global = byRoot('ExtlClntAppGlobalOauthSettings').root;
    assert.equal(valueOf(global, 'callbackUrl'), oktaCallbackUrl);
    assert.equal(valueOf(global, 'isConsumerSecretOptional'), 'false');
    assert.equal(valueOf(global, 'isSecretRequiredForRefreshToken'), 'true');
    assert.equal(valueOf(global, 'isClientCredentialsFlowEnabled'), 'false');
    assert.equal(valueOf(global, 'isDeviceFlowEnabled'), 'false');
    assert.equal(valueOf(global, 'isPkceRequired'), 'true');
    assert.equal(valueOf(global, 'isRefreshTokenRotationEnabled'), 'true');
    assert.equal(valueOf(byRoot('ExtlClntAppOauthConfigurablePolicies').root, 'isClientCredentialsFlowEnabled'), 'false');
  });

  it('asks for the two scopes', () => {
    const scopes = valueOf(byRoot('ExtlClntAppOauthSettings').root, 'commaSeparatedOauthScopes').split(',').map((scope) => scope.trim());
    assert.deepEqual(scopes, ['Api', 'RefreshToken']);
  });

  it('lets all users self-authorize and keeps refresh tokens until revoked', () => {
    const policies = byRoot('ExtlClntAppOauthConfigurablePolicies').root;
    assert.equal(valueOf(policies, 'permittedUsersPolicyType'), 'AllSelfAuthorized');
    assert.equal(valueOf(policies, 'refreshTokenPolicyType'), 'Infinite');
  });

  it('writes children in alphabetical order', () => {
    for (const file of files) {
      const names = parseXml(file.content).children.map((element) => element.name);
      assert.deepEqual(names, [...names].sort(), file.path);
    }
  });
});

describe('oktaConnectedAppFiles, whatever the form', () => {
  const forms = ['connectedApp', 'externalClientApp'] as const;
  const callbackUrlsOf = (files: MetadataFile[]) => files.flatMap((file) => {
    const root = parseXml(file.content);
    const holder = root.name === 'ConnectedApp' ? child(root, 'oauthConfig') : root;
    return childrenNamed(holder, 'callbackUrl').map((node) => node.text.split('\n'));
  });

  it('never writes a consumer key or secret', () => {
    for (const form of forms) {
      for (const file of oktaConnectedAppFiles(okta, form)) {
        const names: string[] = [];
        const walk = (node: XmlElement) => {
          names.push(node.name);
          node.children.forEach(walk);
        };
        walk(parseXml(file.content));
        assert.ok(!names.some((name) => /consumerKey|consumerSecret|^certificate$/.test(name)), `${file.path}: ${names.join(' ')}`);
      }
    }
  });

  it('keeps Okta’s callback URL first and adds the extra ones once each', () => {
    const options = { ...okta, extraCallbackUrls: ['http://localhost:1717/OauthRedirect', oktaCallbackUrl, 'http://localhost:1717/OauthRedirect'] };
    for (const form of forms) {
      assert.deepEqual(callbackUrlsOf(oktaConnectedAppFiles(options, form)), [[oktaCallbackUrl, 'http://localhost:1717/OauthRedirect']], form);
    }
  });

  it('escapes markup and quotes in the label and contact email', () => {
    const hostile = { ...okta, label: '<script>"Okta" & \'Co\'</script>', contactEmail: 'a&b<c>@example.com' };
    for (const form of forms) {
      for (const file of oktaConnectedAppFiles(hostile, form)) {
        const root = rootOf(file, parseXml(file.content).name);
        assert.ok(!file.content.includes('<script>'), file.path);
        if (childrenNamed(root, 'label').length) assert.equal(valueOf(root, 'label'), hostile.label);
        if (childrenNamed(root, 'contactEmail').length) assert.equal(valueOf(root, 'contactEmail'), hostile.contactEmail);
      }
    }
  });

  it('refuses an API name that is not a metadata name, so no file lands outside its folder', () => {
    for (const apiName of ['../Okta', 'Okta/App', 'Okta App', '', '1Okta', 'Okta__App', 'Okta_', '_Okta', 'Okta.App', 'Okta<b>', 'Okta\\App']) {
      for (const form of forms) refused(() => oktaConnectedAppFiles({ ...okta, apiName }, form));
    }
    for (const form of forms) for (const file of oktaConnectedAppFiles({ ...okta, apiName: 'Okta_App_2' }, form)) assertInsidePackage(file.path);
  });

  it('refuses an empty label, a contact that is not an email, and callback URLs Salesforce would not take', () => {
    for (const form of forms) {
      refused(() => oktaConnectedAppFiles({ ...okta, label: ' ' }, form));
      refused(() => oktaConnectedAppFiles({ ...okta, contactEmail: 'admin' }, form));
      refused(() => oktaConnectedAppFiles({ ...okta, contactEmail: 'admin @example.com' }, form));
      refused(() => oktaConnectedAppFiles({ ...okta, label: 'Okta\u001b' }, form));
      for (const url of ['http://example.com/cb', 'javascript:alert(1)', 'not a url', `${oktaCallbackUrl}\nhttps://evil.example`, 'https://a b']) {
        refused(() => oktaConnectedAppFiles({ ...okta, extraCallbackUrls: [url] }, form));
      }
      assert.equal(oktaConnectedAppFiles({ ...okta, extraCallbackUrls: ['http://127.0.0.1:1717/OauthRedirect'] }, form).length > 0, true);
    }
  });
});
