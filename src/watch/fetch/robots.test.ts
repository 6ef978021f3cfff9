import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { productTokenOf, RobotsCache, rulesFromOutcome } from './robots.js';
import type { FetchOutcome } from './types.js';

const robotsUrl = 'https://news.example/robots.txt';
const ok = (text: string): FetchOutcome => ({
  kind: 'ok',
  url: robotsUrl,
  status: 200,
  contentType: 'text/plain',
  bytes: Buffer.from(text),
  etag: null,
  lastModified: null,
  redirects: 0,
  attempts: 1,
});
const failed = (code: Extract<FetchOutcome, { kind: 'error' }>['code'], status?: number): FetchOutcome => ({
  kind: 'error',
  url: robotsUrl,
  code,
  reason: `${code} ${status ?? ''}`,
  attempts: 1,
  ...(status ? { status } : {}),
});

describe('robots.txt rules (RFC 9309)', () => {
  it('takes the product token from the User-Agent', () => {
    assert.equal(productTokenOf('Marsad/0.1 (+https://github.com/marsad/marsad; Arabic news monitor)'), 'Marsad');
    assert.equal(productTokenOf('MarsadTest'), 'MarsadTest');
  });

  it('maps each fetch outcome to allow-all, disallow-all, rules or unreachable', () => {
    const table: Array<[FetchOutcome, string]> = [
      [ok('User-agent: *\nDisallow: /'), 'rules'],
      [failed('http', 404), 'allow-all'],
      [failed('http', 403), 'allow-all'],
      [failed('http', 410), 'allow-all'],
      [failed('http', 429), 'disallow-all'],
      [failed('http', 500), 'disallow-all'],
      [failed('http', 503), 'disallow-all'],
      [failed('too-many-redirects'), 'allow-all'],
      [failed('bad-encoding'), 'disallow-all'],
      [failed('timeout'), 'unreachable'],
      [failed('connect'), 'unreachable'],
      [failed('dns'), 'unreachable'],
      [failed('blocked-address'), 'unreachable'],
    ];
    for (const [outcome, kind] of table) {
      assert.equal(rulesFromOutcome(outcome, robotsUrl).kind, kind, JSON.stringify({ ...outcome, bytes: undefined }));
    }
  });
});

describe('robots cache', () => {
  const robotsTxt = 'User-agent: *\nDisallow: /\n\nUser-agent: Marsad\nDisallow: /search\nCrawl-delay: 5\n';
  const options = { productToken: 'Marsad', ttlMs: 60_000, failureTtlMs: 60_000, maxCrawlDelayMs: 2000 };

  it('fetches once per origin for concurrent checks and judges with our group', async () => {
    const fetched: string[] = [];
    const cache = new RobotsCache(async (url) => {
      fetched.push(url);
      return ok(robotsTxt);
    }, options);
    const verdicts = await Promise.all(
      ['/politics/1', '/search?q=x', '/economy/2'].map((path) => cache.check(new URL(`https://news.example${path}`))),
    );
    assert.deepEqual(fetched, [robotsUrl]);
    assert.deepEqual(verdicts.map((verdict) => verdict.kind), ['allowed', 'disallowed', 'allowed']);
    assert.deepEqual(verdicts[0], { kind: 'allowed', crawlDelayMs: 2000 }, 'Crawl-delay 5 s capped at 2 s');
    await cache.check(new URL('https://other.example/'));
    assert.deepEqual(fetched, [robotsUrl, 'https://other.example/robots.txt']);
  });

  it('keeps a failure only for the failure lifetime', async () => {
    let calls = 0;
    const cache = new RobotsCache(async () => (++calls === 1 ? failed('http', 503) : ok('')), { ...options, failureTtlMs: 30 });
    assert.equal((await cache.check(new URL('https://news.example/a'))).kind, 'disallowed');
    assert.equal((await cache.check(new URL('https://news.example/b'))).kind, 'disallowed');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal((await cache.check(new URL('https://news.example/c'))).kind, 'allowed');
    assert.equal(calls, 2);
  });
});
