// A running server notices what other processes write to its store (`watch`, `worker`, `analyze --db`): cached
// answers are dropped and posts continue from the indexes as stored, without a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAnalyze } from '../cli/analyze.js';
import { repoRoot } from '../test-support/paths.js';
import { servedStore } from '../test-support/served-store.js';
import type { PostArticlesResult, StorySummary } from './api-types.js';

const TOKEN = 'external-writes-token';

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

test('serve shows stories another process stored, and a post joins them, without a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-external-'));
  const served = await servedStore(dir, [join(repoRoot, 'samples', 'aawsat-moscow-talks.txt')], TOKEN);
  try {
    const list = async (): Promise<{ total: number; stories: StorySummary[]; cache: unknown }> => {
      const response = await served.app.inject({ method: 'GET', url: '/api/stories?limit=100' });
      assert.equal(response.statusCode, 200);
      return { ...(JSON.parse(response.body) as { total: number; stories: StorySummary[] }), cache: response.headers['x-cache'] };
    };
    const before = await list();
    assert.equal((await list()).cache, 'hit', 'a repeated read comes from the cache');

    // Another writer: `analyze --db` on the same file, with its own connection.
    const other = join(repoRoot, 'samples', 'akhbar24-shaddadi-army.txt');
    assert.equal(await quietly(() => runAnalyze([other], { db: served.db, workers: 0, ner: false })), 0);
    await sleep(250);

    const after = await list();
    assert.notEqual(after.cache, 'hit', 'the cached list was dropped');
    assert.equal(after.total, before.total + 1, 'the other process\'s story is listed');
    const added = after.stories.find((s) => !before.stories.some((b) => b.id === s.id));
    assert.ok(added);

    // A light rewrite of the other process's article: the server's post indexes were reloaded, so it is recognised as
    // a duplicate of the stored article and joins its story instead of opening a new one.
    const text = readFileSync(other, 'utf8').replace(/\n+/g, '\n').trim();
    const posted = await served.app.inject({
      method: 'POST', url: '/api/articles', headers: { authorization: `Bearer ${TOKEN}` },
      payload: { id: 'rewrite-1', title: added.title, text: text + '\nاقرأ أيضاً', outlet: 'موقع ناقل', published: added.lastPublished },
    });
    assert.equal(posted.statusCode, 201, posted.body);
    const result = JSON.parse(posted.body) as PostArticlesResult;
    assert.equal(result.errors.length, 0);
    assert.equal(result.articles.length, 1);
    assert.equal(result.articles[0].storyId, added.id, 'the post joined the story the other process stored');
    assert.ok(result.articles[0].duplicateOf, 'and was found to copy its article');
    assert.equal((await list()).total, after.total, 'no story was opened for it');
  } finally {
    await served.app.close();
    await served.annotator.close();
    served.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
