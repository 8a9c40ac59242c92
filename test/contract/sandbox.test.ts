// `npm run sandbox`'s contract with the tools that read .sandbox/connection.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { startSandbox } from '../sandbox/sandbox';

describe('the sandbox pair', () => {
  it('writes every connection value to the file, private to its owner, and removes it on close', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-sandbox-')), 'connection.json');
    const sandbox = await startSandbox({ connectionFile: file });
    try {
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { okta: Record<string, Record<string, unknown>>; salesforce: Record<string, unknown> };
      assert.deepEqual(written, sandbox.connection);
      assert.deepEqual(Object.keys(written.okta).sort(), ['apiToken', 'orgUrl', 'serviceApp']);
      assert.deepEqual(Object.keys(written.okta.serviceApp).sort(), ['clientId', 'privateKeyPem', 'scopes']);
      for (const key of ['loginUrl', 'consumerKey', 'consumerSecret', 'callbackUrls', 'integrationUsername', 'integrationPassword']) {
        assert.ok(written.salesforce[key], `salesforce.${key} is missing`);
      }
      assert.equal(fs.statSync(file).mode & 0o077, 0);
      assert.ok((await fetch(`${written.salesforce.loginUrl}/services/data/`)).ok);
      assert.doesNotMatch(sandbox.describe(), /PRIVATE KEY/);
    } finally {
      await sandbox.close();
    }
    assert.equal(fs.existsSync(file), false);
  });
});
