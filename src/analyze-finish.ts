// The end of every analysis run (`marsad analyze`, each batch of `marsad watch`): the stories the run touched, their
// knowledge, entity names and the serving views. Input: the run's events and stats. Output: the analysis document.
import type { Analyzer, AnalyzeEvent } from './analyze.js';
import { describeEntity } from './annotate/entities.js';
import type { KnowledgeBase } from './kb/kb.js';
import type { AssemblyArticle } from './knowledge/assemble.js';
import { assembleStories } from './knowledge/gather.js';
import { AnalysisCollector, storyBasics, type AnalysisOutput, type EntityOut } from './output/analysis.js';
import type { Store } from './store/store.js';
import { catchUp } from './store/batch.js';
import { publishRun } from './views/publish.js';

/** What a run produced, event by event: the contract document's articles and errors, and the articles to publish. */
export class RunResults {
  readonly collector: AnalysisCollector;
  readonly analysed: AssemblyArticle[] = [];
  private readonly analysedIds = new Set<string>();

  constructor(kb: KnowledgeBase) {
    this.collector = new AnalysisCollector((id) => describeEntity(kb, id));
  }

  /** The Analyzer's sink. */
  add(event: AnalyzeEvent): void {
    if (event.kind === 'error') {
      this.collector.addError({ input: event.input, reason: event.reason, stage: event.stage });
      return;
    }
    this.collector.addArticle(event);
    // The same input given twice in one run yields one article (as in the collector), not its events twice.
    if (!this.analysedIds.has(event.doc.id)) this.analysed.push(event);
    this.analysedIds.add(event.doc.id);
  }
}

/**
 * Renders the run's document and publishes it: the stories holding at least one article of the run (in the order they
 * were opened) with their knowledge, the entities' names in the store, and what `marsad serve` reads (search index,
 * story views). Publishing is idempotent: running it again for the same articles rewrites the same rows.
 */
export function finishRun(store: Store, kb: KnowledgeBase, analyzer: Analyzer, touchedStories: Iterable<string>, results: RunResults): AnalysisOutput {
  // Under the writer lock, caught up: with workers or a watcher on the same store, a story's view is built from its
  // latest state and never overwrites a newer one (docs/queue.md). Joins the worker's own exclusive section.
  return store.exclusive(() => {
    catchUp(store, analyzer.indexes);
    const stories = analyzer.storyViews(touchedStories).map(storyBasics);
    const cache = analyzer.storedArticles;
    const { articles: gathered, knowledge } = assembleStories(store, kb, stories, results.analysed, cache);
    const output = results.collector.render(stories, knowledge);
    recordEntityNames(store, output.entities);
    publishRun(store, kb, stories, gathered, knowledge, results.analysed, cache);
    cache.remember(results.analysed);
    return output;
  });
}

/** Stores the canonical names the collector already looked up, so the store can show entities without the KB. */
export function recordEntityNames(store: Store, entities: EntityOut[]): void {
  store.upsertEntities(entities.map((e) => ({
    id: e.id, type: e.type, nameAr: e.name.ar, nameEn: e.name.en, lon: e.coordinates?.[0] ?? null, lat: e.coordinates?.[1] ?? null,
  })));
}
