// `npm run bench:serve`: loads a store with a generated corpus (10,000 articles by default) through the real
// `analyze` path, starts `marsad serve` on it in a child process, and measures latency (p50/p99) and throughput of
// the story list, story pages and search under concurrent load from autocannon on loopback. A trivial endpoint
// (/api/health) measured in the same run is the baseline: figures are also printed as ratios to it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Analyzer } from '../analyze.js';
import { workerAnnotator } from '../annotate-pool.js';
import { defaultWorkers } from '../cli/analyze.js';
import { createPipelineContext } from '../pipeline.js';
import { openStore } from '../store/open.js';
import type { AssemblyArticle } from '../knowledge/assemble.js';
import { assembleStories } from '../knowledge/gather.js';
import { storyBasics } from '../output/analysis.js';
import { publishRun } from '../views/publish.js';
import { repoRoot } from '../test-support/paths.js';
import type { RawPage } from '../ingest/types.js';
import { generateCorpus, loadSampleArticles } from './corpus.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    keep: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const TARGET_P99_MS = 50;

async function loadStore(dbPath: string, count: number): Promise<void> {
  const corpus = [...generateCorpus(loadSampleArticles(resolve(repoRoot, 'samples')), count)];
  const context = createPipelineContext();
  const store = openStore(dbPath);
  const annotator = workerAnnotator(defaultWorkers());
  const started = performance.now();
  try {
    const analyzer = new Analyzer(context, store, { annotator });
    const analysed: AssemblyArticle[] = [];
    const pages: RawPage[] = corpus.map((r) => ({ input: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: null }));
    const stats = await analyzer.run(pages, (event) => { if (event.kind === 'article') analysed.push(event); });
    const stories = analyzer.storyViews(stats.touchedStories).map(storyBasics);
    const { articles, knowledge } = assembleStories(store, context.kb, stories, analysed);
    publishRun(store, context.kb, stories, articles, knowledge, analysed);
    console.log(`store: ${store.articleCount()} articles, ${stories.length} stories, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await annotator.close();
    store.close();
  }
}

/** Starts `marsad serve` as a child process on a free port; resolves with its URL. */
function startServe(dbPath: string): Promise<{ url: string; stop: () => void }> {
  const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--port', '0', '--workers', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /marsad serve: (http:\/\/\S+)/.exec(out);
      if (m) resolveUrl({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`marsad serve exited with ${code}: ${out}`)));
  });
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Paths the load rotates through: story list pages and filters, every story page, search queries from the store's own entities and titles. */
async function scenarioPaths(url: string): Promise<Record<string, string[]>> {
  const stories: string[] = [];
  const titles: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await getJson<{ total: number; stories: { id: string; title: string; topEntities: { id: string; name: { ar: string } }[] }[] }>(`${url}/api/stories?limit=200&offset=${offset}`);
    for (const s of page.stories) { stories.push(s.id); titles.push(s.title); }
    if (offset + 200 >= page.total) break;
  }
  const outlets = (await getJson<{ outlet: string }[]>(`${url}/api/outlets`)).map((o) => o.outlet);
  const list = [
    '/api/stories', '/api/stories?limit=50', '/api/stories?offset=20', '/api/stories?type=assault', '/api/stories?type=consult',
    ...outlets.slice(0, 5).map((o) => `/api/stories?outlet=${encodeURIComponent(o)}`),
  ];
  // Queries: one and two words of story titles (entity names among them), spread over the corpus.
  const words = titles.flatMap((t) => t.split(/[\s«»:،.]+/).filter((w) => w.length >= 4));
  const queries = new Set<string>();
  for (let i = 0; i < words.length && queries.size < 200; i += 7) {
    queries.add(words[i]);
    if (i + 1 < words.length) queries.add(`${words[i]} ${words[i + 1]}`);
  }
  // "Cold" scenarios never repeat a URL, so the server's response cache never answers: the cost of the work itself.
  const cold = (paths: string[], variants: (path: string, k: number) => string, count: number) =>
    Array.from({ length: count }, (_, i) => variants(paths[i % paths.length], Math.floor(i / paths.length)));
  const searchPaths = [...queries].map((q) => `/api/search?q=${encodeURIComponent(q)}`);
  const storyPaths = stories.map((id) => `/api/stories/${encodeURIComponent(id)}`);
  return {
    'story list': list,
    'story page': storyPaths,
    search: searchPaths,
    'story page, cold': cold(storyPaths, (p, k) => `${p}?v=${k}`, 200000),
    'search, cold': cold(searchPaths, (p, k) => `${p}&limit=${20 + (k % 80)}&offset=${Math.floor(k / 80)}`, 200000),
    'baseline: /api/health': ['/api/health'],
  };
}

interface Measured {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

async function measure(url: string, name: string, paths: string[], connections: number, duration: number): Promise<Measured> {
  let next = 0;
  const result = await autocannon({
    url, connections, duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  return { name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors + result.timeouts + result.non2xx };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-serve-'));
  const dbPath = args.keep ?? join(dir, 'serve.db');
  const connections = Number(args.connections);
  const duration = Number(args.duration);
  try {
    // --keep FILE --reuse measures an existing store again (views it lacks are rebuilt when serve starts).
    if (!(args.reuse && existsSync(dbPath))) await loadStore(dbPath, Number(args.articles));
    const server = await startServe(dbPath);
    try {
      const scenarios = await scenarioPaths(server.url);
      console.log(`load: ${connections} connections, ${duration} s per scenario, autocannon on loopback\n`);
      // Warm-up: the first requests pay for SQLite's page cache and V8's compilation.
      for (const paths of Object.values(scenarios)) await measure(server.url, 'warm-up', paths, 10, 2);
      const results: Measured[] = [];
      for (const [name, paths] of Object.entries(scenarios)) results.push(await measure(server.url, name, paths, connections, duration));
      console.log('(cold: every URL distinct, so the response cache never answers; the target applies to the plain scenarios, which repeat URLs as users do)');
      const baseline = results.find((r) => r.name.startsWith('baseline'))!;
      for (const r of results) {
        const target = r.name.startsWith('baseline') || r.name.endsWith('cold') ? '' : r.p99 < TARGET_P99_MS ? `  p99 < ${TARGET_P99_MS} ms: yes` : `  p99 < ${TARGET_P99_MS} ms: NO`;
        console.log(`${r.name.padEnd(24)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  (${(r.rps / baseline.rps).toFixed(2)} x baseline)  errors ${r.errors}  [${scenarios[r.name].length} distinct paths]${target}`);
      }
      writeFileSync(join(dir, 'done'), '');
    } finally {
      server.stop();
    }
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
