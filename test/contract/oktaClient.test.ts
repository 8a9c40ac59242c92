// createOktaClient (src/okta/api/oktaClient.ts) against the sandbox org, as the tests import it and as
// dist/okta.js bundles it (only the SDK's parts, some modules in dist/oktaDeferred.js, some left out: build/oktaSdkParts.mjs):
// an API token and a service app that requires DPoP, the GET cache off, okta.yaml/OKTA_CLIENT_* ignored.
import * as esbuild from 'esbuild';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { oktaBundles } from '../../build/oktaSdkParts.mjs';
import type * as OktaClientModule from '../../src/okta/api/oktaClient';
import * as fromSource from '../../src/okta/api/oktaClient';
import { root } from '../harness/paths';
import { oktaSandboxSuite, type SandboxSuite } from './oktaSandboxSuite';
import { testNetwork } from './testNetwork';

type Module = typeof OktaClientModule;

/** oktaClient.ts bundled with the SDK as dist/okta.js bundles it. */
async function bundled(): Promise<{ module: Module; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-client-'));
  const options = { absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'error' } as const;
  await Promise.all(oktaBundles(options, { entry: path.join(root, 'src/okta/api/oktaClient.ts'), outdir: dir, root }).map((build) => esbuild.build(build)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { module: require(path.join(dir, 'okta.js')) as Module, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const tokenAnswers = (org: SandboxSuite) => org.exchanges.of('token').map((e) => (e.responseBody as { error?: string; token_type?: string }));

for (const [how, load] of [['from source', async () => ({ module: fromSource, remove: () => {} })], ['bundled as dist/okta.js', bundled]] as const) {
  describe(`createOktaClient ${how}`, () => {
    let module: Module;
    let remove = () => {};
    before(async () => {
      ({ module, remove } = await load());
    });
    after(() => remove());

    describe('with an API token', () => {
      const org = oktaSandboxSuite();
      const client = () => module.createOktaClient({ orgUrl: org.okta.url, credential: { kind: 'apiToken', token: org.okta.apiToken }, network: testNetwork() });

      it('reads as the token\'s admin, every GET reaching Okta (no cache)', async () => {
        const { http } = client();
        const before = org.exchanges.of('getUser').length;
        for (let i = 0; i < 2; i++) assert.equal(((await http.getJson(`${org.okta.url}/api/v1/users/me`)) as { profile: { login: string } }).profile.login, 'admin@acme.example');
        assert.equal(org.exchanges.of('getUser').length - before, 2);
      });

      it('reads no okta.yaml: a broken one in the working folder changes nothing', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-yaml-'));
        fs.writeFileSync(path.join(dir, 'okta.yaml'), 'okta:\n  client: [unclosed\n');
        const cwd = process.cwd();
        process.chdir(dir);
        try {
          assert.equal(((await client().http.getJson(`${org.okta.url}/api/v1/apps?limit=1`)) as unknown as unknown[]).length, 1);
        } finally {
          process.chdir(cwd);
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

      it('ignores OKTA_CLIENT_* variables: they cannot switch the mode or the org', async () => {
        const saved = { ...process.env };
        Object.assign(process.env, { OKTA_CLIENT_AUTHORIZATIONMODE: 'PrivateKey', OKTA_CLIENT_ORGURL: 'http://127.0.0.1:9', OKTA_CLIENT_TOKEN: 'other', OKTA_CLIENT_CLIENTID: 'other' });
        try {
          const apps = (await client().http.getJson(`${org.okta.url}/api/v1/apps?limit=1`)) as unknown as unknown[];
          assert.equal(apps.length, 1);
          assert.equal(tokenAnswers(org).length, 0, 'no token request: the API token was used');
        } finally {
          process.env = saved;
        }
      });

      it('refuses to start without a token rather than send an empty one', () => {
        assert.throws(() => module.createOktaClient({ orgUrl: org.okta.url, credential: { kind: 'apiToken', token: '' }, network: testNetwork() }), /without an API token/);
      });
    });

    describe('with a service app that requires DPoP', () => {
      const org = oktaSandboxSuite({ serviceAppRequiresDpop: true });

      it('gets a DPoP-bound token with its signed client assertion and proves it on each request', async () => {
        const { clientId, privateKeyPem, scopes } = org.okta.serviceApp;
        const { http } = module.createOktaClient({ orgUrl: `${org.okta.url}/`, credential: { kind: 'serviceApp', clientId, privateKey: privateKeyPem, scopes }, network: testNetwork() });
        const apps = (await http.getJson(`${org.okta.url}/api/v1/apps?limit=200`)) as unknown as unknown[];
        assert.equal(apps.length, 64);
        assert.deepEqual(tokenAnswers(org).map((answer) => answer.error ?? answer.token_type), ['use_dpop_nonce', 'DPoP']);
        assert.equal(((await http.getJson(`${org.okta.url}/api/v1/users/admin@acme.example`)) as { status: string }).status, 'ACTIVE');
        assert.equal(tokenAnswers(org).length, 2, 'the token is reused');
      });

      it('is refused with E0000011 when its key is not the app\'s', async () => {
        const other = (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        const { http } = module.createOktaClient({
          orgUrl: org.okta.url, credential: { kind: 'serviceApp', clientId: org.okta.serviceApp.clientId, privateKey: other, scopes: org.okta.serviceApp.scopes }, network: testNetwork(),
        });
        await assert.rejects(http.getJson(`${org.okta.url}/api/v1/apps`), (error: { status?: number; errorCode?: string }) => error.status === 401 && error.errorCode === 'E0000011');
        assert.equal(tokenAnswers(org).at(-1)?.error, 'invalid_client');
      });
    });
  });
}

describe('createOktaClient bundled as dist/okta.js: what is left out', () => {
  it('names the left-out part when a feature the client never uses is called', async () => {
    const { module, remove } = await bundled();
    try {
      const { http } = module.createOktaClient({ orgUrl: 'http://127.0.0.1:9', credential: { kind: 'apiToken', token: 't' }, network: testNetwork() });
      assert.throws(() => (http as unknown as { postFormDataFile(uri: string, request: object, file: string): unknown }).postFormDataFile('http://127.0.0.1:9/x', {}, 'f'),
        /^Error: form-data is not in this bundle: file uploads/);
    } finally {
      remove();
    }
  });
});
