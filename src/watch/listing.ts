// What a source lists: a feed's entries or a section page's article links, and which of the two a URL serves.
// Input: a fetched body (bytes, Content-Type, final URL). Output: listed items, or the kind detected, or an error.
import { decodeBytes } from '../ingest/charset.js';
import type { ListedItem, SourceKind } from '../store/sources.js';
import { pageCharset } from './article-page.js';
import { parseFeedItems } from './feed.js';
import { sectionPageItems } from './section.js';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export interface FetchedListing {
  bytes: Uint8Array;
  contentType: string | null;
  /** Final URL: relative links resolve against it. */
  url: string;
}

export function listSourceItems(kind: SourceKind, body: FetchedListing): { items: ListedItem[] } | { error: string } {
  if (kind === 'feed') {
    const feed = parseFeedItems(body.bytes, body.contentType, body.url);
    return 'error' in feed ? feed : { items: feed.items };
  }
  const decoded = decodeBytes(body.bytes, pageCharset(body.contentType, body.bytes));
  if ('error' in decoded) return { error: decoded.error };
  return { items: sectionPageItems(decoded.text, body.url) };
}

/** A feed if it parses as one; else a section page if it links to article pages; else neither (kind null), with why. */
export function detectSourceKind(body: FetchedListing): { kind: SourceKind | null; detail: string } {
  const feed = parseFeedItems(body.bytes, body.contentType, body.url);
  if (!('error' in feed)) return { kind: 'feed', detail: `${feed.format} feed, ${feed.items.length} items` };
  const page = listSourceItems('page', body);
  if ('error' in page) return { kind: null, detail: `${feed.error}; as a page: ${page.error}` };
  if (page.items.length === 0) return { kind: null, detail: `${feed.error}; as a page: no links that look like articles` };
  return { kind: 'page', detail: `section page, ${page.items.length} article links` };
}
