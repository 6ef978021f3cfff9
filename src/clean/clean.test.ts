import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closingParenthetical, furnitureReason, isDateline } from './boilerplate.js';
import { cleanPage } from './clean.js';
import { classifyLines } from './lines.js';
import type { RawPage } from '../ingest/types.js';

const page = (text: string, title: string | null = null): RawPage => ({ input: 't', text, title, url: null, outlet: null, published: null });

test('furniture lines and their reasons', () => {
  const table: [string, string | null][] = [
    ['شارك', 'share'],
    ['شاركها.', 'share'],
    ['شارك الخبر', 'share'],
    ['اقرأ المزيد', 'read-more'],
    ['اقرا المزيد', 'read-more'],
    ['إقرأ أيضا', 'read-also'],
    ['اقرأ أيضاً', 'read-also'],
    ['اقرأ أيضاً: الحكومة تعلن موازنة العام الجديد', 'read-also'],
    ['اقرأ أيضًا:', 'read-also'],
    ['إقرأ أيضاالمحافظ يفتتح مستوصفاً في البوكمال', 'read-also'],
    ['إقرأ أيضاًوزير النقل: الطريق يفتح خلال أسبوع', 'read-also'],
    ['Read also: Talks resume in Muscat', 'read-also'],
    ['تابعونا عبر تطبيق واتس أب', 'app-promo'],
    ['Share this article', 'share'],
    ['Partager sur Facebook', 'share'],
    ['حمل تطبيق آخر خبر', 'app-promo'],
    ['تابعونا على فيسبوك', 'app-promo'],
    ['آخر الأخبار', 'latest-news'],
    ['الأكثر قراءة', 'latest-news'],
    ['شبكة شام المصدر: شبكة شام', 'source'],
    ['المصدر: وكالات', 'source'],
    ['TT', 'marker'],
    ['play-circle', 'marker'],
    ['مقالات ذات صلة', 'related-header'],
    ['مواضيع ذات صلة', 'related-header'],
    ['الأربعاء 14 كانون الثاني 2026', 'dateline'],
    ['آخر تحديث: 14/01/2026 09:30', 'dateline'],
    // Content that mentions furniture words stays.
    ['وشارك في الاجتماع وزراء الخارجية والدفاع والداخلية.', null],
    ['وقال المصدر: إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة العمانية مسقط بحضور الوسطاء ووفود من الطرفين والمراقبين الدوليين.', null],
    ['مطالب أميركية', null],
    ['الأربعاء المقبل موعد الجلسة', null],
    // "Read also" followed by a real paragraph (a sentence with its full stop) is body text.
    ['اقرأ أيضاً ما قاله الوزير في مؤتمره الصحافي أمس عن خطة إعادة الإعمار في المدن المدمرة.', null],
  ];
  for (const [line, reason] of table) assert.equal(furnitureReason(line), reason, line);
});

test('photo credits close captions; other parentheses do not', () => {
  const table: [string, boolean | null][] = [
    ['الرئيس لحظة وصوله إلى القصر الاثنين (إ.ب.أ)', true],
    ['عناصر في الحسكة (رويترز - أرشيفية)', true],
    ['جنود ينتشرون قرب السجن (أ.ب) play-circle', true],
    ['مقاتلون في الرقة (أ ف ب)', true],
    ['قائد الجيش محاطاً بالعسكريين (قيادة الجيش)', false],
    ['توصل الطرفان إلى اتفاق في مارس (آذار) الماضي.', null],
  ];
  for (const [line, credit] of table) assert.equal(closingParenthetical(line)?.isCredit ?? null, credit, line);
  assert.equal(isDateline('14 يناير 2026'), true);
  assert.equal(isDateline('يناير'), false);
});

test('line kinds', () => {
  const text = [
    'عنوان قصير بلا نقطة',
    'فقرة تنتهي بنقطة.',
    'صورة للمكان (رويترز)',
    'قائد الجيش محاطاً بالعسكريين في الثكنة (قيادة الجيش)',
    'قائد الجيش محاطاً بالعسكريين في الثكنة (قيادة الجيش)',
    '«الشرق الأوسط» (دمشق)',
    'ماذا نعرف عن السجون؟',
    'كلمة '.repeat(30).trim(),
  ].join('\n\n');
  assert.deepEqual(
    classifyLines(text).map((l) => l.kind),
    ['heading', 'paragraph', 'caption', 'caption', 'caption', 'furniture', 'heading', 'paragraph'],
  );
});

