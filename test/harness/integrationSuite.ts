// What both integration runners (runElectron, runIntegration) hand to the suites: the main suite,
// and the workspace trust suite, which needs a VS Code of its own with trust turned on.
import * as path from 'node:path';
import { outDir } from './paths';
import { summaryFile } from './results';

export const integrationSuite = 'integration';
export const integrationTestsPath = path.join(outDir, 'integration/index.js');
export const trustSuite = 'integration-trust';
export const trustTestsPath = path.join(outDir, 'integration/trust/index.js');
/**
 * The remote-callback tests for a forwarding that keeps the address (desktop VS Code, Remote-SSH on the same
 * free port): under code-server, a short session of the main suite narrowed to them (test/harness/runIntegration.ts).
 */
export const sameAddressSuite = 'integration-same-address';
export const sameAddressTests = 'Remote callback, forwarded to the same address';

/** Variables the suite reads inside the extension host. */
export function integrationEnvironment(suite = integrationSuite): Record<string, string> {
  const env: Record<string, string> = { OKTA_SF_RESULTS_FILE: summaryFile(suite) };
  if (process.env.OKTA_SF_GREP) env.OKTA_SF_GREP = process.env.OKTA_SF_GREP;
  return env;
}
