import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasValidAt, loadCuratedEntities, loadKnowledgeBase, resetKnowledgeBase } from './kb.js';

/** Aliases two curated entities share on purpose; the entity stage chooses by vowels and context (see data/README.md). */
const DELIBERATELY_SHARED = new Set(['عمان']);

test('loads in under 300 ms and finds curated aliases through normalisation', () => {
  resetKnowledgeBase();
  const t0 = performance.now();
  const kb = loadKnowledgeBase();
  const elapsed = performance.now() - t0;
  assert.ok(elapsed < 300, `load took ${elapsed.toFixed(0)} ms`);
  assert.equal(loadKnowledgeBase(), kb, 'second call reuses the loaded base');
  const cases: [string, string][] = [
    ['قسد', 'org:sdf'],
    ['قـسـد', 'org:sdf'],
    ['ترامب', 'person:donald-trump'],
    ['ترمب', 'person:donald-trump'],
    ['احمد الشرع', 'person:ahmed-al-sharaa'],
    ['سجن الشدادي', 'fac:shaddadi-prison'],
    ['الشدادي', 'loc:shaddadi'],
    ['سنتكوم', 'org:centcom'],
    ['دير الزور', 'loc:deir-ez-zor'],
  ];
  for (const [alias, id] of cases) {
    assert.ok(kb.lookup(alias).some((e) => e.entityId === id), `${alias} → ${id}`);
  }
});

test('has at least 250 curated entities with unique ids, names, and coordinates for places', () => {
  const curated = loadCuratedEntities();
  assert.ok(curated.length >= 250, `${curated.length} curated entities`);
  const ids = new Set<string>();
  for (const e of curated) {
    assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
    ids.add(e.id);
    assert.match(e.id, /^(person|org|loc|fac):[a-z0-9-]+$/);
    assert.ok(e.name.ar && e.name.en, `${e.id} needs ar and en names`);
    if (e.type === 'location') assert.ok(e.coordinates, `${e.id} needs coordinates`);
    if (e.partOf) assert.ok(curated.some((p) => p.id === e.partOf), `${e.id} partOf ${e.partOf} exists`);
  }
});

test('no plain alias is shared by two curated entities unless listed as deliberate', () => {
  const kb = loadKnowledgeBase();
  for (const entries of kb.aliasesByFirstToken.values()) {
    const byAlias = new Map<string, Set<string>>();
    for (const e of entries) {
      if (e.mode !== 'plain' || e.origin !== 'curated') continue;
      const key = e.tokens.join(' ');
      byAlias.set(key, (byAlias.get(key) ?? new Set()).add(e.entityId));
    }
    for (const [alias, ids] of byAlias) {
      if (ids.size > 1) assert.ok(DELIBERATELY_SHARED.has(alias), `${alias} shared by ${[...ids].join(', ')}`);
    }
  }
});

test('gazetteer places become entities, but common words and curated names are not theirs', () => {
  const kb = loadKnowledgeBase();
  const raqqa = kb.lookup('الرقة');
  assert.deepEqual(raqqa.map((e) => e.entityId), ['loc:raqqa'], 'curated entry wins');
  for (const word of ['الجيش', 'اليوم', 'قال', 'الحراك', 'السلام']) assert.deepEqual(kb.lookup(word), [], word);
  const geonames = [...kb.entities.values()].filter((e) => e.id.startsWith('loc:geonames-'));
  assert.ok(geonames.length > 500);
  assert.ok(geonames.every((e) => e.coordinates && e.name.en));
  assert.ok(kb.lookup('كاراكاس').some((e) => e.entityId.startsWith('loc:geonames-')), 'a world capital from GeoNames');
});

test('titles are valid only in their period', () => {
  const kb = loadKnowledgeBase();
  const titles = kb.lookup('الرئيس الأميركي').filter((e) => e.mode === 'title');
  const at = (date: string) => titles.filter((e) => aliasValidAt(e, date)).map((e) => e.entityId);
  assert.deepEqual(at('2026-01-20'), ['person:donald-trump']);
  assert.deepEqual(at('2023-05-01'), ['person:joe-biden']);
});

test('shared aliases and nationality adjectives', () => {
  const kb = loadKnowledgeBase();
  assert.deepEqual(kb.homographs.get('عمان'), ['loc:oman', 'loc:amman']);
  assert.deepEqual([...kb.homographs.keys()], ['عمان'], 'only the deliberate homograph');
  const adjectives: [string, string][] = [['سوري', 'SY'], ['سوريه', 'SY'], ['سوريين', 'SY'], ['اردنيه', 'JO'], ['امريكي', 'US'], ['اميركيون', 'US']];
  for (const [word, country] of adjectives) assert.equal(kb.nationalityAdjectives.get(word), country, word);
  assert.equal(kb.nationalityAdjectives.get('عربي'), undefined);
});
