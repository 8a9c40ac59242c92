// Builds the extension into dist/ and the tests into out/.
//   node esbuild.config.mjs               development build (source maps, not minified)
//   node esbuild.config.mjs --production  minified, no source maps (what the .vsix ships)
//   node esbuild.config.mjs --watch       rebuilds on change
//   node esbuild.config.mjs --tests       also builds test/unit and test/integration into out/
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { oktaBundles, oktaSdkWhole } from './build/oktaSdkParts.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Code that must never be in the bundle VS Code loads at activation: the SDKs and the profile XML scanner. */
const lazyOnly = ['node_modules/jsforce/', 'node_modules/@okta/okta-sdk-nodejs/', 'src/domain/profileXml/'];

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: true,
  // node-fetch 2 (the Okta SDK's) loads Node's deprecated punycode module, which prints DEP0040 on
  // stderr; the npm package of the same name is the same code without the warning.
  alias: { punycode: 'punycode/' },
};

const builds = [
  // The activation bundle: views and commands, nothing heavy.
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [refuse(lazyOnly, 'load it with lazyBundle instead')] },
  // The SDK adapters, each loaded on first use (src/common/lazyBundle.ts). Of the Okta SDK, only the
  // parts used, and those needed late in dist/oktaDeferred.js (build/oktaSdkParts.mjs).
  ...oktaBundles(
    { ...node, plugins: [refuse(oktaSdkWhole, "import the SDK's parts by path, as src/okta/api/oktaClient.ts does")] },
    { entry: 'src/okta/api/oktaApi.ts', outdir: 'dist', root: process.cwd() },
  ),
  { ...node, entryPoints: { salesforce: 'src/salesforce/api/salesforceApi.ts' }, outdir: 'dist' },
  // The profile XML scanner, loaded when the first profile or permission set file is checked.
  { ...node, entryPoints: { profileXml: 'src/domain/profileXml/profileXmlApi.ts' }, outdir: 'dist' },
  // The okta-sf command line (package.json "bin"); not part of the .vsix.
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [executable('dist/cli.js')] },
];

// Webview scripts run in the browser; each src/<feature>/webview/main.ts becomes dist/webview/<feature>.js (and
// .css), in a folder of their own: a webview may load from there and nowhere else (localResourceRoots).
const webviews = Object.fromEntries(
  fs.globSync('src/*/webview/main.ts').map((file) => [file.split(path.sep)[1], file]),
);
if (Object.keys(webviews).length) {
  builds.push({
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: webviews, outdir: 'dist/webview',
    sourcemap: !production, minify: production, logLevel: 'warning',
  });
}

if (tests) {
  const testBuild = { ...node, sourcemap: 'inline', minify: false, metafile: false, outbase: 'test', outdir: 'out/test' };
  builds.push(
    // Unit, contract and UI tests and the sandbox run in plain Node: vscode is not there.
    {
      ...testBuild, external: [], packages: 'external',
      entryPoints: ['unit', 'contract', 'ui'].flatMap((suite) => fs.globSync(`test/${suite}/**/*.test.ts`))
        .concat(fs.globSync('test/bench/**/*.bench.ts'))
        .concat('test/sandbox/main.ts', 'test/sandbox/sfCli/fakeSf.ts', ...['runAll', 'runIntegration', 'runElectron', 'sandboxBrowser', 'checkPackage', 'listingScreenshot', 'start'].map((f) => `test/harness/${f}.ts`)),
    },
    { ...testBuild, entryPoints: fs.globSync('test/integration/**/*.ts'), packages: 'external' },
  );
}

/** npm links "bin" to the file and a shell runs it directly: esbuild writes it without the x bits, on every rebuild too. */
function executable(file) {
  return {
    name: 'executable',
    setup(build) {
      build.onEnd((result) => {
        if (!result.errors.length) fs.chmodSync(file, 0o755);
      });
    },
  };
}

/** Fails the build if a module under one of these paths ends up in the bundle. */
function refuse(paths, instead) {
  return {
    name: 'refuse-inputs',
    setup(build) {
      // Returned, not pushed onto result.errors: esbuild (0.28) fails the build only on returned errors.
      build.onEnd((result) => {
        const found = Object.keys(result.metafile?.inputs ?? {}).filter((input) => paths.some((p) => input.includes(p)));
        if (!found.length) return undefined;
        return { errors: [{ text: `dist/${Object.keys(build.initialOptions.entryPoints)[0]}.js must not include ${found[0]} (${instead}).` }] };
      });
    },
  };
}

fs.rmSync('dist', { recursive: true, force: true });
if (tests) fs.rmSync('out', { recursive: true, force: true });

if (watch) {
  // The lines the "npm: watch" task's problem matcher waits for (.vscode/tasks.json).
  const announce = {
    name: 'announce',
    setup(build) {
      build.onStart(() => console.log('esbuild: rebuilding…'));
      build.onEnd((result) => console.log(`esbuild: rebuilt with ${result.errors.length} error(s)`));
    },
  };
  for (const options of builds) await (await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), announce] })).watch();
  console.log('esbuild: watching for changes…');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  const sizes = results
    .flatMap((r) => Object.entries(r.metafile?.outputs ?? {}))
    .filter(([file]) => file.startsWith('dist/') && file.endsWith('.js'))
    .map(([file, out]) => `${file} ${(out.bytes / 1024).toFixed(0)} KB`);
  console.log(`esbuild: built in ${Date.now() - started} ms${production ? ' (production)' : ''}: ${sizes.join(', ')}`);
}
