// Bad input against the HTTP API (app.inject over a store analysed from samples/): malformed and mistyped requests
// get JSON 4xx answers, hostile strings are inert (no SQL, no FTS5 syntax, no markup is ever interpreted), oversized
// and binary records are refused or stored without harm, a write that fails half-way answers 500 and leaves the store
// usable; and after all of it the server still answers and nothing stored before was lost.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Annotator } from '../annotate-pool.js';
import type { PipelineContext } from '../pipeline.js';
import type { Store } from '../store/store.js';
import { servedStore } from '../test-support/served-store.js';
import { repoRoot } from '../test-support/paths.js';
import { entityToken } from '../views/search-text.js';
import type { ArticleDetail, PostArticlesResult, SearchResult, StoryDetail, StoryList } from './api-types.js';
import { buildApp } from './server.js';

const TOKEN = 'bad-input-token';
const auth = { authorization: `Bearer ${TOKEN}` };

let dir = '';
let store: Store;
let context: PipelineContext;
let annotator: Annotator;
let app: FastifyInstance;
let initialIds: string[] = [];
let initialStories = 0;

const enc = encodeURIComponent;
const inject = (url: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' = 'GET') => app.inject({ method, url });
const postRaw = (payload: string | Buffer, contentType = 'application/json', target = app) =>
  target.inject({ method: 'POST', url: '/api/articles', payload, headers: { ...auth, 'content-type': contentType } });
const post = (payload: unknown, target = app) => postRaw(JSON.stringify(payload), 'application/json', target);

/** A JSON error answer: the status, a JSON content type and the {error, message, statusCode} body. */
function assertError(response: LightMyRequestResponse, status: number, what: string): { error: string; message: string } {
  assert.equal(response.statusCode, status, `${what}: ${response.body.slice(0, 300)}`);
  assert.match(String(response.headers['content-type']), /^application\/json/, what);
  const body = JSON.parse(response.body) as { error: string; message: string; statusCode: number };
  assert.equal(body.statusCode, status, what);
  assert.ok(typeof body.error === 'string' && body.error && typeof body.message === 'string' && body.message, what);
  return body;
}

function assertOk(response: LightMyRequestResponse, what: string): void {
  assert.equal(response.statusCode, 200, `${what}: ${response.body.slice(0, 300)}`);
  JSON.parse(response.body);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-api-bad-'));
  ({ store, context, annotator, app } = await servedStore(dir, [join(repoRoot, 'samples')], TOKEN));
  initialIds = store.listArticles().map((a) => a.id);
  initialStories = store.listStories().length;
});

