/**
 * Where the adapter gets its @okta/okta-sdk-nodejs client. Kept apart from the adapter so that how
 * the SDK is loaded (which of its modules are bundled, how fast the first use is) is decided here.
 */
import { Client } from '@okta/okta-sdk-nodejs';
import type { NetworkSettings } from '../../http/requestPolicy';
import { PolicyRequestExecutor } from './policyRequestExecutor';

export interface OktaClientOptions {
  orgUrl: string;
  apiToken: string;
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
    token: options.apiToken,
    authorizationMode: 'SSWS',
    cacheMiddleware: null,
    requestExecutor: new PolicyRequestExecutor(options.network),
  });
}
