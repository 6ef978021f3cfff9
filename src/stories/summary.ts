// Story titles and short extractive summaries: central sentences chosen by MMR, leads favoured.
// Input: a story's pooled sentences and centroid. Output: a title and a ≤ ~400-character summary as published.
import type { OpeningSentence } from './prepare.js';
import { type TermStats, type TermVector, cosine, countTerms, tfidfVector } from './vectors.js';

export interface PooledSentence {
  articleId: string;
  /** Index of the sentence in its article (0 = lead). */
  position: number;
  /** As published, line breaks folded into spaces. */
  text: string;
  terms: string[];
}

const SENTENCES_PER_ARTICLE = 3;
/** Shorter opening sentences (datelines, bylines) never enter a summary. */
export const MIN_SENTENCE_CHARS = 30;
const SENTENCE_TERMS = 40;
const MMR_LAMBDA = 0.7;
export const SUMMARY_MAX_CHARS = 400;
const SUMMARY_MAX_SENTENCES = 3;

/** Final punctuation, optionally followed by closing quotes or brackets: how a published sentence ends. */
const SENTENCE_FINAL = /[.!?\u061F\u06D4\u2026]["'»”’)\]]*$/u;

/** A line without final punctuation (headline, subheading, dek): not a sentence a summary may quote. */
export function isHeadingLike(text: string): boolean {
  return !SENTENCE_FINAL.test(text.trim());
}

function leadBonus(position: number): number {
  return position === 0 ? 0.15 : position === 1 ? 0.05 : 0;
}

/** The article's best few opening sentences (by closeness to the article's own vector) for the story's pool. */
export function candidateSentences(articleId: string, openings: OpeningSentence[], docVector: TermVector, stats: TermStats): PooledSentence[] {
  const scored: { s: PooledSentence; score: number }[] = [];
  // Positions count sentences only: the lead after a dek line is still the lead.
  let position = -1;
  for (const { text, terms } of openings) {
    if (isHeadingLike(text)) continue;
    position++;
    if (text.length < MIN_SENTENCE_CHARS) continue;
    const score = cosine(tfidfVector(countTerms(terms), stats, SENTENCE_TERMS), docVector) + leadBonus(position);
    scored.push({ s: { articleId, position, text, terms }, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.s.position - b.s.position)
    .slice(0, SENTENCES_PER_ARTICLE)
    .map((x) => x.s);
}

/** Opening sentences without terms: the summary of an article that has no Arabic features (ranked by position only). */
export function leadSentences(articleId: string, openings: OpeningSentence[]): PooledSentence[] {
  return openings.slice(0, SENTENCES_PER_ARTICLE).map(({ position, text }) => ({ articleId, position, text, terms: [] }));
}

/** Maximal marginal relevance: central to the centroid, not repeating a sentence already chosen. */
export function summarize(pool: PooledSentence[], centroid: TermVector, stats: TermStats): string {
  // Pools saved before headings were filtered may still hold some.
  const items = pool.filter((s) => !isHeadingLike(s.text)).map((s) => {
    const vector = tfidfVector(countTerms(s.terms), stats, SENTENCE_TERMS);
    return { s, vector, relevance: cosine(vector, centroid) + leadBonus(s.position) };
  });
  const chosen: typeof items = [];
  let length = 0;
  while (chosen.length < SUMMARY_MAX_SENTENCES) {
    let best: (typeof items)[number] | null = null;
    let bestScore = -Infinity;
    for (const item of items) {
      if (chosen.includes(item)) continue;
      if (chosen.length > 0 && length + 1 + item.s.text.length > SUMMARY_MAX_CHARS) continue;
      const redundancy = Math.max(0, ...chosen.map((c) => cosine(c.vector, item.vector)));
      const score = MMR_LAMBDA * item.relevance - (1 - MMR_LAMBDA) * redundancy;
      if (score > bestScore) {
        best = item;
        bestScore = score;
      }
    }
    if (!best) break;
    chosen.push(best);
    length += (length > 0 ? 1 : 0) + best.s.text.length;
  }
  return chosen.map((c) => c.s.text).join(' ');
}
