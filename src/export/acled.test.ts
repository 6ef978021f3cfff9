import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { loadKnowledgeBase } from '../kb/kb.js';
import { ACLED_COLUMNS, REPORT_DATE_NOTE, acledCsv, acledRows, loadAcledMapping } from './acled.js';
import { actorKindClassifier } from './actor-kinds.js';
import { article, event, outputWith } from './test-output.js';

const kindOf = actorKindClassifier(loadKnowledgeBase());
const rowOf = (e: ReturnType<typeof event>, articles?: ReturnType<typeof article>[]) => acledRows(outputWith([e], articles), kindOf)[0];
const category = (e: ReturnType<typeof event>) => {
  const row = rowOf(e);
  return `${row.event_type} / ${row.sub_event_type}`;
};

test('taking a town: government forces regain territory, an armed group overtakes it, an unknown captor is a clash', () => {
  const taking = { type: 'assault' as const, qualifiers: ['territory'], recipients: ['org:sdf'], location: 'loc:shaddadi' };
  assert.equal(category(event({ ...taking, actors: ['org:syrian-army'] })), 'Battles / Government regains territory');
  assert.equal(category(event({ ...taking, actors: ['loc:syria'] })), 'Battles / Government regains territory', 'a country is a state actor');
  assert.equal(category(event({ ...taking, actors: ['org:isis'] })), 'Battles / Non-state actor overtakes territory');
  assert.equal(category(event({ ...taking, actors: ['new:organization:مجموعة-مسلحة'] })), 'Battles / Armed clash');
  assert.equal(category(event({ ...taking, actors: ['new:organization:حركة-التحرير'] })), 'Battles / Non-state actor overtakes territory');
  assert.equal(category(event({ ...taking, actors: [] })), 'Battles / Armed clash');
});

test('a drone strike is an air/drone strike; its deaths are the fatalities', () => {
  const strike = event({
    type: 'assault', mode: 'heavy-weapons', qualifiers: ['aerial'], actors: ['org:us-forces'], recipients: ['org:isis'],
    location: 'loc:shaddadi', counts: { killed: 4, injured: 9 },
  });
  const row = rowOf(strike);
  assert.equal(`${row.event_type} / ${row.sub_event_type}`, 'Explosions/Remote violence / Air/drone strike');
  assert.equal(row.fatalities, 4);
  assert.equal(row.actor1, 'United States Armed Forces');
  assert.equal(row.actor2, 'Islamic State (ISIS)');
  assert.equal(row.location, 'al-Shaddadi');
  // KB coordinates are [lon, lat].
  assert.deepEqual([row.latitude, row.longitude], [36.0576, 40.7348]);
  assert.deepEqual([row.plover_type, row.plover_mode, row.marsad_qualifiers], ['assault', 'heavy-weapons', 'aerial']);
  assert.equal(category(event({ type: 'assault', mode: 'heavy-weapons', actors: ['org:idf'] })), 'Explosions/Remote violence / Shelling/artillery/missile attack');
});

test('arrests by the state are Arrests; by a non-state group they are abductions', () => {
  const arrest = { type: 'coerce' as const, mode: 'arrest', counts: { detained: 3 } };
  assert.equal(category(event({ ...arrest, actors: ['org:syrian-interior-ministry'] })), 'Strategic developments / Arrests');
  assert.equal(category(event({ ...arrest, actors: ['org:sdf'] })), 'Violence against civilians / Abduction/forced disappearance');
  assert.equal(rowOf(event({ ...arrest, actors: ['org:sdf'] })).fatalities, 0, 'no deaths reported: 0');
});

test('a phone call and a ceasefire agreement are strategic developments; the parties of an agreement face each other', () => {
  const call = rowOf(event({ type: 'consult', mode: 'phone', actors: ['person:ahmed-al-sharaa'], recipients: ['person:donald-trump'] }));
  assert.deepEqual([call.event_type, call.sub_event_type, call.actor1, call.actor2], ['Strategic developments', 'Other', 'Ahmed al-Sharaa', 'Donald Trump']);
  const ceasefire = rowOf(event({
    type: 'agree', qualifiers: ['agreement', 'ceasefire'], actors: ['org:syrian-government', 'org:sdf', 'org:asayish'], recipients: [],
  }));
  assert.deepEqual([ceasefire.event_type, ceasefire.sub_event_type], ['Strategic developments', 'Agreement']);
  assert.equal(ceasefire.actor1, 'Government of Syria');
  assert.equal(ceasefire.actor2, 'Syrian Democratic Forces; Asayish');
  assert.equal(ceasefire.marsad_qualifiers, 'agreement; ceasefire');
  assert.equal(category(event({ type: 'agree', actors: ['org:syrian-government'] })), 'Strategic developments / Other', 'goodwill without a deal');
});

