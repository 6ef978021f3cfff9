import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, EntityMention, EntityType } from '../document.js';
import { Analyzer, type AnalyzeEvent } from '../analyze.js';
import type { Annotator } from '../annotate-pool.js';
import { createPipelineContext } from '../pipeline.js';
import { loadIndexes, storeBatch } from '../store/batch.js';
import { openStore } from '../store/open.js';
import { openTestStore, testDbLocation } from '../test-support/test-store.js';
import { fixtureDocument } from './fixture-docs.js';
import { preparePlacement } from './prepare.js';
import { searchText } from '../views/search-text.js';
import { StoryEntityRegistry, nameSkeleton, wordSkeleton, type StoryEntityMention } from './story-entities.js';

type Surface = [text: string, entityId: string, type?: EntityType];

/** An article's mentions, one per surface, at made-up distinct offsets (the registry reads ids, types and texts). */
function article(id: string, surfaces: Surface[]): Document {
  const entities: EntityMention[] = surfaces.map(([text, entityId, type = 'person'], i) => ({
    start: i * 100, end: i * 100 + text.length, text, type, entityId, source: entityId.startsWith('new:') ? 'model' : 'kb',
  }));
  return { id, input: id, title: '', text: '', outlet: null, published: null, url: null, language: 'arb', tokens: [], sentences: [], entities, times: [], quantities: [], claims: [], events: [], messages: [] };
}

const ids = (doc: Document) => doc.entities.map((m) => m.entityId);

/**
 * A registry over an in-memory "store" of story mentions: like storeBatch, every remapped article is then stored, so a
 * registry rebuilt later sees it. Counts how often a story is rebuilt.
 */
function registry(stored: Record<string, StoryEntityMention[]> = {}, capacity?: number) {
  const loads: string[] = [];
  const inner = new StoryEntityRegistry((storyId) => {
    loads.push(storyId);
    return [...(stored[storyId] ?? [])];
  }, capacity);
  const reg = {
    remapArticle(storyId: string, doc: Document, newStory?: boolean): Document {
      const out = inner.remapArticle(storyId, doc, newStory);
      (stored[storyId] ??= []).push(...out.entities.map(({ entityId, type, text }) => ({ entityId, type, text })));
      return out;
    },
    get size() {
      return inner.size;
    },
  };
  return { reg, loads };
}

test('skeletons: first letter kept, inner long vowels dropped', () => {
  assert.equal(wordSkeleton('ترامب'), wordSkeleton('ترمب'));
  assert.equal(wordSkeleton('كوشنير'), wordSkeleton('كوشنر'));
  assert.equal(wordSkeleton('اوباما'), 'ابم');
  assert.equal(nameSkeleton('جاريد كوشنير'), nameSkeleton('جارد كوشنر'));
  assert.notEqual(wordSkeleton('كوشنر'), wordSkeleton('كشمير'));
});

test('spelling variants of a minted name merge into the earlier one', () => {
  const { reg } = registry();
  assert.deepEqual(ids(reg.remapArticle('s1', article('a1', [['كوشنير', 'new:person:كوشنير']]), true)), ['new:person:كوشنير']);
  assert.deepEqual(ids(reg.remapArticle('s1', article('a2', [['كوشنر', 'new:person:كوشنر']]))), ['new:person:كوشنير']);
  // Multi-word names and other types too.
  reg.remapArticle('s1', article('a3', [['الحزب الديموقراطي', 'new:organization:الحزب-الديموقراطي', 'organization']]));
  const later = reg.remapArticle('s1', article('a4', [['الحزب الديمقراطي', 'new:organization:الحزب-الديمقراطي', 'organization']]));
  assert.deepEqual(ids(later), ['new:organization:الحزب-الديموقراطي']);
});

