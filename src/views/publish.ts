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
 * `knowledge` must be assembled over them.
 */
export function publishRun(
  store: Store, kb: KnowledgeBase, stories: readonly StoryBasics[], articles: readonly AssemblyArticle[],
  knowledge: AssembledKnowledge, runArticles: readonly (AssemblyArticle & { searchText?: SearchText })[], cache?: StoredArticleCache,
): void {
  store.serving.indexArticles(runArticles.map((a) => ({ articleId: a.doc.id, row: articleSearchRow(a.doc, a.searchText) })));
  // Contradictions can pair claims of two stories: a story whose view cited the touched ones is rebuilt with them, from
  // knowledge assembled over both, or rebuilding the touched story alone would drop what they disagree about.
  const related = store.serving.storyBasics(relatedStoryIds(store, stories));
  if (related.length > 0) {
    stories = [...stories, ...related];
    ({ articles, knowledge } = assembleStories(store, kb, related, articles, cache));
  }
  const updated = store.serving.storyUpdatedAt(stories.map((s) => s.id));
  const fallback = new Date().toISOString();
  store.serving.putStoryViews(buildStoryViews(stories, articles, knowledge, describer(kb), (id) => updated.get(id) ?? fallback));
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
 * Indexes stored articles the search index lacks and builds views for stories that have none, `batch` at a time.
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
  if (store.serving.storiesWithoutView(1).length === 0) return { articles, stories };
  const all = new Map(store.listStories().map((s) => [s.id, s]));
  const basicsOf = (ids: readonly string[]): StoryBasics[] => ids.map((id) => all.get(id)).filter((s) => s !== undefined)
    .map(storyBasics);
  if (store.articleCount() <= WHOLE_STORE_BACKFILL) {
    // Knowledge assembled over the whole store, as one `analyze` over everything would: contradictions between a
    // missing story and any other are found (a story rebuilt alone would miss them).
    const missing = basicsOf(store.serving.storiesWithoutView(Number.MAX_SAFE_INTEGER));
    const whole = assembleStories(store, kb, basicsOf([...all.keys()]), []);
    publishRun(store, kb, missing, whole.articles, whole.knowledge, []);
    return { articles, stories: missing.length };
  }
  for (let ids = store.serving.storiesWithoutView(batch); ids.length > 0; ids = store.serving.storiesWithoutView(batch)) {
    const basics = basicsOf(ids);
    if (basics.length === 0) break;
    const gathered = assembleStories(store, kb, basics, []);
    publishRun(store, kb, basics, gathered.articles, gathered.knowledge, []);
    stories += basics.length;
  }
  return { articles, stories };
}
