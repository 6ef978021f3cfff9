// `marsad analyze` on bad input: every bad record is an error entry naming its input and why, good records are
// still analysed, and the exit code is non-zero only when nothing could be analysed.
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeJson, cliMissing, runCli } from '../test-support/analyze-run.js';
import { contractProblems } from '../test-support/contract.js';
import type { AnalysisOutput } from '../output/analysis.js';

const skip = cliMissing() ?? false;

const GOOD_PAGE = [
  'محافظ حمص يفتتح مستشفى ميدانياً في تلكلخ',
  '',
  'افتتح محافظ حمص، الأحد، مستشفى ميدانياً في مدينة تلكلخ غرب المحافظة، يضم أربعين سريراً وغرفتي عمليات.',
  '',
  'وقال مدير صحة حمص إن المستشفى سيخدم نحو 60 ألف نسمة في المنطقة، على أن يُستكمل تجهيزه خلال الشهر المقبل.',
].join('\n');

const GOOD_RECORD = {
  id: 'good-record',
  title: 'بلدية حلب تعيد فتح سوق المدينة القديم',
  published: '2026-01-18',
  text: 'أعادت بلدية حلب، السبت، فتح سوق المدينة القديم أمام الزوار بعد أعمال ترميم استمرت عامين.\nوقال رئيس البلدية إن أكثر من 200 محل تجاري عادت إلى العمل.',
};

/** Bytes that are not UTF-8 and decode to symbols, not Arabic, in windows-1256 and ISO-8859-6. */
function undecodableBytes(): Buffer {
  const symbols = [0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa9, 0xae, 0xb0, 0xb1, 0xb5, 0xb6];
  return Buffer.from(Array.from({ length: 600 }, (_, i) => (i % 7 === 6 ? 0x20 : symbols[(i * 5) % symbols.length])));
}

/** Pseudo-random bytes with NULs (a deterministic generator: the test must not be flaky). */
function binaryBytes(): Buffer {
  let x = 12345;
  return Buffer.from(Array.from({ length: 4096 }, (_, i) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return i % 97 === 0 ? 0 : x & 0xff;
  }));
}

/** Writes a page of `megabytes` MB of Arabic text without holding it in memory at once. */
function writeHugePage(path: string, megabytes: number): void {
  const line = Buffer.from('وقال مسؤول محلي إن الأعمال ستتواصل في الأسابيع المقبلة لإعادة الخدمات إلى المدينة.\n', 'utf8');
  const chunk = Buffer.concat(Array.from({ length: Math.ceil((1 << 20) / line.length) }, () => line));
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < megabytes * (1 << 20); written += chunk.length) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

let root = '';
let mixed: { code: number | null; output: AnalysisOutput; stderr: string } | null = null;

before(() => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'marsad-bad-input-'));
  const dir = join(root, 'inbox');
  mkdirSync(dir);
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), binaryBytes());
  writeFileSync(join(dir, 'undecodable.txt'), undecodableBytes());
  writeFileSync(join(dir, 'good.txt'), GOOD_PAGE + '\n');
  writeFileSync(join(dir, 'feed.jsonl'), Buffer.concat([
    Buffer.from(JSON.stringify(GOOD_RECORD) + '\n', 'utf8'),
    Buffer.from('{"id": "broken", "text": "سطر لم يكتمل\n', 'utf8'),
    Buffer.from('{"id": "latin-junk", "text": "', 'utf8'), undecodableBytes(), Buffer.from('"}\n', 'utf8'),
  ]));
  writeFileSync(join(dir, 'notes.md'), 'not a page: ignored when walking a folder');
  writeHugePage(join(dir, 'huge.txt'), 50);
  mixed = analyzeJson(['inbox', 'no-such-file.txt'], root);
});

after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function errorFor(output: AnalysisOutput, input: string): string {
  const entry = output.errors.find((e) => e.input === input);
  assert.ok(entry, `no error entry for ${input}; errors: ${JSON.stringify(output.errors, null, 1)}`);
  return entry.reason;
}

test('a folder of bad files and one good page: exit 0, the good page analysed', { skip }, () => {
  const { code, output } = mixed!;
  assert.equal(code, 0);
  assert.deepEqual(contractProblems(output), []);
  const good = output.articles.find((a) => a.input === 'inbox/good.txt');
  assert.ok(good, `good.txt was not analysed: ${JSON.stringify(output.articles.map((a) => a.input))}`);
  assert.equal(good.title, 'محافظ حمص يفتتح مستشفى ميدانياً في تلكلخ');
  assert.ok(good.text.includes('أربعين سريراً'));
  assert.ok(output.entities.some((e) => e.mentions.some((m) => m.articleId === good.id && m.text === 'حمص')));
});

test('each bad record is one error entry naming its input, with a reason a user understands', { skip }, () => {
  const { output } = mixed!;
  const table: [input: string, reason: RegExp][] = [
    ['inbox/empty.txt', /empty/i],
    ['inbox/binary.txt', /binary/i],
    ['inbox/undecodable.txt', /undecodable/i],
    ['inbox/huge.txt', /too large/i],
    ['inbox/feed.jsonl#2', /invalid JSON/i],
    ['inbox/feed.jsonl#3', /undecodable/i],
    ['no-such-file.txt', /missing path|no such file/i],
  ];
  for (const [input, reason] of table) assert.match(errorFor(output, input), reason, input);
  assert.equal(output.errors.length, table.length, JSON.stringify(output.errors, null, 1));
});

test('a bad line in a JSONL file does not lose the good record before it', { skip }, () => {
  const article = mixed!.output.articles.find((a) => a.input === 'good-record');
  assert.ok(article, 'the good JSONL record was lost');
  assert.equal(article.title, GOOD_RECORD.title);
  assert.equal(article.published, '2026-01-18');
  assert.equal(mixed!.output.articles.length, 2, 'only good.txt and the good JSONL record are articles');
});

test('files with unknown extensions in a folder are ignored, and named directly they are an error', { skip }, () => {
  assert.ok(!mixed!.output.errors.some((e) => e.input.endsWith('notes.md')));
  const { code, output } = analyzeJson(['inbox/notes.md', 'inbox/good.txt'], root);
  assert.equal(code, 0);
  assert.match(errorFor(output, 'inbox/notes.md'), /extension/);
});

test('a run where every input is bad exits non-zero and still lists every error', { skip }, () => {
  const { code, output } = analyzeJson(['inbox/empty.txt', 'inbox/binary.txt', 'inbox/feed.jsonl#nothing', 'gone/'], root);
  assert.notEqual(code, 0);
  assert.deepEqual(output.articles, []);
  assert.deepEqual(output.errors.map((e) => e.input), ['inbox/empty.txt', 'inbox/binary.txt', 'inbox/feed.jsonl#nothing', 'gone/']);
  assert.deepEqual(contractProblems(output), []);
});

test('without --json, a failing run prints the errors and exits non-zero', { skip }, () => {
  const run = runCli(['analyze', 'inbox/empty.txt', 'missing.html'], root);
  assert.notEqual(run.code, 0);
  assert.match(run.stdout, /inbox\/empty\.txt: .*empty/);
  assert.match(run.stdout, /missing\.html: .*(missing|no such)/);
});

test('bad command-line arguments are refused with a message, not a stack trace', { skip }, () => {
  const run = runCli(['analyze', '--published', '20-01-2026', 'inbox/good.txt'], root);
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /YYYY-MM-DD/);
  assert.doesNotMatch(run.stderr, /at .*\.js:\d+/);
});
