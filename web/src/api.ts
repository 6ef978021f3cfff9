// The API client: typed GETs against `marsad serve` (same origin, under /api) and a hook that tracks one request.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../src/serve/api-types.js';

export type {
  ArticleDetail, ArticleList, ArticleSearchHit, ArticleSummary, ClaimOut, ContradictionDetail, EntityDetail, EntityMentionHit,
  EntityRef, EventFeatureCollection, EventItem, EventList, EventOut, OutletCount, SearchResult, Snippet, SpeakerClaims,
  StoryDetail, StoryEntity, StoryList, StorySearchHit, StorySummary, ViewEvent,
} from '../../src/serve/api-types.js';

/** A failed request: the API's own message when it sent one (ApiError), else the HTTP status or network error. */
export class RequestError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** "/api/stories" plus the parameters that have a value (empty strings and undefined are left out). */
export function apiUrl(path: string, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as Partial<ApiError>;
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    throw new RequestError(message, response.status);
  }
  return (await response.json()) as T;
}

export type Remote<T> =
  | { state: 'loading' }
  | { state: 'error'; error: RequestError | Error; retry(): void }
  | { state: 'ok'; data: T };

/** Fetches `url` (again whenever it changes); null fetches nothing and stays loading. Stale answers are dropped. */
export function useApi<T>(url: string | null): Remote<T> {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ url: string; value: Remote<T> } | null>(null);
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    getJson<T>(url, controller.signal).then(
      (data) => setResult({ url, value: { state: 'ok', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const value: Remote<T> = {
          state: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
          retry: () => {
            setResult(null);
            setAttempt((n) => n + 1);
          },
        };
        setResult({ url, value });
      },
    );
    return () => controller.abort();
  }, [url, attempt]);
  // While a new url loads, the previous answer is not shown as if it were the new one's.
  if (url === null || !result || result.url !== url) return { state: 'loading' };
  return result.value;
}
