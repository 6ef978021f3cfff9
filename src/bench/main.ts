// `npm run bench`: end-to-end throughput, per-article latency and memory of `analyze`, beside a
// baseline pass that only reads and tokenises the same text, on a generated corpus and on ANT.
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Analyzer } from '../analyze.js';
import { ARABIC_STAGES, createPipelineContext, type PipelineContext } from '../pipeline.js';
import { assembleKnowledge, type AssemblyArticle } from '../knowledge/assemble.js';
import { assembleStories } from '../knowledge/gather.js';
import { storyBasics } from '../output/analysis.js';
import { publishRun } from '../views/publish.js';
import { newDocument } from '../document.js';
import { detectLanguage, isArabic } from '../annotate/language.js';
import { articleId } from '../stories/ids.js';
import { defaultWorkers } from '../cli/analyze.js';
import { isPostgresUrl, openStore } from '../store/open.js';
import { PgConnection } from '../store/postgres/bridge.js';
import { inlineAnnotator, workerAnnotator } from '../annotate-pool.js';
import { splitSentences, tokenize } from '../arabic/tokenize.js';
import { tagDocument } from '../ner/tagger.js';
import type { RawPage } from '../ingest/types.js';
import { generateCorpus, loadSampleArticles, type BenchRecord } from './corpus.js';
import { MemorySampler, type PassResult, formatPass } from './measure.js';
import { repoRoot, sharedDataDir } from '../test-support/paths.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    'ant-limit': { type: 'string', default: '10000' },
    'skip-ant': { type: 'boolean', default: false },
    /** A postgres:// URL: only the end-to-end pass, into SQLite and into PostgreSQL (a scratch schema), to compare. */
    db: { type: 'string' },
  },
});

function toPage(r: BenchRecord): RawPage {
  return { input: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: null };
}

/** Baseline: the cheapest work any analysis must do, reading the text and tokenising it. */
function baselinePass(records: BenchRecord[]): PassResult {
  const memory = new MemorySampler(records.length);
  const latencies: number[] = [];
  const start = performance.now();
  let chars = 0;
  for (const r of records) {
    const t0 = performance.now();
    chars += tokenize(r.title).length + tokenize(r.text).length;
    latencies.push(performance.now() - t0);
    memory.sample(latencies.length);
  }
  return { name: 'baseline: read + tokenise', articles: latencies.length, seconds: (performance.now() - start) / 1000, latencies, memory: memory.result(), note: `${chars} tokens` };
}

/** Where a pass stores: a fresh SQLite file, or a scratch schema of a PostgreSQL server (dropped after the pass). */
interface BenchStore {
  location: string;
  dispose(): void;
}

