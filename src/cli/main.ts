/**
 * okta-sf: the extension's audits from a command line, for CI on an SFDX repository.
 *   okta-sf audit <files or folders…> [--json] [--profiles NAMES]
 *   okta-sf audit-org --login-url URL --client-id KEY [--client-secret SECRET] [--json] [--profiles NAMES]
 *   okta-sf audit-org --instance-url URL [--access-token TOKEN] [--json] [--profiles NAMES]
 *   okta-sf apps --org-url URL [--api-token TOKEN | --client-id ID --private-key-file FILE] [--json] [--all]
 *   okta-sf test-credentials --login-url URL --consumer-key KEY [--instance-url URL] [--okta-org-url URL --okta-app ID] [--json]
 *   okta-sf preflight --org-url URL --app ID [Okta as apps] [--login-url URL --sf-client-id KEY | --instance-url URL] [--json]
 *   okta-sf failures --org-url URL --app ID [Okta as apps] [--since 7d] [--json]
 * Secrets may also come from OKTA_SF_CLIENT_SECRET, OKTA_SF_ACCESS_TOKEN, OKTA_SF_REFRESH_TOKEN and OKTA_SF_OKTA_TOKEN, which
 * keeps them out of process lists and shell history. `audit` needs no network and runs on Node 20;
 * `audit-org`, `apps`, `test-credentials`, `preflight` and `failures` load their clients only when they run, and need Node 22 (jsforce 3 does not load on older ones).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { redact } from '../domain/redact';
import { auditFilesCommand } from './auditFilesCommand';
import type { Output } from './auditOrgCommand';

const usage = `Usage:
  okta-sf audit <files or folders…> [--json] [--profiles NAMES]
  okta-sf audit-org --login-url URL --client-id KEY [options]
  okta-sf audit-org --instance-url URL [options]
  okta-sf apps --org-url URL [--client-id ID --private-key-file FILE] [--json] [--all]
  okta-sf test-credentials --login-url URL --consumer-key KEY [options]
  okta-sf preflight --org-url URL --app ID [options]
  okta-sf failures --org-url URL --app ID [--since 7d] [--json]
Options:
  --json              print the audit as JSON instead of a report (audit: instead of path:line:col lines)
  --profiles NAMES    comma-separated profile names or globs (*) to audit as Okta's integration profiles
                      (audit-org default: names containing "Okta" or "Integration"; audit default: every profile)
  --api-version V     Salesforce API version (default 64.0)
  --timeout SECONDS   how long one request to Salesforce or Okta may take, retries included (default 30; 0: no limit)
  -h, --help          print this text
apps options (lists the Okta org's Salesforce.com instances: status, instance type, login URL, provisioning):
  --org-url URL           the Okta org, e.g. https://dev-123456.okta.com
  --all                   list every app of the org, not only the Salesforce instances
  --client-id ID          sign in as an OAuth 2.0 service app (needs the okta.apps.read scope) ...
  --private-key-file FILE ... with this private key (PEM, or JWK JSON)
  --key-id KID            the key's ID, when the app has several keys
  Without --client-id, an admin's API token signs in: set OKTA_SF_OKTA_TOKEN.
test-credentials options (Test API Credentials: the connected app and the integration user, as Okta needs them;
the consumer secret comes from OKTA_SF_CLIENT_SECRET only):
  --login-url URL         https://login.salesforce.com, https://test.salesforce.com or the org's My Domain
  --consumer-key KEY      the connected app's consumer key
  --instance-url URL      with OKTA_SF_ACCESS_TOKEN: the integration user's session, for checks 5 to 7
                          (OKTA_SF_REFRESH_TOKEN alone also does; an app that rotates refresh tokens replaces it)
  --okta-org-url URL      with --okta-app ID: compare the Okta app's instance type with the org (check 1);
                          signs in with OKTA_SF_OKTA_TOKEN, or --okta-client-id ID --okta-private-key-file FILE
preflight options (will Salesforce accept the users the Okta app pushes? its user schema and mapping against
the org's User fields):
  --org-url URL, --app ID the Okta org and its Salesforce.com app; Okta signs in as for apps (OKTA_SF_OKTA_TOKEN,
                          or --client-id ID --private-key-file FILE: the service app needs okta.apps.read,
                          okta.schemas.read, okta.profileMappings.read and okta.users.read)
  --login-url URL         the Salesforce org's My Domain, signed in with client credentials: --sf-client-id KEY
                          and OKTA_SF_CLIENT_SECRET ...
  --instance-url URL      ... or a session: OKTA_SF_ACCESS_TOKEN (default URL: the Okta app's My Domain login URL)
failures options (the app's provisioning failures in Okta's System Log, grouped by cause, each with its fix):
  --org-url URL, --app ID the Okta org and its Salesforce.com app; Okta signs in as for apps (OKTA_SF_OKTA_TOKEN,
                          or --client-id ID --private-key-file FILE: the service app needs okta.logs.read and okta.apps.read)
  --since WHEN            how far back to read: a span such as 30m, 24h, 7d (default 7d), or an ISO 8601 date such as
                          2026-12-01; at most 90 days back, as long as Okta's System Log keeps events
Secrets: set OKTA_SF_CLIENT_SECRET, OKTA_SF_ACCESS_TOKEN, OKTA_SF_REFRESH_TOKEN and OKTA_SF_OKTA_TOKEN; --client-secret,
--access-token, --refresh-token and --api-token work too (test-credentials takes no secret option), but show in the
process list and in shell history.
Exit codes: 0 nothing wrong; 1 a file has an error (audit) or an integration profile fails (audit-org);
2 the audit could not run, or a file or folder could not be read or audited (it gets an error finding,
and the other files are still audited). apps: 0 listed, 2 could not list. test-credentials: 0 no check
failed, 1 a check failed, 2 the checks could not run (nothing decisive was checked). preflight: 0 no error,
1 an error finding (some users would fail to provision), 2 the pre-flight could not run. failures: 0 no failure
in the window, 1 failures, 2 they could not be read.
Proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (never used for 127.0.0.1 or localhost).`;

/** A mistake in the command line: reported with the usage, unlike what goes wrong once a command runs. */
class UsageError extends Error {}

