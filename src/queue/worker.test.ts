// `marsad worker` processes sharing one store (child processes, as deployed): two workers adding articles of one story
// at the same time keep one story; workers killed with SIGKILL mid-run lose and duplicate nothing; and what N workers
// store equals what one process stores given the same batches in the order the workers committed them.
// On SQLite always; on PostgreSQL too when MARSAD_TEST_DATABASE_URL is set.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCorpus, loadSampleArticles, type BenchRecord } from '../bench/corpus.js';
import { cliMissing, cliPath, runCli } from '../test-support/analyze-run.js';
import { repoRoot } from '../test-support/paths.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { Analyzer } from '../analyze.js';
import { inlineAnnotator } from '../annotate-pool.js';
import type { RawPage } from '../ingest/types.js';
import { createPipelineContext, type PipelineContext } from '../pipeline.js';
import { committedBatches, postgresScratch, postgresSkipReason, rowCounts, type ScratchDb, sqliteScratch } from './scratch-db.js';

const skip = cliMissing() ?? false;
const corpus = [...generateCorpus(loadSampleArticles(resolve(repoRoot, 'samples')), 60)];
const byId = new Map(corpus.map((r) => [r.id, r]));
const work = mkdtempSync(join(tmpdir(), 'marsad-worker-test-'));
const running = new Set<ChildProcess>();

after(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function writeJsonl(name: string, records: BenchRecord[]): string {
  const path = join(work, name);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

interface Worker {
  child: ChildProcess;
  /** What it printed so far. */
  output: () => string;
  /** The exit code or signal once it exited. */
  exitCode: () => number | string | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

function startWorker(db: string, args: string[]): Worker {
  const child = spawn(process.execPath, [cliPath, 'worker', '--db', db, '--poll', '0.1', ...args], { env: { ...process.env, NODE_OPTIONS: '' } });
  running.add(child);
  let output = '';
  let exitCode: number | string | undefined;
  child.on('exit', (code, signal) => (exitCode = code ?? signal ?? 'unknown'));
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((done) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal, output });
    });
  });
  return { child, output: () => output, exitCode: () => exitCode, exited };
}

async function drained(workers: Worker[]): Promise<string[]> {
  const outputs: string[] = [];
  for (const w of workers) {
    const { code, output } = await w.exited;
    assert.equal(code, 0, output);
    outputs.push(output);
  }
  return outputs;
}

