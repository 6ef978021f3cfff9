// The HTTP API over a store analysed from samples/ (plus the Shaddadi/Tal Tamr contradiction case and three fixture
// articles of our own for ranking and spelling variants), through app.inject (no network). Every endpoint is checked
// against what the store itself holds: filters narrow to exactly the matching stories, pages are consistent, the
// story page resolves its timeline, claims and contradictions, snippets mark the matched words, and a posted
// article is analysed and visible everywhere at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Annotator } from '../annotate-pool.js';
import type { PipelineContext } from '../pipeline.js';
import type { ArticleRow, Store } from '../store/store.js';
import { servedStore } from '../test-support/served-store.js';
import { repoRoot } from '../test-support/paths.js';
import { searchForms } from '../views/search-text.js';
import type {
  ArticleDetail, EntityDetail, EntityRef, EventFeatureCollection, EventItem, EventList, OutletCount, PostArticlesResult, SearchResult,
  Snippet, StoryDetail, StoryList, StorySummary,
} from './api-types.js';
import { buildApp } from './server.js';

const TOKEN = 'api-test-token';

/** Our own articles: a word in one title and in passing in another body; spelling variants of common words. */
const FIXTURES = [
  {
    id: 'fx-saffron-title',
    outlet: 'مرصد الاختبار',
    published: '2026-01-26',
    title: 'مزارعو الزعفران في ريف حماة يبدأون موسم القطاف',
    text: [
      'بدأ مزارعون في قرى سهل الغاب بريف حماة قطف المحصول الأحمر الثمين هذا الأسبوع، بعد موسم أمطار وصفوه بالجيد.',
      'وقال أحد المزارعين إن سعر الغرام الواحد ارتفع مقارنة بالعام الماضي، وإن التجار بدأوا يتوافدون على القرى لشراء الإنتاج.',
      'ويأمل المزارعون أن تساعدهم الجمعيات الفلاحية في تسويق المحصول خارج المحافظة.',
    ].join('\n'),
  },
  {
    id: 'fx-market-passing',
    outlet: 'مرصد الاختبار',
    published: '2026-01-26',
    title: 'أسواق حلب القديمة تستعيد حركتها قبل شهر رمضان',
    text: [
      'عادت الحركة إلى أسواق حلب القديمة مع اقتراب شهر رمضان، بعد أعمال ترميم طالت عدداً من الخانات والمحال التاريخية.',
      'وتعرض المحال التوابل والصابون والزعفران إلى جانب الأقمشة والحلويات، فيما يشكو التجار من ضعف القدرة الشرائية.',
      'وقال تاجر في سوق العطارين إن الإقبال يزداد مساء كل يوم، وإن أصحاب المحال مددوا ساعات العمل حتى منتصف الليل.',
      'ويأمل أهالي المدينة القديمة أن تعود الأسواق إلى سابق عهدها بعد سنوات من الركود.',
    ].join('\n'),
  },
  {
    id: 'fx-variants',
    outlet: 'مرصد الاختبار',
    published: '2026-01-27',
    title: 'اطلاق سراح موقوفين في المدينه بعد وساطة عشائرية',
    text: [
      'اعلن مسئول محلي في دير الزور اطلاق سراح عشرين موقوفا من ابناء المدينه، بعد وساطة قادها وجهاء العشائر مع قيادة الامن الداخلي.',
      'وقال المسئول ان مديرية شئون العشائر تابعت الملف منذ اسبوعين، وان الافراج تم دون شروط.',
      'ونقل اثنان من المفرج عنهم الى مستشفي المدينه للعلاج، فيما عاد الهدوء الى احياء المدينه مساء الاحد.',
    ].join('\n'),
  },
];

/** A new article for POST: a story of its own, words found nowhere else («الفستق», «نصيب»). */
const PISTACHIO = {
  id: 'post-pistachio',
  outlet: 'مرصد الاختبار',
  published: '2026-01-28',
  title: 'ارتفاع صادرات الفستق الحلبي عبر معبر نصيب',
  text: [
    'ارتفعت صادرات الفستق الحلبي عبر معبر نصيب الحدودي مع الأردن خلال الأسبوع الماضي، بحسب ما أفاد به تجار في ريف حماة.',
    'وقال رئيس جمعية منتجي الفستق إن الشحنات المتجهة إلى دول الخليج تضاعفت مقارنة بالشهر السابق، وإن الأسعار بقيت مستقرة.',
    'ويعد الفستق الحلبي من أبرز المحاصيل التصديرية في المنطقة الوسطى.',
  ].join('\n'),
};

let dir = '';
let store: Store;
let context: PipelineContext;
let annotator: Annotator;
let app: FastifyInstance;
let rows: ArticleRow[] = [];
let storyList: StorySummary[] = [];
const details = new Map<string, StoryDetail>();
const articles = new Map<string, ArticleDetail>();

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as T;
}

