// The event scorer on tiny gold/predicted pairs: what counts as a match, one-to-one matching, unscored `name:` ids,
// non-event errors, and the micro-average row of the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventOut } from '../output/analysis.js';
import { emptyScores, formatScores, scoreRecord, type GoldEvent, type GoldEventRecord } from './events-score.js';

const CALL = 'أجرى الرئيس أحمد الشرع اتصالاً هاتفياً بالرئيس الأميركي دونالد ترمب.';
const MEETING = 'والتقى وزير الخارجية أسعد الشيباني المبعوث الأميركي توم باراك في دمشق.';
const CALLED_FOR = 'ودعا المبعوث الأممي إلى وقف إطلاق النار.';
const TEXT = `${CALL} ${MEETING} ${CALLED_FOR}`;

function gold(quote: string, fields: Partial<GoldEvent> = {}): GoldEvent {
  return { type: 'consult', quotes: [quote], actors: [], recipients: [], location: null, date: null, counts: {}, ...fields };
}

function record(events: GoldEvent[], nonEvents: GoldEventRecord['nonEvents'] = []): GoldEventRecord {
  return { id: 'r1', published: '2026-01-20', title: '', text: TEXT, events, nonEvents };
}

/** A predicted event whose evidence is `quote` where it stands in TEXT. */
function predicted(quote: string, fields: Partial<EventOut> = {}): EventOut {
  const start = TEXT.indexOf(quote);
  assert.ok(start >= 0);
  return {
    id: `e_${start}`, type: 'consult', qualifiers: [], status: 'reported', actors: [], recipients: [], location: null, date: null,
    counts: {}, articleIds: ['r1'], evidence: [{ articleId: 'r1', start, end: start + quote.length, text: quote }], attribution: null, ...fields,
  };
}

function score(events: GoldEvent[], out: EventOut[], nonEvents: GoldEventRecord['nonEvents'] = []) {
  const scores = emptyScores();
  scoreRecord(scores, record(events, nonEvents), out);
  return scores;
}

test('match: same type and overlapping evidence is a true positive', () => {
  const scores = score([gold(CALL)], [predicted('اتصالاً هاتفياً')]);
  assert.deepEqual(scores.byType.get('consult'), { tp: 1, fp: 0, fn: 0 });
});

test('match: overlapping evidence of another type is a miss and a spurious event', () => {
  const scores = score([gold(CALL)], [predicted(CALL, { type: 'agree' })]);
  assert.deepEqual([scores.byType.get('consult'), scores.byType.get('agree')], [{ tp: 0, fp: 0, fn: 1 }, { tp: 0, fp: 1, fn: 0 }]);
});

test('match: the same type without overlapping evidence is a miss and a spurious event', () => {
  const scores = score([gold(CALL)], [predicted(MEETING)]);
  assert.deepEqual(scores.byType.get('consult'), { tp: 0, fp: 1, fn: 1 });
});

test('match: one prediction covering two gold events matches only one of them', () => {
  const scores = score([gold(CALL), gold(MEETING)], [predicted(`${CALL} ${MEETING}`)]);
  assert.deepEqual(scores.byType.get('consult'), { tp: 1, fp: 0, fn: 1 });
});

test('match: two predictions of one gold event give one match and one spurious event', () => {
  const scores = score([gold(CALL)], [predicted('اتصالاً هاتفياً'), predicted(CALL)]);
  assert.deepEqual(scores.byType.get('consult'), { tp: 1, fp: 1, fn: 0 });
});

test('match: greedy by overlap — the prediction overlapping a gold quote most is the one matched', () => {
  const small = predicted('اتصالاً هاتفياً', { actors: ['person:donald-trump'] });
  const large = predicted(CALL, { actors: ['person:ahmed-al-sharaa'] });
  const scores = score([gold(CALL, { actors: ['person:ahmed-al-sharaa'] })], [small, large]);
  assert.deepEqual(scores.slots.actors, { correct: 1, scored: 1 });
});

test('arguments: `name:` ids are not scored, knowledge-base ids beside them are', () => {
  const unscored = score([gold(CALL, { actors: ['name:رئيس الوفد'], location: 'name:قصر الشعب' })], [predicted(CALL, { actors: ['person:ahmed-al-sharaa'] })]);
  assert.deepEqual([unscored.slots.actors.scored, unscored.slots.location.scored], [0, 0]);
  const mixed = score([gold(CALL, { actors: ['person:ahmed-al-sharaa', 'name:رئيس الوفد'] })], [predicted(CALL, { actors: ['person:ahmed-al-sharaa'] })]);
  assert.deepEqual(mixed.slots.actors, { correct: 1, scored: 1 });
});

test('arguments: a wrong slot on a matched event is scored and counted wrong', () => {
  const scores = score([gold(CALL, { date: '2026-01-19' })], [predicted(CALL, { date: '2026-01-20' })]);
  assert.deepEqual(scores.slots.date, { correct: 0, scored: 1 });
});

test('non-events: an extracted event of the non-event\'s type over its quote is counted as an error', () => {
  const nonEvents = [{ type: 'agree', quote: 'وقف إطلاق النار', why: 'called-for' }];
  const wrong = score([], [predicted(CALLED_FOR, { type: 'agree' })], nonEvents);
  assert.deepEqual([wrong.nonEventErrors, wrong.nonEvents], [1, 1]);
  const right = score([], [predicted(CALLED_FOR, { type: 'request' })], nonEvents);
  assert.deepEqual([right.nonEventErrors, right.nonEvents], [0, 1]);
});

test('formatScores: prints the micro-averaged row over all types', () => {
  const scores = emptyScores();
  // consult: 1 correct, 1 missed; agree: 1 spurious → gold 2, found 2, correct 1, P = R = F1 = 50%.
  scoreRecord(scores, record([gold(CALL), gold(MEETING)]), [predicted(CALL), predicted(CALLED_FOR, { type: 'agree' })]);
  const report = formatScores('test', scores);
  assert.ok(report.includes('| **all (micro)** | 2 | 2 | 1 |  50.0 |  50.0 |  50.0 |'), report);
});
