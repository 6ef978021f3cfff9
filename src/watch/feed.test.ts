// Reading feeds: RSS, Atom, RDF and JSON Feed give each item's key (guid/id, else link), absolute link, title and
// date; relative links resolve against the feed URL; entries without a link are left out; non-feeds are errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseFeedItems } from './feed.js';

const FEED_URL = 'https://news.example/feeds/main.xml';
const bytes = (text: string) => Buffer.from(text, 'utf8');

test('RSS 2.0: guid as key, link, title without markup, RFC 822 date; a guid that is a permalink stands in for a link', () => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title>
    <item><title><![CDATA[<b>افتتاح</b> مدرسة]]></title><link>/a/2026/school-1234</link><guid isPermaLink="false">id-1</guid><pubDate>Sat, 07 Feb 2026 07:45:00 GMT</pubDate></item>
    <item><title>بلا رابط</title><guid>https://news.example/a/permalink-5678</guid></item>
    <item><title>بلا مفتاح</title><link>https://news.example/a/no-guid-9999#comments</link></item>
    <item><title>لا شيء</title><guid isPermaLink="false">orphan</guid></item>
  </channel></rss>`;
  const feed = parseFeedItems(bytes(rss), 'application/rss+xml', FEED_URL);
  assert.ok(!('error' in feed));
  assert.equal(feed.format, 'rss');
  assert.equal(feed.title, 'أخبار');
  assert.deepEqual(feed.items, [
    { key: 'id-1', url: 'https://news.example/a/2026/school-1234', title: 'افتتاح مدرسة', published: '2026-02-07T07:45:00.000Z' },
    { key: 'https://news.example/a/permalink-5678', url: 'https://news.example/a/permalink-5678', title: 'بلا رابط', published: null },
    { key: 'https://news.example/a/no-guid-9999', url: 'https://news.example/a/no-guid-9999', title: 'بلا مفتاح', published: null },
  ]);
});

test('Atom: id as key, the alternate HTML link (relative), published before updated', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>الموقع</title><id>urn:feed</id>
    <entry><title type="html">قافلة &lt;i&gt;طبية&lt;/i&gt;</title><id>tag:news.example,2026:1</id>
      <link rel="self" href="/api/1.json"/><link rel="alternate" type="text/html" href="../a/convoy-2026"/>
      <published>2026-02-10T09:00:00Z</published><updated>2026-02-11T09:00:00Z</updated></entry>
    <entry><title>تحديث</title><id>tag:news.example,2026:2</id><link href="https://news.example/a/update-1"/><updated>2026-02-12T09:00:00Z</updated></entry>
  </feed>`;
  const feed = parseFeedItems(bytes(atom), 'application/atom+xml', FEED_URL);
  assert.ok(!('error' in feed));
  assert.equal(feed.format, 'atom');
  assert.deepEqual(feed.items, [
    { key: 'tag:news.example,2026:1', url: 'https://news.example/a/convoy-2026', title: 'قافلة طبية', published: '2026-02-10T09:00:00Z' },
    { key: 'tag:news.example,2026:2', url: 'https://news.example/a/update-1', title: 'تحديث', published: '2026-02-12T09:00:00Z' },
  ]);
});

test('RDF (RSS 1.0) and JSON Feed', () => {
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://news.example/"><title>T</title><link>https://news.example/</link></channel>
    <item rdf:about="https://news.example/a/rdf-item-1"><title>مرفأ</title><link>https://news.example/a/rdf-item-1</link><dc:date>2026-02-12</dc:date></item>
  </rdf:RDF>`;
  const fromRdf = parseFeedItems(bytes(rdf), 'application/rdf+xml', FEED_URL);
  assert.ok(!('error' in fromRdf));
  assert.equal(fromRdf.format, 'rdf');
  assert.deepEqual(fromRdf.items, [{ key: 'https://news.example/a/rdf-item-1', url: 'https://news.example/a/rdf-item-1', title: 'مرفأ', published: '2026-02-12' }]);

  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'J',
    items: [
      { id: 'j1', url: 'https://news.example/a/json-1', title: 'الليرة', date_published: '2026-02-11T06:40:00Z' },
      { id: 2, external_url: 'https://other.example/a/2', date_modified: '2026-02-11T07:00:00Z' },
      { id: 'no-url', content_text: 'نص فقط' },
    ],
  });
  const fromJson = parseFeedItems(bytes(json), 'application/feed+json', FEED_URL);
  assert.ok(!('error' in fromJson));
  assert.deepEqual(fromJson.items, [
    { key: 'j1', url: 'https://news.example/a/json-1', title: 'الليرة', published: '2026-02-11T06:40:00Z' },
    { key: '2', url: 'https://other.example/a/2', title: null, published: '2026-02-11T07:00:00Z' },
  ]);
});

test('a windows-1256 feed is decoded by its XML declaration', () => {
  const rss = `<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>عنوان</title><item><title>خبر عاجل</title><link>https://news.example/a/urgent-1234</link></item></channel></rss>`;
  const feed = parseFeedItems(iconv.encode(rss, 'windows-1256'), 'text/xml', FEED_URL);
  assert.ok(!('error' in feed));
  assert.equal(feed.items[0].title, 'خبر عاجل');
});

test('invalid XML, an HTML page and undecodable bytes are errors, not empty feeds', () => {
  for (const body of [
    '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</item></channel>',
    '<!DOCTYPE html><html><body><p>صفحة</p></body></html>',
    '{"not": "a feed"}',
  ]) {
    const feed = parseFeedItems(bytes(body), null, FEED_URL);
    assert.ok('error' in feed && feed.error.startsWith('not a feed'), body);
  }
  const binary = parseFeedItems(Uint8Array.from({ length: 256 }, (_, i) => (i * 7 + 128) % 256), 'text/xml', FEED_URL);
  assert.ok('error' in binary);
});
