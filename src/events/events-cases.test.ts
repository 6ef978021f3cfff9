// The point of the golden event cases (test/cases/analyze-events-*), as facts that hold even if someone blesses a
// wrong expected.json: event dates are the events' own, negated, denied and conditional acts are absent, the same
// clash from two outlets is one event, and the Shaddadi-style disagreement is reported.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCasesDir, runAnalyzeCase } from '../test-support/analyze-cases.js';
import { cliMissing } from '../test-support/analyze-run.js';
import type { AnalysisOutput, EventOut } from '../output/analysis.js';

const skip = cliMissing() ?? false;
const cache = new Map<string, AnalysisOutput>();
const run = (name: string): AnalysisOutput => {
  if (!cache.has(name)) cache.set(name, runAnalyzeCase(join(analyzeCasesDir, `analyze-events-${name}`)));
  return cache.get(name)!;
};
const withEvidence = (output: AnalysisOutput, words: string): EventOut[] =>
  output.events.filter((e) => e.evidence.some((ev) => ev.text.includes(words)));

test('diplomacy: a call on Monday in a Tuesday article is dated Monday, to the right parties, on the presidency\'s word', { skip }, () => {
  const [call] = run('diplomacy').events.filter((e) => e.type === 'consult' && e.mode === 'phone');
  assert.equal(call.date, '2026-01-19');
  assert.deepEqual([call.actors, call.recipients], [['person:ahmed-al-sharaa'], ['person:donald-trump']]);
  assert.equal(call.attribution, 'org:syrian-presidency');
});

test('diplomacy: «سيجتمع غداً الأربعاء» is a planned meeting dated Wednesday', { skip }, () => {
  const [meeting] = withEvidence(run('diplomacy'), 'سيجتمع');
  assert.equal(meeting.type, 'consult');
  assert.equal(meeting.status, 'planned');
  assert.equal(meeting.date, '2026-01-21');
  assert.equal(meeting.location, 'loc:moscow');
});

test('diplomacy: the announced ceasefire is an agreement of both parties; «لم يتم التوصل» and «دعا إلى وقف إطلاق النار» are not', { skip }, () => {
  const agreements = run('diplomacy').events.filter((e) => e.type === 'agree');
  assert.equal(agreements.length, 1, agreements.map((e) => e.evidence[0].text).join('\n'));
  assert.deepEqual(agreements[0].qualifiers, ['agreement', 'ceasefire']);
  assert.deepEqual([...agreements[0].actors].sort(), ['org:sdf', 'org:syrian-government']);
  assert.equal(agreements[0].date, '2026-01-18');
  const call = withEvidence(run('diplomacy'), 'دعا المبعوث');
  assert.deepEqual(call.map((e) => e.type), ['request']);
});

test('diplomacy: joining the coalition, the promised suspension of sanctions, a demand and a warning', { skip }, () => {
  const types = (words: string) => withEvidence(run('diplomacy'), words).map((e) => `${e.type}/${e.status}`).sort();
  assert.deepEqual(types('انضمامها'), ['cooperate/reported', 'support/reported']);
  assert.deepEqual(types('بتعليق العمل بقانون قيصر'), ['retreat/planned']);
  assert.deepEqual(types('وطالبت'), ['request/reported', 'threaten/reported']);
});

test('field: taking a town and an oil field, a curfew, an escape, arrests with their count, a drone strike, a release', { skip }, () => {
  const out = run('field');
  const find = (type: string, mode?: string, qualifier?: string) =>
    out.events.filter((e) => e.type === type && (mode === undefined || e.mode === mode) && (!qualifier || e.qualifiers.includes(qualifier)));
  assert.deepEqual(find('assault', undefined, 'territory').map((e) => e.location).sort(), ['fac:al-omar-field', 'loc:shaddadi']);
  assert.equal(find('coerce', 'curfew').length, 1);
  assert.deepEqual(find('retreat', 'release', 'escape').map((e) => e.recipients), [['org:isis']]);
  assert.deepEqual(find('coerce', 'arrest').map((e) => [e.actors, e.counts]), [[['org:syrian-army'], { detained: 12 }]]);
  assert.deepEqual(find('assault', 'heavy-weapons', 'aerial').map((e) => e.counts), [{ killed: 3 }]);
  const release = find('retreat', 'release').filter((e) => !e.qualifiers.includes('escape'));
  assert.deepEqual(release.map((e) => [e.actors, e.counts, e.date]), [[['org:sdf'], { released: 40 }, '2026-01-20']]);
});

test('field: «9 من مقاتليها لقوا حتفهم وأصيب 20» — killed 9, injured 20, the victims are the SDF', { skip }, () => {
  const [clash] = withEvidence(run('field'), 'لقوا حتفهم');
  assert.deepEqual(clash.counts, { killed: 9, injured: 20 });
  assert.deepEqual(clash.recipients, ['org:sdf']);
  assert.deepEqual(clash.actors, ['org:syrian-government']);
});

test('field: no events from «لم تسجل أي اشتباكات», a denied arrest or a conditional attack; a protest is not a demand', { skip }, () => {
  const out = run('field');
  assert.deepEqual(withEvidence(out, 'لم تسجل').filter((e) => e.type === 'assault' || e.type === 'coerce'), []);
  assert.deepEqual(withEvidence(out, 'إذا لم تنسحب'), []);
  assert.deepEqual(withEvidence(out, 'مظاهرة').map((e) => e.type), ['protest']);
});

test('contradictions: one Tal Tamr clash from two outlets, with its conflicting death tolls', { skip }, () => {
  const out = run('contradictions');
  const clashes = out.events.filter((e) => e.location === 'loc:tal-tamr' || withEvidence(out, 'تل تمر').includes(e));
  assert.equal(clashes.length, 1);
  assert.equal(clashes[0].articleIds.length, 2);
  const numbers = out.contradictions.filter((x) => x.kind === 'numbers');
  assert.equal(numbers.length, 1);
  assert.deepEqual(numbers[0].events, [clashes[0].id]);
  assert.match(numbers[0].explanation, /5 .* vs 7 /);
});

test('contradictions: the army and the SDF blame each other over the prison, and the SDF denies the refusal', { skip }, () => {
  const out = run('contradictions');
  const claim = new Map(out.claims.map((c) => [c.id, c]));
  const accounts = out.contradictions.filter((x) => x.kind === 'accounts');
  assert.equal(accounts.length, 1);
  assert.equal(accounts[0].topic, 'al-Shaddadi prison');
  const speakers = new Set(accounts[0].claims.map((id) => claim.get(id)!.speaker));
  assert.ok(speakers.has('org:sdf') && speakers.has('org:syrian-army'), [...speakers].join(', '));
  const [denial] = out.contradictions.filter((x) => x.kind === 'denial');
  assert.deepEqual(denial.claims.map((id) => claim.get(id)!.stance), ['assert', 'deny']);
  assert.equal(claim.get(denial.claims[1])!.speaker, 'org:sdf');
  for (const story of out.stories) for (const id of story.contradictions) assert.ok(out.contradictions.some((x) => x.id === id));
});
