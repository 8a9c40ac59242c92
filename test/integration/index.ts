// The extensionTestsPath module: VS Code calls run() inside its extension host. The same suite
// runs under @vscode/test-electron (desktop VS Code) and under code-server (test/harness).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Spec output, plus a {passed, failed} summary file that `npm test` adds up. */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.OKTA_SF_RESULTS_FILE;
      if (!file) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures }));
    });
  }
}

export function run(): Promise<void> {
  return runSuiteIn(__dirname);
}

/** Runs the *.test.js files of one folder (not its subfolders: the trust suite there needs a session of its own). */
export function runSuiteIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: SummaryReporter });
  const grep = process.env.OKTA_SF_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(folder, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
