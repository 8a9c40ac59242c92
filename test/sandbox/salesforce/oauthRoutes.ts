// Salesforce's OAuth 2.0 endpoints: the web-server flow with PKCE (a login page, then a redirect
// with code and state), the token endpoint (authorization code, refresh token, client
// credentials), userinfo and revoke. Errors are Salesforce's {error, error_description}, HTTP 400;
// a refused authorize request goes to Salesforce's error page (RemoteAccessErrorPage.apexp).
// The same routes serve both hosts of the sandbox: the org's My Domain, and the generic login
// host that stands in for login.salesforce.com / test.salesforce.com, which refuses the
// client-credentials grant and hands out the My Domain as instance_url.
import { createHmac } from 'node:crypto';
import { type Route, type SandboxRequest, type SandboxResponse } from '../httpServer';
import { type ConnectedApp } from './connectedApp';
import { type SfRecord } from './model';
import { organizationId, type SalesforceSeed } from './seed';
import { pkceChallenge, type SessionStore } from './sessions';

/** Which host the routes serve: the org's own My Domain, or the generic login host. */
export type OAuthHost = 'myDomain' | 'login';

/**
 * How the authorize endpoint shows a refused request: `redirect` (default, as Salesforce does) sends
 * the browser to RemoteAccessErrorPage.apexp on the same host; `page` answers a 400 page on the
 * authorize URL itself (the sandbox's former behaviour, kept for clients that must handle either).
 */
export type AuthorizeErrorForm = 'redirect' | 'page';

export interface OAuthContext {
  host: OAuthHost;
  authorizeErrors: AuthorizeErrorForm;
  seed: SalesforceSeed;
  app: ConnectedApp;
  sessions: SessionStore;
  /** The My Domain's URL: the instance_url of every token, whichever host issued it. */
  baseUrl(): string;
  identityUrl(user: SfRecord): string;
  /** Resolves the bearer token of a request to its live session's user, or an error answer. */
  sessionUser(req: SandboxRequest): SfRecord | SandboxResponse;
}

export const oauthError = (error: string, description: string, status = 400): SandboxResponse => ({ status, body: { error, error_description: description } });

/**
 * A connected app that requires PKCE sends an authorize request without `code_challenge` back to its
 * (registered) callback with this error, as public clients report it ("GET /oauth2/callback?error=invalid_request
 * &error_description=missing+required+code+challenge", pgonzaleznetwork/HappySoup.io#252; the same text in
 * activepieces/activepieces#15615). Salesforce documents no wording. That the refusal comes at once, before the
 * login page, is a guess: the reports show only the callback's query.
 */
const missingCodeChallenge = { error: 'invalid_request', error_description: 'missing required code challenge' };

export const remoteAccessErrorPath = '/setup/secur/RemoteAccessErrorPage.apexp';

/**
 * The client of a token request: `client_id`/`client_secret` in the form, or HTTP Basic
 * authentication (base64 of "client_id:client_secret"), which Salesforce's client-credentials
 * flow documents ("Authorization: Basic …"). Undefined when the two disagree on the client.
 */
function tokenClient(req: SandboxRequest, form: URLSearchParams): { clientId: string | null; secret: string | null } | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!basic) return { clientId: form.get('client_id'), secret: form.get('client_secret') };
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-encoded before they are joined.
  const [clientId, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)].map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
  if (form.get('client_id') !== null && form.get('client_id') !== clientId) return undefined;
  return { clientId, secret };
}

