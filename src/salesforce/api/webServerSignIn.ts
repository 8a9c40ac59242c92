/**
 * Salesforce's OAuth 2.0 web-server flow with PKCE, as the Salesforce CLI does it: a loopback
 * server receives the redirect (default http://localhost:1717/OauthRedirect), checks `state`,
 * and trades the code for tokens. Imports nothing from vscode; the caller opens the browser.
 */
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import * as http from 'node:http';
import { redact } from '../../domain/redact';
import { HttpFailure } from '../../http/httpFailure';
import { type NetworkSettings } from '../../http/requestPolicy';
import { readAuthorizeAnswer } from './authorizeProbe';
import { authorizeUrl as authorizeUrlFor, pkce, requestTokens } from './oauthClient';

export interface WebServerSignInOptions {
  /** https://login.salesforce.com, https://test.salesforce.com or a My Domain. */
  loginUrl: string;
  clientId: string;
  /** Only when the connected app has "Require Secret for Web Server Flow". */
  clientSecret?: string;
  /** The loopback port of the callback URL registered in the connected app. */
  port: number;
  /**
   * Where Salesforce sends the browser back to, when not the loopback callback URL itself: the address
   * VS Code forwards the port to in remote development (vscode.env.asExternalUri). The connected app must
   * list it; the loopback server on `port` still receives the request through the forwarding.
   */
  redirectUri?: string;
  /** Opens the authorize page in the admin's browser; false when no browser could be opened. */
  openBrowser(authorizeUrl: string): PromiseLike<boolean>;
  /** How long to wait for the browser to come back; the flow ends cleanly after it. */
  timeoutMs: number;
  signal?: AbortSignal;
  network: NetworkSettings;
}

export interface SignedInTokens {
  accessToken: string;
  refreshToken?: string;
  instanceUrl: string;
  /** The identity URL, https://…/id/<orgId>/<userId>. */
  identityUrl?: string;
  /** The scopes granted ("refresh_token api id"): keep them for Test API Credentials. */
  scope?: string;
}

export type SignInFailureKind =
  | 'unknownClient' | 'callbackNotRegistered' | 'portBusy' | 'noBrowser' | 'denied' | 'secretRequired'
  | 'tokenRefused' | 'unreachable' | 'timeout' | 'cancelled' | 'callbackForwarded';

export class SignInFailure extends Error {
  constructor(readonly kind: SignInFailureKind, message: string) {
    super(message);
    this.name = 'SignInFailure';
  }
}

export const callbackPath = '/OauthRedirect';
export const callbackUrlFor = (port: number) => `http://localhost:${port}${callbackPath}`;

/** Runs the whole flow; resolves once Salesforce has issued the tokens. */
export async function signInWithBrowser(options: WebServerSignInOptions): Promise<SignedInTokens> {
  const redirectUri = options.redirectUri ?? callbackUrlFor(options.port);
  const host = new URL(options.loginUrl).host;
  const client = { loginUrl: options.loginUrl, clientId: options.clientId, clientSecret: options.clientSecret || undefined };
  const { verifier, challenge } = pkce();
  const state = randomBytes(24).toString('base64url');
  const authorizeUrl = authorizeUrlFor(client, { redirectUri, state, scope: 'api refresh_token', codeChallenge: challenge, prompt: 'login' });

  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const listener = await listenOnLoopback(options.port);
  try {
    await preflight(authorizeUrl, options, redirectUri, host);
    const code = waitForCode(listener, state, options, callbackPaths(redirectUri), host, signal);
    code.catch(() => undefined); // Awaited below, unless the browser cannot be opened.
    if (!await options.openBrowser(authorizeUrl)) {
      throw new SignInFailure('noBrowser', l10n.t('No browser could be opened. Open this address yourself to sign in: {0}', authorizeUrl));
    }
    const { code: authorizationCode, answer } = await code;
    try {
      const tokens = await requestTokens(client, {
        grant_type: 'authorization_code', code: authorizationCode, redirect_uri: redirectUri, code_verifier: verifier,
      }, options.network, signal);
      answer(200, l10n.t('Signed in to Salesforce'), l10n.t('You are signed in. You can close this tab and return to VS Code.'));
      return tokens;
    } catch (error) {
      const failure = tokenFailure(error, host, redirectUri);
      answer(400, l10n.t('Salesforce sign-in failed'), failure.message);
      throw failure;
    }
  } finally {
    stop.abort();
    listener.close();
  }
}