test('every PLOVER type and mode maps to an ACLED category from the data', () => {
  for (const type of new Set(loadAcledMapping().map((m) => m.type))) {
    assert.ok(loadAcledMapping().some((m) => m.type === type && !m.mode && !m.qualifier && !m.actorKind), `${type} has no catch-all`);
  }
});

test('a missing location leaves location and coordinates empty; the source lists each outlet once', () => {
  const articles = [article('a_1', { outlet: 'عنب بلدي' }), article('a_2', { outlet: 'عنب بلدي' }), article('a_3', { outlet: null }), article('a_4', { outlet: 'الشرق الأوسط' })];
  const row = rowOf(event({ type: 'protest', mode: 'demo', actors: [], recipients: [], articleIds: ['a_1', 'a_2', 'a_3', 'a_4'] }), articles);
  assert.deepEqual([row.location, row.latitude, row.longitude], ['', '', '']);
  assert.deepEqual([row.actor1, row.actor2], ['', '']);
  assert.equal(row.source, 'عنب بلدي; الشرق الأوسط');
  assert.equal(`${row.event_type} / ${row.sub_event_type}`, 'Protests / Peaceful protest');
});

test('event_date: the event day, else the first report day (said in notes); planned events are left out', () => {
  const articles = [article('a_1', { published: '2026-01-22T08:00:00Z' }), article('a_2', { published: '2026-01-21' })];
  const two = { articleIds: ['a_1', 'a_2'] };
  assert.equal(rowOf(event({ ...two, date: '2026-01-19' }), articles).event_date, '2026-01-19');
  const undated = rowOf(event({ ...two, date: null }), articles);
  assert.equal(undated.event_date, '2026-01-21');
  assert.ok(String(undated.notes).endsWith(REPORT_DATE_NOTE));
  assert.equal(rowOf(event({ ...two, date: '2026-01' }), articles).event_date, '2026-01-21', 'a month is no day');
  const unknown = rowOf(event({ date: null }), [article('a_1', { published: null })]);
  assert.deepEqual([unknown.event_date, unknown.notes], ['', 'سيطر الجيش على المدينة']);
  const planned = event({ type: 'consult', status: 'planned', date: '2026-01-28' });
  assert.equal(acledRows(outputWith([planned, event({})]), kindOf).length, 1);
});

test('the CSV has the header row and survives a parse: Arabic, commas, quotes and newlines', () => {
  const notes = 'قال "المتحدث"، إن القوات, وصلت\nإلى «الشدادي»\r\nصباحاً';
  const e = event({
    type: 'assault', qualifiers: ['territory'], actors: ['org:syrian-army'], recipients: ['new:organization:قوات-"محلية",-شرق'],
    evidence: [{ articleId: 'a_1', start: 0, end: notes.length, text: notes }], counts: { killed: 2 },
  });
  const output = outputWith([e], [article('a_1', { outlet: 'وكالة "الشام", دمشق' })]);
  const csv = acledCsv(output, kindOf);
  assert.equal(csv.split('\n')[0], ACLED_COLUMNS.join(','));
  const records = parse(csv, { columns: true }) as Record<string, string>[];
  assert.equal(records.length, 1);
  assert.deepEqual(Object.keys(records[0]), [...ACLED_COLUMNS]);
  assert.equal(records[0].notes, notes);
  assert.equal(records[0].source, 'وكالة "الشام", دمشق');
  const [row] = acledRows(output, kindOf);
  assert.match(String(row.actor2), /",/);
  assert.deepEqual(records[0], Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])));
  assert.equal(records[0].fatalities, '2');
  assert.equal(records[0].event_type, 'Battles');
});
