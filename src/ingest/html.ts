// Extracts the article text and its metadata from an HTML page (readability over linkedom).
// Input: HTML source and the record id. Output: a RawPage (text with one paragraph per line) or an IngestError.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { IngestError, RawPage } from './types.js';
import { normalizePublished } from './published.js';

/** Elements that end a line of text when converted to plain text. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
/** Photo boxes: their text is a caption, never the article's, whatever its credit says. */
const CAPTION_TAGS = new Set(['FIGURE', 'FIGCAPTION']);
/** Elements whose content is never text to read. */
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD', 'BUTTON', 'SELECT']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/**
 * Plain text of a DOM subtree: block elements become line breaks, runs of spaces collapse, empty lines go.
 * The text of <figure> and <figcaption> is left out and pushed, one line each, to `captions` when given.
 */
export function domToText(root: DomNode, captions?: string[]): string {
  const parts: string[] = [];
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (CAPTION_TAGS.has(tag)) {
      captions?.push(...textLines(captionText(node)));
      parts.push('\n');
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) parts.push('\n');
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) parts.push('\n');
  };
  walk(root);
  return textLines(parts.join('')).join('\n');
}

/** The text of a photo box, laid out like any other subtree (its own captions included). */
function captionText(figure: DomNode): string {
  const inner: DomNode = { nodeType: 11, nodeName: '#document-fragment', textContent: null, childNodes: figure.childNodes };
  const nested: string[] = [];
  const text = domToText(inner, nested);
  return [text, ...nested].join('\n');
}

function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

type HtmlDocument = ReturnType<typeof parseHTML>['document'];

function metaContent(doc: HtmlDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

/** `datePublished` anywhere in the page's JSON-LD blocks (including @graph arrays). */
function jsonLdPublished(doc: HtmlDocument): string | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findKey(data, 'datePublished', 0);
    if (found) return found;
  }
  return null;
}

function findKey(data: unknown, key: string, depth: number): string | null {
  if (depth > 6 || data === null || typeof data !== 'object') return null;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findKey(item, key, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = data as Record<string, unknown>;
  if (typeof record[key] === 'string') return record[key] as string;
  for (const value of Object.values(record)) {
    const found = findKey(value, key, depth + 1);
    if (found) return found;
  }
  return null;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** "Title - Outlet" / "Title | Outlet" (or the outlet first) → "Title", only when that part is the site's name. */
export function stripSiteSuffix(title: string, siteNames: (string | null)[]): string {
  const names = siteNames.filter((n): n is string => !!n).map((n) => n.trim().toLowerCase());
  const parts = title.split(/\s+[-–—|]\s+/);
  if (parts.length < 2 || names.length === 0) return title.trim();
  const last = parts[parts.length - 1].trim().toLowerCase();
  if (names.includes(last)) return title.slice(0, title.lastIndexOf(parts[parts.length - 1])).replace(/\s+[-–—|]\s*$/, '').trim();
  const first = parts[0].trim().toLowerCase();
  if (names.includes(first)) return title.slice(parts[0].length).replace(/^\s*[-–—|]\s+/, '').trim();
  return title.trim();
}

/** An unclosed <h1> can swallow the whole article; such a "title" is not one. */
const MAX_TITLE_WORDS = 40;
function isTitleShaped(title: string): boolean {
  return title.split(/\s+/).length <= MAX_TITLE_WORDS;
}

interface PageMetadata {
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
}

function readMetadata(doc: HtmlDocument, readabilityTitle: string | null): PageMetadata {
  const url =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
    metaContent(doc, ['meta[property="og:url"]', 'meta[name="og:url"]']);
  const siteName = metaContent(doc, ['meta[property="og:site_name"]', 'meta[name="og:site_name"]', 'meta[name="application-name"]']);
  const host = hostOf(url ?? null);
  const rawTitle = [
    metaContent(doc, ['meta[property="og:title"]', 'meta[name="og:title"]', 'meta[name="twitter:title"]']),
    doc.querySelector('title')?.textContent?.trim(),
    readabilityTitle?.trim(),
  ].find((t) => t && isTitleShaped(t)) ?? null;
  const publishedRaw =
    metaContent(doc, [
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      'meta[name="pubdate"]',
      'meta[name="publish-date"]',
      'meta[name="publishdate"]',
      'meta[name="DC.date.issued"]',
    ]) ||
    jsonLdPublished(doc) ||
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ||
    null;
  return {
    title: rawTitle ? stripSiteSuffix(rawTitle.replace(/\s+/g, ' '), [siteName, host]) || null : null,
    url: url || null,
    outlet: siteName || host,
    published: normalizePublished(publishedRaw),
  };
}

/** A fragment without <html>/<body> gets them: linkedom otherwise keeps only the first top-level element. */
export function wrapFragment(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  return /<body[\s>]/i.test(html) ? `<!DOCTYPE html><html>${html}</html>` : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

/** Article text and metadata of an HTML page; falls back to the body's text when readability finds no article. */
export function htmlToPage(source: string, input: string): RawPage | IngestError {
  const html = wrapFragment(source);
  let doc: HtmlDocument;
  try {
    doc = parseHTML(html).document;
  } catch (err) {
    return { input, reason: `malformed HTML: ${(err as Error).message}` };
  }
  const metadataDoc = doc;
  let articleText = '';
  let captions: string[] = [];
  let readabilityTitle: string | null = null;
  try {
    // Readability mutates the DOM it reads, so it gets its own copy.
    const copy = parseHTML(html).document;
    const article = new Readability(copy as unknown as Document, { charThreshold: 100 }).parse();
    readabilityTitle = article?.title ?? null;
    if (article?.content) {
      articleText = domToText(parseHTML(`<html><body>${article.content}</body></html>`).document as unknown as DomNode, captions);
    }
  } catch {
    articleText = '';
  }
  if (!articleText) {
    captions = [];
    const body = metadataDoc.querySelector('body') ?? metadataDoc.documentElement;
    articleText = body ? domToText(body as unknown as DomNode, captions) : '';
  }
  const metadata = readMetadata(metadataDoc, readabilityTitle);
  if (!articleText.trim()) return { input, reason: 'empty record: the HTML page has no text' };
  return { input, text: articleText, ...metadata, ...(captions.length > 0 ? { captions } : {}) };
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or http-equiv), or null. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match ? match[1] : null;
}
