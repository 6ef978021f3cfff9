// What the HTTP API answers, independent of HTTP: reads of the store's views, search, and adding records.
// Input: an open store, the pipeline context. Output: JSON strings (sent as they are) or values; errors as NotFound.
import type { PipelineContext } from '../pipeline.js';
import type { Store } from '../store/store.js';
import { SEARCH_COUNT_CAP, type ViewFilter } from '../store/serving.js';
import { Analyzer } from '../analyze.js';
import type { Annotator } from '../annotate-pool.js';
import { recordToPage, recordId } from '../ingest/record.js';
import { DEFAULT_MAX_RECORD_BYTES, type IngestError, type RawPage } from '../ingest/types.js';
import { describer } from '../views/publish.js';
import { finishRun, RunResults } from '../analyze-finish.js';
import { MATCH_NOTHING, parseSearchQuery, type SearchMatch } from '../views/search-text.js';
import { makeSnippet } from '../views/snippet.js';
import { articleSummary, excerpt } from '../views/story-view.js';
import type {
  ArticleDetail, ArticleList, ArticleSearchHit, EntityDetail, EntityRef, EventFeatureCollection, EventItem, EventList, PostArticlesResult,
  SearchResult, StorySearchHit, StorySummary,
} from './api-types.js';

export class NotFound extends Error {}

/** The store's filters with the user's words (`q`) in place of the SearchMatch they become. */
export type ListQuery = Omit<ViewFilter, 'match'> & { q?: string };

const STORY_HITS = 10;
const CHECK_EVERY_MS = 200;

