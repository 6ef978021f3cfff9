// The articles a run's knowledge is assembled from: the run's own articles plus the stored members of the stories it
// touched, so a story's timeline and contradictions cover all of its articles, not only the new ones.
// Input: the store, the touched stories, the run's articles. Output: AssemblyArticle[] (stored ones first).
import type { Store } from '../store/store.js';
import type { StoryBasics } from '../output/analysis.js';
import type { AssemblyArticle } from './assemble.js';

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
