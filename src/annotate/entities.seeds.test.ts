import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../arabic/tokenize.js';
import { newDocument, type EntityMention } from '../document.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import { seedsDir } from '../test-support/paths.js';
import { annotateEntities } from './entities.js';

const dir = seedsDir();

/** Every mention of every seed page, each page one document published on 2026-01-20. */
function seedMentions(): EntityMention[] {
  const kb = loadKnowledgeBase();
  const all: EntityMention[] = [];
  for (const file of readdirSync(dir!).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(dir!, file), 'utf8');
    const doc = newDocument(file, { input: file, title: '', text, outlet: null, published: '2026-01-20', url: null });
    doc.tokens = tokenize(text);
    const out = annotateEntities(doc, kb);
    for (const m of out.entities) assert.equal(text.slice(m.start, m.end), m.text, `${file}: span of ${m.text}`);
    all.push(...out.entities);
  }
  return all;
}

/** Surface form (as matched) → the one entity id every occurrence must resolve to. */
const VARIANTS: [string, string][] = [
  ['ترمب', 'person:donald-trump'], ['ترامب', 'person:donald-trump'], ['دونالد ترمب', 'person:donald-trump'], ['دونالد ترامب', 'person:donald-trump'],
  ['أحمد الشرع', 'person:ahmed-al-sharaa'], ['الشرع', 'person:ahmed-al-sharaa'],
  ['قسد', 'org:sdf'], ['قـسد', 'org:sdf'], ['قوات سوريا الديمقراطية', 'org:sdf'],
  ['داعش', 'org:isis'], ['دواعش', 'org:isis'],
  ['سنتكوم', 'org:centcom'], ['القيادة المركزية الأميركية', 'org:centcom'],
  ['سجن الشدادي', 'fac:shaddadi-prison'], ['الشدادي', 'loc:shaddadi'],
  ['براد كوبر', 'person:brad-cooper'], ['كوبر', 'person:brad-cooper'], ['رودولف هيكل', 'person:rodolphe-haykal'],
  ['الحسكة', 'loc:hasakah'], ['دير الزور', 'loc:deir-ez-zor'], ['مخيم الهول', 'fac:al-hol-camp'],
];

test('seed pages: each variant resolves to one entity, prison ≠ town', { skip: dir === null ? 'no seeds folder' : false }, () => {
  const mentions = seedMentions();
  for (const [surface, id] of VARIANTS) {
    const found = mentions.filter((m) => m.text === surface);
    assert.ok(found.length > 0, `${surface} found in the seeds`);
    assert.deepEqual([...new Set(found.map((m) => m.entityId))], [id], surface);
  }
  const prison = mentions.filter((m) => m.entityId === 'fac:shaddadi-prison');
  const town = mentions.filter((m) => m.entityId === 'loc:shaddadi');
  assert.ok(prison.every((m) => m.type === 'facility') && town.every((m) => m.type === 'location'));
  assert.ok(prison.length >= 3 && town.length >= 3);
});

test('seed pages: common words never become entities', { skip: dir === null ? 'no seeds folder' : false }, () => {
  const texts = new Set(seedMentions().map((m) => m.text));
  for (const word of ['الجيش', 'اليوم', 'الحكومة', 'السورية', 'سورية', 'صور', 'العربية', 'القائم', 'الحراك', 'السوري']) {
    assert.ok(!texts.has(word), `${word} is not an entity mention`);
  }
});
