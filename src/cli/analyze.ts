// `marsad analyze`: reads pages, runs the pipeline into the store, prints the JSON document or a summary.
// Input: paths and options. Output: stdout, and the exit code (non-zero only when nothing could be analysed).
import { readInputs } from '../ingest/read.js';
import { Analyzer } from '../analyze.js';
import { createPipelineContext } from '../pipeline.js';
import { describeLocation, resolveDbLocation } from '../store/open.js';
import { openCliStore } from './open-store.js';
import type { Store } from '../store/store.js';
import type { AnalysisOutput } from '../output/analysis.js';
import { ARABIC } from '../annotate/language.js';
import { availableParallelism } from 'node:os';
import { inlineAnnotator, workerAnnotator } from '../annotate-pool.js';
import { finishRun, RunResults } from '../analyze-finish.js';

export interface AnalyzeCliOptions {
  json?: boolean;
  published?: string;
  db?: string;
  /** Annotation worker threads; 0 annotates on the main thread. Default: one per core beyond the first. */
  workers?: number;
  /** False runs the knowledge base and rules without the learned entity tagger. */
  ner?: boolean;
}

/**
 * Annotation threads: one per core but the one the main thread needs, since placing and storing keep it busy half the
 * time. On 2 cores one annotation thread was as fast as two in paired runs on the generated corpus (mixed on real ANT
 * articles) and used 14-24% less CPU (a third isolate compiles and collects the same code again): README, "Speed".
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export async function runAnalyze(paths: string[], options: AnalyzeCliOptions): Promise<number> {
  const pipeline = { ner: options.ner !== false };
  const context = createPipelineContext(pipeline);
  // Without --db (or MARSAD_DATABASE_URL) the run keeps nothing: an in-memory store.
  const location = resolveDbLocation(options.db, ':memory:');
  const store = openCliStore('analyze', location);
  if (!store) return 2;
  const workers = options.workers ?? defaultWorkers();
  const annotator = workers > 0 ? workerAnnotator(workers, pipeline) : inlineAnnotator(context);
  try {
    const analyzer = new Analyzer(context, store, { published: options.published, annotator });
    const results = new RunResults(context.kb);
    const stats = await analyzer.run(readInputs(paths), (event) => results.add(event));
    const output = finishRun(store, context.kb, analyzer, stats.touchedStories, results);
    if (options.json) process.stdout.write(JSON.stringify(output, null, 2) + '\n');
    else printSummary(output, store, location === ':memory:' ? undefined : describeLocation(location));
    return stats.articles === 0 && stats.errors > 0 ? 1 : stats.articles === 0 ? 2 : 0;
  } finally {
    await annotator.close();
    store.close();
  }
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
