// Publishing a run for `marsad serve`: the run's articles go into the search index and the stories it touched get
// fresh views. Also backfills stores written before views existed. Input: the store, the knowledge base, a run's
// stories, articles and assembled knowledge. Output: rows in the store's serving tables.
import { describeEntity } from '../annotate/entities.js';
import type { KnowledgeBase } from '../kb/kb.js';
import type { AssembledKnowledge, AssemblyArticle } from '../knowledge/assemble.js';
import { assembleStories, type StoredArticleCache } from '../knowledge/gather.js';
import { storyBasics, type StoryBasics } from '../output/analysis.js';
import type { Store } from '../store/store.js';
import type { EntityRef, StoryDetail } from '../serve/api-types.js';
import type { StoryViewRecord } from '../store/serving.js';
import { articleSearchRow, type SearchText } from './search-text.js';
import { buildStoryViews } from './story-view.js';

/** Up to this many stored articles, a backfill assembles knowledge over all of them at once (memory: ~20 KB each). */
const WHOLE_STORE_BACKFILL = 20_000;

export function describer(kb: KnowledgeBase): (id: string) => EntityRef {
  return (id) => describeEntity(kb, id);
}

/**
 * Indexes `runArticles` for search (with the search forms annotation computed, when it did) and rebuilds the views of
 * `stories`. `articles` must hold every article of those stories (assembleStories gathers the stored ones) and
 * `knowledge` must be assembled over them. Runs under the writer lock (the caller's), so every view is current.
 */
export function publishRun(
  store: Store, kb: KnowledgeBase, stories: readonly StoryBasics[], articles: readonly AssemblyArticle[],
  knowledge: AssembledKnowledge, runArticles: readonly (AssemblyArticle & { searchText?: SearchText; searchIndexed?: boolean })[], cache?: StoredArticleCache,
): void {
  indexRunArticles(store, runArticles);
  const versions = store.serving.storyStateVersions(stories.map((s) => s.id));
  store.serving.putStoryViews(buildPublication(store, kb, stories, versions, articles, knowledge, cache));
}

/** Indexes the run's articles for search, except those the run indexed as it stored them. */
export function indexRunArticles(store: Store, runArticles: readonly (AssemblyArticle & { searchText?: SearchText; searchIndexed?: boolean })[]): void {
  const rows = runArticles.filter((a) => !a.searchIndexed).map((a) => ({ articleId: a.doc.id, row: articleSearchRow(a.doc, a.searchText) }));
  if (rows.length > 0) store.serving.indexArticles(rows);
}

/**
 * The views of `stories`, and of the stories whose stored views cite them, each stamped with the state version of its
 * story it was built from. Needs no lock: `versions` (of `stories`) must have been read no later than their members,
 * and the related stories' versions are read here before their members, so a view stamped with a version holds at
 * least that state; putStoryViews skips it if the story has moved on since.
 */
export function buildPublication(
  store: Store, kb: KnowledgeBase, stories: readonly StoryBasics[], versions: ReadonlyMap<string, number>,
  articles: readonly AssemblyArticle[], knowledge: AssembledKnowledge, cache?: StoredArticleCache,
): StoryViewRecord[] {
  const stamped = new Map(versions);
  // Contradictions can pair claims of two stories: a story whose view cited the touched ones is rebuilt with them, from
  // knowledge assembled over both, or rebuilding the touched story alone would drop what they disagree about.
  const relatedIds = relatedStoryIds(store, stories);
  if (relatedIds.length > 0) {
    for (const [id, version] of store.serving.storyStateVersions(relatedIds)) stamped.set(id, version);
    const related = store.serving.storyBasics(relatedIds);
    stories = [...stories, ...related];
    ({ articles, knowledge } = assembleStories(store, kb, related, articles, cache));
  }
  const updated = store.serving.storyUpdatedAt(stories.map((s) => s.id));
  const fallback = new Date().toISOString();
  return buildStoryViews(stories, articles, knowledge, describer(kb), (id) => updated.get(id) ?? fallback)
    .map((view) => ({ ...view, stateVersion: stamped.get(view.storyId) ?? 0 }));
}

