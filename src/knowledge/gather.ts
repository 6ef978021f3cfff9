// The articles a run's knowledge is assembled from: the run's own articles plus the stored members of the stories it
// touched, so a story's timeline and contradictions cover all of its articles, not only the new ones.
// Input: the store, the touched stories, the run's articles. Output: AssemblyArticle[] (stored ones first).
import type { Store } from '../store/store.js';
import type { StoryBasics } from '../output/analysis.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { assembleKnowledge, type AssembledKnowledge, type AssemblyArticle } from './assemble.js';

/** The knowledge of `stories`, assembled over all of their articles (what `analyze` prints and `serve` publishes). */
export function assembleStories(store: Store, kb: KnowledgeBase, stories: readonly StoryBasics[], run: readonly AssemblyArticle[]): { articles: AssemblyArticle[]; knowledge: AssembledKnowledge } {
  const articles = storyArticles(store, stories, run);
  return { articles, knowledge: assembleKnowledge(articles, kb) };
}

export function storyArticles(store: Store, stories: readonly StoryBasics[], run: readonly AssemblyArticle[]): AssemblyArticle[] {
  const inRun = new Set(run.map((a) => a.doc.id));
  const stored: AssemblyArticle[] = [];
  const seen = new Set<string>();
  for (const story of stories) {
    for (const id of story.articleIds) {
      if (inRun.has(id) || seen.has(id)) continue;
      seen.add(id);
      const doc = store.getArticle(id);
      const row = doc ? store.getArticleRow(id) : null;
      if (doc && row) stored.push({ doc, storyId: row.storyId, duplicateOf: row.duplicateOf });
    }
  }
  return [...stored, ...run];
}
