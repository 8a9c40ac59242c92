/**
 * Salesforce's OAuth 2.0 endpoints (authorize, token, revoke), spoken through the request policy.
 * Token requests that are safe to repeat (refresh token, client credentials) are retried; an
 * authorization code, which works once, never is. What the token endpoint hands back is checked
 * before a token is sent anywhere: the instance URL and the identity URL must be https (or this
 * machine). Imports nothing from vscode.
 */
import * as l10n from '@vscode/l10n';
import { createHash, randomBytes } from 'node:crypto';
import { isSafeForCredentials, type NetworkSettings, send, type Service } from '../../http/requestPolicy';
import { excerpt } from '../../domain/redact';

export const oauthService: Service = {
  get name() {
    return l10n.t("Salesforce's OAuth endpoint");
  },
  get urlName() {
    return l10n.t('login URL');
  },
};

export interface IssuedTokens {
  accessToken: string;
  /** Issued by the web-server flow, and again by a refresh where the app rotates refresh tokens. */
  refreshToken?: string;
  instanceUrl: string;
  /** The identity URL, https://…/id/<orgId>/<userId>. */
  identityUrl?: string;
  /** The scopes granted, space-separated as Salesforce names them ("refresh_token api id"). */
  scope?: string;
}

/** Salesforce's `{error, error_description}`; `name` is the error, which is what callers switch on. */
export class OAuthError extends Error {
  constructor(readonly error: string, description: string, readonly status: number) {
    super(description);
    this.name = error;
  }
}

export type TokenGrant =
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string; code_verifier: string }
  | { grant_type: 'refresh_token'; refresh_token: string }
  | { grant_type: 'client_credentials' };

export interface OAuthClient {
  loginUrl: string;
  clientId: string;
  /** Only when the app requires it (web-server flow) or the grant needs it (client credentials). */
  clientSecret?: string;
}

export async function requestTokens(client: OAuthClient, grant: TokenGrant, network: NetworkSettings, signal?: AbortSignal): Promise<IssuedTokens> {
  const form = new URLSearchParams({ ...grant, client_id: client.clientId, ...(client.clientSecret ? { client_secret: client.clientSecret } : {}) });
  const answer = await send({
    method: 'POST', url: endpoint(client.loginUrl, 'token'), body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    idempotent: grant.grant_type !== 'authorization_code', service: oauthService, signal,
  }, network);
  const host = new URL(answer.url).host;
  const body = parseJson(answer.body);
  if (answer.status >= 400) throw oauthError(body, answer.status, answer.body);
  const tokens = body as { access_token?: unknown; refresh_token?: unknown; instance_url?: unknown; id?: unknown; scope?: unknown } | undefined;
  if (typeof tokens?.access_token !== 'string' || typeof tokens.instance_url !== 'string') {
    throw new OAuthError('invalid_response', l10n.t("{0} answered (HTTP {1}) without an access token and instance URL, so it is not Salesforce's OAuth endpoint: check the login URL.", host, answer.status), answer.status);
  }
  for (const [what, address] of [[l10n.t('instance URL'), tokens.instance_url], [l10n.t('identity URL'), tokens.id]] as const) {
    if (address !== undefined && (typeof address !== 'string' || !isSafeForCredentials(address))) {
      throw new OAuthError('invalid_response', l10n.t('{0} returned an {1} that is not https ({2}); no token was sent there. Check the login URL.', host, what, excerpt(String(address), 80)), answer.status);
    }
  }
  return {
    accessToken: tokens.access_token,
    refreshToken: typeof tokens.refresh_token === 'string' ? tokens.refresh_token : undefined,
    instanceUrl: new URL(tokens.instance_url).origin,
    identityUrl: typeof tokens.id === 'string' ? tokens.id : undefined,
    scope: typeof tokens.scope === 'string' ? tokens.scope : undefined,
  };
}

/** Revokes a refresh token (and the access tokens issued from it). */
export async function revokeToken(loginUrl: string, token: string, network: NetworkSettings): Promise<void> {
  const answer = await send({
    method: 'POST', url: endpoint(loginUrl, 'revoke'), body: new URLSearchParams({ token }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, idempotent: true, service: oauthService,
  }, network);
  if (answer.status >= 400) throw oauthError(parseJson(answer.body), answer.status, answer.body);
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** A PKCE verifier and its S256 challenge (RFC 7636), as the Salesforce CLI sends them. */
export function pkce(): Pkce {
  const verifier = randomBytes(96).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Without `codeChallenge`, a request as a client without PKCE (Okta's, per its older instructions) sends it. */
export function authorizeUrl(client: OAuthClient, params: { redirectUri: string; state: string; scope: string; codeChallenge?: string; prompt?: string }): string {
  const query = new URLSearchParams({
    response_type: 'code', client_id: client.clientId, redirect_uri: params.redirectUri, scope: params.scope, state: params.state,
    ...(params.codeChallenge ? { code_challenge: params.codeChallenge, code_challenge_method: 'S256' } : {}),
    ...(params.prompt ? { prompt: params.prompt } : {}),
  });
  return `${endpoint(client.loginUrl, 'authorize')}?${query}`;
}

const endpoint = (loginUrl: string, name: 'authorize' | 'token' | 'revoke') => `${new URL(loginUrl).origin}/services/oauth2/${name}`;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function oauthError(body: unknown, status: number, text: string): OAuthError {
  const { error, error_description: description } = (body ?? {}) as { error?: unknown; error_description?: unknown };
  if (typeof error === 'string') return new OAuthError(error, typeof description === 'string' ? description : '', status);
  return new OAuthError(`ERROR_HTTP_${status}`, excerpt(text), status);
}
