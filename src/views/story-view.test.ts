// Story views from a small hand-built AssembledKnowledge: the list entry's counts, outlets and activity per day, the
// page's timeline, claims and contradictions resolved from ids (unknown ids dropped), an entity index naming every id
// they mention, and the event rows the event list and map read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDocument, type EntityMention } from '../document.js';
import type { AssembledKnowledge, AssemblyArticle } from '../knowledge/assemble.js';
import type { ClaimOut, EventOut, StoryBasics } from '../output/analysis.js';
import type { EntityRef, StoryDetail, StorySummary } from '../serve/api-types.js';
import { buildStoryViews, excerpt, PAGE_LIMITS, viewEvent } from './story-view.js';
import { searchForms } from './search-text.js';

function mention(entityId: string, start: number): EntityMention {
  return { start, end: start + 3, text: 'اسم', type: 'misc', entityId, source: 'kb' };
}

function article(id: string, storyId: string, outlet: string | null, published: string | null, entityIds: string[]): AssemblyArticle {
  const doc = newDocument(id, { input: id, title: `عنوان ${id}`, text: `نص المقال ${id}\nسطر ثان`, outlet, published, url: null });
  doc.entities = entityIds.map((e, i) => mention(e, i * 4));
  return { doc, storyId, duplicateOf: null };
}

function event(id: string, fields: Partial<EventOut>): EventOut {
  return {
    id, type: 'assault', qualifiers: [], status: 'reported', actors: [], recipients: [], location: null, date: null, counts: {},
    articleIds: ['a1'], evidence: [{ articleId: 'a1', start: 0, end: 3, text: 'نص ' }], attribution: null, ...fields,
  };
}

function claim(id: string, speaker: string | null, about: string[], speakerText = ''): ClaimOut {
  return { id, speaker, speakerText, unnamed: speaker === null, cue: 'قال', text: 'نص', articleId: 'a1', start: 0, end: 2, stance: 'assert', about };
}

const articles = [
  article('a3', 's1', 'وكالة ب', '2026-01-22', ['person:x']),
  article('a1', 's1', 'وكالة أ', '2026-01-20', ['loc:shaddadi', 'org:sdf', 'loc:shaddadi']),
  article('a4', 's1', null, null, []),
  article('a2', 's1', 'وكالة أ', '2026-01-20T10:00:00+03:00', ['org:sdf', 'org:sdf']),
  article('a5', 's2', 'وكالة ج', '2026-01-25', ['loc:raqqa']),
];
const stories: StoryBasics[] = [
  { id: 's1', title: 'الجيش يدخل الشدادي وقسد تنسحب', summary: 'دخلت قوات الجيش مدينة الشدادي.', articleIds: ['a3', 'a1', 'a4', 'a2'] },
  { id: 's2', title: 'هدوء في الرقة', summary: 'عاد الهدوء.', articleIds: ['a5', 'a-not-given'] },
];
const e1 = event('e1', { date: '2026-01-21', location: 'loc:shaddadi', actors: ['org:syrian-army'], recipients: ['org:sdf'], attribution: 'org:afp' });
const e2 = event('e2', { actors: ['new:person:نور-الدين'] });
const e3 = event('e3', { date: '2026-01-25', location: 'loc:unknown-place' });
const c1 = claim('c1', 'org:sdf', ['loc:hasakah']);
const c2 = claim('c2', null, [], 'مصدر أمني');
const c3 = claim('c3', 'org:syrian-interior-ministry', ['loc:raqqa']);
const knowledge: AssembledKnowledge = {
  events: [e1, e2, e3],
  claims: [c1, c2, c3],
  contradictions: [{ id: 'x1', kind: 'accounts', topic: 'al-Shaddadi', explanation: 'both sides', claims: ['c1', 'c3', 'c-missing'], events: ['e1', 'e-missing'] }],
  stories: new Map([
    ['s1', {
      timeline: ['e1', 'e2', 'e-missing'],
      claimsBySpeaker: [{ speaker: 'org:sdf', speakerText: '', claims: ['c1'] }, { speaker: null, speakerText: 'مصدر أمني', claims: ['c2', 'c-missing'] }],
      contradictions: ['x1'],
    }],
  ]),
};

const described: string[] = [];
const describe = (id: string): EntityRef => {
  described.push(id);
  return id === 'loc:shaddadi'
    ? { id, type: 'location', name: { ar: 'الشدادي', en: 'al-Shaddadi' }, coordinates: [40.73, 36.06] }
    : { id, type: 'misc', name: { ar: id, en: id } };
};
const updated = (id: string): string => (id === 's1' ? '2026-01-23T08:00:00.000Z' : '2026-01-25T09:00:00.000Z');

