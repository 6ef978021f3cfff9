// The read side `marsad serve` needs from a store: materialised story views, their events, the full-text index and
// the lookups behind the entity page. SQL lives in the back ends (src/store/sqlite/, src/store/postgres/).
// Input: rows built by src/views/. Output: JSON strings and ids, ready to send or to combine.
import type { ArticleSearchRow, SearchMatch } from '../views/search-text.js';
import type { OutletCount } from '../serve/api-types.js';

/** Search totals are counted up to this many matches (counting every match of a common word costs more than ranking). */
export const SEARCH_COUNT_CAP = 1000;
/** Search ranks the newest this many matching articles by relevance (docs/api.md). */
export const SEARCH_RANK_WINDOW = 500;

export interface StoryEventRow {
  eventId: string;
  type: string;
  date: string | null;
  location: string | null;
  lon: number | null;
  lat: number | null;
  /** EventOut as JSON. */
  eventJson: string;
}

/** A story's materialised view: its list entry and page as JSON, its search text and its events. */
export interface StoryViewRecord {
  storyId: string;
  updatedAt: string;
  firstPublished: string | null;
  lastPublished: string | null;
  summaryJson: string;
  detailJson: string;
  search: { title: string; summary: string };
  events: StoryEventRow[];
  /** The story's state version (story_state.version) the view was built from: an older one is never written. */
  stateVersion: number;
}

/** Filters shared by the story list and the event list; every field narrows the result. */
export interface ViewFilter {
  /** Stories with an article matching this (src/views/search-text.ts parseSearchQuery). */
  match?: SearchMatch | null;
  entity?: string;
  place?: string;
  type?: string;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
  outlet?: string;
  storyId?: string;
  /** Events only: those whose place has coordinates. */
  located?: boolean;
  limit: number;
  offset: number;
}

export interface SearchHitRow {
  id: string;
  score: number;
}

export interface MentionRow {
  articleId: string;
  title: string;
  outlet: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
  /** The sentence holding the mention, from the article's text. */
  sentence: { start: number; text: string };
}

/** A mention joined with its article, as both back ends' entity-mention queries return it. */
export interface MentionDbRow {
  article_id: string; start: number; end: number; text: string; title: string; outlet: string | null; published: string | null;
  article_text: string; sentences: string;
}

/** The mention with the sentence that holds it (or 120 characters either side when no sentence does). */
export function mentionRowFrom(r: MentionDbRow): MentionRow {
  const sentences = JSON.parse(r.sentences) as [number, number][];
  const [s, e] = sentences.find(([from, to]) => from <= r.start && r.end <= to) ?? [Math.max(0, r.start - 120), Math.min(r.article_text.length, r.end + 120)];
  return {
    articleId: r.article_id, title: r.title, outlet: r.outlet, published: r.published, start: r.start, end: r.end, text: r.text,
    sentence: { start: s, text: r.article_text.slice(s, e) },
  };
}

/** An article's row with its text (search hits cut their snippets from it). */
export interface ArticleTextRow {
  id: string;
  title: string;
  text: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  storyId: string | null;
  duplicateOf: string | null;
}

export interface ServingStore {
  /**
   * Replaces the views (and events and search rows) of these stories, except a view built from an older state of its
   * story than the stored one (a view built outside the writer lock while another batch changed the story: that
   * batch publishes the story again). Returns the ids of the stories skipped.
   */
  putStoryViews(views: readonly StoryViewRecord[]): string[];
  /** The state version (story_state.version) of each of these stories that has a state. */
  storyStateVersions(storyIds: readonly string[]): Map<string, number>;
  /** Indexes articles for search (again, if they already were). */
  indexArticles(rows: readonly { articleId: string; row: ArticleSearchRow }[]): void;
  /**
   * Stories whose view is missing (stored by a version before views existed) or older than their state (a worker died
   * between storing a batch and publishing it), oldest first.
   */
  storiesWithStaleView(limit: number): string[];
  /** Articles stored but not indexed for search, in arrival order. */
  articlesNotIndexed(limit: number): string[];
  /** StorySummary JSON strings, newest activity first. */
  listStories(filter: ViewFilter): { total: number; rows: string[] };
  /** StoryDetail JSON, or null. */
  storyDetail(storyId: string): string | null;
  /** StorySummary JSON by story id (ids without a view are absent). */
  storySummaries(storyIds: readonly string[]): Map<string, string>;
  /** Events (EventOut JSON, one per event id, with the stories reporting it) by date, undated last. */
  listEvents(filter: ViewFilter): { total: number; rows: { eventJson: string; storyIds: string[] }[] };
  /**
   * Articles matching, best first (score: higher is better) among the newest SEARCH_RANK_WINDOW matches; `total` is
   * counted up to SEARCH_COUNT_CAP. Both back ends find the same articles; their scores (BM25, ts_rank) differ.
   */
  searchArticles(match: SearchMatch, limit: number, offset: number): { total: number; hits: SearchHitRow[] };
  /** Stories whose title or summary match, best first. */
  searchStories(match: SearchMatch, limit: number): SearchHitRow[];
  /** The latest mentions of an entity, newest article first. */
  entityMentions(entityId: string, limit: number): MentionRow[];
  entityCounts(entityId: string): { mentions: number; articles: number };
  /** Stories whose articles mention the entity, most mentions first. */
  entityStoryIds(entityId: string, limit: number): string[];
  /** Mention spans of these entities in one article (what a search hit for an entity highlights). */
  mentionSpans(articleId: string, entityIds: readonly string[]): [number, number][];
  outlets(): OutletCount[];
  /** Title, summary and article ids of stored stories (unknown ids are absent), in the order asked. */
  storyBasics(storyIds: readonly string[]): { id: string; title: string; summary: string; articleIds: string[] }[];
  /** When an article last joined each story (ISO), for the stories that exist. */
  storyUpdatedAt(storyIds: readonly string[]): Map<string, string>;
  /** Article summaries of a story (arrival order), for story pages too long to list every article. */
  storyArticles(storyId: string, limit: number, offset: number): { total: number; rows: ArticleTextRow[] };
  /** Rows of these articles (unknown ids are absent), keyed by id. */
  articlesWithText(ids: readonly string[]): Map<string, ArticleTextRow>;
}
