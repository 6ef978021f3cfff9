import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { expectKind, reply, withServer } from './local-server.js';

/** Writes `chunk` forever, respecting backpressure, until the client goes away. */
function writeForever(response: ServerResponse, chunk: Buffer): void {
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
}

/** Calls `step` every `ms` until the response closes. */
function every(response: ServerResponse, ms: number, step: () => void): void {
  const timer = setInterval(step, ms);
  response.on('close', () => clearInterval(timer));
}

describe('fetcher: time limits', () => {
  it('ends a server that never sends headers as timeout, after the retries', async () => {
    const handler = (_: IncomingMessage, response: ServerResponse) => {
      const timer = setTimeout(() => reply(response, 200, {}, 'late'), 5000);
      response.on('close', () => clearTimeout(timer));
    };
    await withServer(handler, { headersTimeoutMs: 150, maxAttempts: 2 }, async (server, fetcher) => {
      const started = performance.now();
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/mute` }), 'error');
      assert.deepEqual([failure.code, failure.attempts], ['timeout', 2]);
      assert.match(failure.reason, /headers/);
      assert.ok(performance.now() - started < 1500);
    });
  });

  it('ends a body dripping one byte at a time as timeout (total body time, not the gap between chunks)', async () => {
    const handler = (_: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      every(response, 20, () => response.write('.'));
    };
    await withServer(handler, { bodyTimeoutMs: 300, maxAttempts: 1 }, async (server, fetcher) => {
      const started = performance.now();
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/drip` }), 'error');
      assert.deepEqual([failure.code, failure.status, failure.attempts], ['timeout', undefined, 1]);
      assert.match(failure.reason, /body/);
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 290 && elapsed < 1500, `${elapsed} ms`);
    });
  });
});

describe('fetcher: size limits and encodings', () => {
  const limit = 1024 * 1024;

  it('stops an endless chunked body at the limit', async () => {
    const handler = (_: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      writeForever(response, Buffer.alloc(64 * 1024, 'a'));
    };
    await withServer(handler, { maxBytes: limit }, async (server, fetcher) => {
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/endless` }), 'error');
      assert.deepEqual([failure.code, failure.status, failure.attempts], ['too-large', 200, 1]);
    });
  });

  it('stops a gzip bomb (50 MB of zeros in ~50 KB) at the default 5 MB without inflating it all', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });
    assert.ok(bomb.length < 100 * 1024);
    const handler = (_: IncomingMessage, response: ServerResponse) =>
      reply(response, 200, { 'content-encoding': 'gzip', 'content-type': 'text/html' }, bomb as unknown as string);
    await withServer(handler, {}, async (server, fetcher) => {
      const before = process.memoryUsage().arrayBuffers;
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/bomb` }), 'error');
      assert.equal(failure.code, 'too-large');
      assert.match(failure.reason, /5242880/);
      assert.ok(process.memoryUsage().arrayBuffers - before < 30 * 1024 * 1024, 'the bomb was not inflated in memory');
    });
  });

  it('decodes gzip, deflate, br and a stacked "deflate, gzip" body', async () => {
    const text = Buffer.from('<p>نص عربي للاختبار</p>'.repeat(200));
    const bodies: Record<string, Buffer> = {
      gzip: zlib.gzipSync(text),
      deflate: zlib.deflateSync(text),
      br: zlib.brotliCompressSync(text),
      'deflate, gzip': zlib.gzipSync(zlib.deflateSync(text)),
    };
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      const coding = decodeURIComponent(request.url!.slice(1));
      response.writeHead(200, { 'content-encoding': coding });
      response.end(bodies[coding]);
    };
    await withServer(handler, {}, async (server, fetcher) => {
      for (const coding of Object.keys(bodies)) {
        const ok = expectKind(await fetcher.fetch({ url: `${server.origin}/${encodeURIComponent(coding)}` }), 'ok');
        assert.deepEqual(Buffer.from(ok.bytes), text, coding);
      }
    });
  });

  it('reports an unknown or corrupt Content-Encoding as bad-encoding', async () => {
    const handler = (request: IncomingMessage, response: ServerResponse) =>
      request.url === '/zstd'
        ? reply(response, 200, { 'content-encoding': 'zstd' }, 'whatever')
        : reply(response, 200, { 'content-encoding': 'gzip' }, 'this is not gzip at all');
    await withServer(handler, {}, async (server, fetcher) => {
      for (const path of ['/zstd', '/corrupt']) {
        const failure = expectKind(await fetcher.fetch({ url: `${server.origin}${path}` }), 'error');
        assert.equal(failure.code, 'bad-encoding', path);
      }
    });
  });

  it('refuses a declared Content-Length beyond the limit without reading it', async () => {
    const handler = (_: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'content-length': String(limit * 10) });
      response.write('x');
    };
    await withServer(handler, { maxBytes: limit }, async (server, fetcher) => {
      const failure = expectKind(await fetcher.fetch({ url: `${server.origin}/huge` }), 'error');
      assert.equal(failure.code, 'too-large');
      assert.match(failure.reason, /Content-Length/);
    });
  });
});

describe('fetcher: pacing', () => {
  // Measured where the requests arrive, so network jitter may shave a little off a gap: hence the tolerance.
  it('spaces request starts to one host by the per-host interval', async () => {
    const interval = 100;
    await withServer((_, response) => reply(response, 200, {}, 'ok'), { perHostIntervalMs: interval }, async (server, fetcher) => {
      const paths = ['/1', '/2', '/3', '/4'];
      const outcomes = await Promise.all(paths.map((path) => fetcher.fetch({ url: `${server.origin}${path}` })));
      for (const outcome of outcomes) expectKind(outcome, 'ok');
      assert.deepEqual(server.requests.map((request) => request.path), paths, 'first come, first served');
      for (let index = 1; index < server.requests.length; index++) {
        const gap = server.requests[index].at - server.requests[index - 1].at;
        assert.ok(gap >= interval - 30, `gap ${gap.toFixed(1)} ms < ${interval} ms`);
      }
    });
  });

  it('never has more requests in flight to one host than perHostConcurrency', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const handler = (_: IncomingMessage, response: ServerResponse) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        reply(response, 200, {}, 'ok');
      }, 40);
    };
    await withServer(handler, { perHostConcurrency: 2, concurrency: 8 }, async (server, fetcher) => {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, index) => fetcher.fetch({ url: `${server.origin}/c${index}` })),
      );
      for (const outcome of outcomes) expectKind(outcome, 'ok');
      assert.equal(mostInFlight, 2);
    });
  });

  it('close() ends pending fetches with an error', async () => {
    const handler = (_: IncomingMessage, response: ServerResponse) => {
      const timer = setTimeout(() => reply(response, 200, {}, 'late'), 5000);
      response.on('close', () => clearTimeout(timer));
    };
    await withServer(handler, { perHostConcurrency: 1 }, async (server, fetcher) => {
      const pending = [fetcher.fetch({ url: `${server.origin}/a` }), fetcher.fetch({ url: `${server.origin}/b` })];
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fetcher.close();
      for (const outcome of await Promise.all(pending)) {
        const failure = expectKind(outcome, 'error');
        assert.match(failure.reason, /closed/);
      }
      expectKind(await fetcher.fetch({ url: `${server.origin}/after` }), 'error');
    });
  });
});