test('a one-word person maps to the multi-word person of the story with that surname, across and within articles', () => {
  const { reg } = registry();
  reg.remapArticle('s1', article('a1', [['جاريد كوشنر', 'new:person:جاريد-كوشنر']]), true);
  assert.deepEqual(ids(reg.remapArticle('s1', article('a2', [['كوشنر', 'new:person:كوشنر']]))), ['new:person:جاريد-كوشنر']);
  // A spelling of the surname meets it too.
  assert.deepEqual(ids(reg.remapArticle('s1', article('a3', [['كوشنير', 'new:person:كوشنير']]))), ['new:person:جاريد-كوشنر']);
  // Within one article the surname may come first.
  const { reg: fresh } = registry();
  const doc = fresh.remapArticle('s2', article('b1', [['ويتكوف', 'new:person:ويتكوف'], ['ستيف ويتكوف', 'new:person:ستيف-ويتكوف']]), true);
  assert.deepEqual(ids(doc), ['new:person:ستيف-ويتكوف', 'new:person:ستيف-ويتكوف']);
  // Only persons: an organisation named like a surname stays apart.
  assert.deepEqual(ids(reg.remapArticle('s1', article('a4', [['كوشنر', 'new:organization:كوشنر', 'organization']]))), ['new:organization:كوشنر']);
});

test('every mention of one minted id gets the same target; the article object is kept when nothing changes', () => {
  const { reg } = registry();
  reg.remapArticle('s1', article('a1', [['جاريد كوشنر', 'new:person:جاريد-كوشنر']]), true);
  const doc = reg.remapArticle('s1', article('a2', [['كوشنر', 'new:person:كوشنر'], ['بيروت', 'loc:beirut', 'location'], ['كوشنر', 'new:person:كوشنر']]));
  assert.deepEqual(ids(doc), ['new:person:جاريد-كوشنر', 'loc:beirut', 'new:person:جاريد-كوشنر']);
  const untouched = article('a3', [['بيروت', 'loc:beirut', 'location'], ['ماكرون', 'new:person:ماكرون']]);
  assert.equal(reg.remapArticle('s1', untouched), untouched);
});

test('earlier entities win: a stored minted id stays canonical even when a longer name comes later', () => {
  const { reg } = registry();
  reg.remapArticle('s1', article('a1', [['كوشنر', 'new:person:كوشنر']]), true);
  const later = reg.remapArticle('s1', article('a2', [['جاريد كوشنر', 'new:person:جاريد-كوشنر'], ['كوشنر', 'new:person:كوشنر']]));
  assert.deepEqual(ids(later), ['new:person:جاريد-كوشنر', 'new:person:كوشنر']);
  // The first spelling stays the target of the other spellings.
  assert.deepEqual(ids(reg.remapArticle('s1', article('a3', [['كوشنير', 'new:person:كوشنير']]))), ['new:person:كوشنر']);
});

test('knowledge-base ids are never remapped but are targets by surname or spelling', () => {
  const { reg } = registry();
  reg.remapArticle('s1', article('a1', [['ترمب', 'new:person:ترمب']]), true);
  // A KB mention spelled like an earlier minted entity keeps its id.
  assert.deepEqual(ids(reg.remapArticle('s1', article('a2', [['ترامب', 'person:donald-trump']]))), ['person:donald-trump']);

  const { reg: kbFirst } = registry();
  kbFirst.remapArticle('s2', article('b1', [['دونالد ترامب', 'person:donald-trump']]), true);
  assert.deepEqual(ids(kbFirst.remapArticle('s2', article('b2', [['ترمب', 'new:person:ترمب']]))), ['person:donald-trump']);
  assert.deepEqual(ids(kbFirst.remapArticle('s2', article('b3', [['دونالد ترمب', 'new:person:دونالد-ترمب']]))), ['person:donald-trump']);
  // Without a KB person of that name in the story, a minted surname stays itself.
  assert.deepEqual(ids(kbFirst.remapArticle('s3', article('c1', [['ترامب', 'new:person:ترامب']]), true)), ['new:person:ترامب']);
});