/**
 * Why a token request failed: the request policy's named failure (network, timeout, HTML page,
 * redirect, 429/5xx), or Salesforce's `{error, error_description}` (OAuthError, named by `error`).
 */
export function tokenFailure(error: unknown, host: string, redirectUri: string): SignInFailure {
  if (error instanceof SignInFailure) return error;
  if (error instanceof HttpFailure) {
    return new SignInFailure(error.kind === 'timeout' || error.kind === 'cancelled' ? error.kind : 'unreachable', error.message);
  }
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  switch (name) {
    case 'invalid_client_id':
      return unknownClient(host);
    case 'invalid_client':
      return new SignInFailure('secretRequired', l10n.t('{0} refused the consumer secret (invalid_client). The connected app requires its consumer secret for the web-server flow: enter it, or check that it is the current one.', host));
    case 'invalid_grant':
      return new SignInFailure('tokenRefused', l10n.t('{0} refused the sign-in (invalid_grant: {1}). Sign in again; if it keeps failing, check the connected app\'s OAuth policies ("Permitted Users", IP relaxation).', host, redact(message ?? '')));
    case 'redirect_uri_mismatch':
      return callbackNotRegistered(host, redirectUri);
  }
  if (name === 'invalid_response') return new SignInFailure('tokenRefused', message ?? '');
  // Salesforce's own errors are snake_case; an answer without one is named ERROR_HTTP_<status>.
  if (name && /^([a-z_]+|ERROR_HTTP_\d+)$/.test(name)) {
    return new SignInFailure('tokenRefused', message ? l10n.t('{0} refused the sign-in ({1}: {2}).', host, name, redact(message)) : l10n.t('{0} refused the sign-in ({1}).', host, name));
  }
  return new SignInFailure('tokenRefused', l10n.t('The sign-in at {0} failed: {1}.', host, redact(message ?? String(error))));
}

const unknownClient = (host: string) => new SignInFailure('unknownClient',
  l10n.t('{0} does not know this consumer key (invalid_client_id). Check that it was copied whole, and that the connected app lives in this org: an app made in a sandbox signs in at test.salesforce.com, one made in production at login.salesforce.com. A new connected app can take up to 10 minutes to work.', host));

const callbackNotRegistered = (host: string, redirectUri: string) => new SignInFailure('callbackNotRegistered',
  l10n.t('{0} refused the callback URL (redirect_uri_mismatch). Add {1} to the connected app\'s Callback URL list, or set "oktaSf.salesforce.callbackPort" to the port of a callback URL it already has.', host, redirectUri));

/**
 * Asks the authorize endpoint first, without a browser (authorizeProbe.ts): an unknown consumer key or an
 * unregistered callback URL shows as an error page there, which the browser would show with no way back
 * to VS Code. A network failure here is left for the browser to show, within 10 s at most.
 */
async function preflight(authorizeUrl: string, options: WebServerSignInOptions, redirectUri: string, host: string): Promise<void> {
  const network = { ...options.network, timeoutMs: Math.min(options.network.timeoutMs || Infinity, 10_000) };
  const answer = await readAuthorizeAnswer(authorizeUrl, network, options.signal).catch(() => undefined);
  if (answer?.error === 'invalid_client_id') throw unknownClient(host);
  if (answer?.error === 'redirect_uri_mismatch') throw callbackNotRegistered(host, redirectUri);
}

/** Whether the connected app lists a callback URL; `noAnswer` when the authorize endpoint could not be asked. */
export type CallbackListing = 'listed' | 'notListed' | 'unknownClient' | 'noAnswer';

export interface CallbackListingOptions {
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  network: NetworkSettings;
  signal?: AbortSignal;
}

/**
 * Asks the authorize endpoint, without a browser, whether the connected app lists `redirectUri` (see
 * preflight): before the sign-in sends the browser back to an address VS Code forwards the callback to.
 * A refusal naming neither the key nor the callback (or none at all) counts as listed: the callback passed.
 */