export function oauthRoutes(ctx: OAuthContext): Route[] {
  const users = () => ctx.seed.data.records('User');
  const userByName = (username: string) => users().find((u) => String(u.Username).toLowerCase() === username.toLowerCase());

  /**
   * A new access token; `refreshToken` ties it to that grant, and is returned only when new. Without
   * a refresh token (client credentials) the scope leaves out `refresh_token`: Salesforce does not
   * grant it (nor `offline_access`, `full`, `web`) to that flow.
   */
  function tokenResponse(user: SfRecord, refreshToken?: string, newRefreshToken = false): SandboxResponse {
    const accessToken = ctx.sessions.issueAccessToken(user.Id, ctx.app.consumerKey, refreshToken);
    const id = ctx.identityUrl(user);
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', ctx.app.consumerSecret).update(id + issuedAt).digest('base64');
    return {
      status: 200,
      body: {
        access_token: accessToken, ...(newRefreshToken ? { refresh_token: refreshToken } : {}), signature,
        scope: refreshToken ? 'refresh_token api id' : 'api id', instance_url: ctx.baseUrl(), id, token_type: 'Bearer', issued_at: issuedAt,
      },
    };
  }

  /** Checks the authorize request; an untrusted client or callback goes to the error page, never to the callback. */
  function checkAuthorize(req: SandboxRequest, params: URLSearchParams): SandboxResponse | undefined {
    const refuse = (error: string, description: string) =>
      (ctx.authorizeErrors === 'page' ? errorPage(error, description) : toErrorPage(req, params, error, description));
    if (params.get('client_id') !== ctx.app.consumerKey) return refuse('invalid_client_id', 'client identifier invalid');
    if (!ctx.app.callbackUrls.includes(params.get('redirect_uri') ?? '')) return refuse('redirect_uri_mismatch', 'redirect_uri must match configuration');
    return undefined;
  }

  function redirect(params: URLSearchParams, query: Record<string, string>): SandboxResponse {
    const target = new URL(params.get('redirect_uri') ?? '');
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { Location: target.href }, body: '' };
  }

  return [
    {
      method: 'GET', path: '/services/oauth2/authorize',
      handler: (req) => {
        const params = req.url.searchParams;
        const refused = checkAuthorize(req, params);
        if (refused) return refused;
        if (params.get('response_type') !== 'code') return redirect(params, { error: 'unsupported_response_type', error_description: 'response type not supported' });
        if (ctx.app.requirePkce && !params.get('code_challenge')) return redirect(params, missingCodeChallenge);
        return loginPage(params);
      },
    },
    {
      // The login form posts back here with the original parameters as hidden fields.
      method: 'POST', path: '/services/oauth2/authorize',
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        const refused = checkAuthorize(req, form);
        if (refused) return refused;
        const user = userByName(form.get('username') ?? '');
        if (!user || ctx.seed.passwords.get(String(user.Username)) !== form.get('password')) {
          return loginPage(form, 'Please check your username and password. If you still can\'t log in, contact your Salesforce administrator.');
        }
        if (!user.IsActive) return loginPage(form, 'Your access has been disabled. Contact your administrator for more information.');
        const code = ctx.sessions.issueCode({
          userId: user.Id, clientId: ctx.app.consumerKey, redirectUri: form.get('redirect_uri') ?? '',
          codeChallenge: form.get('code_challenge') ?? undefined,
        });
        return redirect(form, { code });
      },
    },
    {
      method: 'POST', path: '/services/oauth2/token',
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        const client = tokenClient(req, form);
        if (!client) return oauthError('invalid_client', 'invalid client credentials');
        if (client.clientId !== ctx.app.consumerKey) return oauthError('invalid_client_id', 'client identifier invalid');
        const { secret } = client;
        if (secret !== null && secret !== ctx.app.consumerSecret) return oauthError('invalid_client', 'invalid client credentials');
        switch (form.get('grant_type')) {
          case 'authorization_code': {
            if (secret === null && ctx.app.requireSecretForWebServerFlow) return oauthError('invalid_client', 'invalid client credentials');
            const code = ctx.sessions.redeemCode(form.get('code') ?? '');
            if (!code) return oauthError('invalid_grant', 'expired authorization code');
            if (code.redirectUri !== form.get('redirect_uri')) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
            // Salesforce answers a verifier that does not match the challenge with invalid_request, not invalid_grant.
            if (code.codeChallenge && pkceChallenge(form.get('code_verifier') ?? '') !== code.codeChallenge) {
              return oauthError('invalid_request', 'invalid code verifier');
            }
            const user = ctx.seed.data.byId(code.userId)?.record;
            if (!user) return oauthError('invalid_grant', 'authentication failure');
            return tokenResponse(user, ctx.sessions.issueRefreshToken(user.Id, ctx.app.consumerKey), true);
          }
          case 'refresh_token': {
            const userId = ctx.sessions.refreshTokenHolder(form.get('refresh_token') ?? '', ctx.app.consumerKey);
            const user = userId ? ctx.seed.data.byId(userId)?.record : undefined;
            if (!user || !user.IsActive) return oauthError('invalid_grant', 'expired access/refresh token');
            const used = form.get('refresh_token') ?? '';
            return ctx.app.rotateRefreshTokens ? tokenResponse(user, ctx.sessions.rotateRefreshToken(used), true) : tokenResponse(user, used);
          }
          case 'client_credentials': {
            // login.salesforce.com and test.salesforce.com refuse this grant: it works only on the
            // org's My Domain (the answer as public clients report it, e.g. pozil/pub-sub-api-node-client#58).
            if (ctx.host === 'login') return oauthError('invalid_grant', 'request not supported on this domain');
            if (secret === null) return oauthError('invalid_client', 'invalid client credentials');
            const user = userByName(ctx.app.runAsUsername);
            if (!user) return oauthError('invalid_grant', 'no client credentials user enabled');
            return tokenResponse(user);
          }
          default:
            return oauthError('unsupported_grant_type', 'grant type not supported');
        }
      },
    },
    {
      method: 'GET', path: '/services/oauth2/userinfo',
      handler: (req) => {
        const user = ctx.sessionUser(req);
        if (!('Id' in user)) return { status: 403, body: 'Bad_OAuth_Token' };
        const [first, last] = [String(user.FirstName ?? ''), String(user.LastName)];
        return {
          status: 200,
          body: {
            sub: ctx.identityUrl(user), user_id: user.Id, organization_id: organizationId,
            preferred_username: user.Username, nickname: user.CommunityNickname, name: `${first} ${last}`.trim(), email: user.Email,
            email_verified: true, given_name: first, family_name: last, zoneinfo: user.TimeZoneSidKey, active: user.IsActive,
            user_type: 'STANDARD', language: user.LanguageLocaleKey, locale: user.LocaleSidKey, utcOffset: -28800000,
            updated_at: '2026-01-01T00:00:00Z', is_app_installed: true,
          },
        };
      },
    },
    // Revoke takes the token in a form (POST) or, as Salesforce also documents, in the query of a GET.
    { method: 'POST', path: '/services/oauth2/revoke', handler: (req) => revoke(new URLSearchParams(req.body).get('token') ?? '') },
    { method: 'GET', path: '/services/oauth2/revoke', handler: (req) => revoke(req.url.searchParams.get('token') ?? '') },
    { method: 'GET', path: remoteAccessErrorPath, handler: (req) => remoteAccessErrorPage(req.url.searchParams) },
  ];

  function revoke(token: string): SandboxResponse {
    return ctx.sessions.revoke(token) ? { status: 200, body: '' } : oauthError('unsupported_token_type', 'this token type is not supported');
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Salesforce's answer to a refused authorize request: a redirect to its error page on the same
 * host, the error in the query, form-encoded, with the request's state (seen in public clients:
 * jsforce's browser test helper watches for /setup/secur/RemoteAccessErrorPage.apexp; a public
 * extension's test reads "…/RemoteAccessErrorPage.apexp?error=invalid_client&error_description=app+must+be+installed+into+org&state=…").
 * The 302 status is a guess (any redirect reads the same to a browser).
 */
function toErrorPage(req: SandboxRequest, params: URLSearchParams, error: string, description: string): SandboxResponse {
  const query = new URLSearchParams({ error, error_description: description });
  const state = params.get('state');
  if (state !== null) query.set('state', state);
  return { status: 302, headers: { Location: `${req.url.origin}${remoteAccessErrorPath}?${query}` }, body: '' };
}

/**
 * The error page itself. Users report it shows the error as its query reads
 * ("error=invalid_client_id&error_description=client%20identifier%20invalid", forcedotcom/postman-salesforce-apis#42);
 * the 200 status and the rest of the markup are guesses.
 */
function remoteAccessErrorPage(query: URLSearchParams): SandboxResponse {
  const shown = `error=${encodeURIComponent(query.get('error') ?? '')}&error_description=${encodeURIComponent(query.get('error_description') ?? '')}`;
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html;charset=UTF-8' },
    body: `<!DOCTYPE html><html><head><title>Remote Access Error</title></head><body><p id="error">${escapeHtml(shown)}</p></body></html>`,
  };
}

