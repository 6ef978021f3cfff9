// Contradictions on minimal hand-built inputs: each kind fires on the smallest case that should fire it, and stays
// quiet when the two accounts come from one side, are about different places, or are far apart in time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimStance, Document, EventMention } from '../document.js';
import { newDocument } from '../document.js';
import type { ClaimOut, ContradictionOut } from '../output/analysis.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import { mergeEvents } from '../events/merge.js';
import type { AssemblyArticle } from '../knowledge/assemble.js';
import { detectContradictions, type SourcedClaim } from './detect.js';
import { listedEntityIds, sideOf } from './parties.js';

const kb = loadKnowledgeBase();
const ARMY = 'org:syrian-army';
const GOVERNMENT = 'org:syrian-government';
const INTERIOR = 'org:syrian-interior-ministry';
const SDF = 'org:sdf';
const PRISON = 'fac:shaddadi-prison';

function eventArticle(id: string, published: string, text: string, event: Partial<EventMention> & Pick<EventMention, 'type'>): AssemblyArticle {
  const mention: EventMention = {
    start: 0, end: text.length, qualifiers: [], trigger: { start: 0, end: 1 }, actors: [], recipients: [], location: null,
    date: null, counts: {}, attribution: null, status: 'reported', ...event,
  };
  const doc: Document = { ...newDocument(id, { input: id, title: '', text, outlet: `outlet-${id}`, published, url: null }), events: [mention] };
  return { doc, storyId: null, duplicateOf: null };
}

const kinds = (found: readonly ContradictionOut[]): string[] => found.map((c) => c.kind).sort();

// --- numbers ----------------------------------------------------------------------------------------------------

function clashReport(id: string, killed: number): AssemblyArticle {
  return eventArticle(id, '2026-01-20', `قتل ${killed} عناصر في اشتباكات بين الجيش السوري وقسد في مدينة الطبقة.`, {
    type: 'assault', actors: [ARMY, SDF], location: 'loc:tabqa', date: '2026-01-19', counts: { killed },
  });
}

test('numbers: one event with 5 killed in one report and 7 in another is a contradiction about that event', () => {
  const merged = mergeEvents([clashReport('a1', 5), clashReport('a2', 7)]);
  assert.equal(merged.length, 1);
  const found = detectContradictions(merged, [], kb);
  assert.deepEqual(kinds(found), ['numbers']);
  assert.deepEqual(found[0].events, [merged[0].event.id]);
});

test('numbers: the same figure in both reports is no contradiction', () => {
  assert.deepEqual(detectContradictions(mergeEvents([clashReport('a1', 7), clashReport('a2', 7)]), [], kb), []);
});

// --- actors -----------------------------------------------------------------------------------------------------

function takeover(id: string, actor: string, location = 'loc:shaddadi'): AssemblyArticle {
  return eventArticle(id, '2026-01-20', 'أعلنت السيطرة على مدينة الشدادي الاثنين.', {
    type: 'assault', qualifiers: ['territory'], actors: [actor], location, date: '2026-01-19',
  });
}

test('actors: the same town taken on the same day by parties of two sides is a contradiction', () => {
  const merged = mergeEvents([takeover('a1', ARMY), takeover('a2', SDF)]);
  assert.equal(merged.length, 2);
  const found = detectContradictions(merged, [], kb);
  assert.deepEqual(kinds(found), ['actors']);
  assert.deepEqual([...found[0].events].sort(), merged.map((m) => m.event.id).sort());
});

test('actors: the army and the government are one side, so crediting either is no contradiction', () => {
  assert.equal(sideOf(ARMY), sideOf(GOVERNMENT));
  assert.deepEqual(detectContradictions(mergeEvents([takeover('a1', ARMY), takeover('a2', GOVERNMENT)]), [], kb), []);
});

test('actors: two sides taking two different towns is no contradiction', () => {
  assert.deepEqual(detectContradictions(mergeEvents([takeover('a1', ARMY, 'loc:shaddadi'), takeover('a2', SDF, 'loc:tabqa')]), [], kb), []);
});

