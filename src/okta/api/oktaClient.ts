/**
 * Where the adapter gets its @okta/okta-sdk-nodejs client. Kept apart from the adapter so that how
 * the SDK is loaded (which of its modules are bundled, how fast the first use is) is decided here.
 *
 * Only the SDK's HTTP layer (Http), its OAuth and its request executor are imported, by path: the
 * package's index loads Client and every generated API and model (5 MB bundled, about 0.4 s and
 * 90 MB to load), and the adapter uses none of them. The client below is what Client's constructor
 * builds for these two modes (src/client.js in 8.1.0), without its config loader: nothing is read
 * from okta.yaml files or OKTA_CLIENT_* variables, so only what the caller passes counts.
 * The build bundles what these parts need late (service-app signing) in dist/oktaDeferred.js,
 * loaded on first call, and leaves out what they never call (build/oktaSdkParts.mjs).
 */
import * as l10n from '@vscode/l10n';
import { name as sdkName, version as sdkVersion } from '@okta/okta-sdk-nodejs/package.json';
import { Http } from '@okta/okta-sdk-nodejs/src/http';
import { OAuth } from '@okta/okta-sdk-nodejs/src/oauth';
import * as os from 'node:os';
import type { NetworkSettings } from '../../http/requestPolicy';
import { PolicyRequestExecutor } from './policyRequestExecutor';

/** How the client signs in: an admin's API token (SSWS), or an OAuth 2.0 service app (client credentials with a signed JWT, DPoP when the app requires it). */
export type OktaClientCredential =
  | { kind: 'apiToken'; token: string }
  | { kind: 'serviceApp'; clientId: string; privateKey: string; keyId?: string; scopes: readonly string[] };

export interface OktaClientOptions {
  orgUrl: string;
  credential: OktaClientCredential;
  network: NetworkSettings;
}

/** The SDK's HTTP layer as the adapter uses it: JSON reads and writes against the org, auth added by the SDK. */
export type OktaHttp = Http;

/** The SDK's own User-Agent (Client's DEFAULT_USER_AGENT), so Okta's System Log names the same client as before. */
const userAgent = `${sdkName}/${sdkVersion} node/${process.versions.node} ${os.platform()}/${os.release()}`;

export function createOktaClient(options: OktaClientOptions): { http: OktaHttp } {
  const { credential } = options;
  const missing = missingValues(options);
  if (missing.length) throw new Error(l10n.t('Cannot make an Okta client without {0}.', missing.join(', ')));
  const baseUrl = options.orgUrl.replace(/\/$/, '');
  // Requests leave through the request policy, never the SDK's own fetch (so its proxy agent is unused).
  const requestExecutor = new PolicyRequestExecutor(options.network);
  const oauth = credential.kind === 'serviceApp'
    ? new OAuth({
      baseUrl, requestExecutor, clientId: credential.clientId, scopes: [...credential.scopes], privateKey: credential.privateKey,
      // Empty: Okta then tries each of the app's keys (a JWK's own kid still wins).
      keyId: credential.keyId ?? '',
    })
    : undefined;
  // The GET cache is off (cacheMiddleware: null): this extension shows live state.
  const http = new Http({ requestExecutor, oauth, cacheMiddleware: null });
  if (credential.kind === 'apiToken') http.defaultHeaders.Authorization = `SSWS ${credential.token}`;
  http.defaultHeaders['User-Agent'] = userAgent;
  return { http };
}

/** What Client's constructor would refuse to start without; the SDK would otherwise send `SSWS ` or an empty assertion. */
function missingValues({ orgUrl, credential }: OktaClientOptions): string[] {
  const required: Array<[string, unknown]> = credential.kind === 'apiToken'
    ? [[l10n.t('the org URL'), orgUrl], [l10n.t('an API token'), credential.token]]
    : [[l10n.t('the org URL'), orgUrl], [l10n.t('a client ID'), credential.clientId], [l10n.t('scopes'), credential.scopes.length], [l10n.t('a private key'), credential.privateKey]];
  return required.filter(([, value]) => !value).map(([what]) => what);
}
