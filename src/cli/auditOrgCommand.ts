// `okta-sf audit-org`: signs in (client credentials, or a given session), reads the whole org,
// runs the same audit as the extension, and prints its report or JSON. Every request goes
// through the request policy (src/http/requestPolicy.ts), with the CLI's timeout and proxy variables.
import { formatAuditJson, formatAuditText } from '../domain/auditReport';
import { checkSalesforceInstanceUrl } from '../domain/orgUrls';
import { auditOrg } from '../domain/profileAudit';
import { redact } from '../domain/redact';
import { HttpFailure } from '../http/httpFailure';
import { type NetworkSettings, waitMessage } from '../http/requestPolicy';
import { type OAuthClient, requestTokens } from '../salesforce/api/oauthClient';
import { openSalesforceSession, type SalesforceSession } from '../salesforce/api/salesforceApi';

export interface AuditOrgArguments {
  loginUrl?: string;
  clientId?: string;
  clientSecret?: string;
  instanceUrl?: string;
  accessToken?: string;
  json: boolean;
  profiles?: string[];
  apiVersion: string;
  /** Per request; 0 waits forever. */
  timeoutSeconds: number;
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Where a command-line user changes what a network failure points at. */
export const cliWording = { timeout: 'raise --timeout (seconds)', proxy: 'the HTTPS_PROXY and NO_PROXY environment variables' };

/** The request policy's settings for a run: waits of a second or more before a retry are told on stderr, so a rate limit does not look like a hang. */
export function cliNetwork(timeoutSeconds: number, output?: Output, env: NodeJS.ProcessEnv = process.env): NetworkSettings {
  return {
    timeoutMs: timeoutSeconds * 1000, env, wording: cliWording,
    onWait: (wait) => {
      if (wait.ms >= 1000) output?.err(`${capitalized(waitMessage(wait, wait.ms / 1000))}…\n`);
    },
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function auditOrgCommand(args: AuditOrgArguments, output: Output): Promise<number> {
  const network = cliNetwork(args.timeoutSeconds, output);
  let session: SalesforceSession;
  try {
    session = await signIn(args, network);
  } catch (error) {
    output.err(`${signInMessage(error, args)}\n`);
    return 2;
  }
  try {
    const { snapshot, apiCalls } = await session.readSnapshot();
    const audit = auditOrg(snapshot, { integrationProfiles: args.profiles });
    output.out(args.json ? `${formatAuditJson(audit)}\n` : `${formatAuditText(audit)}\n(${apiCalls} API calls)\n`);
    return audit.orgPasses ? 0 : 1;
  } catch (error) {
    output.err(`${readFailureMessage(error, args)}\n`);
    return 2;
  }
}

/**
 * A read's failure, said for the CLI: a user without API Enabled or without a permission the read needs
 * (the message names it) is, with client credentials, the connected app's Run As user.
 */
function readFailureMessage(error: unknown, args: AuditOrgArguments): string {
  const message = (error as Error).message;
  const kind = (error as { kind?: unknown }).kind;
  if (args.instanceUrl || (kind !== 'apiDisabledForUser' && kind !== 'missingPermission')) return message;
  return `${message} With --client-id, the user is the connected app's Run As user (Client Credentials Flow): give that user the permission, or choose a Run As user who has it.`;
}

export type SalesforceSignInArguments = Pick<AuditOrgArguments, 'loginUrl' | 'clientId' | 'clientSecret' | 'instanceUrl' | 'accessToken' | 'apiVersion'>;

/** The org as audit-org signs in to it: client credentials at --login-url, or a given session. */
export async function signIn(args: SalesforceSignInArguments, network: NetworkSettings): Promise<SalesforceSession> {
  const connection = (instanceUrl: string, accessToken: string, refresh?: () => Promise<string>) =>
    openSalesforceSession({ instanceUrl, accessToken, apiVersion: args.apiVersion, network, refresh });
  if (args.instanceUrl) {
    const url = checkSalesforceInstanceUrl(args.instanceUrl);
    if (!url.ok) throw new Error(url.message);
    if (!args.accessToken) throw new Error('--instance-url needs --access-token (or OKTA_SF_ACCESS_TOKEN).');
    return connection(url.url, args.accessToken);
  }
  if (!args.loginUrl || !args.clientId || !args.clientSecret) {
    throw new Error('Give --login-url, --client-id and --client-secret (or OKTA_SF_CLIENT_SECRET), or --instance-url with --access-token.');
  }
  const url = checkSalesforceInstanceUrl(args.loginUrl);
  if (!url.ok) throw new Error(url.message);
  const client: OAuthClient = { loginUrl: url.url, clientId: args.clientId, clientSecret: args.clientSecret };
  const issue = () => requestTokens(client, { grant_type: 'client_credentials' }, network);
  const tokens = await issue();
  // A session that expires during a long audit is renewed the same way it began.
  return connection(tokens.instanceUrl, tokens.accessToken, async () => (await issue()).accessToken);
}

/**
 * Whether the client-credentials grant went to a generic login host: login.salesforce.com and
 * test.salesforce.com refuse it with "request not supported on this domain" (invalid_grant), as
 * public clients report it; the wording is matched loosely, and the host alone is enough.
 */
function onGenericLoginHost(loginUrl: string, description: string): boolean {
  const host = URL.canParse(loginUrl) ? new URL(loginUrl).hostname.toLowerCase() : '';
  return host === 'login.salesforce.com' || host === 'test.salesforce.com' || /not supported on this domain/i.test(description);
}

/** Salesforce's OAuth error names, said so that an admin knows what to change. */
export function signInMessage(error: unknown, args: Pick<AuditOrgArguments, 'loginUrl'>): string {
  if (error instanceof HttpFailure) return error.message;
  const name = (error as { name?: string }).name;
  const login = args.loginUrl ?? '';
  const description = redact((error as Error).message ?? '');
  switch (name) {
    case 'invalid_client_id':
      return `The consumer key is not known at ${login}. Check it, and check the login URL: a sandbox's app is known only at `
        + 'https://test.salesforce.com (or the sandbox\'s My Domain), a production app only at https://login.salesforce.com.';
    case 'invalid_client':
      return 'Salesforce refused the consumer secret (invalid_client). Copy it again from the connected app.';
    case 'invalid_grant':
      if (onGenericLoginHost(login, description)) {
        return `${new URL(login).host} does not take the client-credentials sign-in (invalid_grant: ${description}): Salesforce allows it `
          + 'only on the org\'s own My Domain. Use your My Domain URL (https://<yourdomain>.my.salesforce.com) as --login-url.';
      }
      return `Salesforce refused the client-credentials sign-in (${description}). In the connected app, enable the `
        + 'Client Credentials Flow and choose its Run As user.';
    case 'invalid_response':
      return description;
  }
  if (name && /^([a-z_]+|ERROR_HTTP_\d+)$/.test(name)) return `${new URL(login).host} refused the sign-in (${name}${description ? `: ${description}` : ''}).`;
  return description || String(error);
}
