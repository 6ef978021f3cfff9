// Full-text search on PostgreSQL with the same matches as SQLite's FTS5 index: the store builds each tsvector from the
// pre-normalised search row itself (no text-search configuration: its lexemes are the tokens FTS5 indexes, indexTokens)
// and renders a SearchMatch as a tsquery. Input: search rows, SearchMatch. Output: tsvector and tsquery literals.
import { indexTokens, type ArticleSearchRow, type SearchMatch } from '../../views/search-text.js';

/** PostgreSQL clamps positions to this; phrases further into a text cannot be told apart (docs/store.md). */
const MAX_POSITION = 16383;
/** PostgreSQL keeps this many positions per lexeme (the rest are dropped): sending more is wasted. */
const MAX_POSITIONS_PER_LEXEME = 256;

/** Weights of the fields (A highest); ts_rank's weight array is {D, C, B, A}. */
type Weight = 'A' | 'B' | 'C';

/** An article's field weights for ts_rank: title ×3, entities ×2, body ×1 (FTS5's bm25 weights 3, 1, 2). */
export const ARTICLE_RANK_WEIGHTS = '{0, 0.333333, 0.666667, 1}';
/** A story's: title ×2, summary ×1. */
export const STORY_RANK_WEIGHTS = '{0, 0, 0.5, 1}';

function lexeme(token: string): string {
  return "'" + token.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}

/**
 * A tsvector literal of fields laid out one after another, each field's tokens at consecutive positions and a gap of
 * one between fields, so a phrase (adjacent positions) never spans two fields, as in FTS5.
 */
function documentLiteral(fields: readonly (readonly [string, Weight])[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [text, weight] of fields) {
    for (const token of indexTokens(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(token);
      if (!list) positions.set(token, (list = []));
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(position + weight);
    }
    position = Math.min(position + 1, MAX_POSITION);
  }
  const parts: string[] = [];
  for (const [token, list] of positions) parts.push(lexeme(token) + ':' + list.join(','));
  return parts.join(' ');
}

/** The article's tsvector literal: title (A), entity tokens (B), body (C). */
export function articleDocument(row: ArticleSearchRow): string {
  return documentLiteral([[row.title, 'A'], [row.entities, 'B'], [row.body, 'C']]);
}

/** The story's tsvector literal: title (A), summary (B). */
export function storyDocument(search: { title: string; summary: string }): string {
  return documentLiteral([[search.title, 'A'], [search.summary, 'B']]);
}

/**
 * The tsquery literal of a SearchMatch: clauses ANDed, a clause's phrases ORed, a phrase's tokens adjacent (<->).
 * Null when nothing can match (no clause, or a clause whose every phrase has no token, like FTS5's empty phrase).
 */
export function tsQuery(match: SearchMatch): string | null {
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
  return clauses.map((c) => `(${c})`).join(' & ');
}
