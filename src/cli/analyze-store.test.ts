// `marsad analyze --db FILE`: a second run on the same input is idempotent, and a later run links new articles
// to what the store already holds (duplicates of stored articles, stored stories joined).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeJson, cliMissing, runCli } from '../test-support/analyze-run.js';
import { referenceProblems, schemaProblems, unknownOriginals, unknownStoryMembers } from '../test-support/contract.js';
import type { AnalysisOutput, ArticleOut } from '../output/analysis.js';
import { describeLocation, openStore } from '../store/open.js';
import { testDbLocation } from '../test-support/test-store.js';

const skip = cliMissing() ?? false;

const CURFEW = {
  id: 'wire-curfew',
  outlet: 'وكالة الشام',
  published: '2026-01-21',
  title: 'حظر تجول في الميادين بعد فرار موقوفين من مركز احتجاز',
  text: [
    'أعلنت قيادة الأمن الداخلي في محافظة دير الزور، الأربعاء، فرض حظر تجول كامل في مدينة الميادين، بعد فرار عدد من الموقوفين من مركز احتجاز في المدينة.',
    'وقالت القيادة في بيان إن وحدات من الأمن الداخلي بدأت عمليات تمشيط واسعة في أحياء المدينة وأطرافها، وأقامت حواجز على الطرق المؤدية إلى البادية.',
    'وأضاف البيان أن الحظر يبقى سارياً حتى إشعار آخر، داعياً الأهالي إلى التزام منازلهم والإبلاغ عن أي تحركات مشبوهة.',
    'وأفاد مصدر محلي بأن قوات الأمن ألقت القبض على ثلاثة من الفارين قرب بلدة القورية جنوب الميادين، فيما تتواصل عمليات البحث عن الآخرين.',
  ].join('\n'),
};

/** The same wire story, lightly edited by another outlet: new title, punctuation and spelling touched, one paragraph dropped. */
const CURFEW_COPY = {
  id: 'portal-curfew',
  outlet: 'بوابة الفرات',
  published: '2026-01-21',
  title: 'الأمن الداخلي يفرض حظر التجول في الميادين',
  text: [
    'أعلنت قيادة الأمن الداخلي في محافظة دير الزور ، الأربعاء ، فرض حظر تجول كامل في مدينة الميادين بعد فرار عدد من الموقوفين من مركز إحتجاز في المدينة.',
    'وقالت القيادة في بيان إن وحدات من الأمن الداخلي بدأت عمليات تمشيط واسعة في أحياء المدينة وأطرافها، وأقامت حواجز على الطرق المؤدية الى البادية.',
    'وأفاد مصدر محلي بأن قوات الأمن ألقت القبض على ثلاثة من الفارين قرب بلدة القورية جنوب الميادين، فيما تتواصل عمليات البحث عن الآخرين.',
  ].join('\n'),
};

/** A new report on the same events, in its own words. */
const CURFEW_FOLLOW_UP = {
  id: 'daily-curfew-arrests',
  outlet: 'صحيفة الفرات اليوم',
  published: '2026-01-22',
  title: 'القبض على خمسة من الفارين من مركز الاحتجاز في الميادين',
  text: [
    'ألقت وحدات الأمن الداخلي، الخميس، القبض على خمسة من الموقوفين الذين فروا من مركز احتجاز في مدينة الميادين بريف دير الزور الشرقي، ليرتفع عدد من أعيد توقيفهم إلى ثمانية.',
    'وقال مسؤول في قيادة الأمن الداخلي بدير الزور إن حظر التجول المفروض على الميادين منذ أمس سيبقى قائماً إلى حين انتهاء عمليات التمشيط في الأحياء والبادية المحيطة.',
    'وكان الموقوفون قد فروا من مركز الاحتجاز مستغلين حالة الفوضى، وفق ما أفاد به سكان في المدينة.',
  ].join('\n'),
};

const UNRELATED = {
  id: 'wire-wheat',
  outlet: 'وكالة الشام',
  published: '2026-01-21',
  title: 'وزارة الزراعة تبدأ توزيع بذار القمح على مزارعي الغاب',
  text: [
    'بدأت وزارة الزراعة السورية، الأربعاء، توزيع بذار القمح المحسن على مزارعي سهل الغاب في ريف حماة، ضمن خطة لزيادة المساحات المزروعة هذا الموسم.',
    'وقال مدير الزراعة في حماة إن الكميات الموزعة تكفي لزراعة نحو 12 ألف هكتار، وإن التوزيع يستمر حتى نهاية الشهر الجاري.',
  ].join('\n'),
};