function post(payload: unknown, token: string | null = TOKEN) {
  return app.inject({ method: 'POST', url: '/api/articles', payload: payload as object, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

const enc = encodeURIComponent;
const marked = (s: Snippet): string[] => s.highlights.map(([a, b]) => s.text.slice(a, b));
const rowByInput = (input: string): ArticleRow => {
  const row = rows.find((r) => r.input === input || r.input.endsWith('/' + input));
  assert.ok(row, `no stored article from ${input}`);
  return row;
};
const words = (text: string): Set<string> => new Set(searchForms(text).split(' '));

async function storiesWhere(query: string): Promise<string[]> {
  const list = await get<StoryList>(`/api/stories?limit=200&${query}`);
  assert.equal(list.total, list.stories.length, query);
  return list.stories.map((s) => s.id);
}

async function loadTruth(): Promise<void> {
  rows = store.listArticles();
  storyList = (await get<StoryList>('/api/stories?limit=200')).stories;
  details.clear();
  for (const s of storyList) details.set(s.id, await get<StoryDetail>(`/api/stories/${enc(s.id)}`));
  articles.clear();
  for (const r of rows) articles.set(r.id, await get<ArticleDetail>(`/api/articles/${enc(r.id)}`));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marsad-api-'));
  const fixtures = join(dir, 'fixtures.jsonl');
  writeFileSync(fixtures, FIXTURES.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const inputs = [join(repoRoot, 'samples'), join(repoRoot, 'test', 'cases', 'analyze-events-contradictions', 'input.jsonl'), fixtures];
  ({ store, context, annotator, app } = await servedStore(dir, inputs, TOKEN));
  await loadTruth();
});

after(async () => {
  await app?.close();
  await annotator?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- stories

test('GET /api/stories: every story, newest activity first, each entry the same as its page says', () => {
  assert.equal(storyList.length, store.listStories().length);
  const times = storyList.map((s) => s.updatedAt);
  assert.deepEqual(times, [...times].sort().reverse());
  for (const s of storyList) {
    const d = details.get(s.id)!;
    for (const key of ['title', 'articleCount', 'sourceCount', 'firstPublished', 'lastPublished', 'eventCount', 'contradictionCount'] as const) {
      assert.deepEqual(d[key], s[key], `${s.id} ${key}`);
    }
    assert.equal(s.articleCount, rows.filter((r) => r.storyId === s.id).length, s.id);
    const outlets = new Set(rows.filter((r) => r.storyId === s.id && r.outlet).map((r) => r.outlet));
    assert.deepEqual(new Set(s.outlets), outlets, s.id);
    assert.equal(s.sourceCount, outlets.size);
  }
});

test('GET /api/stories: limit and offset page through the same order, total constant', async () => {
  const pages: string[] = [];
  for (let offset = 0; offset < storyList.length + 4; offset += 4) {
    const page = await get<StoryList>(`/api/stories?limit=4&offset=${offset}`);
    assert.equal(page.total, storyList.length);
    assert.deepEqual([page.limit, page.offset], [4, offset]);
    assert.ok(page.stories.length <= 4);
    pages.push(...page.stories.map((s) => s.id));
  }
  assert.deepEqual(pages, storyList.map((s) => s.id));
  const beyond = await get<StoryList>(`/api/stories?offset=${storyList.length + 10}`);
  assert.deepEqual([beyond.total, beyond.stories], [storyList.length, []]);
  assert.equal((await get<StoryList>('/api/stories')).stories.length, Math.min(20, storyList.length), 'default limit 20');
});

test('GET /api/stories: each filter narrows to exactly the stories that match it', async () => {
  const all = storyList.map((s) => s.id);
  const storiesOf = (ids: Iterable<string>) => new Set([...ids].map((id) => rows.find((r) => r.id === id)?.storyId).filter((s): s is string => !!s));
  const mentioning = (entity: string) => storiesOf([...articles.values()].filter((a) => a.entities.some((m) => m.entityId === entity)).map((a) => a.id));
  const check = async (query: string, expected: Set<string>) => {
    const found = await storiesWhere(query);
    assert.deepEqual(new Set(found), expected, query);
    assert.ok(expected.size > 0 && expected.size < all.length, `${query}: the filter does not narrow (${expected.size} of ${all.length})`);
    // Filtered lists keep the list's order.
    assert.deepEqual(found, all.filter((id) => expected.has(id)), query);
  };

  await check(`outlet=${enc('الشرق الأوسط')}`, storiesOf(rows.filter((r) => r.outlet === 'الشرق الأوسط').map((r) => r.id)));
  await check('entity=org:sdf', mentioning('org:sdf'));
  await check('entity=person:ahmed-al-sharaa', mentioning('person:ahmed-al-sharaa'));
  const atShaddadi = new Set([...mentioning('loc:shaddadi'), ...all.filter((id) => details.get(id)!.timeline.some((e) => e.location === 'loc:shaddadi'))]);
  await check('place=loc:shaddadi', atShaddadi);
  const withAssault = new Set(all.filter((id) => details.get(id)!.timeline.some((e) => e.type === 'assault')));
  await check('type=assault', withAssault);
  const overlaps = (from: string, to: string) => new Set(storyList.filter((s) => s.lastPublished !== null && s.firstPublished !== null
    && s.lastPublished.slice(0, 10) >= from && s.firstPublished.slice(0, 10) <= to).map((s) => s.id));
  await check('from=2026-01-22&to=2026-01-22', overlaps('2026-01-22', '2026-01-22'));
  await check('from=2026-01-24', overlaps('2026-01-24', '9999-12-31'));
  await check('to=2026-01-19', overlaps('0000-01-01', '2026-01-19'));
  // A plain word, found whatever its clitics and suffixes: the stories of the articles holding it.
  const prison = searchForms('السجن');
  await check(`q=${enc('السجن')}`, storiesOf([...articles.values()].filter((a) => words(a.title + '\n' + a.text).has(prison)).map((a) => a.id)));
  // Filters combine: both must hold.
  const both = new Set([...withAssault].filter((id) => mentioning('org:sdf').has(id)));
  assert.deepEqual(new Set(await storiesWhere('type=assault&entity=org:sdf')), both);
  assert.deepEqual(await storiesWhere('entity=no:such-entity'), []);
  assert.deepEqual(await storiesWhere(`q=${enc('«»!')}`), [], 'a query of punctuation only matches nothing');
});

test('GET /api/stories?q=: two words must both be in the story, also when the first one is a name', async () => {
  // Stories naming the SDF and holding «الزعفران»: none; the name must not swallow the word after it.
  assert.deepEqual(await storiesWhere(`q=${enc('قسد الزعفران')}`), []);
  const sdfAndSharaa = new Set([...articles.values()].filter((a) => a.entities.some((m) => m.entityId === 'org:sdf')
    && a.entities.some((m) => m.entityId === 'person:ahmed-al-sharaa')).map((a) => a.storyId!));
  assert.deepEqual(new Set(await storiesWhere(`q=${enc('قسد والشرع')}`)), sdfAndSharaa);
});

// ---------------------------------------------------------------- the story page

function shaddadi(): StoryDetail {
  const id = rowByInput('sham-shaddadi-curfew.txt').storyId!;
  assert.equal(rowByInput('contra-gov').storyId, id, 'the contradiction case joins the Shaddadi story');
  return details.get(id)!;
}

test('GET /api/stories/{id}: timelines are in date order with undated events last', () => {
  for (const d of details.values()) {
    const dates = d.timeline.map((e) => e.date);
    const firstUndated = dates.indexOf(null);
    if (firstUndated >= 0) assert.ok(dates.slice(firstUndated).every((x) => x === null), `${d.id}: ${dates.join(' ')}`);
    const dated = dates.filter((x): x is string => x !== null);
    assert.deepEqual(dated, [...dated].sort(), d.id);
    assert.equal(d.eventCount, d.timelineTotal);
  }
  assert.ok(shaddadi().timeline.length >= 10 && shaddadi().timeline.some((e) => e.date === null));
});

test('GET /api/stories/{id}: claims grouped by speaker, each claim quoting its article at its offsets', () => {
  for (const d of details.values()) {
    const members = new Set(rows.filter((r) => r.storyId === d.id).map((r) => r.id));
    const keys = d.claimsBySpeaker.map((g) => `${g.speaker}|${g.speaker === null ? g.speakerText : ''}`);
    assert.equal(new Set(keys).size, keys.length, `${d.id}: a speaker has two groups`);
    const totals = d.claimsBySpeaker.map((g) => g.total);
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a), `${d.id}: most quoted speaker first`);
    for (const g of d.claimsBySpeaker) {
      assert.ok(g.claims.length > 0 && g.claims.length <= g.total);
      for (const c of g.claims) {
        assert.equal(c.speaker, g.speaker);
        if (g.speaker === null) assert.equal(c.speakerText, g.speakerText);
        assert.ok(members.has(c.articleId), `${d.id}: claim of ${c.articleId} outside the story`);
        assert.equal(articles.get(c.articleId)!.text.slice(c.start, c.end), c.text);
      }
    }
  }
  const speakers = new Set(shaddadi().claimsBySpeaker.map((g) => g.speaker));
  assert.ok(speakers.has('org:sdf') && speakers.has('org:syrian-army'), [...speakers].join(', '));
});

test('GET /api/stories/{id}: the Shaddadi contradictions show both sides\' claims and the disputed event, resolved', () => {
  const story = shaddadi();
  assert.equal(story.contradictionCount, story.contradictions.length);
  const prison = story.contradictions.filter((x) => x.kind === 'accounts' && x.topic === 'al-Shaddadi prison');
  assert.ok(prison.length >= 1, story.contradictions.map((x) => `${x.kind} ${x.topic}`).join('\n'));
  for (const x of prison) {
    // Two parties at least, the SDF one of them; every claim is the full claim, quoting its article.
    const sides = new Set(x.claims.map((c) => c.speaker));
    assert.ok(sides.size >= 2 && sides.has('org:sdf'), [...sides].join(', '));
    for (const c of x.claims) assert.equal(articles.get(c.articleId)!.text.slice(c.start, c.end), c.text, c.id);
  }
  // The army's version against the SDF's: the army blames the SDF for the escape, the SDF says the prison was attacked.
  const armyVsSdf = prison.find((x) => x.claims.some((c) => c.speaker === 'org:syrian-army' && c.stance === 'accuse') && x.claims.some((c) => c.speaker === 'org:sdf'));
  assert.ok(armyVsSdf, prison.map((x) => x.claims.map((c) => `${c.speaker}/${c.stance}`).join(' ')).join('\n'));
  assert.ok(armyVsSdf.claims.some((c) => c.speaker === 'org:sdf' && c.text.includes('خرج عن سيطرتها')));
  const [tolls] = story.contradictions.filter((x) => x.kind === 'numbers');
  assert.ok(tolls, 'the Tal Tamr death tolls');
  assert.equal(tolls.events.length, 1);
  assert.equal(tolls.events[0].location, 'loc:tal-tamr');
  assert.deepEqual(new Set(tolls.claims.map((c) => c.speaker)), new Set(['org:syrian-army', 'org:sdf']));
  assert.ok(tolls.claims.some((c) => c.text.includes('7')) && tolls.claims.some((c) => c.text.includes('5')));
  const [denial] = story.contradictions.filter((x) => x.kind === 'denial');
  assert.deepEqual(denial.claims.map((c) => c.stance), ['assert', 'deny']);
});

test('GET /api/stories/{id}: the entity index names every entity its events, claims, contradictions and entity list mention', () => {
  for (const d of details.values()) {
    const ids = new Set<string>();
    const ofEvent = (e: EventItem | StoryDetail['timeline'][number]) => [...e.actors, ...e.recipients, e.location, e.attribution];
    const ofClaim = (c: StoryDetail['claimsBySpeaker'][number]['claims'][number]) => [c.speaker, ...c.about];
    for (const e of d.timeline) ofEvent(e).forEach((id) => id && ids.add(id));
    for (const g of d.claimsBySpeaker) for (const c of g.claims) ofClaim(c).forEach((id) => id && ids.add(id));
    for (const x of d.contradictions) {
      for (const c of x.claims) ofClaim(c).forEach((id) => id && ids.add(id));
      for (const e of x.events) ofEvent(e).forEach((id) => id && ids.add(id));
    }
    for (const e of d.entities) ids.add(e.entity.id);
    for (const id of ids) {
      const ref = d.entityIndex[id];
      assert.ok(ref, `${d.id}: ${id} missing from entityIndex`);
      assert.equal(ref.id, id);
      assert.ok(ref.name.ar && ref.name.en, id);
    }
  }
});

test('GET /api/stories/{id} and /api/articles?storyId=: the page lists the story\'s articles, the list pages through all', async () => {
  for (const d of details.values()) {
    const members = rows.filter((r) => r.storyId === d.id).map((r) => r.id);
    assert.equal(d.articlesTotal, members.length);
    assert.deepEqual(new Set(d.articles.map((a) => a.id)), new Set(members), d.id);
  }
  const story = shaddadi();
  const paged: string[] = [];
  for (let offset = 0; offset < story.articleCount; offset += 3) {
    const page = await get<{ total: number; articles: { id: string; storyId: string }[] }>(`/api/articles?storyId=${enc(story.id)}&limit=3&offset=${offset}`);
    assert.equal(page.total, story.articleCount);
    paged.push(...page.articles.map((a) => a.id));
  }
  assert.deepEqual(new Set(paged), new Set(story.articles.map((a) => a.id)));
  assert.equal(paged.length, story.articleCount);
});

// ---------------------------------------------------------------- entities

test('GET /api/entities/{id}: counts, newest mentions first, snippets marking exactly the mention, the entity\'s stories', async () => {
  const minted = [...articles.values()].flatMap((a) => a.entities).find((m) => m.entityId.startsWith('new:person:'))!.entityId;
  for (const id of ['person:ahmed-al-sharaa', 'org:sdf', 'loc:shaddadi', minted]) {
    const mentions = [...articles.values()].flatMap((a) => a.entities.filter((m) => m.entityId === id).map((m) => ({ ...m, articleId: a.id })));
    const detail = await get<EntityDetail>(`/api/entities/${enc(id)}?limit=200`);
    assert.equal(detail.entity.id, id);
    assert.equal(detail.mentionCount, mentions.length, id);
    assert.equal(detail.articleCount, new Set(mentions.map((m) => m.articleId)).size, id);
    assert.equal(detail.mentions.length, Math.min(200, mentions.length));
    const published = detail.mentions.map((m) => m.published ?? '');
    assert.deepEqual(published, [...published].sort().reverse(), `${id}: newest first`);
    for (const m of detail.mentions) {
      assert.equal(articles.get(m.articleId)!.text.slice(m.start, m.end), m.text);
      assert.deepEqual(marked(m.snippet), [m.text], `${id} in ${m.articleId}: ${m.snippet.text}`);
    }
    const expected = new Set(mentions.map((m) => rows.find((r) => r.id === m.articleId)!.storyId));
    assert.ok(detail.stories.length > 0);
    for (const s of detail.stories) assert.ok(expected.has(s.id), `${id}: story ${s.id} does not mention it`);
    assert.equal(detail.stories.length, Math.min(20, expected.size));
  }
  assert.equal((await get<EntityDetail>('/api/entities/org:sdf?limit=3')).mentions.length, 3);
  const minted1 = await get<EntityDetail>(`/api/entities/${enc(minted)}`);
  assert.equal(minted1.entity.type, 'person');
  assert.ok(/\p{Script=Arabic}/u.test(minted1.entity.name.ar), minted1.entity.name.ar);
});

test('GET /api/entities/{id}: an unknown id is a 404 with a JSON error', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/entities/person:nobody-at-all' });
  assert.equal(response.statusCode, 404);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.deepEqual(Object.keys(JSON.parse(response.body)).sort(), ['error', 'message', 'statusCode']);
});

// ---------------------------------------------------------------- events

async function allEvents(query = ''): Promise<EventList> {
  const list = await get<EventList>(`/api/events?limit=5000${query ? '&' + query : ''}`);
  assert.equal(list.total, list.events.length, query);
  return list;
}

test('GET /api/events: every story event once, dated in order then undated, pages consistent, names indexed', async () => {
  const list = await allEvents();
  const expected = new Set([...details.values()].flatMap((d) => d.timeline.map((e) => e.id)));
  assert.deepEqual(new Set(list.events.map((e) => e.id)), expected);
  assert.equal(list.events.length, expected.size);
  const dates = list.events.map((e) => e.date);
  const dated = dates.filter((x): x is string => x !== null);
  assert.deepEqual(dates, [...dated, ...dates.filter((x) => x === null)]);
  assert.deepEqual(dated, [...dated].sort());
  for (const e of list.events) {
    for (const s of e.storyIds) assert.ok(details.get(s)!.timeline.some((t) => t.id === e.id), `${e.id} not in ${s}`);
    for (const id of [...e.actors, ...e.recipients, e.location, e.attribution]) if (id) assert.equal(list.entityIndex[id]?.id, id);
  }
  const paged: string[] = [];
  for (let offset = 0; offset < list.total; offset += 25) {
    const page = await get<EventList>(`/api/events?limit=25&offset=${offset}`);
    assert.equal(page.total, list.total);
    paged.push(...page.events.map((e) => e.id));
  }
  assert.deepEqual(paged, list.events.map((e) => e.id));
});

test('GET /api/events: type, storyId, entity and place filters keep exactly the matching events', async () => {
  const all = (await allEvents()).events;
  const ids = (events: EventItem[]) => events.map((e) => e.id);
  const check = async (query: string, keep: (e: EventItem) => boolean) => {
    const expected = all.filter(keep);
    assert.ok(expected.length > 0 && expected.length < all.length, `${query} does not narrow`);
    assert.deepEqual(ids((await allEvents(query)).events), ids(expected), query);
  };
  await check('type=assault', (e) => e.type === 'assault');
  const story = shaddadi();
  await check(`storyId=${enc(story.id)}`, (e) => e.storyIds.includes(story.id));
  await check('entity=org:sdf', (e) => [...e.actors, ...e.recipients, e.location, e.attribution].includes('org:sdf'));
  await check('place=loc:hasakah', (e) => e.location === 'loc:hasakah');
  await check('type=coerce&place=loc:hasakah', (e) => e.type === 'coerce' && e.location === 'loc:hasakah');
});

test('GET /api/events: from/to keep the events whose date (day, month or year) falls in the range', async () => {
  const all = (await allEvents()).events;
  // An event dated "2026-02" is within 2026-02-01…2026-02-28; compare at the event date's own precision.
  const within = (d: string | null, from: string, to: string) => d !== null && d >= from.slice(0, d.length) && d <= to.slice(0, d.length);
  for (const [from, to] of [['2026-01-19', '2026-01-20'], ['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2025-10-01', '2025-12-31']]) {
    const expected = all.filter((e) => within(e.date, from, to)).map((e) => e.id);
    assert.ok(expected.length > 0, `${from}…${to}`);
    assert.deepEqual((await allEvents(`from=${from}&to=${to}`)).events.map((e) => e.id), expected, `${from}…${to}`);
  }
});

test('GET /api/events?format=geojson: a FeatureCollection of the located events as [lon, lat] points', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/events?format=geojson&limit=5000' });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/geo\+json/);
  const geo = JSON.parse(response.body) as EventFeatureCollection;
  assert.equal(geo.type, 'FeatureCollection');
  const list = await allEvents();
  const located = list.events.filter((e) => e.location && list.entityIndex[e.location]?.coordinates);
  assert.ok(located.length > 5);
  assert.deepEqual(geo.features.map((f) => f.id), located.map((e) => e.id));
  for (const f of geo.features) {
    assert.equal(f.type, 'Feature');
    assert.equal(f.geometry.type, 'Point');
    const [lon, lat] = f.geometry.coordinates;
    assert.equal(f.geometry.coordinates.length, 2);
    assert.ok(Number.isFinite(lon) && Number.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, `${f.id}: ${lon},${lat}`);
    const place = list.entityIndex[f.properties.location!] as EntityRef;
    assert.deepEqual(f.geometry.coordinates, place.coordinates);
    assert.deepEqual(f.properties.locationName, place.name);
    assert.equal(f.properties.id, f.id);
  }
  // Places in Syria are east of 35°E and between 32° and 38°N: longitude first, not swapped.
  const syrian = geo.features.filter((f) => ['loc:shaddadi', 'loc:hasakah', 'loc:raqqa', 'loc:damascus'].includes(f.properties.location!));
  assert.ok(syrian.length > 0);
  for (const f of syrian) assert.ok(f.geometry.coordinates[0] > 35 && f.geometry.coordinates[1] > 32 && f.geometry.coordinates[1] < 38, String(f.geometry.coordinates));
  const filtered = JSON.parse((await app.inject({ method: 'GET', url: '/api/events?format=geojson&type=assault&limit=5000' })).body) as EventFeatureCollection;
  assert.deepEqual(filtered.features.map((f) => f.id), located.filter((e) => e.type === 'assault').map((e) => e.id));
});

// ---------------------------------------------------------------- search

async function search(q: string, limit = 100): Promise<SearchResult> {
  return get<SearchResult>(`/api/search?q=${enc(q)}&limit=${limit}`);
}
const hitIds = (r: SearchResult) => r.articles.map((a) => a.article.id).sort();

test('GET /api/search: «الشرع» finds «والشرع»; «ترامب» finds the article that only spells «ترمب»', async () => {
  const sharaa = await search('الشرع');
  const withClitic = [...articles.values()].filter((a) => /(^|[^\p{L}])والشرع/u.test(a.text));
  assert.ok(withClitic.length > 0);
  for (const a of withClitic) {
    const hit = sharaa.articles.find((h) => h.article.id === a.id);
    assert.ok(hit, `${a.id} holds «والشرع» but is not found`);
  }
  const trump = await search('ترامب');
  assert.deepEqual(trump.entities.map((e) => e.id), ['person:donald-trump']);
  const onlyTrmb = [...articles.values()].filter((a) => a.text.includes('ترمب') && !a.text.includes('ترامب') && !a.title.includes('ترامب'));
  assert.ok(onlyTrmb.length > 0, 'a sample spells the name «ترمب» only');
  for (const a of onlyTrmb) {
    const hit = trump.articles.find((h) => h.article.id === a.id);
    assert.ok(hit, `${a.id} spells «ترمب» and is not found by «ترامب»`);
    assert.ok(marked(hit.snippet).some((w) => w.includes('ترمب')), marked(hit.snippet).join(' | '));
  }
  assert.equal(trump.totalArticles, trump.articles.length);
});

test('GET /api/search: hamza, alef, ta marbuta, alef maqsura, tatweel and diacritics variants find the same articles', async () => {
  const groups = [
    ['إطلاق', 'اطلاق', 'إِطْلَاق', 'إطـــلاق'],
    ['المدينة', 'المدينه', 'المَدِينَة', 'المديـنة'],
    ['الأمن', 'الامن', 'الأَمْن'],
    ['مستشفى', 'مستشفي'],
  ];
  const variants = rowByInput('fx-variants').id;
  for (const group of groups) {
    const results = await Promise.all(group.map((q) => search(q)));
    const first = hitIds(results[0]);
    assert.ok(first.includes(variants), `${group[0]} misses the article spelling it «${group[1]}»`);
    for (let i = 1; i < group.length; i++) assert.deepEqual(hitIds(results[i]), first, `${group[i]} vs ${group[0]}`);
  }
  // The sample articles spell «إطلاق» with its hamza; the fixture without: one query finds both spellings.
  const release = hitIds(await search('اطلاق'));
  assert.ok(release.length >= 3, release.join(' '));
});

test('GET /api/search: «مسؤول» and «مسئول» (hamza on its seat) find the same articles', async () => {
  const hits = hitIds(await search('مسؤول'));
  assert.ok(hits.length > 0, 'the samples hold «مسؤول» or «مسئول»');
  assert.deepEqual(hitIds(await search('مسئول')), hits);
});

test('GET /api/search: highlights mark the matched words (or the named entity\'s mentions) in the snippet text', async () => {
  for (const q of ['الشرع', 'ترامب', 'سجن الشدادي', 'إطلاق النار', 'الزعفران', 'المعتقلين']) {
    const result = await search(q);
    assert.ok(result.articles.length > 0, q);
    for (const hit of result.articles) {
      const { text, highlights } = hit.snippet;
      assert.ok(highlights.length > 0, `${q}: ${hit.article.id} has nothing marked`);
      const article = articles.get(hit.article.id)!;
      const mentions = article.entities.filter((m) => result.entities.some((e) => e.id === m.entityId)).map((m) => m.text);
      for (const [a, b] of highlights) {
        assert.ok(a >= 0 && a < b && b <= text.length);
        const word = text.slice(a, b);
        const isTerm = [...words(word)].some((w) => result.terms.includes(w));
        assert.ok(isTerm || mentions.some((m) => word.includes(m)), `${q}: «${word}» in ${hit.article.id} is neither a term nor a mention`);
      }
      // The snippet is the article's own text (or its title), never rewritten.
      const plain = text.replace(/^…|…$/g, '');
      assert.ok(article.text.replace(/\n/g, ' ').includes(plain) || article.title.includes(plain), `${q}: snippet not from ${hit.article.id}`);
    }
  }
});

test('GET /api/search: a word in a title ranks above the same word in passing in a body; clitics found', async () => {
  const result = await search('الزعفران');
  const title = rowByInput('fx-saffron-title').id;
  const passing = rowByInput('fx-market-passing').id;
  assert.deepEqual(result.articles.map((a) => a.article.id), [title, passing]);
  assert.ok(result.articles[0].score > result.articles[1].score);
  assert.deepEqual(marked(result.articles[1].snippet), ['والزعفران']);
  // Only the title holds the word: the snippet shows the title with the word marked.
  assert.deepEqual(marked(result.articles[0].snippet), ['الزعفران']);
  assert.ok(result.stories.length > 0 && result.stories[0].story.id === rowByInput('fx-saffron-title').storyId);
});

test('GET /api/search: paging, and queries that match nothing', async () => {
  const all = await search('سوريا', 100);
  assert.ok(all.totalArticles > 6);
  const first = await get<SearchResult>(`/api/search?q=${enc('سوريا')}&limit=3`);
  const second = await get<SearchResult>(`/api/search?q=${enc('سوريا')}&limit=3&offset=3`);
  assert.deepEqual([...first.articles, ...second.articles].map((a) => a.article.id), all.articles.slice(0, 6).map((a) => a.article.id));
  assert.equal(second.totalArticles, all.totalArticles);
  assert.deepEqual(second.stories, [], 'story hits come with the first page only');
  const none = await search('كلمةغيرموجودة');
  assert.deepEqual([none.totalArticles, none.articles, none.stories], [0, [], []]);
  const punctuation = await search('؟!«»');
  assert.deepEqual([punctuation.totalArticles, punctuation.terms], [0, []]);
});

// ---------------------------------------------------------------- articles, outlets, OpenAPI

test('GET /api/articles/{id}: the text as published, its mentions at their offsets, every mentioned entity named', () => {
  for (const row of rows) {
    const a = articles.get(row.id)!;
    assert.deepEqual([a.id, a.title, a.outlet, a.published, a.storyId, a.duplicateOf], [row.id, row.title, row.outlet, row.published, row.storyId, row.duplicateOf]);
    for (const m of a.entities) {
      assert.equal(a.text.slice(m.start, m.end), m.text, `${a.id} ${m.entityId}`);
      assert.equal(a.entityIndex[m.entityId]?.id, m.entityId);
    }
  }
  const fixture = articles.get(rowByInput('fx-variants').id)!;
  assert.equal(fixture.text, FIXTURES[2].text);
  assert.equal(fixture.title, FIXTURES[2].title);
});

test('GET /api/outlets: every outlet with its article count, most first', async () => {
  const outlets = await get<OutletCount[]>('/api/outlets');
  const expected = new Map<string, number>();
  for (const r of rows) if (r.outlet) expected.set(r.outlet, (expected.get(r.outlet) ?? 0) + 1);
  assert.deepEqual(new Map(outlets.map((o) => [o.outlet, o.articles])), expected);
  const counts = outlets.map((o) => o.articles);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
});

interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>;
  components?: { schemas?: Record<string, unknown> };
}

