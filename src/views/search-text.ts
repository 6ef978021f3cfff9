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

/** Space-separated search forms of a text. */
export function searchForms(text: string): string {
  const forms: string[] = [];
  for (const token of tokenize(text)) {
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

export function articleSearchRow(doc: Pick<Document, 'title' | 'text' | 'entities'>): ArticleSearchRow {
  return {
    title: searchForms(doc.title),
    body: searchForms(doc.text),
    entities: [INDEXED_MARK, ...new Set(doc.entities.map((m) => entityToken(m.entityId)))].join(' '),
  };
}

export interface SearchQuery {
  /** The query's search forms, for highlighting words in snippets. */
  terms: string[];
  /** Knowledge-base entities the query names: any spelling of theirs matches. */
  entityIds: string[];
  /** The FTS5 MATCH expression, or null when the query has no searchable word. */
  match: string | null;
}

/** FTS5 string literal: the form in double quotes (forms hold no quotes, but stay safe if one ever does). */
function quoted(form: string): string {
  return '"' + form.replace(/"/g, '""') + '"';
}

/**
 * Turns a user's query into an FTS5 expression: all words must match (AND); a run of words naming a knowledge-base
 * entity matches either those words as a phrase or any mention of the entity. Operators typed by the user are words.
 */
export function parseSearchQuery(query: string, kb: KnowledgeBase): SearchQuery {
  const tokens = tokenize(query.slice(0, 500));
  const terms: string[] = [];
  const entityIds: string[] = [];
  const clauses: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = tokens[i].kind === 'word' || tokens[i].kind === 'latin' ? matchKbAt(tokens, i, kb, { date: null, headed: true }) : null;
    if (match) {
      const forms = tokens.slice(match.firstToken, match.endToken).map(searchForm).filter((f): f is string => f !== null);
      terms.push(...forms);
      entityIds.push(match.entry.entityId);
      const phrase = forms.length > 0 ? quoted(forms.join(' ')) + ' OR ' : '';
      clauses.push(`(${phrase}${quoted(entityToken(match.entry.entityId))})`);
      i = match.endToken - 1;
      continue;
    }
    const form = searchForm(tokens[i]);
    if (!form || /^q(indexed|e[0-9a-f]{12})$/.test(form)) continue;
    terms.push(form);
    clauses.push(quoted(form));
  }
  return { terms: [...new Set(terms)], entityIds: [...new Set(entityIds)], match: clauses.length > 0 ? clauses.join(' AND ') : null };
}