after(async () => {
  await app?.close();
  await annotator?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('malformed JSON bodies are 400 with a JSON error', async () => {
  for (const body of ['{bad json', '{"text": "نص"', '{"text": "نص"} trailing', '[{"text": "نص"},]', "{'text': 'single quotes'}", '\u0000{}']) {
    assertError(await postRaw(body), 400, JSON.stringify(body));
  }
  assertError(await postRaw(''), 400, 'empty body');
  for (const body of ['42', '"a string"', 'null', 'true', '[]']) assertError(await postRaw(body), 400, body);
});

test('query strings of the wrong type or out of range are 400 with a JSON error', async () => {
  const urls = [
    '/api/stories?limit=abc', '/api/stories?limit=-1', '/api/stories?limit=0', '/api/stories?limit=201', '/api/stories?limit=1.5',
    '/api/stories?offset=-5', '/api/stories?offset=99999999999999', '/api/stories?offset=1e400', '/api/stories?type=unknown',
    '/api/stories?from=not-a-date', '/api/stories?to=2026-1-5', '/api/stories?from=20260101', '/api/stories?unknown=1',
    '/api/stories?limit=1&limit=2', `/api/stories?q=${'ا'.repeat(501)}`, `/api/stories?entity=${'x'.repeat(301)}`, '/api/stories?outlet=',
    '/api/events?format=xml', '/api/events?limit=5001', '/api/events?type=bombing', '/api/events?from=yesterday',
    '/api/search', '/api/search?q=', '/api/search?q=a&limit=101', '/api/search?q=a&offset=-1', `/api/search?q=${'ب'.repeat(501)}`,
    '/api/entities/org:sdf?limit=0', '/api/entities/org:sdf?limit=zzz', '/api/articles', '/api/articles?storyId=', `/api/stories/${'s'.repeat(301)}`,
    '/api/stories/', '/api/stories?limit=Infinity', '/api/stories?offset=-Infinity', '/api/events?limit=1e400', '/api/search?q=a&offset=Infinity',
  ];
  for (const url of urls) assertError(await inject(url), 400, url);
  // A date of the right shape that no calendar holds finds nothing, without an error.
  assertOk(await inject('/api/stories?from=2026-13-45'), 'from=2026-13-45');
  assertOk(await inject('/api/stories?offset=1000000'), 'the largest offset');
});

test('unknown ids are 404 with a JSON error; unknown routes and methods too', async () => {
  for (const url of ['/api/stories/s_nope', '/api/articles/a_nope', '/api/entities/person:nobody', `/api/stories/${enc('../../etc/passwd')}`, `/api/articles/${enc('a_x\u0000y')}`]) {
    assertError(await inject(url), 404, url);
  }
  for (const url of ['/api/nope', '/api/stories/x/y', '/api/v2/stories']) assertError(await inject(url), 404, url);
  for (const [method, url] of [['DELETE', '/api/articles/x'], ['PUT', '/api/stories'], ['PATCH', '/api/articles'], ['POST', '/api/stories']] as const) {
    assertError(await inject(url, method), 404, `${method} ${url}`);
  }
  assert.equal((await inject('/no-such-page')).statusCode, 404);
});

test('a body over the limit is 413 with a JSON error, and nothing is stored', async () => {
  const count = store.articleCount();
  const big = JSON.stringify({ id: 'too-big', text: 'ن'.repeat(4.5 * 1024 * 1024) });
  assert.ok(Buffer.byteLength(big) > 8 * 1024 * 1024);
  const body = assertError(await postRaw(big), 413, '9 MB body');
  assert.match(body.message, /8388608/);
  const { app: small } = await buildApp(store, context, annotator, { token: TOKEN, bodyLimit: 1000 });
  assertError(await post({ id: 'small-limit', text: 'ن'.repeat(600) }, small), 413, 'over a 1000-byte limit');
  await small.close();
  assert.equal(store.articleCount(), count);
});

test('a body that is not JSON is 415 with a JSON error', async () => {
  const text = 'قال مسؤول إن الوضع هادئ';
  for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html', 'application/octet-stream']) {
    assertError(await postRaw(text, type), 415, type);
  }
});

test('SQL-looking strings in filters, queries and ids are inert: no error, nothing dropped', async () => {
  const count = store.articleCount();
  const hostile = [
    "'; DROP TABLE articles; --", '" OR 1=1 --', "x' UNION SELECT detail_json FROM story_views --", '1; DELETE FROM story_views',
    "') OR ('a'='a", '%', '_', '\\',
  ];
  for (const s of hostile) {
    for (const url of [
      `/api/stories?q=${enc(s)}`, `/api/stories?entity=${enc(s)}`, `/api/stories?outlet=${enc(s)}`, `/api/stories?place=${enc(s)}`,
      `/api/events?entity=${enc(s)}`, `/api/events?place=${enc(s)}`, `/api/events?storyId=${enc(s)}`, `/api/search?q=${enc(s)}`, `/api/articles?storyId=${enc(s)}`,
    ]) assertOk(await inject(url), url);
    for (const url of [`/api/stories/${enc(s)}`, `/api/articles/${enc(s)}`, `/api/entities/${enc(s)}`]) assertError(await inject(url), 404, url);
    assert.equal(JSON.parse((await inject(`/api/stories?outlet=${enc(s)}`)).body).total, 0, s);
  }
  assert.equal(store.articleCount(), count);
  assert.equal((JSON.parse((await inject('/api/stories?limit=200')).body) as StoryList).total, initialStories);
});

test('FTS5 syntax in q never fails: every query answers 200 on search, stories and events', async () => {
  const queries = [
    '"', '""', '"الشرع', '*', 'الشرع*', 'NEAR(', 'NEAR(الشرع قسد, 2)', 'AND OR', 'OR', 'NOT', 'NOT قسد', '-', '-قسد', '^', '^الشرع',
    '(', ')', '(((', 'قسد)', 'title:قسد', 'body:x', '{title body}: قسد', 'قسد + الشرع', 'a:b:c', '«»', '!!!', '؟', '\\"', "'", '\u0000', '\u200f',
    'الشرع AND', 'AND الشرع', '"قسد" OR "الشرع"', 'ـــ',
  ];
  // Percent-encodings that are not UTF-8 (a lone surrogate, a stray byte) and a bare percent sign, sent as they are.
  const raw = ['%ED%A0%80', '%FF', '%', '%%22', '%C0%80'];
  for (const q of [...queries.map(enc), ...raw]) {
    for (const url of [`/api/search?q=${q}`, `/api/stories?q=${q}`, `/api/events?q=${q}`]) {
      const response = await inject(url);
      assert.notEqual(response.statusCode, 500, `${url}: ${response.body.slice(0, 200)}`);
      assert.ok(response.statusCode === 200 || response.statusCode === 400, `${url}: ${response.statusCode}`);
    }
  }
  // Operators typed by a user are words: «قسد OR الشرع» needs both (an OR would find more).
  const both = JSON.parse((await inject(`/api/search?q=${enc('قسد OR الشرع')}&limit=100`)).body) as SearchResult;
  const sdf = JSON.parse((await inject(`/api/search?q=${enc('قسد')}&limit=100`)).body) as SearchResult;
  assert.ok(both.totalArticles <= sdf.totalArticles);
});

test('HTML and script in posted fields are stored and returned verbatim, as JSON strings', async () => {
  const record = {
    id: 'hostile-<b>id</b>',
    outlet: 'وكالة <i onmouseover="alert(1)">الاختبار</i>',
    published: '2026-01-24',
    url: 'javascript:alert(document.cookie)',
    title: 'عنوان <script>alert("x")</script> & <b>غامق</b> &amp; &lt;',
    text: [
      'قال مسؤول في مدينة الرقة إن <script>fetch("/api/articles",{method:"POST"})</script> الوضع هادئ بعد اشتباكات محدودة.',
      'وأضاف أن &lt;b&gt; الطرق <img src=x onerror=alert(2)> مفتوحة، و<a href="javascript:alert(3)">رابط</a> "مقتبس" \\ {"json": true}.',
    ].join('\n'),
  };
  const response = await post(record);
  assert.equal(response.statusCode, 201, response.body);
  const [added] = (JSON.parse(response.body) as PostArticlesResult).articles;
  assert.equal(added.input, record.id);
  const got = await inject(`/api/articles/${enc(added.id)}`);
  assert.match(String(got.headers['content-type']), /^application\/json/);
  assert.equal(got.headers['x-content-type-options'], 'nosniff');
  const article = JSON.parse(got.body) as ArticleDetail;
  assert.deepEqual([article.title, article.text, article.outlet, article.url], [record.title, record.text, record.outlet, record.url]);
  const story = JSON.parse((await inject(`/api/stories/${enc(added.storyId!)}`)).body) as StoryDetail;
  assert.equal(story.title, record.title);
  assert.deepEqual(story.outlets, [record.outlet]);
  const hit = (JSON.parse((await inject(`/api/search?q=${enc('الطرق مفتوحة')}`)).body) as SearchResult).articles.find((a) => a.article.id === added.id);
  assert.ok(hit && hit.snippet.text.includes('<img src=x onerror=alert(2)>'), hit?.snippet.text);
  const outletList = JSON.parse((await inject(`/api/stories?outlet=${enc(record.outlet)}`)).body) as StoryList;
  assert.deepEqual(outletList.stories.map((s) => s.id), [added.storyId]);
});

test('binary, NUL and broken-Unicode records are reported, not stored; lone surrogates do not break the store', async () => {
  const count = store.articleCount();
  const response = await post([
    { id: 'nul-text', text: 'abc\u0000\u0000def\u0000ghi' },
    { id: 'control-text', text: '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008'.repeat(20) },
    { id: 'nul-html', html: '<p>\u0000\u0000</p>' },
  ]);
  assert.equal(response.statusCode, 201, response.body);
  const result = JSON.parse(response.body) as PostArticlesResult;
  assert.deepEqual(result.articles, []);
  assert.deepEqual(result.errors.map((e) => e.input).sort(), ['control-text', 'nul-html', 'nul-text']);
  assert.equal(store.articleCount(), count);
  const surrogate = await postRaw('{"id":"lone-surrogate","title":"\\ud800 عنوان","text":"قال مسؤول إن \\udc00 الوضع هادئ في مدينة الرقة اليوم."}');
  assert.equal(surrogate.statusCode, 201, surrogate.body);
  const stored = (JSON.parse(surrogate.body) as PostArticlesResult).articles;
  for (const a of stored) assertOk(await inject(`/api/articles/${enc(a.id)}`), a.id);
});

test('a 6 MB record inside the body limit is stored or refused, and the server keeps answering', async () => {
  const sentence = 'زرعت الحقول بالقمح والشعير في سهل واسع قرب النهر. ';
  const text = sentence.repeat(Math.ceil((6 * 1024 * 1024) / Buffer.byteLength(sentence)));
  assert.ok(Buffer.byteLength(text) >= 6 * 1024 * 1024 && Buffer.byteLength(text) < 7 * 1024 * 1024);
  const started = Date.now();
  const response = await post({ id: 'six-megabytes', title: 'نص طويل جداً', published: '2026-01-25', text });
  const seconds = (Date.now() - started) / 1000;
  assert.ok(response.statusCode === 201 || response.statusCode === 413, `${response.statusCode}: ${response.body.slice(0, 200)}`);
  if (response.statusCode === 201) {
    const result = JSON.parse(response.body) as PostArticlesResult;
    assert.equal(result.articles.length + result.errors.length, 1);
    for (const a of result.articles) {
      const article = JSON.parse((await inject(`/api/articles/${enc(a.id)}`)).body) as ArticleDetail;
      assert.equal(article.text, text.trimEnd());
    }
  }
  assertOk(await inject('/api/stories'), 'stories after the 6 MB record');
  assertOk(await inject(`/api/search?q=${enc('الشعير')}`), 'search after the 6 MB record');
  assert.ok(seconds < 120, `the 6 MB record took ${seconds.toFixed(1)} s`);
});

test('the index\'s own tokens are not words a user can find', async () => {
  // Every indexed article carries «qindexed» and a «qe…» token per entity in its entities column; typed as a query
  // they must not match (only a knowledge-base name reaches an entity token).
  for (const q of ['qindexed', entityToken('person:donald-trump')]) {
    const result = JSON.parse((await inject(`/api/search?q=${q}`)).body) as SearchResult;
    assert.equal(result.totalArticles, 0, q);
    assert.equal((JSON.parse((await inject(`/api/stories?q=${q}`)).body) as StoryList).total, 0, q);
  }
});

/** The store with one method made to fail, the rest passing through. */
function failing(real: Store, fail: { putArticle?: (title: string) => boolean; putStoryViews?: () => boolean }): Store {
  const serving = new Proxy(real.serving, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'putStoryViews' && fail.putStoryViews) {
        return (...args: unknown[]) => {
          if (fail.putStoryViews!()) throw new Error('disk I/O error (test)');
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'serving') return serving;
      const value = Reflect.get(target, prop, target);
      if (prop === 'putArticle' && fail.putArticle) {
        return (analysis: Parameters<Store['putArticle']>[0]) => {
          if (fail.putArticle!(analysis.doc.title)) throw new Error('disk I/O error (test)');
          return target.putArticle(analysis);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const record = (id: string, title: string, text: string) => ({ id, outlet: 'مرصد الاختبار', published: '2026-01-26', title, text });

test('a write that fails half-way answers 500 with a JSON body; stored articles stay; the next post works', async () => {
  const before = store.listArticles().map((a) => a.id);
  const { app: flaky } = await buildApp(failing(store, { putArticle: (title) => title.includes('يفشل') }), context, annotator, { token: TOKEN });
  const response = await post([
    record('w-good-1', 'افتتاح مخبز آلي في منبج', 'افتتح في مدينة منبج مخبز آلي جديد بطاقة إنتاجية كبيرة، وقال مسؤول محلي إنه يغطي حاجة الأحياء الشرقية.'),
    record('w-fails', 'خبر يفشل تخزينه', 'هذا الخبر يفشل تخزينه في قاعدة البيانات أثناء الاختبار، وقال مسؤول إن الخطأ متوقع.'),
    record('w-good-2', 'ترميم جسر في دير الزور', 'بدأت ورشات الصيانة ترميم جسر حديدي في مدينة دير الزور، وقال مهندس إن الأعمال تستمر شهرين.'),
  ], flaky);
  assertError(response, 500, 'failed write');
  const after = store.listArticles().map((a) => a.id);
  for (const id of before) assert.ok(after.includes(id), `${id} was lost`);
  assertOk(await flaky.inject({ method: 'GET', url: '/api/stories' }), 'stories after the failure');

  const next = await post([record('w-next', 'قطاف الكرز في الزبداني', 'بدأ مزارعو الزبداني قطاف الكرز مبكراً هذا العام بسبب دفء الطقس، وقال أحدهم إن الإنتاج وفير.')], flaky);
  assert.equal(next.statusCode, 201, next.body);
  const [added] = (JSON.parse(next.body) as PostArticlesResult).articles;
  assert.equal(added.alreadyStored, false);
  const found = JSON.parse((await flaky.inject({ method: 'GET', url: `/api/search?q=${enc('الكرز')}` })).body) as SearchResult;
  assert.deepEqual(found.articles.map((a) => a.article.id), [added.id]);
  const list = JSON.parse((await flaky.inject({ method: 'GET', url: '/api/stories?limit=1' })).body) as StoryList;
  assert.equal(list.stories[0].id, added.storyId);
  // Without the fault, the records of the failed post go in, each once.
  const again = await post([record('w-good-1', 'افتتاح مخبز آلي في منبج', 'افتتح في مدينة منبج مخبز آلي جديد بطاقة إنتاجية كبيرة، وقال مسؤول محلي إنه يغطي حاجة الأحياء الشرقية.')], flaky);
  assert.equal(again.statusCode, 201);
  assert.equal((JSON.parse(again.body) as PostArticlesResult).articles.length, 1);
  assert.equal(store.listArticles().filter((a) => a.input === 'w-good-1').length, 1);
  await flaky.close();
});

test('a failure while publishing views answers 500; re-posting the record publishes its story', async () => {
  let failures = 1;
  const { app: flaky } = await buildApp(failing(store, { putStoryViews: () => failures-- > 0 }), context, annotator, { token: TOKEN });
  const olive = record('v-olive', 'معصرة زيتون جديدة في عفرين', 'افتتحت في ريف عفرين معصرة زيتون جديدة تعمل بالطاقة الشمسية، وقال مالكها إنها تستقبل إنتاج مئات المزارعين.');
  assertError(await post([olive], flaky), 500, 'failed publish');
  assertOk(await flaky.inject({ method: 'GET', url: '/api/stories' }), 'stories after the failure');
  const again = await post([olive], flaky);
  assert.equal(again.statusCode, 201, again.body);
  const [added] = (JSON.parse(again.body) as PostArticlesResult).articles;
  const stories = JSON.parse((await flaky.inject({ method: 'GET', url: `/api/stories?q=${enc('معصرة زيتون')}` })).body) as StoryList;
  assert.deepEqual(stories.stories.map((s) => s.id), [added.storyId]);
  assertOk(await flaky.inject({ method: 'GET', url: `/api/stories/${enc(added.storyId!)}` }), 'the story page');
  await flaky.close();
});

test('after all of it: the server answers and every article stored before is still there, once', async () => {
  const list = JSON.parse((await inject('/api/stories?limit=200')).body) as StoryList;
  assert.ok(list.total >= initialStories);
  const ids = store.listArticles().map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of initialIds) {
    assert.ok(ids.includes(id), `${id} was lost`);
    assertOk(await inject(`/api/articles/${enc(id)}`), id);
  }
  const health = JSON.parse((await inject('/api/health')).body) as { ok: boolean; articles: number };
  assert.equal(health.ok, true);
});
