// `marsad enqueue` and `marsad queue`: one job per record, ingest errors reported per record, the same records again
// add nothing; the counts as `marsad queue` prints them, and `--retry-failed` queuing failed jobs again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMissing, runCli } from '../test-support/analyze-run.js';
import { openStore } from '../store/open.js';

const skip = cliMissing() ?? false;

test('enqueue queues each record once and reports unreadable records; queue prints the counts', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-enqueue-'));
  try {
    const db = join(dir, 'marsad.db');
    const input = join(dir, 'wire.jsonl');
    writeFileSync(input, [
      JSON.stringify({ id: 'w1', title: 'عنوان أول', text: 'نص الخبر الأول عن اجتماع في دمشق.' }),
      '{ not json',
      JSON.stringify({ id: 'w2', title: 'عنوان ثان', text: 'نص الخبر الثاني عن اجتماع في حلب.' }),
    ].join('\n') + '\n');
    const first = runCli(['enqueue', '--db', db, '--published', '2026-01-20', input]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^queued 2 of 2 pages \(0 already in the queue\)$/m);
    assert.match(first.stdout, /^ingest errors: 1$/m);
    assert.match(first.stdout, /wire\.jsonl#2: /);
    const again = runCli(['enqueue', '--db', db, input]);
    assert.match(again.stdout, /^queued 0 of 2 pages \(2 already in the queue\)$/m);
    const status = runCli(['queue', '--db', db]);
    assert.equal(status.stdout.trim(), 'queue: 2 queued, 0 leased, 0 done, 0 failed');
    const store = openStore(db);
    const [job] = store.queue.claim({ worker: 't', limit: 1, leaseSeconds: 60, maxAttempts: 3 });
    store.queue.retry(job.id, 'disk full', 1);
    store.close();
    // The page as the worker will analyse it: the default date applied at enqueue time.
    assert.equal(job.page.published, '2026-01-20');
    assert.equal(job.input, 'w1');
    assert.equal(runCli(['queue', '--db', db]).stdout, 'queue: 1 queued, 0 leased, 0 done, 1 failed\nlatest failures:\n  w1 (1 attempt): disk full\n');
    const retried = runCli(['queue', '--db', db, '--retry-failed']);
    assert.equal(retried.stdout, 'queued 1 failed job again\nqueue: 2 queued, 0 leased, 0 done, 0 failed\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
