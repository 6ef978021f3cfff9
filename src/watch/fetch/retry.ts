// When to try again: exponential backoff with jitter, and the server's Retry-After (seconds or an HTTP date).
// Input: the attempt number, the base delay, a Retry-After header. Output: milliseconds to wait.

/** Statuses worth another attempt: server errors that may pass, and 429 Too Many Requests. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** base·2^(attempt−1) plus up to one base of jitter, so clients that failed together do not return together. */
export function backoffDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return baseMs * 2 ** (attempt - 1) + Math.floor(random() * baseMs);
}

/** Milliseconds a Retry-After header asks for (0 for a date in the past), or null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null; // an HTTP date names its day and month; Date.parse('-5') would not be one
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
