/**
 * The Okta adapter: everything that touches @okta/okta-sdk-nodejs. Bundled on its own
 * (dist/okta.js) and loaded on first use, because the SDK is large and slow to load.
 * Imports nothing from vscode, so the command-line tool can use it too.
 */
import type { NetworkSettings } from '../../http/requestPolicy';
import { createOktaClient } from './oktaClient';
import { OktaFailure } from './oktaFailure';

export { OktaFailure } from './oktaFailure';

export interface OktaSessionOptions {
  orgUrl: string;
  apiToken: string;
  /** Timeouts, retries, redirects and proxies: the request policy's. */
  network: NetworkSettings;
}

export interface OktaIdentity {
  /** The admin the token acts for, when the token may read it. */
  login?: string;
}

export interface OktaSession {
  /** Proves the token works and may read apps, which every feature needs. */
  verify(signal?: AbortSignal): Promise<OktaIdentity>;
}

export function openOktaSession(options: OktaSessionOptions): OktaSession {
  const client = createOktaClient({ orgUrl: options.orgUrl, credential: { kind: 'apiToken', token: options.apiToken }, network: options.network });

  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    try {
      return (await client.http.getJson(`${options.orgUrl}${path}`, { signal } as never)) as T;
    } catch (error) {
      throw OktaFailure.from(error, options.orgUrl);
    }
  }

  return {
    async verify(signal) {
      await getJson<unknown[]>('/api/v1/apps?limit=1', signal);
      try {
        const me = await getJson<{ profile?: { login?: string } }>('/api/v1/users/me', signal);
        return { login: me.profile?.login };
      } catch (error) {
        // A token may read apps without being allowed to read users; the login is only a label.
        if (error instanceof OktaFailure && error.kind === 'forbidden') return {};
        throw error;
      }
    },
  };
}
