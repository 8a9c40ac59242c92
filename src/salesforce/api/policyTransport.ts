/**
 * jsforce's HTTP layer replaced by the request policy (src/http/requestPolicy.ts): its own
 * retries miss undici's socket errors, it follows redirects to other hosts with the bearer token,
 * and it waits up to 30 minutes. jsforce has no option for a transport, but reads the
 * connection's `_transport` on every request (HttpApi), so one is set there.
 */
import * as l10n from '@vscode/l10n';
import { PassThrough } from 'node:stream';
import type { Connection } from 'jsforce/core';
import { Transport } from 'jsforce/lib/transport';
import type { HttpRequest as JsforceRequest, HttpResponse } from 'jsforce/lib/types';
import { StreamPromise } from 'jsforce/lib/util/promise';
import { type HttpRequest, type NetworkSettings, send, type Service } from '../../http/requestPolicy';

export const restService: Service = {
  get name() {
    return l10n.t("Salesforce's REST API");
  },
  get urlName() {
    return l10n.t('instance URL');
  },
};

class PolicyTransport extends Transport {
  constructor(private readonly network: NetworkSettings, private readonly signal?: AbortSignal) {
    super();
  }

  override httpRequest(request: JsforceRequest): StreamPromise<HttpResponse> {
    return StreamPromise.create(() => {
      const stream = new PassThrough();
      const promise = (async () => {
        if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') throw new TypeError('Only text request bodies are sent.');
        try {
          const answer = await send({
            method: request.method as HttpRequest['method'], url: request.url, headers: request.headers,
            body: request.body ?? undefined, service: restService, signal: this.signal,
          }, this.network);
          stream.end(answer.body);
          return { statusCode: answer.status, headers: answer.headers, body: answer.body };
        } catch (error) {
          stream.destroy();
          throw error;
        }
      })();
      return { stream, promise };
    });
  }
}

/** Sends every request of `connection` through the request policy, cancelled by `signal`. */
export function useRequestPolicy(connection: Connection, network: NetworkSettings, signal?: AbortSignal): Connection {
  (connection as unknown as { _transport: Transport })._transport = new PolicyTransport(network, signal);
  return connection;
}
