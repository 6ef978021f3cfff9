#!/usr/bin/env node
// The `marsad` command line: parses arguments and hands each command to its module.
// Input: process.argv. Output: the command's stdout/stderr and exit code.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_INTERVAL_SECONDS, EXPORT_FORMATS, type ExportFormat } from './choices.js';
import { DEFAULT_DB } from '../store/open.js';
import { SOURCE_KINDS, type SourceKind } from '../store/sources.js';
import type { WorkerCliOptions } from './worker.js';

// Each command's module is imported when the command runs: loading them all (pipeline, knowledge base, HTTP server,
// fetcher) cost every invocation about 0.7 s.

function isoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value + 'T00:00:00Z'))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return value;
}

/** An option parser for a whole number in [min, max], failing with `message`. */
function wholeNumberIn(min: number, max: number, message: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(message);
    return n;
  };
}

const port = wholeNumberIn(0, 65535, 'expected a port number from 0 to 65535');
const count = wholeNumberIn(0, 64, 'expected a whole number from 0 to 64');
const milliseconds = wholeNumberIn(0, 600_000, 'expected milliseconds from 0 to 600000');
const positive = wholeNumberIn(1, 64, 'expected a whole number from 1 to 64');

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1) throw new InvalidArgumentError('expected a number of seconds, at least 1');
  return n;
}

const program = new Command()
  .name('marsad')
  .description('Arabic news intelligence: clean, annotate, deduplicate and cluster Arabic news pages')
  .version('0.1.0');

program
  .command('analyze')
  .description('analyse .txt, .html and .jsonl pages (or folders of them) into articles, entities, times, quantities and stories')
  .argument('<paths...>', 'files or directories to read')
  .option('--json', 'print the analysis document (docs/output.md) on stdout')
  .option('--published <date>', 'publication date (YYYY-MM-DD) for articles whose input gives none', isoDay)
  .option('--db <location>', 'store to keep results in and continue from: a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else none)')
  .option('--workers <n>', 'annotation worker threads (0 = annotate on the main thread; default: one per core, at most 4)', count)
  .option('--no-ner', 'find entities with the knowledge base and rules only, without the learned tagger')
  .action(async (paths: string[], options: { json?: boolean; published?: string; db?: string; workers?: number; ner?: boolean }) => {
    process.exitCode = await (await import('./analyze.js')).runAnalyze(paths, options);
  });