/**
 * Rebuilds up to `limit` views older than their story's state (storiesWithStaleView), outside the writer lock but
 * written under it. What a worker does when idle and before it exits: views a worker left behind when it died between
 * storing a batch and publishing it are caught up. With `overWholeStore`, the knowledge is assembled over every
 * story, as one `analyze` over everything would: contradictions between a stale story and any other are found (a
 * story rebuilt alone would miss them). Returns how many views were written and how many were skipped because their
 * story changed meanwhile.
 */
export function publishStaleViews(
  store: Store, kb: KnowledgeBase, limit: number, cache?: StoredArticleCache, overWholeStore = false,
): { written: number; skipped: number } {
  const ids = store.serving.storiesWithStaleView(limit);
  if (ids.length === 0) return { written: 0, skipped: 0 };
  // Versions before members (buildPublication).
  const versions = store.serving.storyStateVersions(ids);
  const stories = store.serving.storyBasics(ids);
  const assembleOver = overWholeStore ? store.listStories().map(storyBasics) : stories;
  const { articles, knowledge } = assembleStories(store, kb, assembleOver, [], cache);
  const views = buildPublication(store, kb, stories, versions, articles, knowledge, cache);
  const skipped = store.exclusive(() => store.serving.putStoryViews(views));
  return { written: views.length - skipped.length, skipped: skipped.length };
}

/** Stories, other than `stories`, whose articles the stored views of `stories` cite in contradictions. */
function relatedStoryIds(store: Store, stories: readonly StoryBasics[]): string[] {
  const touched = new Set(stories.map((s) => s.id));
  const cited = new Set<string>();
  for (const story of stories) {
    const json = store.serving.storyDetail(story.id);
    if (!json) continue;
    for (const x of (JSON.parse(json) as StoryDetail).contradictions) {
      for (const c of x.claims) cited.add(c.articleId);
      for (const e of x.events) for (const id of e.articleIds) cited.add(id);
    }
  }
  const related = new Set<string>();
  for (const row of store.serving.articlesWithText([...cited]).values()) {
    if (row.storyId && !touched.has(row.storyId)) related.add(row.storyId);
  }
  return [...related];
}

/**
 * Indexes stored articles the search index lacks and builds views for stories that have none or a stale one (older
 * than their story's state), `batch` at a time.
 * Returns how many of each it did; a store written by this version has nothing to backfill.
 */
export function backfillViews(store: Store, kb: KnowledgeBase, batch = 200): { articles: number; stories: number } {
  let articles = 0;
  const tried = new Set<string>();
  for (let ids = store.serving.articlesNotIndexed(batch); ids.length > 0; ids = store.serving.articlesNotIndexed(batch)) {
    // An article that cannot be indexed would come back every round: stop at the first one seen twice.
    if (ids.some((id) => tried.has(id))) break;
    for (const id of ids) tried.add(id);
    const rows = ids.map((id) => store.getArticle(id)).filter((d) => d !== null).map((doc) => ({ articleId: doc.id, row: articleSearchRow(doc) }));
    store.serving.indexArticles(rows);
    articles += rows.length;
  }
  let stories = 0;
  if (store.serving.storiesWithStaleView(1).length === 0) return { articles, stories };
  if (store.articleCount() <= WHOLE_STORE_BACKFILL) {
    return { articles, stories: publishStaleViews(store, kb, Number.MAX_SAFE_INTEGER, undefined, true).written };
  }
  for (;;) {
    const { written } = publishStaleViews(store, kb, batch);
    // Nothing written: none left, or only views that cannot be built or keep changing (a worker is publishing them).
    if (written === 0) break;
    stories += written;
  }
  return { articles, stories };
}