const views = buildStoryViews(stories, articles, knowledge, describe, updated);
const [v1, v2] = views;
const summary1 = JSON.parse(v1.summaryJson) as StorySummary;
const detail1 = JSON.parse(v1.detailJson) as StoryDetail;

test('buildStoryViews: one record per story, in the order given', () => {
  assert.deepEqual(views.map((v) => v.storyId), ['s1', 's2']);
});

test('buildStoryViews: the list entry counts articles, outlets (most articles first), dates and activity per day', () => {
  assert.equal(summary1.articleCount, 4);
  assert.equal(summary1.sourceCount, 2);
  assert.deepEqual(summary1.outlets, ['وكالة أ', 'وكالة ب']);
  assert.equal(summary1.firstPublished, '2026-01-20');
  assert.equal(summary1.lastPublished, '2026-01-22');
  assert.deepEqual(summary1.activity, [{ date: '2026-01-20', count: 2 }, { date: '2026-01-22', count: 1 }]);
  assert.equal(summary1.updatedAt, '2026-01-23T08:00:00.000Z');
  assert.equal(v1.updatedAt, summary1.updatedAt);
  assert.deepEqual([v1.firstPublished, v1.lastPublished], ['2026-01-20', '2026-01-22']);
});

test('buildStoryViews: event and contradiction counts are of what resolved; top entities by mentions', () => {
  assert.equal(summary1.eventCount, 2);
  assert.equal(summary1.contradictionCount, 1);
  assert.deepEqual(summary1.topEntities.map((e) => e.id), ['org:sdf', 'loc:shaddadi', 'person:x']);
  assert.deepEqual(detail1.entities.map((e) => [e.entity.id, e.mentions, e.articles]), [['org:sdf', 3, 2], ['loc:shaddadi', 2, 1], ['person:x', 1, 1]]);
});

test('buildStoryViews: the page lists articles by date and carries the summary fields', () => {
  const dated = detail1.articles.filter((a) => a.published !== null).map((a) => a.id);
  assert.deepEqual(dated, ['a1', 'a2', 'a3']);
  assert.deepEqual([detail1.articles.length, detail1.articlesTotal, detail1.timelineTotal], [4, 4, 2]);
  assert.equal(detail1.articles.find((a) => a.id === 'a1')?.excerpt, 'نص المقال a1 سطر ثان');
  const { articles: _a, articlesTotal: _n, timeline: _t, timelineTotal: _m, claimsBySpeaker: _c, contradictions: _x, entities: _e, entityIndex: _i, ...rest } = detail1;
  assert.deepEqual(rest, summary1);
});

test('buildStoryViews: timeline, claims by speaker and contradictions are resolved objects; unknown ids are dropped', () => {
  assert.deepEqual(detail1.timeline, [{ ...e1, reportCount: 1 }, { ...e2, reportCount: 1 }]);
  assert.deepEqual(detail1.claimsBySpeaker, [
    { speaker: 'org:sdf', speakerText: '', total: 1, claims: [c1] },
    { speaker: null, speakerText: 'مصدر أمني', total: 2, claims: [c2] },
  ]);
  assert.deepEqual(detail1.contradictions, [
    { id: 'x1', kind: 'accounts', topic: 'al-Shaddadi', explanation: 'both sides', claims: [c1, c3], events: [{ ...e1, reportCount: 1 }] },
  ]);
});

test('buildStoryViews: the entity index names every id of events, claims, contradictions and entities, described once', () => {
  const expected = [
    'org:syrian-army', 'org:sdf', 'loc:shaddadi', 'org:afp', 'new:person:نور-الدين', 'loc:hasakah', 'org:syrian-interior-ministry',
    'loc:raqqa', 'person:x',
  ];
  assert.deepEqual(Object.keys(detail1.entityIndex).sort(), [...expected].sort());
  for (const id of expected) assert.deepEqual(detail1.entityIndex[id], describe(id));
  const before = described.length;
  buildStoryViews(stories, articles, knowledge, describe, updated);
  const calls = described.slice(before);
  assert.equal(calls.length, new Set(calls).size, 'an entity was described more than once in one build');
});

test('buildStoryViews: event rows carry the place\'s coordinates as lon/lat, and the event as JSON', () => {
  assert.deepEqual(v1.events.map((e) => [e.eventId, e.type, e.date, e.location, e.lon, e.lat]), [
    ['e1', 'assault', '2026-01-21', 'loc:shaddadi', 40.73, 36.06],
    ['e2', 'assault', null, null, null, null],
  ]);
  assert.deepEqual(JSON.parse(v1.events[0].eventJson), { ...e1, reportCount: 1 });
});

test('buildStoryViews: search text is the search forms of title and summary', () => {
  assert.deepEqual(v1.search, { title: searchForms(stories[0].title), summary: searchForms(stories[0].summary) });
});

