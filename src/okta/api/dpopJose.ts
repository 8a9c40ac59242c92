/**
 * What the Okta SDK's DPoP module (@okta/okta-sdk-nodejs/src/dpop.js, 8.1.0) uses of node-jose, made
 * with node:crypto, in its place in dist/oktaDeferred.js (build/oktaSdkParts.mjs). The SDK makes a
 * DPoP proof for every service-app token request, and node-jose, with the node-forge it loads whole,
 * cost about 75 ms and 10 MB of the service app's first use; this costs nothing to load.
 *
 * The SDK calls: `JWK.asKey(jwk)` then `key.toJSON(false)` (the public JWK for the proof's header),
 * `JWS.createSign({ format: 'compact', fields }, key).update(text).final()` with `alg: 'RS256'`,
 * and `util.base64url.encode(digest)`. The output is node-jose's, byte for byte: a test signs the
 * same proof with both (RS256 signatures are deterministic). Any other key or algorithm is refused
 * with node-jose's own message; domain/oktaCredentials.ts refuses such keys before they are used.
 */
import { createHash, createPrivateKey, type JsonWebKey, type KeyObject, sign } from 'node:crypto';

/** The members node-jose puts in a public RSA JWK, in its order; `n` and `e` are the key's own. */
const publicMembers = ['kty', 'kid', 'use', 'alg', 'key_ops', 'x5c', 'x5t', 'x5u', 'n', 'e'] as const;

class RsaKey {
  readonly kid: string;

  constructor(private readonly jwk: JsonWebKey, private readonly privateKey: KeyObject) {
    // Without a kid, node-jose names the key by its RFC 7638 thumbprint.
    this.kid = typeof jwk.kid === 'string' ? jwk.kid : thumbprint(jwk);
  }

  /** The public JWK (`false`); the private one is never asked for. */
  toJSON(exportPrivate = false): Record<string, unknown> {
    if (exportPrivate) throw new Error('The private JWK is not exported.');
    const source: Record<string, unknown> = { ...this.jwk, kid: this.kid };
    return Object.fromEntries(publicMembers.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
  }

  sign(input: string): Buffer {
    return sign('sha256', Buffer.from(input), this.privateKey);
  }
}

/** RFC 7638: SHA-256 of the required members in lexical order, base64url. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
}

const unsupported = () => new Error('unsupported algorithm');

export const JWK = {
  async asKey(jwk: JsonWebKey): Promise<RsaKey> {
    if (jwk.kty !== 'RSA') throw unsupported();
    return new RsaKey(jwk, createPrivateKey({ key: jwk, format: 'jwk' }));
  },
};

interface SignOptions {
  format: 'compact';
  fields: Record<string, unknown> & { alg?: unknown };
}

export const JWS = {
  createSign(options: SignOptions, key: RsaKey) {
    let content = '';
    const signer = {
      update(data: string | Buffer) {
        content += data.toString();
        return signer;
      },
      async final(): Promise<string> {
        if (options.format !== 'compact' || options.fields.alg !== 'RS256' || !(key instanceof RsaKey)) throw unsupported();
        // node-jose puts the key's kid after the given fields.
        const header = base64url(JSON.stringify({ ...options.fields, kid: key.kid }));
        const signingInput = `${header}.${base64url(content)}`;
        return `${signingInput}.${key.sign(signingInput).toString('base64url')}`;
      },
    };
    return signer;
  },
};

const base64url = (text: string) => Buffer.from(text).toString('base64url');

export const util = {
  base64url: {
    encode: (data: ArrayBuffer | Uint8Array | string) => (typeof data === 'string' ? base64url(data) : Buffer.from(data as ArrayBuffer).toString('base64url')),
  },
};
