import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDocument, type Quantity } from '../document.js';
import { tokenize } from '../arabic/tokenize.js';
import { annotateTimes } from './times.js';
import { annotateQuantities } from './quantities.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../test-support/paths.js';

/** Runs the two stages in pipeline order (times first) and checks every span against the published text. */
function run(text: string): Quantity[] {
  const doc = newDocument('q', { input: 'case', title: '', text, outlet: null, published: '2026-01-20', url: null });
  const out = annotateQuantities(annotateTimes({ ...doc, tokens: tokenize(text) }));
  for (const q of out.quantities) assert.equal(text.slice(q.start, q.end), q.text, 'span must cut the published text');
  return out.quantities;
}

type Row = [text: string, value: number, unit?: string, qualifier?: string];

const cases: [string, Row[]][] = [
  // digits, separators, scales
  ['وذكرت أن 9 من مقاتليها لقوا حتفهم وأصيب 20 آخرون', [['9', 9, 'مقاتليها'], ['20', 20, 'آخرون']]],
  ['تعليق العمل بالقانون لمدة 180 يوماً', [['180', 180, 'يوماً']]],
  ['تضم السجون 8,950 مقاتلاً', [['8,950', 8950, 'مقاتلاً']]],
  ['تضم السجون 8٬950 مقاتلاً', [['8٬950', 8950, 'مقاتلاً']]],
  ['تضم السجون ٨٬٩٥٠ مقاتلاً', [['٨٬٩٥٠', 8950, 'مقاتلاً']]],
  ['فرّ ۱۲ سجيناً', [['۱۲', 12, 'سجيناً']]],
  ['يعيش 1.5 مليون لاجئ في المخيمات', [['1.5 مليون', 1500000, 'لاجئ']]],
  ['وصل 3 آلاف نازح إلى المدينة', [['3 آلاف', 3000, 'نازح']]],
  ['خصصت الحكومة 2.5 مليار دولار', [['2.5 مليار', 2500000000, 'دولار']]],
  ['بلغ عدد المقاتلين 40 ألفا', [['40 ألفا', 40000]]],
  // number words
  ['لنقل ما يصل إلى سبعة آلاف معتقل من عناصر التنظيم', [['ما يصل إلى سبعة آلاف', 7000, 'معتقل', 'up_to']]],
  ['قُتل ثلاثة جنود في الهجوم', [['ثلاثة', 3, 'جنود']]],
  ['أصيب ثلاثـة جنود', [['ثلاثـة', 3, 'جنود']]],
  ['أُفرج عن خمسة وعشرين معتقلاً', [['خمسة وعشرين', 25, 'معتقلاً']]],
  ['وصل أربعة عشر صحافياً', [['أربعة عشر', 14, 'صحافياً']]],
  ['تسلّم الجيش مئة وخمسين آلية', [['مئة وخمسين', 150, 'آلية']]],
  ['عاد ألفان وخمسمئة لاجئ', [['ألفان وخمسمئة', 2500, 'لاجئ']]],
  ['وثلاثة مدنيين', [['ثلاثة', 3, 'مدنيين']]],
  // qualifiers
  ['قتل أكثر من 40 إرهابياً', [['أكثر من 40', 40, 'إرهابياً', 'more_than']]],
  ['اعتُقل نحو 200 عنصر', [['نحو 200', 200, 'عنصر', 'about']]],
  ['نزح حوالي ألف شخص', [['حوالي ألف', 1000, 'شخص', 'about']]],
  ['قُتل قرابة 30 مدنياً', [['قرابة 30', 30, 'مدنياً', 'about']]],
  ['بقي أقل من 10 عناصر', [['أقل من 10', 10, 'عناصر', 'less_than']]],
  ['قتل ما لا يقل عن 12 شخصاً', [['ما لا يقل عن 12', 12, 'شخصاً', 'at_least']]],
  // percentages
  ['ارتفعت الأسعار 40% خلال الشهر', [['40%', 40, '%']]],
  ['تراجعت الليرة بنسبة ٤٠٪', [['٤٠٪', 40, '%']]],
  ['بنسبة 12.5 في المئة', [['12.5 في المئة', 12.5, '%']]],
  // vague plurals: lower bound plus qualifier
  ['اعتقال العشرات.', [['العشرات', 10, undefined, 'dozens']]],
  ['سقط عشرات القتلى', [['عشرات', 10, 'القتلى', 'dozens']]],
  ['يضم السجن آلاف السجناء', [['آلاف', 1000, 'السجناء', 'thousands']]],
  ['نفذت مئات من الغارات', [['مئات', 100, 'الغارات', 'hundreds']]],
  // not quantities: dates, years, ordinals, "one of", adjectival "واحد", weekdays
  ['صدر البيان بتاريخ 17 يناير 2026', []],
  ['زار الوزير المدينة في عام 2019', []],
  ['وصل في 21 كانون الثاني/يناير', []],
  ['في الفصل الأول والثاني من الخطة الثالثة', []],
  ['قال أحد القادة إن إحدى المدن سقطت', []],
  ['أعلن الطرفان في وقت واحد التزامهما', []],
  ['التقى الرئيسان الاثنين', []],
  ['تسلمت القوات طائرات F-16 الأميركية', []],
];

for (const [text, expected] of cases) {
  test(`quantities: ${text}`, () => {
    const rows = run(text).map((q) => [q.text, q.value, q.unit, q.qualifier]);
    assert.deepEqual(rows, expected.map(([t, v, u, qual]) => [t, v, u, qual]));
  });
}

test('quantities: the input document is not mutated', () => {
  const doc = newDocument('q', { input: 'case', title: '', text: 'قتل ثلاثة جنود', outlet: null, published: null, url: null });
  const out = annotateQuantities(doc);
  assert.equal(doc.quantities.length, 0);
  assert.equal(out.quantities.length, 1);
});

test('quantities: seed pages yield their counts and no years', (t) => {
  const dir = seedsDir();
  if (!dir) return t.skip('no seed pages');
  const quantities = run(readFileSync(join(dir, '003_98a9688859ba6c81.txt'), 'utf8'));
  assert.ok(quantities.some((q) => q.value === 7000 && q.qualifier === 'up_to' && q.unit === 'معتقل'));
  for (const file of ['000_ac6d73fad46f9c15.txt', '004_c184b1b35365f1a9.txt']) {
    const values = run(readFileSync(join(dir, file), 'utf8')).map((q) => q.value);
    assert.ok(!values.some((v) => v >= 1900 && v <= 2100), `${file}: a year was counted`);
  }
});
