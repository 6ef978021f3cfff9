// Story knowledge from hand-built articles: timeline order, claims grouped by speaker, contradictions attached to
// the stories they come from, and evidence that is exactly the article's text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimMention, ClaimStance, Document, EventMention, PloverType } from '../document.js';
import { newDocument } from '../document.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import { assembleKnowledge, type AssemblyArticle } from './assemble.js';

const kb = loadKnowledgeBase();

/** An event stated by the sentence containing `words`. */
function event(text: string, words: string, fields: Partial<EventMention> & { type: PloverType }): EventMention {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `«${words}» not in the text`);
  return {
    start, end: start + words.length, qualifiers: [], trigger: { start, end: start + words.split(' ')[0].length },
    actors: [], recipients: [], location: null, date: null, counts: {}, attribution: null, status: 'reported', ...fields,
  };
}

/** A claim whose content is `words`, said by `speaker` (or by an unnamed source written `speakerText`). */
function claim(text: string, words: string, speaker: string | null, stance: ClaimStance = 'assert', speakerText = '', about: string[] = []): ClaimMention {
  const start = text.indexOf(words);
  assert.ok(start >= 0, `«${words}» not in the text`);
  return { start, end: start + words.length, speaker, speakerText, unnamed: speaker === null, cue: 'قال', cueSpan: { start: 0, end: 3 }, stance, about };
}

function article(id: string, storyId: string | null, text: string, events: EventMention[], claims: ClaimMention[] = [], published = '2026-01-20'): AssemblyArticle {
  const doc: Document = { ...newDocument(id, { input: id, title: '', text, outlet: `outlet-${id}`, published, url: null }), events, claims };
  return { doc, storyId, duplicateOf: null };
}

const TEXT_A = 'رحبت الحكومة السورية بالقرار. واتهمت قسد الحكومة بخرق الاتفاق. ورفضت الحكومة المقترح.';
const TEXT_B = 'أجرى الشرع اتصالاً هاتفياً بترمب. وأعلن الطرفان التوصل إلى اتفاق.';

/** The story's timeline as the event types (each type is used once, so types name the events). */
function timelineTypes(articles: AssemblyArticle[], storyId = 's1'): string[] {
  const knowledge = assembleKnowledge(articles, kb);
  const typeOf = new Map(knowledge.events.map((e) => [e.id, e.type]));
  return (knowledge.stories.get(storyId)?.timeline ?? []).map((id) => typeOf.get(id)!);
}

test('timeline: dated events in date order, whatever order they were reported in', () => {
  const a = article('a1', 's1', TEXT_B, [
    event(TEXT_B, 'أجرى الشرع اتصالاً هاتفياً بترمب', { type: 'consult', mode: 'phone', actors: ['person:ahmed-al-sharaa'], recipients: ['person:donald-trump'], date: '2026-01-19' }),
    event(TEXT_B, 'وأعلن الطرفان التوصل إلى اتفاق', { type: 'agree', actors: ['org:sdf', 'org:syrian-government'], date: '2026-01-05' }),
  ]);
  assert.deepEqual(timelineTypes([a]), ['agree', 'consult']);
});

test('timeline: a month sorts before the days in it', () => {
  const a = article('a1', 's1', TEXT_B, [
    event(TEXT_B, 'أجرى الشرع اتصالاً هاتفياً بترمب', { type: 'consult', mode: 'phone', actors: ['person:ahmed-al-sharaa'], recipients: ['person:donald-trump'], date: '2026-01-02' }),
    event(TEXT_B, 'وأعلن الطرفان التوصل إلى اتفاق', { type: 'agree', actors: ['org:sdf', 'org:syrian-government'], date: '2026-01' }),
  ]);
  assert.deepEqual(timelineTypes([a]), ['agree', 'consult']);
});

test('timeline: undated events come last, in order of first report', () => {
  const first = article('a1', 's1', TEXT_A, [
    event(TEXT_A, 'ورفضت الحكومة المقترح', { type: 'reject', actors: ['org:syrian-government'] }),
    event(TEXT_A, 'رحبت الحكومة السورية بالقرار', { type: 'support', actors: ['org:syrian-government'], date: '2026-01-19' }),
  ]);
  const second = article('a2', 's1', TEXT_A, [
    event(TEXT_A, 'واتهمت قسد الحكومة بخرق الاتفاق', { type: 'accuse', actors: ['org:sdf'], recipients: ['org:syrian-government'] }),
  ], [], '2026-01-21');
  assert.deepEqual(timelineTypes([first, second]), ['support', 'reject', 'accuse']);
});

test('timeline: a story lists only the events its own articles report', () => {
  const inStory = article('a1', 's1', TEXT_A, [event(TEXT_A, 'ورفضت الحكومة المقترح', { type: 'reject', actors: ['org:syrian-government'] })]);
  const elsewhere = article('a2', 's2', TEXT_B, [event(TEXT_B, 'أجرى الشرع اتصالاً هاتفياً بترمب', { type: 'consult', mode: 'phone', actors: ['person:ahmed-al-sharaa'], recipients: ['person:donald-trump'] })]);
  assert.deepEqual(timelineTypes([inStory, elsewhere], 's1'), ['reject']);
  assert.deepEqual(timelineTypes([inStory, elsewhere], 's2'), ['consult']);
});

