// Term streams shared by duplicate fingerprints and story vectors: stems, with entity mentions as entity ids.
// Input: an annotated document (tokens, entity mentions). Output: lists of matching-form terms.
import { readFileSync } from 'node:fs';
import type { Document, EntityMention, Token } from '../document.js';
import { normalizeForMatch } from '../arabic/normalize.js';
import { lightStem } from '../arabic/stem.js';

/** The layers of a Document the story stages read. */
export type AnnotatedSummary = Pick<Document, 'id' | 'title' | 'text' | 'tokens' | 'entities' | 'language'> &
  Partial<Pick<Document, 'published' | 'sentences'>>;

const stopwords: ReadonlySet<string> = new Set(
  (JSON.parse(readFileSync(new URL('./data/stopwords.json', import.meta.url), 'utf8')) as { words: string[] }).words.map(normalizeForMatch),
);

export function isStopword(token: Pick<Token, 'norm' | 'stem' | 'bare'>): boolean {
  return stopwords.has(token.norm) || stopwords.has(token.stem) || stopwords.has(token.bare);
}

/** Arabic documents with tokens get Arabic features; anything else is matched by plain words only. */
export function hasArabicFeatures(doc: Pick<AnnotatedSummary, 'language' | 'tokens'>): boolean {
  return doc.language === 'arb' && doc.tokens.length > 0;
}

/** Entity terms are prefixed so they never collide with words. */
export function entityTerm(entityId: string): string {
  return '@' + entityId;
}

const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Words of the matching form, split at anything that is not a letter or digit (whitespace and punctuation collapse). */
export function plainWords(text: string): string[] {
  return normalizeForMatch(text).split(NON_WORD).filter((w) => w.length > 0);
}

/**
 * Walks the word tokens; a token inside an entity mention is replaced by the mention's entity id
 * (once per mention), so spelling variants of one name (ترمب / ترامب) give the same term.
 */
function mapTokens(tokens: Token[], entities: EntityMention[], keep: (t: Token) => string | null): string[] {
  const mentions = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let m = 0;
  let lastMention: EntityMention | null = null;
  for (const token of tokens) {
    if (token.kind === 'punct' || token.kind === 'other') continue;
    while (m < mentions.length && mentions[m].end <= token.start) m++;
    const mention = m < mentions.length && mentions[m].start < token.end ? mentions[m] : null;
    if (mention) {
      if (mention !== lastMention) out.push(entityTerm(mention.entityId));
      lastMention = mention;
      continue;
    }
    const term = keep(token);
    if (term !== null) out.push(term);
  }
  return out;
}

/** The stream that duplicate shingles are built from: every word's stem, entities as ids. */
export function fingerprintTerms(doc: AnnotatedSummary): string[] {
  if (!hasArabicFeatures(doc)) return plainWords(doc.text);
  return mapTokens(doc.tokens, doc.entities, (t) => t.stem);
}

/**
 * Content terms for similarity: light stems of bare words (المعتقلين and معتقلي meet) without stop words, numbers or
 * one-letter words; entities as ids.
 */
export function contentTerms(tokens: Token[], entities: EntityMention[]): string[] {
  return mapTokens(tokens, entities, (t) => (t.kind === 'word' || t.kind === 'latin') && t.bare.length >= 2 && !isStopword(t) ? lightStem(t.bare) : null);
}
