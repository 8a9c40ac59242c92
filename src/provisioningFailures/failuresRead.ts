import * as vscode from 'vscode';
import type { FailureWindow } from '../domain/provisioningFailures/failureEvent';
import type { FailureGroup } from '../domain/provisioningFailures/failureGroups';
import type { OktaApp, OktaSession } from '../okta/api/oktaApi';
import { loadOktaApi, type OktaOrg } from '../okta/oktaOrgs';

/** A Salesforce app whose failures are read, and how to reach its org. */
export interface FailuresApp {
  org: OktaOrg;
  app: OktaApp;
  session(): Promise<OktaSession>;
}

/** One read of an app's provisioning failures: what the report and the node show. */
export interface FailureRead {
  app: { id: string; label: string };
  window: FailureWindow;
  /** The window in days, as it was asked for (the node says "in the last 7 days"). */
  days: number;
  groups: FailureGroup[];
  total: number;
}

export const failuresKey = (app: Pick<FailuresApp, 'org' | 'app'>) => `${app.org.id}:${app.app.id}`;

/** The windows offered by *Explain Provisioning Failures…*, in days; 90 is as far back as the System Log keeps events. */
export const windowChoices = [1, 7, 30, 90] as const;
export const maxWindowDays = 90;

/** oktaSf.failures.windowDays, kept within 1 to 90 days. */
export function configuredWindowDays(): number {
  const days = vscode.workspace.getConfiguration('oktaSf.failures').get<number>('windowDays', 7);
  return Number.isInteger(days) && days >= 1 ? Math.min(days, maxWindowDays) : 7;
}

/** The last `days` days up to now. */
export function windowOf(days: number, now = new Date()): FailureWindow {
  const window = loadOktaApi().parseSince(`${days}d`, now);
  // parseSince accepts whole days up to 90; configuredWindowDays and windowChoices keep within that.
  if (typeof window === 'string') throw new Error(window);
  return window;
}

/**
 * Reads the app's provisioning error events over the window, grouped by cause as each page arrives, so
 * that memory holds the groups and not every event (the System Log may hold thousands in a week).
 */
export async function readFailures(target: FailuresApp, days: number, signal?: AbortSignal): Promise<FailureRead> {
  const session = await target.session();
  const window = windowOf(days);
  const grouper = new (loadOktaApi().FailureGrouper)();
  await session.readProvisioningFailures(target.app.id, window, (events) => {
    for (const event of events) grouper.add(event);
  }, signal);
  return { app: { id: target.app.id, label: target.app.label }, window, days, groups: grouper.groups(), total: grouper.total };
}
