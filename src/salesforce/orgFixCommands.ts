import * as vscode from 'vscode';
import { reportingFailures } from '../common/failures';
import type { FixPlan, ProfileFixPlan } from '../domain/orgFixes/profileFixes';
import { loadSalesforceApi } from './salesforceBundle';
import type { Verdict } from '../domain/profileAudit';
import { type AuditDeps, orgOfNode, withOrgProgressOf } from './auditCommands';
import { ProfileNode } from './profileNodes';
import { orgLabel, type SalesforceOrg } from './salesforceOrgs';

export interface OrgFixDeps extends AuditDeps {
  /** Where the last fix is kept for Revert (the global state: it outlives the window). */
  state: vscode.Memento;
  /** Draws the Profiles view again once a new audit is read. */
  redraw(): void;
}

/** A script's or a test's request: the org (id or URL), the profile (id or name), and whether the preview is taken as confirmed. */
interface FixRequest {
  org?: string;
  profile: string;
  confirmed?: boolean;
}

/** What Fix in Org and Revert end with, for scripts and tests. */
export interface FixOutcome {
  outcome: 'fixed' | 'reverted' | 'nothingToFix' | 'standardProfile' | 'licenseCannotCarry' | 'unknownProfile' | 'cancelled' | 'failed';
  /** The profile's verdict in the audit read after the write. */
  verdictAfter?: Verdict;
  message?: string;
}

/** The last fix, kept for Revert: which org and profile, and each changed field's previous value. */
interface LastFix {
  orgId: string;
  orgLabel: string;
  profileId: string;
  profileName: string;
  /** The Profile fields and the values they had before the fix. */
  previous: Record<string, boolean>;
  labels: string[];
  at: string;
}

const lastFixKey = 'oktaSf.salesforce.lastProfileFix';

/** Said when a write did not complete: a refused update changes nothing, one cut off may still have been saved. */
const notFinished = (profile: string) => vscode.l10n.t('The change to {0} did not complete. A refused update changes nothing; if the request was cut off, audit the org again to see whether it was saved.', profile);

const isFixRequest = (value: unknown): value is FixRequest => typeof (value as FixRequest | undefined)?.profile === 'string';
/** A script confirmed ahead: nobody is there to answer a message, so failures go back to it. */
const scripted = (value: unknown) => isFixRequest(value) && value.confirmed === true;

/**
 * Fix in Org (enable exactly the missing required permissions and their dependencies on a custom profile,
 * after a preview the admin confirms, then audit again), Revert Last Profile Fix, and Create Okta
 * Integration Profile. Every write goes through the `Profile` sObject; nothing is written unconfirmed.
 */
