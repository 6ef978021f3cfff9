// `marsad analyze` on samples/, run as a user runs it: the --json document keeps its contract (docs/output.md),
// the summary and the in-process Analyzer agree with it, and the worker pool changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeJson, cliMissing, runCli } from '../test-support/analyze-run.js';
import { contractProblems, referenceProblems, schemaProblems } from '../test-support/contract.js';
import type { AnalysisOutput } from '../output/analysis.js';
import { repoRoot } from '../test-support/paths.js';
import { Analyzer } from '../analyze.js';
import { readInputs } from '../ingest/read.js';
import { createPipelineContext } from '../pipeline.js';
import { openTestStore } from '../test-support/test-store.js';

const skip = cliMissing() ?? false;

let cached: { code: number | null; output: AnalysisOutput } | null = null;
function samplesRun(): { code: number | null; output: AnalysisOutput } {
  cached ??= analyzeJson(['samples/']);
  return cached;
}

test('analyze --json samples/ validates against docs/output.schema.json', { skip }, () => {
  const { code, output } = samplesRun();
  assert.equal(code, 0);
  assert.deepEqual(schemaProblems(output), []);
  assert.ok(output.articles.length >= 30, `only ${output.articles.length} articles from samples/`);
  assert.ok(output.entities.length > 0 && output.times.length > 0 && output.quantities.length > 0);
});

test('every span reads its text, every story and duplicate link resolves, ids are unique', { skip }, () => {
  assert.deepEqual(contractProblems(samplesRun().output), []);
});

test('the contract checker itself catches broken documents', () => {
  const article = {
    id: 'a_1', input: 'x.txt', title: 't', text: 'قال الشرع', outlet: null, published: null, url: null,
    language: 'arb', storyId: 's_1', duplicateOf: 'a_2',
  };
  const broken: AnalysisOutput = {
    articles: [article, { ...article, id: 'a_2', duplicateOf: null }],
    entities: [{ id: 'person:x', type: 'person', name: { ar: 'س', en: 'x' }, mentions: [{ articleId: 'a_1', start: 0, end: 3, text: 'الشرع' }] }],
    times: [{ articleId: 'a_9', start: 0, end: 1, text: 'ق', value: '2026-01-19' }],
    quantities: [],
    events: [],
    claims: [],
    contradictions: [],
    stories: [{ id: 's_1', title: 't', summary: '', articleIds: ['a_1'], timeline: [], claimsBySpeaker: [], contradictions: [] }],
    errors: [],
  };
  const problems = referenceProblems(broken);
  assert.ok(problems.some((p) => p.includes('"الشرع" at 0-3')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('unknown article a_9')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('duplicateOf a_2, which comes later')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('storyId null')) || problems.some((p) => p.includes('does not list')), problems.join('\n'));
  assert.ok(schemaProblems({ ...broken, extra: 1 }).length > 0);
});

test('article ids are the same on every run, and inputs are the relative paths given', { skip }, () => {
  const first = samplesRun().output;
  const again = analyzeJson(['samples/']).output;
  assert.deepEqual(again, first, 'two runs on the same input differ');
  for (const a of first.articles) {
    assert.ok(!a.input.startsWith('/'), `input ${a.input} is absolute`);
    assert.ok(a.input.startsWith('samples/') || !a.input.includes('/'), `input ${a.input} is neither a samples/ path nor a record id`);
  }
});

test('annotating on the main thread (--workers 0) gives the same document as the worker pool', { skip }, () => {
  assert.deepEqual(analyzeJson(['--workers', '0', 'samples/']).output, samplesRun().output);
});

test('the summary (without --json) counts what the document holds', { skip }, () => {
  const output = samplesRun().output;
  const run = runCli(['analyze', 'samples/']);
  assert.equal(run.code, 0);
  const duplicates = output.articles.filter((a) => a.duplicateOf).length;
  assert.match(run.stdout, new RegExp(`^articles: ${output.articles.length} \\(${duplicates} duplicates`, 'm'));
  assert.match(run.stdout, new RegExp(`^stories: ${output.stories.length}$`, 'm'));
  assert.match(run.stdout, new RegExp(`^errors: ${output.errors.length}$`, 'm'));
});

test('samples/: the known bad records of feed-mixed.jsonl are errors, its good records are articles', { skip }, () => {
  const { articles, errors } = samplesRun().output;
  assert.ok(errors.some((e) => e.input === 'samples/feed-mixed.jsonl#2' && /invalid JSON/.test(e.reason)), JSON.stringify(errors));
  const mixedArticles = articles.filter((a) => a.input.startsWith('farm-') || a.input.startsWith('samples/feed-mixed.jsonl'));
  assert.ok(mixedArticles.length > 0, 'no article survived from feed-mixed.jsonl');
});

test('samples/: non-Arabic articles are listed but carry no annotations', { skip }, () => {
  const output = samplesRun().output;
  const foreign = new Set(output.articles.filter((a) => a.language !== 'arb').map((a) => a.id));
  assert.ok(foreign.size >= 2, 'samples/ holds an English and a French page');
  const annotated = [...output.entities.flatMap((e) => e.mentions), ...output.times, ...output.quantities];
  assert.deepEqual(annotated.filter((s) => foreign.has(s.articleId)), []);
});

test('the Analyzer in-process places articles exactly as the command reports them', { skip }, async () => {
  const paths = ['samples/aawsat-sharaa-trump-call.txt', 'samples/feed-syria.jsonl', 'samples/feed-mixed.jsonl'];
  const store = openTestStore();
  const seen: { id: string; input: string; storyId: string | null; duplicateOf: string | null }[] = [];
  const errors: string[] = [];
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const analyzer = new Analyzer(createPipelineContext(), store);
    const stats = await analyzer.run(readInputs(paths), (event) => {
      if (event.kind === 'error') errors.push(event.input);
      else seen.push({ id: event.doc.id, input: event.doc.input, storyId: event.storyId, duplicateOf: event.duplicateOf });
    });
    assert.equal(stats.articles, seen.length);
    assert.equal(stats.errors, errors.length);
    assert.equal(store.articleCount(), new Set(seen.map((a) => a.id)).size);
  } finally {
    process.chdir(cwd);
    store.close();
  }
  const { code, output } = analyzeJson(paths);
  assert.equal(code, 0);
  assert.deepEqual(seen, output.articles.map(({ id, input, storyId, duplicateOf }) => ({ id, input, storyId, duplicateOf })));
  assert.deepEqual(errors, output.errors.map((e) => e.input));
});

test('samples/: titles are headlines, not datelines or "read also" links', { skip }, () => {
  const bad = samplesRun().output.articles
    .filter((a) => /^[\p{L} ]+\s*[-–]\s*[\p{L} ]+$/u.test(a.title) && a.title.length < 25 || /^[إا]قر[أا] (أيضا|المزيد)/.test(a.title))
    .map((a) => `${a.input}: ${a.title}`);
  assert.deepEqual(bad, []);
});
