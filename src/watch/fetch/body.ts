// Reads a response body through its Content-Encoding decoders, counting decoded bytes as they stream.
// Input: the raw body stream, the Content-Encoding header, a byte limit. Output: the bytes, or why there are none.

import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface BodyLimit {
  maxBytes: number;
  /** 'fail' ends as too-large (pages); 'truncate' keeps the first maxBytes (robots.txt, RFC 9309 §2.5). */
  onLimit: 'fail' | 'truncate';
}

export type BodyResult =
  | { kind: 'complete'; bytes: Uint8Array; truncated: boolean }
  | { kind: 'too-large'; bytesRead: number }
  | { kind: 'bad-encoding'; reason: string }
  | { kind: 'stream-error'; error: unknown };

const decoderFactories: Record<string, (() => Transform) | null> = {
  identity: null,
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * The decoders undoing a Content-Encoding list, in decoding order (the header lists codings in the order they
 * were applied, so they are undone last to first); or the first coding we cannot undo.
 */
export function decodersFor(contentEncoding: string | null): { decoders: Transform[] } | { unknown: string } {
  const codings = (contentEncoding ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter(Boolean);
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (!Object.hasOwn(decoderFactories, coding)) return { unknown: coding };
    const factory = decoderFactories[coding];
    if (factory) decoders.push(factory());
  }
  return { decoders };
}

/**
 * Streams `body` through `decoders` and stops the moment the decoded size passes the limit, destroying the whole
 * chain (and with it the connection): an endless body or a gzip bomb costs at most maxBytes plus one chunk.
 */
export async function readBody(body: Readable, decoders: Transform[], limit: BodyLimit): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  // A flag, not the thrown error's identity: pipeline may reject with its own AbortError instead.
  let limitReached = false;
  // The stream that failed first tells a broken encoding (a decoder) from a broken transfer (the body).
  let firstFailure: 'body' | 'decoder' | null = null;
  body.once('error', () => (firstFailure ??= 'body'));
  let rawBytes = 0;
  body.on('data', (chunk: Buffer) => (rawBytes += chunk.length));
  for (const decoder of decoders) decoder.once('error', () => (firstFailure ??= 'decoder'));

  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      const room = limit.maxBytes - size;
      if (chunk.length > room) {
        if (limit.onLimit === 'truncate') chunks.push(chunk.subarray(0, room));
        size += chunk.length;
        limitReached = true;
        throw new Error('body size limit reached');
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  };

  try {
    // pipeline's overloads cannot type a variable number of stages ending in an async sink.
    await (pipeline as (...stages: unknown[]) => Promise<void>)(body, ...decoders, collect);
    return { kind: 'complete', bytes: Buffer.concat(chunks), truncated: false };
  } catch (error) {
    if (limitReached) {
      return limit.onLimit === 'truncate'
        ? { kind: 'complete', bytes: Buffer.concat(chunks), truncated: true }
        : { kind: 'too-large', bytesRead: size };
    }
    // Some servers label an empty body gzip; there is nothing to decode, and nothing wrong with that.
    if (firstFailure === 'decoder' && rawBytes === 0) return { kind: 'complete', bytes: new Uint8Array(0), truncated: false };
    if (firstFailure === 'decoder') {
      return { kind: 'bad-encoding', reason: `cannot decode body: ${(error as Error).message}` };
    }
    return { kind: 'stream-error', error };
  }
}