export async function callbackListing(options: CallbackListingOptions): Promise<CallbackListing> {
  const url = authorizeUrlFor({ loginUrl: options.loginUrl, clientId: options.clientId }, {
    redirectUri: options.redirectUri, state: randomBytes(16).toString('base64url'), scope: 'api refresh_token', codeChallenge: pkce().challenge,
  });
  const network = { ...options.network, timeoutMs: Math.min(options.network.timeoutMs || Infinity, 10_000) };
  const answer = await readAuthorizeAnswer(url, network, options.signal).catch(() => undefined);
  if (!answer) return 'noAnswer';
  if (answer.error === 'invalid_client_id') return 'unknownClient';
  if (answer.error === 'redirect_uri_mismatch') return 'notListed';
  return answer.status < 400 || answer.toCallback ? 'listed' : 'noAnswer';
}

interface LoopbackListener {
  servers: http.Server[];
  close(): void;
}

/**
 * Listens on 127.0.0.1 and, where the machine has it, ::1: browsers resolve "localhost" to
 * either. Never on other interfaces, so nothing outside this machine can post a code.
 */
async function listenOnLoopback(port: number): Promise<LoopbackListener> {
  const servers: http.Server[] = [];
  const close = () => {
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
  };
  for (const address of ['127.0.0.1', '::1']) {
    const server = http.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => resolve());
      });
      servers.push(server);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (address === '::1' && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      close();
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        throw new SignInFailure('portBusy', l10n.t('Port {0} is already in use, so the sign-in cannot receive Salesforce\'s answer at {1}.', port, callbackUrlFor(port)));
      }
      throw error;
    }
  }
  return { servers, close };
}

interface ReceivedCode {
  code: string;
  /** Answers the browser's request with a small page. */
  answer(status: number, title: string, text: string): void;
}

/**
 * The paths the answer may arrive on: /OauthRedirect, and a forwarded address's own path where the
 * forwarding keeps it (code-server's /proxy/<port>/ strips its prefix, its /absproxy/<port>/ does not).
 */
const callbackPaths = (redirectUri: string) => new Set([callbackPath, new URL(redirectUri).pathname]);

function waitForCode(
  listener: LoopbackListener, state: string, options: WebServerSignInOptions, paths: Set<string>, host: string, signal: AbortSignal,
): Promise<ReceivedCode> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SignInFailure('timeout',
      l10n.t('No sign-in came back from {0} within {1} s. Sign in again; keep VS Code open until the browser says you are signed in.', host, Math.round(options.timeoutMs / 1000)))), options.timeoutMs);
    const onAbort = () => reject(new SignInFailure('cancelled', l10n.t('Sign-in cancelled.')));
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };

    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const page = (status: number, title: string, text: string) => {
        res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'" });
        res.end(resultPage(title, text));
      };
      if (req.method !== 'GET' || !paths.has(url.pathname)) return page(404, l10n.t('Not found'), l10n.t('This address only receives Salesforce sign-ins.'));
      // Anything without our state is not the answer to our request (another tab, a stale redirect).
      if (url.searchParams.get('state') !== state) return page(400, l10n.t('Unexpected sign-in'), l10n.t('This sign-in was not started by VS Code, or was started again since. Return to VS Code.'));
      settle();
      const error = url.searchParams.get('error');
      if (error) {
        const description = url.searchParams.get('error_description') ?? '';
        const failure = error === 'access_denied'
          ? new SignInFailure('denied', description
            ? l10n.t('The sign-in at {0} was denied (access_denied: {1}). Sign in again and choose Allow.', host, redact(description))
            : l10n.t('The sign-in at {0} was denied (access_denied). Sign in again and choose Allow.', host))
          : new SignInFailure('tokenRefused', l10n.t('{0} ended the sign-in with {1}.', host, description ? `${error}: ${redact(description)}` : error));
        page(400, l10n.t('Salesforce sign-in failed'), failure.message);
        return reject(failure);
      }
      const code = url.searchParams.get('code');
      if (!code) {
        page(400, l10n.t('Salesforce sign-in failed'), l10n.t('Salesforce sent no authorization code. Sign in again from VS Code.'));
        return reject(new SignInFailure('tokenRefused', l10n.t('{0} sent no authorization code.', host)));
      }
      resolve({ code, answer: page });
    };
    for (const server of listener.servers) server.on('request', onRequest);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function resultPage(title: string, text: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`
    + `<body style="font-family: system-ui, sans-serif; margin: 3em"><h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(text)}</p></body></html>`;
}
