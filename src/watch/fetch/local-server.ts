// Test support: a node:http server on 127.0.0.1 (port 0) that records connections and requests, and a fetcher
// configured for it (private network allowed, no pacing, tiny retry delays). Used only by the *.test.ts files here.

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetcher, type FetcherInternals } from './client.js';
import type { Fetcher, FetcherOptions, FetchOutcome } from './types.js';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface LocalServer {
  origin: string;
  port: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  requests: RecordedRequest[];
  /** Requests to `path` so far. */
  hits(path: string): number;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers, at: performance.now() });
    handler(request, response);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    requests,
    hits: (path) => requests.filter((request) => request.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `body` with a fresh server and a fetcher made for it, and closes both afterwards. */
export async function withServer(
  handler: Handler,
  options: FetcherOptions,
  body: (server: LocalServer, fetcher: Fetcher) => Promise<void>,
  internals: FetcherInternals = {},
): Promise<void> {
  const server = await startLocalServer(handler);
  const fetcher = createFetcher(
    {
      allowPrivateNetwork: true,
      respectRobots: false,
      perHostIntervalMs: 0,
      retryBaseMs: 5,
      headersTimeoutMs: 2000,
      bodyTimeoutMs: 2000,
      ...options,
    },
    internals,
  );
  try {
    await body(server, fetcher);
  } finally {
    await fetcher.close();
    await server.close();
  }
}

/** Ends `response` with `status`, optional headers and body; clears nothing (for handlers that answer at once). */
export function reply(response: ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  response.writeHead(status, headers);
  response.end(body);
}

/** Asserts the outcome's kind (showing the whole outcome otherwise) and narrows its type. */
export function expectKind<K extends FetchOutcome['kind']>(outcome: FetchOutcome, kind: K): Extract<FetchOutcome, { kind: K }> {
  assert.equal(outcome.kind, kind, JSON.stringify({ ...outcome, bytes: undefined }));
  return outcome as Extract<FetchOutcome, { kind: K }>;
}