/** Waits for the condition; fails at once, with what they printed, when one of the workers exits first. */
async function waitFor(condition: () => boolean, what: string, workers: Worker[] = [], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const printed = (): string => workers.map((w, i) => `--- worker ${i} (exit ${w.exitCode() ?? 'running'}):\n${w.output()}`).join('\n');
  while (!condition()) {
    if (workers.some((w) => w.exitCode() !== undefined)) throw new Error(`a worker exited while waiting for ${what}\n${printed()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${printed()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function enqueue(db: string, records: BenchRecord[], name: string): void {
  const run = runCli(['enqueue', '--db', db, writeJsonl(name, records)]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`queued ${records.length} of ${records.length} pages`));
}

/** Each article's story and original, and each story's members in order: what must not depend on who stored what. */
function partition(store: Store) {
  const articles = Object.fromEntries(store.listArticles().map((a) => [a.id, { storyId: a.storyId, duplicateOf: a.duplicateOf }]));
  const stories = Object.fromEntries(store.listStories().map((s) => [s.id, s.articleIds]));
  return { articles, stories };
}

/** The store's invariants: every article once, in exactly one story, listed by it; duplicates point at stored articles; all jobs done; every view current. */
async function assertConsistent(location: string, expectedArticles: number): Promise<void> {
  const counts = await rowCounts(location);
  assert.deepEqual(counts, {
    articles: expectedArticles, distinctArticles: expectedArticles, fingerprints: expectedArticles,
    storyLinks: expectedArticles, linkedArticles: expectedArticles, storyMembers: expectedArticles,
  });
  const store = openStore(location);
  try {
    const { articles, stories } = partition(store);
    const listed = Object.values(stories).flat();
    assert.equal(new Set(listed).size, listed.length, 'an article listed by two stories');
    for (const [storyId, ids] of Object.entries(stories)) for (const id of ids) assert.equal(articles[id].storyId, storyId);
    for (const a of Object.values(articles)) if (a.duplicateOf) assert.ok(articles[a.duplicateOf], `original ${a.duplicateOf} not stored`);
    assert.deepEqual(store.queue.counts(), { queued: 0, leased: 0, done: expectedArticles, failed: 0 });
    // Views are built outside the writer lock: none left older than its story, even by a worker killed before publishing.
    assert.deepEqual(store.serving.storiesWithStaleView(Number.MAX_SAFE_INTEGER), [], 'a story view older than its story');
  } finally {
    store.close();
  }
}

/**
 * One process storing the same batches in the order the workers committed them (an Analyzer run per batch): the
 * partition must be the same. (Batches, not only the order: a late article meets stories evicted by date at batch ends.)
 */
async function assertEqualsOneProcessInCommitOrder(location: string): Promise<void> {
  const batches = await committedBatches(location);
  const reference = openStore(':memory:');
  const store = openStore(location);
  try {
    const context = (pipelineContext ??= createPipelineContext());
    const analyzer = new Analyzer(context, reference, { annotator: inlineAnnotator(context), batchSize: 10_000 });
    for (const batch of batches) await analyzer.run(batch.map((input) => toPage(byId.get(input)!)), () => {});
    assert.deepEqual(partition(store), partition(reference));
  } finally {
    store.close();
    reference.close();
  }
}

let pipelineContext: PipelineContext | undefined;

function toPage(r: BenchRecord): RawPage {
  return { input: r.id, title: r.title, text: r.text, outlet: r.outlet, published: r.published, url: null };
}

/** The largest story of one `analyze` over the corpus whose articles also form one story in reverse order. */
function storyOfAnyOrder(): BenchRecord[] {
  const refDb = join(work, 'corpus-reference.db');
  assert.equal(runCli(['analyze', '--db', refDb, writeJsonl('corpus.jsonl', corpus)]).code, 0);
  const store = openStore(refDb);
  const stories = store.listStories().sort((a, b) => b.articleCount - a.articleCount);
  const inputOf = new Map(store.listArticles().map((a) => [a.id, a.input]));
  store.close();
  for (const story of stories.filter((s) => s.articleCount >= 6)) {
    const records = story.articleIds.map((id) => byId.get(inputOf.get(id)!)!);
    const reversed = runCli(['analyze', '--json', writeJsonl('reversed.jsonl', [...records].reverse())]);
    if ((JSON.parse(reversed.stdout) as { stories: unknown[] }).stories.length === 1) return records;
  }
  throw new Error('no story of the corpus keeps together in both orders');
}

function workerSuite(name: string, scratch: () => Promise<ScratchDb>, skipReason: string | false): void {
  describe(`marsad worker processes (${name})`, { skip: skipReason }, () => {
    test('two workers adding articles of one story at the same time: one story holds each of them once', async () => {
      const db = await scratch();
      try {
        const story = storyOfAnyOrder();
        // Both workers ready (models loaded, queue empty) before the story's articles arrive; one job per lease, so they
        // take turns at the story, each placing its article after the other stored one.
        const workers = [0, 1].map(() => startWorker(db.location, ['--batch', '1', '--lease', '30']));
        await waitFor(() => workers.every((w) => /ready:/.test(w.output())), 'both workers ready', workers);
        enqueue(db.location, story, `${name}-story.jsonl`);
        const store = openStore(db.location);
        try {
          await waitFor(() => store.queue.counts().done === story.length, 'the story stored', workers);
          // SIGTERM: each finishes the batch in hand and exits cleanly.
          for (const w of workers) w.child.kill('SIGTERM');
          const outputs = await drained(workers);
          for (const output of outputs) assert.match(output, /done: .* [1-9]\d* articles stored/, 'each worker stored some of the story');
          await assertConsistent(db.location, story.length);
          const stories = store.listStories();
          assert.equal(stories.length, 1, 'a second story was opened');
          assert.deepEqual(new Set(stories[0].articleIds), new Set(store.listArticles().map((a) => a.id)));
        } finally {
          store.close();
        }
        await assertEqualsOneProcessInCommitOrder(db.location);
      } finally {
        await db.dispose();
      }
    });

    test('workers killed with SIGKILL mid-run: after restarts nothing is lost or stored twice, stories stay consistent', async () => {
      const db = await scratch();
      const watcher = { store: null as Store | null };
      try {
        enqueue(db.location, corpus, `${name}-crash.jsonl`);
        watcher.store = openStore(db.location);
        const stored = (): number => watcher.store!.articleCount();
        // Killed twice, each time after some batches were stored and while it still had work in hand.
        for (const threshold of [12, 30]) {
          const victim = startWorker(db.location, ['--batch', '4', '--lease', '2']);
          await waitFor(() => stored() >= threshold, `${threshold} stored articles`, [victim]);
          victim.child.kill('SIGKILL');
          const { signal } = await victim.exited;
          assert.equal(signal, 'SIGKILL');
          assert.ok(watcher.store.queue.counts().done < corpus.length, 'killed after the queue was drained');
        }
        // Two workers drain the rest, including the jobs the killed ones had leased (once their leases expire).
        await drained([0, 1].map(() => startWorker(db.location, ['--once', '--batch', '4', '--lease', '2'])));
        watcher.store.close();
        watcher.store = null;
        await assertConsistent(db.location, corpus.length);
        await assertEqualsOneProcessInCommitOrder(db.location);
      } finally {
        watcher.store?.close();
        await db.dispose();
      }
    });
  });
}

if (!skip) {
  workerSuite('SQLite', async () => sqliteScratch(), false);
  workerSuite('PostgreSQL', postgresScratch, postgresSkipReason() ?? false);
} else {
  test('marsad worker processes', { skip }, () => {});
}
