// One HTTP GET and its answer, under the time and size limits: no redirects, no retries, no robots (client.ts).
// Input: a checked URL, request headers, limits. Output: a redirect, not-modified, a body, or a failure value.

import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher } from 'undici';
import { decodersFor, readBody, type BodyLimit } from './body.js';
import { classifyNetworkError } from './network-errors.js';
import { isRetryableStatus, parseRetryAfterMs } from './retry.js';
import type { FetchFailure } from './types.js';

export type Exchange =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-modified' }
  | {
      kind: 'body';
      status: number;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      bytes: Uint8Array;
    }
  | {
      kind: 'failure';
      code: FetchFailure['code'];
      reason: string;
      status?: number;
      retryable: boolean;
      /** What the server's Retry-After asked for, when it sent one. */
      retryAfterMs?: number | null;
    };

export interface ExchangeSettings {
  dispatcher: Dispatcher;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Aborted when the fetcher closes: every exchange in flight ends at once. */
  closing: AbortSignal;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

export const closedFailure: Exchange = { kind: 'failure', code: 'connect', reason: 'fetcher closed', retryable: false };

/**
 * Two deadlines, both enforced by aborting the request: time to the response headers (connect included), then
 * time for the WHOLE body, so a server dripping one byte a second cannot hold us (undici's own bodyTimeout only
 * measures the gap between chunks).
 */
export async function exchange(
  url: URL,
  headers: Record<string, string>,
  limit: BodyLimit,
  settings: ExchangeSettings,
): Promise<Exchange> {
  if (settings.closing.aborted) return closedFailure;
  const controller = new AbortController();
  const abortOnClose = (): void => controller.abort();
  settings.closing.addEventListener('abort', abortOnClose, { once: true });
  let expired: string | null = null;
  const startDeadline = (what: string, ms: number): NodeJS.Timeout =>
    setTimeout(() => {
      expired = `${what} not complete within ${ms} ms`;
      controller.abort();
    }, ms);
  let timer = startDeadline('response headers', settings.headersTimeoutMs);

  const failureFrom = (error: unknown): Exchange => {
    if (expired !== null) return { kind: 'failure', code: 'timeout', reason: expired, retryable: true };
    if (settings.closing.aborted) return closedFailure;
    return { kind: 'failure', ...classifyNetworkError(error) };
  };

  try {
    const response = await request(url, {
      dispatcher: settings.dispatcher,
      method: 'GET',
      headers,
      signal: controller.signal,
    });
    clearTimeout(timer);
    const { statusCode: status, body } = response;
    if (status < 200 || status >= 300) {
      discard(body);
      return answerWithoutBody(status, response.headers);
    }
    const decoding = decodersFor(header(response.headers, 'content-encoding'));
    if ('unknown' in decoding) {
      discard(body);
      return { kind: 'failure', code: 'bad-encoding', reason: `unknown Content-Encoding ${decoding.unknown}`, status, retryable: false };
    }
    const declaredLength = Number(header(response.headers, 'content-length') ?? NaN);
    if (limit.onLimit === 'fail' && decoding.decoders.length === 0 && declaredLength > limit.maxBytes) {
      discard(body);
      return tooLarge(limit, `Content-Length ${declaredLength}`, status);
    }
    timer = startDeadline('body', settings.bodyTimeoutMs);
    const read = await readBody(body, decoding.decoders, limit);
    switch (read.kind) {
      case 'complete':
        return {
          kind: 'body',
          status,
          contentType: header(response.headers, 'content-type'),
          etag: header(response.headers, 'etag'),
          lastModified: header(response.headers, 'last-modified'),
          bytes: read.bytes,
        };
      case 'too-large':
        return tooLarge(limit, `more than ${read.bytesRead} bytes decoded`, status);
      case 'bad-encoding':
        return expired === null
          ? { kind: 'failure', code: 'bad-encoding', reason: read.reason, status, retryable: false }
          : failureFrom(null);
      case 'stream-error':
        return failureFrom(read.error);
    }
  } catch (error) {
    return failureFrom(error);
  } finally {
    clearTimeout(timer);
    settings.closing.removeEventListener('abort', abortOnClose);
  }
}

/** Drops a body we will not read (closing its connection); undici reports that as an error nobody needs. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function tooLarge(limit: BodyLimit, what: string, status: number): Exchange {
  return { kind: 'failure', code: 'too-large', reason: `body beyond ${limit.maxBytes} bytes (${what})`, status, retryable: false };
}

function answerWithoutBody(status: number, headers: Dispatcher.ResponseData['headers']): Exchange {
  if (status === 304) return { kind: 'not-modified' };
  const location = header(headers, 'location');
  if (redirectStatuses.has(status) && location !== null) return { kind: 'redirect', location };
  return {
    kind: 'failure',
    code: 'http',
    status,
    reason: `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim() + (redirectStatuses.has(status) ? ' without Location' : ''),
    retryable: isRetryableStatus(status),
    retryAfterMs: parseRetryAfterMs(header(headers, 'retry-after')),
  };
}
