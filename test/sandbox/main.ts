// `npm run sandbox [-- --large]`: starts the local Okta and Salesforce orgs and prints how to
// connect to them. Ports come from SANDBOX_OKTA_PORT and SANDBOX_SALESFORCE_PORT (default: free
// ones); faults from SANDBOX_OKTA_FAULTS and SANDBOX_SALESFORCE_FAULTS (see faults.ts); the
// connection file from SANDBOX_CONNECTION_FILE (default .sandbox/connection.json).
import { startSandbox } from './sandbox';

async function main(): Promise<void> {
  const port = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const sandbox = await startSandbox({
    okta: { port: port('SANDBOX_OKTA_PORT') },
    salesforce: { port: port('SANDBOX_SALESFORCE_PORT') },
    large: process.argv.includes('--large'),
    connectionFile: process.env.SANDBOX_CONNECTION_FILE,
  });
  console.log(`${sandbox.describe()}\nFaults: PUT a JSON object to <org URL>/__sandbox/faults. Ctrl-C stops both orgs.`);
  const stop = () => sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
