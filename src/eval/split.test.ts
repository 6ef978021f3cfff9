import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { repoRoot } from '../test-support/paths.js';
import { loadGoldArticles } from './load.js';
import { inSplit, isGoldSplit, isTestPosition, testRecordIds } from './split.js';

test('every third record of a file (0-based 2, 5, 8 …) is test', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 8].map(isTestPosition), [false, false, true, false, false, true, true]);
  const testIds = new Set(['b']);
  assert.deepEqual(['a', 'b'].map((id) => [inSplit(id, 'dev', testIds), inSplit(id, 'test', testIds), inSplit(id, 'all', testIds)]),
    [[true, false, true], [false, true, true]]);
  assert.ok(isGoldSplit('dev') && !isGoldSplit('train'));
});

test('the gold set splits into 30 dev and 12 test records, each record in exactly one', () => {
  const dir = resolve(repoRoot, 'eval/gold');
  const testIds = testRecordIds(dir);
  const ids = loadGoldArticles(dir, []).map((a) => a.id);
  assert.equal(testIds.size, 12);
  assert.equal(ids.filter((id) => inSplit(id, 'dev', testIds)).length, ids.length - 12);
  assert.ok([...testIds].every((id) => ids.includes(id)));
});
