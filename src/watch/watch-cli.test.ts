// `marsad sources` and `marsad watch` as a user runs them (child processes on dist/cli/main.js) against the fixture
// site: kinds detected, duplicates and loopback refused with clear messages, list and remove; and crash safety:
// `watch --once` killed with SIGKILL again and again mid-run, then restarted, stores every item exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { cliMissing, cliPath, type CliRun } from '../test-support/analyze-run.js';
import { rawQuery, testDbLocation } from '../test-support/test-store.js';
import type { SourceListing } from '../cli/sources.js';
import { CRASH_FEED_PATH, crashPages, INVALID_FEED_PATH, RSS_PATH, SECTION_PATH, startOutletServer, type OutletServer } from './fixtures/outlet-server.js';

const skip = cliMissing() ?? false;
let server: OutletServer;
let dir = '';

before(async () => {
  if (skip) return;
  server = await startOutletServer({ crashPageDelayMs: 120 });
  dir = mkdtempSync(join(tmpdir(), 'marsad-watch-cli-'));
});

after(async () => {
  if (skip) return;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Spawns the CLI without blocking this process (the fixture server answers from it). */
function start(args: string[]) {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

const run = (args: string[]) => start(args).done;

/** Rows of one query on the store (SQLite or PostgreSQL), through a connection of its own: the watcher may be writing. */
function query<T>(db: string, sql: string): T[] {
  return rawQuery<T>(db, { sqlite: sql, postgres: sql });
}

/** PostgreSQL counts are bigints, which arrive as strings. */
const count = (db: string, table: string): number => Number(query<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM ${table}`)[0].n);

test('sources add detects feeds and section pages, refuses duplicates, unreadable URLs and loopback without the flag', { skip }, async () => {
  const db = testDbLocation(dir, 'sources.db');
  const feed = server.origin + RSS_PATH;
  const refused = await run(['sources', 'add', '--db', db, 'rss', feed]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /refused http:\/\/127\.0\.0\.1:\d+\/feeds\/syria\.rss: blocked-address .*--allow-private-network/);

  const added = await run(['sources', 'add', '--db', db, 'rss', feed, '--allow-private-network']);
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, `added source rss: feed ${feed} (rss feed, 12 items)\n`);
  const page = await run(['sources', 'add', '--db', db, 'قسم سوريا', server.origin + SECTION_PATH, '--allow-private-network']);
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, /: page .* \(section page, 3 article links\)/);

  const duplicate = await run(['sources', 'add', '--db', db, 'rss', server.origin + SECTION_PATH, '--allow-private-network']);
  assert.equal(duplicate.code, 1);
  assert.match(duplicate.stderr, /a source named "rss" already exists \(http:\/\/127\.0\.0\.1:\d+\/feeds\/syria\.rss\)/);
  const broken = await run(['sources', 'add', '--db', db, 'broken', server.origin + INVALID_FEED_PATH, '--allow-private-network']);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /is neither a feed nor a section page: not a feed/);
  const forced = await run(['sources', 'add', '--db', db, 'broken', server.origin + INVALID_FEED_PATH, '--kind', 'feed', '--allow-private-network']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /warning: .* does not read as a feed/);

  const listed = await run(['sources', 'list', '--db', db, '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const sources = JSON.parse(listed.stdout) as SourceListing[];
  assert.deepEqual(sources.map((s) => [s.name, s.kind, s.lastPolledAt]), [['broken', 'feed', null], ['rss', 'feed', null], ['قسم سوريا', 'page', null]]);

  // The watcher refuses loopback too unless told otherwise, and says which option allows it.
  const watch = await run(['watch', '--once', '--db', db, '--workers', '0', '--no-ner']);
  assert.equal(watch.code, 1);
  assert.match(watch.stdout, /source rss: http:\/\/127\.0\.0\.1:\d+\/feeds\/syria\.rss: blocked-address /);
  assert.match(watch.stderr, /pass --allow-private-network/);

  const removed = await run(['sources', 'remove', '--db', db, 'broken']);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal((await run(['sources', 'remove', '--db', db, 'broken'])).code, 1);
  const text = await run(['sources', 'list', '--db', db]);
  assert.match(text.stdout, /^rss\tfeed\t.*\n  last poll .*: blocked-address/m);
  assert.ok(!text.stdout.includes('broken'));
});

test('watch --once killed with SIGKILL mid-run and restarted stores every item exactly once', { skip }, async () => {
  const db = testDbLocation(dir, 'crash.db');
  const add = await run(['sources', 'add', '--db', db, 'crash', server.origin + CRASH_FEED_PATH, '--allow-private-network']);
  assert.equal(add.code, 0, add.stderr);
  const pages = crashPages();
  const watchArgs = ['watch', '--once', '--db', db, '--allow-private-network', '--workers', '0', '--no-ner', '--host-interval', '0', '--batch-size', '4'];
  const articleCount = () => count(db, 'articles');

  const killedAt: number[] = [];
  for (const threshold of [3, 11, 19]) {
    const { child, done } = start(watchArgs);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished && articleCount() < threshold) await sleep(10);
    child.kill('SIGKILL');
    const result = await done;
    if (result.signal === 'SIGKILL') killedAt.push(articleCount());
  }
  assert.ok(killedAt.length >= 2 && killedAt.every((n) => n < pages.length), `kills at ${killedAt.join(', ')}`);

  const last = await run(watchArgs);
  assert.equal(last.code, 0, last.stdout + last.stderr);
  const rows = query<{ id: string; input: string; url: string }>(db, 'SELECT id, input, url FROM articles');
  assert.equal(rows.length, pages.length);
  assert.deepEqual(rows.map((r) => r.url).sort(), pages.map((p) => server.origin + p.path).sort());
  const items = query<{ status: string; article_id: string }>(db, 'SELECT status, article_id FROM source_items');
  assert.equal(items.length, pages.length);
  assert.deepEqual([...new Set(items.map((i) => i.status))], ['stored']);
  assert.deepEqual(items.map((i) => i.article_id).sort(), rows.map((r) => r.id).sort());
  // No layer row twice and no story member twice either.
  const [memberships] = query<{ n: number | string; d: number | string }>(db, 'SELECT COUNT(*) AS n, COUNT(DISTINCT article_id) AS d FROM story_articles');
  assert.equal(Number(memberships.n), Number(memberships.d));
  assert.equal(Number(memberships.d), pages.length);
  assert.equal(count(db, 'article_search'), pages.length);
});
