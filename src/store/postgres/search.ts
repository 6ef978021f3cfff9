// Full-text search on PostgreSQL with the same matches as SQLite's FTS5 index: the store builds each tsvector from the
// pre-normalised search row itself (no text-search configuration: its lexemes are the tokens FTS5 indexes, indexTokens)
// and renders a SearchMatch as a tsquery. Input: search rows, SearchMatch. Output: tsvector and tsquery literals.
import { indexTokens, type ArticleSearchRow, type SearchMatch } from '../../views/search-text.js';

/** PostgreSQL clamps positions to this: a part of a document never goes past it. */
const MAX_POSITION = 16383;
/** PostgreSQL keeps this many positions per lexeme (the rest are dropped): a part never holds more. */
const MAX_POSITIONS_PER_LEXEME = 256;
/** Consecutive parts of a long document share this many tokens, so a phrase of up to as many tokens lies in one. */
export const PART_OVERLAP = 64;

/** Weights of the fields (A highest); ts_rank's weight array is {D, C, B, A}. */
type Weight = 'A' | 'B' | 'C';

/** An article's field weights for ts_rank: title ×3, entities ×2, body ×1 (FTS5's bm25 weights 3, 1, 2). */
export const ARTICLE_RANK_WEIGHTS = '{0, 0.333333, 0.666667, 1}';
/** A story's: title ×2, summary ×1. */
export const STORY_RANK_WEIGHTS = '{0, 0, 0.5, 1}';

function lexeme(token: string): string {
  return "'" + token.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}

/** A token of a document and how far it is from the previous one (1, more after a field boundary). */
interface Placed {
  token: string;
  weight: Weight;
  advance: number;
}

/**
 * The tsvector literals of fields laid out one after another, each field's tokens at consecutive positions and a gap of
 * one between fields, so a phrase (adjacent positions) never spans two fields, as in FTS5. Usually one literal; a
 * document that would pass PostgreSQL's limits (positions up to 16383, 256 positions per lexeme, past which phrases
 * are no longer found) is cut into parts within them, each starting PART_OVERLAP tokens before the previous one ended.
 */
function documentLiterals(fields: readonly (readonly [string, Weight])[]): string[] {
  const placed: Placed[] = [];
  let advance = 1;
  for (const [text, weight] of fields) {
    for (const token of indexTokens(text)) {
      placed.push({ token, weight, advance });
      advance = 1;
    }
    advance++;
  }
  const parts: string[] = [];
  for (let start = 0; ;) {
    const positions = new Map<string, string[]>();
    let position = 0;
    let end = start;
    for (; end < placed.length; end++) {
      const { token, weight } = placed[end];
      // A part starts at position 1; the first, after the gaps of the empty fields before its first token.
      const next = end > start ? position + placed[end].advance : start === 0 ? placed[0].advance : 1;
      let list = positions.get(token);
      if (next > MAX_POSITION || (list !== undefined && list.length === MAX_POSITIONS_PER_LEXEME)) break;
      position = next;
      if (!list) positions.set(token, (list = []));
      list.push(position + weight);
    }
    const literal: string[] = [];
    for (const [token, list] of positions) literal.push(lexeme(token) + ':' + list.join(','));
    parts.push(literal.join(' '));
    if (end >= placed.length) return parts;
    start = Math.max(start + 1, end - PART_OVERLAP);
  }
}

/**
 * The article's tsvector literals: title (A), entity tokens (B), body (C); one, or the parts of a document too long for
 * one tsvector (the first goes into article_search, the rest into article_search_parts).
 */
export function articleDocuments(row: ArticleSearchRow): string[] {
  return documentLiterals([[row.title, 'A'], [row.entities, 'B'], [row.body, 'C']]);
}

/** The story's tsvector literal: title (A), summary (B), far shorter than a tsvector's limits. */
export function storyDocument(search: { title: string; summary: string }): string {
  return documentLiterals([[search.title, 'A'], [search.summary, 'B']])[0];
}

/**
 * The tsquery literals of a SearchMatch's clauses, each its phrases ORed with a phrase's tokens adjacent (<->).
 * Null when nothing can match (no clause, or a clause whose every phrase has no token, like FTS5's empty phrase).
 */
export function tsQueryClauses(match: SearchMatch): string[] | null {
  if (match.clauses.length === 0) return null;
  const clauses: string[] = [];
  for (const clause of match.clauses) {
    const phrases = clause
      .map((phrase) => phrase.flatMap(indexTokens))
      .filter((tokens) => tokens.length > 0)
      .map((tokens) => tokens.map(lexeme).join(' <-> '));
    if (phrases.length === 0) return null;
    clauses.push(phrases.map((p) => `(${p})`).join(' | '));
  }
  return clauses;
}

/** The tsquery literal of clauses from tsQueryClauses: all of them. */
export function allClauses(clauses: readonly string[]): string {
  return clauses.map((c) => `(${c})`).join(' & ');
}

/** The tsquery literal of a SearchMatch: its clauses ANDed (null when nothing can match). */
export function tsQuery(match: SearchMatch): string | null {
  const clauses = tsQueryClauses(match);
  return clauses && allClauses(clauses);
}
