// The PostgreSQL side of ServingStore (src/store/serving.ts): story views, their events, tsvector search, entity lookups.
// The same queries as src/store/sqlite/serving-store.ts, with PostgreSQL's NULL ordering and JSON functions spelled out
// so the rows come back in the same order. Input: a connection migrated to schema 4. Output: JSON strings and rows.
import type { ArticleSearchRow, SearchMatch } from '../../views/search-text.js';
import type { OutletCount } from '../../serve/api-types.js';
import { SEARCH_COUNT_CAP, SEARCH_RANK_WINDOW, type ArticleTextRow, type MentionDbRow, type MentionRow, mentionRowFrom, type SearchHitRow, type ServingStore, type StoryViewRecord, type ViewFilter } from '../serving.js';
import { bulkInsert, type PgConnection } from './bridge.js';
import { ARTICLE_RANK_WEIGHTS, STORY_RANK_WEIGHTS, allClauses, articleDocuments, storyDocument, tsQuery, tsQueryClauses } from './search.js';

/** SQL conditions with $-numbered parameters, numbered as they are added. */
class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a condition; each `?` in it becomes the next parameter. */
  add(sql: string, ...params: unknown[]): void {
    let i = 0;
    this.sql.push(sql.replace(/\?/g, () => `$${this.params.length + ++i}`));
    this.params.push(...params);
  }

  get where(): string {
    return this.sql.length === 0 ? '' : 'WHERE ' + this.sql.join(' AND ');
  }

  /** The number the next parameter will have. */
  next(offset = 0): string {
    return `$${this.params.length + 1 + offset}`;
  }
}

/**
 * SQL true for an article_search row `s` matching a search: its document matches the whole query, or (an article cut
 * into parts, search.ts) every clause matches its first part or another. `query` and `clauses` are the placeholders of
 * allClauses and tsQueryClauses.
 */
function articleMatches(query: string, clauses: string): string {
  return `(s.document @@ ${query}::tsquery OR (s.parts > 0 AND NOT EXISTS (SELECT 1 FROM unnest(${clauses}::tsquery[]) AS c(q)
    WHERE NOT (s.document @@ c.q OR EXISTS (SELECT 1 FROM article_search_parts p WHERE p.seq = s.seq AND p.document @@ c.q)))))`;
}

/** Story ids matching a filter, as SQL conditions on a column holding story ids. */
function storyConditions(column: string, filter: ViewFilter, c: Conditions): void {
  if (filter.storyId) c.add(`${column} = ?`, filter.storyId);
  if (filter.match) {
    const clauses = tsQueryClauses(filter.match);
    if (clauses === null) c.add('false');
    else c.add(`${column} IN (SELECT a.story_id FROM article_search s JOIN articles a ON a.seq = s.seq WHERE ${articleMatches('?', '?')})`, allClauses(clauses), clauses);
  }
  if (filter.entity) c.add(`${column} IN (SELECT a.story_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?)`, filter.entity);
  if (filter.place) {
    c.add(`(${column} IN (SELECT a.story_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?) OR ${column} IN (SELECT story_id FROM story_events WHERE location = ?))`,
      filter.place, filter.place);
  }
  if (filter.outlet) c.add(`${column} IN (SELECT story_id FROM articles WHERE outlet = ?)`, filter.outlet);
}

interface ArticleDbRow {
  id: string; title: string; text: string; outlet: string | null; published: string | null; url: string | null; story_id: string | null; duplicate_of: string | null;
}

function toTextRow(r: ArticleDbRow): ArticleTextRow {
  return { id: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: r.url, storyId: r.story_id, duplicateOf: r.duplicate_of };
}

const TEXT_ROW_COLUMNS = 'id, title, text, outlet, published, url, story_id, duplicate_of';

const W = {
  view: bulkInsert('story_views', [
    ['story_id', 'text'], ['updated_at', 'text'], ['first_published', 'text'], ['last_published', 'text'], ['summary_json', 'text'],
    ['detail_json', 'text'], ['built_at', 'text'], ['state_version', 'bigint'],
  ], ''),
  storySearch: bulkInsert('story_search', [['story_id', 'text'], ['document', 'tsvector']], ''),
  event: bulkInsert('story_events', [
    ['story_id', 'text'], ['event_id', 'text'], ['type', 'text'], ['date', 'text'], ['location', 'text'], ['lon', 'double precision'],
    ['lat', 'double precision'], ['event_json', 'text'],
  ], ''),
  articleSearch: bulkInsert('article_search', [['seq', 'bigint'], ['document', 'tsvector'], ['parts', 'integer']],
    'ON CONFLICT (seq) DO UPDATE SET document = excluded.document, parts = excluded.parts', (row) => String(row[0])),
  articleSearchPart: bulkInsert('article_search_parts', [['seq', 'bigint'], ['part', 'integer'], ['document', 'tsvector']], ''),
};

