// Turns a fetched article page into the RawPage analysis reads: decoded bytes (header and meta charsets, checked
// against the bytes), HTML → text and metadata, canonical URL, date and title with the feed's as fallbacks.
// Input: the fetched body, the listed item and the source's name. Output: a RawPage, or why it is not one.
import { decodeBytes, looksBinary } from '../ingest/charset.js';
import { declaredHtmlCharset } from '../ingest/html.js';
import { htmlSourceToPage, textToPage } from '../ingest/record.js';
import type { RawPage } from '../ingest/types.js';
import type { ListedItem } from '../store/sources.js';
import { absoluteUrl } from './feed.js';

export interface FetchedPage {
  /** Final URL after redirects. */
  url: string;
  contentType: string | null;
  bytes: Uint8Array;
}

/** 'skipped': fetched fine but not an article page; 'failed': a page that cannot be read. */
export type PageExtraction = { kind: 'page'; page: RawPage } | { kind: 'skipped' | 'failed'; reason: string };

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml', '']);

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function headerCharset(contentType: string | null): string | null {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

function isUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (bytes.every((b) => b < 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The charset to decode with: the header's, else the page's meta. Either can lie: a legacy charset declared for bytes
 * that are valid multi-byte UTF-8 is overruled here, and a UTF-8 declaration over invalid bytes by decodeBytes.
 */
export function pageCharset(contentType: string | null, bytes: Uint8Array): string | null {
  const declared = headerCharset(contentType) ?? declaredHtmlCharset(bytes);
  if (declared && !/^utf-?8$/i.test(declared.trim()) && isUtf8WithNonAscii(bytes)) return 'utf-8';
  return declared;
}

/** The page's canonical URL (<link rel=canonical>, og:url) made absolute; the fetched URL when it names none or the site root. */
function canonicalUrl(declared: string | null, finalUrl: string): string {
  const url = absoluteUrl(declared, finalUrl);
  if (!url) return finalUrl;
  // A canonical pointing at the home page is a template bug, not this article's address.
  return new URL(url).pathname === '/' && new URL(finalUrl).pathname !== '/' ? finalUrl : url;
}

export function extractArticlePage(fetched: FetchedPage, item: Pick<ListedItem, 'title' | 'published'>, outlet: string): PageExtraction {
  const type = mediaType(fetched.contentType);
  const plain = type === 'text/plain';
  if (!HTML_TYPES.has(type) && !plain) return { kind: 'skipped', reason: `not an HTML page (${type})` };
  if (fetched.bytes.length === 0) return { kind: 'skipped', reason: 'empty page' };
  if (looksBinary(fetched.bytes)) return { kind: 'failed', reason: 'binary content: NUL bytes or mostly control characters' };
  const decoded = decodeBytes(fetched.bytes, pageCharset(fetched.contentType, fetched.bytes));
  if ('error' in decoded) return { kind: 'failed', reason: decoded.error };
  const asText = plain && !/^\s*</.test(decoded.text);
  const page = asText ? textToPage(decoded.text, fetched.url) : htmlSourceToPage(decoded.text, fetched.url);
  if ('reason' in page) return { kind: page.reason.startsWith('empty') ? 'skipped' : 'failed', reason: page.reason };
  const url = canonicalUrl(asText ? null : page.url, fetched.url);
  return {
    kind: 'page',
    page: {
      ...page,
      // The record id in reports and in the content-derived article id: the same article read twice gets one id.
      input: url,
      url,
      title: page.title ?? item.title,
      published: page.published ?? item.published,
      outlet,
    },
  };
}
