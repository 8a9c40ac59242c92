// Compact JSON Web Signatures as the Okta SDK makes them (client assertions and DPoP proofs):
// decoding, RS256 verification with node:crypto, and RFC 7638 key thumbprints.
import { createHash, type KeyObject, verify } from 'node:crypto';

export interface Jws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJws(compact: string): Jws | undefined {
  const parts = compact.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const [header, payload] = parts.slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/** The SDK signs with RS256 for RSA keys; the sandbox registers only RSA keys. */
export function verifiesRs256(jws: Jws, key: KeyObject): boolean {
  return jws.header.alg === 'RS256' && verify('sha256', Buffer.from(jws.signingInput), key, jws.signature);
}

/** RFC 7638 thumbprint of an RSA public JWK: what binds a DPoP token to its key. */
export function rsaThumbprint(jwk: { e: string; n: string }): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
