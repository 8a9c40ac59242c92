// The org's live API tokens (SSWS), all the admin's. One is made at start; an admin makes more in the
// Admin Console (Security → API → Tokens → Create Token: Okta's API has no operation that creates
// one, so tests call create() instead), and any caller revokes its own with
// DELETE /api/v1/api-tokens/current (revokeCurrentApiToken). A revoked token is refused like an
// unknown one: 401 E0000011.
import { randomBytes } from 'node:crypto';
import { type OktaRoute } from '../oktaRoute';
import { oktaError } from '../errors';

export class ApiTokens {
  private readonly live = new Set<string>();

  /** A new token, as the Admin Console shows it once: 42 characters of base64url starting with "00". */
  create(): string {
    const token = `00${randomBytes(30).toString('base64url').slice(0, 40)}`;
    this.live.add(token);
    return token;
  }

  isLive(token: string): boolean {
    return this.live.has(token);
  }

  revoke(token: string): boolean {
    return this.live.delete(token);
  }
}

/** DELETE /api/v1/api-tokens/current: revokes the token that signs the request (204). */
export function revokeCurrentTokenRoute(tokens: ApiTokens): OktaRoute {
  return {
    method: 'DELETE',
    path: '/api/v1/api-tokens/current',
    operationId: 'revokeCurrentApiToken',
    // The spec allows only API tokens here (security: apiToken), so the route checks its caller itself.
    // A guess: any other caller (a service app's Bearer or DPoP token) is refused as an unknown token is,
    // 401 E0000011; the spec lists a 403 but does not say when Okta answers it.
    scope: null,
    handler(req) {
      const [scheme = '', credential = ''] = (req.headers.authorization ?? '').split(' ', 2);
      if (scheme !== 'SSWS' || !tokens.revoke(credential)) return oktaError('E0000011');
      return { status: 204 };
    },
  };
}
