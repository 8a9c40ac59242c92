// The request policy's settings for tests: a short deadline, no proxy from the environment, and
// wording a test can recognize.
import * as assert from 'node:assert/strict';
import { HttpFailure, type HttpRequest, type NetworkSettings } from '../../src/http/requestPolicy';

export const testWording = { timeout: 'raise the test timeout', proxy: 'the test proxy settings' };

export function testNetwork(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  return { timeoutMs: 5000, env: {}, wording: testWording, ...overrides };
}

export const testService = { name: 'the test API', urlName: 'test URL' };

/** A GET of the test API, with anything else the test sets. */
export const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'GET', url, service: testService, ...extra });

/** The HttpFailure `work` ends with; fails the test if it ends otherwise. */
export async function failureOf(work: Promise<unknown>): Promise<HttpFailure> {
  const failure = await work.then(() => undefined, (error: unknown) => error);
  assert.ok(failure instanceof HttpFailure, `expected an HttpFailure, got ${String(failure)}`);
  return failure;
}