export class MarsadService {
  private readonly describe: (id: string) => EntityRef;
  private analyzer: Analyzer | null = null;
  /** Writes run one at a time, in arrival order; a failed write does not stop the next. */
  private writes: Promise<unknown> = Promise.resolve();
  private postCount = 0;
  /** The store's data version when last checked, and when: other processes' writes are noticed within CHECK_EVERY_MS. */
  private seenVersion: number;
  private checkedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly context: PipelineContext,
    private readonly annotator: Annotator,
  ) {
    this.describe = describer(context.kb);
    this.seenVersion = store.dataVersion();
  }

  /**
   * Notices writes by other processes (`watch`, `worker`, `analyze --db` on the same store): the response cache is
   * emptied and the in-memory indexes of posts are reloaded before the next post. Checked at most every
   * CHECK_EVERY_MS unless `force`; returns whether the store changed.
   */
  noticeExternalWrites(force = false): boolean {
    const now = Date.now();
    if (!force && now - this.checkedAt < CHECK_EVERY_MS) return false;
    this.checkedAt = now;
    const version = this.store.dataVersion();
    if (version === this.seenVersion) return false;
    this.seenVersion = version;
    this.analyzer = null;
    for (const listener of this.writeListeners) listener();
    return true;
  }

  private filter(query: ListQuery): ViewFilter {
    const { q, ...rest } = query;
    const match = q ? parseSearchQuery(q, this.context.kb).match : null;
    // Words that are all punctuation match nothing rather than everything.
    return { ...rest, match: q ? (match ?? MATCH_NOTHING) : null };
  }

  storiesJson(query: ListQuery): string {
    const { total, rows } = this.store.serving.listStories(this.filter(query));
    return `{"total":${total},"limit":${query.limit},"offset":${query.offset},"stories":[${rows.join(',')}]}`;
  }

  storyJson(id: string): string {
    const json = this.store.serving.storyDetail(id);
    if (json === null) throw new NotFound(`no story with id "${id}"`);
    return json;
  }

  private entityRef(id: string): EntityRef | null {
    const kbEntity = this.context.kb.getEntity(id);
    if (kbEntity) return this.describe(id);
    const stored = this.store.getEntity(id);
    if (!stored) return null;
    const ref: EntityRef = { id, type: stored.type, name: { ar: stored.nameAr ?? id, en: stored.nameEn ?? stored.nameAr ?? id } };
    if (stored.lon !== null && stored.lat !== null) ref.coordinates = [stored.lon, stored.lat];
    // Minted entities (new:...) are stored with their mention text only: describe them from their id.
    return id.startsWith('new:') ? this.describe(id) : ref;
  }

  entity(id: string, limit: number): EntityDetail {
    const entity = this.entityRef(id);
    if (!entity) throw new NotFound(`no entity with id "${id}"`);
    const counts = this.store.serving.entityCounts(id);
    const mentions = this.store.serving.entityMentions(id, limit).map((m) => {
      const snippet = makeSnippet(m.sentence.text, [], [[m.start - m.sentence.start, m.end - m.sentence.start]]);
      return { articleId: m.articleId, title: m.title, outlet: m.outlet, published: m.published, start: m.start, end: m.end, text: m.text, snippet };
    });
    const storyIds = this.store.serving.entityStoryIds(id, 20);
    const summaries = this.store.serving.storySummaries(storyIds);
    const stories = storyIds.map((s) => summaries.get(s)).filter((s): s is string => s !== undefined).map((s) => JSON.parse(s) as StorySummary);
    return { entity, mentionCount: counts.mentions, articleCount: counts.articles, mentions, stories };
  }

  events(query: ListQuery): EventList {
    const { total, rows } = this.store.serving.listEvents(this.filter(query));
    const events: EventItem[] = rows.map((r) => ({ ...(JSON.parse(r.eventJson) as Omit<EventItem, 'storyIds'>), storyIds: r.storyIds }));
    const entityIndex: Record<string, EntityRef> = {};
    for (const e of events) {
      for (const id of [...e.actors, ...e.recipients, ...(e.location ? [e.location] : []), ...(e.attribution ? [e.attribution] : [])]) entityIndex[id] ??= this.describe(id);
    }
    return { total, limit: query.limit, offset: query.offset, events, entityIndex };
  }

  eventsGeoJson(query: ListQuery): EventFeatureCollection {
    const list = this.events({ ...query, located: true });
    const features: EventFeatureCollection['features'] = [];
    for (const e of list.events) {
      const place = e.location ? list.entityIndex[e.location] : undefined;
      if (!place?.coordinates) continue;
      features.push({ type: 'Feature', id: e.id, geometry: { type: 'Point', coordinates: place.coordinates }, properties: { ...e, locationName: place.name } });
    }
    return { type: 'FeatureCollection', total: list.total, entityIndex: list.entityIndex, features };
  }

  search(q: string, limit: number, offset: number): SearchResult {
    const parsed = parseSearchQuery(q, this.context.kb);
    const entities = parsed.entityIds.map((id) => this.describe(id));
    if (!parsed.match) return { query: q, terms: [], entities, stories: [], articles: [], totalArticles: 0, totalIsLowerBound: false };
    const { total, hits } = this.store.serving.searchArticles(parsed.match, limit, offset);
    const rows = this.store.serving.articlesWithText(hits.map((h) => h.id));
    const articles: ArticleSearchHit[] = [];
    for (const hit of hits) {
      const row = rows.get(hit.id);
      if (!row) continue;
      const marks = this.store.serving.mentionSpans(row.id, parsed.entityIds);
      const inText = makeSnippet(row.text, parsed.terms, marks);
      // A hit on the title alone shows the title with its words marked.
      const snippet = inText.highlights.length > 0 ? inText : makeSnippet(row.title, parsed.terms);
      const { text, ...rest } = row;
      articles.push({ article: { ...rest, excerpt: excerpt(text) }, score: round(hit.score), snippet });
    }
    return {
      query: q, terms: parsed.terms, entities, stories: offset === 0 ? this.storyHits(parsed.match, parsed.terms, articles) : [], articles,
      totalArticles: total, totalIsLowerBound: total >= SEARCH_COUNT_CAP,
    };
  }

  /** Stories whose title or summary match, then the stories of the best article hits (with that article's snippet). */
  private storyHits(match: SearchMatch, terms: string[], articles: ArticleSearchHit[]): StorySearchHit[] {
    const byStory = new Map<string, { score: number; snippet: StorySearchHit['snippet'] | null }>();
    for (const hit of this.store.serving.searchStories(match, STORY_HITS)) byStory.set(hit.id, { score: round(hit.score), snippet: null });
    for (const a of articles) {
      if (a.article.storyId && !byStory.has(a.article.storyId)) byStory.set(a.article.storyId, { score: a.score, snippet: a.snippet });
    }
    const ids = [...byStory.keys()].slice(0, STORY_HITS);
    const summaries = this.store.serving.storySummaries(ids);
    const out: StorySearchHit[] = [];
    for (const id of ids) {
      const json = summaries.get(id);
      if (!json) continue;
      const story = JSON.parse(json) as StorySummary;
      const hit = byStory.get(id)!;
      out.push({ story, score: hit.score, snippet: hit.snippet ?? makeSnippet(story.title + ' — ' + story.summary, terms) });
    }
    return out;
  }

  article(id: string): ArticleDetail {
    const doc = this.store.getArticle(id);
    const row = doc ? this.store.getArticleRow(id) : null;
    if (!doc || !row) throw new NotFound(`no article with id "${id}"`);
    const entityIndex: Record<string, EntityRef> = {};
    for (const m of doc.entities) entityIndex[m.entityId] ??= this.describe(m.entityId);
    return {
      ...articleSummary({ doc, storyId: row.storyId, duplicateOf: row.duplicateOf }),
      text: doc.text, language: doc.language,
      entities: doc.entities.map((m) => ({ entityId: m.entityId, type: m.type, start: m.start, end: m.end, text: m.text })),
      entityIndex,
    };
  }

  storyArticles(storyId: string, limit: number, offset: number): ArticleList {
    const { total, rows } = this.store.serving.storyArticles(storyId, limit, offset);
    return { total, limit, offset, articles: rows.map(({ text, ...rest }) => ({ ...rest, excerpt: excerpt(text) })) };
  }

  outletsJson(): string {
    return JSON.stringify(this.store.serving.outlets());
  }

  /**
   * Analyses and stores records, then indexes them and rebuilds the views of the stories they joined. Each record is
   * checked on its own (a bad one is an error in the answer); writes are serialised, so concurrent posts queue.
   */
  addRecords(records: readonly unknown[]): Promise<PostArticlesResult> {
    const run = this.writes.then(() => this.analyse(records)).finally(() => { for (const listener of this.writeListeners) listener(); });
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async analyse(records: readonly unknown[]): Promise<PostArticlesResult> {
    const post = ++this.postCount;
    const items: (RawPage | IngestError)[] = records.map((record, i) => {
      const input = recordId(record) ?? `post-${post}#${i + 1}`;
      // The same limit as a file or JSONL line given to `analyze`.
      const size = Buffer.byteLength(JSON.stringify(record) ?? '');
      if (size > DEFAULT_MAX_RECORD_BYTES) return { input, reason: `record too large: ${size} bytes, limit ${DEFAULT_MAX_RECORD_BYTES}` };
      return recordToPage(record, input);
    });
    const result: PostArticlesResult = { articles: [], errors: [] };
    try {
      await this.analyseInto(items, result);
    } catch (error) {
      // The store keeps every batch that committed; the in-memory indexes may not match it any more: reload them.
      this.analyzer = null;
      throw error;
    }
    return result;
  }

  private async analyseInto(items: (RawPage | IngestError)[], result: PostArticlesResult): Promise<void> {
    this.noticeExternalWrites(true);
    // A local reference: a read noticing another process's write may drop this.analyzer while this post runs.
    const analyzer = (this.analyzer ??= new Analyzer(this.context, this.store, { annotator: this.annotator }));
    const results = new RunResults(this.context.kb);
    const stats = await analyzer.run(items, (event) => {
      results.add(event);
      if (event.kind === 'error') result.errors.push({ input: event.input, reason: event.reason, stage: event.stage });
      else result.articles.push({ id: event.doc.id, input: event.doc.input, storyId: event.storyId, duplicateOf: event.duplicateOf, alreadyStored: event.alreadyStored });
    });
    // As at the end of `analyze`: the touched stories' knowledge, entity names, search rows and views.
    finishRun(this.store, this.context.kb, analyzer, stats.touchedStories, results);
  }

  private readonly writeListeners: (() => void)[] = [];

  /** Called after every write, successful or not (a failed one may have stored some batches). */
  onWrite(listener: () => void): void {
    this.writeListeners.push(listener);
  }

  /** Waits for queued writes (used on shutdown). */
  async settle(): Promise<void> {
    await this.writes;
  }
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
