import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipelineContext } from '../pipeline.js';
import type { GoldSentence } from './conll.js';
import { scorePipeline } from './evaluate.js';
import { labelIndex } from './labels.js';

function gold(tagged: [string, string][]): GoldSentence {
  return { words: tagged.map(([w]) => w), labels: tagged.map(([, tag]) => labelIndex(tag)) };
}

test('ANERcorp scheme: a role title standing for a person is left out, the organisation named inside it is scored', () => {
  const sentence = gold([
    ['وقال', 'O'], ['الأمين', 'O'], ['العام', 'O'], ['للأمم', 'B-ORG'], ['المتحدة', 'I-ORG'], ['إن', 'O'],
    ['المساعدات', 'O'], ['وصلت', 'O'], ['إلى', 'O'], ['دمشق', 'B-LOC'], ['.', 'O'],
  ]);
  const score = scorePipeline(createPipelineContext({ ner: false }), [sentence]);
  assert.equal(score.outsideScheme, 1, 'the title mention is outside the scheme');
  assert.equal(score.scores.microPLO.f1, 1, JSON.stringify(score.scores));
});
