// The polite, safe HTTP client of `marsad watch`: robots.txt, per-host pacing, retries, manual redirects, SSRF guard.
// Input: FetcherOptions, then FetchRequests. Output: FetchOutcome values (never exceptions for remote behaviour).

import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, buildConnector } from 'undici';
import {
  addressPolicyFor,
  BlockedAddressError,
  guardedLookup,
  resolveWithSystemDns,
  type AddressPolicy,
  type ResolveHost,
} from './address-policy.js';
import type { BodyLimit } from './body.js';
import { closedFailure, exchange, type Exchange, type ExchangeSettings } from './exchange.js';
import { HostLimiter } from './host-limiter.js';
import { backoffDelayMs } from './retry.js';
import { productTokenOf, RobotsCache } from './robots.js';
import { checkTarget } from './target.js';
import type { Fetcher, FetcherOptions, FetchFailure, FetchOutcome, FetchRequest } from './types.js';

export const defaultUserAgent = 'Marsad/0.1 (+https://github.com/marsad/marsad; Arabic news monitor)';
const defaultAccept =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8';

export const fetcherDefaults: Required<FetcherOptions> = {
  allowPrivateNetwork: false,
  userAgent: defaultUserAgent,
  respectRobots: true,
  perHostIntervalMs: 1000,
  perHostConcurrency: 2,
  concurrency: 8,
  maxAttempts: 3,
  retryBaseMs: 500,
  maxRedirects: 5,
  maxBytes: 5 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
};

/** Knobs for tests and tuning that are not part of the watcher's contract. */
export interface FetcherInternals {
  /** Replaces DNS (tests map made-up names to addresses); every answer still passes the address policy. */
  resolveHost?: ResolveHost;
  /** Replaces the address policy (tests let the loopback test server count as public). */
  isAllowedAddress?: AddressPolicy;
  /** A Retry-After longer than this ends the fetch instead of waiting (default 60 s). */
  maxRetryAfterMs?: number;
  /** robots.txt cache lifetimes: rules (default 1 h), failures that disallow the origin (default 10 min). */
  robotsTtlMs?: number;
  robotsFailureTtlMs?: number;
  /** Crawl-delay is honoured up to this (default 60 s). */
  maxCrawlDelayMs?: number;
}

const robotsLimit: BodyLimit = { maxBytes: 500 * 1024, onLimit: 'truncate' };

interface FetchMode {
  checkRobots: boolean;
  limit: BodyLimit;
}

type HopResult = { result: Exchange; attempts: number };

