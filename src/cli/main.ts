/**
 * okta-sf: the extension's audits from a command line, for CI on an SFDX repository.
 *   okta-sf audit <files or folders…> [--json] [--profiles NAMES]
 *   okta-sf audit-org --login-url URL --client-id KEY [--client-secret SECRET] [--json] [--profiles NAMES]
 *   okta-sf audit-org --instance-url URL [--access-token TOKEN] [--json] [--profiles NAMES]
 * Secrets may also come from OKTA_SF_CLIENT_SECRET and OKTA_SF_ACCESS_TOKEN, which keeps them out
 * of process lists and shell history. Exit codes: 0 all pass, 1 an integration profile fails
 * (audit-org) or a file has an error (audit), 2 the audit could not run.
 */
import { parseArgs } from 'node:util';
import { auditFilesCommand } from './auditFilesCommand';
import { auditOrgCommand } from './auditOrgCommand';

const usage = `Usage:
  okta-sf audit <files or folders…> [--json] [--profiles NAMES]
  okta-sf audit-org --login-url URL --client-id KEY [--client-secret SECRET] [options]
  okta-sf audit-org --instance-url URL [--access-token TOKEN] [options]
Options:
  --json              print the audit as JSON instead of a report (audit: instead of path:line:col lines)
  --profiles NAMES    comma-separated profile names or globs (*) to audit as Okta's integration profiles
                      (default: names containing "Okta" or "Integration")
  --api-version V     Salesforce API version (default 64.0)
  --timeout SECONDS   how long one request to Salesforce may take, retries included (default 30; 0: no limit)
Secrets can come from OKTA_SF_CLIENT_SECRET and OKTA_SF_ACCESS_TOKEN instead of the command line.`;

const output = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };
const profileList = (names: string | undefined) => names?.split(',').map((name) => name.trim()).filter(Boolean);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'audit') {
    const { values, positionals } = parseArgs({
      args: rest, strict: true, allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, profiles: { type: 'string' } },
    });
    return auditFilesCommand({ paths: positionals, json: values.json, profiles: profileList(values.profiles) }, output);
  }
  if (command !== 'audit-org') {
    console.error(command && command !== '--help' ? `Unknown command "${command}".\n${usage}` : usage);
    return command === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      'login-url': { type: 'string' }, 'client-id': { type: 'string' }, 'client-secret': { type: 'string' },
      'instance-url': { type: 'string' }, 'access-token': { type: 'string' },
      json: { type: 'boolean', default: false }, profiles: { type: 'string' }, 'api-version': { type: 'string', default: '64.0' },
      timeout: { type: 'string', default: '30' },
    },
  });
  const timeoutSeconds = Number(values.timeout);
  if (!/^\d+(\.\d+)?$/.test(values.timeout) || !Number.isFinite(timeoutSeconds)) {
    console.error(`--timeout takes a number of seconds (0 for no limit), not "${values.timeout}".`);
    return 2;
  }
  return auditOrgCommand({
    loginUrl: values['login-url'], clientId: values['client-id'],
    clientSecret: values['client-secret'] ?? process.env.OKTA_SF_CLIENT_SECRET,
    instanceUrl: values['instance-url'], accessToken: values['access-token'] ?? process.env.OKTA_SF_ACCESS_TOKEN,
    json: values.json, profiles: profileList(values.profiles), apiVersion: values['api-version'],
    timeoutSeconds,
  }, output);
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exitCode = 2;
});