/** The former form (sandbox option `authorizeErrors: 'page'`): a page naming the error on the authorize URL (HTTP 400). */
function errorPage(error: string, description: string): SandboxResponse {
  return {
    status: 400,
    headers: { 'Content-Type': 'text/html;charset=UTF-8' },
    body: `<!DOCTYPE html><html><head><title>Error</title></head><body><h1>OAuth Error</h1><p id="error">error=${escapeHtml(error)}&amp;error_description=${escapeHtml(description)}</p></body></html>`,
  };
}

/** A login form with Salesforce's field ids (username, password, Login), carrying the OAuth parameters. */
function loginPage(params: URLSearchParams, error?: string): SandboxResponse {
  const keep = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope', 'prompt'];
  const hidden = keep.filter((k) => params.get(k) !== null)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? '')}">`).join('');
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html;charset=UTF-8' },
    body: `<!DOCTYPE html><html><head><title>Login | Salesforce</title></head><body>
<form method="POST" action="authorize">${hidden}
${error ? `<div id="error" role="alert">${escapeHtml(error)}</div>` : ''}
<label for="username">Username</label><input id="username" name="username" type="email" value="${escapeHtml(params.get('username') ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password">
<input id="Login" type="submit" value="Log In">
</form></body></html>`,
  };
}
