// The org authorization server's token endpoint for service apps: client credentials with a
// private-key JWT client assertion (RFC 7523) signed by the registered key, and DPoP (RFC 9449) as
// the SDK sends it (src/oauth.js): a proof on every token request, a nonce when Okta asks for one.
import { randomBytes } from 'node:crypto';
import { type SandboxRequest, type SandboxResponse } from '../../httpServer';
import { oauthError } from '../errors';
import { type OktaRoute } from '../oktaRoute';
import { type AccessTokens } from './accessTokens';
import { type DpopVerifier } from './dpop';
import { decodeJws, verifiesRs256 } from './jws';
import { type RegisteredServiceApp } from './serviceApp';

export interface TokenEndpointDeps {
  app: RegisteredServiceApp;
  tokens: AccessTokens;
  dpop: DpopVerifier;
  /** Seconds an access token lives (the tokenLifetimeSeconds fault shortens it). */
  tokenLifetime: () => number;
}

/** Okta refuses client assertions meant to live longer than an hour. */
const maxAssertionSeconds = 3600;

export function tokenEndpoint(deps: TokenEndpointDeps): OktaRoute {
  const usedAssertions = new Set<string>();
  const nonces = new Set<string>();
  const { app } = deps;

  function clientRefusal(form: URLSearchParams, audience: string): SandboxResponse | undefined {
    const refuse = (description: string) => oauthError(401, 'invalid_client', description);
    const unknownClient = 'Client authentication failed. Either the client or the client credentials are invalid.';
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return refuse(unknownClient);
    const jws = decodeJws(form.get('client_assertion') ?? '');
    if (!jws) return refuse('The client_assertion token is malformed.');
    const { iss, sub, aud, exp, iat, jti } = jws.payload;
    if (iss !== app.clientId || sub !== app.clientId) return refuse(unknownClient);
    // No kid: Okta tries the client's keys; a kid must name one of them.
    if ((jws.header.kid !== undefined && jws.header.kid !== app.keyId) || !verifiesRs256(jws, app.publicKey)) {
      return refuse('The client_assertion signature is invalid.');
    }
    if (aud !== audience) return refuse('The audience claim for client_assertion must be the endpoint invoked for the request.');
    const now = Date.now() / 1000;
    if (typeof exp !== 'number' || exp <= now) return refuse('The client_assertion token is expired.');
    if (typeof iat !== 'number' || exp - iat > maxAssertionSeconds) {
      return refuse('The client_assertion token has an expiration too far into the future.');
    }
    if (typeof jti !== 'string' || usedAssertions.has(jti)) return refuse('The client_assertion token has already been used.');
    usedAssertions.add(jti);
    return undefined;
  }

  /** The key thumbprint the token gets bound to (undefined: a Bearer token), or the refusal. */
  function dpopBinding(req: SandboxRequest, url: string): { boundTo?: string } | SandboxResponse {
    const proof = req.headers.dpop;
    if (typeof proof !== 'string') {
      return app.requiresDpop ? oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.') : {};
    }
    const check = deps.dpop.verify(proof, { method: 'POST', url });
    if (!check.ok) return oauthError(400, 'invalid_dpop_proof', check.reason);
    // A guess: an app that does not require DPoP gets a Bearer token even with a valid proof (the
    // SDK always sends one, and works against such apps).
    if (!app.requiresDpop) return {};
    if (!check.nonce || !nonces.has(check.nonce)) {
      const nonce = randomBytes(24).toString('base64url');
      nonces.add(nonce);
      return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', { 'DPoP-Nonce': nonce });
    }
    return { boundTo: check.thumbprint };
  }

  return {
    method: 'POST',
    path: '/oauth2/v1/token',
    // From Okta's OAuth 2.0 spec (the Management API spec does not describe this endpoint).
    operationId: 'token',
    scope: null,
    handler(req) {
      const url = `${req.url.origin}${req.url.pathname}`;
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials') {
        return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
      }
      const refusal = clientRefusal(form, url);
      if (refusal) return refusal;
      const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      if (!scopes.length) {
        const description = "The authorization server resource does not have any configured default scopes, 'scope' must be provided.";
        return oauthError(400, 'invalid_scope', description);
      }
      const notGranted = scopes.filter((scope) => !app.scopes.has(scope));
      // A guess at the wording; the error code is RFC 6749's.
      if (notGranted.length) {
        return oauthError(400, 'invalid_scope', `The following scopes are not granted to the client: ${notGranted.join(' ')}`);
      }
      const binding = dpopBinding(req, url);
      if ('status' in binding) return binding;

      const lifetime = deps.tokenLifetime();
      const accessToken = deps.tokens.issue({ clientId: app.clientId, scopes: new Set(scopes), ...binding }, lifetime);
      return {
        status: 200,
        body: { token_type: binding.boundTo ? 'DPoP' : 'Bearer', expires_in: lifetime, access_token: accessToken, scope: scopes.join(' ') },
        headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      };
    },
  };
}