program
  .command('export')
  .description('write what a store holds: the analysis document (json), ACLED-style CSV (acled) or PLOVER JSON Lines (plover)')
  .option('--db <location>', `store written by analyze --db: a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
  .option('--out <file>', 'write to this file instead of stdout')
  .action(async (options: { db?: string; format: ExportFormat; out?: string }) => {
    process.exitCode = (await import('./export.js')).runExport(options);
  });

program
  .command('serve')
  .description('serve a store through the HTTP API (/api, OpenAPI at /api/openapi.json) and the web app; POST /api/articles adds records')
  .option('--db <location>', `store written by analyze --db: a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--port <n>', 'TCP port (0 picks a free one)', port, 8080)
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--workers <n>', 'annotation worker threads for posted records (0 = on the server thread)', count, 1)
  .option('--no-ner', 'find entities in posted records with the knowledge base and rules only')
  .option('--log', 'log every request')
  .action(async (options: { db?: string; port: number; host: string; workers: number; ner?: boolean; log?: boolean }) => {
    await (await import('./serve.js')).runServe(options);
  });

const sources = program
  .command('sources')
  .description('the outlets marsad watch follows: add, list, remove');

sources
  .command('add')
  .description('follow an outlet by its RSS, Atom or JSON Feed URL, or a section page listing its articles')
  .argument('<name>', 'the source name (also the outlet of its articles)')
  .argument('<url>', 'feed or section page URL')
  .addOption(new Option('--kind <kind>', 'feed or page (default: detected by fetching the URL once)').choices(SOURCE_KINDS))
  .option('--db <location>', `store to keep sources and articles in, created if missing: a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--allow-private-network', 'allow URLs in private, loopback and link-local networks')
  .action(async (name: string, url: string, options: { db?: string; kind?: SourceKind; allowPrivateNetwork?: boolean }) => {
    process.exitCode = await (await import('./sources.js')).runSourcesAdd(name, url, options);
  });

sources
  .command('list')
  .description('list sources with their last poll and item counts')
  .option('--db <location>', `a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--json', 'print the sources as JSON')
  .action(async (options: { db?: string; json?: boolean }) => {
    process.exitCode = (await import('./sources.js')).runSourcesList(options);
  });

sources
  .command('remove')
  .description('stop following a source (its stored articles stay)')
  .argument('<name>', 'the source name')
  .option('--db <location>', `a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .action(async (name: string, options: { db?: string }) => {
    process.exitCode = (await import('./sources.js')).runSourcesRemove(name, options);
  });

program
  .command('watch')
  .description('poll the sources politely and analyse every new item into the store (docs/watch.md)')
  .option('--db <location>', `store holding the sources: a SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--once', 'poll every source once, process every pending item, exit (exit code 1 if a source could not be polled)')
  .option('--interval <seconds>', 'seconds between the starts of two polls', seconds, DEFAULT_INTERVAL_SECONDS)
  .option('--allow-private-network', 'allow URLs in private, loopback and link-local networks')
  .option('--workers <n>', 'annotation worker threads (0 = annotate on the main thread)', count, 1)
  .option('--no-ner', 'find entities with the knowledge base and rules only, without the learned tagger')
  .option('--concurrency <n>', 'requests in flight overall (at most 2 per host)', positive, 8)
  .option('--host-interval <ms>', 'milliseconds between two requests to the same host', milliseconds, 1000)
  .addOption(new Option('--batch-size <n>', 'items fetched and analysed together (tests use small batches)').argParser(positive).hideHelp())
  .action(async (options: { db?: string; once?: boolean; interval: number; allowPrivateNetwork?: boolean; workers: number; ner?: boolean; concurrency: number; hostInterval: number; batchSize?: number }) => {
    process.exitCode = await (await import('./watch.js')).runWatch(options);
  });

function leaseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('expected seconds, more than 0 and at most 86400');
  return n;
}

const batchSize = wholeNumberIn(1, 10_000, 'expected a whole number from 1 to 10000');

program
  .command('enqueue')
  .description('read pages as analyze does and queue one job per record for marsad worker processes (docs/queue.md)')
  .argument('<paths...>', 'files or directories to read')
  .option('--db <location>', `SQLite file or postgres:// URL holding the queue (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--published <date>', 'publication date (YYYY-MM-DD) for pages whose input gives none', isoDay)
  .action(async (paths: string[], options: { db?: string; published?: string }) => {
    process.exitCode = await (await import('./enqueue.js')).runEnqueue(paths, options);
  });

program
  .command('worker')
  .description('analyse queued jobs into the store, sharing the queue with other workers; stops after the current batch on SIGINT/SIGTERM')
  .option('--db <location>', `SQLite file or postgres:// URL holding the queue (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--batch <n>', 'jobs leased and stored together', batchSize, 100)
  .option('--once', 'drain the queue and exit (waits for leases of dead workers to expire)')
  .option('--lease <seconds>', 'how long a leased job stays with this worker before another may take it', leaseSeconds, 120)
  .option('--workers <n>', 'annotation worker threads (0 = annotate on the main thread; run one worker process per core)', count, 0)
  .option('--no-ner', 'find entities with the knowledge base and rules only, without the learned tagger')
  .option('--poll <seconds>', 'seconds between looks at an empty queue', leaseSeconds, 2)
  .option('--max-attempts <n>', 'leases of one job before it is failed', positive, 3)
  .option('--quiet', 'no line per batch, only the summary')
  .action(async (options: WorkerCliOptions) => {
    process.exitCode = await (await import('./worker.js')).runWorker(options);
  });

program
  .command('queue')
  .description('print the job queue counts (queued, leased, done, failed) and the latest failures')
  .option('--db <location>', `SQLite file or postgres:// URL holding the queue (default: MARSAD_DATABASE_URL, else ${DEFAULT_DB})`)
  .option('--retry-failed', 'queue every failed job again, its attempts reset (after fixing what made it fail)')
  .action(async (options: { db?: string; retryFailed?: boolean }) => {
    process.exitCode = (await import('./enqueue.js')).runQueueStatus(options);
  });

await program.parseAsync(process.argv);
