// okta.yaml and OKTA_CLIENT_* as the Okta SDKs and the Okta CLI write them: what the connect flow
// finds (orgUrl, mode, client id, scopes, the secrets), a YAML subset read exactly, malformed or
// unsupported input refused with its line, and what may be shown of it (never a secret).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeFoundConfig, foundAuthMode, mergeFoundConfig, oktaConfigFromEnvironment, parseOktaYaml, readYamlSubset,
} from '../../src/domain/oktaCredentials';

// Placeholders shaped like the real values; none is a credential.
const token = '00placeholder-token-value-for-tests-only';
const pemLines = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '# not a comment inside a block', '', 'BKcwggSjAgEAAoIBAQC7', '-----END PRIVATE KEY-----'];

function parsed(text: string) {
  const read = parseOktaYaml(text);
  assert.ok(read.ok, read.ok ? '' : read.message);
  return read.config;
}

function refused(text: string): string {
  const read = readYamlSubset(text);
  assert.equal(read.ok, false, 'read');
  return (read as { message: string }).message;
}

describe('parseOktaYaml', () => {
  it('reads an API token config as the Okta CLI writes it', () => {
    const config = parsed(['okta:', '  client:', '    orgUrl: "https://dev-123456.okta.com"', `    token: ${token}`, ''].join('\n'));
    assert.deepEqual(config, { orgUrl: 'https://dev-123456.okta.com', authorizationMode: undefined, token, clientId: undefined, scopes: undefined, privateKey: undefined, keyId: undefined });
    assert.equal(foundAuthMode(config), 'apiToken');
  });

  it('reads a service app config: a PEM in a literal block (blank and #-lines kept), scopes as a list', () => {
    const text = [
      '# Okta SDK configuration', '---', 'okta:', '  client:', "    orgUrl: 'https://acme.okta.com'  # the org",
      '    authorizationMode: PrivateKey', '    clientId: "0oa1b2c3d4e5f6g7h8i9"', '    scopes:', '    - okta.apps.read', '    - "okta.users.read"',
      '    privateKey: |', ...pemLines.map((line) => (line ? `      ${line}` : '')), '    keyId: kid-1', '    rateLimit:', '      maxRetries: 4',
    ].join('\r\n');
    const config = parsed(text);
    assert.equal(config.orgUrl, 'https://acme.okta.com');
    assert.equal(config.clientId, '0oa1b2c3d4e5f6g7h8i9');
    assert.deepEqual(config.scopes, ['okta.apps.read', 'okta.users.read']);
    assert.equal(config.privateKey, `${pemLines.join('\n')}\n`);
    assert.equal(config.keyId, 'kid-1');
    assert.equal(foundAuthMode(config), 'serviceApp');
  });

  it('reads scopes as the SDK\'s space-separated string or a flow list, and a JWK written as a mapping', () => {
    assert.deepEqual(parsed('okta:\n  client:\n    scopes: "okta.apps.read okta.apps.manage"\n').scopes, ['okta.apps.read', 'okta.apps.manage']);
    assert.deepEqual(parsed('okta:\n  client:\n    scopes: [okta.apps.read, \'okta.groups.read\']\n').scopes, ['okta.apps.read', 'okta.groups.read']);
    const jwk = parsed('okta:\n  client:\n    privateKey:\n      kty: RSA\n      kid: "k1"\n      d: abc\n').privateKey;
    assert.deepEqual(JSON.parse(jwk ?? ''), { kty: 'RSA', kid: 'k1', d: 'abc' });
    assert.equal(parsed('okta:\n  client:\n    privateKey: >-\n      {"kty": "EC",\n      "d": "x"}\n').privateKey, '{"kty": "EC", "d": "x"}');
  });

  it('says when the file holds no okta: client: section', () => {
    for (const text of ['', 'okta:\n  other: 1\n', 'okta:\n  client:\n', 'somethingElse:\n  client:\n    token: x\n']) {
      const read = parseOktaYaml(text);
      assert.equal(read.ok, false, text);
      assert.match((read as { message: string }).message, /no okta: client: section/);
    }
  });
});

