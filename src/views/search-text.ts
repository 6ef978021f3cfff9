// Arabic-aware search text: what the full-text index stores for an article and what a query is turned into.
// Every word becomes one search form (normalised: no tatweel, diacritics, hamza or alef variants, ta marbuta as ha;
// proclitics and the article peeled; one suffix stemmed), and every entity mention a token for its canonical id,
// so «والشرع» is found by «الشرع» and «ترمب» by «ترامب». Input: text, tokens, entity ids. Output: index strings, queries.
import { createHash } from 'node:crypto';
import type { Document, Token } from '../document.js';
import { peelProclitics, stripArticle, tokenize } from '../arabic/tokenize.js';
import { normalizeForMatch } from '../arabic/normalize.js';
import { lightStem } from '../arabic/stem.js';
import { matchKbAt } from '../annotate/kb-match.js';
import type { KnowledgeBase } from '../kb/kb.js';

/** Hamza on waw (U+0624) or on ya (U+0626), and the bare hamza (U+0621) search folds them to. */
const HAMZA_ON_SEAT = /[\u0624\u0626]/;
const HAMZA_ON_SEAT_ALL = /[\u0624\u0626]/g;
const HAMZA = '\u0621';

/** The search form of a token, or null for punctuation and symbols. */
export function searchForm(token: Token): string | null {
  switch (token.kind) {
    case 'word': {
      // The pipeline folds a hamza on waw to waw and on ya to ya, so «مسؤول» and «مسئول» would never meet: search
      // folds both seats to the bare hamza before normalising instead.
      const bare = HAMZA_ON_SEAT.test(token.text) ? stripArticle(peelProclitics(normalizeForMatch(token.text.replace(HAMZA_ON_SEAT_ALL, HAMZA))).stem) : token.bare;
      const form = lightStem(bare);
      return form || token.norm || null;
    }
    case 'latin':
      return token.norm.toLowerCase();
    case 'number':
      return token.norm.replace(/[^0-9]/g, '') || null;
    default:
      return null;
  }
}

/** Space-separated search forms of a text (or of its tokens, when the caller has them). */
export function searchForms(text: string, tokens: readonly Token[] = tokenize(text)): string {
  const forms: string[] = [];
  for (const token of tokens) {
    const form = searchForm(token);
    if (form) forms.push(form);
  }
  return forms.join(' ');
}

/** The index token standing for an entity: letters and digits only, so the FTS tokenizer keeps it whole. */
export function entityToken(entityId: string): string {
  return 'qe' + createHash('sha1').update(entityId).digest('hex').slice(0, 12);
}

export interface ArticleSearchRow {
  title: string;
  body: string;
  entities: string;
}

/** Every indexed article holds this token, so a row without words still exists in the index (and is not re-indexed). */
const INDEXED_MARK = 'qindexed';

/** The word fields of an article's search row: they depend on its text only, so annotation threads compute them. */
export type SearchText = Pick<ArticleSearchRow, 'title' | 'body'>;

/** `tokens`, when given, must be the tokens of `text` (the text layer's; a non-Arabic document has none). */
export function searchText(doc: Pick<Document, 'title' | 'text' | 'tokens'>): SearchText {
  return { title: searchForms(doc.title), body: doc.tokens.length > 0 ? searchForms(doc.text, doc.tokens) : searchForms(doc.text) };
}

/** The entity field comes from the article as stored: the story stage may have merged its new entities' ids. */
export function articleSearchRow(doc: Pick<Document, 'title' | 'text' | 'entities'>, words: SearchText = searchText({ ...doc, tokens: [] })): ArticleSearchRow {
  return {
    ...words,
    entities: [INDEXED_MARK, ...new Set(doc.entities.map((m) => entityToken(m.entityId)))].join(' '),
  };
}

/** Consecutive search forms that must follow each other within one field (one form: a single word). */
export type SearchPhrase = readonly string[];
/** Matches when any of its phrases does (a name's words, or any mention of the entity it names). */
export type SearchClause = readonly SearchPhrase[];

/**
 * What a query matches, independent of the back end: the rows where every clause matches. Each back end renders it
 * in its own query language (SQLite: fts5Match below; PostgreSQL: src/store/postgres/search.ts); both split forms
 * into index tokens the same way (indexTokens), so both find the same rows. No clause: nothing matches.
 */
export interface SearchMatch {
  clauses: readonly SearchClause[];
}

/** A match nothing satisfies (a query of punctuation only). */
export const MATCH_NOTHING: SearchMatch = { clauses: [] };

/** Every word must occur (each a clause of its own): for callers that search known forms or tokens. */
export function wordsMatch(...words: string[]): SearchMatch {
  return { clauses: words.map((w) => [[w]]) };
}

export interface SearchQuery {
  /** The query's search forms, for highlighting words in snippets. */
  terms: string[];
  /** Knowledge-base entities the query names: any spelling of theirs matches. */
  entityIds: string[];
  /** What the query matches, or null when it has no searchable word. */
  match: SearchMatch | null;
}

/**
 * The tokens the index holds for a field or a phrase: runs of letters, digits and private-use characters, lower-cased
 * (what FTS5's unicode61 tokenizer keeps; search forms are already normalised, so this mostly splits on spaces).
 */
export function indexTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
}

/** FTS5 string literal: the form in double quotes (forms hold no quotes, but stay safe if one ever does). */
function quoted(form: string): string {
  return '"' + form.replace(/"/g, '""') + '"';
}

/** The FTS5 MATCH expression of a SearchMatch: clauses ANDed, a clause's phrases ORed, each phrase quoted. */
export function fts5Match(match: SearchMatch): string {
  if (match.clauses.length === 0) return '""';
  return match.clauses
    .map((clause) => {
      const phrases = clause.map((phrase) => quoted(phrase.join(' ')));
      return phrases.length === 1 ? phrases[0] : `(${phrases.join(' OR ')})`;
    })
    .join(' AND ');
}

/**
 * Turns a user's query into a SearchMatch: all words must match (AND); a run of words naming a knowledge-base
 * entity matches either those words as a phrase or any mention of the entity. Operators typed by the user are words.
 */
export function parseSearchQuery(query: string, kb: KnowledgeBase): SearchQuery {
  const tokens = tokenize(query.slice(0, 500));
  const terms: string[] = [];
  const entityIds: string[] = [];
  const clauses: SearchClause[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = tokens[i].kind === 'word' || tokens[i].kind === 'latin' ? matchKbAt(tokens, i, kb, { date: null, headed: true }) : null;
    if (match) {
      const forms = tokens.slice(match.firstToken, match.endToken).map(searchForm).filter((f): f is string => f !== null);
      terms.push(...forms);
      entityIds.push(match.entry.entityId);
      clauses.push(forms.length > 0 ? [forms, [entityToken(match.entry.entityId)]] : [[entityToken(match.entry.entityId)]]);
      i = match.endToken - 1;
      continue;
    }
    const form = searchForm(tokens[i]);
    if (!form || /^q(indexed|e[0-9a-f]{12})$/.test(form)) continue;
    terms.push(form);
    clauses.push([[form]]);
  }
  return { terms: [...new Set(terms)], entityIds: [...new Set(entityIds)], match: clauses.length > 0 ? { clauses } : null };
}
