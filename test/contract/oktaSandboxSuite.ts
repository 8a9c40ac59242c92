// A sandbox Okta org for one describe block of contract tests: started before its tests with an
// API-token SDK client, every exchange checked against the spec after each test, closed after all.
import { type Client } from '@okta/okta-sdk-nodejs';
import { after, afterEach, before } from 'node:test';
import { type OktaSandbox, type OktaSandboxOptions, startOktaSandbox } from '../sandbox/okta/oktaServer';
import { OktaExchanges } from './oktaExchanges';
import { apiTokenClient } from './oktaSdkClients';

/** An app as Okta's JSON has it, which the SDK's models do not keep whole. */
export interface RawApp {
  id: string;
  name: string;
  label: string;
  status: string;
  features: string[];
  settings: { app: Record<string, unknown> };
}

export interface SandboxSuite {
  readonly okta: OktaSandbox;
  readonly client: Client;
  readonly exchanges: OktaExchanges;
  /** GET /api/v1/apps with this query, as raw JSON. */
  rawApps(query: string): Promise<RawApp[]>;
  /** The apps with this name, as raw JSON, in id order. */
  appsNamed(name: string): Promise<RawApp[]>;
}

export function oktaSandboxSuite(options: Omit<OktaSandboxOptions, 'onExchange' | 'log'> = {}): SandboxSuite {
  const exchanges = new OktaExchanges();
  let started: { okta: OktaSandbox; client: Client } | undefined;
  before(async () => {
    const okta = await startOktaSandbox({ ...options, log: () => {}, onExchange: exchanges.record });
    started = { okta, client: apiTokenClient(okta) };
  });
  after(() => started?.okta.close());
  afterEach(() => exchanges.assertValid());

  const running = () => {
    if (!started) throw new Error('the sandbox starts in the suite\'s before hook');
    return started;
  };
  const rawApps = (query: string) => {
    const { okta, client } = running();
    return client.http.getJson(`${okta.url}/api/v1/apps?${query}`) as unknown as Promise<RawApp[]>;
  };
  return {
    exchanges,
    get okta() {
      return running().okta;
    },
    get client() {
      return running().client;
    },
    rawApps,
    appsNamed: (name) => rawApps(`filter=${encodeURIComponent(`name eq "${name}"`)}`),
  };
}
