import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { defaultUserAgent } from './client.js';
import { expectKind, reply, withServer } from './local-server.js';

/** A site whose robots.txt is `robots` (or the status `robotsStatus`), and whose other pages say their path. */
function site(robots: string | number) {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/robots.txt') {
      return typeof robots === 'number' ? reply(response, robots) : reply(response, 200, { 'content-type': 'text/plain' }, robots);
    }
    if (request.url === '/hop-to-private') return reply(response, 302, { location: '/private/x' });
    reply(response, 200, {}, `page ${request.url}`);
  };
}

// Everyone else is kept out entirely; our group (matched by the product token, case-insensitively) only of /private.
const robotsTxt = ['User-agent: *', 'Disallow: /', '', 'User-agent: marsad', 'Disallow: /private', ''].join('\n');

describe('fetcher: robots.txt', () => {
  it('obeys the group of our product token, fetching robots.txt once for many requests', async () => {
    await withServer(site(robotsTxt), { respectRobots: true }, async (server, fetcher) => {
      const urls = ['/news/1', '/news/2', '/private/a', '/news/3'].map((path) => `${server.origin}${path}`);
      const outcomes = await Promise.all(urls.map((url) => fetcher.fetch({ url })));
      expectKind(await fetcher.fetch({ url: `${server.origin}/news/4` }), 'ok');
      assert.deepEqual(outcomes.map((outcome) => outcome.kind), ['ok', 'ok', 'error', 'ok']);
      const refused = expectKind(outcomes[2], 'error');
      assert.deepEqual([refused.code, refused.attempts], ['robots', 0]);
      assert.equal(server.hits('/robots.txt'), 1);
      assert.equal(server.hits('/private/a'), 0);
      const robotsRequest = server.requests.find((request) => request.path === '/robots.txt');
      assert.equal(robotsRequest?.headers['user-agent'], defaultUserAgent);
    });
  });

  it('checks robots.txt again after a redirect', async () => {
    await withServer(site(robotsTxt), { respectRobots: true }, async (server, fetcher) => {
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/hop-to-private` }), 'error');
      assert.equal(failure.code, 'robots');
      assert.equal(failure.url, `${server.origin}/private/x`);
      assert.equal(server.hits('/private/x'), 0);
    });
  });

  it('allows everything when robots.txt is 404', async () => {
    await withServer(site(404), { respectRobots: true }, async (server, fetcher) => {
      expectKind(await fetcher.fetch({ url: `${server.origin}/private/a` }), 'ok');
      expectKind(await fetcher.fetch({ url: `${server.origin}/anything` }), 'ok');
      assert.equal(server.hits('/robots.txt'), 1);
    });
  });

  it('disallows everything while robots.txt answers 500', async () => {
    await withServer(site(500), { respectRobots: true, maxAttempts: 2 }, async (server, fetcher) => {
      for (const path of ['/news/1', '/news/2']) {
        const failure = expectKind(await fetcher.fetch({ url: `${server.origin}${path}` }), 'error');
        assert.equal(failure.code, 'robots');
        assert.match(failure.reason, /500/);
      }
      assert.equal(server.hits('/robots.txt'), 2, 'one fetch of two attempts, then cached');
      assert.equal(server.requests.length, 2);
    });
  });

  it('follows a redirected robots.txt and honours its Crawl-delay', async () => {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      if (request.url === '/robots.txt') return reply(response, 301, { location: '/meta/robots.txt' });
      if (request.url === '/meta/robots.txt') return reply(response, 200, {}, 'User-agent: *\nCrawl-delay: 0.15\nDisallow: /x\n');
      reply(response, 200, {}, 'ok');
    };
    await withServer(handler, { respectRobots: true, perHostIntervalMs: 0 }, async (server, fetcher) => {
      assert.equal(expectKind(await fetcher.fetch({ url: `${server.origin}/x` }), 'error').code, 'robots');
      const outcomes = await Promise.all(['/a', '/b', '/c'].map((path) => fetcher.fetch({ url: `${server.origin}${path}` })));
      for (const outcome of outcomes) expectKind(outcome, 'ok');
      const pages = server.requests.filter((request) => ['/a', '/b', '/c'].includes(request.path));
      for (let index = 1; index < pages.length; index++) {
        const gap = pages[index].at - pages[index - 1].at;
        assert.ok(gap >= 120, `gap ${gap.toFixed(1)} ms < Crawl-delay 150 ms`);
      }
    });
  });
});
