// `npm test`'s package check: vsce builds the .vsix, and the .vsix carries the bundles, the icon
// and the documents, nothing else. The README's relative links and images (the screens in
// docs/images/, which stay out of the .vsix) are for the repository's view: vsce would rewrite them
// to the repository's URLs, which the extension does not name yet, so it is told not to, and this
// check makes sure each one names a file that exists instead. It runs on its own because vsce
// rebuilds dist/ first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from './paths';

/**
 * What the .vsix must hold: the bundles, one webview bundle per src/<feature>/webview/main.ts (as
 * esbuild.config.mjs names them; a stylesheet the bundle imports comes out next to it), everything
 * in media/, the translations, and the documents.
 */
function expectedFiles(): string[] {
  const webviews = fs.globSync('src/*/webview/main.ts', { cwd: root }).flatMap((file) => {
    const bundle = `dist/webview/${file.split(path.sep)[1]}`;
    return [`${bundle}.js`, ...(fs.existsSync(path.join(root, `${bundle}.css`)) ? [`${bundle}.css`] : [])];
  });
  const media = fs.readdirSync(path.join(root, 'media'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  // The translations: package.nls*.json for the manifest, l10n/ for the runtime strings.
  const translations = [
    ...fs.readdirSync(root).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name)),
    ...fs.readdirSync(path.join(root, 'l10n')).map((name) => `l10n/${name}`),
  ];
  return [
    ...translations, 'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', 'dist/okta.js', 'dist/oktaDeferred.js', 'dist/profileXml.js', 'dist/salesforce.js',
    ...webviews, 'docs/diagnostics.md', ...media, 'package.json',
  ].sort();
}

const vsce = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), ...args], { cwd: root, encoding: 'utf8' });

/** Relative links and images of the README (`](path)`) whose file is missing. */
function brokenReadmeLinks(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z][a-z0-9+.-]*:|^#/i.test(target));
  return targets.filter((target) => !fs.existsSync(path.join(root, decodeURI(target.split('#')[0]))));
}

function main(): number {
  const broken = brokenReadmeLinks();
  if (broken.length) {
    console.error(`README.md links to files that do not exist: ${broken.join(', ')}`);
    return 1;
  }
  const listed = vsce(['ls', '--no-dependencies']);
  const files = listed.stdout.trim().split('\n').sort();
  // From the sources, not from dist/: a webview whose bundle is missing fails the check.
  const expected = expectedFiles();
  if (listed.status !== 0 || JSON.stringify(files) !== JSON.stringify(expected)) {
    console.error(`vsce ls: expected ${expected.join(', ')}\ngot ${files.join(', ')}\n${listed.stderr}`);
    return 1;
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-sf-vsix-'));
  try {
    const out = path.join(folder, 'extension.vsix');
    const packed = vsce(['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--no-update-package-json', '--out', out]);
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
