// The access tokens the org authorization server has issued to service apps. They are opaque strings
// here; Okta's are JWTs, but clients must treat them as opaque, and the SDK does.
import { randomBytes } from 'node:crypto';

export interface AccessToken {
  clientId: string;
  scopes: ReadonlySet<string>;
  expiresAt: number;
  /** For DPoP-bound tokens: the thumbprint of the key every request's proof must be signed with. */
  boundTo?: string;
}

export class AccessTokens {
  private readonly tokens = new Map<string, AccessToken>();

  issue(grant: Omit<AccessToken, 'expiresAt'>, lifetimeSeconds: number): string {
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { ...grant, expiresAt: Date.now() + lifetimeSeconds * 1000 });
    return token;
  }

  /** The live token, or undefined for unknown and expired ones. */
  find(token: string): AccessToken | undefined {
    const found = this.tokens.get(token);
    if (found && found.expiresAt <= Date.now()) this.tokens.delete(token);
    return found && found.expiresAt > Date.now() ? found : undefined;
  }
}
