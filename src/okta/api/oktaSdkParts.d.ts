// Types for the modules of @okta/okta-sdk-nodejs that oktaClient.ts imports by path instead of the
// package's index (which loads Client and every generated API). The package ships these types under
// src/types/ rather than next to the files; OAuth is declared with what it actually reads of its
// client (src/oauth.js, src/jwt.js, src/dpop.js in 8.1.0), not the whole Client.
declare module '@okta/okta-sdk-nodejs/package.json' {
  export const name: string;
  export const version: string;
}

declare module '@okta/okta-sdk-nodejs/src/http' {
  import type { Http as SdkHttp } from '@okta/okta-sdk-nodejs/src/types/http';

  type HttpConfig = ConstructorParameters<typeof SdkHttp>[0];
  /** Without oauth (an API token), as Client makes it. */
  export const Http: new (config: Omit<HttpConfig, 'oauth'> & { oauth?: HttpConfig['oauth'] }) => SdkHttp;
  export type Http = SdkHttp;
}

declare module '@okta/okta-sdk-nodejs/src/oauth' {
  import type { OAuth as SdkOAuth } from '@okta/okta-sdk-nodejs/src/types/oauth';
  import type { RequestExecutor } from '@okta/okta-sdk-nodejs/src/types/request-executor';

  export interface OAuthClient {
    /** The org URL without a trailing slash; the token endpoint is `${baseUrl}/oauth2/v1/token`. */
    baseUrl: string;
    clientId: string;
    scopes: string[];
    /** PEM text, a JWK as JSON text, or a JWK object. */
    privateKey: string | object;
    /** Sent as the assertion's kid when the key has none; empty lets Okta try each of the app's keys. */
    keyId: string;
    requestExecutor: RequestExecutor;
  }

  /** Client credentials with a signed client assertion; answers Okta's DPoP nonce challenge and then sets isDPoP. */
  export const OAuth: new (client: OAuthClient) => SdkOAuth & { isDPoP: boolean };
}

declare module '@okta/okta-sdk-nodejs/src/request-executor' {
  import { RequestExecutor } from '@okta/okta-sdk-nodejs/src/types/request-executor';
  export = RequestExecutor;
}
