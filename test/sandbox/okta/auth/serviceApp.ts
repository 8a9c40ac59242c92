// The API service app registered in the sandbox org: a client id, an RSA key pair made at start (the
// public half registered with Okta, the private half handed to tests and tools as Okta hands it to an
// admin, PKCS #8 PEM), and the Okta scopes granted to it.
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';

export interface ServiceAppCredentials {
  clientId: string;
  privateKeyPem: string;
  /** Granted scopes; the SDK's `scopes` option takes this array as it is. */
  scopes: string[];
}

export interface RegisteredServiceApp {
  clientId: string;
  keyId: string;
  publicKey: KeyObject;
  scopes: ReadonlySet<string>;
  /** Okta's "Require Demonstrating Proof of Possession (DPoP) header in token requests". */
  requiresDpop: boolean;
}

const grantedScopes = [
  'okta.apps.read', 'okta.apps.manage', 'okta.users.read', 'okta.groups.read', 'okta.schemas.read', 'okta.profileMappings.read', 'okta.logs.read',
];

/** `scopes`: those granted to the app (default: every scope the extension asks for). */
export function registerServiceApp(requiresDpop: boolean, scopes: readonly string[] = grantedScopes): { registered: RegisteredServiceApp; credentials: ServiceAppCredentials } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Okta client ids are 20 characters starting with 0oa.
  const clientId = `0oa${randomBytes(13).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17)}`;
  return {
    registered: { clientId, keyId: randomBytes(32).toString('base64url'), publicKey, scopes: new Set(scopes), requiresDpop },
    credentials: { clientId, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), scopes: [...scopes] },
  };
}
