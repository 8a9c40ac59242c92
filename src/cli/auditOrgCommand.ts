// `okta-sf audit-org`: signs in (client credentials, or a given session), reads the whole org,
// runs the same audit as the extension, and prints its report or JSON.
import { Connection, OAuth2 } from 'jsforce/core';
import { formatAuditJson, formatAuditText } from '../domain/auditReport';
import { checkSalesforceInstanceUrl } from '../domain/orgUrls';
import { auditOrg } from '../domain/profileAudit';
import { redact } from '../domain/redact';
import { readOrgSnapshot } from '../salesforce/api/orgSnapshot';
import { SalesforceFailure } from '../salesforce/api/salesforceFailure';

export interface AuditOrgArguments {
  loginUrl?: string;
  clientId?: string;
  clientSecret?: string;
  instanceUrl?: string;
  accessToken?: string;
  json: boolean;
  profiles?: string[];
  apiVersion: string;
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function auditOrgCommand(args: AuditOrgArguments, output: Output): Promise<number> {
  let connection: Connection;
  try {
    connection = await signIn(args);
  } catch (error) {
    output.err(`${signInMessage(error, args)}\n`);
    return 2;
  }
  try {
    const { snapshot, apiCalls } = await readOrgSnapshot(connection);
    const audit = auditOrg(snapshot, { integrationProfiles: args.profiles });
    output.out(args.json ? `${formatAuditJson(audit)}\n` : `${formatAuditText(audit)}\n(${apiCalls} API calls)\n`);
    return audit.orgPasses ? 0 : 1;
  } catch (error) {
    output.err(`${SalesforceFailure.from(error, connection.instanceUrl).message}\n`);
    return 2;
  }
}

async function signIn(args: AuditOrgArguments): Promise<Connection> {
  if (args.instanceUrl) {
    const url = checkSalesforceInstanceUrl(args.instanceUrl);
    if (!url.ok) throw new Error(url.message);
    if (!args.accessToken) throw new Error('--instance-url needs --access-token (or OKTA_SF_ACCESS_TOKEN).');
    return new Connection({ instanceUrl: url.url, accessToken: args.accessToken, version: args.apiVersion });
  }
  if (!args.loginUrl || !args.clientId || !args.clientSecret) {
    throw new Error('Give --login-url, --client-id and --client-secret (or OKTA_SF_CLIENT_SECRET), or --instance-url with --access-token.');
  }
  const url = checkSalesforceInstanceUrl(args.loginUrl);
  if (!url.ok) throw new Error(url.message);
  const oauth2 = new OAuth2({ loginUrl: url.url, clientId: args.clientId, clientSecret: args.clientSecret });
  const token = await oauth2.requestToken({ grant_type: 'client_credentials' });
  return new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: args.apiVersion });
}

/** Salesforce's OAuth error names, said so that an admin knows what to change. */
function signInMessage(error: unknown, args: AuditOrgArguments): string {
  const name = (error as { name?: string }).name;
  const login = args.loginUrl ?? '';
  switch (name) {
    case 'invalid_client_id':
      return `The consumer key is not known at ${login}. Check it, and check the login URL: a sandbox's app is known only at `
        + 'https://test.salesforce.com (or the sandbox\'s My Domain), a production app only at https://login.salesforce.com.';
    case 'invalid_client':
      return 'Salesforce refused the consumer secret (invalid_client). Copy it again from the connected app.';
    case 'invalid_grant':
      return `Salesforce refused the client-credentials sign-in (${redact((error as Error).message)}). In the connected app, enable the `
        + 'Client Credentials Flow and choose its Run As user.';
  }
  return redact(error instanceof Error ? error.message : String(error));
}
