// The entity recogniser as the pipeline uses it: tokens in, typed token spans out.
// The model and its lexicon are loaded once per process (a few hundred milliseconds) and shared.
import { existsSync, readFileSync } from 'node:fs';
import type { Token } from '../document.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../kb/kb.js';
import { extractDocumentRows, extractFeatures, FEATURE_VERSION, hashFeature } from './features.js';
import { LABEL_COUNT, spansOfLabels, type LabeledSpan } from './labels.js';
import { createLexicon, type ClusterLevels, type NerLexicon } from './lexicon.js';
import { decode, emissionScores, loadModel, viterbi, type NerModel } from './model.js';
import { pairedModels, pairedRowScores } from './paired.js';
import { documentFeatures } from './document-features.js';
import { clusterFeatures, parseClusters } from './clusters/clusters.js';

/** The first-stage model (sentence features) and the second-stage one (plus document features). */
export const MODEL_URLS = {
  local: new URL('./data/ner-local.bin', import.meta.url),
  document: new URL('./data/ner-document.bin', import.meta.url),
};
export const CLUSTERS_URL = new URL('./data/clusters.tsv', import.meta.url);

export interface NerTagger {
  local: NerModel;
  /** Null tags with the first stage alone. */
  document: NerModel | null;
  lexicon: NerLexicon;
}

/**
 * `stem<TAB>path` lines, the path's dot-separated levels going from coarse to fine ("3.5.1.0"); `#` lines are
 * comments. Each stem maps to its path prefixes by level ("3", "3.5", "3.5.1", "3.5.1.0"). No file, no clusters.
 */
export function readClusters(url: URL = CLUSTERS_URL): Clusters {
  if (!existsSync(url)) return { checksum: 'none', get: () => undefined };
  const text = readFileSync(url, 'utf8');
  const paths = parseClusters(text);
  // A stem's prefixes are split from its path when first asked for: a tagger meets a few thousand of the 50,000
  // stems, and splitting them all took a sixth of an annotation worker's start-up.
  const levels = new Map<string, readonly string[]>();
  return {
    checksum: hashFeature(text).toString(16),
    get(stem) {
      let prefixes = levels.get(stem);
      if (prefixes === undefined) {
        const path = paths.get(stem);
        if (path === undefined) return undefined;
        levels.set(stem, (prefixes = clusterFeatures(path)));
      }
      return prefixes;
    },
  };
}

/** Stem → cluster path prefixes, with the checksum of the file they came from. */
export type Clusters = ClusterLevels & { checksum: string };

export function createTagger(local: NerModel, document: NerModel | null, kb: KnowledgeBase, clusters: Clusters): NerTagger {
  for (const model of [local, document]) {
    if (model && model.header.featureVersion !== FEATURE_VERSION) {
      throw new Error(`NER model has feature version ${model.header.featureVersion}, this build extracts ${FEATURE_VERSION}: run npm run train:ner`);
    }
    if (model && model.header.clustersChecksum !== clusters.checksum) {
      throw new Error(`NER model was trained with another clusters.tsv (${model.header.clustersChecksum}, found ${clusters.checksum}): run npm run train:ner`);
    }
  }
  return { local, document, lexicon: createLexicon(kb, clusters, local.header.clusterPrefixes, local.header.without ?? []) };
}

/** Both stages from a model path prefix: `<prefix>-local.bin` and `<prefix>-document.bin` (the latter optional). */
export function loadTaggerFiles(local: string | URL, document: string | URL | null, kb: KnowledgeBase = loadKnowledgeBase()): NerTagger {
  return createTagger(loadModel(local), document && existsSync(document) ? loadModel(document) : null, kb, readClusters());
}

let shared: NerTagger | null | undefined;

/** The shipped tagger, or null when this build has no trained model. */
export function loadTagger(): NerTagger | null {
  if (shared === undefined) {
    shared = existsSync(MODEL_URLS.local) ? loadTaggerFiles(MODEL_URLS.local, MODEL_URLS.document) : null;
  }
  return shared;
}

/** Labels of each sentence of one document: first stage per sentence, second stage with the document's evidence. */
export function labelDocument(tagger: NerTagger, sentences: readonly (readonly Token[])[]): Int32Array[] {
  if (!tagger.document) return sentences.map((tokens) => decode(tagger.local, extractFeatures(tokens, tagger.lexicon)));
  const { local, document } = tagger;
  // Both stages score the sentence features: one pass gives the first stage's scores and the start of the second's,
  // for all the sentences at once (sentence s owns tokens from starts[s]).
  const pair = pairedModels(local, document);
  const [first, second] = pairedRowScores(pair, extractDocumentRows(sentences, tagger.lexicon, pair.resolver));
  const starts: number[] = [];
  let tokens = 0;
  for (const sentence of sentences) {
    starts.push(tokens);
    tokens += sentence.length;
  }
  const of = (scores: Float32Array, s: number) => scores.subarray(starts[s] * LABEL_COUNT, (starts[s] + sentences[s].length) * LABEL_COUNT);
  const firstStage = sentences.map((sentence, s) => viterbi(of(first, s), local.transitions, sentence.length));
  return documentFeatures(sentences, firstStage).map((features, s) => viterbi(emissionScores(document, features, of(second, s)), document.transitions, sentences[s].length));
}

/** Entity spans (token ranges within each sentence) of one document. */
export function tagDocument(tagger: NerTagger, sentences: readonly (readonly Token[])[]): LabeledSpan[][] {
  return labelDocument(tagger, sentences).map(spansOfLabels);
}
