// `marsad export`: the JSON export of a store is the document `analyze --json` printed for the same articles, and the
// CSV and JSON Lines formats read back; a missing store is an error, never created.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { analyzeJson, cliMissing, runCli } from '../test-support/analyze-run.js';
import { repoRoot } from '../test-support/paths.js';
import { testDbLocation } from '../test-support/test-store.js';
import type { AnalysisOutput } from '../output/analysis.js';
import { ACLED_COLUMNS } from '../export/acled.js';

const skip = cliMissing() ?? false;
const sample = (name: string) => join(repoRoot, 'samples', name);
const FIRST_RUN = ['feed-syria.jsonl', 'sana-putin-sharaa.txt', 'enab-shaddadi-army.txt'].map(sample);
// A repeated file and a copy of a stored story's article: the second run adds to what the first stored.
const SECOND_RUN = ['akhbar24-shaddadi-army.txt', 'feed-syria.jsonl', 'skynews-aqtan-clashes.txt', 'jazeera-hamas-leaders.txt', 'enab-hol-camp.html'].map(sample);

let root = '';
let first: AnalysisOutput;
let firstExport: AnalysisOutput;
let bothExport: AnalysisOutput;
let oneRun: AnalysisOutput;
/** The store both runs write (a file in root, or a PostgreSQL schema). */
let twoRuns = '';

function exportJson(db: string): AnalysisOutput {
  const run = runCli(['export', '--db', db, '--format', 'json'], root);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as AnalysisOutput;
}

function analyze(db: string, paths: string[]): AnalysisOutput {
  const { code, output, stderr } = analyzeJson(['--db', db, ...paths], root);
  assert.equal(code, 0, stderr);
  return output;
}

before(() => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'marsad-export-'));
  twoRuns = testDbLocation(root, 'two-runs.db');
  first = analyze(twoRuns, FIRST_RUN);
  firstExport = exportJson(twoRuns);
  analyze(twoRuns, SECOND_RUN);
  bothExport = exportJson(twoRuns);
  // Without the repeated file: one run reading an input twice lists its events and claims twice (reported to the lead).
  oneRun = analyze(testDbLocation(root, 'one-run.db'), [...FIRST_RUN, ...SECOND_RUN.filter((path) => !FIRST_RUN.includes(path))]);
});

after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('export --format json of a store written by one run is that run\'s analyze --json document', { skip }, () => {
  assert.ok(first.articles.length >= 5 && first.stories.length >= 2);
  assert.deepEqual(firstExport, first);
});

test('after a second run the export covers both runs, as one run over the same inputs in the same order', { skip }, () => {
  const ids = new Set(bothExport.articles.map((a) => a.id));
  assert.ok(first.articles.every((a) => ids.has(a.id)), 'an article of the first run is missing');
  assert.ok(bothExport.articles.length > first.articles.length);
  assert.deepEqual(bothExport, oneRun);
});

test('export --format acled writes the header and one parsed row per reported event', { skip }, () => {
  const run = runCli(['export', '--db', twoRuns, '--format', 'acled', '--out', 'events.csv'], root);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  const csv = readFileSync(join(root, 'events.csv'), 'utf8');
  assert.equal(csv.split('\n')[0], ACLED_COLUMNS.join(','));
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, bothExport.events.filter((e) => e.status === 'reported').length);
  assert.deepEqual(rows.map((r) => r.event_id_cnty), bothExport.events.filter((e) => e.status === 'reported').map((e) => e.id));
});

test('export --format plover writes one JSON record per event', { skip }, () => {
  const run = runCli(['export', '--db', twoRuns, '--format', 'plover'], root);
  assert.equal(run.code, 0, run.stderr);
  const records = run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string });
  assert.deepEqual(records.map((r) => r.id), bothExport.events.map((e) => e.id));
});

test('a missing store is an error (exit 2) and is not created; an unknown format is refused', { skip }, () => {
  const run = runCli(['export', '--db', 'nowhere.db', '--format', 'json'], root);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no store at nowhere\.db/);
  assert.equal(run.stdout, '');
  assert.equal(existsSync(join(root, 'nowhere.db')), false);
  const defaultDb = runCli(['export', '--format', 'plover'], root);
  assert.equal(defaultDb.code, 2);
  assert.match(defaultDb.stderr, /no store at marsad\.db/);
  assert.equal(existsSync(join(root, 'marsad.db')), false);
  const bad = runCli(['export', '--db', twoRuns, '--format', 'xml'], root);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /json, acled, plover/);
});
