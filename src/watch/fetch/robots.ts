// robots.txt per RFC 9309: fetched once per origin, cached, and asked before every request (each redirect hop too).
// Input: a URL to be fetched. Output: allowed (with the Crawl-delay), disallowed, or the origin is unreachable.

import { LRUCache } from 'lru-cache';
import robotsParserModule from 'robots-parser';
import type { FetchFailure, FetchOutcome } from './types.js';

// The package's types declare an ES default export, but it sets module.exports to the parser function, which is
// what an ESM default import receives at run time.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

/** What one robots.txt fetch means for every URL of its origin. */
export type RobotsRules =
  | { kind: 'rules'; robots: Robot }
  | { kind: 'allow-all'; reason: string }
  | { kind: 'disallow-all'; reason: string }
  /** The origin itself cannot be reached (no DNS, refused, blocked address): requests fail the same way. */
  | { kind: 'unreachable'; failure: FetchFailure };

export type RobotsVerdict =
  | { kind: 'allowed'; crawlDelayMs: number }
  | { kind: 'disallowed'; reason: string }
  | { kind: 'unreachable'; failure: FetchFailure };

export interface RobotsOptions {
  /** The User-Agent product token groups are matched against (case-insensitively), e.g. `Marsad`. */
  productToken: string;
  /** How long rules from a robots.txt (or its absence) are kept, and how long a failure disallows the origin. */
  ttlMs: number;
  failureTtlMs: number;
  /** Crawl-delay is honoured up to this many milliseconds. */
  maxCrawlDelayMs: number;
}

/** The product token of a User-Agent: `Marsad/0.1 (+https://…)` → `Marsad`. */
export function productTokenOf(userAgent: string): string {
  return userAgent.trim().split(/[/\s]/, 1)[0] || '*';
}

/**
 * RFC 9309 §2.3.1: a 2xx body holds the rules; 4xx ("unavailable") allows everything; 5xx and no answer at all
 * disallow everything for now. 429 counts as a server error (the host asks us to slow down), and more redirects
 * than the limit count as unavailable (§2.3.1.2).
 */
export function rulesFromOutcome(outcome: FetchOutcome, robotsUrl: string): RobotsRules {
  if (outcome.kind === 'ok') {
    return { kind: 'rules', robots: robotsParser(robotsUrl, Buffer.from(outcome.bytes).toString('utf8')) };
  }
  if (outcome.kind === 'not-modified') return { kind: 'disallow-all', reason: `${robotsUrl} answered 304 unasked` };
  switch (outcome.code) {
    case 'http':
      if (outcome.status !== undefined && outcome.status >= 400 && outcome.status < 500 && outcome.status !== 429) {
        return { kind: 'allow-all', reason: `${robotsUrl} is unavailable (${outcome.status})` };
      }
      return { kind: 'disallow-all', reason: `${robotsUrl} failed (${outcome.reason}); the site is off limits for now` };
    case 'too-many-redirects':
      return { kind: 'allow-all', reason: `${robotsUrl} redirects too often (${outcome.reason})` };
    case 'dns':
    case 'connect':
    case 'timeout':
    case 'blocked-address':
      return { kind: 'unreachable', failure: outcome };
    default:
      return { kind: 'disallow-all', reason: `${robotsUrl} is unusable (${outcome.reason}); the site is off limits for now` };
  }
}

export class RobotsCache {
  private readonly byOrigin: LRUCache<string, Promise<RobotsRules>>;

  constructor(
    private readonly fetchRobotsFile: (robotsUrl: string) => Promise<FetchOutcome>,
    private readonly options: RobotsOptions,
  ) {
    this.byOrigin = new LRUCache({ max: 2000, ttl: options.ttlMs });
  }

  async check(url: URL): Promise<RobotsVerdict> {
    const rules = await this.rulesFor(url.origin);
    switch (rules.kind) {
      case 'allow-all':
        return { kind: 'allowed', crawlDelayMs: 0 };
      case 'disallow-all':
        return { kind: 'disallowed', reason: rules.reason };
      case 'unreachable':
        return rules;
      case 'rules': {
        const token = this.options.productToken;
        if (rules.robots.isDisallowed(url.href, token) === true) {
          return { kind: 'disallowed', reason: `robots.txt of ${url.origin} disallows ${url.pathname} for ${token}` };
        }
        const delaySeconds = rules.robots.getCrawlDelay(token) ?? 0;
        return { kind: 'allowed', crawlDelayMs: Math.min(delaySeconds * 1000, this.options.maxCrawlDelayMs) };
      }
    }
  }

  /** One fetch per origin even when many requests ask at once: the cache holds the promise. */
  private rulesFor(origin: string): Promise<RobotsRules> {
    const cached = this.byOrigin.get(origin);
    if (cached) return cached;
    const robotsUrl = `${origin}/robots.txt`;
    const pending = this.fetchRobotsFile(robotsUrl).then((outcome) => {
      const rules = rulesFromOutcome(outcome, robotsUrl);
      const failed = rules.kind === 'disallow-all' || rules.kind === 'unreachable';
      if (failed && this.byOrigin.get(origin) === pending) {
        this.byOrigin.set(origin, pending, { ttl: this.options.failureTtlMs });
      }
      return rules;
    });
    this.byOrigin.set(origin, pending);
    return pending;
  }
}
