// Real Okta SDK clients for the sandbox, configured as the extension must configure them: every value
// explicit (so okta.yaml files and OKTA_CLIENT_* variables change nothing), the GET cache off, no proxy
// for loopback (the SDK applies HTTPS_PROXY even there).
import { Client, DefaultRequestExecutor, OktaApiError } from '@okta/okta-sdk-nodejs';
import { type OktaSandbox } from '../sandbox/okta/oktaServer';

export interface ClientOptions {
  /** Retries of a 429 (the SDK's default is 2). */
  maxRetries?: number;
  /** Sees each 429 the SDK waits out before retrying. */
  onBackoff?: (response: { headers: { get(name: string): string | null } }) => void;
}

function requestExecutor({ maxRetries = 2, onBackoff }: ClientOptions): DefaultRequestExecutor {
  const executor = new DefaultRequestExecutor({ maxRetries, requestTimeout: 10_000 });
  if (onBackoff) executor.on('backoff', (_request, response) => onBackoff(response));
  return executor;
}

function withoutProxy(client: Client): Client {
  client.http.agent = undefined;
  return client;
}

export function apiTokenClient(okta: OktaSandbox, options: ClientOptions & { token?: string } = {}): Client {
  return withoutProxy(new Client({
    orgUrl: okta.url,
    authorizationMode: 'SSWS',
    token: options.token ?? okta.apiToken,
    cacheMiddleware: null,
    requestExecutor: requestExecutor(options),
  }));
}

export function serviceAppClient(okta: OktaSandbox, options: ClientOptions & { scopes?: string[]; privateKey?: string } = {}): Client {
  return withoutProxy(new Client({
    orgUrl: okta.url,
    authorizationMode: 'PrivateKey',
    clientId: okta.serviceApp.clientId,
    scopes: options.scopes ?? okta.serviceApp.scopes,
    privateKey: options.privateKey ?? okta.serviceApp.privateKeyPem,
    // No kid: Okta then tries each of the client's keys.
    keyId: '',
    cacheMiddleware: null,
    requestExecutor: requestExecutor(options),
  }));
}

/** Every item of an SDK collection, following its Link next pages. */
export async function all<T>(collection: AsyncIterable<T | null> | Promise<AsyncIterable<T | null>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await collection) if (item) items.push(item);
  return items;
}

/** For assert.rejects: the SDK's own error with this status and Okta error code (and a cause matching `cause`). */
export function oktaApiError(status: number, errorCode: string, cause?: RegExp) {
  return (error: unknown) => error instanceof OktaApiError && error.status === status && error.errorCode === errorCode
    && (!cause || cause.test(error.errorCauses?.map((c) => c.errorSummary).join(' ') ?? ''));
}
