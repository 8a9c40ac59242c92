// The request policy's settings for tests: a short deadline, no proxy from the environment, and
// wording a test can recognize.
import type { NetworkSettings } from '../../src/http/requestPolicy';

export const testWording = { timeout: 'raise the test timeout', proxy: 'the test proxy settings' };

export function testNetwork(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  return { timeoutMs: 5000, env: {}, wording: testWording, ...overrides };
}
