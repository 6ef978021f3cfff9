// The progress display is a pure function of its state: the reducer counts per poll and in total, the table shows
// the totals and the last error, and log lines (non-TTY) report every error and one summary per source per poll.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyProgress, initialProgress, ProgressDisplay, progressLogLines, renderProgressTable, type ProgressEvent, type ProgressState } from './progress.js';

const URL_A = 'https://a.example/2026/x-1234';

const POLL: ProgressEvent[] = [
  { kind: 'cycle-start', sources: ['عنب', 'feed-b'] },
  { kind: 'poll-start', source: 'عنب' },
  { kind: 'poll-start', source: 'feed-b' },
  { kind: 'polled', source: 'عنب', url: 'https://a.example/feed', status: 'ok', listed: 10, new: 3 },
  { kind: 'poll-failed', source: 'feed-b', url: 'https://b.example/rss', code: 'invalid-feed', reason: 'not a feed: Invalid feed format' },
  { kind: 'item-fetched', source: 'عنب', url: URL_A },
  { kind: 'item-fetched', source: 'عنب', url: URL_A + '5' },
  { kind: 'item-stored', source: 'عنب', url: URL_A, articleId: 'a_1', duplicate: false },
  { kind: 'item-stored', source: 'عنب', url: URL_A + '5', articleId: 'a_1', duplicate: true },
  { kind: 'item-failed', source: 'عنب', url: URL_A + '6', code: 'http', reason: 'HTTP 503 Service Unavailable', willRetry: true },
  { kind: 'cycle-end' },
];

function replay(events: ProgressEvent[], from: ProgressState = initialProgress()): ProgressState {
  return events.reduce(applyProgress, from);
}

test('the reducer counts per poll and in total, and leaves the old state as it was', () => {
  const start = initialProgress();
  const state = replay(POLL, start);
  assert.deepEqual(start, initialProgress());
  const [a, b] = state.sources;
  assert.deepEqual(a.cycle, { listed: 10, new: 3, fetched: 2, added: 1, duplicates: 1, skipped: 0, errors: 1 });
  assert.deepEqual([a.phase, a.pollStatus, b.phase, b.pollStatus], ['idle', 'ok', 'poll-failed', 'invalid-feed']);
  assert.equal(state.lastError, `source عنب: ${URL_A}6: http HTTP 503 Service Unavailable`);
  const again = replay([{ kind: 'cycle-start', sources: ['عنب', 'feed-b'] }, { kind: 'polled', source: 'عنب', url: 'u', status: 'not-modified', listed: 0, new: 0 }], state);
  assert.equal(again.cycle, 2);
  assert.deepEqual(again.sources[0].cycle.fetched, 0);
  assert.deepEqual(again.sources[0].total.fetched, 2);
});

test('the table shows one row per source with totals and state, and the last error', () => {
  const table = renderProgressTable(replay(POLL));
  assert.equal(table, [
    'marsad watch: poll 1',
    'source state                     new fetched   added     dup skipped  errors',
    'عنب    idle                        3       2       1       1       0       1',
    'feed-b failed (invalid-feed)       0       0       0       0       0       1',
    `last error: source عنب: ${URL_A}6: http HTTP 503 Service Unavailable`,
    '',
  ].join('\n'));
  const waiting = renderProgressTable(applyProgress(replay(POLL), { kind: 'waiting', nextPollAt: '2026-02-01T10:10:00.000Z' }));
  assert.ok(waiting.startsWith('marsad watch: poll 1 done; next poll at 2026-02-01T10:10:00.000Z\n'));
});

test('log lines: every error with source and URL, and one summary per source at the end of a poll', () => {
  const lines: string[] = [];
  let state = initialProgress();
  for (const event of POLL) {
    state = applyProgress(state, event);
    lines.push(...progressLogLines(event, state));
  }
  assert.deepEqual(lines, [
    'source feed-b: https://b.example/rss: invalid-feed not a feed: Invalid feed format',
    `source عنب: ${URL_A}6: http HTTP 503 Service Unavailable (will retry)`,
    'source عنب: 10 listed, 3 new; 2 fetched, 1 added, 1 duplicates, 0 skipped, 1 errors',
    'source feed-b: poll failed (invalid-feed); 0 fetched, 0 added, 0 duplicates, 0 skipped, 1 errors',
  ]);
});

test('on a TTY the table is redrawn in place over the previous drawing', () => {
  let written = '';
  const out = { isTTY: true, write: (text: string) => (written += text) } as unknown as NodeJS.WritableStream;
  const display = new ProgressDisplay(out);
  for (const event of POLL) display.report(event);
  display.close();
  // Drawn at the end of the poll, then once more over it: up as many lines as the table has, clear, draw.
  const table = renderProgressTable(display.state);
  assert.equal(written, `${table}\x1b[${table.split('\n').length - 1}A\x1b[J${table}`);
});

test('a source deferred by its backoff shows as deferred in the table and in the summary line, with its next try', () => {
  const events: ProgressEvent[] = [
    { kind: 'cycle-start', sources: ['feed-b'] },
    { kind: 'poll-deferred', source: 'feed-b', failures: 4, until: '2026-01-20T09:00:00.000Z' },
    { kind: 'cycle-end' },
  ];
  const state = replay(events);
  assert.equal(state.sources[0].phase, 'deferred');
  assert.match(renderProgressTable(state), /feed-b\s+deferred \(4 failures, next try 2026-01-20T09:00:00\.000Z\)/);
  assert.deepEqual(progressLogLines(events[2], state),
    ['source feed-b: not polled: backing off (4 failures, next try 2026-01-20T09:00:00.000Z); 0 fetched, 0 added, 0 duplicates, 0 skipped, 0 errors']);
});
