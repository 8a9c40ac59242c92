// The manifest's workspace trust and virtual workspace declarations (package.json "capabilities"):
// what VS Code reads to decide what runs in Restricted Mode and on a virtual file system.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { root } from '../harness/paths';

interface Capability {
  supported: boolean | 'limited';
  description?: string;
  restrictedConfigurations?: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: Capability; virtualWorkspaces?: Capability };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

describe('manifest capabilities', () => {
  it('runs limited in untrusted workspaces, and says what is limited', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(untrusted.description?.trim(), 'VS Code shows the description in the Extensions view; "limited" requires one');
  });

  it('restricts only settings it contributes, the callback port among them', () => {
    const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    const contributed = Object.keys(manifest.contributes.configuration.properties);
    for (const setting of restricted) assert.ok(contributed.includes(setting), `${setting} is not a contributed setting`);
    // Where Salesforce delivers the sign-in's authorization code: a folder must not choose it.
    assert.ok(restricted.includes('oktaSf.salesforce.callbackPort'));
  });

  it('runs limited on virtual file systems, and says what is limited', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.equal(virtual?.supported, 'limited');
    assert.ok(virtual.description?.trim());
  });
});
