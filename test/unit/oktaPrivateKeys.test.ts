// The service app's private key as an admin pastes it or picks its file: an RSA key in PEM (PKCS #8,
// PKCS #1) or JWK, also with the line breaks an input box drops; a public key, a certificate, an
// encrypted key, an EC key (the Okta SDK signs RS256 only) or a broken paste is refused with a message
// naming what was pasted, and no message repeats the key.
// Keys are generated per run, never written out.
import * as assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkPrivateKey, oktaScopeUses } from '../../src/domain/oktaCredentials';
import { allOktaScopes } from '../../src/okta/api/oktaApi';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const jwk = { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'key-1' };

function refused(input: string): string {
  const check = checkPrivateKey(input);
  assert.equal(check.ok, false, 'accepted');
  const { message } = check as { message: string };
  // No run of 16 characters of what was pasted reaches the message.
  const body = input.replace(/-----[A-Z ]+-----|\s/g, '');
  for (let i = 0; i + 16 <= body.length; i += 16) assert.ok(!message.includes(body.slice(i, i + 16)), 'the message repeats the key');
  return message;
}

function accepted(input: string) {
  const check = checkPrivateKey(input);
  assert.ok(check.ok, check.ok ? '' : check.message);
  return check;
}

describe('checkPrivateKey', () => {
  it('accepts PEM private keys as Okta and openssl write them, unchanged', () => {
    for (const pem of [pkcs8, pkcs1]) {
      const check = accepted(pem);
      assert.equal(check.format, 'pem');
      assert.equal(check.privateKey, pem);
      assert.equal(check.keyId, undefined);
    }
  });

  it('puts back the line breaks an input box drops, so the key still reads', () => {
    for (const pem of [pkcs8, pkcs1]) {
      const oneLine = pem.replace(/\n/g, '');
      const check = accepted(`  ${oneLine}  `);
      assert.equal(check.privateKey, pem);
      assert.ok(createPrivateKey(check.privateKey));
      assert.equal(accepted(pem.replace(/\n/g, ' ')).privateKey, pem, 'line breaks turned into spaces');
      assert.equal(accepted(pem.replace(/\n/g, '\r\n')).privateKey, pem, 'CRLF');
    }
  });

  it('accepts a private JWK, alone or as the only key of a set, and keeps its kid', () => {
    for (const text of [JSON.stringify(jwk), JSON.stringify({ keys: [jwk] }, null, 2)]) {
      const check = accepted(text);
      assert.equal(check.format, 'jwk');
      assert.equal(check.keyId, 'key-1');
      assert.deepEqual(JSON.parse(check.privateKey), jwk);
    }
    assert.equal(accepted(JSON.stringify({ ...jwk, kid: undefined })).keyId, undefined);
  });

  it('refuses an EC key in every form, saying only RSA keys work with the SDK and how to add one', () => {
    const ecPkcs8 = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const text of [sec1, ecPkcs8, ecPkcs8.replace(/\n/g, ''), JSON.stringify(ec.privateKey.export({ format: 'jwk' }))]) {
      assert.match(refused(text), /^That is an EC key\. .*only RSA keys work: add an RSA key to the service app \(Admin Console: .*Generate new key\)/);
    }
  });

  it('refuses a public key, naming it, in PEM and in JWK', () => {
    assert.match(refused(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()), /^That is a public key\./);
    assert.match(refused(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString()), /^That is a public key\./);
    assert.match(refused(JSON.stringify(rsa.publicKey.export({ format: 'jwk' }))), /^That is a public key \(the JWK has no private part "d"\)/);
    assert.match(refused(JSON.stringify({ keys: [rsa.publicKey.export({ format: 'jwk' })] })), /^That is a public key/);
  });

  it('refuses a certificate, naming it', () => {
    // A certificate's PEM shape; its content need not be a valid certificate for the label to say what it is.
    const certificate = `-----BEGIN CERTIFICATE-----\n${Buffer.alloc(300, 7).toString('base64')}\n-----END CERTIFICATE-----\n`;
    assert.equal(typeof X509Certificate, 'function');
    assert.match(refused(certificate), /^That is a certificate, not a private key\./);
  });

  it('refuses an encrypted key, saying how to decrypt it', () => {
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
    assert.match(refused(encrypted), /encrypted with a passphrase\. Decrypt it first/);
  });

  it('refuses broken pastes: a cut-off block, mismatched labels, stray characters, a body that is no key', () => {
    assert.match(refused(pkcs8.slice(0, 200)), /incomplete/);
    assert.match(refused(pkcs8.replace('END PRIVATE KEY', 'END RSA PRIVATE KEY')), /do not match/);
    assert.match(refused(pkcs8.replace(/\n(.)/, '\n*$1')), /characters a key does not have/);
    assert.match(refused(`-----BEGIN PRIVATE KEY-----\n${Buffer.alloc(64, 1).toString('base64')}\n-----END PRIVATE KEY-----`), /does not hold a readable private key/);
    assert.match(refused('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----'), /is not a private key/);
  });

  it('refuses JSON that is no usable private JWK', () => {
    assert.match(refused('{"kty": "RSA", "n": '), /not valid JSON/);
    assert.match(refused('{"alg": "RS256"}'), /no "kty"/);
    assert.match(refused('{"kty": "oct", "k": "c2VjcmV0"}'), /RSA or EC keys; this JWK is "oct"/);
    assert.match(refused(JSON.stringify({ keys: [jwk, jwk] })), /key set with 2 keys/);
    assert.match(refused(JSON.stringify({ kty: 'RSA', d: jwk.d })), /does not hold a readable private key/);
  });

  it('says what to paste when given nothing or something else', () => {
    assert.match(refused('  '), /^Paste the private key \(PEM or JWK\)/);
    assert.match(refused('00abcdefghijklmnopqrstuvwxyz0123456789ABCD'), /neither a PEM private key .* nor a JWK/);
  });
});

describe('the scopes offered for a service app', () => {
  it('are exactly the scopes the adapter\'s features use, each with what it is for', () => {
    assert.deepEqual(oktaScopeUses.map((entry) => entry.scope).sort(), [...allOktaScopes].sort());
    for (const entry of oktaScopeUses) assert.ok(entry.use.length > 10, entry.scope);
  });
});
