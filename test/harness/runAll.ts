// `npm test`: type check, lint, then every suite (unit, contract, integration in a real VS Code,
// UI in a real browser), ending with one line "N passed, N failed" that sums them all.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outDir, resultsDir, root } from './paths';
import { readSummary, type Summary, summaryFile, writeSummary } from './results';
import { integrationSuite, sameAddressSuite, trustSuite } from './integrationSuite';

type Runner = 'electron' | 'code-server';

/** Env for child processes: loopback calls must never go through a proxy (the Okta SDK would). */
const childEnv = { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: childEnv, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** A check (type check, lint) counts as one test, passed when each of its commands passes. */
async function check(name: string, script: string, ...argLists: string[][]): Promise<Summary> {
  let code = 0;
  for (const args of argLists) code ||= await run(process.execPath, [path.join(root, script), ...args]);
  const summary = { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  writeSummary(name, summary);
  return summary;
}

async function nodeSuite(suite: string, options: string[] = []): Promise<Summary> {
  // The reporter writes the summary there and does not make the folder (npm run test:unit on a fresh clone).
  fs.mkdirSync(resultsDir, { recursive: true });
  await run(process.execPath, [
    '--test', ...options,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'test/harness/summaryReporter.mjs')}`, `--test-reporter-destination=${summaryFile(suite)}`,
    path.join(outDir, suite, '**/*.test.js'),
  ]);
  return readSummary(suite);
}

async function chooseRunner(): Promise<Runner> {
  const forced = process.env.OKTA_SF_VSCODE_RUNNER;
  if (forced === 'electron' || forced === 'code-server') return forced;
  // Desktop VS Code needs a display and its download servers; without either, code-server.
  if (process.platform === 'linux' && !process.env.DISPLAY) return 'code-server';
  const reachable = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) })
    .then((res) => res.ok, () => false);
  return reachable ? 'electron' : 'code-server';
}

async function integration(): Promise<Summary> {
  const runner = await chooseRunner();
  console.log(`\n== integration (in a real VS Code extension host, runner: ${runner}) ==`);
  await run(process.execPath, [path.join(outDir, 'harness', runner === 'electron' ? 'runElectron.js' : 'runIntegration.js')]);
  const main = readSummary(integrationSuite);
  // The workspace trust suite clicks in the browser's workbench, which only the code-server runner drives; under
  // desktop VS Code the main session is itself the same-address case.
  if (runner === 'electron') return main;
  const sessions = [main, readSummary(trustSuite), readSummary(sameAddressSuite)];
  return { passed: sessions.reduce((sum, s) => sum + s.passed, 0), failed: sessions.reduce((sum, s) => sum + s.failed, 0) };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const suites: Array<[string, () => Promise<Summary>]> = [
    // The extension and the tests, then the webviews' browser code (tsconfig.webview.json).
    ['typecheck', () => check('typecheck', 'node_modules/typescript/bin/tsc', ['-p', '.'], ['-p', 'tsconfig.webview.json'])],
    ['lint', () => check('lint', 'node_modules/eslint/bin/eslint.js', ['.'])],
    ['package', () => check('package', 'out/test/harness/checkPackage.js', [])],
    ['unit', () => nodeSuite('unit')],
    ['contract', () => nodeSuite('contract')],
    ['integration', integration],
    // Each UI test file starts its own code-server: one at a time.
    ['ui', () => nodeSuite('ui', ['--test-concurrency=1'])],
  ];
  const totals = { passed: 0, failed: 0 };
  const lines: string[] = [];
  for (const [name, runSuite] of suites) {
    if (only.length && !only.includes(name)) continue;
    if (name !== 'integration') console.log(`\n== ${name} ==`);
    const started = Date.now();
    const summary = await runSuite().catch((error: unknown): Summary => {
      console.error(error);
      return { passed: 0, failed: 1 };
    });
    totals.passed += summary.passed;
    totals.failed += summary.failed;
    lines.push(`${name.padEnd(12)} ${String(summary.passed).padStart(4)} passed ${String(summary.failed).padStart(3)} failed  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\n${lines.join('\n')}\n${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed ? 1 : 0);
}

void main();
