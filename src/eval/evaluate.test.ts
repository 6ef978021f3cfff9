import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { newDocument, type EntityType } from '../document.js';
import { repoRoot } from '../test-support/paths.js';
import { evaluate, formatReport } from './evaluate.js';
import { loadGoldArticles } from './load.js';

const GOLD_DIR = resolve(repoRoot, 'eval/gold');
const ENTITY_TYPE = { PER: 'person', ORG: 'organization', LOC: 'location', FAC: 'facility' } as const satisfies Record<string, EntityType>;

test('an oracle annotator that returns the gold spans scores 100% everywhere', () => {
  const gold = new Map(loadGoldArticles(GOLD_DIR, []).map((a) => [a.id, a.gold]));
  const report = evaluate(GOLD_DIR, (draft) => {
    const g = gold.get(draft.input)!;
    const doc = newDocument(draft.input, draft);
    doc.entities = g.entities.map((m) => ({ start: m.start, end: m.end, text: m.text, type: ENTITY_TYPE[m.type], entityId: m.key, source: 'kb' as const }));
    doc.times = g.times.map((t) => ({ ...t }));
    doc.quantities = g.quantities.map((q) => ({ ...q }));
    return doc;
  });
  assert.deepEqual(report.problems, []);
  for (const score of [...Object.values(report.entities), report.resolution, report.time, report.number]) {
    assert.equal(score.precision, 1);
    assert.equal(score.recall, 1);
  }
  assert.match(formatReport(report), /^micro\s+\d+\s+\d+\s+\d+\s+100\.0\s+100\.0\s+100\.0$/m);
});

test('an annotator that finds nothing scores zero recall and reports no problem', () => {
  const report = evaluate(GOLD_DIR, (draft) => newDocument(draft.input, draft));
  assert.equal(report.entities.micro.predicted, 0);
  assert.equal(report.entities.micro.recall, 0);
  assert.ok(report.entities.micro.gold >= 320);
  assert.ok(report.time.gold >= 70 && report.number.gold >= 50);
  assert.equal(report.resolution.mentions, 0);
});
