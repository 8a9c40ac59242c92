import * as vscode from 'vscode';
import { reportingFailures } from '../common/failures';
import type { IntegrationUserInput } from '../domain/orgFixes/integrationUser';
import { loadSalesforceApi } from './salesforceBundle';
import type { ProfileVerdict } from '../domain/profileAudit';
import { type OrgFixDeps } from './orgFixCommands';
import { orgOfNode, withOrgProgressOf } from './auditCommands';
import { orgLabel, type SalesforceOrg } from './salesforceOrgs';

/** A script's or a test's request: everything the questions would ask. */
interface UserRequest {
  org?: string;
  profile?: string;
  email?: string;
  username?: string;
  sendEmail?: boolean;
  confirmed?: boolean;
}

export interface UserOutcome {
  outcome: 'created' | 'cancelled' | 'refused' | 'failed';
  userId?: string;
  problems?: string[];
}

const isRequest = (value: unknown): value is UserRequest => typeof value === 'object' && value !== null && !Array.isArray(value)
  && ['org', 'profile', 'email', 'username'].some((key) => key in value);

/**
 * Create Integration User…: Okta's integration user with the fields Salesforce requires, prefilled with values
 * valid against the org's User describe and checked by the pre-flight's validator before the request, the
 * username and nickname looked up first, the chosen profile assigned, and the admin's choice of e-mail.
 */
