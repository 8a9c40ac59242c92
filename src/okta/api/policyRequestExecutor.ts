/**
 * The Okta SDK's HTTP layer replaced by the request policy (src/http/requestPolicy.ts): the SDK's
 * default executor retries only some 429s, has no timeout by default, and sends HTTPS_PROXY's
 * proxy even loopback requests. Only GETs are retried: the SDK's token requests carry a signed
 * client assertion and a DPoP proof that Okta accepts once.
 */
import * as l10n from '@vscode/l10n';
import RequestExecutor from '@okta/okta-sdk-nodejs/src/request-executor';
import { type HttpAnswer, type HttpRequest, type NetworkSettings, send, type Service } from '../../http/requestPolicy';

export const oktaService: Service = {
  get name() {
    return l10n.t("Okta's API");
  },
  get urlName() {
    return l10n.t('org URL');
  },
};

type RequestOptions = Parameters<RequestExecutor['fetch']>[0];
type FetchResult = Awaited<ReturnType<RequestExecutor['fetch']>>;

export class PolicyRequestExecutor extends RequestExecutor {
  constructor(private readonly network: NetworkSettings) {
    super();
  }

  override async fetch(request: RequestOptions): Promise<FetchResult> {
    this.emit('request', request);
    if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') throw new TypeError('Only text request bodies are sent.');
    const answer = await send({
      method: (request.method ?? 'GET').toUpperCase() as HttpRequest['method'],
      url: request.url ?? '',
      headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, String(value)])),
      body: request.body ?? undefined,
      service: oktaService,
      signal: (request.signal ?? undefined) as AbortSignal | undefined,
    }, this.network);
    const response = responseOf(answer);
    this.emit('response', response);
    return response;
  }
}

/** What the SDK reads of a node-fetch Response. */
function responseOf(answer: HttpAnswer): FetchResult {
  const response = {
    status: answer.status,
    statusText: '',
    ok: answer.status >= 200 && answer.status < 300,
    url: answer.url,
    headers: new AnswerHeaders(answer.headers),
    text: async () => answer.body,
    json: async () => JSON.parse(answer.body) as unknown,
    buffer: async () => Buffer.from(answer.body),
  };
  return response as unknown as FetchResult;
}

/**
 * The part of a fetch `Headers` the SDK and the adapter read (get, has, forEach). Not the global
 * Headers: its first use loads Node's built-in fetch (about 40 ms), which the request policy does not need.
 * The answer's names are already lower-case and repeated headers joined.
 */
class AnswerHeaders {
  constructor(private readonly headers: Readonly<Record<string, string>>) {}

  get(name: string): string | null {
    return this.headers[name.toLowerCase()] ?? null;
  }

  has(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.headers)) callback(value, name);
  }
}
