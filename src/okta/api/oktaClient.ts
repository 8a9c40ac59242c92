/**
 * Where the adapter gets its @okta/okta-sdk-nodejs client. Kept apart from the adapter so that how
 * the SDK is loaded (which of its modules are bundled, how fast the first use is) is decided here.
 */
import { Client } from '@okta/okta-sdk-nodejs';
import type { NetworkSettings } from '../../http/requestPolicy';
import type { OktaCredential } from './oktaApi';
import { PolicyRequestExecutor } from './policyRequestExecutor';

export interface OktaClientOptions {
  orgUrl: string;
  credential: OktaCredential;
  network: NetworkSettings;
}

/** The SDK's HTTP layer as the adapter uses it: JSON reads and writes against the org, auth added by the SDK. */
export type OktaHttp = Client['http'];

export function createOktaClient(options: OktaClientOptions): { http: OktaHttp } {
  // Every value is passed explicitly; authorizationMode too, so okta.yaml files and OKTA_CLIENT_*
  // variables cannot switch the mode. The GET cache is off: this extension shows live state.
  // Requests leave through the request policy, never the SDK's own fetch (its proxy agent is unused).
  return new Client({
    orgUrl: options.orgUrl,
    ...authConfig(options.credential),
    cacheMiddleware: null,
    requestExecutor: new PolicyRequestExecutor(options.network),
  });
}

/**
 * The SDK's auth settings for a credential. A service app signs a client assertion with its key
 * (PEM or JWK) and gets an access token for the scopes; the SDK answers Okta's DPoP nonce challenge
 * itself when the app requires DPoP. An empty keyId lets Okta try each of the app's keys.
 */
function authConfig(credential: OktaCredential) {
  if (credential.kind === 'apiToken') return { authorizationMode: 'SSWS', token: credential.token };
  return {
    authorizationMode: 'PrivateKey',
    clientId: credential.clientId,
    scopes: [...credential.scopes],
    privateKey: credential.privateKey,
    keyId: credential.keyId ?? '',
  };
}
