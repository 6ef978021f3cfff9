import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDocument } from '../document.js';
import { join } from 'node:path';
import { arabicLetterShare, detectLanguage, francWithCorrections, languageOf } from './language.js';
import { LANGUAGE_TEXTS, textsFromFolder } from '../test-support/language-texts.js';
import { repoRoot, seedsDir } from '../test-support/paths.js';

const detected = (text: string) =>
  detectLanguage(newDocument('t', { input: 't', title: '', text, outlet: null, published: null, url: null })).language;

test('a short Arabic text that franc takes for Urdu is Arabic: it has none of the letters Urdu writes with', () => {
  // Without hamzas («ان اسرائيل») franc's trigrams answered Urdu, and the Arabic layers were skipped.
  assert.equal(detected('وقالت صحيفة هآرتس ان اسرائيل تتوقع'), 'arb');
  assert.equal(detected('وقالت صحيفة هآرتس إن إسرائيل تتوقع انسحابا.'), 'arb');
});

test('Persian and Urdu stay themselves', () => {
  assert.equal(detected('وزیر امور خارجه ایران گفت که مذاکرات با کشورهای همسایه ادامه دارد و نتیجه آن به زودی اعلام می‌شود.'), 'pes');
  assert.equal(detected('پاکستان کے وزیر اعظم نے کہا ہے کہ حکومت عوام کی بھلائی کے لیے کام کر رہی ہے اور کرتی رہے گی۔'), 'urd');
});

test('the Arabic shortcut answers what franc with the corrections answers', () => {
  // The shortcut skips franc for a sample of mostly Arabic letters without a Persian, Urdu or Sorani letter.
  const seeds = seedsDir();
  const texts = [
    ...LANGUAGE_TEXTS, ...textsFromFolder(join(repoRoot, 'samples'), 60), ...(seeds ? textsFromFolder(seeds, 60) : []),
    'قالت الوزارة', 'قالت الوزارة إن المحادثات The talks will resume next week in Geneva and Vienna after the holiday',
    'وزير الخارجية گفت', '\ud83dقال \udc00الوزير 𝒜𝒷𝒸𝒹𝑒𝒻𝑔𝒽𝒾 مرة', 'ﻗﺎﻟﺖ ﺍﻟﻮﺯﺍﺭﺓ ﺇﻥ ﺍﻟﻤﺤﺎﺩﺛﺎﺕ ﺳﺘﺴﺘﺄﻧﻒ',
  ];
  let shortcut = 0;
  for (const text of texts) {
    const sample = text.slice(0, 300);
    if (arabicLetterShare(sample) > 0.5) shortcut++;
    assert.equal(languageOf(sample), francWithCorrections(sample), JSON.stringify(sample.slice(0, 60)));
  }
  assert.ok(shortcut >= 20, `the shortcut was taken ${shortcut} times`);
});

test('the Arabic letter share counts code points, letters only', () => {
  assert.equal(arabicLetterShare('قال 12 !!'), 1);
  assert.equal(arabicLetterShare('قال abc'), 0.5);
  assert.equal(arabicLetterShare('123 ...'), 0);
  // An astral letter counts once, a lone surrogate not at all.
  assert.equal(arabicLetterShare('قا𝒜\ud83d'), 2 / 3);
});