export class PostgresServingStore implements ServingStore {
  constructor(private readonly conn: PgConnection) {}

  /** One statement clears the old rows of every story given, then the new rows are written in bulk. */
  putStoryViews(given: readonly StoryViewRecord[]): string[] {
    if (given.length === 0) return [];
    const now = new Date().toISOString();
    return this.conn.transaction(() => {
      const current = this.storyStateVersions(given.map((v) => v.storyId));
      const skipped: string[] = [];
      const views: StoryViewRecord[] = [];
      for (const v of given) {
        if (v.stateVersion < (current.get(v.storyId) ?? 0)) skipped.push(v.storyId);
        else views.push(v);
      }
      if (views.length === 0) return skipped;
      const ids = views.map((v) => v.storyId);
      this.conn.exec(`WITH gone AS (DELETE FROM story_views WHERE story_id = ANY($1::text[])),
        gone_search AS (DELETE FROM story_search WHERE story_id = ANY($1::text[]))
        DELETE FROM story_events WHERE story_id = ANY($1::text[])`, [ids]);
      // A story given twice keeps its last view, written after the others (SQLite replaces it row by row).
      const last = new Map<string, StoryViewRecord>();
      for (const v of views) {
        last.delete(v.storyId);
        last.set(v.storyId, v);
      }
      for (const v of last.values()) {
        this.conn.addRow(W.view, [v.storyId, v.updatedAt, v.firstPublished, v.lastPublished, v.summaryJson, v.detailJson, now, v.stateVersion]);
        this.conn.addRow(W.storySearch, [v.storyId, storyDocument(v.search)]);
        // A repeated event id replaces the earlier row and takes the later place (SQLite: INSERT OR REPLACE, new rowid).
        const events = new Map<string, StoryViewRecord['events'][number]>();
        for (const e of v.events) {
          events.delete(e.eventId);
          events.set(e.eventId, e);
        }
        for (const e of events.values()) this.conn.addRow(W.event, [v.storyId, e.eventId, e.type, e.date, e.location, e.lon, e.lat, e.eventJson]);
      }
      return skipped;
    });
  }

  storyStateVersions(storyIds: readonly string[]): Map<string, number> {
    if (storyIds.length === 0) return new Map();
    return new Map(this.conn.queryArrays<[string, number]>('SELECT story_id, version FROM story_state WHERE story_id = ANY($1::text[])', [storyIds]));
  }

  indexArticles(rows: readonly { articleId: string; row: ArticleSearchRow }[]): void {
    if (rows.length === 0) return;
    this.conn.transaction(() => {
      const seqs = new Map(this.conn.queryArrays<[string, number]>('SELECT id, seq FROM articles WHERE id = ANY($1::text[])', [rows.map((r) => r.articleId)]));
      // An article given twice keeps its last row, as the upsert does.
      const documents = new Map<number, string[]>();
      for (const { articleId, row } of rows) {
        const seq = seqs.get(articleId);
        if (seq !== undefined) documents.set(seq, articleDocuments(row));
      }
      this.conn.exec('DELETE FROM article_search_parts WHERE seq = ANY($1::bigint[])', [[...documents.keys()]]);
      for (const [seq, [first, ...rest]] of documents) {
        this.conn.addRow(W.articleSearch, [seq, first, rest.length]);
        rest.forEach((document, i) => this.conn.addRow(W.articleSearchPart, [seq, i + 1, document]));
      }
    });
  }

  storiesWithStaleView(limit: number): string[] {
    return this.conn.column<string>(`SELECT s.id FROM stories s LEFT JOIN story_views v ON v.story_id = s.id LEFT JOIN story_state st ON st.story_id = s.id
      WHERE v.story_id IS NULL OR v.state_version < coalesce(st.version, 0) ORDER BY s.seq LIMIT $1`, [limit]);
  }

  articlesNotIndexed(limit: number): string[] {
    return this.conn.column<string>('SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search WHERE seq = a.seq) ORDER BY seq LIMIT $1', [limit]);
  }