test('different types, different stories, ambiguous surnames and short names are never merged', () => {
  const { reg } = registry();
  reg.remapArticle('s1', article('a1', [['الامل', 'new:organization:الامل', 'organization'], ['جاريد كوشنر', 'new:person:جاريد-كوشنر']]), true);
  assert.deepEqual(ids(reg.remapArticle('s1', article('a2', [['الامل', 'new:location:الامل', 'location']]))), ['new:location:الامل']);
  assert.deepEqual(ids(reg.remapArticle('s2', article('b1', [['كوشنر', 'new:person:كوشنر']]), true)), ['new:person:كوشنر']);
  // Two persons share the surname: a surname alone is left unmerged.
  reg.remapArticle('s1', article('a3', [['تشارلز كوشنر', 'new:person:تشارلز-كوشنر']]));
  assert.deepEqual(ids(reg.remapArticle('s1', article('a4', [['كوشنر', 'new:person:كوشنر']]))), ['new:person:كوشنر']);
  // A father's name is no surname; a word that starts a person's name may be a first name.
  reg.remapArticle('s3', article('c1', [['وليد بن محمد', 'new:person:وليد-بن-محمد']]), true);
  assert.deepEqual(ids(reg.remapArticle('s3', article('c2', [['محمد', 'new:person:محمد']]))), ['new:person:محمد']);
  reg.remapArticle('s4', article('d1', [['محمود عباس', 'new:person:محمود-عباس'], ['عباس عراقجي', 'new:person:عباس-عراقجي']]), true);
  assert.deepEqual(ids(reg.remapArticle('s4', article('d2', [['عباس', 'new:person:عباس']]))), ['new:person:عباس']);
  // Even when an article called the person by that word alone.
  reg.remapArticle('s5', article('e1', [['محمد احمد محمد', 'new:person:محمد-احمد-محمد'], ['محمد', 'new:person:محمد-احمد-محمد']]), true);
  assert.deepEqual(ids(reg.remapArticle('s5', article('e2', [['محمد', 'new:person:محمد']]))), ['new:person:محمد']);
  // زيد/زايد: a two-letter skeleton is too short to call a spelling variant.
  reg.remapArticle('s1', article('a5', [['زيد', 'new:person:زيد']]));
  assert.deepEqual(ids(reg.remapArticle('s1', article('a6', [['زايد', 'new:person:زايد']]))), ['new:person:زايد']);
});

test('registries are rebuilt from the store when first touched, and only the most recent ones are kept', () => {
  const stored = { s1: [{ entityId: 'new:person:جاريد-كوشنر', type: 'person' as const, text: 'جاريد كوشنر' }] };
  const { reg, loads } = registry(stored, 1);
  // An article without minted ids touches nothing.
  reg.remapArticle('s1', article('a0', [['بيروت', 'loc:beirut', 'location']]));
  assert.deepEqual(loads, []);
  assert.deepEqual(ids(reg.remapArticle('s1', article('a1', [['كوشنر', 'new:person:كوشنر']]))), ['new:person:جاريد-كوشنر']);
  reg.remapArticle('s1', article('a2', [['كوشنر', 'new:person:كوشنر']]));
  reg.remapArticle('s2', article('b1', [['كوشنر', 'new:person:كوشنر']]), true); // a new story: nothing to read
  assert.deepEqual(loads, ['s1']);
  assert.equal(reg.size, 1);
  reg.remapArticle('s1', article('a3', [['كوشنير', 'new:person:كوشنير']]));
  assert.deepEqual(loads, ['s1', 's1']);
});

const STORY_TEXT = 'قال جاريد كوشنر إن المفاوضات مستمرة، وأكد كوشنر أن تشارلز كوشنر سيزور المنطقة الأسبوع المقبل. ونقل الوسطاء عن كوشنير قوله إن الاتفاق قريب.';

