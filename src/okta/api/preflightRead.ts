/**
 * What the pre-flight and the dry run read from the two orgs, shared by the extension and `okta-sf
 * preflight`, and carried in the Okta bundle (dist/okta.js) with the domain code it runs, so that none of
 * it weighs on activation. The sessions are passed in: the Salesforce one comes from the other bundle. Requests: Okta 3 (the app user schema; the mapping list, then the mapping),
 * Salesforce 1 (User's describe), all started at once; the dry run adds 1 to each.
 */
import type { UserDescribeField } from '../../domain/preflight/attributeChecks';
import { type DryRunPlan, planDryRun, type UniqueHolder, withUniqueness } from '../../domain/preflight/dryRun';
import { mappingsOf, type PreflightData, type PreflightReport, type PreflightSubject, runPreflight } from '../../domain/preflight/preflight';

/** The Okta session's reads the pre-flight uses (OktaSession has them). */
export interface PreflightOktaReads {
  readAppUserSchema(appId: string, signal?: AbortSignal): Promise<{ attributes: Record<string, Readonly<Record<string, unknown>>> }>;
  readPushMapping(appId: string, signal?: AbortSignal): Promise<{ id: string; properties: Record<string, { expression: string; pushStatus?: string }> } | undefined>;
}

/** The Salesforce session's read the pre-flight uses (SalesforceSession has it). */
export interface PreflightSalesforceReads {
  describeUser(signal?: AbortSignal): Promise<UserDescribeField[]>;
}

/** Both orgs read at once; the first failure cancels the other reads and is what the caller sees. */
export async function readPreflightData(okta: PreflightOktaReads, salesforce: PreflightSalesforceReads, appId: string, signal?: AbortSignal): Promise<PreflightData> {
  const reads = new AbortController();
  const stop = () => reads.abort(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  const failFast = <T>(work: Promise<T>) => work.catch((error: unknown) => {
    reads.abort();
    throw error;
  });
  try {
    const [schema, mapping, userFields] = await Promise.all([
      failFast(okta.readAppUserSchema(appId, reads.signal)),
      failFast(okta.readPushMapping(appId, reads.signal)),
      failFast(salesforce.describeUser(reads.signal)),
    ]);
    return { appAttributes: schema.attributes, mapping, userFields };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

export async function runPreflightOf(
  subject: PreflightSubject, okta: PreflightOktaReads, salesforce: PreflightSalesforceReads, signal?: AbortSignal,
): Promise<{ data: PreflightData; report: PreflightReport }> {
  const data = await readPreflightData(okta, salesforce, subject.app.id, signal);
  return { data, report: runPreflight(subject, data) };
}

/** The Okta session's read the dry run adds: the user's app user (its assignment's values), or none when not assigned. */
export interface DryRunOktaReads {
  readAppUser(appId: string, userId: string, signal?: AbortSignal): Promise<{ userName?: string; profile: Record<string, unknown> } | undefined>;
}

/** The Salesforce session's read the dry run adds: who already holds the unique values (one query). */
export interface DryRunSalesforceReads {
  findUsersHolding(values: ReadonlyArray<{ field: string; value: string }>, signal?: AbortSignal): Promise<UniqueHolder[]>;
}

/**
 * The dry run of one user on what a pre-flight read: the user's app user (1 Okta request), the mapping
 * evaluated for the user, then the unique values looked up in the org (1 Salesforce request, none when
 * there is no value to look up). Nothing is written.
 */
export async function runDryRunOf(
  data: PreflightData, appId: string, user: { id: string; login: string; profile: Record<string, unknown> },
  okta: DryRunOktaReads, salesforce: DryRunSalesforceReads, signal?: AbortSignal,
): Promise<DryRunPlan> {
  const appUser = await okta.readAppUser(appId, user.id, signal);
  // The app username lives in the app user's credentials, not its profile; the plan reads it as userName.
  const appProfile = appUser && { ...(appUser.userName !== undefined ? { userName: appUser.userName } : {}), ...appUser.profile };
  const plan = planDryRun({
    appAttributes: data.appAttributes, mappings: mappingsOf(data.mapping), userFields: data.userFields,
    user: { id: user.id, login: user.login, profile: user.profile }, ...(appProfile ? { appUser: appProfile } : {}),
  });
  if (!plan.uniqueChecks.length) return plan;
  const holders = await salesforce.findUsersHolding(plan.uniqueChecks.map(({ field, value }) => ({ field, value })), signal);
  return withUniqueness(plan, holders);
}
