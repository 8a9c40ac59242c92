// How long the request policy waits before trying again: Retry-After or Okta's X-Rate-Limit-Reset.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryWait } from '../../src/http/requestPolicy';

describe('retryWait', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');

  it('reads Retry-After in seconds or as a date', () => {
    assert.equal(retryWait({ status: 429, headers: { 'retry-after': '7' } }, now), 7000);
    assert.equal(retryWait({ status: 429, headers: { 'retry-after': 'Wed, 02 Dec 2026 10:00:30 GMT' } }, now), 30_000);
    assert.equal(retryWait({ status: 429, headers: { 'retry-after': 'Wed, 02 Dec 2026 09:00:00 GMT' } }, now), 0);
    assert.equal(retryWait({ status: 429, headers: { 'retry-after': 'soon' } }, now), undefined);
    assert.equal(retryWait({ status: 429, headers: {} }, now), undefined);
  });

  it('reads Okta\'s X-Rate-Limit-Reset against the answer\'s own Date, plus a second', () => {
    const reset = String(Math.floor(now / 1000) + 20);
    // The server's clock is 5 s behind ours: its own Date decides.
    assert.equal(retryWait({ status: 429, headers: { 'x-rate-limit-reset': reset, date: new Date(now - 5000).toUTCString() } }, now), 26_000);
    assert.equal(retryWait({ status: 429, headers: { 'x-rate-limit-reset': reset } }, now), 21_000);
    assert.equal(retryWait({ status: 429, headers: { 'x-rate-limit-reset': '1,2' } }, now), undefined);
  });

  it('reads X-Rate-Limit-Reset only on a 429: Okta sends it on every answer', () => {
    assert.equal(retryWait({ status: 503, headers: { 'x-rate-limit-reset': String(Math.floor(now / 1000) + 60) } }, now), undefined);
    assert.equal(retryWait({ status: 503, headers: { 'retry-after': '2' } }, now), 2000);
  });

  it('prefers Retry-After when both are there', () => {
    assert.equal(retryWait({ status: 429, headers: { 'retry-after': '3', 'x-rate-limit-reset': String(Math.floor(now / 1000) + 60) } }, now), 3000);
  });
});
