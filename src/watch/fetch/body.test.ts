import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { decodersFor, readBody } from './body.js';

const text = Buffer.from('سطر من نص عربي\n'.repeat(1000));

function decoders(header: string | null) {
  const result = decodersFor(header);
  assert.ok('decoders' in result, `unknown coding in ${header}`);
  return result.decoders;
}

describe('body decoding', () => {
  it('knows identity, gzip, x-gzip, deflate and br, case-insensitively, and names the first unknown coding', () => {
    assert.equal(decoders(null).length, 0);
    assert.equal(decoders('identity').length, 0);
    assert.equal(decoders('GZIP, br').length, 2);
    assert.equal(decoders('x-gzip').length, 1);
    assert.deepEqual(decodersFor('gzip, zstd'), { unknown: 'zstd' });
    assert.deepEqual(decodersFor('compress'), { unknown: 'compress' });
  });

  it('undoes stacked codings last to first', async () => {
    const body = Readable.from([zlib.brotliCompressSync(zlib.gzipSync(text))]);
    const read = await readBody(body, decoders('gzip, br'), { maxBytes: 1e6, onLimit: 'fail' });
    assert.ok(read.kind === 'complete');
    assert.deepEqual(Buffer.from(read.bytes), text);
  });

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    const exact = await readBody(Readable.from([text]), [], { maxBytes: text.length, onLimit: 'fail' });
    assert.equal(exact.kind, 'complete');
    const over = await readBody(Readable.from([text]), [], { maxBytes: text.length - 1, onLimit: 'fail' });
    assert.equal(over.kind, 'too-large');
  });

  it('truncates instead when asked (robots.txt)', async () => {
    const read = await readBody(Readable.from([text.subarray(0, 100), text.subarray(100)]), [], { maxBytes: 150, onLimit: 'truncate' });
    assert.ok(read.kind === 'complete' && read.truncated);
    assert.deepEqual(Buffer.from(read.bytes), text.subarray(0, 150));
  });

  it('stops inflating a brotli bomb at the limit', async () => {
    const quick = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
    const bomb = zlib.brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), quick);
    assert.ok(bomb.length < 10_000);
    const started = performance.now();
    const read = await readBody(Readable.from([bomb]), decoders('br'), { maxBytes: 1024 * 1024, onLimit: 'fail' });
    assert.equal(read.kind, 'too-large');
    assert.ok(performance.now() - started < 2000);
  });

  it('takes an empty body labelled with a coding as empty', async () => {
    for (const coding of ['gzip', 'deflate', 'br']) {
      const read = await readBody(Readable.from([]), decoders(coding), { maxBytes: 100, onLimit: 'fail' });
      assert.ok(read.kind === 'complete' && read.bytes.length === 0, coding);
    }
  });

  it('calls a truncated or corrupt stream bad-encoding and a failing transfer a stream error', async () => {
    const gzipped = zlib.gzipSync(text);
    const truncated = gzipped.subarray(0, gzipped.length - 4);
    assert.equal((await readBody(Readable.from([truncated]), decoders('gzip'), { maxBytes: 1e6, onLimit: 'fail' })).kind, 'bad-encoding');
    const broken = new Readable({ read() { this.destroy(new Error('socket hang up')); } });
    const read = await readBody(broken, decoders('gzip'), { maxBytes: 1e6, onLimit: 'fail' });
    assert.equal(read.kind, 'stream-error');
  });
});
