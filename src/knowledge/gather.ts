// The articles a run's knowledge is assembled from: the run's own articles plus the stored members of the stories it
// touched, so a story's timeline and contradictions cover all of its articles, not only the new ones.
// Input: the store, the touched stories, the run's articles. Output: AssemblyArticle[] (stored ones first).
import { LRUCache } from 'lru-cache';
import type { Store } from '../store/store.js';
import type { StoryBasics } from '../output/analysis.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { assembleKnowledge, type AssembledKnowledge, type AssemblyArticle } from './assemble.js';

/**
 * Stored articles a process has read or stored, kept for its next assemblies: a worker or watcher finishing batch after
 * batch re-assembles the stories it touches, and without this read every earlier member of them again each time
 * (15 reads per stored article on the generated corpus). A stored article never changes: its id is its content, and
 * its story and original are fixed when it is placed. Owned by an Analyzer, so a reload of the indexes drops it.
 */
export class StoredArticleCache {
  private readonly articles: LRUCache<string, AssemblyArticle>;

  /** ~20 KB an article: the default holds about 80 MB. */
  constructor(max = 4000) {
    this.articles = new LRUCache({ max });
  }

  read(store: Store, id: string): AssemblyArticle | null {
    const cached = this.articles.get(id);
    if (cached) return cached;
    const article = readStored(store, id);
    if (article) this.articles.set(id, article);
    return article;
  }

  /** Articles as stored (a run's articles once their batch committed). */
  remember(articles: readonly AssemblyArticle[]): void {
    // Only what assembly reads: a run's article may carry more (its search forms) that the cache should not hold.
    for (const { doc, storyId, duplicateOf } of articles) this.articles.set(doc.id, { doc, storyId, duplicateOf });
  }
}

function readStored(store: Store, id: string): AssemblyArticle | null {
  const doc = store.getArticle(id);
  const row = doc ? store.getArticleRow(id) : null;
  return doc && row ? { doc, storyId: row.storyId, duplicateOf: row.duplicateOf } : null;
}

/** The knowledge of `stories`, assembled over all of their articles (what `analyze` prints and `serve` publishes). */
export function assembleStories(
  store: Store, kb: KnowledgeBase, stories: readonly StoryBasics[], run: readonly AssemblyArticle[], cache?: StoredArticleCache,
): { articles: AssemblyArticle[]; knowledge: AssembledKnowledge } {
  const articles = storyArticles(store, stories, run, cache);
  return { articles, knowledge: assembleKnowledge(articles, kb) };
}

export function storyArticles(store: Store, stories: readonly StoryBasics[], run: readonly AssemblyArticle[], cache?: StoredArticleCache): AssemblyArticle[] {
  const inRun = new Set(run.map((a) => a.doc.id));
  const stored: AssemblyArticle[] = [];
  const seen = new Set<string>();
  for (const story of stories) {
    for (const id of story.articleIds) {
      if (inRun.has(id) || seen.has(id)) continue;
      seen.add(id);
      const article = cache ? cache.read(store, id) : readStored(store, id);
      if (article) stored.push(article);
    }
  }
  return [...stored, ...run];
}
