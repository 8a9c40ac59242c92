import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askPastedSecret, type ConnectFlowSpec, proveAndSave, runConnectFlow } from '../common/connectFlow';
import { messageOf, showFailure } from '../common/failures';
import type { Log } from '../common/log';
import {
  checkPrivateKey, describeFoundConfig, type FoundOktaConfig, foundAuthMode, mergeFoundConfig, oktaConfigFromEnvironment, oktaScopeUses, parseOktaYaml,
} from '../domain/oktaCredentials';
import { checkOktaOrgUrl, checkPastedToken } from '../domain/orgUrls';
import type * as OktaApi from './api/oktaApi';
import { methodOf, type OktaOrg, type OktaOrgs, openOktaSession } from './oktaOrgs';

type ServiceAppCredential = Extract<OktaApi.OktaCredential, { kind: 'serviceApp' }>;

/**
 * A connection named in full, for scripts and tests: an API token, or a service app with its key
 * as text or as a file to read. No question is asked; a failure is shown and returned.
 */
export type OktaConnectRequest =
  | { orgUrl: string; apiToken: string }
  | { orgUrl: string; clientId: string; privateKey?: string; privateKeyFile?: string; keyId?: string; scopes?: string[] };

/** What a scripted connection ends with: the org, or the message the admin was shown. */
export type OktaConnectResult = { org: OktaOrg } | { failure: string };

export function isOktaConnectRequest(value: unknown): value is OktaConnectRequest {
  const request = (value ?? {}) as Record<string, unknown>;
  if (typeof request.orgUrl !== 'string') return false;
  if (typeof request.apiToken === 'string') return true;
  return typeof request.clientId === 'string' && (typeof request.privateKey === 'string' || typeof request.privateKeyFile === 'string')
    && (request.scopes === undefined || (Array.isArray(request.scopes) && request.scopes.every((s) => typeof s === 'string')));
}

const allScopes = oktaScopeUses.map((entry) => entry.scope);
/** Every view reads apps, and connecting proves the credential by reading one. */
const requiredScope = 'okta.apps.read';
const yamlFile = path.join(os.homedir(), '.okta', 'okta.yaml');
const yamlFileShown = '~/.okta/okta.yaml';

type MethodItem = vscode.QuickPickItem & { method: 'apiToken' | 'serviceApp' | 'import' };

/** Connecting an Okta org: with an API token, as an OAuth 2.0 service app, or with what okta.yaml holds. */
export class OktaConnect {
  constructor(private readonly orgs: OktaOrgs, private readonly log: Log) {}

  /** Asks how to connect; `again` connects a known org the way it was connected before. */
  async run(again?: OktaOrg): Promise<OktaOrg | undefined> {
    if (again) {
      const credential = await this.orgs.credential(again);
      return again.method?.kind === 'serviceApp'
        ? runConnectFlow(this.serviceAppSpec(), this.log, { url: again.url, secret: credential?.kind === 'serviceApp' ? credential : undefined })
        : runConnectFlow(this.apiTokenSpec(), this.log, { url: again.url });
    }
    const picked = await vscode.window.showQuickPick<MethodItem>([
      { label: '$(key) ' + vscode.l10n.t('API Token'), detail: vscode.l10n.t('An admin\'s token (SSWS) from Security → API → Tokens; it acts as that admin'), method: 'apiToken' },
      { label: '$(server-process) ' + vscode.l10n.t('Service App (OAuth 2.0)'), detail: vscode.l10n.t('An API service app\'s client ID and private key, with only the scopes the features use'), method: 'serviceApp' },
      { label: '$(file) ' + vscode.l10n.t('Import from okta.yaml…'), detail: vscode.l10n.t('Read {0} and OKTA_CLIENT_* variables; shows what it found before using it', yamlFileShown), method: 'import' },
    ], { title: vscode.l10n.t('Connect to Okta'), placeHolder: vscode.l10n.t('How does the extension sign in to the org?'), ignoreFocusOut: true });
    switch (picked?.method) {
      case 'apiToken': return runConnectFlow(this.apiTokenSpec(), this.log);
      case 'serviceApp': return runConnectFlow(this.serviceAppSpec(), this.log);
      case 'import': return this.fromOktaYaml();
      default: return undefined;
    }
  }

