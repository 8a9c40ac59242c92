// The committed runtime bundle, l10n/bundle.l10n.json, is exactly what VS Code's l10n tooling exports from src/:
// a string passed to l10n.t that the bundle lacks cannot be translated, and a bundle entry no code uses is dead
// weight for translators. The test runs the same export as `npm run l10n` into a temporary folder and compares.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root } from '../harness/paths';

type Bundle = Record<string, string | { message: string; comment: string[] }>;

function readBundle(file: string): Bundle {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Bundle;
}

describe('l10n/bundle.l10n.json', () => {
  let folder: string;
  let exported: Bundle;
  const committed = readBundle(path.join(root, 'l10n/bundle.l10n.json'));

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-l10n-'));
    const cli = path.join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js');
    const run = spawnSync(process.execPath, [cli, 'export', '--outDir', folder, path.join(root, 'src')], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, `vscode-l10n-dev export failed:\n${run.stdout}${run.stderr}`);
    exported = readBundle(path.join(folder, 'bundle.l10n.json'));
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('has an entry for every string the sources pass to l10n.t', () => {
    const missing = Object.keys(exported).filter((key) => !(key in committed));
    assert.deepEqual(missing, [], 'these strings are not in l10n/bundle.l10n.json: run npm run l10n');
  });

  it('has no entry the sources no longer use', () => {
    const stale = Object.keys(committed).filter((key) => !(key in exported));
    assert.deepEqual(stale, [], 'these entries of l10n/bundle.l10n.json are used nowhere: run npm run l10n');
  });

  it('holds the texts and translator comments the sources give', () => {
    const changed = Object.keys(exported).filter((key) => key in committed && JSON.stringify(committed[key]) !== JSON.stringify(exported[key]));
    assert.deepEqual(changed, [], 'these entries differ from the sources: run npm run l10n');
  });

  it('is the real export: it holds strings the extension shows', () => {
    assert.ok(Object.keys(exported).length > 100, `${Object.keys(exported).length} strings exported`);
    assert.ok('Sign In to Salesforce' in exported);
  });
});
