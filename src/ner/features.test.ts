import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { peelByLetters, splitSentences, stripArticle, tokenize } from '../arabic/tokenize.js';
import type { Token } from '../document.js';
import { repoRoot } from '../test-support/paths.js';
import { extractFeatureRows, extractFeatures, FeatureWriter, templates, type FeatureMatrix, type RowResolver } from './features.js';
import { pairedModels } from './paired.js';
import { cueClasses, knowledgeBaseTags, placeNameTags, type FeatureGroup, type NerLexicon } from './lexicon.js';
import { loadTagger } from './tagger.js';

/**
 * The templates written out token by token, as extractFeatures computed them before it cached word forms: the
 * specification its cached extraction must reproduce hash for hash (a trained model depends on every one).
 */
function referenceFeatures(tokenized: readonly Token[], lexicon: NerLexicon): FeatureMatrix {
  const T = templates([
    'bias', 'w', 'k', 'n', 'p', 'w-1', 'w+1', 'w-2', 'w+2', 'w-1w', 'ww+1', 'p-1', 'al', 'len',
    'suf1', 'suf2', 'suf3', 'pre1', 'pre2', 'pre3', 'c0', 'c1', 'c2', 'c3', 'c-1', 'c+1', 'c-1c', 'cc+1',
    'kb', 'kb-1', 'kb+1', 'q', 'q-1', 'q+1', 'q-2', 'first', 'g3', 'geo', 'geo-1', 'geo+1',
  ]);
  const cap = (s: string) => (s.length > 24 ? s.slice(0, 24) : s);
  const constant = (value: string) => Array.from({ length: 8 }, () => value);
  const n = tokenized.length;
  const use = (group: FeatureGroup) => !lexicon.without.has(group);
  // Knowledge base, place names and cues read the tokeniser's words; every other template reads the word peeled by
  // letters alone (وزير as و + زير), as the clusters were built.
  const kbTags = use('kb') ? knowledgeBaseTags(tokenized, lexicon) : new Array<null>(n).fill(null);
  const geoTags = use('geo') ? placeNameTags(tokenized, lexicon) : new Array<null>(n).fill(null);
  const cues = tokenized.map((t) => (use('cues') ? cueClasses(t, lexicon) : []));
  const tokens = tokenized.map((t) => {
    if (t.kind !== 'word') return t;
    const { prefix, stem } = peelByLetters(t.norm);
    return { ...t, prefix, stem, bare: stripArticle(stem) };
  });
  const stems = tokens.map((t) => (t.kind === 'number' ? '<num>' : cap(t.stem)));
  const clusterOf = (t: Token) => (t.kind !== 'word' ? constant('<' + t.kind + '>') : lexicon.clusters.get(t.stem) ?? lexicon.clusters.get(t.bare) ?? constant('<unk>'));
  const clusters = tokens.map((t) => (use('clusters') ? clusterOf(t) : constant('')));
  const prefixes = use('clusters') ? lexicon.clusterPrefixes : [];
  const coarse = prefixes[0];
  const middle = prefixes[Math.min(1, prefixes.length - 1)];
  const stemAt = (i: number) => (i >= 0 && i < n ? stems[i] : '<s>');
  const level = (path: readonly string[], k: number) => path[Math.min(k, path.length) - 1];
  const clusterAt = (i: number, k: number) => (i >= 0 && i < n ? level(clusters[i], k) : '<s>');
  const out = new FeatureWriter(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const s0 = stems[i];
    out.add(T.bias);
    out.addValue(T.w, s0);
    out.addValue(T.k, t.kind);
    out.addValue(T.n, cap(t.norm));
    out.addValue(T.p, t.prefix);
    out.addValue(T['w-1'], stemAt(i - 1));
    out.addValue(T['w+1'], stemAt(i + 1));
    out.addValue(T['w-2'], stemAt(i - 2));
    out.addValue(T['w+2'], stemAt(i + 2));
    out.addPair(T['w-1w'], stemAt(i - 1), s0);
    out.addPair(T['ww+1'], s0, stemAt(i + 1));
    out.addValue(T['p-1'], i > 0 ? tokens[i - 1].prefix : '<s>');
    if (t.kind === 'word' && use('affixes')) {
      const bare = cap(t.bare);
      out.addValue(T.al, t.stem !== t.bare ? '1' : '0');
      out.addValue(T.len, String(Math.min(bare.length, 9)));
      if (bare.length > 1) { out.addValue(T.suf1, bare.slice(-1)); out.addValue(T.pre1, bare.slice(0, 1)); }
      if (bare.length > 2) { out.addValue(T.suf2, bare.slice(-2)); out.addValue(T.pre2, bare.slice(0, 2)); }
      if (bare.length > 3) { out.addValue(T.suf3, bare.slice(-3)); out.addValue(T.pre3, bare.slice(0, 3)); }
    }
    if (t.kind === 'word' && use('trigrams')) {
      const padded = '^' + cap(t.bare) + '$';
      for (let k = 0; k + 3 <= padded.length; k++) out.addValue(T.g3, padded.slice(k, k + 3));
    }
    const c0 = clusters[i];
    const clusterTemplates = [T.c0, T.c1, T.c2, T.c3];
    for (let p = 0; p < prefixes.length && p < clusterTemplates.length; p++) out.addValue(clusterTemplates[p], level(c0, prefixes[p]));
    if (prefixes.length > 0) {
      out.addValue(T['c-1'], clusterAt(i - 1, middle));
      out.addValue(T['c+1'], clusterAt(i + 1, middle));
      out.addPair(T['c-1c'], clusterAt(i - 1, coarse), level(c0, middle));
      out.addPair(T['cc+1'], level(c0, middle), clusterAt(i + 1, coarse));
    }
    out.addValue(T.kb, kbTags[i] ?? '-');
    out.addValue(T['kb-1'], (i > 0 ? kbTags[i - 1] : null) ?? '-');
    out.addValue(T['kb+1'], (i + 1 < n ? kbTags[i + 1] : null) ?? '-');
    out.addValue(T.geo, geoTags[i] ?? '-');
    out.addValue(T['geo-1'], (i > 0 ? geoTags[i - 1] : null) ?? '-');
    out.addValue(T['geo+1'], (i + 1 < n ? geoTags[i + 1] : null) ?? '-');
    for (const cue of cues[i]) out.addValue(T.q, cue);
    if (i > 0) for (const cue of cues[i - 1]) out.addValue(T['q-1'], cue);
    if (i + 1 < n) for (const cue of cues[i + 1]) out.addValue(T['q+1'], cue);
    if (i > 1) for (const cue of cues[i - 2]) out.addValue(T['q-2'], cue);
    if (i === 0) out.add(T.first);
    out.endToken();
  }
  return out.finish();
}