  /** Connects as the request says, without questions. */
  async runRequest(request: OktaConnectRequest): Promise<OktaConnectResult> {
    const url = checkOktaOrgUrl(request.orgUrl);
    try {
      if (!url.ok) throw new Error(url.message);
      const controller = new AbortController();
      if ('apiToken' in request) {
        const token = checkPastedToken(request.apiToken, '');
        if (!token.ok) throw new Error(token.message);
        return { org: await proveAndSave(this.apiTokenSpec(), url.url, token.secret, this.log, controller.signal) };
      }
      const keyText = request.privateKey ?? await fs.readFile(request.privateKeyFile ?? '', 'utf8');
      const key = checkPrivateKey(keyText);
      if (!key.ok) throw new Error(key.message);
      const credential: ServiceAppCredential = {
        kind: 'serviceApp', clientId: request.clientId.trim(), privateKey: key.privateKey, keyId: request.keyId ?? key.keyId, scopes: request.scopes ?? allScopes,
      };
      return { org: await proveAndSave(this.serviceAppSpec(), url.url, credential, this.log, controller.signal) };
    } catch (error) {
      void showFailure(this.log, error, { logged: `Connecting to ${request.orgUrl} failed` });
      return { failure: messageOf(error) };
    }
  }

  private apiTokenSpec(): ConnectFlowSpec<OktaOrg> {
    return {
      title: vscode.l10n.t('Connect to Okta with an API Token'),
      urlPrompt: vscode.l10n.t('The Okta org URL (not the -admin address).'),
      urlPlaceholder: 'https://dev-123456.okta.com',
      secretName: vscode.l10n.t('API token'),
      checkUrl: checkOktaOrgUrl,
      askSecret: askPastedSecret({
        prompt: vscode.l10n.t('An Okta API token (Admin Console: Security → API → Tokens). It is kept in VS Code\'s secret storage.'),
        placeholder: vscode.l10n.t('API token'),
        check: (v) => checkPastedToken(v, vscode.l10n.t('Create one in the Admin Console under Security → API → Tokens.')),
      }),
      verify: (url, token, signal) => this.verify(url, { kind: 'apiToken', token }, signal),
      save: (org, token) => this.orgs.save(org, { kind: 'apiToken', token }),
    };
  }

  private serviceAppSpec(): ConnectFlowSpec<OktaOrg, ServiceAppCredential> {
    return {
      title: vscode.l10n.t('Connect to Okta as a Service App'),
      urlPrompt: vscode.l10n.t('The Okta org URL (not the -admin address).'),
      urlPlaceholder: 'https://dev-123456.okta.com',
      secretName: vscode.l10n.t('service app'),
      steps: 4,
      checkUrl: checkOktaOrgUrl,
      askSecret: (typed, stepTitle) => this.askServiceApp(typed, stepTitle),
      verify: (url, credential, signal) => this.verify(url, credential, signal),
      save: (org, credential) => this.orgs.save(org, credential),
    };
  }

  private async verify(url: string, credential: OktaApi.OktaCredential, signal: AbortSignal): Promise<OktaOrg> {
    const identity = await openOktaSession(url, credential).verify(signal);
    return { id: url, url, account: identity.login, method: methodOf(credential) };
  }

  /** Client ID, private key (pasted or from a file) and scopes, each starting from what was typed before. */
  private async askServiceApp(typed: ServiceAppCredential | undefined, stepTitle: (step: number) => string): Promise<ServiceAppCredential | undefined> {
    const clientId = await vscode.window.showInputBox({
      title: stepTitle(2), value: typed?.clientId ?? '', ignoreFocusOut: true, placeHolder: '0oa…',
      prompt: vscode.l10n.t('The service app\'s client ID (Applications → your API service app → General). Its client authentication must be "Public key / Private key".'),
      validateInput: (v) => (!v.trim() ? vscode.l10n.t('Enter the client ID.') : /\s/.test(v.trim()) ? vscode.l10n.t('The client ID has no spaces; copy it again as one piece.') : undefined),
    });
    if (!clientId?.trim()) return undefined;
    const key = await this.askPrivateKey(stepTitle(3), typed);
    if (!key) return undefined;
    const scopes = await askScopes(stepTitle(4), typed?.scopes ?? allScopes);
    if (!scopes) return undefined;
    return { kind: 'serviceApp', clientId: clientId.trim(), privateKey: key.privateKey, keyId: key.keyId, scopes };
  }

