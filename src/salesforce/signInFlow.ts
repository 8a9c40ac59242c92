import * as vscode from 'vscode';
import { abortSignalOf } from '../common/cancellation';
import { askPastedSecret, runConnectFlow } from '../common/connectFlow';
import { failureKind, isCancelled, showFailure } from '../common/failures';
import type { Log } from '../common/log';
import { withRequestProgress } from '../common/requestProgress';
import { cliNeedsTrust, explainUntrusted, isWorkspaceTrusted, manageTrustCommand } from '../common/workspaceTrust';
import { networkSettings, salesforceApiVersion, salesforceCallbackPort, salesforceSignInTimeoutMs } from '../common/settings';
import { checkPastedToken, checkSalesforceInstanceUrl } from '../domain/orgUrls';
import type * as SalesforceApi from './api/salesforceApi';
import { loadSalesforceApi } from './salesforceBundle';
import type { SalesforceOrg, SalesforceOrgs, SalesforceSecret, SignInMethod } from './salesforceOrgs';

const productionLogin = 'https://login.salesforce.com';
const sandboxLogin = 'https://test.salesforce.com';
const lastClientIdKey = 'oktaSf.salesforce.lastClientId';

/**
 * A sign-in named in full, e.g. by a command link: in the browser with a connected app, or
 * through an org the Salesforce CLI knows. No questions are asked unless it fails.
 */
export type SignInRequest =
  | { loginUrl: string; clientId: string; clientSecret?: string }
  | { targetOrg: string };

/** A sign-in at a login URL that asks for the rest (the pre-flight's "Sign In to acme.my.salesforce.com"). */
export function isLoginUrlRequest(value: unknown): value is { loginUrl: string } {
  const request = (value ?? {}) as Record<string, unknown>;
  return typeof request.loginUrl === 'string' && request.clientId === undefined && checkSalesforceInstanceUrl(request.loginUrl).ok;
}

export function isSignInRequest(value: unknown): value is SignInRequest {
  const request = (value ?? {}) as Record<string, unknown>;
  if (typeof request.targetOrg === 'string') return request.targetOrg.trim().length > 0;
  return typeof request.loginUrl === 'string' && typeof request.clientId === 'string'
    && (request.clientSecret === undefined || typeof request.clientSecret === 'string')
    && checkSalesforceInstanceUrl(request.loginUrl).ok;
}

interface ConsumerCredentials {
  clientId: string;
  clientSecret: string;
}

/** What to do when the browser reaches the callback only at another address. */
type ForwardedWay = 'forwardedAddress' | 'cliOrg' | 'accessToken' | 'stop';

type MethodItem = vscode.QuickPickItem & { pick?: 'production' | 'sandbox' | 'myDomain' | 'accessToken' | 'manageTrust'; cliOrg?: SalesforceApi.SfCliOrg };

/**
 * Signing in to a Salesforce org: in the browser (OAuth web-server flow with PKCE and the admin's
 * own connected app), through an org the Salesforce CLI knows, or with a pasted access token.
 */
export class SalesforceSignIn {
  constructor(private readonly orgs: SalesforceOrgs, private readonly state: vscode.Memento, private readonly log: Log) {}

  /** Asks how to sign in; `again` signs in to a known org the way it was signed in before, keeping its alias. */
  async run(again?: SalesforceOrg): Promise<SalesforceOrg | undefined> {
    const method = again?.method;
    if (again && method?.kind === 'browser') return this.inBrowser(method.loginUrl, method.clientId, (await this.orgs.secret(again))?.clientSecret ?? '', again);
    if (method?.kind === 'sfCli') return this.throughCli(method.targetOrg, again);
    if (again) return this.withAccessToken(again.url);

    const picked = await this.pickMethod();
    if (!picked) return undefined;
    if (picked.cliOrg) return this.throughCli(picked.cliOrg.alias ?? picked.cliOrg.username);
    switch (picked.pick) {
      case 'production': return this.inBrowser(productionLogin);
      case 'sandbox': return this.inBrowser(sandboxLogin);
      case 'myDomain': {
        const loginUrl = await vscode.window.showInputBox({
          title: vscode.l10n.t('Sign In to Salesforce: My Domain'), prompt: vscode.l10n.t('The org\'s My Domain login URL.'),
          placeHolder: 'https://acme.my.salesforce.com', ignoreFocusOut: true,
          validateInput: (value) => { const check = checkSalesforceInstanceUrl(value); return check.ok ? undefined : check.message; },
        });
        const check = checkSalesforceInstanceUrl(loginUrl ?? '');
        return check.ok ? this.inBrowser(check.url) : undefined;
      }
      case 'accessToken': return this.withAccessToken();
      case 'manageTrust':
        await vscode.commands.executeCommand(manageTrustCommand);
        return undefined;
      default: return undefined;
    }
  }

