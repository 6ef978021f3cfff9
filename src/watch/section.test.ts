// Section pages: the article-link heuristic (a table of URLs), and reading a page's same-site article links once each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeArticleUrl, sectionPageItems } from './section.js';

const ARTICLE_URLS = [
  'https://news.example/archives/801122',
  'https://news.example/news/2026/02/03/deir-ezzor-water-station.html',
  'https://news.example/syria/story-123456',
  'https://news.example/2026/02/05/power-cuts',
  'https://news.example/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/%D8%A7%D9%81%D8%AA%D8%AA%D8%A7%D8%AD-%D9%85%D8%AF%D8%B1%D8%B3%D8%A9-%D9%81%D9%8A-%D8%AD%D9%85%D8%B5',
  'https://news.example/article.php?id=55',
];
const NOT_ARTICLE_URLS = [
  'https://news.example/',
  'https://news.example/syria',
  'https://news.example/2026/02/',
  'https://news.example/tag/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7',
  'https://news.example/author/ahmad-al-khalil-writer',
  'https://news.example/category/politics/economy-news-today',
  'https://news.example/section/syria/page/2',
  'https://news.example/images/banner-2026-large-photo.jpg',
  'https://news.example/feed/rss-2026-latest',
  'https://news.example/index.php?lang=ar',
];

test('article-looking URLs are told from listings, furniture and files', () => {
  for (const url of ARTICLE_URLS) assert.equal(looksLikeArticleUrl(new URL(url)), true, url);
  for (const url of NOT_ARTICLE_URLS) assert.equal(looksLikeArticleUrl(new URL(url)), false, url);
});

test('a section page yields its same-site article links once, in page order, with the longest link text', () => {
  const html = `<html><body><nav><a href="/">الرئيسية</a><a href="/syria">سوريا</a></nav>
    <a href="/news/2026/02/09/idlib-camps-flooding.html"><img src="/i/1.jpg"></a>
    <a href="/news/2026/02/09/idlib-camps-flooding.html#top">أمطار غزيرة تغرق عشرات الخيام</a>
    <a href="https://www.news.example/archives/801122">خبر من الأرشيف</a>
    <a href="https://elsewhere.example/news/2026/02/09/other-site-story.html">موقع آخر</a>
    <a href="mailto:desk@news.example">راسلنا</a>
    <a href="/tag/idlib">إدلب</a>
    <a href="/section/syria/">هذه الصفحة</a>
  </body></html>`;
  assert.deepEqual(sectionPageItems(html, 'https://news.example/section/syria/'), [
    { key: 'https://news.example/news/2026/02/09/idlib-camps-flooding.html', url: 'https://news.example/news/2026/02/09/idlib-camps-flooding.html', title: 'أمطار غزيرة تغرق عشرات الخيام', published: null },
    { key: 'https://www.news.example/archives/801122', url: 'https://www.news.example/archives/801122', title: 'خبر من الأرشيف', published: null },
  ]);
});
