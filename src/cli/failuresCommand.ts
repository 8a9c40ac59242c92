// `okta-sf failures`: the provisioning failures of one Okta Salesforce app, headless. Signs in to Okta as
// `okta-sf apps` does (API token or service app, which needs okta.logs.read and okta.apps.read), reads the
// System Log's provisioning error events for the app over the window (--since, default 7 days), grouped
// by cause as each page arrives, and prints the groups as a report or JSON.
// Exit 0: no failure in the window; 1: failures; 2: it could not run.
import { FailureGrouper } from '../domain/provisioningFailures/failureGroups';
import { failureExitCode, formatFailureJson, formatFailureReport, parseSince } from '../domain/provisioningFailures/failureReport';
import { redact } from '../domain/redact';
import type { OktaSession } from '../okta/api/oktaApi';
import { CannotRun, checkedAppId, checkedOrgUrl, credentialOf, loadOktaApi, salesforceAppOf } from './appsCommand';
import { cliNetwork, type Output } from './auditOrgCommand';

export interface FailuresArguments {
  orgUrl?: string;
  app?: string;
  /** How far back to read: 24h, 7d, 30d or an ISO 8601 date (parseSince). */
  since: string;
  apiToken?: string;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
  json: boolean;
  /** Per request; 0 waits forever. */
  timeoutSeconds: number;
}


export async function failuresCommand(args: FailuresArguments, output: Output, now = new Date()): Promise<number> {
  const network = cliNetwork(args.timeoutSeconds, output);
  let okta: OktaSession;
  let appId: string;
  let window: Exclude<ReturnType<typeof parseSince>, string>;
  try {
    appId = checkedAppId(args.app);
    const since = parseSince(args.since, now);
    if (typeof since === 'string') throw new CannotRun(since);
    window = since;
    const orgUrl = checkedOrgUrl(args.orgUrl, output);
    const api = loadOktaApi();
    okta = api.openOktaSession({ orgUrl, credential: await credentialOf(args, [...api.oktaScopes.failures, ...api.oktaScopes.readApps]), network });
  } catch (error) {
    output.err(`${message(error)}\n`);
    return 2;
  }
  try {
    const app = await salesforceAppOf(okta, appId);
    // Grouped as the pages arrive: memory holds the groups, never every event.
    const grouper = new FailureGrouper();
    await okta.readProvisioningFailures(appId, window, (events) => {
      for (const event of events) grouper.add(event);
    });
    const report = { app: { id: app.id, label: app.label }, window, groups: grouper.groups(), total: grouper.total };
    output.out(args.json ? `${formatFailureJson(report)}\n` : formatFailureReport(report));
    return failureExitCode(grouper.total);
  } catch (error) {
    output.err(`${message(error)}\n`);
    return 2;
  }
}

function message(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
