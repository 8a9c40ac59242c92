// `npm run bench`: the Configure API Integration webview's bundle. AFTER is dist/webview/apiIntegration.js
// as `npm run bench` builds it (production: minified, each element imported one by one); BEFORE is the
// same page built against the whole of @vscode-elements/elements (its index, every element), which is
// what importing the package by name would ship. Sizes minified and gzipped (what crosses into the
// webview is the minified file; gzip says how much is code rather than names). Goal: under 150 KB minified.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../harness/paths';

const goalKb = 150;
const entry = path.join(root, 'src/apiIntegration/webview/main.ts');
const after = path.join(root, 'dist/webview/apiIntegration.js');

async function buildBefore(): Promise<Uint8Array> {
  const result = await esbuild.build({
    stdin: { contents: `import '@vscode-elements/elements';\nimport ${JSON.stringify(entry)};\n`, resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, write: false, logLevel: 'silent',
    // Not written: an output folder only so that the page's CSS import has somewhere to go.
    outdir: path.join(root, 'out/bench-webview'),
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!script) throw new Error('the BEFORE build made no script');
  return script.contents;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!fs.existsSync(after)) throw new Error(`${after} is missing: run npm run bench (it builds the production bundles first)`);
  const afterBytes = fs.readFileSync(after);
  const beforeBytes = await buildBefore();
  const rows = [
    ['BEFORE (the whole element library)', beforeBytes.length, gzipSync(beforeBytes).length],
    ['AFTER (elements imported one by one)', afterBytes.length, gzipSync(afterBytes).length],
  ] as const;
  console.log('Configure API Integration webview bundle');
  for (const [name, size, gzipped] of rows) console.log(`  ${name.padEnd(40)} ${kb(size).padStart(9)} minified, ${kb(gzipped).padStart(8)} gzipped`);
  console.log(`  AFTER is ${(beforeBytes.length / afterBytes.length).toFixed(2)}× smaller than BEFORE; goal under ${goalKb} KB minified: ${afterBytes.length < goalKb * 1024 ? 'met' : 'NOT met'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
