import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, openSync, closeSync, writeFileSync, ftruncateSync, writeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes } from './charset.js';
import { domToText, stripSiteSuffix } from './html.js';
import { parseHTML } from 'linkedom';
import { normalizePublished } from './published.js';
import { readInputs } from './read.js';
import { recordToPage } from './record.js';
import type { IngestError, RawPage } from './types.js';

const ARABIC = 'أعلنت وزارة الصحة السورية، الأحد، افتتاح مستشفى جديد في مدينة حلب.\nوقال الوزير إن المستشفى يضم مئة سرير.';
const dir = mkdtempSync(join(tmpdir(), 'marsad-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(paths: string[], maxRecordBytes?: number): Promise<(RawPage | IngestError)[]> {
  const out: (RawPage | IngestError)[] = [];
  for await (const item of readInputs(paths, { maxRecordBytes })) out.push(item);
  return out;
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

test('decodes UTF-8 with and without BOM, windows-1256 and ISO-8859-6', () => {
  const cases: [string, Uint8Array, string][] = [
    ['utf-8', Buffer.from(ARABIC, 'utf8'), 'utf-8'],
    ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC, 'utf8')]), 'utf-8'],
    ['windows-1256', iconv.encode(ARABIC, 'windows-1256'), 'windows-1256'],
    ['iso-8859-6', iconv.encode('وقال الوزير إن المستشفى يضم مئة سرير وعيادات للأطفال', 'iso-8859-6'), 'iso-8859-6'],
  ];
  for (const [name, bytes, encoding] of cases) {
    const decoded = decodeBytes(bytes);
    assert.ok('text' in decoded, name);
    assert.equal(decoded.encoding, encoding, name);
    assert.ok(!decoded.text.startsWith('\ufeff'), name);
  }
  const iso = decodeBytes(iconv.encode('وقال الوزير إن المستشفى يضم مئة سرير وعيادات للأطفال', 'iso-8859-6'));
  assert.ok('text' in iso && iso.text === 'وقال الوزير إن المستشفى يضم مئة سرير وعيادات للأطفال');
});

test('a declared HTML charset is followed', async () => {
  const html = `<html><head><meta charset="windows-1256"><title>خبر</title></head><body><p>${ARABIC}</p></body></html>`;
  const path = write('declared.html', iconv.encode(html, 'windows-1256'));
  const [page] = await readAll([path]);
  assert.ok('text' in page);
  assert.match(page.text, /افتتاح مستشفى جديد في مدينة حلب/);
});

test('bytes that are no Arabic or Latin text are undecodable', () => {
  const junk = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 0x20)));
  const decoded = decodeBytes(junk);
  assert.ok('error' in decoded);
  assert.match(decoded.error, /undecodable bytes/);
});

