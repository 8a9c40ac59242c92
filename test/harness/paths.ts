// Where the harness keeps what it installs and produces, all inside the clone.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'okta-salesforce-provisioning') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No okta-salesforce-provisioning package.json above ${start}`);
  }
}

export const root = findRoot(__dirname);
export const vscodeTestDir = path.join(root, '.vscode-test');
export const resultsDir = path.join(root, 'test-results');
export const outDir = path.join(root, 'out/test');

export const CODE_SERVER_VERSION = '4.139.1';
export const codeServerDir = path.join(vscodeTestDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules/code-server/out/node/entry.js');

/** Node 24 from the npm registry: the `node` devDependency puts its binary here. */
export const node24 = path.join(root, 'node_modules/node/bin/node');
