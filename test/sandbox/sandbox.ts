// Both sandbox orgs together, with their connection values written to .sandbox/connection.json
// for the tools that read them (npm start, the UI tests, and later the connect flows). The file
// names the process that serves the orgs (`pid`: once it is gone, the file is stale) and goes when
// that process exits, crashes included. Only a killed process leaves one behind; the next sandbox
// replaces it, but never the file of a sandbox that still runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../harness/paths';
import { type OktaSandbox, type ServiceAppCredentials, startOktaSandbox } from './okta/oktaServer';
import { type SalesforceSandbox, startSalesforceSandbox } from './salesforce/salesforceServer';

export interface SandboxConnection {
  /** The process serving both orgs: the file is stale once it is gone. */
  pid: number;
  okta: { orgUrl: string; apiToken: string; serviceApp: ServiceAppCredentials };
  salesforce: {
    /**
     * The generic login host (as login.salesforce.com): the web-server flow signs in there and lands
     * on `instanceUrl`; the client-credentials grant is refused there, as Salesforce does.
     */
    loginUrl: string;
    consumerKey: string;
    consumerSecret: string;
    callbackUrls: string[];
    integrationUsername: string;
    integrationPassword: string;
    /** The org's My Domain: the REST API, and the login URL for client credentials. */
    instanceUrl: string;
    /** A session for the integration user issued at start, for signing in with an access token. */
    accessToken: string;
  };
}

export const defaultConnectionFile = path.join(root, '.sandbox/connection.json');

export interface SandboxOptions {
  /** `appCount`, `hostileApp` and `logEvents`: as startOktaSandbox takes them (oktaServer.ts). */
  okta?: { port?: number; appCount?: number; hostileApp?: boolean; logEvents?: number };
  /** `callbackUrls`: more callback URLs for the connected app, e.g. a test's own loopback port. */
  salesforce?: { port?: number; loginPort?: number; callbackUrls?: string[] };
  /** Where the orgs log each request; the default is the console. */
  log?: (line: string) => void;
  /** The benchmark org: 5,000 Okta apps (10,000 more System Log provisioning errors), 1,000 profiles, 200 permission sets. */
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

/** Whether a process with this id runs (one that is not ours to signal counts: it runs). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Refuses a connection file whose sandbox still serves: its process runs and its Salesforce org
 * answers (a process id alone may have been reused). A file left by a sandbox that is gone is
 * replaced, and said so.
 */
async function claim(connectionFile: string, log: (line: string) => void): Promise<void> {
  let previous: Partial<SandboxConnection>;
  try {
    previous = JSON.parse(fs.readFileSync(connectionFile, 'utf8')) as Partial<SandboxConnection>;
  } catch {
    return;
  }
  const { pid, salesforce } = previous;
  if (typeof pid === 'number' && pid !== process.pid && processRuns(pid) && salesforce?.loginUrl) {
    const serves = await fetch(`${salesforce.loginUrl}/services/data`, { signal: AbortSignal.timeout(2000) }).then((response) => response.ok, () => false);
    if (serves) {
      throw new Error(`${connectionFile} belongs to a sandbox that is still running (process ${pid}): stop it, or give this one another file (SANDBOX_CONNECTION_FILE).`);
    }
  }
  log(`Replacing ${connectionFile}, left by a sandbox that is no longer running${typeof pid === 'number' ? ` (process ${pid})` : ''}.`);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const started = performance.now();
  const large = options.large ?? false;
  const connectionFile = options.connectionFile ?? defaultConnectionFile;
  await claim(connectionFile, options.log ?? ((line) => console.error(line)));
  // The Salesforce org first: Okta's PRODUCTION Salesforce.com instance signs in at its My Domain, so
  // that the Configure API Integration form proposes the local org as its login host.
  const salesforce = await startSalesforceSandbox({
    port: options.salesforce?.port, loginPort: options.salesforce?.loginPort, log: options.log, ...(large ? { profileCount: 1000, permissionSetCount: 200 } : {}),
  });
  let okta: OktaSandbox;
  try {
    okta = await startOktaSandbox({ ...options.okta, log: options.log, ...(large ? { appCount: 5000, logEvents: 10_000 } : {}), salesforceLoginUrls: { production: salesforce.url } });
  } catch (error) {
    // No half-started sandbox keeps running.
    await salesforce.close();
    throw error;
  }
  return running(okta, salesforce, options, connectionFile, performance.now() - started);
}

function running(okta: OktaSandbox, salesforce: SalesforceSandbox, options: SandboxOptions, connectionFile: string, startMs: number): RunningSandbox {
  const app = salesforce.connectedApp;
  app.callbackUrls.push(...options.salesforce?.callbackUrls ?? []);
  const connection: SandboxConnection = {
    pid: process.pid,
    okta: { orgUrl: okta.url, apiToken: okta.apiToken, serviceApp: okta.serviceApp },
    salesforce: {
      loginUrl: salesforce.loginUrl, consumerKey: app.consumerKey, consumerSecret: app.consumerSecret, callbackUrls: app.callbackUrls,
      integrationUsername: salesforce.integrationUsername, integrationPassword: salesforce.integrationPassword,
      instanceUrl: salesforce.url, accessToken: salesforce.accessToken,
    },
  };
  fs.mkdirSync(path.dirname(connectionFile), { recursive: true });
  fs.writeFileSync(connectionFile, JSON.stringify(connection, null, 2), { mode: 0o600 });
  // 'exit' comes on process.exit() and after an uncaught exception or rejection alike.
  const removeFile = () => fs.rmSync(connectionFile, { force: true });
  process.on('exit', removeFile);
  const counts = `${salesforce.seed.data.records('Profile').length} profiles, ${salesforce.seed.data.records('PermissionSet').length} permission sets`;
  return {
    connection,
    startMs,
    describe: () => `Sandbox orgs (loopback only, fake credentials), started in ${startMs.toFixed(0)} ms:
  Okta        org URL          ${okta.url}
              API token        ${okta.apiToken}
              service app      ${okta.serviceApp.clientId} (its private key is in the file below)
  Salesforce  My Domain URL    ${salesforce.url}   (${counts}; REST API, and the login URL for client credentials)
              login URL        ${salesforce.loginUrl}   (as login.salesforce.com: browser sign-in only)
              consumer key     ${app.consumerKey}
              consumer secret  ${app.consumerSecret}
              callback URLs    ${app.callbackUrls.join(', ')}
              integration user ${salesforce.integrationUsername} / ${salesforce.integrationPassword}
              access token     ${salesforce.accessToken}
  (all in ${path.relative(process.cwd(), connectionFile)})`,
    async close() {
      await Promise.all([okta.close(), salesforce.close()]);
      process.off('exit', removeFile);
      removeFile();
    },
  };
}
