// Both sandbox orgs together, with their connection values written to .sandbox/connection.json
// for the tools that read them (npm start, and the connect flows' suggestions).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../harness/paths';
import { startOktaSandbox } from './okta/oktaServer';
import { startSalesforceSandbox } from './salesforce/salesforceServer';

export interface SandboxConnection {
  okta: { orgUrl: string; apiToken: string };
  salesforce: { instanceUrl: string; accessToken: string };
}

export const connectionFile = path.join(root, '.sandbox/connection.json');

export interface RunningSandbox {
  connection: SandboxConnection;
  describe(): string;
  close(): Promise<void>;
}

export async function startSandbox(ports: { okta?: number; salesforce?: number } = {}): Promise<RunningSandbox> {
  const okta = await startOktaSandbox({ port: ports.okta });
  const salesforce = await startSalesforceSandbox({ port: ports.salesforce });
  const connection: SandboxConnection = {
    okta: { orgUrl: okta.url, apiToken: okta.apiToken },
    salesforce: { instanceUrl: salesforce.url, accessToken: salesforce.accessToken },
  };
  fs.mkdirSync(path.dirname(connectionFile), { recursive: true });
  fs.writeFileSync(connectionFile, JSON.stringify(connection, null, 2), { mode: 0o600 });
  return {
    connection,
    describe: () => `Sandbox orgs (loopback only, fake credentials):
  Okta        org URL       ${okta.url}
              API token     ${okta.apiToken}
  Salesforce  instance URL  ${salesforce.url}
              access token  ${salesforce.accessToken}
  (also in ${path.relative(process.cwd(), connectionFile)})`,
    async close() {
      await Promise.all([okta.close(), salesforce.close()]);
      fs.rmSync(connectionFile, { force: true });
    },
  };
}
