// The SQLite side of ServingStore (src/store/serving.ts): story views, their events, FTS5 search, entity lookups.
// Input: an open database migrated to schema 4. Output: JSON strings and rows. Every value reaches SQL as a parameter.
import type Database from 'better-sqlite3';
import { fts5Match, type ArticleSearchRow, type SearchMatch } from '../../views/search-text.js';
import type { OutletCount } from '../../serve/api-types.js';
import { SEARCH_COUNT_CAP, SEARCH_RANK_WINDOW, type ArticleTextRow, type MentionDbRow, type MentionRow, mentionRowFrom, type SearchHitRow, type ServingStore, type StoryViewRecord, type ViewFilter } from '../serving.js';

interface Clause {
  sql: string;
  params: unknown[];
}

/** Story ids matching a filter, as SQL conditions on a column holding story ids. */
function storyConditions(column: string, filter: ViewFilter): Clause[] {
  const clauses: Clause[] = [];
  if (filter.storyId) clauses.push({ sql: `${column} = ?`, params: [filter.storyId] });
  if (filter.match) {
    clauses.push({ sql: `${column} IN (SELECT a.story_id FROM article_search s JOIN articles a ON a.seq = s.rowid WHERE article_search MATCH ?)`, params: [fts5Match(filter.match)] });
  }
  if (filter.entity) {
    clauses.push({ sql: `${column} IN (SELECT a.story_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?)`, params: [filter.entity] });
  }
  if (filter.place) {
    clauses.push({
      sql: `(${column} IN (SELECT a.story_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?) OR ${column} IN (SELECT story_id FROM story_events WHERE location = ?))`,
      params: [filter.place, filter.place],
    });
  }
  if (filter.outlet) clauses.push({ sql: `${column} IN (SELECT story_id FROM articles WHERE outlet = ?)`, params: [filter.outlet] });
  return clauses;
}

interface ArticleDbRow {
  id: string; title: string; text: string; outlet: string | null; published: string | null; url: string | null; story_id: string | null; duplicate_of: string | null;
}

function toTextRow(r: ArticleDbRow): ArticleTextRow {
  return { id: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: r.url, storyId: r.story_id, duplicateOf: r.duplicate_of };
}

function where(clauses: Clause[]): { sql: string; params: unknown[] } {
  if (clauses.length === 0) return { sql: '', params: [] };
  return { sql: 'WHERE ' + clauses.map((c) => c.sql).join(' AND '), params: clauses.flatMap((c) => c.params) };
}

