import * as vscode from 'vscode';
import { isCancelled, showFailure } from './failures';
import type { SecretCheck, UrlCheck } from '../domain/orgUrls';
import { abortSignalOf } from './cancellation';
import type { Log } from './log';
import type { StoredOrg } from './orgStore';

/** What differs between connecting an Okta org and a Salesforce org. */
export interface ConnectFlowSpec<T extends StoredOrg> {
  readonly title: string;
  readonly urlPrompt: string;
  readonly urlPlaceholder: string;
  readonly secretPrompt: string;
  readonly secretName: string;
  checkUrl(input: string): UrlCheck;
  checkSecret(input: string): SecretCheck;
  /** Calls the org with the credential; resolves to the org to store, or throws a message for the admin. */
  verify(url: string, secret: string, signal: AbortSignal): Promise<T>;
  /** Stores the proven org and its credential. */
  save(org: T, secret: string): Promise<unknown>;
}

/**
 * Asks for the org's address and credential, proves them against the org, then stores them.
 * On failure it offers to try again with everything typed so far kept in the boxes.
 */
export async function runConnectFlow<T extends StoredOrg>(
  spec: ConnectFlowSpec<T>, log: Log, prefillUrl = '',
): Promise<T | undefined> {
  let url = prefillUrl;
  let secret = '';
  for (;;) {
    const typedUrl = await vscode.window.showInputBox({
      title: `${spec.title} (1/2)`, prompt: spec.urlPrompt, placeHolder: spec.urlPlaceholder, value: url,
      ignoreFocusOut: true, validateInput: (v) => messageOf(spec.checkUrl(v)),
    });
    if (typedUrl === undefined) return undefined;
    const urlCheck = spec.checkUrl(typedUrl);
    if (!urlCheck.ok) return undefined;
    url = urlCheck.url;

    const typedSecret = await vscode.window.showInputBox({
      title: `${spec.title} (2/2)`, prompt: spec.secretPrompt, placeHolder: spec.secretName, value: secret,
      password: true, ignoreFocusOut: true, validateInput: (v) => messageOf(spec.checkSecret(v)),
    });
    if (typedSecret === undefined) return undefined;
    const secretCheck = spec.checkSecret(typedSecret);
    if (!secretCheck.ok) return undefined;
    secret = secretCheck.secret;

    try {
      const org = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the {0} with {1}…', spec.secretName, url), cancellable: true },
        (_, token) => spec.verify(url, secret, abortSignalOf(token)),
      );
      await spec.save(org, secret);
      log.info(`Connected to ${org.url}${org.account ? ` as ${org.account}` : ''}`);
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

function messageOf(check: UrlCheck | SecretCheck): string | undefined {
  return check.ok ? undefined : check.message;
}
