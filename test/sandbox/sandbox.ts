// Both sandbox orgs together, with their connection values written to .sandbox/connection.json
// for the tools that read them (npm start, the UI tests, and later the connect flows).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../harness/paths';
import { type ServiceAppCredentials, startOktaSandbox } from './okta/oktaServer';
import { startSalesforceSandbox } from './salesforce/salesforceServer';

export interface SandboxConnection {
  okta: { orgUrl: string; apiToken: string; serviceApp: ServiceAppCredentials };
  salesforce: {
    loginUrl: string;
    consumerKey: string;
    consumerSecret: string;
    callbackUrls: string[];
    integrationUsername: string;
    integrationPassword: string;
    /** A session for the integration user issued at start, for signing in with an access token. */
    instanceUrl: string;
    accessToken: string;
  };
}

export const defaultConnectionFile = path.join(root, '.sandbox/connection.json');

export interface SandboxOptions {
  okta?: { port?: number };
  /** `callbackUrls`: more callback URLs for the connected app, e.g. a test's own loopback port. */
  salesforce?: { port?: number; callbackUrls?: string[] };
  /** Where the orgs log each request; the default is the console. */
  log?: (line: string) => void;
  /** The benchmark org: 5,000 Okta apps, 1,000 profiles, 200 permission sets. */
  large?: boolean;
  connectionFile?: string;
}

export interface RunningSandbox {
  connection: SandboxConnection;
  /** How long creating both orgs' data and starting them took. */
  startMs: number;
  describe(): string;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const started = performance.now();
  const large = options.large ?? false;
  const connectionFile = options.connectionFile ?? defaultConnectionFile;
  const [okta, salesforce] = await Promise.all([
    startOktaSandbox({ port: options.okta?.port, log: options.log, ...(large ? { appCount: 5000 } : {}) }),
    startSalesforceSandbox({ port: options.salesforce?.port, log: options.log, ...(large ? { profileCount: 1000, permissionSetCount: 200 } : {}) }),
  ]);
  const startMs = performance.now() - started;
  const app = salesforce.connectedApp;
  app.callbackUrls.push(...options.salesforce?.callbackUrls ?? []);
  const connection: SandboxConnection = {
    okta: { orgUrl: okta.url, apiToken: okta.apiToken, serviceApp: okta.serviceApp },
    salesforce: {
      loginUrl: salesforce.url, consumerKey: app.consumerKey, consumerSecret: app.consumerSecret, callbackUrls: app.callbackUrls,
      integrationUsername: salesforce.integrationUsername, integrationPassword: salesforce.integrationPassword,
      instanceUrl: salesforce.url, accessToken: salesforce.accessToken,
    },
  };
  fs.mkdirSync(path.dirname(connectionFile), { recursive: true });
  fs.writeFileSync(connectionFile, JSON.stringify(connection, null, 2), { mode: 0o600 });
  const counts = `${salesforce.seed.data.records('Profile').length} profiles, ${salesforce.seed.data.records('PermissionSet').length} permission sets`;
  return {
    connection,
    startMs,
    describe: () => `Sandbox orgs (loopback only, fake credentials), started in ${startMs.toFixed(0)} ms:
  Okta        org URL          ${okta.url}
              API token        ${okta.apiToken}
              service app      ${okta.serviceApp.clientId} (its private key is in the file below)
  Salesforce  login URL        ${salesforce.url}   (${counts})
              consumer key     ${app.consumerKey}
              consumer secret  ${app.consumerSecret}
              callback URLs    ${app.callbackUrls.join(', ')}
              integration user ${salesforce.integrationUsername} / ${salesforce.integrationPassword}
              access token     ${salesforce.accessToken}
  (all in ${path.relative(process.cwd(), connectionFile)})`,
    async close() {
      await Promise.all([okta.close(), salesforce.close()]);
      fs.rmSync(connectionFile, { force: true });
    },
  };
}