  /** Signs in as the request says, asking only if that fails. */
  runRequest(request: SignInRequest): Promise<SalesforceOrg | undefined> {
    if ('targetOrg' in request) return this.throughCli(request.targetOrg.trim());
    const check = checkSalesforceInstanceUrl(request.loginUrl);
    return check.ok ? this.inBrowser(check.url, request.clientId, request.clientSecret ?? '', undefined, false) : Promise.resolve(undefined);
  }

  /** Signs in in the browser at a given login URL (an org another feature names), asking for the connected app. */
  atLoginUrl(loginUrl: string): Promise<SalesforceOrg | undefined> {
    const check = checkSalesforceInstanceUrl(loginUrl);
    return check.ok ? this.inBrowser(check.url) : Promise.resolve(undefined);
  }

  /** The login hosts, then the Salesforce CLI's orgs as they load, then the pasted token. */
  private async pickMethod(): Promise<MethodItem | undefined> {
    const quickPick = vscode.window.createQuickPick<MethodItem>();
    quickPick.title = vscode.l10n.t('Sign In to Salesforce');
    quickPick.placeholder = vscode.l10n.t('Where does the org sign in?');
    quickPick.ignoreFocusOut = true;
    const browserItems: MethodItem[] = [
      { label: '$(globe) ' + vscode.l10n.t('Production'), description: 'login.salesforce.com', detail: vscode.l10n.t('Sign in in the browser with your connected app'), pick: 'production' },
      { label: '$(beaker) ' + vscode.l10n.t('Sandbox'), description: 'test.salesforce.com', detail: vscode.l10n.t('Sign in in the browser with your connected app'), pick: 'sandbox' },
      { label: '$(link) ' + vscode.l10n.t('My Domain…'), detail: vscode.l10n.t('Sign in in the browser at your org\'s own login URL'), pick: 'myDomain' },
    ];
    const tokenItems: MethodItem[] = [
      { label: vscode.l10n.t('Other'), kind: vscode.QuickPickItemKind.Separator },
      { label: '$(key) ' + vscode.l10n.t('Paste an Access Token…'), detail: vscode.l10n.t('A session ID, e.g. from "sf org display"; it cannot be renewed'), pick: 'accessToken' },
    ];
    const show = (cliItems: MethodItem[]) => (quickPick.items = [...browserItems, ...cliItems, ...tokenItems]);
    const controller = new AbortController();
    const loadCliItems = () => {
      show([]);
      quickPick.busy = true;
      void this.cliItems(controller.signal).then((items) => {
        quickPick.busy = false;
        if (!controller.signal.aborted) show(items);
      });
    };
    loadCliItems();
    // Trust granted while the picker is open (from the banner or the Workspace Trust editor): the CLI's orgs come in.
    const trustGranted = vscode.workspace.onDidGrantWorkspaceTrust(loadCliItems);
    quickPick.show();
    try {
      return await new Promise<MethodItem | undefined>((resolve) => {
        quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
        quickPick.onDidHide(() => resolve(undefined));
      });
    } finally {
      trustGranted.dispose();
      controller.abort();
      quickPick.dispose();
    }
  }

