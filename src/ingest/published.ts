// Normalises a publication date as pages write it into ISO form.
// Input: a date string from metadata or a record. Output: "YYYY-MM-DD", a full ISO timestamp, or null.

const DATE_ONLY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const HAS_TIME = /\d{1,2}:\d{2}/;
/** Already ISO 8601 with a time: kept as written, so the publisher's own offset (and local date) survive. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO form of a published date, or null when it cannot be read as a date between 1900 and 2100. */
export function normalizePublished(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s) return null;
  const dateOnly = DATE_ONLY.exec(s);
  if (dateOnly) {
    const [y, m, d] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    return validDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  if (ISO_TIMESTAMP.test(s) && !Number.isNaN(Date.parse(s))) {
    const year = Number(s.slice(0, 4));
    return year >= 1900 && year <= 2100 ? s : null;
  }
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 1900 || year > 2100) return null;
  if (HAS_TIME.test(s)) return date.toISOString();
  // A date without a time parses as local midnight: read it back in local time, not UTC.
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
