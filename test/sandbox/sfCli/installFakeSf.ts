// Puts the fake Salesforce CLI (fakeSf.ts, bundled to out/test/sandbox/sfCli/fakeSf.js) on a
// PATH as `sf`, with its orgs in a state file next to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outDir } from '../../harness/paths';

export interface FakeSfOrg {
  username: string;
  alias?: string;
  /** The CLI's target-org. */
  isDefault?: boolean;
  kind?: 'production' | 'sandbox' | 'devHub' | 'scratch';
  /** Its refresh token was revoked or expired: the CLI can no longer renew the session. */
  expired?: boolean;
}

export interface FakeSfState {
  /** The sandbox org and its connected app (SandboxConnection['salesforce'] has these). */
  salesforce: { loginUrl: string; consumerKey: string; consumerSecret: string };
  orgs: FakeSfOrg[];
  /** Hide access tokens from `org list` and `org display`, as sf has since May 2026 (the default); false acts like older CLIs. */
  redactsSecrets?: boolean;
  /** Write error JSON to stderr, as sfdx did before v45. */
  errorsToStderr?: boolean;
  /** Answer every command with this text instead of JSON, like a CLI whose plugin crashed. */
  garbled?: string;
  /** Never answer. */
  hangs?: boolean;
}

export const fakeSfScript = path.join(outDir, 'sandbox/sfCli/fakeSf.js');

/**
 * Writes `sf` (and `sf.cmd` on Windows) into binDir and the state beside it. Merge `env` into the
 * environment the code under test passes to the CLI; rewrite `stateFile` to change the orgs.
 */
export function installFakeSf(binDir: string, state: FakeSfState): { env: Record<string, string>; stateFile: string } {
  if (!fs.existsSync(fakeSfScript)) throw new Error(`${fakeSfScript} is missing: build the tests first (node esbuild.config.mjs --tests).`);
  fs.mkdirSync(binDir, { recursive: true });
  const stateFile = path.join(binDir, 'sf-state.json');
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  if (process.platform === 'win32') {
    fs.writeFileSync(path.join(binDir, 'sf.cmd'), `@"${process.execPath}" "${fakeSfScript}" %*\r\n`);
  } else {
    const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
    fs.writeFileSync(path.join(binDir, 'sf'), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(fakeSfScript)} "$@"\n`, { mode: 0o755 });
  }
  return {
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, SANDBOX_SF_STATE: stateFile },
    stateFile,
  };
}