test('a page without a title line gives an untitled article; the sign-off goes', () => {
  const out = cleanPage(page('أعلنت الوزارة افتتاح الطريق.\n\nعنوان فرعي\n\nوقال الوزير إن العمل مستمر.\n\nشاركها.'));
  assert.deepEqual(out.articles.map((a) => [a.title, a.text]), [['', 'أعلنت الوزارة افتتاح الطريق.\nعنوان فرعي\nوقال الوزير إن العمل مستمر.']]);
  assert.deepEqual(out.dropped, [{ line: 'شاركها.', reason: 'share' }]);
});

test('a source title is not repeated in the body, and names the article', () => {
  const out = cleanPage(page('افتتاح الطريق الدولي\nشارك\nأعلنت الوزارة افتتاح الطريق الدولي بين دمشق وحلب.', 'افتتاح الطريق الدولي'));
  assert.equal(out.articles.length, 1);
  assert.equal(out.articles[0].title, 'افتتاح الطريق الدولي');
  assert.equal(out.articles[0].text, 'أعلنت الوزارة افتتاح الطريق الدولي بين دمشق وحلب.');
});

test('text keeps the published characters', () => {
  const body = 'وقال «المتحدث» إنّ الاتفاقَ ــ الذي وُقِّع في ١٨ يناير ــ صامد.';
  const out = cleanPage(page(`عنوان الخبر\n${body}  \n`));
  assert.equal(out.articles[0].text, body);
});

test('every non-empty line is a title, kept, or dropped with a reason', () => {
  const text = 'آخر الأخبار\nعنوان\nشارك\nفقرة أولى.\nمقالات ذات صلة\nعنوان تشويقي\nمقدمة قصيرة.\n«الشرق الأوسط» (دمشق)';
  const out = cleanPage(page(text));
  const accounted = out.articles.flatMap((a) => [a.title, ...a.text.split('\n')]).filter(Boolean).length + out.dropped.length;
  assert.equal(accounted, text.split('\n').length);
  assert.deepEqual(out.articles.map((a) => a.text), ['فقرة أولى.']);
});

test('edge pages: only furniture, only a title, only a byline', () => {
  assert.deepEqual(cleanPage(page('شارك\nTT')).articles, []);
  const titleOnly = cleanPage(page('عنوان بلا متن'));
  assert.deepEqual([titleOnly.articles, titleOnly.dropped], [[], [{ line: 'عنوان بلا متن', reason: 'title-without-body' }]]);
  const bylineOnly = cleanPage(page('«الشرق الأوسط» (دمشق)'));
  assert.deepEqual([bylineOnly.articles, bylineOnly.dropped], [[], [{ line: '«الشرق الأوسط» (دمشق)', reason: 'byline' }]]);
});

/** Articles of a page as [title, text] pairs, and the dropped lines as "reason: line". */
function cleaned(text: string, title: string | null = null): { articles: [string, string][]; dropped: string[] } {
  const out = cleanPage(page(text, title));
  return { articles: out.articles.map((a) => [a.title, a.text]), dropped: out.dropped.map((d) => `${d.reason}: ${d.line}`) };
}

test('"read also" goes with the headline it introduces, never with a paragraph', () => {
  const table: { text: string; kept: string; dropped: string[] }[] = [
    {
      text: 'فقرة أولى.\nاقرأ أيضاً\nمحافظ حماة يتفقد سوق الحميدية\nفقرة ثانية.',
      kept: 'فقرة أولى.\nفقرة ثانية.',
      dropped: ['read-also: اقرأ أيضاً', 'read-also: محافظ حماة يتفقد سوق الحميدية'],
    },
    {
      text: 'فقرة أولى.\nإقرأ أيضاالمحافظ يفتتح مستوصفاً في البوكمال\nفقرة ثانية.',
      kept: 'فقرة أولى.\nفقرة ثانية.',
      dropped: ['read-also: إقرأ أيضاالمحافظ يفتتح مستوصفاً في البوكمال'],
    },
    {
      text: 'فقرة أولى.\nاقرأ أيضًا:\nوزير النقل: الطريق يفتح خلال أسبوع',
      kept: 'فقرة أولى.',
      dropped: ['read-also: اقرأ أيضًا:', 'read-also: وزير النقل: الطريق يفتح خلال أسبوع'],
    },
    {
      // The line after the marker is a paragraph: it stays.
      text: 'فقرة أولى.\nاقرأ أيضاً\nوقال المحافظ إن العمل في السوق سينتهي قبل الصيف.',
      kept: 'فقرة أولى.\nوقال المحافظ إن العمل في السوق سينتهي قبل الصيف.',
      dropped: ['read-also: اقرأ أيضاً'],
    },
  ];
  for (const { text, kept, dropped } of table) {
    const out = cleaned(`عنوان الخبر\n${text}`);
    assert.deepEqual(out.articles, [['عنوان الخبر', kept]], text);
    assert.deepEqual(out.dropped, dropped, text);
  }
});

