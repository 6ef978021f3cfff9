import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../kb/kb.js';
import { kbWikidataIds, ploverJsonl, ploverRecords } from './plover.js';
import { article, event, outputWith } from './test-output.js';

const plover = JSON.parse(readFileSync(new URL('../events/data/plover.json', import.meta.url), 'utf8')) as Record<'recordFields' | 'actorFields' | 'citeInfoFields', object>;
const recordFields = Object.keys(plover.recordFields);
const wikidataId = kbWikidataIds(loadKnowledgeBase());

test('a drone strike: PLOVER fields, actors as written in the evidence, magnitudes, location from [lon, lat]', () => {
  const evidence = 'قصفت طائرة مسيرة أميركية موقعاً لتنظيم داعش قرب الشدادي';
  const strike = event({
    type: 'assault', mode: 'heavy-weapons', context: 'terrorism', qualifiers: ['aerial'], actors: ['org:us-forces'], recipients: ['org:isis'],
    location: 'loc:shaddadi', date: '2026-01-19', counts: { killed: 4, injured: 9 }, articleIds: ['a_1', 'a_2'],
    evidence: [{ articleId: 'a_1', start: 0, end: evidence.length, text: evidence }, { articleId: 'a_2', start: 5, end: 20, text: 'غارة بطائرة مسيرة' }],
  });
  // Entities are sorted by id: org:isis, org:us-forces, loc:shaddadi → mentions in that order.
  const output = outputWith([strike], [article('a_1'), article('a_2', { outlet: 'عنب بلدي', url: null, storyId: 's_a_1' })],
    [[], [{ articleId: 'a_1', start: 34, end: 38, text: 'داعش' }], []]);
  const [record] = ploverRecords(output, { wikidataId });
  assert.equal(record.id, strike.id);
  assert.equal(record.date, '2026-01-19');
  assert.deepEqual(record.event, ['ASSAULT']);
  assert.deepEqual(record.mode, ['heavy-weapons']);
  assert.deepEqual(record.context, ['terrorism']);
  assert.equal(record.quad_code, 4);
  assert.equal(record.event_scale, -9.3);
  assert.deepEqual(record.source.map((a) => a.identifier_text), ['United States Armed Forces']);
  assert.deepEqual(record.recipient, [{ actor_text: 'داعش', identifier_id: wikidataId('org:isis') ?? 'org:isis', identifier_text: 'Islamic State (ISIS)' }]);
  assert.deepEqual(record.event_loc, { name: 'al-Shaddadi', lat: 36.0576, lon: 40.7348 });
  assert.deepEqual(record.event_text, [evidence, 'غارة بطائرة مسيرة']);
  assert.deepEqual([record.dead, record.injured, record.arrested], [4, 9, undefined]);
  assert.equal(record.link, 's_a_1');
  assert.deepEqual(record.cite_info.map((c) => [c.citation, c.publication, c.language, c.url]), [
    ['a_1', 'وكالة الشام', 'ar', 'https://example.org/a_1'], ['a_2', 'عنب بلدي', 'ar', null],
  ]);
  assert.equal(record.comment, undefined);
  for (const key of Object.keys(record)) assert.ok(recordFields.includes(key) || ['dead', 'injured', 'arrested'].includes(key), `${key} is no PLOVER field`);
  for (const key of Object.keys(record.source[0])) assert.ok(key in plover.actorFields, `${key} is no PLOVER actor field`);
  for (const key of Object.keys(record.cite_info[0])) assert.ok(key in plover.citeInfoFields, `${key} is no PLOVER cite_info field`);
});

test('Wikidata ids come from the knowledge base; an entity without one keeps its Marsad id', () => {
  assert.equal(wikidataId('org:syrian-government'), 'Q1141005');
  const [record] = ploverRecords(outputWith([event({ type: 'consult', mode: 'phone', actors: ['org:syrian-government'], recipients: ['new:person:أحمد-زيد'] })]), { wikidataId });
  assert.deepEqual(record.source.map((a) => [a.identifier_id, a.actor_text]), [['Q1141005', 'الحكومة السورية']]);
  assert.deepEqual(record.recipient.map((a) => [a.identifier_id, a.actor_text]), [['new:person:أحمد-زيد', 'أحمد زيد']]);
  assert.deepEqual(record.event, ['CONSULT']);
  assert.equal(record.quad_code, 1);
});

test('arrests give arrested; a missing location is null; planned events get the context "future"; undated ones say so', () => {
  const [arrest, meeting] = ploverRecords(outputWith([
    event({ type: 'coerce', mode: 'arrest', actors: ['org:syrian-interior-ministry'], counts: { detained: 12 } }),
    event({ type: 'consult', status: 'planned', date: null, actors: ['person:ahmed-al-sharaa'], recipients: ['person:vladimir-putin'] }),
  ], [article('a_1', { published: '2026-01-21' })]));
  assert.equal(arrest.arrested, 12);
  assert.equal('dead' in arrest, false);
  assert.equal(arrest.event_loc, null);
  assert.deepEqual(arrest.mode, ['arrest']);
  assert.deepEqual(meeting.context, ['future']);
  assert.deepEqual(meeting.mode, []);
  assert.equal(meeting.date, '2026-01-21');
  assert.match(meeting.comment ?? '', /first report/);
});

test('JSON Lines: one record per line, Arabic kept as it is', () => {
  const text = ploverJsonl(outputWith([event({ type: 'agree', qualifiers: ['agreement'], actors: ['org:syrian-government', 'org:sdf'] }), event({})]));
  const lines = text.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { event: string[] }).event), [['AGREE'], ['ASSAULT']]);
  assert.ok(text.includes('سيطر الجيش على المدينة'));
  assert.equal(ploverJsonl(outputWith([])), '');
});