/**
 * Writes that stop once the stream fails. A reader that closes early (`okta-sf audit … | head`) ends
 * the output quietly, and the exit code still gives the audit's verdict; any other failure to write
 * means the report was lost, which exits 2.
 */
function writerTo(stream: NodeJS.WriteStream, name: string): (text: string) => void {
  let failed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failed = true;
    if (error.code === 'EPIPE') return;
    process.exitCode = 2;
    if (stream !== process.stderr) process.stderr.write(`okta-sf: cannot write to ${name} (${error.message}).\n`);
  });
  return (text) => {
    if (!failed) stream.write(text);
  };
}

const output: Output = { out: writerTo(process.stdout, 'standard output'), err: writerTo(process.stderr, 'standard error') };
const profileList = (names: string | undefined) => names?.split(',').map((name) => name.trim()).filter(Boolean);

const commonOptions = {
  json: { type: 'boolean', default: false },
  profiles: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

/** A Salesforce session given whole, and what every network command takes. */
const sessionOptions = {
  'client-secret': { type: 'string' },
  'instance-url': { type: 'string' },
  'access-token': { type: 'string' },
  'api-version': { type: 'string', default: '64.0' },
  timeout: { type: 'string', default: '30' },
} satisfies ParseArgsOptionsConfig;

const auditOrgOptions = {
  ...commonOptions,
  ...sessionOptions,
  'login-url': { type: 'string' },
  'client-id': { type: 'string' },
} satisfies ParseArgsOptionsConfig;

/** Signing in to Okta: an API token, or a service app with its key. */
const oktaSignInOptions = {
  'org-url': { type: 'string' },
  'api-token': { type: 'string' },
  'client-id': { type: 'string' },
  'private-key-file': { type: 'string' },
  'key-id': { type: 'string' },
} satisfies ParseArgsOptionsConfig;

const appsOptions = {
  json: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  ...oktaSignInOptions,
  timeout: { type: 'string', default: '30' },
} satisfies ParseArgsOptionsConfig;

const testCredentialsOptions = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  'login-url': { type: 'string' },
  'consumer-key': { type: 'string' },
  'instance-url': { type: 'string' },
  'access-token': { type: 'string' },
  'refresh-token': { type: 'string' },
  'okta-org-url': { type: 'string' },
  'okta-app': { type: 'string' },
  'okta-client-id': { type: 'string' },
  'okta-private-key-file': { type: 'string' },
  'okta-key-id': { type: 'string' },
  'api-version': { type: 'string', default: '64.0' },
  timeout: { type: 'string', default: '30' },
} satisfies ParseArgsOptionsConfig;