test('claimsBySpeaker: one group per named speaker, most quoted first', () => {
  const a = article('a1', 's1', TEXT_A, [], [
    claim(TEXT_A, 'بخرق الاتفاق', 'org:sdf'),
    claim(TEXT_A, 'رحبت الحكومة السورية بالقرار', 'org:syrian-government'),
    claim(TEXT_A, 'ورفضت الحكومة المقترح', 'org:syrian-government'),
  ]);
  const groups = assembleKnowledge([a], kb).stories.get('s1')!.claimsBySpeaker;
  assert.deepEqual(groups.map((g) => [g.speaker, g.claims.length]), [['org:syrian-government', 2], ['org:sdf', 1]]);
});

test('claimsBySpeaker: unnamed speakers are grouped by their text', () => {
  const a = article('a1', 's1', TEXT_A, [], [
    claim(TEXT_A, 'بخرق الاتفاق', null, 'assert', 'مصادر حكومية'),
    claim(TEXT_A, 'رحبت الحكومة السورية بالقرار', null, 'assert', 'مسؤولون'),
    claim(TEXT_A, 'ورفضت الحكومة المقترح', null, 'assert', 'مصادر حكومية'),
  ]);
  const groups = assembleKnowledge([a], kb).stories.get('s1')!.claimsBySpeaker;
  assert.deepEqual(groups.map((g) => [g.speaker, g.speakerText, g.claims.length]), [[null, 'مصادر حكومية', 2], [null, 'مسؤولون', 1]]);
});

test('contradictions: a contradiction between claims is attached to the stories of both claims and no other', () => {
  const text = 'وقال الجيش إن قسد أطلقت سراح عناصر من سجن الشدادي.';
  const other = 'وقالت قسد إن فصائل الحكومة هاجمت سجن الشدادي.';
  const knowledge = assembleKnowledge([
    article('a1', 's1', text, [], [claim(text, 'قسد أطلقت سراح عناصر من سجن الشدادي', 'org:syrian-army', 'accuse', '', ['org:sdf', 'fac:shaddadi-prison'])]),
    article('a2', 's2', other, [], [claim(other, 'فصائل الحكومة هاجمت سجن الشدادي', 'org:sdf', 'accuse', '', ['org:syrian-government', 'fac:shaddadi-prison'])]),
    article('a3', 's3', TEXT_B, []),
  ], kb);
  assert.equal(knowledge.contradictions.length, 1);
  const id = knowledge.contradictions[0].id;
  assert.deepEqual(knowledge.stories.get('s1')?.contradictions, [id]);
  assert.deepEqual(knowledge.stories.get('s2')?.contradictions, [id]);
  assert.deepEqual(knowledge.stories.get('s3')?.contradictions ?? [], []);
});

test('contradictions: a contradiction about an event is attached to the stories of the event\'s articles', () => {
  const clash = (killed: number): string => `قتل ${killed} عناصر في اشتباكات بين الجيش السوري وقسد في مدينة الطبقة.`;
  const report = (id: string, storyId: string, killed: number): AssemblyArticle => article(id, storyId, clash(killed), [event(clash(killed), clash(killed), {
    type: 'assault', actors: ['org:syrian-army', 'org:sdf'], location: 'loc:tabqa', date: '2026-01-19', counts: { killed },
  })]);
  const knowledge = assembleKnowledge([report('a1', 's1', 5), report('a2', 's2', 7), article('a3', 's3', TEXT_B, [])], kb);
  assert.deepEqual(knowledge.contradictions.map((c) => c.kind), ['numbers']);
  const id = knowledge.contradictions[0].id;
  assert.deepEqual([knowledge.stories.get('s1')?.contradictions, knowledge.stories.get('s2')?.contradictions], [[id], [id]]);
  assert.deepEqual(knowledge.stories.get('s3')?.contradictions ?? [], []);
});

test('evidence: every event evidence and claim text is the article text at its offsets', () => {
  const a = article('a1', 's1', TEXT_A,
    [event(TEXT_A, 'واتهمت قسد الحكومة بخرق الاتفاق', { type: 'accuse', actors: ['org:sdf'], recipients: ['org:syrian-government'] })],
    [claim(TEXT_A, 'بخرق الاتفاق', 'org:sdf', 'accuse')]);
  const knowledge = assembleKnowledge([a], kb);
  const evidence = knowledge.events.flatMap((e) => e.evidence);
  assert.equal(evidence.length, 1);
  for (const e of evidence) assert.equal(e.text, TEXT_A.slice(e.start, e.end));
  assert.equal(evidence[0].text, 'واتهمت قسد الحكومة بخرق الاتفاق');
  for (const c of knowledge.claims) assert.equal(c.text, TEXT_A.slice(c.start, c.end));
  assert.equal(knowledge.claims[0].text, 'بخرق الاتفاق');
});