test('bad records become errors and the batch goes on', async () => {
  const big = join(dir, 'big.txt');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  const paths = [
    write('empty.txt', ''),
    write('binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00])),
    big,
    join(dir, 'nowhere.txt'),
    write('notes.docx', 'x'),
    write('good.txt', ARABIC),
  ];
  const started = Date.now();
  const results = await readAll(paths);
  assert.ok(Date.now() - started < 2000, 'a 50 MB page is refused without being read');
  const reasons = results.map((r) => ('reason' in r ? r.reason.split(':')[0] : 'ok'));
  assert.deepEqual(reasons, ['empty record', 'binary content', 'record too large', 'missing path', 'unknown extension ".docx"', 'ok']);
});

test('JSONL: good, invalid, non-object, missing fields, oversize lines; ids from records or file#line', async () => {
  const huge = JSON.stringify({ id: 'huge', text: 'ب'.repeat(3 * 1024 * 1024) });
  const lines = [
    JSON.stringify({ id: 'a1', text: ARABIC, title: 'افتتاح مستشفى', published: '2026-01-18T08:00:00Z' }),
    '{"id": "broken", "text": ',
    '42',
    JSON.stringify({ title: 'بلا نص' }),
    '',
    huge,
    JSON.stringify({ text: ARABIC, url: 'https://example.org/a' }),
  ];
  const path = write('batch.jsonl', lines.join('\n'));
  const results = await readAll([path], 5 * 1024 * 1024);
  assert.deepEqual(
    results.map((r) => [r.input.replace(dir + '/', ''), 'reason' in r ? r.reason.split(':')[0] : 'ok']),
    [
      ['a1', 'ok'],
      ['batch.jsonl#2', 'invalid JSON'],
      ['batch.jsonl#3', 'not a JSON object'],
      ['batch.jsonl#4', 'record has no "text" or "html" string field'],
      ['batch.jsonl#6', 'record too large'],
      ['batch.jsonl#7', 'ok'],
    ],
  );
  const first = results[0] as RawPage;
  assert.equal(first.title, 'افتتاح مستشفى');
  assert.equal(first.published, '2026-01-18T08:00:00Z');
  assert.equal((results[5] as RawPage).url, 'https://example.org/a');
});

test('an empty JSONL file is an error', async () => {
  const results = await readAll([write('none.jsonl', '\n\n')]);
  assert.equal(results.length, 1);
  assert.match((results[0] as IngestError).reason, /^empty record/);
});

test('directories are walked recursively in sorted order, skipping unknown extensions', async () => {
  const root = join(dir, 'tree');
  write('tree/b/2.html', `<html><body><p>${ARABIC}</p></body></html>`);
  write('tree/b/1.txt', ARABIC);
  write('tree/a.txt', ARABIC);
  write('tree/c.jsonl', JSON.stringify({ id: 'c1', text: ARABIC }));
  write('tree/image.png', 'not a page');
  const results = await readAll([root]);
  assert.deepEqual(
    results.map((r) => r.input.replace(root + '/', '')),
    ['a.txt', 'b/1.txt', 'b/2.html', 'c1'],
  );
  assert.ok(results.every((r) => 'text' in r));
});

test('recordToPage checks the record and keeps its metadata', () => {
  const table: [unknown, string][] = [
    [null, 'not a JSON object'],
    ['text', 'not a JSON object'],
    [{ id: 'x' }, 'record has no "text" or "html" string field'],
    [{ text: '' }, 'empty record'],
    [{ text: '\u0000\u0001\u0002abc' }, 'binary content'],
    [{ html: '<html><body></body></html>' }, 'empty record'],
  ];
  for (const [record, reason] of table) {
    const result = recordToPage(record, 'api#1');
    assert.ok('reason' in result, JSON.stringify(record));
    assert.equal(result.reason.split(':')[0], reason);
  }
  const page = recordToPage({ id: 7, text: 'سطر\r\nسطر ثان', outlet: 'سانا', published: 'not a date' }, 'api#2');
  assert.deepEqual(page, { input: '7', text: 'سطر\nسطر ثان', title: null, url: null, outlet: 'سانا', published: null });
});

test('HTML records: metadata from the page, record fields win', () => {
  const html = `<html><head><title>عنوان الخبر | موقع الشام</title><meta property="og:site_name" content="موقع الشام">
    <meta name="date" content="2026-01-05"><link rel="canonical" href="https://sham.example/n/5"></head>
    <body><nav>الرئيسية</nav><article><p>${ARABIC}</p></article></body></html>`;
  const page = recordToPage({ html, outlet: 'مصدر آخر' }, 'r#1');
  assert.ok('text' in page);
  assert.equal(page.title, 'عنوان الخبر');
  assert.equal(page.url, 'https://sham.example/n/5');
  assert.equal(page.outlet, 'مصدر آخر');
  assert.equal(page.published, '2026-01-05');
  assert.ok(!page.text.includes('الرئيسية'));
});

test('HTML: JSON-LD date, URL host as outlet, body fallback for a page without an article', () => {
  const html = `<html><head><meta property="og:url" content="https://www.akhbar.example/x">
    <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2026-01-21T10:00:00+03:00"}]}</script></head>
    <body><div>خبر قصير جداً</div></body></html>`;
  const page = recordToPage({ html }, 'r#2');
  assert.ok('text' in page);
  assert.equal(page.outlet, 'akhbar.example');
  assert.equal(page.published, '2026-01-21T10:00:00+03:00');
  assert.equal(page.text, 'خبر قصير جداً');
});

test('figure and figcaption text leaves the article text and is listed as captions', () => {
  const figure = '<figure><img src="a.jpg"><figcaption>عمال يصلحون محولة في حي الجورة (نبض الفرات)</figcaption></figure>';
  const body = `<p>فقرة أولى عن الكهرباء.</p>${figure}<p>فقرة ثانية.</p><figcaption>تعليق خارج الإطار</figcaption>`;
  const captions: string[] = [];
  const text = domToText(parseHTML(`<html><body>${body}</body></html>`).document as never, captions);
  assert.equal(text, 'فقرة أولى عن الكهرباء.\nفقرة ثانية.');
  assert.deepEqual(captions, ['عمال يصلحون محولة في حي الجورة (نبض الفرات)', 'تعليق خارج الإطار']);
  const paragraphs = '<p>عاد التيار الكهربائي إلى أحياء المدينة الشرقية بعد انقطاع دام أسبوعين بسبب عطل في خط التوتر العالي.</p>'.repeat(3);
  const page = recordToPage({ html: `<article><h1>عودة الكهرباء</h1>${figure}${paragraphs}</article>` }, 'r1') as RawPage;
  assert.deepEqual(page.captions, ['عمال يصلحون محولة في حي الجورة (نبض الفرات)']);
  assert.ok(!page.text.includes('نبض الفرات'));
  assert.equal((recordToPage({ html: `<article>${paragraphs}</article>` }, 'r2') as RawPage).captions, undefined);
});

test('stripSiteSuffix removes the site name only', () => {
  const table: [string, string][] = [
    ['خبر مهم - الشرق', 'خبر مهم'],
    ['خبر مهم | الشرق', 'خبر مهم'],
    ['الشرق | خبر مهم', 'خبر مهم'],
    ['دمشق - حلب: طريق جديد', 'دمشق - حلب: طريق جديد'],
  ];
  for (const [title, expected] of table) assert.equal(stripSiteSuffix(title, ['الشرق']), expected);
});

test('normalizePublished', () => {
  const table: [unknown, string | null][] = [
    ['2026-01-19', '2026-01-19'],
    ['2026/1/9', '2026-01-09'],
    ['2026-02-30', null],
    ['2026-01-19T10:15:00+02:00', '2026-01-19T10:15:00+02:00'],
    ['Mon, 19 Jan 2026 10:15:00 GMT', '2026-01-19T10:15:00.000Z'],
    ['أمس', null],
    ['', null],
    [20260119, null],
  ];
  for (const [raw, expected] of table) assert.equal(normalizePublished(raw), expected, String(raw));
});

test('a folder manifest fills the gaps of the .txt and .html files beside it, not of JSONL records or of other folders', async () => {
  const txt = write('manifested/report.txt', ARABIC);
  write('manifested/manifest.json', JSON.stringify({
    'report.txt': { outlet: 'الشرق الأوسط', published: '2026-01-20', url: 'https://example.com/report' },
    'records.jsonl#1': { outlet: 'not for records' },
    'elsewhere.txt': { outlet: 'not for other folders' },
  }));
  write('manifested/records.jsonl', JSON.stringify({ text: ARABIC }) + '\n');
  write('unmanifested/elsewhere.txt', ARABIC);
  const pages = (await readAll([join(dir, 'manifested'), join(dir, 'unmanifested')])) as RawPage[];
  const byInput = new Map(pages.map((p) => [p.input, p]));
  const report = byInput.get(txt)!;
  assert.equal(report.outlet, 'الشرق الأوسط');
  assert.equal(report.published, '2026-01-20');
  assert.equal(report.url, 'https://example.com/report');
  assert.equal(byInput.get(join(dir, 'manifested', 'records.jsonl') + '#1')!.outlet, null);
  assert.equal(byInput.get(join(dir, 'unmanifested', 'elsewhere.txt'))!.outlet, null);
});
