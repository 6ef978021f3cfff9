import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { generateCorpus, loadSampleArticles } from './bench/corpus.js';
import { inlineAnnotator, workerAnnotator, type Annotator, type PageOutcome } from './annotate-pool.js';
import type { RawPage } from './ingest/types.js';
import { createPipelineContext } from './pipeline.js';
import { repoRoot } from './test-support/paths.js';

const context = createPipelineContext();

/** Articles of the samples, and pages that cleaning or annotation turns into error values, mixed in one batch. */
function pages(): RawPage[] {
  const page = (input: string, text: string, title: string | null = null): RawPage => ({ input, title, text, outlet: 'outlet-a', published: '2026-01-20', url: null });
  const articles = [...generateCorpus(loadSampleArticles(resolve(repoRoot, 'samples')), 12)].map((r) => page(r.id, r.text, r.title));
  return [
    ...articles.slice(0, 6),
    page('empty', ''),
    page('furniture only', 'شارك\nتابعنا على تويتر\nاقرأ أيضاً'),
    page('binary', '\u0000\u0001\u0002\ufffd\ufffd'.repeat(50)),
    page('english', 'The ministry said on Monday that the talks would resume next week in Geneva after a pause of two weeks.'),
    ...articles.slice(6),
  ];
}

async function outcomesOf(annotator: Annotator, batches: RawPage[][]): Promise<PageOutcome[][]> {
  try {
    return (await Promise.all(batches.map((batch) => annotator.analyse(batch)))).flat();
  } finally {
    await annotator.close();
  }
}

test('worker threads give the outcomes the calling thread gives, whether the caller or the workers clean the pages', async () => {
  const all = pages();
  const batches = [all.slice(0, 5), all.slice(5, 11), all.slice(11)];
  const expected = await outcomesOf(inlineAnnotator(context), batches);
  assert.deepEqual(expected.flat().filter((o) => o.kind === 'error').map((o) => o.input), ['empty', 'furniture only', 'binary']);
  assert.ok(expected.flat().filter((o) => o.kind === 'article').length >= 13);
  for (const [size, cleanOnCaller] of [[1, true], [1, false], [2, true], [2, false]] as const) {
    const actual = await outcomesOf(workerAnnotator(size, {}, { cleanOnCaller }), batches);
    assert.deepEqual(actual, expected, `${size} workers, cleaning on the ${cleanOnCaller ? 'caller' : 'workers'}`);
  }
});