/** Articles with the same text (exact copies: one story) and their own mentions; the input makes the id. */
function storyArticle(input: string, surfaces: [string, string][]): Document {
  const doc = fixtureDocument({ key: input, outlet: 'وكالة', published: '2026-01-20', title: 'كوشنر والمفاوضات', text: STORY_TEXT, entities: surfaces.map(([s, id]) => [s, id, 'person']) });
  return { ...doc, entities: doc.entities.map((m) => ({ ...m, source: 'model' as const })) };
}

test('a second run continues from the store: stored ids stay canonical, remapped surnames stay remapped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-story-entities-'));
  try {
    const path = testDbLocation(dir, 'marsad.db');
    let store = openStore(path);
    const first = storeBatch(store, loadIndexes(store), [
      storyArticle('wire', [['جاريد كوشنر', 'new:person:جاريد-كوشنر']]),
      storyArticle('portal', [['كوشنر', 'new:person:كوشنر']]),
    ]);
    const [wire, portal] = first.map((r) => (r.skipped ? assert.fail('skipped') : r));
    assert.equal(portal.storyId, wire.storyId);
    assert.deepEqual(ids(portal.doc), ['new:person:جاريد-كوشنر', 'new:person:جاريد-كوشنر', 'new:person:جاريد-كوشنر']);
    assert.deepEqual(ids(store.getArticle(portal.id)!), ids(portal.doc), 'the result carries the stored document');
    store.close();

    store = openStore(path);
    assert.deepEqual(store.storyEntityMentions(wire.storyId).map((m) => m.text), ['جاريد كوشنر', 'كوشنر', 'كوشنر', 'كوشنر']);
    const second = storeBatch(store, loadIndexes(store), [
      storyArticle('daily', [['تشارلز كوشنر', 'new:person:تشارلز-كوشنر'], ['كوشنير', 'new:person:كوشنير']]),
    ]);
    const [daily] = second.map((r) => (r.skipped ? assert.fail('skipped') : r));
    assert.equal(daily.storyId, wire.storyId);
    // Two Kushners now, but the story already said which one "كوشنر" is; كوشنير is its spelling.
    assert.deepEqual(ids(daily.doc).sort(), ['new:person:تشارلز-كوشنر', 'new:person:جاريد-كوشنر'].sort());
    assert.deepEqual(ids(store.getArticle(daily.id)!).sort(), ids(daily.doc).sort());
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyze emits the documents as stored: merged ids for new articles, stored ids for articles stored before', async () => {
  const docs = new Map([
    ['wire', storyArticle('wire', [['جاريد كوشنر', 'new:person:جاريد-كوشنر']])],
    ['portal', storyArticle('portal', [['كوشنير', 'new:person:كوشنير']])],
  ]);
  // Stands for the annotation stage: each page's input names a prepared article.
  const annotator: Annotator = {
    analyse: async (pages) => pages.map((page) => {
      const doc = docs.get(page.input)!;
      return [{ kind: 'article' as const, doc: { ...doc, tokens: [] }, prepared: preparePlacement(doc), searchText: searchText(doc) }];
    }),
    close: async () => {},
  };
  const pages = [...docs.keys()].map((input) => ({ input, text: '', title: null, url: null, outlet: null, published: null }));
  const store = openTestStore();
  const context = createPipelineContext();
  const run = async () => {
    const events: AnalyzeEvent[] = [];
    await new Analyzer(context, store, { annotator }).run(pages, (e) => events.push(e));
    return events.map((e) => (e.kind === 'article' ? e : assert.fail(e.reason)));
  };
  try {
    const first = await run();
    assert.deepEqual(ids(first[1].doc), ['new:person:جاريد-كوشنر']);
    const again = await run();
    assert.ok(again.every((e) => e.alreadyStored));
    for (const e of [...first, ...again]) assert.deepEqual(ids(e.doc), ids(store.getArticle(e.doc.id)!));
  } finally {
    store.close();
  }
});
