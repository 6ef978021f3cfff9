import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peelByLetters, peelProclitics, splitSentences, tokenize } from './tokenize.js';

test('proclitics are peeled so clitic forms meet their entities', () => {
  const table: [string, string, string][] = [
    ['وقسد', 'و', 'قسد'],
    ['لداعش', 'ل', 'داعش'],
    ['بالرييس', 'ب', 'الرييس'],
    ['وبالرييس', 'وب', 'الرييس'],
    ['للرياسه', 'ل', 'الرياسه'],
    ['فالجيش', 'ف', 'الجيش'],
    ['كالجرايم', 'ك', 'الجرايم'],
    ['والشرع', 'و', 'الشرع'],
    ['ولد', '', 'ولد'],
    ['بل', '', 'بل'],
  ];
  for (const [word, prefix, stem] of table) assert.deepEqual(peelProclitics(word), { prefix, stem }, word);
});

test('a word whose first letter only looks like a proclitic stays whole, with or without a clitic of its own', () => {
  const table: [string, string, string][] = [
    ['وزير', '', 'وزير'],
    ['والوزير', 'و', 'الوزير'],
    ['وبيان', 'و', 'بيان'],
    ['فرنسا', '', 'فرنسا'],
    ['لفرنسا', 'ل', 'فرنسا'],
    ['بوتين', '', 'بوتين'],
    ['وكانت', 'و', 'كانت'],
    ['فبراير', '', 'فبراير'],
    // ل + لبنان is written للبنان: the second ل is the name's, not the article's.
    ['للبنان', 'ل', 'لبنان'],
    // The clitic readings stay: the remainder is a frequent word of its own.
    ['بسبب', 'ب', 'سبب'],
    ['وقال', 'و', 'قال'],
  ];
  for (const [word, prefix, stem] of table) assert.deepEqual(peelProclitics(word), { prefix, stem }, word);
  // The peel by letters alone, which the entity tagger's features keep, still splits them.
  assert.deepEqual(peelByLetters('وزير'), { prefix: 'و', stem: 'زير' });
  assert.deepEqual(peelByLetters('للبنان'), { prefix: 'ل', stem: 'البنان' });
});

test('tokens carry published offsets, matching forms and the stem start', () => {
  const text = 'وقـسد لـ«التحالف» ٨٬٩٥٠ (إ.ب.أ)';
  const tokens = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(tokens.map((t) => t.text), ['وقـسد', 'لـ', '«', 'التحالف', '»', '٨٬٩٥٠', '(', 'إ', '.', 'ب', '.', 'أ', ')']);
  const sdf = tokens[0];
  assert.equal(sdf.norm, 'وقسد');
  assert.equal(sdf.stem, 'قسد');
  assert.equal(text.slice(sdf.stemStart, sdf.end), 'قـسد');
  assert.equal(tokens[3].bare, 'تحالف');
  assert.equal(tokens[5].kind, 'number');
  assert.equal(tokens[5].norm, '8,950');
});

test('Latin names and digits inside Arabic text become their own tokens', () => {
  const tokens = tokenize('قالت Reuters إن 40 شخصاً');
  assert.deepEqual(tokens.map((t) => [t.text, t.kind]), [
    ['قالت', 'word'], ['Reuters', 'latin'], ['إن', 'word'], ['40', 'number'], ['شخصاً', 'word'],
  ]);
});

test('sentences split at full stops, question marks and lines, not inside initials or decimals', () => {
  const text = 'قال الجيش إن 1.5 مليون نزحوا. هل انتهى؟ صورة (إ.ب.أ)\nسطر جديد';
  const sentences = splitSentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(sentences, ['قال الجيش إن 1.5 مليون نزحوا.', 'هل انتهى؟', 'صورة (إ.ب.أ)', 'سطر جديد']);
});

test('empty and whitespace-only text give no tokens and no sentences', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' \n\t'), []);
  assert.deepEqual(splitSentences('  \n '), []);
});
