// Reads an outlet's section page (a list of headlines) into the article links it shows.
// Input: the page's decoded HTML and final URL. Output: items keyed by their absolute link, in page order.
import { parseHTML } from 'linkedom';
import type { ListedItem } from '../store/sources.js';
import { absoluteUrl } from './feed.js';

/** Path segments that name listings and site furniture, never an article (compared lower-cased and decoded). */
const NOT_ARTICLE_SEGMENTS = new Set([
  'tag', 'tags', 'category', 'categories', 'author', 'authors', 'writer', 'writers', 'topic', 'topics', 'search',
  'login', 'logout', 'register', 'signup', 'account', 'profile', 'share', 'sharer', 'print', 'feed', 'rss', 'page',
  'contact', 'about', 'privacy', 'terms', 'subscribe', 'newsletter', 'wp-admin', 'wp-login.php', 'cdn-cgi',
  'وسم', 'الوسوم', 'كاتب', 'الكتاب', 'تصنيف', 'قسم', 'بحث',
]);

/** Files that are not pages. */
const NOT_PAGE_EXTENSION = /\.(jpe?g|png|gif|webp|svg|ico|pdf|mp[34]|zip|css|js|xml|json|rss|atom)$/i;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

function siteOf(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/**
 * Whether a same-site URL looks like an article page rather than a listing: no furniture segment, not a file, not only
 * date parts, and its last segment carries an id (4+ digits) or is a slug of 3+ words (2+ under a dated path), or
 * the query names the article by a numeric id.
 */
export function looksLikeArticleUrl(url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (segments.length === 0) return false;
  if (segments.some((s) => NOT_ARTICLE_SEGMENTS.has(s))) return false;
  const last = segments[segments.length - 1];
  if (NOT_PAGE_EXTENSION.test(last)) return false;
  // /2026/, /2026/02/ and /2026/02/05/ are date archives.
  if (segments.every((s) => /^\d{1,4}$/.test(s))) return false;
  const stem = last.replace(/\.(s?html?|php|aspx?)$/, '');
  const words = stem.split(/[-_+]+/).filter(Boolean).length;
  const dated = segments.slice(0, -1).some((s) => /^\d{4}$/.test(s));
  return /\d{4,}/.test(stem) || words >= 3 || (dated && words >= 2) || hasArticleIdParameter(url);
}

/** Older sites name the article in the query: news.php?id=55, index.php?newsid=1234. */
const ID_PARAMETER = /^(id|nid|p|aid|article|articleid|article_id|newsid|news_id|story|storyid|story_id)$/i;

function hasArticleIdParameter(url: URL): boolean {
  for (const [key, value] of url.searchParams) if (ID_PARAMETER.test(key) && /^\d+$/.test(value)) return true;
  return false;
}

/** Same-site links of a section page that look like article pages, once each, with their link text as title. */
export function sectionPageItems(html: string, pageUrl: string): ListedItem[] {
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><body>${html}</body></html>`);
  const page = new URL(pageUrl);
  page.hash = '';
  const items = new Map<string, ListedItem>();
  for (const anchor of document.querySelectorAll('a[href]')) {
    const href = absoluteUrl(anchor.getAttribute('href'), pageUrl);
    if (!href) continue;
    const url = new URL(href);
    if (siteOf(url.hostname) !== siteOf(page.hostname) || url.href === page.href) continue;
    if (!looksLikeArticleUrl(url)) continue;
    const title = (anchor.textContent ?? '').replace(/\s+/g, ' ').trim() || null;
    const known = items.get(href);
    // A headline is often linked twice (picture, then text): keep the longer text.
    if (!known) items.set(href, { key: href, url: href, title, published: null });
    else if (title && (!known.title || title.length > known.title.length)) known.title = title;
  }
  return [...items.values()];
}
