// The point of each golden analyze case, as tables: these hold even if someone blesses a wrong expected.json
// with `npm run update-cases` without reading the diff.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeCasesDir, runAnalyzeCase } from '../test-support/analyze-cases.js';
import { cliMissing } from '../test-support/analyze-run.js';
import type { AnalysisOutput } from '../output/analysis.js';

const skip = cliMissing() ?? false;
const run = (name: string): AnalysisOutput => runAnalyzeCase(join(analyzeCasesDir, `analyze-${name}`));

function entityOf(output: AnalysisOutput, mention: string): string[] {
  return output.entities.filter((e) => e.mentions.some((m) => m.text === mention)).map((e) => e.id);
}

test('two articles and teasers: two articles, no teaser, share or app line', { skip }, () => {
  const { articles } = run('two-articles-teasers');
  assert.deepEqual(articles.map((a) => a.title), [
    'وزارة الصحة تطلق حملة تلقيح ضد الحصبة في إدلب',
    'إعادة فتح مطار حلب الدولي أمام الرحلات الخارجية',
  ]);
  const text = articles.map((a) => a.text).join('\n');
  for (const gone of ['الهلال الأحمر', 'مقالات ذات صلة', 'حمل تطبيق', 'TT', '(سانا)', '(رويترز)', '«الشرق الأوسط»']) {
    assert.ok(!text.includes(gone), `"${gone}" is still in the text`);
  }
  assert.ok(!text.split('\n').includes('شارك'), 'the share button is still in the text');
  assert.equal(new Set(articles.map((a) => a.storyId)).size, 2, 'a vaccination campaign and an airport are one story');
});

test('JSONL copies: the exact and the edited copy are duplicates of the original, the shared quote is not', { skip }, () => {
  const { articles } = run('jsonl-copies');
  const id = (input: string) => articles.find((a) => a.input === input)!.id;
  const links = Object.fromEntries(articles.map((a) => [a.input, a.duplicateOf]));
  assert.deepEqual(links, {
    'unhcr-wire': null,
    'unhcr-exact-copy': id('unhcr-wire'),
    'unhcr-edited-copy': id('unhcr-wire'),
    'lebanon-registry': null,
  });
  const story = articles.find((a) => a.input === 'unhcr-wire')!.storyId;
  assert.equal(articles.find((a) => a.input === 'unhcr-edited-copy')!.storyId, story);
  assert.equal(articles.find((a) => a.input === 'lebanon-registry')!.published, '2026-01-21');
});

test('relative times resolve against --published 2026-01-20 (a Tuesday)', { skip }, () => {
  const { times } = run('relative-times');
  assert.deepEqual(times.map((t) => [t.text, t.value]), [
    ['اليوم', '2026-01-20'],
    ['غداً الأربعاء', '2026-01-21'],
    ['أمس', '2026-01-19'],
    ['الأسبوع الماضي', '2026-W03'],
    ['مارس الماضي', '2025-03'],
    ['نهاية العام الماضي', '2025'],
    ['الشهر المقبل', '2026-02'],
    ['الخميس المقبل', '2026-01-22'],
    ['15 كانون الثاني 2026', '2026-01-15'],
    ['ديسمبر (كانون الأول) 2024', '2024-12'],
  ]);
});

test('number words, hedges and Arabic-Indic digits become values', { skip }, () => {
  const { quantities } = run('number-words');
  assert.deepEqual(quantities.map((q) => [q.text, q.value, q.unit ?? null, q.qualifier ?? null]), [
    ['سبعة آلاف', 7000, 'معتقل', null],
    ['ثلاثة', 3, 'أيام', null],
    ['أكثر من ثلاثين', 30, 'حافلة', 'more_than'],
    ['عشرات', 10, 'الآليات', 'dozens'],
    ['نحو مئتي', 200, 'معتقل', 'about'],
    ['ثلاثة ملايين', 3000000, 'دولار', null],
    ['ما يصل إلى 500', 500, 'طن', 'up_to'],
    ['خمسة وعشرين', 25, 'موظفاً', null],
    ['١٢٥', 125, 'ملفاً', null],
  ]);
});

test('HTML metadata: outlet, canonical URL and publication time come from the page, navigation does not', { skip }, () => {
  const { articles, times } = run('html-metadata');
  assert.equal(articles.length, 1);
  const [a] = articles;
  assert.deepEqual([a.title, a.outlet, a.url, a.published], [
    'محطة مياه علوك تعود إلى العمل بعد توقف طويل', 'نبض الجزيرة', 'https://nabd-jazira.example/news/alouk-water', '2026-01-19T08:15:00+03:00',
  ]);
  for (const gone of ['الرئيسية', 'وسوم', 'الأكثر قراءة', 'جميع الحقوق محفوظة']) assert.ok(!a.text.includes(gone), gone);
  assert.ok(!a.text.split('\n').includes('شارك'), 'the share button is still in the text');
  assert.deepEqual(times.map((t) => [t.text, t.value]), [['الأحد', '2026-01-18']]);
});

test('an English article is listed as eng, in its own story, without annotations', { skip }, () => {
  const output = run('english');
  assert.deepEqual(output.articles.map((a) => a.language), ['eng']);
  assert.deepEqual([output.entities, output.times, output.quantities, output.errors], [[], [], [], []]);
  assert.equal(output.stories.length, 1);
});

test('entity variants: one id per entity, spans without clitics, quotes or titles', { skip }, () => {
  const output = run('entity-variants');
  const table: [mention: string, id: string][] = [
    ['دونالد ترامب', 'person:donald-trump'],
    ['الرئيس الأميركي', 'person:donald-trump'],
    ['أحمد الشرع', 'person:ahmed-al-sharaa'],
    ['الشرع', 'person:ahmed-al-sharaa'],
    ['قسد', 'org:sdf'],
    ['قـسد', 'org:sdf'],
    ['قوات سوريا الديمقراطية', 'org:sdf'],
    ['دواعش', 'org:isis'],
    ['سنتكوم', 'org:centcom'],
    ['القيادة المركزية الأميركية', 'org:centcom'],
    ['التحالف الدولي لمكافحة داعش', 'org:anti-isis-coalition'],
    ['سجن الشدادي', 'fac:shaddadi-prison'],
    ['الشدادي', 'loc:shaddadi'],
    ['الحسكة', 'loc:hasakah'],
  ];
  for (const [mention, id] of table) assert.deepEqual(entityOf(output, mention), [id], mention);
  // "تنظيم داعش" may be spanned whole or as its name alone; either way it is ISIS.
  assert.deepEqual([...new Set([...entityOf(output, 'تنظيم داعش'), ...entityOf(output, 'داعش')])], ['org:isis']);
  const texts = output.entities.flatMap((e) => e.mentions.map((m) => m.text));
  for (const wrong of ['الرئيس السوري أحمد الشرع', '«قسد»', 'لـ«التحالف الدولي لمكافحة داعش»', 'محافظة الحسكة', 'الرئيس الأميركي دونالد ترامب']) {
    assert.ok(!texts.includes(wrong), `mention "${wrong}" keeps what the span should exclude`);
  }
});
