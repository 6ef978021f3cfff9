import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { franc } from 'franc';
import { francTop, unitsCountable } from './franc-top.js';
import { repoRoot, seedsDir } from '../test-support/paths.js';
import { LANGUAGE_TEXTS as TEXTS, textsFromFolder } from '../test-support/language-texts.js';

const CANDIDATES = JSON.parse(readFileSync(new URL('./data/languages.json', import.meta.url), 'utf8')).candidates as string[];

test('francTop answers what franc answers, with and without a candidate list', () => {
  assert.ok(unitsCountable, "franc's script expressions are classes of one code unit or start with a high surrogate");
  const seeds = seedsDir();
  const texts = [...TEXTS, ...textsFromFolder(join(repoRoot, 'samples'), 60), ...(seeds ? textsFromFolder(seeds, 60) : [])];
  for (const text of texts) {
    for (const minLength of [0, 10, 20]) {
      assert.equal(francTop(text, CANDIDATES, minLength), franc(text, { only: CANDIDATES, minLength }), JSON.stringify(text.slice(0, 60)));
      assert.equal(francTop(text, [], minLength), franc(text, { minLength }), JSON.stringify(text.slice(0, 60)));
    }
    assert.equal(francTop(text, ['eng', 'heb'], 10), franc(text, { only: ['eng', 'heb'], minLength: 10 }));
  }
});
