// `npm test`'s package check: vsce builds the .vsix (it refuses, for example, relative links in
// the README of an extension without a repository), and the .vsix carries the bundles, the icon
// and the documents, nothing else. It runs on its own because vsce rebuilds dist/ first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from './paths';

const expected = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', 'dist/okta.js', 'dist/oktaDeferred.js', 'dist/profileXml.js', 'dist/salesforce.js',
  'docs/diagnostics.md', 'media/oktaSf.svg', 'package.json',
];

const vsce = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), ...args], { cwd: root, encoding: 'utf8' });

function main(): number {
  const listed = vsce(['ls', '--no-dependencies']);
  const files = listed.stdout.trim().split('\n').sort();
  if (listed.status !== 0 || JSON.stringify(files) !== JSON.stringify(expected)) {
    console.error(`vsce ls: expected ${expected.join(', ')}\ngot ${files.join(', ')}\n${listed.stderr}`);
    return 1;
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-vsix-'));
  try {
    const out = path.join(folder, 'extension.vsix');
    const packed = vsce(['package', '--no-dependencies', '--allow-missing-repository', '--no-update-package-json', '--out', out]);
    if (packed.status !== 0) {
      console.error(`vsce package failed:\n${packed.stdout}${packed.stderr}`);
      return 1;
    }
    console.log(`vsce package: ${files.length} files, ${fs.statSync(out).size} bytes`);
    return 0;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

process.exitCode = main();
