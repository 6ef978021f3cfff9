import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForMatch, normalizeWithOffsets } from './normalize.js';

const cases: [string, string, string][] = [
  ['tatweel inside a name', 'قـسد', 'قسد'],
  ['diacritics and shadda', 'حمّل غداً', 'حمل غدا'],
  ['alef with hamza above, below, madda, wasla', 'أإآٱ', 'اااا'],
  ['hamza on waw and ya', 'مسؤول رئيس', 'مسوول رييس'],
  ['alef maqsura', 'مصطفى', 'مصطفي'],
  ['ta marbuta', 'الحكومة السورية', 'الحكومه السوريه'],
  ['Arabic-Indic digits', '٢١ يناير', '21 يناير'],
  ['Eastern (Persian) digits', '۱۸۰', '180'],
  ['Arabic thousands separator', '٨٬٩٥٠', '8,950'],
  ['guillemets and curly quotes', '«قسد» “داعش”', '"قسد" "داعش"'],
  ['Latin is lower-cased', 'Reuters CENTCOM', 'reuters centcom'],
  ['plain text is returned as is', 'سوريا', 'سوريا'],
];

for (const [name, input, expected] of cases) {
  test(`normalizeForMatch: ${name}`, () => assert.equal(normalizeForMatch(input), expected));
}

test('normalizeForMatch is idempotent', () => {
  for (const [, input] of cases) {
    const once = normalizeForMatch(input);
    assert.equal(normalizeForMatch(once), once);
  }
});

test('normalizeWithOffsets maps every normalised character back to the published one', () => {
  const published = 'قـسد «الأدميرال» غداً ٢١';
  const { text, offsets } = normalizeWithOffsets(published);
  assert.equal(text, normalizeForMatch(published));
  assert.equal(offsets.length, text.length + 1);
  assert.equal(offsets[text.length], published.length);
  const i = text.indexOf('الادميرال');
  assert.equal(published.slice(offsets[i], offsets[i + 'الادميرال'.length]), 'الأدميرال');
  assert.equal(published.slice(offsets[0], offsets[3]), 'قـسد');
});
