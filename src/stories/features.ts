// Per-document features for story clustering: term counts (title counted three times), salient entities, day number.
// Input: an annotated Document. Output: DocFeatures, plus the content terms of any sentence span.
import type { EntityMention, EntityType, Span, Token } from '../document.js';
import { tokenize } from '../arabic/tokenize.js';
import { type AnnotatedSummary, contentTerms, entityTerm, hasArabicFeatures } from './terms.js';
import { countTerms } from './vectors.js';

export interface DocFeatures {
  /** Content-term counts of text and title (title terms weigh triple: headlines name the story). */
  counts: Map<string, number>;
  /** Entities mentioned in the title, in the lead sentence, or at least twice in the text, with their type. */
  salient: Map<string, EntityType>;
  /** Entities named in the title or the lead sentence: where a news article names what it is about. */
  lead: string[];
  /** Days since 1970-01-01 of the publication date, or null when unknown. */
  day: number | null;
}

const TITLE_WEIGHT = 3;
const MAX_NAME_TOKENS = 4;

export function docFeatures(doc: AnnotatedSummary): DocFeatures {
  const day = dayNumber(doc.published ?? null);
  if (!hasArabicFeatures(doc)) return { counts: new Map(), salient: new Map(), lead: [], day };
  const title = titleTerms(doc);
  const counts = countTerms(contentTerms(doc.tokens, doc.entities));
  countTerms(title.terms, counts, TITLE_WEIGHT);
  const salient = new Map<string, EntityType>();
  const mentionCount = new Map<string, number>();
  for (const m of doc.entities) mentionCount.set(m.entityId, (mentionCount.get(m.entityId) ?? 0) + 1);
  // The lead sentence names who and where in news style, like the title does.
  const leadEnd = doc.sentences?.[0]?.end ?? 0;
  const lead = new Set(title.entities);
  for (const m of doc.entities) {
    if (m.end <= leadEnd) lead.add(m.entityId);
    if ((mentionCount.get(m.entityId) ?? 0) >= 2 || lead.has(m.entityId)) salient.set(m.entityId, m.type);
  }
  return { counts, salient, lead: [...lead], day };
}

export function dayNumber(published: string | null): number | null {
  if (!published) return null;
  const ms = Date.parse(published.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(ms) ? null : Math.round(ms / 86_400_000);
}

/**
 * Title terms: the title is tokenised here (tokens and mentions cover the text only), and any run of
 * title stems equal to the stems of a text mention becomes that mention's entity term.
 */
function titleTerms(doc: AnnotatedSummary): { terms: string[]; entities: Set<string> } {
  const names = new Map<string, string>();
  for (const m of doc.entities) {
    const stems = tokensIn(doc.tokens, m).filter(isWordLike).map((t) => t.stem);
    if (stems.length > 0 && stems.length <= MAX_NAME_TOKENS) names.set(stems.join(' '), m.entityId);
  }
  const tokens = tokenize(doc.title).filter(isWordLike);
  const terms: string[] = [];
  const entities = new Set<string>();
  const plain: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_NAME_TOKENS, tokens.length - i); n >= 1 && matched === 0; n--) {
      const id = names.get(tokens.slice(i, i + n).map((t) => t.stem).join(' '));
      if (id !== undefined) {
        terms.push(entityTerm(id));
        entities.add(id);
        matched = n;
      }
    }
    if (matched === 0) plain.push(tokens[i]);
    i += Math.max(matched, 1);
  }
  terms.push(...contentTerms(plain, []));
  return { terms, entities };
}

function isWordLike(t: Token): boolean {
  return t.kind === 'word' || t.kind === 'latin' || t.kind === 'number';
}

/** Tokens inside `span`, found by binary search (tokens are in text order). */
export function tokensIn(tokens: Token[], span: Span): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let i = lo; i < tokens.length && tokens[i].start < span.end; i++) out.push(tokens[i]);
  return out;
}

/** Content terms of one sentence (its tokens and the mentions inside it). */
export function sentenceTerms(doc: AnnotatedSummary, sentence: Span): string[] {
  const mentions: EntityMention[] = doc.entities.filter((m) => m.start < sentence.end && sentence.start < m.end);
  return contentTerms(tokensIn(doc.tokens, sentence), mentions);
}
