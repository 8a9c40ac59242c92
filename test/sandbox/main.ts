// `npm run sandbox`: starts the local Okta and Salesforce orgs and prints how to connect to
// them. Ports come from SANDBOX_OKTA_PORT and SANDBOX_SALESFORCE_PORT (default: any free one).
import { startSandbox } from './sandbox';

async function main(): Promise<void> {
  const port = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const sandbox = await startSandbox({ okta: port('SANDBOX_OKTA_PORT'), salesforce: port('SANDBOX_SALESFORCE_PORT') });
  console.log(`${sandbox.describe()}\nCtrl-C stops them.`);
  const stop = () => sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