function sqliteBenchStore(): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-'));
  return { location: join(dir, 'bench.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function postgresBenchStore(serverUrl: string): BenchStore {
  const schema = `bench_${process.pid}`;
  const admin = (sql: string) => {
    const conn = PgConnection.open(serverUrl);
    try {
      conn.exec(sql);
    } finally {
      conn.close();
    }
  };
  admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { location: url.toString(), dispose: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/**
 * The whole `analyze` job: clean, annotate, deduplicate, cluster and store in a fresh SQLite file (or `target`).
 * Latency is per article from the moment its page enters the analyzer to the moment it is stored,
 * so it includes waiting for its batch: with batchSize 1 and no workers it is one article's service time.
 */
async function pipelinePass(name: string, context: PipelineContext, records: BenchRecord[], setup: { batchSize: number; workers: number; target?: BenchStore }): Promise<PassResult> {
  const target = setup.target ?? sqliteBenchStore();
  const store = openStore(target.location);
  const annotator = setup.workers > 0 ? workerAnnotator(setup.workers, { ner: context.tagger !== null, knowledge: context.knowledge }) : inlineAnnotator(context);
  try {
    const analyzer = new Analyzer(context, store, { batchSize: setup.batchSize, annotator });
    const memory = new MemorySampler(records.length);
    const entered = new Map<string, number>();
    const latencies: number[] = [];
    let errors = 0;
    const analysed: AssemblyArticle[] = [];
    function* pages(): Generator<RawPage> {
      for (const r of records) {
        entered.set(r.id, performance.now());
        yield toPage(r);
      }
    }
    const start = performance.now();
    const stats = await analyzer.run(pages(), (event) => {
      if (event.kind === 'error') { errors++; return; }
      const t0 = entered.get(event.doc.input);
      if (t0 !== undefined) latencies.push(performance.now() - t0);
      analysed.push(event);
      memory.sample(latencies.length);
    });
    // As `analyze` ends: one event set, claims and contradictions over the stories the run touched, then what `serve`
    // reads (search index, story views) is published.
    const assembleStart = performance.now();
    const stories = analyzer.storyViews(stats.touchedStories).map(storyBasics);
    const { articles: gathered, knowledge } = assembleStories(store, context.kb, stories, analysed);
    const assembleMs = performance.now() - assembleStart;
    const publishStart = performance.now();
    publishRun(store, context.kb, stories, gathered, knowledge, analysed);
    const publishMs = performance.now() - publishStart;
    const seconds = (performance.now() - start) / 1000;
    const label = `${name}, batch ${setup.batchSize}, ${setup.workers} annotation worker${setup.workers === 1 ? '' : 's'}`;
    return { name: label, articles: stats.articles, seconds, latencies, memory: memory.result(), note: `${stats.duplicates} duplicates, ${stats.touchedStories.size} stories, ${knowledge.events.length} events, ${knowledge.claims.length} claims, ${knowledge.contradictions.length} contradictions (assembled in ${assembleMs.toFixed(0)} ms, published for serve in ${publishMs.toFixed(0)} ms), ${errors} errors` };
  } finally {
    await annotator.close();
    store.close();
    target.dispose();
  }
}

/** The entity tagger alone over every article's tokens (as the entity stage calls it, sentence by sentence). */
function taggerPass(context: PipelineContext, records: BenchRecord[]): PassResult {
  const tagger = context.tagger;
  const memory = new MemorySampler(records.length);
  const latencies: number[] = [];
  let tokens = 0;
  if (tagger) {
    for (const r of records) {
      const sentences = splitSentences(r.text).map((s) => tokenize(r.text.slice(s.start, s.end)));
      const t0 = performance.now();
      tagDocument(tagger, sentences);
      latencies.push(performance.now() - t0);
      for (const s of sentences) tokens += s.length;
      memory.sample(latencies.length);
    }
  }
  const seconds = latencies.reduce((sum, ms) => sum + ms, 0) / 1000;
  return { name: 'entity tagger alone (tokenising excluded)', articles: latencies.length, seconds, latencies, memory: memory.result(), note: tagger ? `${Math.round(tokens / seconds).toLocaleString('en')} tokens/s` : 'no model' };
}

/**
 * What each annotation layer costs: the Arabic stages run one by one over the articles (cleaning excluded), then the
 * story-level assembly (event merging, claims, contradictions) over all of them. Printed as ms per article and share.
 */
function layerCosts(context: PipelineContext, records: BenchRecord[]): string {
  const spent = new Map<string, number>(ARABIC_STAGES.map((stage) => [stage.name, 0]));
  const docs: AssemblyArticle[] = [];
  let language = 0;
  for (const r of records) {
    const t0 = performance.now();
    const draft = { input: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: null };
    let doc = detectLanguage(newDocument(articleId(draft), draft));
    language += performance.now() - t0;
    if (!isArabic(doc)) continue;
    for (const stage of ARABIC_STAGES) {
      const t = performance.now();
      doc = stage.run(doc, context);
      spent.set(stage.name, spent.get(stage.name)! + performance.now() - t);
    }
    docs.push({ doc: { ...doc, tokens: [] }, storyId: null, duplicateOf: null });
  }
  const t = performance.now();
  assembleKnowledge(docs, context.kb);
  const rows: [string, number][] = [['language', language], ...spent.entries(), ['story assembly: merge events, claims, contradictions', performance.now() - t]];
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const lines = [`layer costs over ${records.length} articles (one thread):`];
  for (const [name, ms] of rows) lines.push(`  ${name.padEnd(52)} ${(ms / records.length).toFixed(3).padStart(7)} ms/article  ${((100 * ms) / total).toFixed(1).padStart(5)} %`);
  lines.push(`  ${'all layers'.padEnd(52)} ${(total / records.length).toFixed(3).padStart(7)} ms/article`);
  return lines.join('\n');
}

async function* antRecords(path: string, limit: number): AsyncGenerator<BenchRecord> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    if (n >= limit) break;
    try {
      const a = JSON.parse(line) as { docno?: string; title?: string; text?: string; src?: string; time_iso?: string };
      if (!a.text) continue;
      yield { id: `ant-${a.docno ?? n}`, title: a.title ?? '', text: a.text, outlet: a.src ?? 'ant', published: (a.time_iso ?? '2018-01-01').slice(0, 10) };
      n++;
    } catch { /* skip a broken line: the benchmark measures speed, not robustness */ }
  }
}

async function main(): Promise<void> {
  const count = Number(args.articles);
  const sampleArticles = loadSampleArticles(resolve(repoRoot, 'samples'));
  const corpus = [...generateCorpus(sampleArticles, count)];
  const t0 = performance.now();
  const context = createPipelineContext();
  console.log(`knowledge base loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  console.log(`generated corpus: ${corpus.length} articles in synthetic stories from ${sampleArticles.length} sample articles\n`);

  const baseline = baselinePass(corpus);
  console.log(formatPass(baseline));
  const workers = defaultWorkers();
  if (args.db !== undefined) {
    if (!isPostgresUrl(args.db)) throw new Error('--db takes a postgres:// URL (SQLite is what the other passes use)');
    // The same pass into each back end, back to back, SQLite first and again last (how much the machine drifted).
    for (const [label, target] of [['SQLite', sqliteBenchStore], ['PostgreSQL', () => postgresBenchStore(args.db!)], ['SQLite again', sqliteBenchStore]] as const) {
      console.log(formatPass(await pipelinePass(`analyze end to end into ${label}`, context, corpus, { batchSize: 100, workers, target: target() }), baseline));
    }
    return;
  }
  console.log(formatPass(await pipelinePass('analyze end to end', context, corpus, { batchSize: 100, workers }), baseline));
  // Why the default leaves a core to the main thread (src/cli/analyze.ts defaultWorkers): the same pass with one more.
  console.log(formatPass(await pipelinePass('analyze end to end, one annotation worker more than the default', context, corpus, { batchSize: 100, workers: workers + 1 }), baseline));
  // The claims and events layers' share (issue 4): the same pass without them.
  console.log(formatPass(await pipelinePass('analyze end to end, claims and events off', createPipelineContext({ knowledge: false }), corpus, { batchSize: 100, workers }), baseline));
  console.log(formatPass(await pipelinePass('analyze end to end', context, corpus, { batchSize: 100, workers: 0 }), baseline));
  // The learned entity tagger's share: the same pass with the knowledge base and rules alone.
  console.log(formatPass(await pipelinePass('analyze end to end, entity tagger off', createPipelineContext({ ner: false }), corpus, { batchSize: 100, workers: 0 }), baseline));
  console.log(formatPass(taggerPass(context, corpus), baseline));
  console.log(layerCosts(context, corpus.slice(0, Math.min(3000, corpus.length))));
  const serviceSample = corpus.slice(0, Math.min(2000, corpus.length));
  console.log(formatPass(await pipelinePass(`service time (${serviceSample.length} articles)`, context, serviceSample, { batchSize: 1, workers: 0 })));

  const antPath = join(sharedDataDir() ?? '/nonexistent', 'ant', 'ant_multisource_v2.1.jsonl.gz');
  if (!args['skip-ant'] && existsSync(antPath)) {
    const limit = Number(args['ant-limit']);
    const antCorpus: BenchRecord[] = [];
    for await (const r of antRecords(antPath, limit)) antCorpus.push(r);
    console.log(`\nANT corpus (real articles): ${antCorpus.length} articles`);
    const antBaseline = baselinePass(antCorpus);
    console.log(formatPass(antBaseline));
    console.log(formatPass(await pipelinePass('analyze ANT end to end', context, antCorpus, { batchSize: 100, workers }), antBaseline));
    console.log(formatPass(await pipelinePass('analyze ANT end to end, claims and events off', createPipelineContext({ knowledge: false }), antCorpus, { batchSize: 100, workers }), antBaseline));
    console.log(layerCosts(context, antCorpus.slice(0, Math.min(3000, antCorpus.length))));
  } else {
    console.log('\nANT corpus not found (../shared/data/ant): skipped');
  }
  console.log(`\np50/p99 are per-article latencies; "x baseline" compares throughput with the baseline of the same run.`);
}

await main();