  listStories(filter: ViewFilter): { total: number; rows: string[] } {
    const c = new Conditions();
    storyConditions('v.story_id', filter, c);
    if (filter.type) c.add('v.story_id IN (SELECT story_id FROM story_events WHERE type = ?)', filter.type);
    if (filter.from) c.add('substr(coalesce(v.last_published, v.first_published), 1, 10) >= ?', filter.from);
    if (filter.to) c.add('substr(coalesce(v.first_published, v.last_published), 1, 10) <= ?', filter.to);
    // The count and the page in one query: the count as a window over the filtered rows.
    const rows = this.conn.queryArrays<[string, number]>(`SELECT v.summary_json, count(*) OVER () FROM story_views v ${c.where}
      ORDER BY v.updated_at DESC, v.story_id LIMIT ${c.next()} OFFSET ${c.next(1)}`, [...c.params, filter.limit, filter.offset]);
    const total = rows.length > 0 ? rows[0][1] : filter.offset > 0 ? (this.conn.value<number>(`SELECT count(*) FROM story_views v ${c.where}`, c.params) ?? 0) : 0;
    return { total, rows: rows.map((r) => r[0]) };
  }

  storyDetail(storyId: string): string | null {
    return this.conn.value<string>('SELECT detail_json FROM story_views WHERE story_id = $1', [storyId]) ?? null;
  }

  storySummaries(storyIds: readonly string[]): Map<string, string> {
    if (storyIds.length === 0) return new Map();
    const rows = this.conn.queryArrays<[string, string]>('SELECT story_id, summary_json FROM story_views WHERE story_id = ANY($1::text[])', [storyIds]);
    const found = new Map(rows);
    const out = new Map<string, string>();
    for (const id of storyIds) {
      const json = found.get(id);
      if (json !== undefined) out.set(id, json);
    }
    return out;
  }

  listEvents(filter: ViewFilter): { total: number; rows: { eventJson: string; storyIds: string[] }[] } {
    const c = new Conditions();
    storyConditions('e.story_id', { ...filter, entity: undefined, place: undefined }, c);
    if (filter.type) c.add('e.type = ?', filter.type);
    // A month ("2026-01") is within a range ending on any day of it: compare on the value's own precision.
    if (filter.from) c.add('e.date >= substr(?::text, 1, length(e.date))', filter.from);
    if (filter.to) c.add('e.date <= ?', filter.to);
    if (filter.place) c.add('e.location = ?', filter.place);
    if (filter.located) c.add('e.lon IS NOT NULL AND e.lat IS NOT NULL');
    if (filter.entity) {
      c.add(`(e.location = ? OR (e.event_json::jsonb -> 'actors') @> jsonb_build_array(?::text)
        OR (e.event_json::jsonb -> 'recipients') @> jsonb_build_array(?::text) OR e.event_json::jsonb ->> 'attribution' = ?)`,
      filter.entity, filter.entity, filter.entity, filter.entity);
    }
    const total = this.conn.value<number>(`SELECT count(DISTINCT e.event_id) FROM story_events e ${c.where}`, c.params) ?? 0;
    const rows = this.conn.queryArrays<[string, string[]]>(`SELECT min(e.event_json), array_agg(e.story_id ORDER BY e.seq) FROM story_events e ${c.where}
      GROUP BY e.event_id ORDER BY min(e.date) IS NULL, min(e.date), e.event_id LIMIT ${c.next()} OFFSET ${c.next(1)}`, [...c.params, filter.limit, filter.offset]);
    return { total, rows: rows.map(([eventJson, storyIds]) => ({ eventJson, storyIds })) };
  }

  searchArticles(match: SearchMatch, limit: number, offset: number): { total: number; hits: SearchHitRow[] } {
    const clauses = tsQueryClauses(match);
    if (clauses === null) return { total: 0, hits: [] };
    // Relevance (ts_rank: title words weigh three times body words, entity tokens twice; over an article's first part)
    // among the newest matches, as SQLite ranks with bm25; the count, capped, in the same query.
    const matches = articleMatches('$1', '$6');
    const rows = this.conn.queryArrays<[string | null, number | null, number]>(`WITH q AS (SELECT $1::tsquery AS q),
        newest AS (SELECT s.seq, s.document FROM article_search s WHERE ${matches} ORDER BY s.seq DESC LIMIT $2),
        ranked AS (SELECT n.seq, ts_rank('${ARTICLE_RANK_WEIGHTS}'::float4[], n.document, q.q) AS score FROM newest n, q
          ORDER BY score DESC, n.seq DESC LIMIT $3 OFFSET $4),
        total AS (SELECT count(*) AS n FROM (SELECT 1 FROM article_search s WHERE ${matches} LIMIT $5) x)
      SELECT a.id, r.score, total.n FROM total LEFT JOIN (ranked r JOIN articles a ON a.seq = r.seq) ON true
      ORDER BY r.score DESC, r.seq DESC`, [allClauses(clauses), SEARCH_RANK_WINDOW, limit, offset, SEARCH_COUNT_CAP, clauses]);
    const total = rows[0]?.[2] ?? 0;
    const hits = rows.filter((r): r is [string, number, number] => r[0] !== null).map(([id, score]) => ({ id, score }));
    return { total, hits };
  }

