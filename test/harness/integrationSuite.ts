// What both integration runners (runElectron, runIntegration) hand to the suite.
import * as path from 'node:path';
import { outDir } from './paths';
import { summaryFile } from './results';

export const integrationSuite = 'integration';
export const integrationTestsPath = path.join(outDir, 'integration/index.js');

/** Variables the suite reads inside the extension host. */
export function integrationEnvironment(): Record<string, string> {
  const env: Record<string, string> = { OKTA_SF_RESULTS_FILE: summaryFile(integrationSuite) };
  if (process.env.OKTA_SF_GREP) env.OKTA_SF_GREP = process.env.OKTA_SF_GREP;
  return env;
}