  private async cliItems(signal: AbortSignal): Promise<MethodItem[]> {
    const header: MethodItem = { label: vscode.l10n.t('Salesforce CLI'), kind: vscode.QuickPickItemKind.Separator };
    // The CLI runs in the project folder and reads its configuration: in an untrusted folder it is not started,
    // and the item says why and opens the Workspace Trust editor.
    if (!isWorkspaceTrusted()) {
      return [header, {
        label: '$(workspace-untrusted) ' + vscode.l10n.t('Salesforce CLI orgs'), description: vscode.l10n.t('unavailable in Restricted Mode'),
        detail: vscode.l10n.t('{0}: pick this to manage workspace trust.', cliNeedsTrust()), pick: 'manageTrust',
      }];
    }
    try {
      const orgs = await loadSalesforceApi().listSfOrgs({ signal, cwd: projectFolder() });
      if (!orgs?.length) return [];
      return [header, ...orgs.map((org): MethodItem => ({
        label: `$(terminal) ${org.alias ?? org.username}`,
        description: org.alias ? org.username : undefined,
        detail: [org.instanceUrl, org.isDefault ? vscode.l10n.t('default org') : '', org.connectedStatus && org.connectedStatus !== 'Connected' ? org.connectedStatus : '']
          .filter(Boolean).join(' · '),
        cliOrg: org,
      }))];
    } catch (error) {
      this.log.warn(`Listing the Salesforce CLI's orgs failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  /**
   * The browser flow; on failure the admin may try again with what was typed kept. Where the browser
   * reaches the callback only at another address (remote development) that the connected app does not
   * list, the admin hears so before the browser opens and chooses a way that works; a script (`ask`
   * false) is told and stopped, since nobody is there to choose.
   */
  private async inBrowser(
    loginUrl: string, clientId = this.state.get<string>(lastClientIdKey, ''), clientSecret = '', again?: SalesforceOrg, ask = true,
  ): Promise<SalesforceOrg | undefined> {
    const host = new URL(loginUrl).host;
    const scripted = !ask;
    let port = salesforceCallbackPort();
    let client: ConsumerCredentials | undefined = { clientId, clientSecret };
    for (;; ask = true) {
      const route = await this.callbackRoute(port);
      if (ask) client = await this.askConsumerCredentials(host, route.forwarded ?? route.callbackUrl, client);
      if (!client) return undefined;
      await this.state.update(lastClientIdKey, client.clientId);
      if (route.forwarded) {
        const way = await this.forwardedWay(loginUrl, client.clientId, route.callbackUrl, route.forwarded, scripted);
        if (way === 'cliOrg') return this.throughPickedCliOrg();
        if (way === 'accessToken') return this.withAccessToken(again?.url);
        if (way === 'stop') return undefined;
      }
      try {
        return await this.browserSignIn(loginUrl, client.clientId, client.clientSecret, port, again, undefined, route.forwarded);
      } catch (error) {
        if (isCancelled(error)) return undefined;
        const retry = await this.offerRetry(error, port, `Signing in to ${host} failed`, route.forwarded ?? route.callbackUrl);
        if (!retry) return undefined;
        port = retry.port;
      }
    }
  }

  /**
   * The callback URL on `port`, and the address VS Code forwards it to when that differs: in Remote-SSH,
   * WSL, containers, Codespaces and code-server the browser may reach the extension host's port only at
   * another local port, under a proxy path, or through an https tunnel. The same address (desktop VS Code,
   * or Remote-SSH forwarding to the same free port) means the browser reaches the loopback server directly.
   */
  private async callbackRoute(port: number): Promise<CallbackRoute> {
    const callbackUrl = loadSalesforceApi().callbackUrlFor(port);
    try {
      const external = (await vscode.env.asExternalUri(vscode.Uri.parse(callbackUrl))).toString(true);
      return new URL(external).href === new URL(callbackUrl).href ? { port, callbackUrl } : { port, callbackUrl, forwarded: external };
    } catch (error) {
      // No forwarding known (VS Code could not resolve it): the loopback address is the best there is.
      this.log.warn(`VS Code could not tell where the browser reaches ${callbackUrl}: ${error instanceof Error ? error.message : String(error)}`);
      return { port, callbackUrl };
    }
  }

  /**
   * Whether the forwarded address can take the sign-in: when the connected app lists it, it is used as the
   * callback without a word (an unknown key is left for the sign-in to name). Otherwise the admin is told,
   * before any browser opens, and offered the ways that still work.
   */
  private async forwardedWay(loginUrl: string, clientId: string, callbackUrl: string, forwarded: string, scripted: boolean): Promise<ForwardedWay> {
    if (await this.takesForwarded(loginUrl, clientId, callbackUrl, forwarded)) return 'forwardedAddress';
    const message = vscode.l10n.t('Signing in to {0} in the browser would not come back to VS Code here.', new URL(loginUrl).host);
    if (scripted) {
      void vscode.window.showWarningMessage(`${message} ${forwardedExplanation(callbackUrl, forwarded)}`);
      return 'stop';
    }
    const cliOrg = vscode.l10n.t('Use a Salesforce CLI Org…');
    const accessToken = vscode.l10n.t('Paste an Access Token…');
    const viaForwarded = vscode.l10n.t('Copy Address and Sign In with It');
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: forwardedExplanation(callbackUrl, forwarded) }, cliOrg, accessToken, viaForwarded);
    if (choice === viaForwarded) {
      await vscode.env.clipboard.writeText(forwarded);
      return 'forwardedAddress';
    }
    return choice === cliOrg ? 'cliOrg' : choice === accessToken ? 'accessToken' : 'stop';
  }

  /** Whether the connected app lists the forwarded address (an unknown key counts: the sign-in names it before any browser opens). */
  private async takesForwarded(loginUrl: string, clientId: string, callbackUrl: string, forwarded: string): Promise<boolean> {
    const host = new URL(loginUrl).host;
    const listing = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the connected app\'s callback URLs at {0}…', host) },
      () => loadSalesforceApi().callbackListing({ loginUrl, clientId, redirectUri: forwarded, network: networkSettings() }));
    if (listing === 'listed' || listing === 'unknownClient') return true;
    this.log.warn(`Not signing in to ${host} in the browser: its callback ${callbackUrl} is forwarded to ${forwarded}, which the connected app does not list (${listing})`);
    return false;
  }

  /** An org the Salesforce CLI knows, picked from the CLI's list; says so when there is none to pick. */
  private async throughPickedCliOrg(): Promise<SalesforceOrg | undefined> {
    if (!isWorkspaceTrusted()) {
      await explainUntrusted(vscode.l10n.t('{0}: the sign-in through it waits for trust.', cliNeedsTrust()));
      return undefined;
    }
    const controller = new AbortController();
    try {
      const items = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Asking the Salesforce CLI for its orgs…') },
        () => this.cliItems(controller.signal))).filter((item) => item.cliOrg);
      if (!items.length) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The Salesforce CLI lists no org here, or could not be run (the log says which). Sign in with it in a terminal ("sf org login web"), then try again.'));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick<MethodItem>(items, {
        title: vscode.l10n.t('Sign In to Salesforce'), placeHolder: vscode.l10n.t('Which org the Salesforce CLI knows?'), ignoreFocusOut: true,
      });
      return picked?.cliOrg ? await this.throughCli(picked.cliOrg.alias ?? picked.cliOrg.username) : undefined;
    } finally {
      controller.abort();
    }
  }

  /** The connected app's consumer key and (optional) secret, starting from what was typed before. */
  private async askConsumerCredentials(host: string, redirectUri: string, typed: ConsumerCredentials): Promise<ConsumerCredentials | undefined> {
    const clientId = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign In to {0} (1/2)', host), value: typed.clientId, ignoreFocusOut: true,
      prompt: vscode.l10n.t('The consumer key of your connected app (Setup → App Manager → View → Manage Consumer Details). Its callback URLs must include {0}.', redirectUri),
      placeHolder: '3MVG9…',
      validateInput: (value) => (/\s/.test(value.trim()) ? vscode.l10n.t('The consumer key has no spaces; copy it again as one piece.') : undefined),
    });
    if (!clientId?.trim()) return undefined;
    const clientSecret = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign In to {0} (2/2)', host), value: typed.clientSecret, password: true, ignoreFocusOut: true,
      prompt: vscode.l10n.t('The consumer secret, only if the connected app requires one for the web-server flow. Leave empty otherwise. It is kept in VS Code\'s secret storage.'),
    });
    if (clientSecret === undefined) return undefined;
    return { clientId: clientId.trim(), clientSecret: clientSecret.trim() };
  }

  /**
   * The browser sign-in with a connected app named in full, asking nothing and offering no retry:
   * the Configure API Integration form signs in as Okta's integration user with its own key and
   * secret, and shows what failed itself. Cancelled by `signal` or the notification's Cancel.
   */
  async signInWith(loginUrl: string, clientId: string, clientSecret: string, signal?: AbortSignal): Promise<SalesforceOrg> {
    const { port, callbackUrl, forwarded } = await this.callbackRoute(salesforceCallbackPort());
    if (forwarded && !await this.takesForwarded(loginUrl, clientId, callbackUrl, forwarded)) {
      const api = loadSalesforceApi();
      throw new api.SignInFailure('callbackForwarded', `${vscode.l10n.t('Signing in to {0} in the browser would not come back to VS Code here.', new URL(loginUrl).host)} ${forwardedExplanation(callbackUrl, forwarded)}`);
    }
    return this.browserSignIn(loginUrl, clientId, clientSecret, port, undefined, signal, forwarded);
  }

  private async browserSignIn(
    loginUrl: string, clientId: string, clientSecret: string, port: number, again?: SalesforceOrg, outer?: AbortSignal, redirectUri?: string,
  ): Promise<SalesforceOrg> {
    const api = loadSalesforceApi();
    const host = new URL(loginUrl).host;
    return withRequestProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: vscode.l10n.t('Sign in to {0} in your browser…', host),
    }, async (_, token) => {
      const signal = outer ? AbortSignal.any([outer, abortSignalOf(token)]) : abortSignalOf(token);
      const tokens = await api.signInWithBrowser({
        loginUrl, clientId, clientSecret, port, redirectUri, signal, timeoutMs: salesforceSignInTimeoutMs(), network: networkSettings(),
        openBrowser: (url) => vscode.env.openExternal(vscode.Uri.parse(url)),
      });
      const method: SignInMethod = { kind: 'browser', loginUrl, clientId };
      return this.finish(tokens.instanceUrl, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientSecret: clientSecret || undefined }, method, signal, again?.alias);
    });
  }

  /** Proves the new session, then stores the org and makes it the active one. */
  private async finish(instanceUrl: string, secret: SalesforceSecret, method: SignInMethod, signal: AbortSignal, alias?: string): Promise<SalesforceOrg> {
    const identity = await verifySession(instanceUrl, secret.accessToken, signal);
    const org = await this.orgs.save({ ...signedInOrg(identity, instanceUrl, method), alias }, secret);
    this.log.info(`Signed in to ${instanceUrl} as ${identity.username}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0} as {1}.', instanceUrl, identity.username));
    return org;
  }

  /** Shows a failed sign-in with what fixes it; resolves to the port to try again on, or undefined to stop. */
  private async offerRetry(error: unknown, port: number, logged: string, redirectUri: string): Promise<{ port: number } | undefined> {
    const api = loadSalesforceApi();
    const tryAgain = vscode.l10n.t('Try Again');
    let message: string | undefined;
    const actions = [tryAgain];
    let otherPort: number | undefined;
    if (failureKind(error) === 'portBusy') {
      const owner = await api.describePortOwner(port);
      otherPort = port + 1;
      message = owner
        ? vscode.l10n.t('Port {0} is held by {1}, so the sign-in cannot receive Salesforce\'s answer. Stop it and try again, or use port {2} (the connected app must then also list {3}).', port, owner, otherPort, api.callbackUrlFor(otherPort))
        : vscode.l10n.t('Port {0} is in use, so the sign-in cannot receive Salesforce\'s answer. Free it and try again, or use port {1} (the connected app must then also list {2}).', port, otherPort, api.callbackUrlFor(otherPort));
      actions.push(vscode.l10n.t('Use Port {0}', otherPort));
    }
    const copyCallback = vscode.l10n.t('Copy Callback URL');
    if (failureKind(error) === 'callbackNotRegistered') actions.push(copyCallback);
    const choice = await showFailure(this.log, error, { logged, actions, message });
    if (choice === copyCallback) await vscode.env.clipboard.writeText(redirectUri);
    if (otherPort !== undefined && choice === actions[1]) return { port: otherPort };
    return choice === tryAgain || choice === copyCallback ? { port } : undefined;
  }

  /** Takes the CLI's current access token; the CLI renews it when asked again. Waits for trust (see common/workspaceTrust). */
  private async throughCli(targetOrg: string, again?: SalesforceOrg): Promise<SalesforceOrg | undefined> {
    if (!isWorkspaceTrusted()) {
      this.log.warn(`Not signing in through the Salesforce CLI (${targetOrg}): the folder is not trusted`);
      void explainUntrusted(vscode.l10n.t('{0} to sign in to {1} through it. This folder is open in Restricted Mode, and the CLI would read its project configuration.', cliNeedsTrust(), targetOrg));
      return undefined;
    }
    try {
      return await withRequestProgress({
        location: vscode.ProgressLocation.Notification, cancellable: true,
        title: vscode.l10n.t('Reading {0} from the Salesforce CLI…', targetOrg),
      }, async (_, token) => {
        const signal = abortSignalOf(token);
        const session = await loadSalesforceApi().displaySfOrg(targetOrg, { signal, cwd: projectFolder() });
        return this.finish(session.instanceUrl, { accessToken: session.accessToken }, { kind: 'sfCli', targetOrg }, signal, again?.alias ?? session.alias);
      });
    } catch (error) {
      if (isCancelled(error)) return undefined;
      void showFailure(this.log, error, { logged: `Signing in through the Salesforce CLI (${targetOrg}) failed` });
      return undefined;
    }
  }

  private withAccessToken(prefillUrl?: string): Promise<SalesforceOrg | undefined> {
    const method: SignInMethod = { kind: 'accessToken' };
    return runConnectFlow<SalesforceOrg>({
      title: vscode.l10n.t('Sign In to Salesforce'),
      urlPrompt: vscode.l10n.t('The org\'s instance or My Domain URL.'),
      urlPlaceholder: 'https://acme.my.salesforce.com',
      secretName: vscode.l10n.t('access token'),
      checkUrl: checkSalesforceInstanceUrl,
      askSecret: askPastedSecret({
        prompt: vscode.l10n.t('An access token (session ID) for the org; "sf org display --target-org ALIAS" shows one. It is kept in VS Code\'s secret storage.'),
        placeholder: vscode.l10n.t('access token'),
        check: (v) => checkPastedToken(v, vscode.l10n.t('"sf org display --target-org ALIAS" shows the Access Token.')),
      }),
      save: (org, accessToken) => this.orgs.save(org, { accessToken }),
      async verify(url, accessToken, signal) {
        const identity = await verifySession(url, accessToken, signal);
        return signedInOrg(identity, url, method);
      },
    }, this.log, { url: prefillUrl });
  }
}

/** A callback URL and, when VS Code forwards its port elsewhere, the address the browser reaches it at. */
interface CallbackRoute {
  port: number;
  callbackUrl: string;
  forwarded?: string;
}

/** Why the browser sign-in cannot come back as set up, and what works instead. */
const forwardedExplanation = (callbackUrl: string, forwarded: string) => vscode.l10n.t(
  'VS Code runs on another machine than your browser (remote development): the browser reaches the sign-in\'s callback {0} only at {1}, which the connected app does not list as a callback URL. Sign in through an org the Salesforce CLI on that machine knows ("sf org login access-token" adds one), paste an access token, or add {1} to the connected app\'s callback URLs (changes take up to 10 minutes to reach Salesforce) and sign in with that address.', callbackUrl, forwarded);

/** Where the Salesforce CLI looks for the project's default org: the first local workspace folder. */
const projectFolder = () => vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath;

const verifySession = (instanceUrl: string, accessToken: string, signal: AbortSignal) => loadSalesforceApi().openSalesforceSession({
  instanceUrl, accessToken, apiVersion: salesforceApiVersion(), network: networkSettings(),
}).verify(signal);

/** One org per signed-in user: signing in again as the same user replaces the entry. */
const signedInOrg = (identity: SalesforceApi.SalesforceIdentity, url: string, method: SignInMethod): SalesforceOrg => ({
  id: `${identity.organizationId}/${identity.userId}`, url, account: identity.username, method,
});