test('buildStoryViews: a story the knowledge does not know is a list entry without events, claims or contradictions', () => {
  const summary2 = JSON.parse(v2.summaryJson) as StorySummary;
  const detail2 = JSON.parse(v2.detailJson) as StoryDetail;
  assert.equal(summary2.articleCount, 2, 'articleCount counts the story\'s members');
  assert.deepEqual([summary2.eventCount, summary2.contradictionCount], [0, 0]);
  assert.deepEqual(detail2.articles.map((a) => a.id), ['a5']);
  assert.deepEqual([detail2.timeline, detail2.claimsBySpeaker, detail2.contradictions, v2.events], [[], [], [], []]);
  assert.deepEqual(Object.keys(detail2.entityIndex), ['loc:raqqa']);
});

test('buildStoryViews: a big story\'s page is capped, and its counts and totals still tell the whole story', () => {
  const n = PAGE_LIMITS.articles + 7;
  const many = Array.from({ length: n }, (_, i) => article(`m${i}`, 'big', 'وكالة', `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, ['org:sdf']));
  const events = Array.from({ length: PAGE_LIMITS.timeline + 5 }, (_, i) => event(`ev${i}`, {
    date: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    // Event 3 is reported by many articles: it must survive the cut; its evidence and article ids are trimmed.
    articleIds: i === 3 ? many.map((a) => a.doc.id) : ['m0'],
    evidence: (i === 3 ? many : many.slice(0, 1)).map((a) => ({ articleId: a.doc.id, start: 0, end: 2, text: 'نص' })),
  }));
  const claims = Array.from({ length: PAGE_LIMITS.claimsPerSpeaker + 3 }, (_, i) => claim(`cl${i}`, 'org:sdf', []));
  const contradictions = Array.from({ length: PAGE_LIMITS.contradictions + 2 }, (_, i) => ({ id: `x${i}`, kind: 'numbers' as const, topic: 't', explanation: 'e', claims: [], events: [] }));
  const big: AssembledKnowledge = {
    events, claims, contradictions,
    stories: new Map([['big', { timeline: events.map((e) => e.id), claimsBySpeaker: [{ speaker: 'org:sdf', speakerText: '', claims: claims.map((c) => c.id) }], contradictions: contradictions.map((x) => x.id) }]]),
  };
  const [view] = buildStoryViews([{ id: 'big', title: 'قصة كبيرة', summary: 'ملخص', articleIds: many.map((a) => a.doc.id) }], many, big, describe, updated);
  const summary = JSON.parse(view.summaryJson) as StorySummary;
  const detail = JSON.parse(view.detailJson) as StoryDetail;
  assert.deepEqual([summary.articleCount, summary.eventCount, summary.contradictionCount], [n, events.length, contradictions.length]);
  assert.deepEqual([detail.articles.length, detail.articlesTotal], [PAGE_LIMITS.articles, n]);
  assert.deepEqual([detail.timeline.length, detail.timelineTotal], [PAGE_LIMITS.timeline, events.length]);
  assert.equal(detail.contradictions.length, PAGE_LIMITS.contradictions);
  assert.deepEqual([detail.claimsBySpeaker[0].claims.length, detail.claimsBySpeaker[0].total], [PAGE_LIMITS.claimsPerSpeaker, claims.length]);
  // The latest articles are kept, the timeline stays in time order, the most reported event is kept, trimmed.
  const latest = [...many].sort((a, b) => (a.doc.published! < b.doc.published! ? -1 : 1)).slice(-1)[0].doc.published;
  assert.equal(detail.articles[detail.articles.length - 1].published, latest);
  const kept = detail.timeline.map((e) => Number(e.id.slice(2)));
  assert.deepEqual(kept, [...kept].sort((a, b) => a - b));
  const hot = detail.timeline.find((e) => e.id === 'ev3');
  assert.ok(hot, 'the most reported event was cut');
  assert.deepEqual([hot.reportCount, hot.articleIds.length, hot.evidence.length], [n, PAGE_LIMITS.eventArticles, PAGE_LIMITS.evidence]);
  // Every event stays in the event rows (the event list pages through them), each with its report count.
  assert.equal(view.events.length, events.length);
  assert.deepEqual(JSON.parse(view.events[3].eventJson), viewEvent(events[3]));
});

test('excerpt: whitespace flattened, cut at a space with an ellipsis; short text whole', () => {
  assert.equal(excerpt('  سطر\n\nثان  '), 'سطر ثان');
  const long = 'كلمة '.repeat(100);
  const cut = excerpt(long, 50);
  assert.ok(cut.endsWith('…') && cut.length <= 51, cut);
  assert.ok(long.startsWith(cut.slice(0, -1)) && !cut.slice(0, -1).endsWith(' '));
  assert.equal(excerpt('بلا_فراغات'.repeat(30), 50).length, 51);
});