/** Okta as for apps; Salesforce as for audit-org, its connected app's key as --sf-client-id (--client-id is Okta's). */
const preflightOptions = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  app: { type: 'string' },
  ...oktaSignInOptions,
  ...sessionOptions,
  'login-url': { type: 'string' },
  'sf-client-id': { type: 'string' },
} satisfies ParseArgsOptionsConfig;

/** Okta as for apps, and the window. */
const failuresOptions = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  app: { type: 'string' },
  since: { type: 'string', default: '7d' },
  ...oktaSignInOptions,
  timeout: { type: 'string', default: '30' },
} satisfies ParseArgsOptionsConfig;

/** parseArgs, with its errors ("Unknown option '--jsn'") as usage errors. */
function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function printUsage(): number {
  output.out(`${usage}\n`);
  return 0;
}

function timeoutSeconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--timeout takes a number of seconds (0 for no limit), not "${value}".`);
  return Number(value);
}

/** The network commands need Node 22 (jsforce 3 fails to load on older ones; package.json's engines say 22 for all); says so instead of crashing at load. */
function hasNode22(command: string): boolean {
  if (Number(process.versions.node.split('.')[0]) >= 22) return true;
  output.err(`okta-sf ${command} needs Node.js 22 or later (this is ${process.version}). okta-sf audit runs on this one.\n`);
  return false;
}

/** A secret given on the command line is seen by anyone who can list processes, and stays in shell history. */
function warnOfSecretOption(option: string, variable: string): void {
  output.err(`Warning: --${option} shows in the process list (ps) and in shell history; set ${variable} in the environment instead.\n`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return printUsage();
  if (command === 'audit') {
    const { values, positionals } = parse(rest, commonOptions, true);
    if (values.help) return printUsage();
    if (!positionals.length) throw new UsageError('Give the profile files to audit, or folders to search for *.profile-meta.xml and *.permissionset-meta.xml files.');
    return auditFilesCommand({ paths: positionals, json: values.json, profiles: profileList(values.profiles) }, output);
  }
  if (command === 'audit-org') {
    const { values } = parse(rest, auditOrgOptions, false);
    if (values.help) return printUsage();
    const timeout = timeoutSeconds(values.timeout);
    if (!hasNode22(command)) return 2;
    for (const [option, variable] of [['client-secret', 'OKTA_SF_CLIENT_SECRET'], ['access-token', 'OKTA_SF_ACCESS_TOKEN']] as const) {
      if (values[option] !== undefined) warnOfSecretOption(option, variable);
    }
    // Loaded here, not at the top: the Salesforce client it brings needs Node 22.
    const { auditOrgCommand } = await import('./auditOrgCommand');
    return auditOrgCommand({
      loginUrl: values['login-url'], clientId: values['client-id'],
      clientSecret: values['client-secret'] ?? process.env.OKTA_SF_CLIENT_SECRET,
      instanceUrl: values['instance-url'], accessToken: values['access-token'] ?? process.env.OKTA_SF_ACCESS_TOKEN,
      json: values.json, profiles: profileList(values.profiles), apiVersion: values['api-version'],
      timeoutSeconds: timeout,
    }, output);
  }
  if (command === 'apps') {
    const { values } = parse(rest, appsOptions, false);
    if (values.help) return printUsage();
    const timeout = timeoutSeconds(values.timeout);
    if (values['api-token'] !== undefined && values['client-id'] !== undefined) {
      throw new UsageError('Give either an API token or a service app (--client-id with --private-key-file), not both.');
    }
    if (!hasNode22(command)) return 2;
    if (values['api-token'] !== undefined) warnOfSecretOption('api-token', 'OKTA_SF_OKTA_TOKEN');
    // Loaded here, not at the top: the Okta SDK is large and only this command uses it.
    const { appsCommand } = await import('./appsCommand');
    return appsCommand({
      orgUrl: values['org-url'], apiToken: values['api-token'] ?? process.env.OKTA_SF_OKTA_TOKEN,
      clientId: values['client-id'], privateKeyFile: values['private-key-file'], keyId: values['key-id'],
      json: values.json, all: values.all, timeoutSeconds: timeout,
    }, output);
  }
  if (command === 'test-credentials') {
    // The secret is never a flag here: say where it goes instead of "Unknown option".
    if (rest.some((arg) => /^--(client|consumer)-secret(=|$)/.test(arg))) throw new UsageError('test-credentials reads the consumer secret from OKTA_SF_CLIENT_SECRET only.');
    const { values } = parse(rest, testCredentialsOptions, false);
    if (values.help) return printUsage();
    const timeout = timeoutSeconds(values.timeout);
    if (!hasNode22(command)) return 2;
    for (const [option, variable] of [['access-token', 'OKTA_SF_ACCESS_TOKEN'], ['refresh-token', 'OKTA_SF_REFRESH_TOKEN']] as const) {
      if (values[option] !== undefined) warnOfSecretOption(option, variable);
    }
    // Loaded here, not at the top: the Salesforce client it brings needs Node 22.
    const { testCredentialsCommand } = await import('./testCredentialsCommand');
    return testCredentialsCommand({
      loginUrl: values['login-url'], consumerKey: values['consumer-key'], consumerSecret: process.env.OKTA_SF_CLIENT_SECRET,
      instanceUrl: values['instance-url'], accessToken: values['access-token'] ?? process.env.OKTA_SF_ACCESS_TOKEN,
      refreshToken: values['refresh-token'] ?? process.env.OKTA_SF_REFRESH_TOKEN,
      oktaOrgUrl: values['okta-org-url'], oktaApp: values['okta-app'], oktaApiToken: process.env.OKTA_SF_OKTA_TOKEN,
      oktaClientId: values['okta-client-id'], oktaPrivateKeyFile: values['okta-private-key-file'], oktaKeyId: values['okta-key-id'],
      json: values.json, apiVersion: values['api-version'], timeoutSeconds: timeout,
    }, output);
  }
  if (command === 'preflight') {
    const { values } = parse(rest, preflightOptions, false);
    if (values.help) return printUsage();
    const timeout = timeoutSeconds(values.timeout);
    if (values['api-token'] !== undefined && values['client-id'] !== undefined) {
      throw new UsageError('Give Okta either an API token or a service app (--client-id with --private-key-file), not both.');
    }
    if (!hasNode22(command)) return 2;
    for (const [option, variable] of [['api-token', 'OKTA_SF_OKTA_TOKEN'], ['client-secret', 'OKTA_SF_CLIENT_SECRET'], ['access-token', 'OKTA_SF_ACCESS_TOKEN']] as const) {
      if (values[option] !== undefined) warnOfSecretOption(option, variable);
    }
    // Loaded here, not at the top: the clients it brings need Node 22.
    const { preflightCommand } = await import('./preflightCommand');
    return preflightCommand({
      orgUrl: values['org-url'], app: values.app, apiToken: values['api-token'] ?? process.env.OKTA_SF_OKTA_TOKEN,
      clientId: values['client-id'], privateKeyFile: values['private-key-file'], keyId: values['key-id'],
      loginUrl: values['login-url'], sfClientId: values['sf-client-id'], clientSecret: values['client-secret'] ?? process.env.OKTA_SF_CLIENT_SECRET,
      instanceUrl: values['instance-url'], accessToken: values['access-token'] ?? process.env.OKTA_SF_ACCESS_TOKEN,
      json: values.json, apiVersion: values['api-version'], timeoutSeconds: timeout,
    }, output);
  }
  if (command === 'failures') {
    const { values } = parse(rest, failuresOptions, false);
    if (values.help) return printUsage();
    const timeout = timeoutSeconds(values.timeout);
    if (values['api-token'] !== undefined && values['client-id'] !== undefined) {
      throw new UsageError('Give Okta either an API token or a service app (--client-id with --private-key-file), not both.');
    }
    if (!hasNode22(command)) return 2;
    if (values['api-token'] !== undefined) warnOfSecretOption('api-token', 'OKTA_SF_OKTA_TOKEN');
    // Loaded here, not at the top: the Okta SDK is large and only the network commands use it.
    const { failuresCommand } = await import('./failuresCommand');
    return failuresCommand({
      orgUrl: values['org-url'], app: values.app, since: values.since, apiToken: values['api-token'] ?? process.env.OKTA_SF_OKTA_TOKEN,
      clientId: values['client-id'], privateKeyFile: values['private-key-file'], keyId: values['key-id'],
      json: values.json, timeoutSeconds: timeout,
    }, output);
  }
  throw new UsageError(command === undefined ? 'Give a command.' : `Unknown command "${command}".`);
}

main(process.argv.slice(2)).then((code) => {
  // A failed write may have set 2 already.
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
}, (error: unknown) => {
  output.err(`${redact(error instanceof Error ? error.message : String(error))}\n${error instanceof UsageError ? `${usage}\n` : ''}`);
  process.exitCode = 2;
});
