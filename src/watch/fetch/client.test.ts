import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { defaultUserAgent } from './client.js';
import { expectKind, reply, withServer } from './local-server.js';

const page = '<html><body>خبر عاجل</body></html>';
const etag = '"v1"';
const lastModified = 'Tue, 03 Jun 2025 10:00:00 GMT';

describe('fetcher: bodies and conditional GET', () => {
  it('returns a 200 body with its validators, content type and our headers sent', async () => {
    const handler = (_: unknown, response: ServerResponse) =>
      reply(response, 200, { 'content-type': 'text/html; charset=utf-8', etag, 'last-modified': lastModified }, page);
    await withServer(handler, {}, async (server, fetcher) => {
      const ok = expectKind(await fetcher.fetch({ url: `${server.origin}/news` }), 'ok');
      assert.equal(Buffer.from(ok.bytes).toString('utf8'), page);
      assert.equal(ok.status, 200);
      assert.equal(ok.url, `${server.origin}/news`);
      assert.equal(ok.contentType, 'text/html; charset=utf-8');
      assert.equal(ok.etag, etag);
      assert.equal(ok.lastModified, lastModified);
      assert.equal(ok.redirects, 0);
      assert.equal(ok.attempts, 1);
      const sent = server.requests[0].headers;
      assert.equal(sent['user-agent'], defaultUserAgent);
      assert.equal(sent['accept-encoding'], 'gzip, deflate, br');
      assert.match(String(sent.accept), /text\/html/);
      assert.equal(sent['if-none-match'], undefined);
    });
  });

  it('answers not-modified after an ETag and after a Last-Modified', async () => {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      const fresh = request.headers['if-none-match'] === etag || request.headers['if-modified-since'] === lastModified;
      if (fresh) reply(response, 304);
      else reply(response, 200, { etag, 'last-modified': lastModified }, page);
    };
    await withServer(handler, {}, async (server, fetcher) => {
      const url = `${server.origin}/feed`;
      assert.deepEqual(await fetcher.fetch({ url, etag }), { kind: 'not-modified', url });
      assert.deepEqual(await fetcher.fetch({ url, lastModified }), { kind: 'not-modified', url });
      expectKind(await fetcher.fetch({ url, etag: '"old"' }), 'ok');
      assert.equal(server.requests[0].headers['if-none-match'], etag);
      assert.equal(server.requests[1].headers['if-modified-since'], lastModified);
    });
  });

  it('refuses URLs that are not http(s) or carry credentials, without throwing', async () => {
    await withServer((_, response) => reply(response, 200), {}, async (server, fetcher) => {
      for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'not a url', `http://user:pw@127.0.0.1:${server.port}/`]) {
        const failure = expectKind(await fetcher.fetch({ url }), 'error');
        assert.equal(failure.code, 'invalid-url', url);
        assert.equal(failure.attempts, 0);
      }
      assert.equal(server.connections, 0);
    });
  });

  it('reports a 404 at once (no retry) with its status', async () => {
    await withServer((_, response) => reply(response, 404), { maxAttempts: 3 }, async (server, fetcher) => {
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/gone` }), 'error');
      assert.deepEqual([failure.code, failure.status, failure.attempts], ['http', 404, 1]);
      assert.equal(server.hits('/gone'), 1);
    });
  });
});

describe('fetcher: retries', () => {
  it('retries a 500 twice and then succeeds (attempts 3)', async () => {
    let calls = 0;
    const handler = (_: unknown, response: ServerResponse) =>
      ++calls <= 2 ? reply(response, 500) : reply(response, 200, {}, 'ok');
    await withServer(handler, { maxAttempts: 3 }, async (server, fetcher) => {
      const ok = expectKind(await fetcher.fetch({ url: `${server.origin}/flaky` }), 'ok');
      assert.equal(ok.attempts, 3);
      assert.equal(server.hits('/flaky'), 3);
    });
  });

  it('gives up on a 500 that never passes after maxAttempts', async () => {
    await withServer((_, response) => reply(response, 500), { maxAttempts: 4 }, async (server, fetcher) => {
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/down` }), 'error');
      assert.deepEqual([failure.code, failure.status, failure.attempts], ['http', 500, 4]);
      assert.equal(server.hits('/down'), 4);
    });
  });

  it('waits as long as a 503 Retry-After asks before trying again', async () => {
    let calls = 0;
    const handler = (_: unknown, response: ServerResponse) =>
      ++calls === 1 ? reply(response, 503, { 'retry-after': '1' }) : reply(response, 200, {}, 'back');
    await withServer(handler, { maxAttempts: 2, retryBaseMs: 5 }, async (server, fetcher) => {
      const ok = expectKind(await fetcher.fetch({ url: `${server.origin}/busy` }), 'ok');
      assert.equal(ok.attempts, 2);
      const gap = server.requests[1].at - server.requests[0].at;
      assert.ok(gap >= 950, `retried after ${gap} ms, Retry-After asked for 1000`);
    });
  });

  it('treats 429 like a retryable status, and gives up at once on a Retry-After beyond the cap', async () => {
    await withServer((_, response) => reply(response, 429, { 'retry-after': '3600' }), { maxAttempts: 3 }, async (server, fetcher) => {
      const started = performance.now();
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/slow-down` }), 'error');
      assert.deepEqual([failure.code, failure.status, failure.attempts], ['http', 429, 1]);
      assert.match(failure.reason, /Retry-After 3600 s/);
      assert.ok(performance.now() - started < 1000);
    });
    let calls = 0;
    const handler = (_: unknown, response: ServerResponse) =>
      ++calls === 1 ? reply(response, 429) : reply(response, 200, {}, 'ok');
    await withServer(handler, { maxAttempts: 3 }, async (server, fetcher) => {
      assert.equal(expectKind(await fetcher.fetch({ url: `${server.origin}/x` }), 'ok').attempts, 2);
    });
  });

  it('retries after a connection reset', async () => {
    let calls = 0;
    const handler = (request: IncomingMessage, response: ServerResponse) =>
      ++calls === 1 ? request.socket.destroy() : reply(response, 200, {}, 'ok');
    await withServer(handler, { maxAttempts: 2 }, async (server, fetcher) => {
      const ok = expectKind(await fetcher.fetch({ url: `${server.origin}/reset` }), 'ok');
      assert.equal(ok.attempts, 2);
    });
  });
});

describe('fetcher: redirects', () => {
  it('follows a chain of redirects and reports the final URL', async () => {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      if (request.url === '/a') return reply(response, 301, { location: '/b' });
      if (request.url === '/b') return reply(response, 302, { location: `http://127.0.0.1:${port}/c?x=1` });
      if (request.url === '/c?x=1') return reply(response, 307, { location: 'd#fragment' });
      reply(response, 200, {}, `final ${request.url}`);
    };
    let port = 0;
    await withServer(handler, {}, async (server, fetcher) => {
      port = server.port;
      const ok = expectKind(await fetcher.fetch({ url: `${server.origin}/a` }), 'ok');
      assert.equal(ok.url, `${server.origin}/d`);
      assert.equal(ok.redirects, 3);
      assert.equal(Buffer.from(ok.bytes).toString(), 'final /d');
    });
  });

  it('ends a redirect loop as too-many-redirects, and a long chain at the limit', async () => {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      if (request.url === '/ping') return reply(response, 302, { location: '/pong' });
      if (request.url === '/pong') return reply(response, 302, { location: '/ping' });
      const step = Number(request.url?.slice('/step/'.length));
      reply(response, 302, { location: `/step/${step + 1}` });
    };
    await withServer(handler, { maxRedirects: 3 }, async (server, fetcher) => {
      const loop = expectKind(await fetcher.fetch({ url: `${server.origin}/ping` }), 'error');
      assert.equal(loop.code, 'too-many-redirects');
      assert.match(loop.reason, /loop/);
      assert.equal(server.requests.length, 2);
      const chain = expectKind(await fetcher.fetch({ url: `${server.origin}/step/0` }), 'error');
      assert.equal(chain.code, 'too-many-redirects');
      assert.equal(server.hits('/step/3'), 1);
      assert.equal(server.hits('/step/4'), 0);
    });
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const handler = (_: unknown, response: ServerResponse) =>
      reply(response, 302, { location: 'file:///etc/passwd' });
    await withServer(handler, {}, async (server, fetcher) => {
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/escape` }), 'error');
      assert.equal(failure.code, 'invalid-url');
      assert.match(failure.reason, /file:/);
    });
  });
});
