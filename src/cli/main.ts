#!/usr/bin/env node
// The `marsad` command line: parses arguments and hands each command to its module.
// Input: process.argv. Output: the command's stdout/stderr and exit code.
import { Command, InvalidArgumentError, Option } from 'commander';
import { runAnalyze } from './analyze.js';
import { DEFAULT_DB, EXPORT_FORMATS, runExport, type ExportFormat } from './export.js';
import { runServe } from './serve.js';

function isoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value + 'T00:00:00Z'))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return value;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('expected a whole number from 0 to 64');
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
  .option('--db <file>', 'SQLite file to store results in and to continue from')
  .option('--workers <n>', 'annotation worker threads (0 = annotate on the main thread; default: one per core, at most 4)', count)
  .option('--no-ner', 'find entities with the knowledge base and rules only, without the learned tagger')
  .action(async (paths: string[], options: { json?: boolean; published?: string; db?: string; workers?: number; ner?: boolean }) => {
    process.exitCode = await runAnalyze(paths, options);
  });

program
  .command('export')
  .description('write what a store holds: the analysis document (json), ACLED-style CSV (acled) or PLOVER JSON Lines (plover)')
  .option('--db <file>', 'SQLite file written by analyze --db', DEFAULT_DB)
  .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
  .option('--out <file>', 'write to this file instead of stdout')
  .action((options: { db: string; format: ExportFormat; out?: string }) => {
    process.exitCode = runExport(options);
  });

program
  .command('serve')
  .description('serve a store through the HTTP API (/api, OpenAPI at /api/openapi.json) and the web app; POST /api/articles adds records')
  .option('--db <file>', 'SQLite file written by analyze --db', DEFAULT_DB)
  .option('--port <n>', 'TCP port (0 picks a free one)', port, 8080)
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--workers <n>', 'annotation worker threads for posted records (0 = on the server thread)', count, 1)
  .option('--no-ner', 'find entities in posted records with the knowledge base and rules only')
  .option('--log', 'log every request')
  .action(async (options: { db: string; port: number; host: string; workers: number; ner?: boolean; log?: boolean }) => {
    await runServe(options);
  });

await program.parseAsync(process.argv);