export function registerOrgFixCommands(deps: OrgFixDeps): vscode.Disposable[] {
  const { log } = deps;

  async function orgOf(arg: unknown): Promise<SalesforceOrg | undefined> {
    return isFixRequest(arg) && arg.org !== undefined ? deps.orgs.named(arg.org) : orgOfNode(deps, arg);
  }

  /** Reads the org again and draws the view; the profile's new verdict. */
  async function auditAgain(org: SalesforceOrg, profileId: string, signal: AbortSignal): Promise<Verdict | undefined> {
    const { audit } = await deps.audits.get(org, signal, { fresh: true });
    deps.redraw();
    return audit.profiles.find((p) => p.profileId === profileId)?.verdict;
  }

  /** The plan for the profile a node or a request names, or that the admin picks among the failing candidates. */
  async function planFor(org: SalesforceOrg, arg: unknown, signal: AbortSignal): Promise<ProfileFixPlan | undefined> {
    const { audit } = await deps.audits.get(org, signal);
    let profileId: string | undefined;
    if (arg instanceof ProfileNode) profileId = arg.row.profile.profileId;
    else if (isFixRequest(arg)) profileId = audit.profiles.find((p) => p.profileId === arg.profile || p.name === arg.profile)?.profileId ?? arg.profile;
    else {
      const failing = audit.profiles.filter((p) => p.isIntegrationCandidate && p.verdict !== 'pass');
      const picked = await vscode.window.showQuickPick(failing.map((p) => ({ label: p.name, description: p.licenseName ?? undefined, detail: p.findings[0]?.message, id: p.profileId })), {
        title: vscode.l10n.t('Fix in Org: which profile of {0}?', orgLabel(org)),
        placeHolder: failing.length ? undefined : vscode.l10n.t('No integration profile fails the audit.'),
      });
      profileId = picked?.id;
    }
    if (!profileId) return undefined;
    // The audit read whether the profile is custom; an older read did not, and then its own permission set says (one query).
    const known = audit.profiles.find((p) => p.profileId === profileId)?.isCustom;
    if (known !== undefined) return loadSalesforceApi().planProfileFix(audit, profileId, { isCustom: known });
    const session = await deps.orgs.session(org);
    const fields = audit.required.permissions.map((p) => p.apiField);
    const facts = await session.readProfilePermissions(profileId, fields, signal).catch((error: unknown) => {
      if ((error as { kind?: string }).kind === 'notFound') return undefined;
      throw error;
    });
    return loadSalesforceApi().planProfileFix(audit, profileId, { isCustom: facts?.isCustom ?? true });
  }

  /** The preview as a modal (its detail lists each change); true when the admin confirms. */
  async function confirm(plan: FixPlan, org: SalesforceOrg, request: unknown): Promise<boolean> {
    if (isFixRequest(request) && request.confirmed) return true;
    const enable = vscode.l10n.t('Enable {0} Permission(s)', plan.changes.length);
    const [, , ...lines] = loadSalesforceApi().previewLines(plan, orgLabel(org));
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Fix {0} in {1}?', plan.profileName, orgLabel(org)), { modal: true, detail: lines.join('\n') }, enable);
    return answer === enable;
  }

  async function fixProfile(arg?: unknown): Promise<FixOutcome> {
    const org = await orgOf(arg);
    if (!org) return { outcome: 'cancelled' };
    const plan = await withOrgProgressOf(deps, org, vscode.l10n.t('Reading what {0} lacks…', orgLabel(org)), (signal) => planFor(org, arg, signal), scripted(arg));
    if (!plan) return { outcome: 'cancelled' };
    if (plan.kind !== 'fix') {
      const message = loadSalesforceApi().previewLines(plan, orgLabel(org)).join(' ');
      const create = vscode.l10n.t('Create Okta Integration Profile…');
      const offersCreate = plan.kind === 'standardProfile' || plan.kind === 'licenseCannotCarry';
      if (!(isFixRequest(arg) && arg.confirmed)) {
        void vscode.window.showInformationMessage(message, ...(offersCreate ? [create] : [])).then((choice) => {
          if (choice === create) void vscode.commands.executeCommand('oktaSf.salesforce.createIntegrationProfile');
        });
      }
      return { outcome: plan.kind, message };
    }
    if (!await confirm(plan, org, arg)) return { outcome: 'cancelled' };

    const labels = plan.changes.map((c) => c.label);
    const result = await withOrgProgressOf(deps, org, vscode.l10n.t('Enabling {0} on {1}…', labels.join(', '), plan.profileName), async (signal) => {
      const session = await deps.orgs.session(org);
      // One update: Salesforce saves a record's fields together or not at all, so a refusal changes nothing.
      await session.updateProfilePermissions(plan.profileId, loadSalesforceApi().fixFields(plan), signal);
      await remember(org, plan);
      log.info(`Fix in Org: enabled ${labels.join(', ')} on the profile ${plan.profileName} (${plan.profileId}) of ${org.url}`);
      // The fix is saved: a failed audit after it is said, not taken for a failed fix.
      return { verdict: await auditAgain(org, plan.profileId, signal).catch((error: unknown) => {
        log.error(`Auditing ${org.url} after the fix failed`, error);
        return undefined;
      }) };
    }, scripted(arg));
    if (result === undefined) return { outcome: 'failed', message: notFinished(plan.profileName) };
    const verdict = result.verdict;
    const revert = vscode.l10n.t('Revert');
    const message = verdict === 'pass'
      ? vscode.l10n.t('{0} now passes the audit: {1} enabled.', plan.profileName, labels.join(', '))
      : verdict === undefined
        ? vscode.l10n.t('Enabled {0} on {1}, but the org could not be audited again: refresh the Salesforce Profiles view to see the verdict.', labels.join(', '), plan.profileName)
        : vscode.l10n.t('Enabled {0} on {1}; the audit still says {2}. See its findings in the Salesforce Profiles view.', labels.join(', '), plan.profileName, verdict);
    void vscode.window.showInformationMessage(message, revert).then((choice) => {
      if (choice === revert) void vscode.commands.executeCommand('oktaSf.salesforce.revertProfileFix');
    });
    return { outcome: 'fixed', verdictAfter: verdict, message };
  }

  async function remember(org: SalesforceOrg, plan: FixPlan): Promise<void> {
    const last: LastFix = {
      orgId: org.id, orgLabel: orgLabel(org), profileId: plan.profileId, profileName: plan.profileName,
      previous: loadSalesforceApi().revertPlan(plan).fields, labels: plan.changes.map((c) => c.label), at: new Date().toISOString(),
    };
    await deps.state.update(lastFixKey, last);
  }

  async function revertFix(arg?: unknown): Promise<FixOutcome> {
    const last = deps.state.get<LastFix>(lastFixKey);
    if (!last) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No profile fix to revert.'));
      return { outcome: 'cancelled' };
    }
    const org = deps.orgs.store.get(last.orgId);
    if (!org) throw new Error(vscode.l10n.t('The last fix was made in {0}, which is no longer signed in. Sign in to it to revert the fix.', last.orgLabel));
    if (!(isFixRequest(arg) && arg.confirmed)) {
      const revert = vscode.l10n.t('Revert');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Revert the fix of {0} in {1}?', last.profileName, last.orgLabel), {
        modal: true, detail: vscode.l10n.t('Turns these permissions back off, as they were before the fix of {0}: {1}.', new Date(last.at).toLocaleString(), last.labels.join(', ')),
      }, revert);
      if (answer !== revert) return { outcome: 'cancelled' };
    }
    const verdict = await withOrgProgressOf(deps, org, vscode.l10n.t('Reverting the fix of {0}…', last.profileName), async (signal) => {
      await (await deps.orgs.session(org)).updateProfilePermissions(last.profileId, last.previous, signal);
      await deps.state.update(lastFixKey, undefined);
      log.info(`Fix in Org reverted: ${last.labels.join(', ')} back off on the profile ${last.profileName} (${last.profileId}) of ${org.url}`);
      return { verdict: await auditAgain(org, last.profileId, signal).catch(() => undefined) };
    }, scripted(arg));
    if (verdict === undefined) return { outcome: 'failed', message: notFinished(last.profileName) };
    return { outcome: 'reverted', verdictAfter: verdict.verdict };
  }

  /** A request for Create Okta Integration Profile from a script: name and license (name or id) without asking. */
  interface CreateRequest { org?: string; name?: string; license?: string; confirmed?: boolean }

  async function createProfile(arg?: unknown): Promise<{ outcome: 'created' | 'cancelled' | 'refused'; profileId?: string; problems?: string[] }> {
    const request = (typeof arg === 'object' && arg !== null && !(arg instanceof ProfileNode) ? arg : {}) as CreateRequest;
    const org = await orgOf(request.org !== undefined ? { org: request.org, profile: '' } : arg);
    if (!org) return { outcome: 'cancelled' };
    const facts = await withOrgProgressOf(deps, org, vscode.l10n.t('Reading the licenses and profiles of {0}…', orgLabel(org)), async (signal) => {
      const session = await deps.orgs.session(org);
      const [licenses, names, { audit }] = await Promise.all([session.readUserLicenses(signal), session.readProfileNames(signal), deps.audits.get(org, signal)]);
      return { licenses, names, audit };
    }, request.confirmed === true);
    if (!facts) return { outcome: 'cancelled' };
    const name = request.name ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Okta Integration Profile in {0} (1/2)', orgLabel(org)), prompt: vscode.l10n.t('The new profile\'s name.'),
      value: 'Okta Integration', ignoreFocusOut: true,
      validateInput: (value) => {
        const taken = facts.names.find((n) => n.toLowerCase() === value.trim().toLowerCase());
        return taken ? vscode.l10n.t('A profile named {0} already exists. Choose another name, or use Fix in Org on it.', taken) : value.trim() ? undefined : vscode.l10n.t('Enter a name.');
      },
    });
    if (name === undefined) return { outcome: 'cancelled' };
    const licenses = facts.licenses.map((l) => ({ ...l, left: l.total - l.used }));
    const license = request.license !== undefined
      ? licenses.find((l) => l.name === request.license || l.id === request.license)
      : (await vscode.window.showQuickPick(licenses.map((l) => ({ label: l.name, description: vscode.l10n.t('{0} of {1} seats left', l.left, l.total), license: l })).sort((a, b) => Number(b.label === 'Salesforce') - Number(a.label === 'Salesforce')), {
        title: vscode.l10n.t('Create Okta Integration Profile in {0} (2/2)', orgLabel(org)), placeHolder: vscode.l10n.t('The user license of the profile (Salesforce carries every permission Okta needs).'),
      }))?.license;
    if (!license) return request.license !== undefined ? { outcome: 'refused', problems: [vscode.l10n.t('The org has no user license {0}.', request.license)] } : { outcome: 'cancelled' };
    const plan = loadSalesforceApi().planProfileCreate({
      name, licenseId: license.id, licenseName: license.name, required: facts.audit.required, existingNames: facts.names, licenseSeatsLeft: license.left,
      unreadablePermissions: facts.audit.profiles.flatMap((p) => p.permissions).filter((s) => s.state === 'unreadable').map((s) => s.permission),
    });
    if (!plan.ok) {
      void vscode.window.showErrorMessage(plan.problems.join(' '));
      return { outcome: 'refused', problems: plan.problems };
    }
    if (!request.confirmed) {
      const create = vscode.l10n.t('Create Profile');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Create the profile {0} in {1}?', name.trim(), orgLabel(org)), {
        modal: true,
        detail: [
          vscode.l10n.t('License: {0}. Enabled on the profile itself:', license.name),
          ...plan.changes.map((c) => `  ${c.label} (${c.field})`),
          ...plan.warnings,
        ].join('\n'),
      }, create);
      if (answer !== create) return { outcome: 'cancelled' };
    }
    const profileId = await withOrgProgressOf(deps, org, vscode.l10n.t('Creating the profile {0}…', name.trim()), async (signal) => {
      const id = await (await deps.orgs.session(org)).createProfile(plan.body, signal);
      log.info(`Created the profile ${name.trim()} (${id}) in ${org.url} with ${plan.changes.map((c) => c.label).join(', ')}`);
      await auditAgain(org, id, signal);
      return id;
    }, request.confirmed === true);
    if (!profileId) return { outcome: 'cancelled' };
    const createUser = vscode.l10n.t('Create Integration User…');
    if (!request.confirmed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Created the profile {0} in {1}. Give it to Okta\'s integration user.', name.trim(), orgLabel(org)), createUser).then((choice) => {
        if (choice === createUser) void vscode.commands.executeCommand('oktaSf.salesforce.createIntegrationUser', { org: org.id, profile: profileId });
      });
    }
    return { outcome: 'created', profileId };
  }


  return [
    vscode.commands.registerCommand('oktaSf.salesforce.fixProfileInOrg', reportingFailures(log, 'Fix in Org', fixProfile, (message): FixOutcome => ({ outcome: 'failed', message }))),
    vscode.commands.registerCommand('oktaSf.salesforce.revertProfileFix', reportingFailures(log, 'Reverting the profile fix', revertFix, (message): FixOutcome => ({ outcome: 'failed', message }))),
    vscode.commands.registerCommand('oktaSf.salesforce.createIntegrationProfile', reportingFailures(log, 'Creating the integration profile', createProfile,
      (message) => ({ outcome: 'refused' as const, problems: [message] }))),
  ];
}
