// `npm run sandbox [-- --large] [-- --log-events N]`: starts the local Okta and Salesforce orgs and prints how to
// connect to them (--log-events: N more provisioning failures of the PRODUCTION Salesforce app in the
// System Log, for benchmarks). Ports come from SANDBOX_OKTA_PORT, SANDBOX_SALESFORCE_PORT (the org's My Domain)
// and SANDBOX_SALESFORCE_LOGIN_PORT (the generic login host) (default: free ones); faults from SANDBOX_OKTA_FAULTS and SANDBOX_SALESFORCE_FAULTS (see faults.ts); the
// connection file from SANDBOX_CONNECTION_FILE (default .sandbox/connection.json). Ctrl-C, SIGTERM
// and SIGHUP stop it within a few seconds, whatever is still open; a second signal at once.
import { type RunningSandbox, startSandbox } from './sandbox';

/** How long closing may take before the process exits anyway. */
const closeDeadlineMs = 3000;

let sandbox: RunningSandbox | undefined;
let stopping = false;

function stop(): void {
  // During start, or on a second signal: exit now (the connection file still goes, on 'exit').
  if (!sandbox || stopping) process.exit(1);
  stopping = true;
  setTimeout(() => process.exit(1), closeDeadlineMs).unref();
  sandbox.close().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  const port = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const logEvents = process.argv.indexOf('--log-events');
  sandbox = await startSandbox({
    okta: { port: port('SANDBOX_OKTA_PORT'), logEvents: logEvents > 0 ? Number(process.argv[logEvents + 1]) : undefined },
    salesforce: { port: port('SANDBOX_SALESFORCE_PORT'), loginPort: port('SANDBOX_SALESFORCE_LOGIN_PORT') },
    large: process.argv.includes('--large'),
    connectionFile: process.env.SANDBOX_CONNECTION_FILE,
  });
  console.log(`${sandbox.describe()}\nFaults: PUT a JSON object to <org URL>/__sandbox/faults. Ctrl-C stops both orgs.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
