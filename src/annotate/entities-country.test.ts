import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledgeBase } from '../kb/kb.js';
import { buildInstitutionIndex, chooseHomograph, dominantCountry, vocalizationFits, type CountryClue } from './entities-country.js';

const kb = loadKnowledgeBase();

test('written vowels fit a fully vowelled spelling only when each mark is on the same letter', () => {
  const cases: [raw: string, vocalized: string, fits: boolean][] = [
    ['عمان', 'عَمَّان', true],
    ['عمّان', 'عَمَّان', true],
    ['عمّان', 'عُمَان', false],
    ['عُمان', 'عُمَان', true],
    ['عُمان', 'عَمَّان', false],
    ['عمّـان', 'عَمَّان', true],
    ['عمار', 'عَمَّان', false],
  ];
  for (const [raw, vocalized, fits] of cases) assert.equal(vocalizationFits(raw, vocalized), fits, `${raw} / ${vocalized}`);
});

const clues = (...countries: string[]): CountryClue[] => countries.map((country, token) => ({ token: token * 10, country }));

test('the dominant country needs a clear lead', () => {
  const cases: [CountryClue[], string | null][] = [
    [clues(), null],
    [clues('SY'), null],
    [clues('SY', 'SY'), 'SY'],
    [clues('SY', 'SY', 'SY', 'US', 'US'), 'SY'],
    [clues('SY', 'SY', 'US', 'US'), null],
    [clues('SY', 'SY', 'SY', 'US', 'US', 'US'), null],
  ];
  for (const [input, expected] of cases) assert.equal(dominantCountry(input), expected, JSON.stringify(input));
});

test('homographs: vowels, then nearby clues, then the article, then the first listed', () => {
  const candidates = kb.homographs.get('عمان')!;
  assert.deepEqual(candidates, ['loc:oman', 'loc:amman']);
  assert.equal(chooseHomograph(candidates, 'عمّان', 0, clues('OM', 'OM'), kb), 'loc:amman');
  assert.equal(chooseHomograph(candidates, 'عمان', 0, [{ token: 2, country: 'JO' }, { token: 50, country: 'OM' }, { token: 60, country: 'OM' }], kb), 'loc:amman');
  assert.equal(chooseHomograph(candidates, 'عمان', 0, [{ token: 40, country: 'JO' }, { token: 50, country: 'OM' }, { token: 60, country: 'OM' }], kb), 'loc:oman');
  assert.equal(chooseHomograph(candidates, 'عمان', 0, [{ token: 40, country: 'JO' }], kb), 'loc:amman');
  assert.equal(chooseHomograph(candidates, 'عمان', 0, [], kb), 'loc:oman');
});

test('generic institution names come from KB aliases ending in the entity\'s nationality', () => {
  const index = buildInstitutionIndex(kb, new Set(['وزاره', 'مجلس']));
  assert.equal(index.get('وزاره الداخليه')?.get('SY'), 'org:syrian-interior-ministry');
  assert.equal(index.get('وزاره الخارجيه')?.get('US'), 'org:us-state-department');
  assert.equal(index.get('وزاره الخارجيه')?.get('RU'), 'org:russian-foreign-ministry');
  assert.equal(index.get('مجلس النواب')?.get('LB'), 'org:lebanese-parliament');
  // Not a nationality: "الجيش" is no institution head, "الانتقالية" no nationality.
  assert.equal(index.get('الجيش'), undefined);
  assert.equal(index.get('الحكومه السوريه'), undefined);
});