test('a dateline is not a title; without a headline the title is ""', () => {
  const table: { text: string; articles: [string, string][]; dropped: string[] }[] = [
    { text: 'حلب-سانا\nأعلنت المديرية افتتاح المستشفى.', articles: [['', 'أعلنت المديرية افتتاح المستشفى.']], dropped: ['dateline: حلب-سانا'] },
    {
      text: 'افتتاح مستشفى في حلب\nحلب-سانا\nأعلنت المديرية افتتاح المستشفى.',
      articles: [['افتتاح مستشفى في حلب', 'أعلنت المديرية افتتاح المستشفى.']],
      dropped: ['dateline: حلب-سانا'],
    },
    {
      text: 'الخرطوم (رويترز) - قال الجيش إن المعارك توقفت.',
      articles: [['', 'الخرطوم (رويترز) - قال الجيش إن المعارك توقفت.']],
      dropped: [],
    },
  ];
  for (const { text, articles, dropped } of table) assert.deepEqual(cleaned(text), { articles, dropped }, text);
});

test('bylines under a title go; a caption above a photo marker goes whatever its credit', () => {
  assert.deepEqual(cleaned('عنوان الخبر\nحمص: رامي الأحمد\nفقرة أولى.\nفقرة ثانية.'), {
    articles: [['عنوان الخبر', 'فقرة أولى.\nفقرة ثانية.']],
    dropped: ['byline: حمص: رامي الأحمد'],
  });
  assert.deepEqual(cleaned('عنوان الخبر\nوزير الدفاع خلال الجولة (وزارة الدفاع اللبنانية)\nTT\nفقرة أولى.'), {
    articles: [['عنوان الخبر', 'فقرة أولى.']],
    dropped: ['caption: وزير الدفاع خلال الجولة (وزارة الدفاع اللبنانية)', 'marker: TT'],
  });
  // The same short "place: name" shape between two paragraphs is a subheading, and stays.
  assert.deepEqual(cleaned('عنوان الخبر\nفقرة أولى.\nحمص: رامي الأحمد\nفقرة ثانية.').articles, [['عنوان الخبر', 'فقرة أولى.\nحمص: رامي الأحمد\nفقرة ثانية.']]);
});

test('a heading at the top that links to a later article on the page is not a title', () => {
  const text = [
    'آخر الأخبار', 'الخبر الثاني في الصفحة', 'الخبر الأول في الصفحة', 'صورة أرشيفية (أ.ف.ب)', 'TT', 'فقرة الخبر الأول.', 'شارك',
    'الخبر الثاني في الصفحة', 'صورة أرشيفية (أ.ف.ب)', 'TT', 'فقرة الخبر الثاني.',
  ].join('\n');
  const out = cleaned(text);
  assert.deepEqual(out.articles, [['الخبر الأول في الصفحة', 'فقرة الخبر الأول.'], ['الخبر الثاني في الصفحة', 'فقرة الخبر الثاني.']]);
  assert.ok(out.dropped.includes('teaser: الخبر الثاني في الصفحة'));
});

test('HTML figure captions reach the dropped lines', () => {
  const out = cleanPage({ ...page('عنوان\nفقرة أولى.'), captions: ['عمال يصلحون محولة (نبض الجزيرة)'] });
  assert.deepEqual(out.dropped[0], { line: 'عمال يصلحون محولة (نبض الجزيرة)', reason: 'caption' });
});
