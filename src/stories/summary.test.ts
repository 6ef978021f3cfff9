import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHeadingLike } from './summary.js';
import { lineSpans } from './prepare.js';

const HEADINGS: [string, boolean][] = [
  ['ترمب يعد الشرع بتعليق العمل بـ«قانون قيصر» لمدة 180 يوماً', true],
  ['رد الحكومة السورية على بيان الإدارة الذاتية', true],
  ['سوريا تنضم رسمياً لـ«التحالف الدولي»', true],
  ['وقال الوزير:', true],
  ['أعلن الجيش السوري فرض حظر تجول في المدينة.', false],
  ['وقال إن «الوضع تحت السيطرة».', false],
  ['وأضاف: «الوضع تحت السيطرة.»', false],
  ['هل انتهى دور قسد؟', false],
  ['Aleppo airport reopens after repairs.', false],
];
for (const [text, heading] of HEADINGS) {
  test(`isHeadingLike: ${text}`, () => assert.equal(isHeadingLike(text), heading));
}

const LINES: [string, string, string[]][] = [
  ['a subtitle line is cut from the sentence below it', 'تصاعد التوتر في الحسكة\nوقال الجيش إنه سيؤمن السجن.', ['تصاعد التوتر في الحسكة', 'وقال الجيش إنه سيؤمن السجن.']],
  ['one sentence on one line is kept', 'وقال الجيش إنه سيؤمن السجن.', ['وقال الجيش إنه سيؤمن السجن.']],
  ['two subtitle lines, then a sentence', 'عنوان أول\n\nعنوان ثان\nجملة تامة.', ['عنوان أول', 'عنوان ثان', 'جملة تامة.']],
];
for (const [name, text, expected] of LINES) {
  test(`lineSpans: ${name}`, () => {
    assert.deepEqual(lineSpans(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end)), expected);
  });
}
