import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyNetworkError } from './network-errors.js';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry.js';

describe('retry policy', () => {
  it('retries server errors and 429, never other 4xx', () => {
    for (const status of [500, 502, 503, 504, 429]) assert.equal(isRetryableStatus(status), true, String(status));
    for (const status of [400, 401, 403, 404, 410, 451, 501, 505]) assert.equal(isRetryableStatus(status), false, String(status));
  });

  it('backs off exponentially with up to one base of jitter', () => {
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, 100, () => 0)), [100, 200, 400, 800]);
    assert.equal(backoffDelayMs(2, 100, () => 0.999), 299);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Tue, 03 Jun 2025 10:00:00 GMT');
    assert.equal(parseRetryAfterMs('120', now), 120_000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    assert.equal(parseRetryAfterMs('Tue, 03 Jun 2025 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfterMs('Tue, 03 Jun 2025 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfterMs('soon', now), null);
    assert.equal(parseRetryAfterMs('-5', now), null);
    assert.equal(parseRetryAfterMs(null, now), null);
  });
});

describe('network error names', () => {
  const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('maps DNS, timeouts, resets, refusals and blocked addresses, looking through causes', () => {
    const table: Array<[unknown, string, boolean]> = [
      [withCode('ENOTFOUND'), 'dns', false],
      [withCode('UND_ERR_HEADERS_TIMEOUT'), 'timeout', true],
      [withCode('UND_ERR_CONNECT_TIMEOUT'), 'timeout', true],
      [withCode('ECONNRESET'), 'connect', true],
      [withCode('UND_ERR_SOCKET'), 'connect', true],
      [withCode('ECONNREFUSED'), 'connect', false],
      [withCode('CERT_HAS_EXPIRED'), 'connect', false],
      [Object.assign(new Error('fetch failed'), { cause: withCode('EAI_AGAIN') }), 'dns', false],
      [new AggregateError([withCode('ECONNREFUSED'), withCode('ETIMEDOUT')]), 'timeout', true],
      [withCode('EMARSAD_BLOCKED_ADDRESS', 'x resolves to 10.0.0.1'), 'blocked-address', false],
      ['a string', 'connect', false],
    ];
    for (const [error, code, retryable] of table) {
      const named = classifyNetworkError(error);
      assert.deepEqual([named.code, named.retryable], [code, retryable], String(error));
    }
  });
});
