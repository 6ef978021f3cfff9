// Reads a feed (RSS 0.9x/2.0, Atom, RDF, JSON Feed, through feedsmith) into the items a source lists.
// Input: the feed's bytes, its Content-Type and final URL. Output: items (key, absolute link, title, date) or an error.
import { parseFeed } from 'feedsmith';
import { decodeBytes, knownCharset } from '../ingest/charset.js';
import { normalizePublished } from '../ingest/published.js';
import type { ListedItem } from '../store/sources.js';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export type ParsedFeed = { format: FeedFormat; title: string | null; items: ListedItem[] } | { error: string };

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** A feed text field: a string, or Atom's `{ value, type }`; markup and extra spaces removed. */
function text(value: unknown): string | null {
  const raw = typeof value === 'string' ? value : typeof fields(value)?.value === 'string' ? (fields(value)!.value as string) : null;
  if (raw === null) return null;
  const plain = raw.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain || null;
}

/** The charset a response declares: the Content-Type parameter, else the XML declaration. */
export function declaredCharset(contentType: string | null, bytes: Uint8Array): string | null {
  const header = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (header && knownCharset(header)) return header;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  return /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? null;
}

/** An absolute http(s) URL without its fragment, or null. */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/** The page an Atom entry is about: its alternate (or rel-less) link, HTML first. */
function atomLink(entry: Fields): string | null {
  const links = list(entry.links).map(fields).filter((l): l is Fields => l !== null && typeof l.href === 'string');
  const alternate = links.filter((l) => l.rel === undefined || l.rel === 'alternate');
  const best = alternate.find((l) => typeof l.type !== 'string' || /html/i.test(l.type)) ?? alternate[0];
  return best ? (best.href as string) : null;
}

function firstDate(...values: unknown[]): string | null {
  for (const value of values) {
    for (const v of list(value)) {
      const date = typeof v === 'string' ? normalizePublished(v) : null;
      if (date) return date;
    }
  }
  return null;
}

/** Key, link, title and date of one entry, by format; null for an entry without a link to fetch. */
function readEntry(format: FeedFormat, entry: Fields, base: string): ListedItem | null {
  const dc = fields(entry.dc);
  let link: string | null;
  let id: unknown;
  let published: string | null;
  switch (format) {
    case 'rss':
      id = fields(entry.guid)?.value ?? entry.guid;
      link = typeof entry.link === 'string' ? entry.link : fields(entry.guid)?.isPermaLink !== false && typeof id === 'string' ? id : null;
      published = firstDate(entry.pubDate, dc?.dates, dc?.date);
      break;
    case 'atom':
      id = entry.id;
      link = atomLink(entry);
      published = firstDate(entry.published, entry.updated, dc?.dates);
      break;
    case 'rdf':
      id = fields(entry.rdf)?.about;
      link = typeof entry.link === 'string' ? entry.link : typeof id === 'string' ? id : null;
      published = firstDate(dc?.dates, dc?.date);
      break;
    case 'json':
      id = entry.id;
      link = typeof entry.url === 'string' ? entry.url : typeof entry.external_url === 'string' ? entry.external_url : null;
      published = firstDate(entry.date_published, entry.date_modified);
      break;
  }
  const url = absoluteUrl(link, base);
  if (!url) return null;
  const key = typeof id === 'string' && id.trim() ? id.trim() : typeof id === 'number' ? String(id) : url;
  return { key, url, title: text(entry.title), published };
}

/** Parses a feed; an unparseable body (not a feed, invalid XML, undecodable bytes) is an error value. */
export function parseFeedItems(bytes: Uint8Array, contentType: string | null, feedUrl: string): ParsedFeed {
  const decoded = decodeBytes(bytes, declaredCharset(contentType, bytes));
  if ('error' in decoded) return { error: decoded.error };
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(decoded.text.replace(/^\ufeff/, '')) as { format: string; feed: unknown };
  } catch (error) {
    return { error: `not a feed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const format = parsed.format as FeedFormat;
  const feed = fields(parsed.feed) ?? {};
  const entries = list(format === 'atom' ? feed.entries : feed.items).map(fields).filter((e): e is Fields => e !== null);
  const items: ListedItem[] = [];
  const keys = new Set<string>();
  for (const entry of entries) {
    const item = readEntry(format, entry, feedUrl);
    // A feed listing one key twice is read once: the first (newest, in feed order) wins.
    if (item && !keys.has(item.key)) {
      keys.add(item.key);
      items.push(item);
    }
  }
  return { format, title: text(feed.title), items };
}
