import { test } from 'node:test';
import assert from 'node:assert/strict';
import { furnitureReason, isDateline, readAlsoRemainder, stripTrailingMarkers, wordCount } from './boilerplate.js';

// The line tests take shortcuts for the common case (prose); these pin them to the plain definitions.

test('wordCount counts what trim and split on \\s+ give, for every kind of whitespace', () => {
  const lines = ['', '   ', 'كلمة', ' قال  الرئيس\tإن\u00a0الاتفاق ', 'a\u2003b\u202fc\u3000d\ufeffe', '\n\r\v\f', 'x\u200by'];
  for (const line of lines) {
    const trimmed = line.trim();
    assert.equal(wordCount(line), trimmed ? trimmed.split(/\s+/).length : 0, JSON.stringify(line));
  }
});

test('stripTrailingMarkers drops layout markers at the end and collapses spacing, as splitting and joining do', () => {
  assert.equal(stripTrailingMarkers('صورة أرشيفية (أ.ب) play-circle'), 'صورة أرشيفية (أ.ب)');
  assert.equal(stripTrailingMarkers('صورة  أرشيفية\t(أ.ب)'), 'صورة أرشيفية (أ.ب)');
  assert.equal(stripTrailingMarkers(' قال الرئيس إن الاتفاق صامد '), 'قال الرئيس إن الاتفاق صامد');
  assert.equal(stripTrailingMarkers('play-circle'), 'play-circle');
});

test('a long paragraph opening with a "read also" phrase is still read as one, and prose is not', () => {
  const headline = 'الجيش السوري يعلن السيطرة على حقل العمر بعد انسحاب قوات سوريا الديمقراطية من المنطقة الشرقية';
  assert.equal(readAlsoRemainder(`اقرأ أيضاً: ${headline}`), `الجيش السوري يعلن السيطره علي حقل العمر بعد انسحاب قوات سوريا الديمقراطيه من المنطقه الشرقيه`);
  assert.equal(readAlsoRemainder(`وقال المتحدث إن ${headline}`), null);
});

test('datelines are found with and without separators; prose with numbers is not one', () => {
  assert.equal(isDateline('الأربعاء 14 كانون الثاني 2026'), true);
  assert.equal(isDateline('آخر تحديث: 09:30 | الأربعاء، 14/01/2026'), true);
  assert.equal(isDateline('قال المتحدث إن 14 جندياً قتلوا في الهجوم الذي وقع الأربعاء 14 كانون الثاني 2026 قرب الحسكة'), false);
  assert.equal(furnitureReason('الأربعاء 14 كانون الثاني 2026'), 'dateline');
});
