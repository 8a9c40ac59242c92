// `okta-sf test-credentials`: Test API Credentials without a browser. Checks 1 to 4 from the login host and
// consumer key alone; 5 to 7 when given the integration user's session (an access token with its instance
// URL, or a refresh token); the Okta app's instance type for check 1 when given the Okta org and app.
// Prints the checks as text or JSON; exit 0 when none failed, 1 when one did, 2 when it cannot run.
// Tokens and the secret come from the environment (or, with a warning, a flag), and are never printed.
import { formatCheckResults, summarizeChecks } from '../domain/apiIntegration/credentialChecks';
import type { CheckResult } from '../domain/apiIntegration/protocol';
import { checkSalesforceInstanceUrl, checkSalesforceLoginUrl } from '../domain/orgUrls';
import { oneLineText } from '../domain/plainText';
import { redact } from '../domain/redact';
import type { NetworkSettings } from '../http/requestPolicy';
import { type CredentialTestInput, testApiCredentials } from '../salesforce/api/salesforceApi';
import { CannotRun, checkedOrgUrl, credentialOf, loadOktaApi } from './appsCommand';
import { cliNetwork, type Output } from './auditOrgCommand';

export interface TestCredentialsArguments {
  loginUrl?: string;
  consumerKey?: string;
  /** From OKTA_SF_CLIENT_SECRET only. */
  consumerSecret?: string;
  instanceUrl?: string;
  accessToken?: string;
  refreshToken?: string;
  /** The Okta org and app whose instance type check 1 compares with. */
  oktaOrgUrl?: string;
  oktaApp?: string;
  oktaApiToken?: string;
  oktaClientId?: string;
  oktaPrivateKeyFile?: string;
  oktaKeyId?: string;
  json: boolean;
  apiVersion: string;
  /** Per request; 0 waits forever. */
  timeoutSeconds: number;
}

export async function testCredentialsCommand(args: TestCredentialsArguments, output: Output): Promise<number> {
  const network = cliNetwork(args.timeoutSeconds, output);
  let input: CredentialTestInput;
  try {
    input = { ...await checkedInput(args), oktaInstanceType: await oktaInstanceType(args, network, output) };
  } catch (error) {
    output.err(`${redact(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
  try {
    const { results, renewedSession } = await testApiCredentials(input, network, undefined, (message) => output.err(`${message}\n`));
    if (renewedSession && args.refreshToken && renewedSession.refreshToken !== args.refreshToken) {
      output.err('Note: the connected app rotates refresh tokens, so the refresh token given was replaced by a new one and no longer works. '
        + 'The new one is not printed; sign in again (or use the extension\'s Authenticate) to get one.\n');
    }
    output.out(args.json ? `${formatJson(input, results)}\n` : `${formatCheckResults(results)}\n`);
    return summarizeChecks(results).exitCode;
  } catch (error) {
    output.err(`${redact(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
}

async function checkedInput(args: TestCredentialsArguments): Promise<Omit<CredentialTestInput, 'oktaInstanceType'>> {
  if (!args.loginUrl || !args.consumerKey) {
    throw new CannotRun('Give --login-url (https://login.salesforce.com, https://test.salesforce.com or the org\'s My Domain) and --consumer-key.');
  }
  const login = checkSalesforceLoginUrl(args.loginUrl);
  if (!login.ok) throw new CannotRun(login.message);
  const base = { loginUrl: login.url, consumerKey: args.consumerKey.trim(), consumerSecret: args.consumerSecret || undefined, apiVersion: args.apiVersion };
  // An access token without its instance URL is of no use; with a refresh token it is not needed.
  if (args.instanceUrl !== undefined || (args.accessToken && !args.refreshToken)) {
    if (!args.instanceUrl || !args.accessToken) {
      throw new CannotRun('--instance-url and an access token (OKTA_SF_ACCESS_TOKEN) go together: give both, or a refresh token alone (OKTA_SF_REFRESH_TOKEN).');
    }
    const instance = checkSalesforceInstanceUrl(args.instanceUrl);
    if (!instance.ok) throw new CannotRun(instance.message);
    return { ...base, session: { instanceUrl: instance.url, accessToken: args.accessToken, refreshToken: args.refreshToken || undefined } };
  }
  return args.refreshToken ? { ...base, session: { refreshToken: args.refreshToken } } : base;
}

/** The Okta app's instance type, read as `okta-sf apps` signs in; undefined when no Okta app was named. */
async function oktaInstanceType(args: TestCredentialsArguments, network: NetworkSettings, output: Output): Promise<string | undefined> {
  if (args.oktaOrgUrl === undefined && args.oktaApp === undefined) return undefined;
  if (!args.oktaOrgUrl || !args.oktaApp) throw new CannotRun('--okta-org-url and --okta-app go together: the Okta org, and the id of its Salesforce app.');
  const orgUrl = checkedOrgUrl(args.oktaOrgUrl, output);
  // Said here in this command's option names; credentialOf's own messages name `okta-sf apps`' options.
  const serviceApp = args.oktaClientId !== undefined || args.oktaPrivateKeyFile !== undefined;
  if (serviceApp && (!args.oktaClientId || !args.oktaPrivateKeyFile)) throw new CannotRun('A service app needs both --okta-client-id and --okta-private-key-file.');
  if (!serviceApp && !args.oktaApiToken) {
    throw new CannotRun('Reading the Okta app needs an Okta API token in OKTA_SF_OKTA_TOKEN, or a service app with --okta-client-id and --okta-private-key-file.');
  }
  const credential = await credentialOf({
    apiToken: args.oktaApiToken, clientId: args.oktaClientId, privateKeyFile: args.oktaPrivateKeyFile, keyId: args.oktaKeyId,
  });
  const app = await loadOktaApi().openOktaSession({ orgUrl, credential, network }).getApp(args.oktaApp);
  if (app.name !== 'salesforce') {
    throw new CannotRun(`The Okta app ${oneLineText(app.label)} (${app.id}) is not a Salesforce.com app; give the id of one (okta-sf apps lists them).`);
  }
  if (!app.instanceType) output.err(`The Okta app ${oneLineText(app.label)} has no instance type; check 1 will not compare it.\n`);
  return app.instanceType;
}

function formatJson(input: CredentialTestInput, results: CheckResult[]): string {
  const { counts, exitCode } = summarizeChecks(results);
  return JSON.stringify({
    schemaVersion: 1, loginUrl: input.loginUrl, oktaInstanceType: input.oktaInstanceType ?? null, results, summary: { ...counts, exitCode },
  }, null, 2);
}
