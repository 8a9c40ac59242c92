// `npm test`'s package check: vsce builds the .vsix exactly as `npm run package` does, and the .vsix
// carries the bundles, the icon and the documents, nothing else, with what the Marketplace listing
// needs: the listing fields, a 128×128 PNG icon, at most 10 tags, and README images as absolute URLs (vsce rewrites
// the README's relative links to the repository's, from the package script's --baseContentUrl and
// --baseImagesUrl; the screens in docs/images/ stay out of the .vsix). Each relative README link
// must name a file in the repository, and the CHANGELOG must keep Keep a Changelog's structure.
// It runs on its own because vsce rebuilds dist/ first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changelogProblems, iconProblems, manifestProblems, readZip, relativeImageProblems, tagProblems, vscePackageArgs } from './listingChecks';
import { root } from './paths';

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * The localization files the manifest needs: package.nls.json when it names %keys%, and the runtime
 * bundles in the folder its "l10n" names.
 */
function localizationFiles(): string[] {
  const nls = /"%[^"%\s]+%"/.test(JSON.stringify(manifest)) ? ['package.nls.json'] : [];
  const folder = typeof manifest.l10n === 'string' ? manifest.l10n.replace(/^\.\//, '').replace(/\/$/, '') : undefined;
  const bundles = folder ? fs.globSync(`${folder}/bundle.l10n*.json`, { cwd: root }) : [];
  // The English bundle must be there; any translations next to it ship too.
  return [...nls, ...(folder ? [`${folder}/bundle.l10n.json`] : []), ...bundles];
}

/**
 * What the .vsix must hold: the bundles, one webview bundle per src/<feature>/webview/main.ts (as
 * esbuild.config.mjs names them; a stylesheet the bundle imports comes out next to it), everything
 * in media/ (the icon among it), the localization files, and the documents.
 */
function expectedFiles(): string[] {
  const webviews = fs.globSync('src/*/webview/main.ts', { cwd: root }).flatMap((file) => {
    const bundle = `dist/webview/${file.split(path.sep)[1]}`;
    return [`${bundle}.js`, ...(fs.existsSync(path.join(root, `${bundle}.css`)) ? [`${bundle}.css`] : [])];
  });
  const media = fs.readdirSync(path.join(root, 'media'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  return [...new Set([
    'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', 'dist/okta.js', 'dist/oktaDeferred.js', 'dist/profileXml.js', 'dist/salesforce.js',
    ...webviews, 'docs/diagnostics.md', ...media, ...localizationFiles(), 'package.json',
  ])].sort();
}

const vsce = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), ...args], { cwd: root, encoding: 'utf8' });

/** Relative links and images of the README (`](path)`) whose file is missing. */
function brokenReadmeLinks(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z][a-z0-9+.-]*:|^#/i.test(target));
  return targets.filter((target) => !fs.existsSync(path.join(root, decodeURI(target.split('#')[0]))))
    .map((target) => `README.md links to ${target}, which does not exist`);
}

/** What the packaged extension shows on the Marketplace: its manifest, icon and README. */
function vsixProblems(vsix: Buffer): string[] {
  const entries = readZip(vsix);
  const file = (name: string) => [...entries].find(([entry]) => entry.toLowerCase() === `extension/${name}`.toLowerCase())?.[1];
  const packaged = JSON.parse(file('package.json')?.toString('utf8') ?? '{}');
  const problems = manifestProblems(packaged);
  if (typeof packaged.icon === 'string') problems.push(...iconProblems(file(packaged.icon), packaged.icon));
  problems.push(...relativeImageProblems(file('readme.md')?.toString('utf8') ?? ''));
  problems.push(...tagProblems(entries.get('extension.vsixmanifest')?.toString('utf8') ?? ''));
  problems.push(...[...entries.keys()].filter((entry) => entry.startsWith('extension/docs/images/')).map((entry) => `${entry} is in the .vsix`));
  return problems;
}

function main(): number {
  const early = [...brokenReadmeLinks(), ...changelogProblems(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'))];
  if (early.length) {
    console.error(early.join('\n'));
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
    const packed = vsce(['package', ...vscePackageArgs(String(manifest.scripts.package)), '--no-update-package-json', '--out', out]);
    if (packed.status !== 0) {
      console.error(`vsce package failed:\n${packed.stdout}${packed.stderr}`);
      return 1;
    }
    const problems = vsixProblems(fs.readFileSync(out));
    if (problems.length) {
      console.error(`the .vsix is not ready for the Marketplace:\n${problems.join('\n')}`);
      return 1;
    }
    console.log(`vsce package: ${files.length} files, ${fs.statSync(out).size} bytes`);
    return 0;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

process.exitCode = main();
