// Article pages: charsets from the header or the meta tag, and caught when either lies; canonical URL, date and title
// from the page with the feed's as fallbacks; the outlet is the source; what is not an HTML article is skipped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { extractArticlePage, pageCharset, type PageExtraction } from './article-page.js';

const URL_FETCHED = 'https://news.example/news/2026/02/05/aleppo-power.html?utm_source=rss';
const PARAGRAPHS = [
  'أعلنت الشركة العامة للكهرباء في حلب تعديل برنامج التقنين اعتباراً من يوم الخميس في معظم أحياء المدينة بعد دخول مجموعة توليد جديدة إلى الخدمة.',
  'وقالت الشركة في بيانها إن ساعات الوصل ستصبح أربع ساعات مقابل ساعتي قطع، وإن المناطق الصناعية ستحصل على تغذية شبه مستمرة.',
];

function page(head: string): string {
  return `<!DOCTYPE html><html lang="ar"><head>${head}</head><body><nav><a href="/">الرئيسية</a></nav><article><h1>تعديل برنامج التقنين في حلب</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

const item = { title: 'عنوان الخلاصة', published: '2026-02-05T05:30:00.000Z' };

function extracted(result: PageExtraction) {
  assert.equal(result.kind, 'page', 'reason' in result ? result.reason : '');
  return (result as Extract<PageExtraction, { kind: 'page' }>).page;
}

test('a windows-1256 page is read right whatever the header says: right, wrong (utf-8) or nothing', () => {
  const bytes = iconv.encode(page('<meta charset="windows-1256"><title>تعديل برنامج التقنين في حلب</title>'), 'windows-1256');
  for (const contentType of ['text/html; charset=windows-1256', 'text/html; charset=utf-8', 'text/html', null]) {
    const result = extracted(extractArticlePage({ url: URL_FETCHED, contentType, bytes }, item, 'كهرباء'));
    assert.ok(result.text.includes(PARAGRAPHS[0]), `${contentType}: ${result.text.slice(0, 80)}`);
  }
  const noMeta = iconv.encode(page('<title>تعديل</title>'), 'windows-1256');
  const lying = extracted(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html; charset=utf-8', bytes: noMeta }, item, 'o'));
  assert.ok(lying.text.includes(PARAGRAPHS[1]));
});

test('a UTF-8 page declared as windows-1256 is read as UTF-8', () => {
  const bytes = Buffer.from(page('<meta charset="windows-1256">'), 'utf8');
  assert.equal(pageCharset('text/html; charset=windows-1256', bytes), 'utf-8');
  const result = extracted(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html; charset=windows-1256', bytes }, item, 'o'));
  assert.ok(result.text.includes(PARAGRAPHS[0]));
  assert.equal(pageCharset('text/html', Buffer.from('<meta charset="windows-1256"><p>ascii only</p>')), 'windows-1256');
});

test('the canonical URL (absolute or relative, from link or og:url) is the record id; else the fetched URL', () => {
  const cases: [string, string][] = [
    ['<link rel="canonical" href="https://news.example/a/aleppo-power">', 'https://news.example/a/aleppo-power'],
    ['<link rel="canonical" href="/a/aleppo-power#x">', 'https://news.example/a/aleppo-power'],
    ['<meta property="og:url" content="https://news.example/a/og-aleppo">', 'https://news.example/a/og-aleppo'],
    ['<link rel="canonical" href="https://news.example/">', URL_FETCHED],
    ['<link rel="canonical" href="javascript:alert(1)">', URL_FETCHED],
    ['', URL_FETCHED],
  ];
  for (const [head, expected] of cases) {
    const result = extracted(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html', bytes: Buffer.from(page(head)) }, item, 'o'));
    assert.equal(result.input, expected, head);
    assert.equal(result.url, expected, head);
  }
});

test('title and date come from the page, else from the feed item; the outlet is always the source name', () => {
  const own = extracted(extractArticlePage({
    url: URL_FETCHED, contentType: 'text/html',
    bytes: Buffer.from(page('<meta property="og:title" content="عنوان الصفحة"><meta property="og:site_name" content="موقع"><meta property="article:published_time" content="2026-02-05T08:30:00+03:00">')),
  }, item, 'كهرباء حلب'));
  assert.deepEqual([own.title, own.published, own.outlet], ['عنوان الصفحة', '2026-02-05T08:30:00+03:00', 'كهرباء حلب']);
  const bare = `<html><body><div>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
  const fallback = extracted(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html', bytes: Buffer.from(bare) }, item, 'o'));
  assert.deepEqual([fallback.title, fallback.published], [item.title, item.published]);
});

test('non-HTML bodies and empty pages are skipped; binary bodies fail', () => {
  const skipped = extractArticlePage({ url: URL_FETCHED, contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.7') }, item, 'o');
  assert.deepEqual(skipped, { kind: 'skipped', reason: 'not an HTML page (application/pdf)' });
  assert.equal(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html', bytes: Buffer.alloc(0) }, item, 'o').kind, 'skipped');
  assert.equal(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html', bytes: Buffer.from('<html><body><nav></nav></body></html>') }, item, 'o').kind, 'skipped');
  assert.equal(extractArticlePage({ url: URL_FETCHED, contentType: 'text/html', bytes: Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]) }, item, 'o').kind, 'failed');
  const text = extracted(extractArticlePage({ url: URL_FETCHED, contentType: 'text/plain; charset=utf-8', bytes: Buffer.from(PARAGRAPHS.join('\n')) }, item, 'o'));
  assert.equal(text.text, PARAGRAPHS.join('\n'));
  assert.equal(text.input, URL_FETCHED);
});
