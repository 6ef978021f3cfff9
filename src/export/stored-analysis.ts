// The analysis document (docs/output.md) for everything a store holds, as one `marsad analyze --json` run over all of
// it would print. Input: a Store and the knowledge base. Output: AnalysisOutput.
import { describeEntity } from '../annotate/entities.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { assembleKnowledge, type AssemblyArticle } from '../knowledge/assemble.js';
import { AnalysisCollector, storyBasics, type AnalysisOutput, type StoryBasics } from '../output/analysis.js';
import type { Store } from '../store/store.js';

export function storedAnalysis(store: Store, kb: KnowledgeBase): AnalysisOutput {
  const collector = new AnalysisCollector((id) => describeEntity(kb, id));
  const articles: AssemblyArticle[] = [];
  for (const article of store.storedArticles()) {
    collector.addArticle(article);
    articles.push(article);
  }
  const stories: StoryBasics[] = store.listStories().map(storyBasics);
  return collector.render(stories, assembleKnowledge(articles));
}