function sampleSentences(): Token[][] {
  const sentences: Token[][] = [];
  const dir = join(repoRoot, 'samples');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const s of splitSentences(text)) sentences.push(tokenize(text.slice(s.start, s.end)));
  }
  return sentences;
}

const ODD_SENTENCES = [
  '', 'قال', '١٢٣٤ 5678 ٣٫٥ قتيلاً', 'قال John Smith إن Microsoft ستفتح مكتباً في دبي',
  'والمستشفيات' + 'ات'.repeat(20) + ' وبالرئيس للرئاسة «داعش» في الولايات المتحدة الأمريكية ونيويورك',
  '!!!???...،،،؛؛«»""((()))', '🙂🙂 قال 🚀 الرئيس السوري أحمد الشرع في دمشق',
];

function assertSameMatrix(actual: FeatureMatrix, expected: FeatureMatrix, what: string): void {
  assert.deepEqual([...actual.offsets], [...expected.offsets], what);
  assert.deepEqual([...actual.hashes], [...expected.hashes], what);
}

test('extractFeatures writes the reference hashes, first seeing each word form and again from its cache', () => {
  const tagger = loadTagger();
  assert.ok(tagger);
  const sentences = [...ODD_SENTENCES.map(tokenize), ...sampleSentences()];
  for (const round of ['first', 'cached']) {
    for (const tokens of sentences) {
      assertSameMatrix(extractFeatures(tokens, tagger.lexicon), referenceFeatures(tokens, tagger.lexicon), `${round}: ${tokens.map((t) => t.text).join(' ')}`);
    }
  }
});

