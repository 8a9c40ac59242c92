// DPoP proofs (RFC 9449) as the SDK builds them (its src/dpop.js): typ "dpop+jwt", RS256, the public
// JWK in the header, claims htm, htu, iat and jti, plus `nonce` on token requests that answer a
// use_dpop_nonce, and `ath` (the access token's SHA-256) on API requests.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { decodeJws, isObject, rsaThumbprint, verifiesRs256 } from './jws';

export interface ProofExpectation {
  method: string;
  /** The request URL without its query (htu). */
  url: string;
  /** On API requests: the token the proof must be bound to (ath). */
  accessToken?: string;
}

export type ProofCheck = { ok: true; thumbprint: string; nonce?: string } | { ok: false; reason: string };

/** How far a proof's iat may be from now: a guess, Okta does not publish it. */
const maxSkewSeconds = 300;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export class DpopVerifier {
  /** Proof ids seen, so that a proof cannot be replayed. */
  private readonly seen = new Set<string>();

  verify(proof: string, expected: ProofExpectation): ProofCheck {
    const jws = decodeJws(proof);
    const jwk = jws?.header.jwk;
    const publicKey = jws?.header.typ === 'dpop+jwt' && isObject(jwk) ? rsaPublicKey(jwk) : undefined;
    if (!jws || !publicKey) return { ok: false, reason: 'The DPoP proof JWT header is missing or invalid.' };
    if (!verifiesRs256(jws, publicKey.key)) return { ok: false, reason: 'The DPoP proof JWT signature is invalid.' };

    const { htm, htu, iat, jti, ath, nonce } = jws.payload;
    const invalid = (claim: string): ProofCheck => ({ ok: false, reason: `'${claim}' claim in the DPoP proof JWT is invalid.` });
    // A guess: Okta compares the method case-insensitively; the SDK sends "get" from client.http calls.
    if (typeof htm !== 'string' || htm.toUpperCase() !== expected.method.toUpperCase()) return invalid('htm');
    if (htu !== expected.url) return invalid('htu');
    if (typeof iat !== 'number' || Math.abs(Date.now() / 1000 - iat) > maxSkewSeconds) return invalid('iat');
    if (typeof jti !== 'string' || this.seen.has(jti)) return invalid('jti');
    if (ath !== (expected.accessToken === undefined ? undefined : sha256(expected.accessToken))) return invalid('ath');
    this.seen.add(jti);
    return { ok: true, thumbprint: publicKey.thumbprint, ...(typeof nonce === 'string' ? { nonce } : {}) };
  }
}

/** The public RSA key a proof's header carries, with its thumbprint; undefined if it is not one. */
function rsaPublicKey(jwk: Record<string, unknown>): { key: KeyObject; thumbprint: string } | undefined {
  const { kty, n, e } = jwk;
  if (kty !== 'RSA' || typeof n !== 'string' || typeof e !== 'string' || 'd' in jwk) return undefined;
  try {
    return { key: createPublicKey({ key: { kty, n, e }, format: 'jwk' }), thumbprint: rsaThumbprint({ n, e }) };
  } catch {
    return undefined;
  }
}
