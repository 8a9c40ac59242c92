// Who is calling the Management API, and may they: an admin's API token (SSWS, every permission) or a
// service app's access token (Bearer, or DPoP when the token is bound to a key) with its scopes.
import { type SandboxRequest, type SandboxResponse } from '../../httpServer';
import { oktaError } from '../errors';
import { type OktaUser } from '../model';
import { type AccessTokens } from './accessTokens';
import { type ApiTokens } from './apiTokens';
import { type DpopVerifier } from './dpop';

export type Caller =
  | { kind: 'apiToken'; user: OktaUser }
  | { kind: 'serviceApp'; clientId: string; scopes: ReadonlySet<string> };

export interface CallerSources {
  apiTokens: ApiTokens;
  admin: OktaUser;
  tokens: AccessTokens;
  dpop: DpopVerifier;
}

export function authenticate(req: SandboxRequest, sources: CallerSources): Caller | SandboxResponse {
  const [scheme = '', credential = ''] = (req.headers.authorization ?? '').split(' ', 2);
  if (scheme === 'SSWS' && sources.apiTokens.isLive(credential)) return { kind: 'apiToken', user: sources.admin };
  if (scheme !== 'Bearer' && scheme !== 'DPoP') return oktaError('E0000011');

  const token = sources.tokens.find(credential);
  // RFC 9449: a DPoP-bound token presented as a plain Bearer token is refused.
  if (!token || (scheme === 'DPoP') !== (token.boundTo !== undefined)) {
    return tokenRefused(req, scheme, 'invalid_token', 'The access token is invalid.');
  }
  if (scheme === 'DPoP') {
    const proof = req.headers.dpop;
    const url = `${req.url.origin}${req.url.pathname}`;
    const check = typeof proof === 'string' ? sources.dpop.verify(proof, { method: req.method, url, accessToken: credential }) : undefined;
    if (!check?.ok) return tokenRefused(req, scheme, 'invalid_dpop_proof', check?.reason ?? 'The DPoP proof is missing.');
    if (check.thumbprint !== token.boundTo) {
      return tokenRefused(req, scheme, 'invalid_dpop_proof', 'The DPoP proof key does not match the access token.');
    }
  }
  return { kind: 'serviceApp', clientId: token.clientId, scopes: token.scopes };
}

/** 403 E0000006 naming the scope a service app's token lacks; API tokens may do everything. */
export function authorize(req: SandboxRequest, caller: Caller, scope: string): SandboxResponse | undefined {
  if (caller.kind === 'apiToken' || grants(caller.scopes, scope)) return undefined;
  const details = {
    scope, error: 'insufficient_scope', resource: req.url.pathname,
    error_description: 'The access token provided does not contain the required scopes.',
  };
  const refusal = oktaError('E0000006', '', [`The access token does not grant the scope ${scope}.`]);
  return { ...refusal, headers: { 'WWW-Authenticate': `Bearer ${challenge(req, details)}` } };
}

/** A guess: a .manage scope also allows what its .read scope allows, as Okta describes its scopes. */
function grants(scopes: ReadonlySet<string>, scope: string): boolean {
  return scopes.has(scope) || (scope.endsWith('.read') && scopes.has(scope.replace(/\.read$/, '.manage')));
}

function tokenRefused(req: SandboxRequest, scheme: string, error: string, description: string): SandboxResponse {
  const details = { error, error_description: description };
  return { ...oktaError('E0000011'), headers: { 'WWW-Authenticate': `${scheme} ${challenge(req, details)}` } };
}

/** The parameters of Okta's WWW-Authenticate challenges. */
function challenge(req: SandboxRequest, details: Record<string, string>): string {
  const origin = req.url.origin;
  return Object.entries({ authorization_uri: `${origin}/oauth2/v1/authorize`, realm: origin, ...details })
    .map(([key, value]) => `${key}="${value}"`).join(', ');
}