  searchStories(match: SearchMatch, limit: number): SearchHitRow[] {
    const query = tsQuery(match);
    if (query === null) return [];
    // Story search indexes title and summary words only: entity tokens fall back to the articles' index.
    const rows = this.conn.queryArrays<[string, number]>(`SELECT s.story_id, ts_rank('${STORY_RANK_WEIGHTS}'::float4[], s.document, q.q) AS score
      FROM story_search s, (SELECT $1::tsquery AS q) q WHERE s.document @@ q.q ORDER BY score DESC, s.story_id LIMIT $2`, [query, limit]);
    return rows.map(([id, score]) => ({ id, score }));
  }

  entityMentions(entityId: string, limit: number): MentionRow[] {
    const rows = this.conn.query<MentionDbRow>(`SELECT m.article_id, m.start, m."end", m.text, a.title, a.outlet, a.published, a.text AS article_text, a.sentences
      FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = $1
      ORDER BY a.published DESC NULLS LAST, a.seq DESC, m.start, m."end" LIMIT $2`, [entityId, limit]);
    return rows.map(mentionRowFrom);
  }

  entityCounts(entityId: string): { mentions: number; articles: number } {
    const [row] = this.conn.query<{ mentions: number; articles: number }>(
      'SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles FROM entity_mentions WHERE entity_id = $1', [entityId]);
    return row;
  }

  entityStoryIds(entityId: string, limit: number): string[] {
    return this.conn.column<string>(`SELECT a.story_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id
      WHERE m.entity_id = $1 AND a.story_id IS NOT NULL GROUP BY a.story_id ORDER BY count(*) DESC, max(a.seq) DESC LIMIT $2`, [entityId, limit]);
  }

  mentionSpans(articleId: string, entityIds: readonly string[]): [number, number][] {
    if (entityIds.length === 0) return [];
    // The order SQLite's primary key gives (start, end, entity id).
    return this.conn.queryArrays<[number, number]>(`SELECT start, "end" FROM entity_mentions WHERE article_id = $1 AND entity_id = ANY($2::text[])
      ORDER BY start, "end", entity_id`, [articleId, entityIds]);
  }

  outlets(): OutletCount[] {
    return this.conn.query<OutletCount>('SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, outlet');
  }

  storyBasics(storyIds: readonly string[]): { id: string; title: string; summary: string; articleIds: string[] }[] {
    if (storyIds.length === 0) return [];
    return this.conn.query<{ id: string; title: string; summary: string; articleIds: string[] }>(`SELECT s.id, s.title, s.summary,
        coalesce((SELECT array_agg(article_id ORDER BY position) FROM story_articles WHERE story_id = s.id), '{}') AS "articleIds"
      FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) JOIN stories s ON s.id = u.id ORDER BY u.n`, [storyIds]);
  }

  storyUpdatedAt(storyIds: readonly string[]): Map<string, string> {
    if (storyIds.length === 0) return new Map();
    return new Map(this.conn.queryArrays<[string, string]>(
      'SELECT s.id, s.updated_at FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) JOIN stories s ON s.id = u.id ORDER BY u.n', [storyIds]));
  }

  storyArticles(storyId: string, limit: number, offset: number): { total: number; rows: ArticleTextRow[] } {
    const rows = this.conn.query<ArticleDbRow & { total: number }>(`SELECT ${TEXT_ROW_COLUMNS}, count(*) OVER () AS total FROM articles
      WHERE story_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`, [storyId, limit, offset]);
    const total = rows.length > 0 ? rows[0].total : offset > 0 ? (this.conn.value<number>('SELECT count(*) FROM articles WHERE story_id = $1', [storyId]) ?? 0) : 0;
    return { total, rows: rows.map(toTextRow) };
  }

  articlesWithText(ids: readonly string[]): Map<string, ArticleTextRow> {
    if (ids.length === 0) return new Map();
    const rows = this.conn.query<ArticleDbRow>(`SELECT ${TEXT_ROW_COLUMNS} FROM articles WHERE id = ANY($1::text[])`, [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    const out = new Map<string, ArticleTextRow>();
    for (const id of ids) {
      const r = found.get(id);
      if (r) out.set(id, toTextRow(r));
    }
    return out;
  }
}
