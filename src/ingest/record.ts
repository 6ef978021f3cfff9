// Turns one decoded input (a JSON record, a text file, an HTML file) into a RawPage, checking it is usable.
// Input: a parsed JSON value or a string, and the record id. Output: a RawPage or an IngestError.
import { looksBinaryText } from './charset.js';
import { htmlToPage } from './html.js';
import { normalizePublished } from './published.js';
import type { IngestError, RawPage } from './types.js';

/** One line per paragraph: CRLF and lone CR become "\n". */
function unifyLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A plain-text page; `meta` carries what a JSON record said about it. */
export function textToPage(text: string, input: string, meta: Partial<Omit<RawPage, 'input' | 'text'>> = {}): RawPage | IngestError {
  if (looksBinaryText(text)) return { input, reason: 'binary content: NUL bytes or mostly control characters' };
  const unified = unifyLineBreaks(text.startsWith('\ufeff') ? text.slice(1) : text);
  if (!unified.trim()) return { input, reason: 'empty record: no text' };
  return {
    input,
    text: unified,
    title: meta.title ?? null,
    url: meta.url ?? null,
    outlet: meta.outlet ?? null,
    published: meta.published ?? null,
  };
}

/** An HTML page; fields the caller already knows (from a JSON record) win over the page's own metadata. */
export function htmlSourceToPage(html: string, input: string, meta: Partial<Omit<RawPage, 'input' | 'text'>> = {}): RawPage | IngestError {
  if (looksBinaryText(html)) return { input, reason: 'binary content: NUL bytes or mostly control characters' };
  if (!html.trim()) return { input, reason: 'empty record: no HTML' };
  const page = htmlToPage(html, input);
  if ('reason' in page) return page;
  return {
    input,
    text: page.text,
    title: meta.title ?? page.title,
    url: meta.url ?? page.url,
    outlet: meta.outlet ?? page.outlet,
    published: meta.published ?? page.published,
    ...(page.captions ? { captions: page.captions } : {}),
  };
}

/** The record id a JSON record names for itself, if any. */
export function recordId(record: unknown): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return null;
  const id = (record as Record<string, unknown>).id;
  if (typeof id === 'string' && id.trim()) return id.trim();
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return null;
}

/**
 * A JSON record `{id?, text? | html?, title?, url?, outlet?, published?}` as a page. `input` is the id
 * to report when the record has none of its own (e.g. "file.jsonl#12"). Pure: the HTTP API feeds it too.
 */
export function recordToPage(record: unknown, input: string): RawPage | IngestError {
  const id = recordId(record) ?? input;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { input: id, reason: 'not a JSON object' };
  }
  const fields = record as Record<string, unknown>;
  const meta = {
    title: optionalString(fields.title),
    url: optionalString(fields.url),
    outlet: optionalString(fields.outlet),
    published: normalizePublished(fields.published),
  };
  if (typeof fields.text === 'string' && fields.text.trim()) return textToPage(fields.text, id, meta);
  if (typeof fields.html === 'string' && fields.html.trim()) return htmlSourceToPage(fields.html, id, meta);
  if (typeof fields.text === 'string' || typeof fields.html === 'string') return { input: id, reason: 'empty record: no text' };
  return { input: id, reason: 'record has no "text" or "html" string field' };
}
