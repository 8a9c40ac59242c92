// Who holds which token: authorization codes (single use, PKCE-bound), refresh tokens (until
// revoked) and access tokens (expiring), all issued by the sandbox's OAuth endpoints.
import { createHash, randomBytes } from 'node:crypto';
import { organizationId } from './seed';

export interface AuthorizationCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}

export interface AccessSession {
  userId: string;
  clientId: string;
  expiresAt: number;
  refreshToken?: string;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export class SessionStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();
  private readonly accessTokens = new Map<string, AccessSession>();

  /** @param accessTokenLifetimeSeconds how long access tokens live unless a fault shortens it */
  constructor(private readonly accessTokenLifetimeSeconds: () => number) {}

  issueCode(code: Omit<AuthorizationCode, 'expiresAt' | 'used'>): string {
    const value = `aPrx${random(48)}`;
    // Salesforce's authorization codes expire after 15 minutes.
    this.codes.set(value, { ...code, expiresAt: Date.now() + 15 * 60_000, used: false });
    return value;
  }

  /** Takes the code; a used or expired one answers undefined (and stays used). */
  redeemCode(value: string): AuthorizationCode | undefined {
    const code = this.codes.get(value);
    if (!code || code.used || code.expiresAt < Date.now()) return undefined;
    code.used = true;
    return code;
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const value = `5Aep${random(60)}`;
    this.refreshTokens.set(value, { userId, clientId });
    return value;
  }

  /** Rotation: a new refresh token for the same holder, the old one revoked (its access tokens live on). */
  rotateRefreshToken(value: string): string {
    const holder = this.refreshTokens.get(value);
    if (!holder) throw new Error('rotating a refresh token that is not held');
    this.refreshTokens.delete(value);
    return this.issueRefreshToken(holder.userId, holder.clientId);
  }

  refreshTokenHolder(value: string, clientId: string): string | undefined {
    const holder = this.refreshTokens.get(value);
    return holder?.clientId === clientId ? holder.userId : undefined;
  }

  /** Session ids look as Salesforce's do: the org id, "!", then an opaque part. */
  issueAccessToken(userId: string, clientId: string, refreshToken?: string): string {
    const value = `${organizationId}!${random(72).replace(/[-_]/g, 'x')}`;
    this.accessTokens.set(value, { userId, clientId, refreshToken, expiresAt: Date.now() + this.accessTokenLifetimeSeconds() * 1000 });
    return value;
  }

  /** The live session behind an access token, or undefined (unknown, expired or revoked). */
  session(accessToken: string): AccessSession | undefined {
    const session = this.accessTokens.get(accessToken);
    return session && session.expiresAt > Date.now() ? session : undefined;
  }

  /** Revoking a refresh token also ends every access token issued from it. */
  revoke(token: string): boolean {
    if (this.refreshTokens.delete(token)) {
      for (const [value, session] of this.accessTokens) if (session.refreshToken === token) this.accessTokens.delete(value);
      return true;
    }
    return this.accessTokens.delete(token);
  }
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
