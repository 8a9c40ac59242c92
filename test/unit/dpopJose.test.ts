// src/okta/api/dpopJose.ts stands in for node-jose under the Okta SDK's DPoP proofs: it must give what
// node-jose gives for the SDK's calls, byte for byte (RS256 signatures are deterministic), so each case
// signs the same proof with both, as the SDK's dpop.js does, and compares.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import * as lite from '../../src/okta/api/dpopJose';

interface JoseKey {
  toJSON(exportPrivate: boolean): Record<string, unknown>;
}
interface Jose {
  JWK: { asKey(jwk: JsonWebKey): Promise<JoseKey> };
  JWS: { createSign(options: unknown, key: JoseKey): { update(text: string): { final(): Promise<string> } } };
  util: { base64url: { encode(data: ArrayBuffer | Uint8Array): string } };
}

/** node-jose as the SDK resolves it. */
const nodeJose = createRequire(require.resolve('@okta/okta-sdk-nodejs/package.json'))('node-jose') as Jose;

/** The SDK's dpop.js calls, with one JOSE library or the other. */
async function proof(jose: Jose | typeof lite, jwk: JsonWebKey, payload: Record<string, unknown>): Promise<{ publicJwk: Record<string, unknown>; jwt: string }> {
  const key = await (jose as Jose).JWK.asKey(jwk);
  const publicJwk = key.toJSON(false);
  const jwt = await (jose as Jose).JWS.createSign({ format: 'compact', fields: { typ: 'dpop+jwt', alg: 'RS256', jwk: publicJwk } }, key)
    .update(JSON.stringify(payload)).final();
  return { publicJwk, jwt };
}

const rsaJwk = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const payload = { htm: 'POST', htu: 'https://acme.okta.com/oauth2/v1/token', iat: 1_796_000_000, jti: 'a4e1c7d2-0000-4000-8000-000000000000', nonce: 'n-1' };

describe('dpopJose (node-jose under the Okta SDK\'s DPoP proofs)', () => {
  it('signs the same proof as node-jose, byte for byte: with and without a kid, with alg and use', async () => {
    const base = rsaJwk();
    // What the SDK hands over: its getPemAndJwk adds alg RS256; an admin's JWK may carry kid and use.
    for (const jwk of [base, { ...base, alg: 'RS256' }, { ...base, kid: 'key-1', alg: 'RS256' }, { ...base, kid: 'k', use: 'sig' }]) {
      const [real, ours] = await Promise.all([proof(nodeJose, jwk, payload), proof(lite, jwk, payload)]);
      assert.deepEqual(JSON.stringify(ours.publicJwk), JSON.stringify(real.publicJwk), `public JWK of ${Object.keys(jwk).join(',')}`);
      assert.equal(ours.jwt, real.jwt, `proof with ${Object.keys(jwk).join(',')}`);
    }
  });

  it('never puts the private parts in the public JWK', async () => {
    const key = await lite.JWK.asKey({ ...rsaJwk(), kid: 'k' });
    const shown = key.toJSON(false);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.ok(!(member in shown), member);
    assert.throws(() => key.toJSON(true));
  });

  it('encodes a digest as node-jose does', () => {
    const digest = new Uint8Array([251, 255, 0, 62, 63]).buffer;
    assert.equal(lite.util.base64url.encode(digest), nodeJose.util.base64url.encode(digest));
  });

  it('refuses an EC key with node-jose\'s words, as the SDK\'s RS256 proof fails with it', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const realFailure = await proof(nodeJose, ec, payload).then(() => 'signed', (error: Error) => error.message);
    const ourFailure = await proof(lite, ec, payload).then(() => 'signed', (error: Error) => error.message);
    assert.equal(ourFailure, realFailure);
    assert.equal(ourFailure, 'unsupported algorithm');
  });
});
