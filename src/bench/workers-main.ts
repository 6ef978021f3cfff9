// `npm run bench:workers`: articles/s with 1, 2 and 4 `marsad worker` processes draining one queue of the generated
// corpus, on SQLite and (with --db postgres://… or MARSAD_DATABASE_URL) on PostgreSQL; ratios against the 1-worker
// figure of the same run, and where each worker's time went (annotating, in the store's exclusive sections, waiting for
// them, building story views outside them).
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { RawPage } from '../ingest/types.js';
import { openStore } from '../store/open.js';
import { postgresScratch, type ScratchDb, sqliteScratch } from '../queue/scratch-db.js';
import { repoRoot } from '../test-support/paths.js';
import { generateCorpus, loadSampleArticles } from './corpus.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1,2,4' },
    batch: { type: 'string', default: '100' },
    db: { type: 'string' },
    'skip-sqlite': { type: 'boolean', default: false },
  },
});

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));

interface Run {
  backend: string;
  workers: number;
  articles: number;
  seconds: number;
  /** Summed over the workers, in seconds. */
  annotate: number;
  store: number;
  wait: number;
  publish: number;
  annotateCpu: number;
  storeCpu: number;
}

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function startWorker(location: string, batch: string): WorkerProcess {
  const child = spawn(process.execPath, [cli, 'worker', '--db', location, '--batch', batch, '--poll', '0.1', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, intervalMs = 50): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, intervalMs));
}

/**
 * Starts `workers` processes on an empty queue, waits until each has loaded its models and indexes, then enqueues the
 * corpus and times until every job is settled: start-up is left out, as for a long-running team deployment.
 */
async function measure(backend: string, scratch: ScratchDb, pages: RawPage[], workers: number, batch: string): Promise<Run> {
  const processes = Array.from({ length: workers }, () => startWorker(scratch.location, batch));
  const store = openStore(scratch.location);
  try {
    await until(() => {
      const dead = processes.find((p) => p.child.exitCode !== null);
      if (dead) throw new Error(`a worker exited before it was ready: ${dead.output()}`);
      return processes.every((p) => /ready:/.test(p.output()));
    }, 100);
    const start = performance.now();
    store.queue.enqueue(pages);
    // Done when every job is settled and every story view is current (views are published after their batch commits).
    await until(() => {
      const c = store.queue.counts();
      return c.done + c.failed === pages.length && store.serving.storiesWithStaleView(1).length === 0;
    });
    const seconds = (performance.now() - start) / 1000;
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
    const sum = (pattern: RegExp) => processes.reduce((total, p) => total + Number(pattern.exec(p.output())?.[1] ?? 0), 0);
    return {
      backend, workers, articles: store.articleCount(), seconds,
      annotate: sum(/annotating ([\d.]+) s/), store: sum(/storing ([\d.]+) s/), wait: sum(/waiting for the store ([\d.]+) s/),
      publish: sum(/publishing outside it ([\d.]+) s/),
      annotateCpu: sum(/annotating [\d.]+ s \(CPU ([\d.]+) s\)/), storeCpu: sum(/storing [\d.]+ s \(CPU ([\d.]+) s\)/),
    };
  } finally {
    for (const p of processes) p.child.kill('SIGKILL');
    store.close();
  }
}

function format(run: Run, one: Run | undefined): string {
  const rate = run.articles / run.seconds;
  const ratio = one ? ` (${(rate / (one.articles / one.seconds)).toFixed(2)}x 1 worker)` : '';
  const busy = run.annotate + run.store + run.wait + run.publish;
  const share = (x: number) => `${((100 * x) / busy).toFixed(0)} %`;
  return `${run.backend.padEnd(10)} ${String(run.workers).padStart(2)} worker${run.workers === 1 ? ' ' : 's'}: ${run.articles} articles in ${run.seconds.toFixed(1)} s = ` +
    `${rate.toFixed(1)} articles/s${ratio}\n${''.padEnd(22)}summed over workers: annotating ${run.annotate.toFixed(1)} s (${share(run.annotate)}; CPU ${run.annotateCpu.toFixed(1)} s), ` +
    `exclusive section ${run.store.toFixed(1)} s (${share(run.store)}; CPU ${run.storeCpu.toFixed(1)} s), waiting for it ${run.wait.toFixed(1)} s (${share(run.wait)}), ` +
    `building views outside it ${run.publish.toFixed(1)} s (${share(run.publish)})`;
}

async function main(): Promise<void> {
  const count = Number(args.articles);
  const counts = args.workers.split(',').map(Number);
  const corpus = [...generateCorpus(loadSampleArticles(resolve(repoRoot, 'samples')), count)];
  const pages: RawPage[] = corpus.map((r) => ({ input: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: null }));
  const pgUrl = args.db ?? process.env.MARSAD_DATABASE_URL;
  const backends: { name: string; scratch: () => Promise<ScratchDb> }[] = [];
  if (!args['skip-sqlite']) backends.push({ name: 'SQLite', scratch: async () => sqliteScratch() });
  if (pgUrl && /^postgres(ql)?:\/\//i.test(pgUrl)) backends.push({ name: 'PostgreSQL', scratch: () => postgresScratch(pgUrl) });
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`generated corpus: ${pages.length} articles; ${availableParallelism()} cores (load average ${load()}); batch ${args.batch}; one annotation thread per worker`);
  if (!pgUrl) console.log('PostgreSQL: skipped (give --db postgres://… or MARSAD_DATABASE_URL)');
  for (const backend of backends) {
    let one: Run | undefined;
    for (const workers of counts) {
      const scratch = await backend.scratch();
      try {
        const run = await measure(backend.name, scratch, pages, workers, args.batch);
        if (workers === 1) one = run;
        console.log(format(run, one));
      } finally {
        await scratch.dispose();
      }
    }
  }
  console.log(`load average at the end: ${load()}`);
  console.log('\nTimed from the enqueue (workers already started and idle) to the last job settled and the last story view current; each worker process annotates on one thread.');
}

await main();
