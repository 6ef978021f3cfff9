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
    ['إقرأ أيضا', 'read-more'],
    ['اقرأ أيضاً', 'read-more'],
    ['اقرأ أيضاً: الحكومة تعلن موازنة العام الجديد', 'read-more'],
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
    ['heading', 'paragraph', 'caption', 'caption', 'caption', 'byline', 'heading', 'paragraph'],
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
  assert.deepEqual(cleanPage(page('«الشرق الأوسط» (دمشق)')).articles.map((a) => a.text), ['«الشرق الأوسط» (دمشق)']);
});
