import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumeral, readCardinal, readPercent, readQualifier, readVaguePlural } from './numbers.js';
import { normalizeForMatch } from './normalize.js';
import { tokenize } from './tokenize.js';

test('parseNumeral: thousands groups, decimal points and commas', () => {
  const rows: [string, number | null][] = [
    ['40', 40], ['8,950', 8950], ['1,234,567', 1234567], ['1.5', 1.5], ['2,5', 2.5], ['1.000.000', 1000000],
    ['1,234,567.5', 1234567.5], ['12,34,5', null], ['abc', null],
  ];
  for (const [input, value] of rows) assert.equal(parseNumeral(input), value, input);
  assert.equal(parseNumeral(normalizeForMatch('٨٬٩٥٠')), 8950);
  assert.equal(parseNumeral(normalizeForMatch('٣٫٥')), 3.5);
});

test('readCardinal: digits, words, compounds and scales', () => {
  const rows: [string, number, number][] = [
    ['سبعة آلاف معتقل', 7000, 2], ['3 آلاف نازح', 3000, 2], ['1.5 مليون', 1500000, 2], ['خمسة وعشرين جندياً', 25, 2],
    ['ثلاثة عشر ألفا', 13000, 3], ['أحد عشر', 11, 2], ['اثنتا عشرة', 12, 2], ['مئة وخمسة وعشرون', 125, 3],
    ['ألفين وخمسمئة', 2500, 2], ['ثلاث مئة ألف', 300000, 3], ['مليون وثلاثمئة ألف', 1300000, 3], ['ألف', 1000, 1],
    ['عشرين مليوناً', 20000000, 2], ['ثلاثمائة', 300, 1], ['واحد', 1, 1], ['اثنين', 2, 1],
    // و joins only a ten after a unit, or something smaller after a hundred or scale
    ['ثلاثة وأربعة', 3, 1], ['عشرين وخمسة', 20, 1],
  ];
  for (const [text, value, length] of rows) assert.deepEqual(readCardinal(tokenize(text), 0), { value, end: length }, text);
});

test('readCardinal: not numbers on their own', () => {
  for (const text of ['أحد القادة', 'إحدى المدن', 'آلاف السجناء', 'الثالثة', 'الاثنين', 'سوريا']) assert.equal(readCardinal(tokenize(text), 0), null, text);
});

test('vague plurals give a lower bound', () => {
  assert.deepEqual(readVaguePlural(tokenize('عشرات')[0]), { value: 10, qualifier: 'dozens' });
  assert.deepEqual(readVaguePlural(tokenize('المئات')[0]), { value: 100, qualifier: 'hundreds' });
  assert.deepEqual(readVaguePlural(tokenize('آلاف')[0]), { value: 1000, qualifier: 'thousands' });
  assert.equal(readVaguePlural(tokenize('جنود')[0]), null);
});

test('qualifier phrases and percent markers', () => {
  assert.deepEqual(readQualifier(tokenize('ما يصل إلى سبعة'), 0), { qualifier: 'up_to', length: 3 });
  assert.deepEqual(readQualifier(tokenize('ما لا يقل عن 12'), 0), { qualifier: 'at_least', length: 4 });
  assert.deepEqual(readQualifier(tokenize('ونحو 200'), 0), { qualifier: 'about', length: 1 });
  assert.equal(readQualifier(tokenize('من 200'), 0), null);
  assert.equal(readPercent(tokenize('40 %'), 1), 1);
  assert.equal(readPercent(tokenize('40 في المئة'), 1), 2);
  assert.equal(readPercent(tokenize('40 بالمائة'), 1), 1);
  assert.equal(readPercent(tokenize('40 في المدينة'), 1), 0);
});
