// The contract between the polite HTTP client (src/watch/fetch/) and the watcher that uses it (src/watch/).
// Input: none (types only). Output: FetchRequest, FetchOutcome and the Fetcher interface.

/** What the watcher asks for: a URL, plus the validators from the last successful fetch for a conditional GET. */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Accept header; the client sends a sensible default for HTML and feeds. */
  accept?: string;
}

/** A body fetched in full (decompressed, within the size limit). `url` is the final URL after redirects. */
export interface FetchedBody {
  kind: 'ok';
  url: string;
  status: number;
  /** The Content-Type header as sent (null when absent); decoding text is the caller's job (src/ingest/charset.ts). */
  contentType: string | null;
  bytes: Uint8Array;
  etag: string | null;
  lastModified: string | null;
  /** How many redirects were followed and how many attempts it took (retries after 5xx, timeouts, resets). */
  redirects: number;
  attempts: number;
}

/** The server said the resource has not changed since the validators we sent (304). */
export interface NotModified {
  kind: 'not-modified';
  url: string;
}

/**
 * Why nothing was fetched. `code` is stable (tests and the progress display use it); `reason` is for people.
 * Errors are values: the client never throws for anything a remote server or a bad URL can cause.
 */
export interface FetchFailure {
  kind: 'error';
  url: string;
  code:
    | 'invalid-url'        // not http(s), unparseable, credentials in the URL
    | 'blocked-address'    // private, loopback, link-local, … address (directly, after DNS, or after a redirect)
    | 'robots'             // disallowed by the host's robots.txt
    | 'dns'                // name did not resolve
    | 'connect'            // refused, reset, TLS failure
    | 'timeout'            // no response or body in time
    | 'too-many-redirects' // redirect limit reached, or a loop
    | 'too-large'          // body (after decompression) beyond the size limit: endless bodies and gzip bombs end here
    | 'bad-encoding'       // Content-Encoding that cannot be decoded
    | 'http';              // a 4xx, or a 5xx still failing after the retries
  status?: number;
  reason: string;
  attempts: number;
}

export type FetchOutcome = FetchedBody | NotModified | FetchFailure;

export interface FetcherOptions {
  /** Allow loopback, private (RFC 1918, ULA), link-local and other non-public addresses; off by default. */
  allowPrivateNetwork?: boolean;
  /** User-Agent sent with every request and matched against robots.txt groups. */
  userAgent?: string;
  /** Honour robots.txt (default true). */
  respectRobots?: boolean;
  /** Minimum milliseconds between two requests to the same host (default 1000). */
  perHostIntervalMs?: number;
  /** Requests in flight to one host (default 2) and overall (default 8). */
  perHostConcurrency?: number;
  concurrency?: number;
  /** Attempts for a request failing with a 5xx, a timeout or a reset (default 3), with exponential backoff from this base. */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Redirects followed per request (default 5). */
  maxRedirects?: number;
  /** Decompressed body limit in bytes (default 5 MB, the record limit of ingestion). */
  maxBytes?: number;
  /** Time to the response headers, and to the whole body, in milliseconds (defaults 10 000 and 30 000). */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
  /** Closes connections; pending fetches end with an error. */
  close(): Promise<void>;
}
