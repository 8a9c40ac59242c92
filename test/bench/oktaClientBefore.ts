/**
 * BEFORE in test/bench/oktaLoad.bench.ts: src/okta/api/oktaClient.ts as it made the client until
 * issue 12, through the SDK's index and its whole Client (every generated API and model). The bench
 * builds dist/okta.js's entry with this file in place of oktaClient.ts.
 */
import { Client } from '@okta/okta-sdk-nodejs';
import type { OktaClientOptions, OktaHttp } from '../../src/okta/api/oktaClient';
import { PolicyRequestExecutor } from '../../src/okta/api/policyRequestExecutor';

export function createOktaClient(options: OktaClientOptions): { http: OktaHttp } {
  const { credential } = options;
  return new Client({
    orgUrl: options.orgUrl,
    ...(credential.kind === 'apiToken'
      ? { authorizationMode: 'SSWS', token: credential.token }
      : { authorizationMode: 'PrivateKey', clientId: credential.clientId, scopes: [...credential.scopes], privateKey: credential.privateKey, keyId: credential.keyId ?? '' }),
    cacheMiddleware: null,
    requestExecutor: new PolicyRequestExecutor(options.network),
  });
}
