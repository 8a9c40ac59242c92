// The extensionTestsPath of the workspace trust session (test/harness/runIntegration.ts): a VS Code
// with trust on, its folder untrusted.
import { runSuiteIn } from '../index';

export const run = () => runSuiteIn(__dirname);
