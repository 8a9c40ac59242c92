// Each suite leaves {passed, failed} in test-results/<suite>.summary.json; `npm test` adds them up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resultsDir } from './paths';

export interface Summary {
  passed: number;
  failed: number;
}

export const summaryFile = (suite: string) => path.join(resultsDir, `${suite}.summary.json`);

export function clearSummary(suite: string): void {
  fs.rmSync(summaryFile(suite), { force: true });
}

export function writeSummary(suite: string, summary: Summary): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(summaryFile(suite), JSON.stringify(summary));
}

/** A suite that crashed before writing its summary counts as one failure. */
export function readSummary(suite: string): Summary & { crashed?: true } {
  try {
    const { passed, failed } = JSON.parse(fs.readFileSync(summaryFile(suite), 'utf8')) as Summary;
    return { passed, failed };
  } catch {
    return { passed: 0, failed: 1, crashed: true };
  }
}