test('ablated lexicons (feature groups left out) keep their own cache and the reference hashes', () => {
  const tagger = loadTagger();
  assert.ok(tagger);
  const sentences = [...ODD_SENTENCES.map(tokenize), ...sampleSentences().slice(0, 40)];
  for (const without of [['clusters'], ['kb', 'geo'], ['cues', 'affixes', 'trigrams']] as FeatureGroup[][]) {
    const lexicon = { ...tagger.lexicon, without: new Set(without) };
    for (const tokens of sentences) assertSameMatrix(extractFeatures(tokens, lexicon), referenceFeatures(tokens, lexicon), without.join(','));
  }
  const noPrefixes = { ...tagger.lexicon, clusterPrefixes: [] };
  for (const tokens of sentences) assertSameMatrix(extractFeatures(tokens, noPrefixes), referenceFeatures(tokens, noPrefixes), 'no cluster levels');
});

test('a token sharing a cached normalised form but not its clitic analysis gets its own features', () => {
  const tagger = loadTagger();
  assert.ok(tagger);
  const [word] = tokenize('وبالرئيس');
  extractFeatures([word], tagger.lexicon);
  // Same norm, another analysis (as a hand-made or differently tokenised token could have).
  const other: Token = { ...word, prefix: '', stem: word.norm, bare: word.norm };
  assertSameMatrix(extractFeatures([other, word], tagger.lexicon), referenceFeatures([other, word], tagger.lexicon), 'shadowed form');
});

test('a finished FeatureWriter refuses to finish again (its buffer went back to the pool)', () => {
  const writer = new FeatureWriter(1);
  writer.add(1);
  writer.endToken();
  assert.deepEqual([...writer.finish().hashes], [1]);
  assert.throws(() => writer.finish(), /twice/);
});

test('extractFeatureRows gives the rows of the hashes extractFeatures writes, known features only, in order', () => {
  const tagger = loadTagger();
  assert.ok(tagger?.document);
  const pair = pairedModels(tagger.local, tagger.document);
  // The pair's lookup without its weights, so every feature stays a row (with them, a form's own features are summed:
  // paired.test.ts). A resolver of its own too: rows of forms resolved by another resolver must not be reused.
  const pairRows: RowResolver = { rowOf: (hash) => pair.resolver.rowOf(hash) };
  const everyOther: RowResolver = { rowOf: (hash) => (hash % 2 === 0 ? hash % 1000 : -1) };
  const sentences = [...ODD_SENTENCES.map(tokenize), ...sampleSentences()];
  for (const resolver of [pairRows, everyOther, pairRows]) {
    for (const tokens of sentences) {
      const { hashes, offsets } = extractFeatures(tokens, tagger.lexicon);
      const expected: number[][] = [];
      for (let i = 0; i + 1 < offsets.length; i++) {
        expected.push([...hashes.subarray(offsets[i], offsets[i + 1])].map((h) => resolver.rowOf(h)).filter((row) => row >= 0));
      }
      const actual = extractFeatureRows(tokens, tagger.lexicon, resolver);
      assert.deepEqual(Array.from({ length: tokens.length }, (_, i) => [...actual.rows.subarray(actual.offsets[i], actual.offsets[i + 1])]), expected);
    }
  }
});

test('the form cache keeps giving the reference hashes as it turns over generations (60,000 distinct words)', () => {
  const tagger = loadTagger();
  assert.ok(tagger);
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const word = (n: number) => {
    let w = '';
    for (let k = n; k > 0 || w.length < 3; k = Math.floor(k / letters.length)) w += letters[k % letters.length];
    return w;
  };
  const probe = tokenize('قال الرئيس السوري أحمد الشرع في دمشق إن الحكومة ستعقد اجتماعاً');
  for (let start = 0; start < 60_000; start += 2_000) {
    const words = Array.from({ length: 2_000 }, (_, k) => word(start + k));
    extractFeatures(tokenize(words.join(' ')), tagger.lexicon);
    assertSameMatrix(extractFeatures(probe, tagger.lexicon), referenceFeatures(probe, tagger.lexicon), `after ${start + 2_000} words`);
  }
});
