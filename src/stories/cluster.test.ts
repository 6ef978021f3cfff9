import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document } from '../document.js';
import { StoryIndex, type StoryIndexState } from './cluster.js';
import { DuplicateIndex, type FingerprintRecord } from './duplicates.js';
import { placeArticle } from './placement.js';
import { SUMMARY_MAX_CHARS } from './summary.js';
import { fixtureDocuments } from './fixture-docs.js';

const docs = fixtureDocuments();
const ordered = [...docs.values()];

/** Runs the whole fixture set in file order; returns the story id of every fixture key. */
function cluster(list: Document[] = ordered): { stories: StoryIndex; storyOf: Map<string, string> } {
  const duplicates = new DuplicateIndex();
  const stories = new StoryIndex();
  const storyOf = new Map<string, string>();
  for (const doc of list) storyOf.set(doc.id, placeArticle(doc, duplicates, stories).storyId);
  return { stories, storyOf };
}

const { stories, storyOf } = cluster();
const storyOfKey = (key: string) => storyOf.get(docs.get(key)!.id)!;

const TOGETHER: [string, string[]][] = [
  ['Shaddadi prison crisis: accusation, curfew, SDF version, exact copy', ['shaddadi_accusation', 'shaddadi_curfew', 'shaddadi_sdf_version', 'shaddadi_copy']],
  // The two reactions on the ISIS-prisons file (same days, same prisons) belong to the crisis, as in samples/README.md.
  ['Shaddadi crisis and the prisons-file reactions', ['shaddadi_accusation', 'quote_interior_readiness', 'quote_us_reaction']],
  ['Sharaa–Trump call: presidency, edited copy, Trump side', ['call_presidency', 'call_presidency_edited', 'call_trump_side']],
  ['English wire and its copy', ['english_call', 'english_call_copy']],
];
for (const [name, keys] of TOGETHER) {
  test(`one story: ${name}`, () => {
    assert.deepEqual(new Set(keys.map(storyOfKey)).size, 1);
  });
}

const APART: [string, string][] = [
  ['hamas', 'shaddadi_accusation'],
  ['hamas', 'call_presidency'],
  ['lebanese_army', 'shaddadi_accusation'],
  ['lebanese_army', 'call_presidency'],
  ['hamas', 'lebanese_army'],
  ['call_presidency', 'shaddadi_accusation'],
  ['shaddadi_trial_later', 'shaddadi_accusation'],
  ['english_call', 'call_presidency'],
];
for (const [a, b] of APART) {
  test(`different stories: ${a} / ${b}`, () => {
    assert.notEqual(storyOfKey(a), storyOfKey(b));
  });
}

test('story ids come from the first article; a later article on the same events does not rename the story', () => {
  assert.equal(storyOfKey('shaddadi_curfew'), 's_' + docs.get('shaddadi_accusation')!.id);
  assert.equal(storyOfKey('shaddadi_trial_later'), 's_' + docs.get('shaddadi_trial_later')!.id);
});

test('title is the title of a member; summary is 2–3 published sentences within the length budget', () => {
  const texts = ordered.map((d) => d.text.replace(/\s+/g, ' '));
  for (const story of stories.stories()) {
    const memberTitles = story.articleIds.map((id) => ordered.find((d) => d.id === id)!.title);
    assert.ok(memberTitles.includes(story.title), story.title);
    assert.ok(story.summary.length <= SUMMARY_MAX_CHARS || !story.summary.includes('. '), story.summary);
    // Articles without Arabic features (the English wire) give no summary; every Arabic story has one.
    const arabic = story.articleIds.some((id) => ordered.find((d) => d.id === id)!.language === 'arb');
    assert.equal(story.summary.length > 0, arabic, story.id);
  }
  const shaddadi = stories.story(storyOfKey('shaddadi_accusation'))!;
  assert.equal(shaddadi.articleCount, 6);
  const sentences = shaddadi.summary.split(/(?<=\.) /);
  assert.ok(sentences.length >= 2 && sentences.length <= 3, shaddadi.summary);
  for (const s of sentences) assert.ok(texts.some((t) => t.includes(s)), `not verbatim: ${s}`);
  assert.match(shaddadi.summary, /الشدادي/);
});

test('the central article of the call story is an analysed member (not the duplicate)', () => {
  const call = stories.story(storyOfKey('call_presidency'))!;
  assert.notEqual(call.centralArticleId, docs.get('call_presidency_edited')!.id);
  assert.match(call.title, /الشرع|ترامب|ترمب/);
});

test('a duplicate joins its original story even when published far later', () => {
  const late = { ...docs.get('hamas')!, id: 'a_late_copy', published: '2026-06-01' };
  const duplicates = new DuplicateIndex();
  const index = new StoryIndex();
  const first = placeArticle(docs.get('hamas')!, duplicates, index);
  const copy = placeArticle(late, duplicates, index);
  assert.equal(copy.duplicateOf, docs.get('hamas')!.id);
  assert.equal(copy.storyId, first.storyId);
  assert.equal(copy.createdStory, false);
});

test('incremental: save/load of the state midway gives the same stories as one uninterrupted run', () => {
  for (const cut of [1, 4, 7, 11]) {
    let duplicates = new DuplicateIndex();
    let index = new StoryIndex();
    const records: FingerprintRecord[] = [];
    for (const [i, doc] of ordered.entries()) {
      if (i === cut) {
        index = new StoryIndex(JSON.parse(JSON.stringify(index.state())) as StoryIndexState);
        duplicates = DuplicateIndex.fromRecords(records.map((r) => ({ ...r, signature: new Uint32Array(r.signature) })));
      }
      records.push(placeArticle(doc, duplicates, index).fingerprint);
    }
    assert.deepEqual(index.stories(), stories.stories(), `cut at ${cut}`);
    assert.deepEqual(index.state(), stories.state(), `cut at ${cut}`);
  }
});

test('assign is idempotent for an article already placed', () => {
  const doc = docs.get('hamas')!;
  const before = stories.story(storyOfKey('hamas'))!.articleCount;
  assert.deepEqual(stories.assign(doc), { storyId: storyOfKey('hamas'), created: false });
  assert.equal(stories.story(storyOfKey('hamas'))!.articleCount, before);
});