export function createFetcher(options: FetcherOptions = {}, internals: FetcherInternals = {}): Fetcher {
  const settings = { ...fetcherDefaults, ...withoutUndefined(options) };
  const maxRetryAfterMs = internals.maxRetryAfterMs ?? 60_000;
  const isAllowed = internals.isAllowedAddress ?? addressPolicyFor(settings.allowPrivateNetwork);
  const closing = new AbortController();
  const dispatcher = new Agent({
    connect: guardedConnector(
      buildConnector({
        lookup: guardedLookup(internals.resolveHost ?? resolveWithSystemDns, isAllowed),
        timeout: settings.headersTimeoutMs,
      }),
      isAllowed,
    ),
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs,
  });
  const exchangeSettings: ExchangeSettings = {
    dispatcher,
    headersTimeoutMs: settings.headersTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
    closing: closing.signal,
  };
  const limiter = new HostLimiter({
    perHost: Math.max(1, settings.perHostConcurrency),
    total: Math.max(1, settings.concurrency),
  });
  const pageMode: FetchMode = { checkRobots: settings.respectRobots, limit: { maxBytes: settings.maxBytes, onLimit: 'fail' } };
  const robots = new RobotsCache(
    (robotsUrl) => fetchFollowingRedirects({ url: robotsUrl, accept: 'text/plain' }, { checkRobots: false, limit: robotsLimit }),
    {
      productToken: productTokenOf(settings.userAgent),
      ttlMs: internals.robotsTtlMs ?? 60 * 60_000,
      failureTtlMs: internals.robotsFailureTtlMs ?? 10 * 60_000,
      maxCrawlDelayMs: internals.maxCrawlDelayMs ?? 60_000,
    },
  );

  function headersFor(request: FetchRequest): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': settings.userAgent,
      accept: request.accept ?? defaultAccept,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    return headers;
  }

  /** Each hop is checked like the first URL: scheme, credentials, literal address, robots, and DNS at connect. */
  async function fetchFollowingRedirects(request: FetchRequest, mode: FetchMode): Promise<FetchOutcome> {
    if (closing.signal.aborted) return failure(request.url, 'connect', 'fetcher closed', 0);
    const first = checkTarget(request.url, undefined, isAllowed);
    if (!first.ok) return failure(request.url, first.code, first.reason, 0);
    let url = first.url;
    const visited = new Set([url.href]);
    for (let redirects = 0; ; redirects++) {
      let crawlDelayMs = 0;
      if (mode.checkRobots) {
        const verdict = await robots.check(url);
        if (verdict.kind === 'disallowed') return failure(url.href, 'robots', verdict.reason, 0);
        if (verdict.kind === 'unreachable') {
          const { code, reason, status } = verdict.failure;
          return { ...failure(url.href, code, `robots.txt: ${reason}`, 0), ...(status ? { status } : {}) };
        }
        crawlDelayMs = verdict.crawlDelayMs;
      }
      const { result, attempts } = await exchangeWithRetries(url, headersFor(request), mode.limit, crawlDelayMs);
      switch (result.kind) {
        case 'body': {
          const { status, contentType, bytes, etag, lastModified } = result;
          return { kind: 'ok', url: url.href, status, contentType, bytes, etag, lastModified, redirects, attempts };
        }
        case 'not-modified':
          return { kind: 'not-modified', url: url.href };
        case 'failure': {
          const { code, reason, status } = result;
          return { ...failure(url.href, code, reason, attempts), ...(status ? { status } : {}) };
        }
        case 'redirect': {
          if (redirects >= settings.maxRedirects) {
            return failure(url.href, 'too-many-redirects', `more than ${settings.maxRedirects} redirects`, attempts);
          }
          const next = checkTarget(result.location, url, isAllowed);
          if (!next.ok) return failure(url.href, next.code, `redirect to ${result.location}: ${next.reason}`, attempts);
          if (visited.has(next.url.href)) {
            return failure(url.href, 'too-many-redirects', `redirect loop back to ${next.url.href}`, attempts);
          }
          visited.add(next.url.href);
          url = next.url;
        }
      }
    }
  }

  /** Retries 5xx, 429, timeouts and resets with backoff; a Retry-After beyond the cap ends the fetch now. */
  async function exchangeWithRetries(
    url: URL,
    headers: Record<string, string>,
    limit: BodyLimit,
    crawlDelayMs: number,
  ): Promise<HopResult> {
    for (let attempt = 1; ; attempt++) {
      let release: () => void;
      try {
        release = await limiter.acquire(url.hostname, Math.max(settings.perHostIntervalMs, crawlDelayMs));
      } catch {
        return { result: closedFailure, attempts: attempt - 1 };
      }
      let result: Exchange;
      try {
        result = await exchange(url, headers, limit, exchangeSettings);
      } finally {
        release();
      }
      if (result.kind !== 'failure' || !result.retryable || attempt >= settings.maxAttempts) {
        return { result, attempts: attempt };
      }
      const askedMs = result.retryAfterMs ?? 0;
      if (askedMs > maxRetryAfterMs) {
        const reason = `${result.reason}; Retry-After ${Math.round(askedMs / 1000)} s is longer than we wait`;
        return { result: { ...result, reason }, attempts: attempt };
      }
      try {
        await sleep(Math.max(backoffDelayMs(attempt, settings.retryBaseMs), askedMs), undefined, { signal: closing.signal });
      } catch {
        return { result: closedFailure, attempts: attempt };
      }
    }
  }

  let closed: Promise<void> | null = null;
  return {
    fetch: (request) => fetchFollowingRedirects(request, pageMode),
    close() {
      closed ??= (async () => {
        closing.abort();
        limiter.close();
        await dispatcher.destroy();
      })();
      return closed;
    },
  };
}

function failure(url: string, code: FetchFailure['code'], reason: string, attempts: number): FetchFailure {
  return { kind: 'error', url, code, reason, attempts };
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Last line of defence behind the lookup: the socket's actual peer must pass the policy too (covers IP literals,
 * which never reach the lookup, should a check upstream ever be skipped).
 */
function guardedConnector(connect: buildConnector.connector, isAllowed: AddressPolicy): buildConnector.connector {
  return (options, callback) =>
    connect(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const peer = socket.remoteAddress;
      if (peer !== undefined && !isAllowed(peer)) {
        socket.destroy();
        return callback(new BlockedAddressError(options.hostname, peer), null);
      }
      callback(null, socket);
    });
}