export class SqliteServingStore implements ServingStore {
  private readonly q;
  /** Filtered queries are built from the filters present: each distinct SQL text is prepared once. */
  private readonly prepared = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  constructor(private readonly db: Database.Database) {
    this.q = {
      deleteView: db.prepare('DELETE FROM story_views WHERE story_id = ?'),
      viewRowid: db.prepare('SELECT rowid FROM story_views WHERE story_id = ?').pluck(),
      insertView: db.prepare(`INSERT INTO story_views (story_id, updated_at, first_published, last_published, summary_json, detail_json, built_at, state_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      stateVersion: db.prepare('SELECT version FROM story_state WHERE story_id = ?').pluck(),
      storyUpdatedAt: db.prepare('SELECT updated_at FROM stories WHERE id = ?').pluck(),
      deleteStorySearch: db.prepare('DELETE FROM story_search WHERE rowid = ?'),
      insertStorySearch: db.prepare('INSERT INTO story_search (rowid, title, summary) VALUES (?, ?, ?)'),
      deleteEvents: db.prepare('DELETE FROM story_events WHERE story_id = ?'),
      insertEvent: db.prepare('INSERT OR REPLACE INTO story_events (story_id, event_id, type, date, location, lon, lat, event_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      articleSeq: db.prepare('SELECT seq FROM articles WHERE id = ?').pluck(),
      deleteArticleSearch: db.prepare('DELETE FROM article_search WHERE rowid = ?'),
      insertArticleSearch: db.prepare('INSERT INTO article_search (rowid, title, body, entities) VALUES (?, ?, ?, ?)'),
      articlesNotIndexed: db.prepare('SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search WHERE rowid = a.seq) ORDER BY seq LIMIT ?').pluck(),
      storiesWithStaleView: db.prepare(`SELECT s.id FROM stories s LEFT JOIN story_views v ON v.story_id = s.id LEFT JOIN story_state st ON st.story_id = s.id
        WHERE v.story_id IS NULL OR v.state_version < coalesce(st.version, 0) ORDER BY s.seq LIMIT ?`).pluck(),
      storyDetail: db.prepare('SELECT detail_json FROM story_views WHERE story_id = ?').pluck(),
      storySummary: db.prepare('SELECT summary_json FROM story_views WHERE story_id = ?').pluck(),
      entityMentions: db.prepare(`SELECT m.article_id, m.start, m."end", m.text, a.title, a.outlet, a.published, a.text AS article_text, a.sentences
        FROM entity_mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? ORDER BY a.published DESC, a.seq DESC, m.start LIMIT ?`),
      entityCounts: db.prepare('SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles FROM entity_mentions WHERE entity_id = ?'),
      entityStories: db.prepare(`SELECT a.story_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.entity_id = ? AND a.story_id IS NOT NULL GROUP BY a.story_id ORDER BY count(*) DESC, max(a.seq) DESC LIMIT ?`).pluck(),
      mentionSpans: db.prepare('SELECT start, "end", entity_id FROM entity_mentions WHERE article_seq = (SELECT seq FROM articles WHERE id = ?)'),
      outlets: db.prepare('SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, outlet'),
      articleWithText: db.prepare('SELECT id, title, text, outlet, published, url, story_id, duplicate_of FROM articles WHERE id = ?'),
    };
  }

  putStoryViews(views: readonly StoryViewRecord[]): string[] {
    const now = new Date().toISOString();
    const skipped: string[] = [];
    this.db.transaction(() => {
      for (const v of views) {
        if (v.stateVersion < ((this.q.stateVersion.get(v.storyId) as number | undefined) ?? 0)) {
          skipped.push(v.storyId);
          continue;
        }
        const oldRowid = this.q.viewRowid.get(v.storyId) as number | undefined;
        if (oldRowid !== undefined) this.q.deleteStorySearch.run(oldRowid);
        this.q.deleteView.run(v.storyId);
        const { lastInsertRowid } = this.q.insertView.run(v.storyId, v.updatedAt, v.firstPublished, v.lastPublished, v.summaryJson, v.detailJson, now, v.stateVersion);
        this.q.insertStorySearch.run(lastInsertRowid, v.search.title, v.search.summary);
        this.q.deleteEvents.run(v.storyId);
        for (const e of v.events) this.q.insertEvent.run(v.storyId, e.eventId, e.type, e.date, e.location, e.lon, e.lat, e.eventJson);
      }
    })();
    return skipped;
  }

  storyStateVersions(storyIds: readonly string[]): Map<string, number> {
    const versions = new Map<string, number>();
    for (const id of storyIds) {
      const version = this.q.stateVersion.get(id) as number | undefined;
      if (version !== undefined) versions.set(id, version);
    }
    return versions;
  }

  indexArticles(rows: readonly { articleId: string; row: ArticleSearchRow }[]): void {
    this.db.transaction(() => {
      for (const { articleId, row } of rows) {
        const seq = this.q.articleSeq.get(articleId) as number | undefined;
        if (seq === undefined) continue;
        this.q.deleteArticleSearch.run(seq);
        this.q.insertArticleSearch.run(seq, row.title, row.body, row.entities);
      }
    })();
  }

  storiesWithStaleView(limit: number): string[] {
    return this.q.storiesWithStaleView.all(limit) as string[];
  }

  articlesNotIndexed(limit: number): string[] {
    return this.q.articlesNotIndexed.all(limit) as string[];
  }

  listStories(filter: ViewFilter): { total: number; rows: string[] } {
    const clauses = storyConditions('v.story_id', filter);
    if (filter.type) clauses.push({ sql: 'v.story_id IN (SELECT story_id FROM story_events WHERE type = ?)', params: [filter.type] });
    if (filter.from) clauses.push({ sql: 'substr(coalesce(v.last_published, v.first_published), 1, 10) >= ?', params: [filter.from] });
    if (filter.to) clauses.push({ sql: 'substr(coalesce(v.first_published, v.last_published), 1, 10) <= ?', params: [filter.to] });
    const w = where(clauses);
    const total = (this.statement(`SELECT count(*) FROM story_views v ${w.sql}`).pluck().get(...w.params) as number);
    // The order of the index story_views_updated: the page is read from it without sorting every story's JSON.
    const rows = this.statement(`SELECT v.summary_json FROM story_views v ${w.sql} ORDER BY v.updated_at DESC, v.story_id LIMIT ? OFFSET ?`)
      .pluck().all(...w.params, filter.limit, filter.offset) as string[];
    return { total, rows };
  }

  storyDetail(storyId: string): string | null {
    return (this.q.storyDetail.get(storyId) as string | undefined) ?? null;
  }

  storySummaries(storyIds: readonly string[]): Map<string, string> {
    return valuesById(this.q.storySummary, storyIds);
  }

  listEvents(filter: ViewFilter): { total: number; rows: { eventJson: string; storyIds: string[] }[] } {
    const clauses = storyConditions('e.story_id', { ...filter, entity: undefined, place: undefined });
    if (filter.type) clauses.push({ sql: 'e.type = ?', params: [filter.type] });
    if (filter.from) clauses.push({ sql: 'e.date >= substr(?, 1, length(e.date))', params: [filter.from] });
    // A month ("2026-01") is within a range ending on any day of it: compare on the value's own precision.
    if (filter.to) clauses.push({ sql: 'e.date <= ?', params: [filter.to] });
    if (filter.place) clauses.push({ sql: 'e.location = ?', params: [filter.place] });
    if (filter.located) clauses.push({ sql: 'e.lon IS NOT NULL AND e.lat IS NOT NULL', params: [] });
    if (filter.entity) {
      clauses.push({
        sql: `(e.location = ? OR EXISTS (SELECT 1 FROM json_each(e.event_json, '$.actors') WHERE value = ?)
          OR EXISTS (SELECT 1 FROM json_each(e.event_json, '$.recipients') WHERE value = ?) OR json_extract(e.event_json, '$.attribution') = ?)`,
        params: [filter.entity, filter.entity, filter.entity, filter.entity],
      });
    }
    const w = where(clauses);
    const total = this.statement(`SELECT count(DISTINCT e.event_id) FROM story_events e ${w.sql}`).pluck().get(...w.params) as number;
    const rows = this.statement(`SELECT min(e.event_json) AS event_json, group_concat(e.story_id, char(31)) AS stories FROM story_events e ${w.sql}
      GROUP BY e.event_id ORDER BY e.date IS NULL, min(e.date), e.event_id LIMIT ? OFFSET ?`)
      .all(...w.params, filter.limit, filter.offset) as { event_json: string; stories: string }[];
    return { total, rows: rows.map((r) => ({ eventJson: r.event_json, storyIds: r.stories.split('\u001f') })) };
  }

  searchArticles(query: SearchMatch, limit: number, offset: number): { total: number; hits: SearchHitRow[] } {
    const match = fts5Match(query);
    const total = this.statement('SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ? LIMIT ?)').pluck().get(match, SEARCH_COUNT_CAP) as number;
    // Relevance (BM25: title words weigh three times body words, entity tokens twice) among the newest matches: ranking
    // costs per match, and a news search wants the recent among equally good hits.
    const hits = this.statement(`SELECT a.id, -c.score AS score FROM (
        SELECT rowid, score FROM (
          SELECT rowid, bm25(article_search, 3.0, 1.0, 2.0) AS score FROM article_search WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT ?
        ) ORDER BY score, rowid DESC LIMIT ? OFFSET ?
      ) c JOIN articles a ON a.seq = c.rowid ORDER BY c.score, c.rowid DESC`).all(match, SEARCH_RANK_WINDOW, limit, offset) as { id: string; score: number }[];
    return { total, hits };
  }

  searchStories(query: SearchMatch, limit: number): SearchHitRow[] {
    const match = fts5Match(query);
    // Story search indexes title and summary words only: entity tokens fall back to the articles' index.
    return this.statement(`SELECT v.story_id AS id, -bm25(story_search, 2.0, 1.0) AS score FROM story_search s JOIN story_views v ON v.rowid = s.rowid
      WHERE story_search MATCH ? ORDER BY bm25(story_search, 2.0, 1.0) LIMIT ?`).all(match, limit) as SearchHitRow[];
  }

  entityMentions(entityId: string, limit: number): MentionRow[] {
    return (this.q.entityMentions.all(entityId, limit) as MentionDbRow[]).map(mentionRowFrom);
  }

  entityCounts(entityId: string): { mentions: number; articles: number } {
    return this.q.entityCounts.get(entityId) as { mentions: number; articles: number };
  }

  entityStoryIds(entityId: string, limit: number): string[] {
    return this.q.entityStories.all(entityId, limit) as string[];
  }

  mentionSpans(articleId: string, entityIds: readonly string[]): [number, number][] {
    if (entityIds.length === 0) return [];
    const wanted = new Set(entityIds);
    return (this.q.mentionSpans.all(articleId) as { start: number; end: number; entity_id: string }[])
      .filter((m) => wanted.has(m.entity_id))
      .map((m) => [m.start, m.end]);
  }

  outlets(): OutletCount[] {
    return this.q.outlets.all() as OutletCount[];
  }

  storyBasics(storyIds: readonly string[]): { id: string; title: string; summary: string; articleIds: string[] }[] {
    const out = [];
    for (const id of storyIds) {
      const row = this.statement('SELECT id, title, summary FROM stories WHERE id = ?').get(id) as { id: string; title: string; summary: string } | undefined;
      if (!row) continue;
      const articleIds = this.statement('SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position').pluck().all(id) as string[];
      out.push({ ...row, articleIds });
    }
    return out;
  }

  storyUpdatedAt(storyIds: readonly string[]): Map<string, string> {
    return valuesById(this.q.storyUpdatedAt, storyIds);
  }

  storyArticles(storyId: string, limit: number, offset: number): { total: number; rows: ArticleTextRow[] } {
    const total = this.statement('SELECT count(*) FROM articles WHERE story_id = ?').pluck().get(storyId) as number;
    const rows = this.statement('SELECT id, title, text, outlet, published, url, story_id, duplicate_of FROM articles WHERE story_id = ? ORDER BY seq LIMIT ? OFFSET ?')
      .all(storyId, limit, offset) as ArticleDbRow[];
    return { total, rows: rows.map(toTextRow) };
  }

  articlesWithText(ids: readonly string[]): Map<string, ArticleTextRow> {
    const out = new Map<string, ArticleTextRow>();
    for (const id of ids) {
      const r = this.q.articleWithText.get(id) as ArticleDbRow | undefined;
      if (r) out.set(id, toTextRow(r));
    }
    return out;
  }
}

/** The one value a plucked statement gives for each id that has a row. */
function valuesById(statement: Database.Statement, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const value = statement.get(id) as string | undefined;
    if (value !== undefined) out.set(id, value);
  }
  return out;
}