// --- claims (denial, accounts) ----------------------------------------------------------------------------------

let nextClaim = 0;

function claim(articleId: string, speaker: string, stance: ClaimStance, about: string[], published = '2026-01-20', span: [number, number] = [0, 40]): SourcedClaim {
  const out: ClaimOut = {
    id: `c_${++nextClaim}`, speaker, speakerText: '', unnamed: false, cue: 'قال', text: 'نص الادعاء', articleId,
    start: span[0], end: span[1], stance, about,
  };
  return { claim: out, outlet: `outlet-${articleId}`, published, eventActors: [], eventPlaces: [] };
}

test('denial: a party denying, in the same article, what another side\'s claim says is a contradiction of both claims', () => {
  const said = claim('a1', ARMY, 'assert', [SDF, PRISON], '2026-01-20', [0, 60]);
  const denied = claim('a1', SDF, 'deny', [], '2026-01-20', [40, 80]);
  const found = detectContradictions([], [said, denied], kb);
  assert.deepEqual(kinds(found), ['denial']);
  assert.deepEqual([...found[0].claims].sort(), [said.claim.id, denied.claim.id].sort());
});

test('denial: the government denying what the army said is no contradiction (one side)', () => {
  const said = claim('a1', ARMY, 'assert', [SDF], '2026-01-20', [0, 60]);
  const denied = claim('a1', GOVERNMENT, 'deny', [], '2026-01-20', [40, 80]);
  assert.deepEqual(detectContradictions([], [said, denied], kb), []);
});

test('denial: a denial in another article, or not covering the claim, is no denial contradiction', () => {
  const said = claim('a1', ARMY, 'assert', [], '2026-01-20', [0, 60]);
  assert.deepEqual(detectContradictions([], [said, claim('a2', SDF, 'deny', [], '2026-01-20', [40, 80])], kb), []);
  assert.deepEqual(detectContradictions([], [said, claim('a1', SDF, 'deny', [], '2026-01-20', [70, 90])], kb), []);
});

test('accounts: two sides blaming each other over the same prison within days is a contradiction', () => {
  const army = claim('a1', ARMY, 'accuse', [SDF, PRISON], '2026-01-20');
  const sdf = claim('a2', SDF, 'accuse', [GOVERNMENT, PRISON], '2026-01-22');
  const found = detectContradictions([], [army, sdf], kb);
  assert.deepEqual(kinds(found), ['accounts']);
  assert.deepEqual([...found[0].claims].sort(), [army.claim.id, sdf.claim.id].sort());
});

test('accounts: the army and the interior ministry blaming each other are one side, no contradiction', () => {
  const army = claim('a1', ARMY, 'accuse', [INTERIOR, PRISON]);
  const interior = claim('a2', INTERIOR, 'accuse', [ARMY, PRISON]);
  assert.deepEqual(detectContradictions([], [army, interior], kb), []);
});

test('accounts: blame over two prisons in different towns is no contradiction', () => {
  const army = claim('a1', ARMY, 'accuse', [SDF, PRISON]);
  const sdf = claim('a2', SDF, 'accuse', [GOVERNMENT, 'fac:aqtan-prison']);
  assert.deepEqual(detectContradictions([], [army, sdf], kb), []);
});

test('accounts: blame published more than 10 days apart is no contradiction', () => {
  const army = claim('a1', ARMY, 'accuse', [SDF, PRISON], '2026-01-05');
  const sdf = claim('a2', SDF, 'accuse', [GOVERNMENT, PRISON], '2026-01-20');
  assert.deepEqual(detectContradictions([], [army, sdf], kb), []);
});

// --- data -------------------------------------------------------------------------------------------------------

test('data: every entity id in data/parties.json exists in the knowledge base', () => {
  const ids = listedEntityIds();
  assert.ok(ids.length > 0);
  assert.deepEqual(ids.filter((id) => !kb.getEntity(id)), []);
});
