// Cross-article event merging on hand-built documents: which mentions are one real-world event and which are not,
// and what the merged event keeps (docs/events.md, "How it works", merging).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Document, EventMention } from '../document.js';
import { newDocument } from '../document.js';
import type { AssemblyArticle } from '../knowledge/assemble.js';
import { mergeEvents } from './merge.js';

const CALL_TEXT = 'أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب الاثنين.';
const SHARAA = 'person:ahmed-al-sharaa';
const TRUMP = 'person:donald-trump';
const PUTIN = 'person:vladimir-putin';

/** An event mention over the whole text, with the trigger at `trigger` (or the text start). */
function mention(text: string, fields: Partial<EventMention> & Pick<EventMention, 'type'>, trigger = ''): EventMention {
  const at = Math.max(0, text.indexOf(trigger));
  return {
    start: 0, end: text.length, qualifiers: [], trigger: { start: at, end: at + trigger.length },
    actors: [], recipients: [], location: null, date: null, counts: {}, attribution: null, status: 'reported',
    ...fields,
  };
}

function article(id: string, published: string, text: string, events: EventMention[], outlet = `outlet-${id}`): AssemblyArticle {
  const doc: Document = { ...newDocument(id, { input: id, title: '', text, outlet, published, url: null }), events };
  return { doc, storyId: null, duplicateOf: null };
}

function call(id: string, published: string, actors: string[], recipients: string[], date: string | null = '2026-01-19'): AssemblyArticle {
  return article(id, published, CALL_TEXT, [mention(CALL_TEXT, { type: 'consult', mode: 'phone', actors, recipients, date }, 'اتصالاً هاتفياً')]);
}

test('the same call reported by two outlets is one event with both articles and both pieces of evidence', () => {
  const merged = mergeEvents([call('a1', '2026-01-20', [SHARAA], [TRUMP]), call('a2', '2026-01-20', [SHARAA], [TRUMP])]);
  assert.equal(merged.length, 1);
  assert.deepEqual(merged[0].event.articleIds, ['a1', 'a2']);
  assert.deepEqual(merged[0].event.evidence.map((e) => [e.articleId, e.text]), [['a1', CALL_TEXT], ['a2', CALL_TEXT]]);
});

test('two calls between different pairs are two events, even with one party in common', () => {
  const merged = mergeEvents([call('a1', '2026-01-20', [SHARAA], [TRUMP]), call('a2', '2026-01-20', [SHARAA], [PUTIN])]);
  assert.equal(merged.length, 2);
});

test('a call and a meeting of the same pair on the same day are two events', () => {
  const text = 'التقى الرئيس أحمد الشرع الرئيس الأميركي دونالد ترمب الاثنين.';
  const meeting = article('a2', '2026-01-20', text, [mention(text, { type: 'consult', actors: [SHARAA], recipients: [TRUMP], date: '2026-01-19' }, 'التقى')]);
  const merged = mergeEvents([call('a1', '2026-01-20', [SHARAA], [TRUMP]), meeting]);
  assert.deepEqual(merged.map((m) => m.event.mode ?? null).sort(), [null, 'phone']);
});

function takeControl(id: string, location: string): AssemblyArticle {
  const text = 'أعلن الجيش السوري السيطرة على المدينة الاثنين.';
  return article(id, '2026-01-20', text, [mention(text, {
    type: 'assault', qualifiers: ['territory'], actors: ['org:syrian-army'], location, date: '2026-01-19',
  }, 'السيطرة على')]);
}

test('the same type, actor and day at two places neither of which contains the other are two events', () => {
  const merged = mergeEvents([takeControl('a1', 'loc:tabqa'), takeControl('a2', 'loc:raqqa')]);
  assert.equal(merged.length, 2);
});

test('a facility and the town it lies in (by the `within` relation) are one event', () => {
  const within = (inner: string, outer: string): boolean => inner === outer || (inner === 'fac:shaddadi-prison' && outer === 'loc:shaddadi');
  const articles = [takeControl('a1', 'fac:shaddadi-prison'), takeControl('a2', 'loc:shaddadi')];
  assert.equal(mergeEvents(articles).length, 2, 'without the relation they stay apart');
  const merged = mergeEvents(articles, within);
  assert.equal(merged.length, 1);
  assert.deepEqual(merged[0].event.articleIds, ['a1', 'a2']);
});

test('undated mentions of one pair published 10 days apart are two events (2 days apart: one)', () => {
  const near = mergeEvents([call('a1', '2026-01-10', [SHARAA], [TRUMP], null), call('a2', '2026-01-12', [SHARAA], [TRUMP], null)]);
  assert.equal(near.length, 1, 'control: two days apart');
  const far = mergeEvents([call('a1', '2026-01-10', [SHARAA], [TRUMP], null), call('a2', '2026-01-20', [SHARAA], [TRUMP], null)]);
  assert.equal(far.length, 2);
});

test('a planned meeting and the report of it on the same date are one event, reported', () => {
  const planText = 'سيجتمع الرئيس الروسي فلاديمير بوتين غداً الأربعاء مع الرئيس أحمد الشرع في موسكو.';
  const reportText = 'اجتمع الرئيس الروسي فلاديمير بوتين اليوم الأربعاء مع الرئيس أحمد الشرع في موسكو.';
  const fields = { type: 'consult' as const, actors: [PUTIN], recipients: [SHARAA], location: 'loc:moscow', date: '2026-01-21' };
  const merged = mergeEvents([
    article('a1', '2026-01-20', planText, [mention(planText, { ...fields, status: 'planned' }, 'سيجتمع')]),
    article('a2', '2026-01-21', reportText, [mention(reportText, { ...fields, status: 'reported' }, 'اجتمع')]),
  ]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0].event.status, 'reported');
  assert.deepEqual(merged[0].event.articleIds, ['a1', 'a2']);
});

test('the merged event\'s id does not depend on the order the articles arrive in', () => {
  const a = call('a1', '2026-01-20', [SHARAA], [TRUMP]);
  const b = call('a2', '2026-01-20', [SHARAA], [TRUMP]);
  const [forward] = mergeEvents([a, b]);
  const [backward] = mergeEvents([b, a]);
  assert.match(forward.event.id, /^e_[0-9a-f]{16}$/);
  assert.equal(forward.event.id, backward.event.id);
});

function clash(id: string, killed: number): AssemblyArticle {
  const text = `قتل ${killed} عناصر في اشتباكات بين الجيش السوري وقسد في بلدة تل تمر الاثنين.`;
  return article(id, '2026-01-20', text, [mention(text, {
    type: 'assault', actors: ['org:syrian-army', 'org:sdf'], location: 'loc:tell-tamer', date: '2026-01-19', counts: { killed },
  }, 'اشتباكات')]);
}

test('conflicting counts keep the figure most reports give', () => {
  const merged = mergeEvents([clash('a1', 5), clash('a2', 7), clash('a3', 7)]);
  assert.equal(merged.length, 1);
  assert.deepEqual(merged[0].event.counts, { killed: 7 });
});

test('conflicting counts with a tie keep the lowest figure, whatever the order', () => {
  assert.deepEqual(mergeEvents([clash('a1', 7), clash('a2', 5)])[0].event.counts, { killed: 5 });
  assert.deepEqual(mergeEvents([clash('a1', 5), clash('a2', 7)])[0].event.counts, { killed: 5 });
});