  /** The key from a file or pasted; refused keys say what was given and ask again. The key itself is never shown. */
  private async askPrivateKey(title: string, typed: ServiceAppCredential | undefined): Promise<{ privateKey: string; keyId?: string } | undefined> {
    type KeyItem = vscode.QuickPickItem & { source: 'file' | 'paste' | 'kept' };
    const items: KeyItem[] = [
      ...(typed ? [{ label: '$(check) ' + vscode.l10n.t('Keep the Key Given Before'), source: 'kept' as const }] : []),
      { label: '$(folder-opened) ' + vscode.l10n.t('Pick the Key File…'), detail: vscode.l10n.t('A PEM private key or a JWK (.pem, .key, .json)'), source: 'file' },
      { label: '$(clippy) ' + vscode.l10n.t('Paste the Key…'), detail: vscode.l10n.t('PEM (-----BEGIN PRIVATE KEY-----) or JWK JSON; kept in VS Code\'s secret storage'), source: 'paste' },
    ];
    for (;;) {
      const picked = await vscode.window.showQuickPick(items, {
        title, placeHolder: vscode.l10n.t('The private key of the service app\'s public key (Okta shows it once, when the key is generated)'), ignoreFocusOut: true,
      });
      if (!picked) return undefined;
      if (picked.source === 'kept' && typed) return { privateKey: typed.privateKey, keyId: typed.keyId };
      if (picked.source === 'paste') {
        const pasted = await vscode.window.showInputBox({
          title, password: true, ignoreFocusOut: true, prompt: vscode.l10n.t('Paste the private key (PEM or JWK).'),
          validateInput: (v) => { const check = checkPrivateKey(v); return check.ok ? undefined : check.message; },
        });
        if (pasted === undefined) continue;
        const check = checkPrivateKey(pasted);
        if (check.ok) return check;
        continue;
      }
      const [file] = await vscode.window.showOpenDialog({
        title, canSelectMany: false, openLabel: vscode.l10n.t('Use This Key'),
        filters: { [vscode.l10n.t('Private keys')]: ['pem', 'key', 'json', 'jwk'], [vscode.l10n.t('All files')]: ['*'] },
      }) ?? [];
      if (!file) continue;
      const check = checkPrivateKey(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
      if (check.ok) return check;
      await vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', path.basename(file.fsPath), check.message), { modal: true });
    }
  }

  /** Reads okta.yaml and OKTA_CLIENT_* now (asked for), shows what was found without secrets, and uses it only if the admin agrees. */
  private async fromOktaYaml(): Promise<OktaOrg | undefined> {
    const sources: string[] = [];
    let fileConfig: FoundOktaConfig | undefined;
    try {
      const read = parseOktaYaml(await fs.readFile(yamlFile, 'utf8'));
      if (read.ok) {
        fileConfig = read.config;
        sources.push(yamlFileShown);
      } else {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not read: {1}', yamlFileShown, read.message));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') void vscode.window.showWarningMessage(vscode.l10n.t('{0} could not be read: {1}', yamlFileShown, messageOf(error)));
    }
    const envConfig = oktaConfigFromEnvironment(process.env);
    if (Object.values(envConfig).some((value) => value !== undefined)) sources.push(vscode.l10n.t('OKTA_CLIENT_* variables'));
    const found = mergeFoundConfig(fileConfig, envConfig);
    const mode = foundAuthMode(found);
    if (!sources.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Neither {0} nor OKTA_CLIENT_* variables hold an Okta connection. Connect with an API token or a service app instead.', yamlFileShown));
      return undefined;
    }
    const use = vscode.l10n.t('Connect with These');
    const edit = vscode.l10n.t('Review in the Boxes');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Found in {0}:', sources.join(vscode.l10n.t(' and '))),
      { modal: true, detail: describeFoundConfig(found).join('\n') }, ...(mode && found.orgUrl ? [use] : []), edit);
    if (!answer) return undefined;
    const url = checkOktaOrgUrl(found.orgUrl ?? '');
    const start = { url: url.ok ? url.url : found.orgUrl, proveFirst: answer === use && url.ok };
    if (mode === 'apiToken') return runConnectFlow(this.apiTokenSpec(), this.log, { ...start, secret: found.token });
    const key = checkPrivateKey(found.privateKey ?? '');
    if (found.privateKey && !key.ok) void vscode.window.showWarningMessage(vscode.l10n.t('The private key found was not used: {0}', key.message));
    const credential: ServiceAppCredential | undefined = key.ok && found.clientId
      ? { kind: 'serviceApp', clientId: found.clientId, privateKey: key.privateKey, keyId: found.keyId ?? key.keyId, scopes: found.scopes?.length ? found.scopes : allScopes }
      : undefined;
    return runConnectFlow(this.serviceAppSpec(), this.log, { ...start, secret: credential, proveFirst: start.proveFirst && credential !== undefined });
  }
}

/** The scopes, offered preselected with what each is for; okta.apps.read is always asked for. */
async function askScopes(title: string, selected: readonly string[]): Promise<string[] | undefined> {
  const items = oktaScopeUses.map((entry) => ({ label: entry.scope, detail: entry.use, picked: selected.includes(entry.scope) }));
  const picked = await vscode.window.showQuickPick(items, {
    title, canPickMany: true, ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('The scopes to ask for; each must be granted to the app (Okta API Scopes tab)'),
  });
  if (!picked) return undefined;
  const scopes = picked.map((item) => item.label);
  return scopes.includes(requiredScope) ? scopes : [requiredScope, ...scopes];
}

