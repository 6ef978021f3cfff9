// `marsad analyze`: reads pages, runs the pipeline into the store, prints the JSON document or a summary.
// Input: paths and options. Output: stdout, and the exit code (non-zero only when nothing could be analysed).
import { readInputs } from '../ingest/read.js';
import { Analyzer } from '../analyze.js';
import { createPipelineContext } from '../pipeline.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { AnalysisCollector, storyBasics, type AnalysisOutput, type EntityOut } from '../output/analysis.js';
import { describeEntity } from '../annotate/entities.js';
import { ARABIC } from '../annotate/language.js';
import { availableParallelism } from 'node:os';
import { inlineAnnotator, workerAnnotator } from '../annotate-pool.js';
import type { AssemblyArticle } from '../knowledge/assemble.js';
import { assembleStories } from '../knowledge/gather.js';
import { publishRun } from '../views/publish.js';

export interface AnalyzeCliOptions {
  json?: boolean;
  published?: string;
  db?: string;
  /** Annotation worker threads; 0 annotates on the main thread. Default: one per core beyond the first. */
  workers?: number;
  /** False runs the knowledge base and rules without the learned entity tagger. */
  ner?: boolean;
}

export function defaultWorkers(): number {
  return Math.min(4, availableParallelism());
}

export async function runAnalyze(paths: string[], options: AnalyzeCliOptions): Promise<number> {
  const pipeline = { ner: options.ner !== false };
  const context = createPipelineContext(pipeline);
  const store = openStore(options.db ?? ':memory:');
  // As many annotation workers as cores: the main thread (clustering, SQLite) mostly waits on them, and with the
  // entity tagger annotation is the larger share (2 workers on 2 cores: 11 % faster on generated, 25 % on ANT articles).
  const workers = options.workers ?? defaultWorkers();
  const annotator = workers > 0 ? workerAnnotator(workers, pipeline) : inlineAnnotator(context);
  try {
    const analyzer = new Analyzer(context, store, { published: options.published, annotator });
    const collector = new AnalysisCollector((id) => describeEntity(context.kb, id));
    const analysed: AssemblyArticle[] = [];
    const analysedIds = new Set<string>();
    const stats = await analyzer.run(readInputs(paths), (event) => {
      if (event.kind === 'error') collector.addError({ input: event.input, reason: event.reason, stage: event.stage });
      else {
        collector.addArticle(event);
        // The same input given twice in one run yields one article (as in the collector), not its events twice.
        if (!analysedIds.has(event.doc.id)) analysed.push(event);
        analysedIds.add(event.doc.id);
      }
    });
    // Stories holding at least one article of this run, in the order they were opened.
    const stories = analyzer.storyViews(stats.touchedStories).map(storyBasics);
    const { articles: gathered, knowledge } = assembleStories(store, context.kb, stories, analysed);
    const output = collector.render(stories, knowledge);
    recordEntityNames(store, output.entities);
    // What `marsad serve` reads: the run's articles in the search index, fresh views of the stories it touched.
    publishRun(store, context.kb, stories, gathered, knowledge, analysed);
    if (options.json) process.stdout.write(JSON.stringify(output, null, 2) + '\n');
    else printSummary(output, store, options.db);
    return stats.articles === 0 && stats.errors > 0 ? 1 : stats.articles === 0 ? 2 : 0;
  } finally {
    await annotator.close();
    store.close();
  }
}

/** Stores the canonical names the collector already looked up, so the store can show entities without the KB. */
function recordEntityNames(store: Store, entities: EntityOut[]): void {
  store.upsertEntities(entities.map((e) => ({
    id: e.id, type: e.type, nameAr: e.name.ar, nameEn: e.name.en, lon: e.coordinates?.[0] ?? null, lat: e.coordinates?.[1] ?? null,
  })));
}

function printSummary(output: AnalysisOutput, store: Store, db: string | undefined): void {
  const lines: string[] = [];
  const duplicates = output.articles.filter((a) => a.duplicateOf).length;
  const nonArabic = output.articles.filter((a) => a.language !== ARABIC).length;
  lines.push(`articles: ${output.articles.length} (${duplicates} duplicates, ${nonArabic} not Arabic)`);
  lines.push(`entities: ${output.entities.length}   times: ${output.times.length}   quantities: ${output.quantities.length}`);
  lines.push(`stories: ${output.stories.length}`);
  for (const story of [...output.stories].sort((a, b) => b.articleIds.length - a.articleIds.length)) {
    lines.push(`  [${story.articleIds.length}] ${story.title}`);
  }
  const top = [...output.entities].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 10);
  lines.push('most mentioned: ' + top.map((e) => `${e.name.ar} (${e.mentions.length})`).join('، '));
  if (output.errors.length > 0) {
    lines.push(`errors: ${output.errors.length}`);
    for (const e of output.errors) lines.push(`  ${e.input}: ${e.reason}`);
  }
  if (db) lines.push(`store: ${db} now holds ${store.articleCount()} articles`);
  process.stdout.write(lines.join('\n') + '\n');
}