export function registerIntegrationUserCommand(deps: OrgFixDeps): vscode.Disposable {
  async function orgOf(request: UserRequest | undefined, arg: unknown): Promise<SalesforceOrg | undefined> {
    return request?.org !== undefined ? deps.orgs.named(request.org) : orgOfNode(deps, arg);
  }

  async function pickProfile(org: SalesforceOrg, profiles: readonly ProfileVerdict[]): Promise<ProfileVerdict | undefined> {
    const candidates = [...profiles].sort((a, b) => Number(b.isIntegrationCandidate) - Number(a.isIntegrationCandidate) || Number(b.verdict === 'pass') - Number(a.verdict === 'pass'));
    const picked = await vscode.window.showQuickPick(candidates.map((p) => ({
      label: p.name, description: [p.isIntegrationCandidate ? vscode.l10n.t('integration profile') : undefined, p.verdict].filter(Boolean).join(' · '), profile: p,
    })), { title: vscode.l10n.t('Create Integration User in {0}: which profile?', orgLabel(org)), matchOnDescription: true });
    return picked?.profile;
  }

  /** Asks for one value, checked as the user is typed against the problems Salesforce would raise. */
  const ask = (title: string, prompt: string, value: string, problemOf: (text: string) => string | undefined) => vscode.window.showInputBox({
    title, prompt, value, ignoreFocusOut: true, validateInput: problemOf,
  });

  async function createUser(arg?: unknown): Promise<UserOutcome> {
    const request = isRequest(arg) ? arg : undefined;
    const org = await orgOf(request, arg);
    if (!org) return { outcome: 'cancelled' };
    const facts = await withOrgProgressOf(deps, org, vscode.l10n.t('Reading the User fields and profiles of {0}…', orgLabel(org)), async (signal) => {
      const session = await deps.orgs.session(org);
      const [userFields, { audit }] = await Promise.all([session.describeUser(signal), deps.audits.get(org, signal)]);
      return { userFields, audit };
    }, request?.confirmed === true);
    if (!facts) return { outcome: 'cancelled' };
    const profile = request?.profile !== undefined
      ? facts.audit.profiles.find((p) => p.profileId === request.profile || p.name === request.profile)
      : await pickProfile(org, facts.audit.profiles);
    if (!profile) return request?.profile !== undefined ? { outcome: 'refused', problems: [vscode.l10n.t('The org has no profile {0}.', request.profile)] } : { outcome: 'cancelled' };

    const { integrationUserDefaults, userCreateBody, validateIntegrationUser } = loadSalesforceApi();
    // The admin's own address (the signed-in account, when it is one) for the e-mail; the username in the org's domain.
    const adminEmail = org.account && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(org.account) ? org.account : '';
    const defaults = integrationUserDefaults({ email: request?.email ?? adminEmail, userFields: facts.userFields });
    let input: IntegrationUserInput = { ...defaults, profileId: profile.profileId, ...(request?.username !== undefined ? { username: request.username } : {}) };
    const problemOf = (field: keyof IntegrationUserInput) => (text: string) =>
      validateIntegrationUser({ ...input, [field]: text }, facts.userFields).find((p) => p.field === field)?.message;
    if (!request) {
      const title = vscode.l10n.t('Create Integration User in {0}', orgLabel(org));
      const email = await ask(`${title} (1/2)`, vscode.l10n.t('The e-mail address of the person who looks after Okta\'s integration user.'), input.email, problemOf('email'));
      if (email === undefined) return { outcome: 'cancelled' };
      input = { ...input, email, username: input.username || integrationUserDefaults({ email, userFields: facts.userFields }).username };
      const username = await ask(`${title} (2/2)`, vscode.l10n.t('The username: an e-mail-shaped name unique across every Salesforce org.'), input.username, problemOf('username'));
      if (username === undefined) return { outcome: 'cancelled' };
      input = { ...input, username };
    }
    // The nickname is unique in the org: the username's own name is, where the default may not be.
    const nicknameLength = facts.userFields.find((f) => f.name === 'CommunityNickname')?.length ?? 40;
    input = { ...input, communityNickname: input.username.split('@')[0].slice(0, nicknameLength) || input.communityNickname };
    const problems = validateIntegrationUser(input, facts.userFields);
    if (problems.length) {
      void vscode.window.showErrorMessage(problems.map((p) => p.message).join(' '));
      return { outcome: 'refused', problems: problems.map((p) => p.message) };
    }
    const sendEmail = request?.sendEmail ?? await askEmail(input.email);
    if (sendEmail === undefined) return { outcome: 'cancelled' };
    const create = userCreateBody(input, { sendEmail });

    // Taken in this org: said before anything is written (another org's username shows only when Salesforce refuses it).
    const taken = await withOrgProgressOf(deps, org, vscode.l10n.t('Checking the username in {0}…', orgLabel(org)), async (signal) =>
      (await deps.orgs.session(org)).findUsersHolding([{ field: 'Username', value: input.username }, ...(input.communityNickname ? [{ field: 'CommunityNickname', value: input.communityNickname }] : [])], signal),
    request?.confirmed === true);
    if (!taken) return { outcome: 'cancelled' };
    if (taken.length) {
      const clash = taken.flatMap((holder) => holder.matches.map((m) => vscode.l10n.t('{0} {1} is already {2}\'s.', m.field, m.value, holder.username)));
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} Choose another.', clash.join(' ')));
      return { outcome: 'refused', problems: clash };
    }

    if (!request?.confirmed) {
      const confirm = vscode.l10n.t('Create User');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Create the user {0} in {1}?', input.username, orgLabel(org)), {
        modal: true,
        detail: [...Object.entries(create.body).map(([field, value]) => `${field}: ${String(value)}`), vscode.l10n.t('Profile: {0}', profile.name), '', create.emailNote].join('\n'),
      }, confirm);
      if (answer !== confirm) return { outcome: 'cancelled' };
    }
    let userId: string | undefined;
    const done = await withOrgProgressOf(deps, org, vscode.l10n.t('Creating the user {0}…', input.username), async (signal) => {
      const session = await deps.orgs.session(org);
      userId = await session.createUser(create.body, { sendEmail: false }, signal);
      deps.log.info(`Created Okta's integration user ${input.username} (${userId}) with the profile ${profile.name} in ${org.url}`);
      // The e-mail is Salesforce's password reset, once the user exists; its temporary password is dropped unread.
      if (create.afterCreate) await session.sendPasswordResetEmail(userId, signal);
      return true;
    }, request?.confirmed === true).catch((error: unknown) => {
      if (userId) return false;
      throw error;
    });
    if (!done) {
      // The user may exist although the e-mail was not sent: say exactly which part did not happen.
      if (userId) return { outcome: 'failed', userId, problems: [vscode.l10n.t('The user {0} was created, but the password e-mail was not sent: use Reset Password on the user in Setup.', input.username)] };
      return { outcome: 'failed', problems: [vscode.l10n.t('The user {0} was not created.', input.username)] };
    }
    if (!request) void vscode.window.showInformationMessage(vscode.l10n.t('Created {0} with the profile {1}. Use it for Authenticate with Salesforce.com in Configure API Integration.', input.username, profile.name));
    return { outcome: 'created', userId };
  }

  async function askEmail(to: string): Promise<boolean | undefined> {
    const picked = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('Do not e-mail the user'), detail: vscode.l10n.t('Okta signs in as this user through OAuth; it needs no password.'), send: false },
      { label: vscode.l10n.t('E-mail {0} a link to set a password', to), detail: vscode.l10n.t('Salesforce sends its password reset e-mail right after the user is created.'), send: true },
    ], { title: vscode.l10n.t('Should Salesforce e-mail the new user?') });
    return picked?.send;
  }

  return vscode.commands.registerCommand('oktaSf.salesforce.createIntegrationUser',
    reportingFailures(deps.log, 'Creating the integration user', createUser, (message): UserOutcome => ({ outcome: 'failed', problems: [message] })));
}