test('GET /api/openapi.json: an OpenAPI 3.1 document listing every route, whose paths all answer', async () => {
  const doc = await get<OpenApi>('/api/openapi.json');
  assert.match(doc.openapi, /^3\.1\./);
  assert.ok(doc.info.title && doc.info.version);
  const expected: [string, string][] = [
    ['/api/stories', 'get'], ['/api/stories/{id}', 'get'], ['/api/entities/{id}', 'get'], ['/api/events', 'get'], ['/api/search', 'get'],
    ['/api/articles/{id}', 'get'], ['/api/articles', 'get'], ['/api/articles', 'post'], ['/api/outlets', 'get'],
  ];
  for (const [path, method] of expected) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} is not documented`);
  // Every $ref points at something the document holds.
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
  for (const ref of refs) {
    assert.ok(ref.startsWith('#/'), ref);
    let at: unknown = doc;
    for (const part of ref.slice(2).split('/')) at = (at as Record<string, unknown> | undefined)?.[part];
    assert.ok(at, `unresolved $ref ${ref}`);
  }
  // Every documented operation exists: called with real ids it answers, never "no route".
  const story = storyList[0].id;
  const fill = (path: string) => path.replace('/stories/{id}', `/stories/${enc(story)}`).replace('/entities/{id}', '/entities/org:sdf').replace('/articles/{id}', `/articles/${enc(rows[0].id)}`);
  const queries: Record<string, string> = { '/api/search': `?q=${enc('قسد')}`, '/api/articles': `?storyId=${enc(story)}` };
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      assert.ok(operation.responses && Object.keys(operation.responses).length > 0, `${method} ${path} has no responses`);
      const response = await app.inject({ method: method.toUpperCase() as 'GET', url: fill(path) + (method === 'get' ? queries[path] ?? '' : ''), ...(method === 'post' ? { payload: {} } : {}) });
      assert.doesNotMatch(response.body, /no route|Route .* not found/, `${method} ${path}`);
      if (method === 'get') assert.equal(response.statusCode, 200, `${method} ${path}: ${response.body.slice(0, 200)}`);
    }
  }
});

// ---------------------------------------------------------------- writes

test('POST /api/articles: 401 without a token or with a wrong one, nothing stored', async () => {
  const count = store.articleCount();
  for (const token of [null, 'wrong-token', TOKEN + 'x', TOKEN.slice(0, -1), '']) {
    const response = await post(PISTACHIO, token);
    assert.equal(response.statusCode, 401, String(token));
    assert.equal(JSON.parse(response.body).statusCode, 401);
  }
  const basic = await app.inject({ method: 'POST', url: '/api/articles', payload: PISTACHIO, headers: { authorization: `Basic ${TOKEN}` } });
  assert.equal(basic.statusCode, 401);
  assert.equal(store.articleCount(), count);
});

test('POST /api/articles: 403 when the server has no token configured, whatever is sent', async () => {
  const saved = process.env.MARSAD_API_TOKEN;
  delete process.env.MARSAD_API_TOKEN;
  try {
    for (const token of [null, undefined]) {
      const { app: readOnly } = await buildApp(store, context, annotator, token === null ? { token: null } : {});
      for (const auth of [{}, { authorization: `Bearer ${TOKEN}` }, { authorization: 'Bearer ' }]) {
        const response = await readOnly.inject({ method: 'POST', url: '/api/articles', payload: PISTACHIO, headers: auth });
        assert.equal(response.statusCode, 403, JSON.stringify(auth));
        assert.equal(JSON.parse(response.body).error, 'Forbidden');
      }
      await readOnly.close();
    }
  } finally {
    if (saved !== undefined) process.env.MARSAD_API_TOKEN = saved;
  }
  assert.ok(!rows.some((r) => r.input === PISTACHIO.id) && !store.listArticles().some((r) => r.input === PISTACHIO.id));
});

test('POST /api/articles: 201, analysed and at once first in /api/stories, found by /api/search, on its story page', async () => {
  const before = await get<StoryList>('/api/stories?limit=1');
  const response = await post(PISTACHIO);
  assert.equal(response.statusCode, 201, response.body);
  const result = JSON.parse(response.body) as PostArticlesResult;
  assert.deepEqual(result.errors, []);
  assert.equal(result.articles.length, 1);
  const [added] = result.articles;
  assert.equal(added.input, PISTACHIO.id);
  assert.equal(added.alreadyStored, false);
  assert.ok(added.storyId);

  const list = await get<StoryList>('/api/stories?limit=1');
  assert.equal(list.total, before.total + 1);
  assert.equal(list.stories[0].id, added.storyId);
  assert.ok(list.stories[0].updatedAt > before.stories[0].updatedAt);
  const found = await search('الفستق');
  assert.deepEqual(found.articles.map((a) => a.article.id), [added.id]);
  assert.deepEqual(marked(found.articles[0].snippet).slice(0, 1), ['الفستق']);
  assert.ok(found.stories.some((s) => s.story.id === added.storyId));
  const page = await get<StoryDetail>(`/api/stories/${enc(added.storyId!)}`);
  assert.deepEqual(page.articles.map((a) => a.id), [added.id]);
  assert.equal(page.title, PISTACHIO.title);
  const article = await get<ArticleDetail>(`/api/articles/${enc(added.id)}`);
  assert.equal(article.text, PISTACHIO.text);
  assert.ok(article.entities.some((m) => m.entityId === 'loc:hama' || m.entityId === 'loc:jordan'), article.entities.map((m) => m.entityId).join(' '));
  assert.ok((await storiesWhere(`outlet=${enc('مرصد الاختبار')}`)).includes(added.storyId!));
  assert.ok((await storiesWhere(`q=${enc('صادرات الفستق')}`)).includes(added.storyId!));
});

test('POST /api/articles: re-posting a stored record is alreadyStored, not a second article', async () => {
  const count = store.articleCount();
  const response = await post([PISTACHIO]);
  assert.equal(response.statusCode, 201);
  const result = JSON.parse(response.body) as PostArticlesResult;
  assert.deepEqual(result.articles.map((a) => [a.input, a.alreadyStored]), [[PISTACHIO.id, true]]);
  assert.equal(store.articleCount(), count);
  assert.equal((await search('الفستق')).totalArticles, 1);
});

test('POST /api/articles: good and bad records together — the good stored, the bad reported by their ids', async () => {
  const count = store.articleCount();
  const good = {
    id: 'post-good-olive', outlet: 'مرصد الاختبار', published: '2026-01-28', title: 'معصرة زيتون جديدة في عفرين',
    text: 'افتتحت في ريف عفرين معصرة زيتون جديدة تعمل بالطاقة الشمسية، وقال مالكها إنها تستقبل إنتاج مئات المزارعين في المنطقة.\nويتوقع المزارعون موسماً جيداً بعد أمطار الشتاء.',
  };
  const response = await post([
    good,
    { id: 'bad-empty', text: '   ' },
    { id: 'bad-no-text', title: 'عنوان بلا نص' },
    { id: 'bad-type', text: 42 },
    'not an object',
    { id: 'bad-binary', text: 'abc\u0000\u0001\u0002def\u0000' },
  ]);
  assert.equal(response.statusCode, 201, response.body);
  const result = JSON.parse(response.body) as PostArticlesResult;
  assert.deepEqual(result.articles.map((a) => a.input), ['post-good-olive']);
  const errors = new Map(result.errors.map((e) => [e.input, e.reason]));
  assert.equal(errors.size, 5, JSON.stringify(result.errors));
  for (const id of ['bad-binary', 'bad-empty', 'bad-no-text', 'bad-type']) assert.ok(errors.has(id), `${id} not reported`);
  assert.ok([...errors.keys()].some((k) => /^post-\d+#5$/.test(k)), 'the record without an id is reported by its position');
  assert.match(errors.get('bad-binary')!, /binary/);
  assert.equal(store.articleCount(), count + 1);
  assert.equal((await search('معصرة زيتون')).articles[0]?.article.id, result.articles[0].id);
});

test('POST /api/articles: an article joining a story moves it to the top and keeps what the story knew', async () => {
  // A copy of a stored sample under another id and outlet: a duplicate in the Aqtan story, which shares a
  // contradiction with the Shaddadi story.
  const aqtan = articles.get(rowByInput('skynews-aqtan-clashes.txt').id)!;
  const storyBefore = details.get(aqtan.storyId!)!;
  assert.ok(storyBefore.contradictionCount > 0, 'the Aqtan story shares a contradiction with the Shaddadi story');
  const response = await post({ id: 'post-aqtan-copy', outlet: 'موقع ناقل', published: '2026-01-22', title: 'اشتباكات قرب سجن الأقطان', text: aqtan.text });
  const [added] = (JSON.parse(response.body) as PostArticlesResult).articles;
  assert.equal(added.storyId, aqtan.storyId);
  assert.equal(added.duplicateOf, aqtan.id);
  const list = await get<StoryList>('/api/stories?limit=2');
  assert.equal(list.stories[0].id, aqtan.storyId);
  const after = await get<StoryDetail>(`/api/stories/${enc(aqtan.storyId!)}`);
  assert.equal(after.articleCount, storyBefore.articleCount + 1);
  assert.ok(after.outlets.includes('موقع ناقل'));
  // A contradiction's id names its claims, so it changes when the copy's claims join it: compare what it is about, and
  // check every claim it cited before is still cited.
  const about = (d: StoryDetail) => d.contradictions.map((x) => `${x.kind}|${x.topic}`).sort();
  assert.deepEqual(about(after), about(storyBefore), 'a contradiction with another story was lost');
  const claimsAfter = new Set(after.contradictions.flatMap((x) => x.claims.map((c) => c.id)));
  for (const c of storyBefore.contradictions.flatMap((x) => x.claims)) assert.ok(claimsAfter.has(c.id), `claim ${c.id} left its contradiction`);
  assert.ok(after.timelineTotal >= storyBefore.timelineTotal);
});

test('GET responses are cached until a write: a repeated read is a cache hit, a post makes it fresh', async () => {
  const url = `/api/search?q=${enc('الكرز')}`;
  const first = await app.inject({ method: 'GET', url });
  const second = await app.inject({ method: 'GET', url });
  assert.equal(second.headers['x-cache'], 'hit');
  assert.equal(second.body, first.body);
  assert.equal((JSON.parse(first.body) as SearchResult).totalArticles, 0);
  const response = await post({ id: 'post-cherry', outlet: 'مرصد الاختبار', published: '2026-01-29', title: 'قطاف الكرز في الزبداني', text: 'بدأ مزارعو الزبداني قطاف الكرز مبكراً هذا العام بسبب دفء الطقس، وقال أحدهم إن الإنتاج وفير.' });
  assert.equal(response.statusCode, 201);
  const fresh = await app.inject({ method: 'GET', url });
  assert.equal(fresh.headers['x-cache'], undefined);
  assert.equal((JSON.parse(fresh.body) as SearchResult).totalArticles, 1);
});
