// Salesforce's OAuth 2.0 endpoints: the web-server flow with PKCE (a login page, then a redirect
// with code and state), the token endpoint (authorization code, refresh token, client
// credentials), userinfo and revoke. Errors are Salesforce's {error, error_description}, HTTP 400.
import { createHmac } from 'node:crypto';
import { type Route, type SandboxRequest, type SandboxResponse } from '../httpServer';
import { type ConnectedApp } from './connectedApp';
import { type SfRecord } from './model';
import { organizationId, type SalesforceSeed } from './seed';
import { pkceChallenge, type SessionStore } from './sessions';

export interface OAuthContext {
  seed: SalesforceSeed;
  app: ConnectedApp;
  sessions: SessionStore;
  baseUrl(): string;
  identityUrl(user: SfRecord): string;
  /** Resolves the bearer token of a request to its live session's user, or an error answer. */
  sessionUser(req: SandboxRequest): SfRecord | SandboxResponse;
}

export const oauthError = (error: string, description: string, status = 400): SandboxResponse => ({ status, body: { error, error_description: description } });

export function oauthRoutes(ctx: OAuthContext): Route[] {
  const users = () => ctx.seed.data.records('User');
  const userByName = (username: string) => users().find((u) => String(u.Username).toLowerCase() === username.toLowerCase());

  /** A new access token; `refreshToken` ties it to that grant, and is returned only when new. */
  function tokenResponse(user: SfRecord, refreshToken?: string, newRefreshToken = false): SandboxResponse {
    const accessToken = ctx.sessions.issueAccessToken(user.Id, ctx.app.consumerKey, refreshToken);
    const id = ctx.identityUrl(user);
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', ctx.app.consumerSecret).update(id + issuedAt).digest('base64');
    return {
      status: 200,
      body: {
        access_token: accessToken, ...(newRefreshToken ? { refresh_token: refreshToken } : {}), signature,
        scope: 'refresh_token api id', instance_url: ctx.baseUrl(), id, token_type: 'Bearer', issued_at: issuedAt,
      },
    };
  }

  /** Checks the authorize request; an untrusted client or callback gets an error page, never a redirect. */
  function checkAuthorize(params: URLSearchParams): SandboxResponse | undefined {
    if (params.get('client_id') !== ctx.app.consumerKey) return errorPage('invalid_client_id', 'client identifier invalid');
    if (!ctx.app.callbackUrls.includes(params.get('redirect_uri') ?? '')) return errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration');
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
        const refused = checkAuthorize(params);
        if (refused) return refused;
        if (params.get('response_type') !== 'code') return redirect(params, { error: 'unsupported_response_type', error_description: 'response type not supported' });
        return loginPage(params);
      },
    },
    {
      // The login form posts back here with the original parameters as hidden fields.
      method: 'POST', path: '/services/oauth2/authorize',
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        const refused = checkAuthorize(form);
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
        if (form.get('client_id') !== ctx.app.consumerKey) return oauthError('invalid_client_id', 'client identifier invalid');
        const secret = form.get('client_secret');
        if (secret !== null && secret !== ctx.app.consumerSecret) return oauthError('invalid_client', 'invalid client credentials');
        switch (form.get('grant_type')) {
          case 'authorization_code': {
            if (secret === null && ctx.app.requireSecretForWebServerFlow) return oauthError('invalid_client', 'invalid client credentials');
            const code = ctx.sessions.redeemCode(form.get('code') ?? '');
            if (!code) return oauthError('invalid_grant', 'expired authorization code');
            if (code.redirectUri !== form.get('redirect_uri')) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
            if (code.codeChallenge && pkceChallenge(form.get('code_verifier') ?? '') !== code.codeChallenge) {
              return oauthError('invalid_grant', 'invalid code verifier');
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
    {
      method: 'POST', path: '/services/oauth2/revoke',
      handler: (req) => {
        const token = new URLSearchParams(req.body).get('token') ?? '';
        return ctx.sessions.revoke(token) ? { status: 200, body: '' } : oauthError('unsupported_token_type', 'this token type is not supported');
      },
    },
  ];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What Salesforce shows for a refused authorize request: a page naming the error (HTTP 400). */
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