const jsonl = (...records: object[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

let root = '';
/** The store every run writes: marsad.sqlite in root, or a PostgreSQL schema. */
let location = '';
const db = (): string => location;
let first: AnalysisOutput;
let again: AnalysisOutput;
let later: AnalysisOutput;
let countAfterFirst = 0;
let countAfterAgain = 0;

function storedCount(): number {
  const store = openStore(db());
  try {
    return store.articleCount();
  } finally {
    store.close();
  }
}

function byInput(output: AnalysisOutput, input: string): ArticleOut {
  const article = output.articles.find((a) => a.input === input);
  assert.ok(article, `no article from ${input} in ${JSON.stringify(output.articles.map((a) => a.input))}`);
  return article;
}

before(() => {
  if (skip) return;
  root = mkdtempSync(join(tmpdir(), 'marsad-store-'));
  location = testDbLocation(root, 'marsad.sqlite');
  writeFileSync(join(root, 'first.jsonl'), jsonl(CURFEW, UNRELATED));
  writeFileSync(join(root, 'second.jsonl'), jsonl(CURFEW_COPY, CURFEW_FOLLOW_UP));
  const run = (file: string): AnalysisOutput => {
    const { code, output, stderr } = analyzeJson(['--db', db(), file], root);
    assert.equal(code, 0, stderr);
    return output;
  };
  first = run('first.jsonl');
  countAfterFirst = storedCount();
  again = run('first.jsonl');
  countAfterAgain = storedCount();
  later = run('second.jsonl');
});

after(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('the first run stores every article it lists', { skip }, () => {
  assert.equal(first.articles.length, 2);
  assert.equal(countAfterFirst, 2);
  assert.deepEqual([...schemaProblems(first), ...referenceProblems(first), ...unknownStoryMembers(first)], []);
  assert.notEqual(byInput(first, 'wire-curfew').storyId, byInput(first, 'wire-wheat').storyId, 'a curfew and a wheat harvest are one story');
});

test('a second run on the same input is idempotent: same ids, links and stories, nothing new stored', { skip }, () => {
  assert.equal(countAfterAgain, countAfterFirst);
  const links = (o: AnalysisOutput) => o.articles.map(({ id, input, storyId, duplicateOf }) => ({ id, input, storyId, duplicateOf }));
  assert.deepEqual(links(again), links(first));
  assert.deepEqual(again.stories, first.stories);
  assert.deepEqual(again.entities, first.entities);
  assert.deepEqual(again.errors, []);
});

test('a lightly edited copy of a stored article is its duplicate', { skip }, () => {
  const stored = byInput(first, 'wire-curfew');
  const copy = byInput(later, 'portal-curfew');
  assert.notEqual(copy.id, stored.id);
  assert.equal(copy.duplicateOf, stored.id);
  assert.deepEqual(unknownOriginals(later, first.articles.map((a) => a.id)), []);
});

test('a new article on a stored story joins it, and the story lists the stored articles too', { skip }, () => {
  const stored = byInput(first, 'wire-curfew');
  const followUp = byInput(later, 'daily-curfew-arrests');
  assert.equal(followUp.duplicateOf, null, 'a new report in its own words is not a duplicate');
  assert.equal(followUp.storyId, stored.storyId);
  assert.equal(byInput(later, 'portal-curfew').storyId, stored.storyId);
  const story = later.stories.find((s) => s.id === stored.storyId);
  assert.ok(story, 'the joined story is not among the stories of the run');
  assert.deepEqual(story.articleIds, [stored.id, byInput(later, 'portal-curfew').id, followUp.id]);
  assert.ok(!later.stories.some((s) => s.articleIds.includes(byInput(first, 'wire-wheat').id)), 'an untouched story is listed');
  assert.deepEqual([...schemaProblems(later), ...referenceProblems(later)], []);
  assert.deepEqual(unknownStoryMembers(later, first.articles.map((a) => a.id)), []);
  assert.equal(storedCount(), 4);
});

test('the summary reports how many articles the store holds', { skip }, () => {
  const run = runCli(['analyze', '--db', db(), 'first.jsonl'], root);
  assert.equal(run.code, 0);
  assert.ok(run.stdout.includes(`store: ${describeLocation(db())} now holds 4 articles`), run.stdout);
});
