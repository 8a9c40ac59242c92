import * as vscode from 'vscode';
import { isCancelled, showFailure } from './failures';
import type { SecretCheck, UrlCheck } from '../domain/orgUrls';
import { abortSignalOf } from './cancellation';
import type { Log } from './log';
import type { StoredOrg } from './orgStore';
import { withRequestProgress } from './requestProgress';

/**
 * What differs between connecting an Okta org and a Salesforce org. `S` is the credential: a pasted
 * token (the default), or what a service app needs (client id, key, scopes).
 */
export interface ConnectFlowSpec<T extends StoredOrg, S = string> {
  readonly title: string;
  readonly urlPrompt: string;
  readonly urlPlaceholder: string;
  /** What the credential is called in "Checking the … with …". */
  readonly secretName: string;
  /** How many boxes the flow shows, the URL's included (the titles count "1/N"). */
  readonly steps?: number;
  checkUrl(input: string): UrlCheck;
  /** Asks for the credential, starting from what was typed before; undefined when cancelled. */
  askSecret(typed: S | undefined, stepTitle: (step: number) => string): Promise<S | undefined>;
  /** Calls the org with the credential; resolves to the org to store, or throws a message for the admin. */
  verify(url: string, secret: S, signal: AbortSignal): Promise<T>;
  /** Stores the proven org and its credential. */
  save(org: T, secret: S): Promise<unknown>;
}

export interface ConnectFlowStart<S> {
  url?: string;
  secret?: S;
  /** Both are known (imported, or named by a script): prove them before asking anything. */
  proveFirst?: boolean;
}

/**
 * Asks for the org's address and credential, proves them against the org, then stores them.
 * On failure it offers to try again with everything typed so far kept in the boxes.
 */
export async function runConnectFlow<T extends StoredOrg, S = string>(
  spec: ConnectFlowSpec<T, S>, log: Log, start: ConnectFlowStart<S> = {},
): Promise<T | undefined> {
  let url = start.url ?? '';
  let secret = start.secret;
  const steps = spec.steps ?? 2;
  const stepTitle = (step: number) => `${spec.title} (${step}/${steps})`;
  for (let ask = !start.proveFirst; ; ask = true) {
    if (ask || secret === undefined) {
      const typedUrl = await vscode.window.showInputBox({
        title: stepTitle(1), prompt: spec.urlPrompt, placeHolder: spec.urlPlaceholder, value: url,
        ignoreFocusOut: true, validateInput: (v) => validationOf(spec.checkUrl(v)),
      });
      if (typedUrl === undefined) return undefined;
      const urlCheck = spec.checkUrl(typedUrl);
      if (!urlCheck.ok) return undefined;
      url = urlCheck.url;
      secret = await spec.askSecret(secret, stepTitle);
      if (secret === undefined) return undefined;
    }
    try {
      const proven = secret;
      const org = await withRequestProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the {0} with {1}…', spec.secretName, url), cancellable: true },
        (_, token) => proveAndSave(spec, url, proven, log, abortSignalOf(token)),
      );
      void vscode.window.showInformationMessage(org.account
        ? vscode.l10n.t('Connected to {0} as {1}.', org.url, org.account)
        : vscode.l10n.t('Connected to {0}.', org.url));
      return org;
    } catch (error) {
      if (isCancelled(error)) return undefined;
      const tryAgain = vscode.l10n.t('Try Again');
      const choice = await showFailure(log, error, { logged: `Connecting to ${url} failed`, actions: [tryAgain] });
      if (choice !== tryAgain) return undefined;
    }
  }
}

/** Proves the credential against the org and stores both; no question asked (scripts use it as it is). */
export async function proveAndSave<T extends StoredOrg, S>(spec: ConnectFlowSpec<T, S>, url: string, secret: S, log: Log, signal: AbortSignal): Promise<T> {
  const org = await spec.verify(url, secret, signal);
  await spec.save(org, secret);
  log.info(`Connected to ${org.url}${org.account ? ` as ${org.account}` : ''}`);
  return org;
}

/** The password box for a pasted token, checked as it is typed. */
export function askPastedSecret(options: { prompt: string; placeholder: string; check(input: string): SecretCheck }): ConnectFlowSpec<StoredOrg>['askSecret'] {
  return async (typed, stepTitle) => {
    const input = await vscode.window.showInputBox({
      title: stepTitle(2), prompt: options.prompt, placeHolder: options.placeholder, value: typed ?? '',
      password: true, ignoreFocusOut: true, validateInput: (v) => validationOf(options.check(v)),
    });
    if (input === undefined) return undefined;
    const check = options.check(input);
    return check.ok ? check.secret : undefined;
  };
}

/** A box's validation: a refusal blocks the box; a correction's note is shown without blocking it. */
export function validationOf(check: UrlCheck | SecretCheck): string | vscode.InputBoxValidationMessage | undefined {
  if (!check.ok) return check.message;
  return 'note' in check && check.note ? { message: check.note, severity: vscode.InputBoxValidationSeverity.Info } : undefined;
}
