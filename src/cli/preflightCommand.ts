// `okta-sf preflight`: the provisioning pre-flight of one Okta Salesforce app, headless. Signs in to Okta as
// `okta-sf apps` does (API token or service app) and to the Salesforce org as `audit-org` does (client
// credentials at --login-url, or a session), reads the app's user schema and mapping and the org's User
// describe, and prints the findings as a report or JSON. Exit 0: no error; 1: an error finding (users would
// fail to provision); 2: it could not run (nothing was decided).
import { redact } from '../domain/redact';
import { checkSalesforceInstanceUrl, isGenericSalesforceLoginHost } from '../domain/orgUrls';
import type { OktaSession } from '../okta/api/oktaApi';
import type { SalesforceSession } from '../salesforce/api/salesforceApi';
import { CannotRun, checkedAppId, checkedOrgUrl, credentialOf, loadOktaApi, salesforceAppOf } from './appsCommand';
import { cliNetwork, type Output, signIn, signInMessage } from './auditOrgCommand';

export interface PreflightArguments {
  orgUrl?: string;
  app?: string;
  apiToken?: string;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
  /** The Salesforce org: client credentials at its My Domain… */
  loginUrl?: string;
  sfClientId?: string;
  clientSecret?: string;
  /** …or a session (the instance URL defaults to the Okta app's login URL when that is a My Domain). */
  instanceUrl?: string;
  accessToken?: string;
  json: boolean;
  apiVersion: string;
  /** Per request; 0 waits forever. */
  timeoutSeconds: number;
}


export async function preflightCommand(args: PreflightArguments, output: Output): Promise<number> {
  const network = cliNetwork(args.timeoutSeconds, output);
  const api = loadOktaApi();
  let okta: OktaSession;
  let appId: string;
  let orgUrl: string;
  try {
    appId = checkedAppId(args.app);
    orgUrl = checkedOrgUrl(args.orgUrl, output);
    okta = api.openOktaSession({ orgUrl, credential: await credentialOf(args, api.oktaScopes.preflight), network });
  } catch (error) {
    output.err(`${message(error)}\n`);
    return 2;
  }
  try {
    const app = await salesforceAppOf(okta, appId);
    const salesforce = await salesforceSession(args, app.loginUrl, network);
    const subject = {
      oktaOrgUrl: orgUrl,
      app: { id: app.id, label: app.label, instanceType: app.instanceType, loginUrl: app.loginUrl },
      salesforceOrgUrl: salesforce.url,
    };
    const { report } = await api.runPreflightOf(subject, okta, salesforce.session);
    output.out(args.json ? `${api.formatPreflightJson(report)}\n` : api.formatPreflightText(report));
    return api.preflightExitCode(report);
  } catch (error) {
    output.err(`${message(error)}\n`);
    return 2;
  }
}

/** The Salesforce org's session, as audit-org signs in, its instance URL defaulting to the app's My Domain for a given token. */
async function salesforceSession(args: PreflightArguments, appLoginUrl: string | undefined, network: ReturnType<typeof cliNetwork>): Promise<{ session: SalesforceSession; url: string }> {
  if (args.loginUrl !== undefined || args.sfClientId !== undefined) {
    if (!args.loginUrl || !args.sfClientId || !args.clientSecret) {
      throw new CannotRun('Client credentials need --login-url (the org\'s My Domain), --sf-client-id and OKTA_SF_CLIENT_SECRET (or --client-secret).');
    }
    try {
      // Client credentials work only at the org's My Domain, which is also its instance URL.
      const session = await signIn({ loginUrl: args.loginUrl, clientId: args.sfClientId, clientSecret: args.clientSecret, apiVersion: args.apiVersion }, network);
      return { session, url: args.loginUrl };
    } catch (error) {
      throw new CannotRun(signInMessage(error, args));
    }
  }
  if (!args.accessToken) {
    throw new CannotRun('Give the Salesforce org: --login-url with --sf-client-id and OKTA_SF_CLIENT_SECRET (client credentials), or OKTA_SF_ACCESS_TOKEN (or --access-token) with --instance-url.');
  }
  const instanceUrl = args.instanceUrl ?? myDomainOf(appLoginUrl);
  if (!instanceUrl) throw new CannotRun('Give --instance-url: the Okta app signs in at a login host every org shares, so it does not say which org it provisions.');
  const url = checkSalesforceInstanceUrl(instanceUrl);
  if (!url.ok) throw new CannotRun(`--instance-url: ${url.message}`);
  return { session: await signIn({ instanceUrl: url.url, accessToken: args.accessToken, apiVersion: args.apiVersion }, network), url: url.url };
}

/** The app's login URL when it names one org (a My Domain, or a local test org), not login/test.salesforce.com. */
function myDomainOf(loginUrl: string | undefined): string | undefined {
  if (!loginUrl || !URL.canParse(loginUrl)) return undefined;
  const { hostname, origin } = new URL(loginUrl);
  return isGenericSalesforceLoginHost(hostname) ? undefined : origin;
}

function message(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
