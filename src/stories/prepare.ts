// The per-article part of duplicates and stories that needs no global state: fingerprint, term counts, lead sentences.
// Input: an annotated document (with tokens). Output: PreparedPlacement, small and cloneable, so a worker thread can compute it.
import type { Span } from '../document.js';
import { type NearFingerprint, nearFingerprintOf } from './duplicates.js';
import { type DocFeatures, docFeatures, sentenceTerms } from './features.js';
import { hasArabicFeatures, type AnnotatedSummary } from './terms.js';
import { MIN_SENTENCE_CHARS, isHeadingLike } from './summary.js';

/** One of the article's opening sentences, as published (line breaks folded), with its content terms. */
export interface OpeningSentence {
  /** Index of the sentence in its article (0 = lead). */
  position: number;
  text: string;
  /** Content terms; empty for articles without Arabic features. */
  terms: string[];
}

/** Everything placeArticle needs from the document's tokens, so the tokens need not travel to the placing thread. */
export interface PreparedPlacement {
  /** Without the exact hash, which needs only the text (placeArticle computes it). */
  fingerprint: NearFingerprint;
  features: DocFeatures;
  openings: OpeningSentence[];
}

/** Only the opening sentences of an article feed the story summaries; news leads carry the story. */
export const OPENING_SENTENCES = 6;

export function foldSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function preparePlacement(doc: AnnotatedSummary): PreparedPlacement {
  return { fingerprint: nearFingerprintOf(doc), features: docFeatures(doc), openings: openingSentences(doc) };
}

/** The first sentences, with content terms for those long enough to enter a summary. */
export function openingSentences(doc: AnnotatedSummary): OpeningSentence[] {
  const arabic = hasArabicFeatures(doc);
  // Only the first spans are kept: the sentences after them are not cut into lines at all.
  const spans: Span[] = [];
  for (const sentence of doc.sentences ?? []) {
    if (spans.length >= OPENING_SENTENCES) break;
    spans.push(...lineSpans(doc.text, sentence));
  }
  return spans.slice(0, OPENING_SENTENCES).map((span, position) => {
    const text = foldSpaces(doc.text.slice(span.start, span.end));
    return { position, text, terms: arabic && text.length >= MIN_SENTENCE_CHARS ? sentenceTerms(doc, span) : [] };
  });
}

/**
 * A sentence span cut after every line that does not end a sentence (a subtitle or dek line), so a heading never
 * merges with the sentence below it, whatever the sentence splitter does with line breaks.
 */
export function lineSpans(text: string, span: Span): Span[] {
  const spans: Span[] = [];
  let start = span.start;
  for (let i = text.indexOf('\n', start); i >= 0 && i < span.end; i = text.indexOf('\n', i + 1)) {
    const line = text.slice(start, i).trim();
    if (line === '' || !isHeadingLike(line)) continue;
    spans.push(trimmed(text, start, i));
    start = i + 1;
  }
  spans.push(trimmed(text, start, span.end));
  return spans.filter((s) => s.end > s.start);
}

function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