describe('readYamlSubset: malformed and unsupported input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['tab indentation', 'okta:\n\tclient: x\n', /line 2: tabs cannot indent YAML/],
    ['an unclosed double quote', 'okta:\n  client:\n    orgUrl: "https://a.okta.com\n', /line 3: an unclosed or malformed "string"/],
    ['an unclosed single quote', "okta: 'x\n", /line 1: an unclosed 'string'/],
    ['an unknown escape', 'okta: "a\\qb"\n', /line 1: the escape \\q is not read/],
    ['a line without a colon', 'okta:\n  client\n', /line 2: expected "key: value"/],
    ['a key twice', 'okta:\n  client: a\n  client: b\n', /line 3: the key "client" appears twice/],
    ['a deeper line out of place', 'okta:\n  client: a\n      token: b\n', /line 3: unexpected indentation/],
    ['a shallower line out of place', 'okta:\n    client: a\n  token: b\n', /line 3: unexpected indentation/],
    ['an anchor', 'okta: &base\n  client: a\n', /line 1: "&" \(flow mappings, anchors, aliases, tags\) is not read/],
    ['a flow mapping', 'okta: {client: a}\n', /line 1: "\{"/],
    ['a mapping in a list', 'scopes:\n  - name: a\n', /line 2: mappings inside lists are not read/],
    ['a list item among keys', 'okta:\n  client: a\n  - b\n', /line 3: a list item where a key was expected/],
    ['an unclosed flow list', 'scopes: [a, b\n', /line 1: an unclosed \[ list/],
    ['two documents', 'a: 1\n---\nb: 2\n', /line 2: more than one document/],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name}, naming the line`, () => assert.match(refused(text), expected));
  }

  it('refuses a file that is a list or a bare word rather than a mapping', () => {
    assert.match(refused('- a\n- b\n'), /not a YAML mapping/);
    assert.match(refused('just text\n'), /expected "key: value"/);
  });

  it('keeps a # inside quotes and a URL\'s colons, and drops a trailing comment', () => {
    const read = readYamlSubset('a: "x # y"  # comment\nb: https://a.okta.com:443/x # c\nc: \'it\'\'s\'\n');
    assert.deepEqual(read, { ok: true, value: { a: 'x # y', b: 'https://a.okta.com:443/x', c: "it's" } });
  });
});

describe('OKTA_CLIENT_* variables', () => {
  it('reads the SDK\'s variable names, scopes split on spaces, empty values ignored', () => {
    const env = {
      OKTA_CLIENT_ORGURL: 'https://env.okta.com', OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey', OKTA_CLIENT_CLIENTID: '0oaenv',
      OKTA_CLIENT_SCOPES: 'okta.apps.read  okta.users.read', OKTA_CLIENT_PRIVATEKEY: '{"kty":"RSA"}', OKTA_CLIENT_KEYID: ' ', OKTA_CLIENT_TOKEN: '',
    };
    assert.deepEqual(oktaConfigFromEnvironment(env), {
      orgUrl: 'https://env.okta.com', authorizationMode: 'PrivateKey', token: undefined, clientId: '0oaenv',
      scopes: ['okta.apps.read', 'okta.users.read'], privateKey: '{"kty":"RSA"}', keyId: undefined,
    });
  });

  it('win over the file\'s values, as in the SDK, keeping the file\'s others', () => {
    const merged = mergeFoundConfig({ orgUrl: 'https://file.okta.com', token }, oktaConfigFromEnvironment({ OKTA_CLIENT_ORGURL: 'https://env.okta.com' }));
    assert.equal(merged.orgUrl, 'https://env.okta.com');
    assert.equal(merged.token, token);
  });
});

describe('what is shown of a found config', () => {
  it('names the org, mode, client id and scopes, and the secrets only as found', () => {
    const serviceApp = describeFoundConfig({ orgUrl: 'https://acme.okta.com', authorizationMode: 'PrivateKey', clientId: '0oa1', scopes: ['okta.apps.read'], privateKey: pemLines.join('\n'), token });
    assert.deepEqual(serviceApp, ['Org URL: https://acme.okta.com', 'Authentication: service app (private key)', 'Client ID: 0oa1', 'Scopes: okta.apps.read', 'Private key: found']);
    assert.deepEqual(describeFoundConfig({ token }), ['Org URL: not set', 'Authentication: API token', 'API token: found']);
    assert.ok(!JSON.stringify(serviceApp).includes(token));
  });

  it('takes the mode from authorizationMode first, then from what is there', () => {
    assert.equal(foundAuthMode({ authorizationMode: 'SSWS' }), undefined, 'SSWS without a token is incomplete');
    assert.equal(foundAuthMode({ authorizationMode: 'privatekey', token }), 'serviceApp');
    assert.equal(foundAuthMode({ clientId: '0oa1', privateKey: 'k' }), 'serviceApp');
    assert.equal(foundAuthMode({ clientId: '0oa1' }), undefined);
    assert.deepEqual(describeFoundConfig({ clientId: '0oa1' }), ['Org URL: not set', 'Authentication: incomplete', 'Client ID: 0oa1']);
  });
});
