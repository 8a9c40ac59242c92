// `okta-sf apps`: signs in to an Okta org (API token or service app), lists its Salesforce.com
// instances with their state (or every app with --all, page by page) and prints a report or JSON.
// Every request goes through the request policy, with the CLI's timeout and proxy variables.
import * as fs from 'node:fs/promises';
import { lazyBundle } from '../common/lazyBundle';
import { checkPrivateKey } from '../domain/oktaCredentials';
import { checkOktaOrgUrl, checkPastedToken } from '../domain/orgUrls';
import { excerpt, redact } from '../domain/redact';
import type { OktaApp, OktaCredential, OktaSession } from '../okta/api/oktaApi';
import type * as OktaApi from '../okta/api/oktaApi';
import { formatAppsJson, formatAppsText } from './appsReport';
import { cliNetwork, type Output } from './auditOrgCommand';

/**
 * The Okta adapter, from dist/okta.js next to this file (the extension's bundle), not bundled into
 * the CLI: the SDK is large, and `okta-sf audit` should not pay for parsing it.
 */
export const loadOktaApi = lazyBundle<typeof OktaApi>('okta.js');

export interface AppsArguments {
  orgUrl?: string;
  apiToken?: string;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
  json: boolean;
  /** Every app, not only the Salesforce instances. */
  all: boolean;
  /** Per request; 0 waits forever. */
  timeoutSeconds: number;
}

/** Something the user must change before a command can run (exit code 2, the message alone). */
export class CannotRun extends Error {}

/** Okta app ids are letters and digits (0oa… in Okta's own orgs). */
const appIdShape = /^[A-Za-z0-9]{1,64}$/;

/** The --app argument, when it can be an Okta app id. */
export function checkedAppId(input: string | undefined): string {
  if (!input || !appIdShape.test(input)) throw new CannotRun('Give --app, the Okta app\'s id (0oa…); `okta-sf apps` lists the Salesforce apps with their ids.');
  return input;
}

/** The Okta app `appId`, refused unless it is a Salesforce.com app. */
export async function salesforceAppOf(okta: OktaSession, appId: string): Promise<OktaApp> {
  const app = await okta.getApp(appId);
  if (app.name !== 'salesforce') throw new CannotRun(`${excerpt(app.label, 80)} (${appId}) is not a Salesforce.com app (its integration is ${excerpt(app.name, 40)}).`);
  return app;
}

export async function appsCommand(args: AppsArguments, output: Output): Promise<number> {
  try {
    const orgUrl = checkedOrgUrl(args.orgUrl, output);
    const session = loadOktaApi().openOktaSession({ orgUrl, credential: await credentialOf(args), network: cliNetwork(args.timeoutSeconds, output) });
    const { salesforce, others, requests } = await readApps(session, args.all);
    output.out(args.json ? `${formatAppsJson(orgUrl, salesforce, others)}\n` : `${formatAppsText(orgUrl, salesforce, others)}\n(${requests} API calls)\n`);
    return 0;
  } catch (error) {
    output.err(`${error instanceof Error ? redact(error.message) : redact(String(error))}\n`);
    return 2;
  }
}

/** The org URL to call; an Admin Console address is corrected to its org URL, with a note on stderr, as the extension does. */
export function checkedOrgUrl(input: string | undefined, output: Output): string {
  if (!input) throw new CannotRun('Give --org-url, the Okta org URL such as https://dev-123456.okta.com.');
  const url = checkOktaOrgUrl(input);
  if (!url.ok) throw new CannotRun(url.message);
  if (url.note) output.err(`${url.note}\n`);
  return url.url;
}

/**
 * The service app when --client-id is given (it needs the key file), else the API token. A service app
 * asks for `scopes`: by default only okta.apps.read, what `okta-sf apps` needs.
 */
export async function credentialOf(
  args: Pick<AppsArguments, 'apiToken' | 'clientId' | 'privateKeyFile' | 'keyId'>, scopes: readonly string[] = loadOktaApi().oktaScopes.readApps,
): Promise<OktaCredential> {
  if (args.clientId !== undefined || args.privateKeyFile !== undefined) {
    if (!args.clientId || !args.privateKeyFile) throw new CannotRun('A service app needs both --client-id and --private-key-file.');
    // Checked as the extension checks a key: a public key, an EC key or a broken file is named before Okta is asked.
    const key = checkPrivateKey(await readKeyFile(args.privateKeyFile));
    if (!key.ok) throw new CannotRun(`${args.privateKeyFile}: ${key.message}`);
    return { kind: 'serviceApp', clientId: args.clientId, privateKey: key.privateKey, keyId: args.keyId ?? key.keyId, scopes };
  }
  if (!args.apiToken) {
    throw new CannotRun('Give an Okta API token in OKTA_SF_OKTA_TOKEN (or --api-token), or a service app with --client-id and --private-key-file.');
  }
  const token = checkPastedToken(args.apiToken, 'Create one in the Admin Console under Security → API → Tokens.');
  if (!token.ok) throw new CannotRun(token.message);
  return { kind: 'apiToken', token: token.secret };
}

async function readKeyFile(file: string): Promise<string> {
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    if (!text) throw new CannotRun(`The private key file ${file} is empty. Give the service app's private key as PEM or as JWK JSON.`);
    return text;
  } catch (error) {
    if (error instanceof CannotRun) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CannotRun(`Cannot read the private key file ${file} (${code ?? excerpt(String(error))}).`);
  }
}

/**
 * The Salesforce instances (Okta filters them on the server), or with `all` every app, each page
 * asked for only after the previous one arrived; the Salesforce ones are then picked from the list.
 */
async function readApps(session: OktaSession, all: boolean): Promise<{ salesforce: OktaApp[]; others?: OktaApp[]; requests: number }> {
  const apps: OktaApp[] = [];
  let requests = 0;
  let after: string | undefined;
  do {
    const page = await session.listApps({ salesforceOnly: !all, after });
    requests++;
    apps.push(...page.items);
    after = page.next;
  } while (after);
  if (!all) return { salesforce: apps, requests };
  return { salesforce: apps.filter((app) => app.name === 'salesforce'), others: apps.filter((app) => app.name !== 'salesforce'), requests };
}
