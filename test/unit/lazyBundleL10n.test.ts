// Each lazy bundle carries its own copy of @vscode/l10n, which lazyBundle configures with VS Code's translations
// when it loads the bundle: dist/profileXml.js built as esbuild.config.mjs builds it, loaded through lazyBundle
// before and after the extension passes translations in. Without them (the okta-sf command line) it stays English.
import * as l10n from '@vscode/l10n';
import * as esbuild from 'esbuild';
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lazyBundle, localizeBundles } from '../../src/common/lazyBundle';
import type * as ProfileXmlApi from '../../src/domain/profileXml/profileXmlApi';

const root = path.resolve(__dirname, '../../..');
const english = 'A “&” that starts no entity reference. Fix: write it as &amp;.';
let dir = '';

/** A copy of dist/profileXml.js under its own name (require caches by path), as lazyBundle's argument. */
function bundleCopy(name: string): string {
  fs.copyFileSync(path.join(dir, 'profileXml.js'), path.join(dir, name));
  return path.relative(__dirname, path.join(dir, name));
}

const firstMessage = (api: typeof ProfileXmlApi) =>
  api.auditProfileXml(api.scanMetadataXml('<Profile xmlns="http://soap.sforce.com/2006/04/metadata">&</Profile>'))[0]?.message;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-l10n-'));
  await esbuild.build({
    entryPoints: { profileXml: path.join(root, 'src/domain/profileXml/profileXmlApi.ts') },
    bundle: true, platform: 'node', format: 'cjs', target: 'node22', outdir: dir, logLevel: 'silent',
  });
});

after(() => {
  l10n.config({ contents: {} });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('lazy bundles and the display language', () => {
  it('a bundle loaded before any translations are passed in speaks English', () => {
    assert.ok(firstMessage(lazyBundle<typeof ProfileXmlApi>(bundleCopy('english.js'))())?.startsWith(english));
  });

  it("a bundle loaded after localizeBundles uses VS Code's translations, in its own copy of @vscode/l10n", () => {
    localizeBundles({ [english]: 'Un « & » qui ne commence aucune référence d’entité.' });
    const api = lazyBundle<typeof ProfileXmlApi>(bundleCopy('translated.js'))();
    assert.ok(firstMessage(api)?.startsWith('Un « & » qui ne commence aucune référence d’entité.'), firstMessage(api));
    // The activation bundle's copy (here, the test's) is configured too.
    assert.equal(l10n.t(english), 'Un « & » qui ne commence aucune référence d’entité.');
  });
});
