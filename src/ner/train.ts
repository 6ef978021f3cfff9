// Training both stages. Stage 2 learns from stage-1 labels, which must look like those it will see at run time:
// on the training data they come from stage-1 models that did not see the document (5-fold jackknife).
import type { Token } from '../document.js';
import { alignSentence, projectLabels } from './align.js';
import type { GoldSentence } from './conll.js';
import { documentFeatures } from './document-features.js';
import { concatFeatures, extractFeatures, FEATURE_VERSION, type FeatureMatrix } from './features.js';
import type { NerLexicon } from './lexicon.js';
import { buildModel, decode, type ModelHeader, type NerModel } from './model.js';
import { trainPerceptron, type TrainedWeights, type TrainingOptions } from './perceptron.js';

/** Gold has no article boundaries: runs of this many consecutive sentences stand for a document. */
export const SENTENCES_PER_DOCUMENT = 10;
const JACKKNIFE_FOLDS = 5;

export interface PreparedDocument {
  sentences: Token[][];
  labels: Int32Array[];
}

export function prepareDocuments(sentences: readonly GoldSentence[]): PreparedDocument[] {
  const documents: PreparedDocument[] = [];
  for (let from = 0; from < sentences.length; from += SENTENCES_PER_DOCUMENT) {
    const group = sentences.slice(from, from + SENTENCES_PER_DOCUMENT).map((s) => ({ s, aligned: alignSentence(s.words) }));
    documents.push({ sentences: group.map((g) => g.aligned.tokens), labels: group.map((g) => projectLabels(g.aligned, g.s.labels)) });
  }
  return documents;
}

export interface TrainedTagger {
  local: TrainedWeights;
  document: TrainedWeights;
}

export function modelOf(weights: TrainedWeights, header: Omit<ModelHeader, 'labels' | 'scale' | 'rows'>): NerModel {
  return buildModel({ ...header, labels: [], scale: 1, rows: weights.keys.length }, weights.keys, weights.weights, weights.transitions);
}

function folds(count: number): [number, number][] {
  return Array.from({ length: JACKKNIFE_FOLDS }, (_, f) => [Math.floor((f * count) / JACKKNIFE_FOLDS), Math.floor(((f + 1) * count) / JACKKNIFE_FOLDS)]);
}

function examples(documents: readonly PreparedDocument[], features: readonly FeatureMatrix[][], skip: [number, number] = [0, 0]) {
  return documents.flatMap((d, i) => (i >= skip[0] && i < skip[1] ? [] : features[i].map((f, s) => ({ features: f, labels: d.labels[s] }))));
}

export function trainTagger(documents: readonly PreparedDocument[], lexicon: NerLexicon, options: TrainingOptions, log: (line: string) => void): TrainedTagger {
  const header = { featureVersion: FEATURE_VERSION, clusterPrefixes: lexicon.clusterPrefixes, without: [...lexicon.without], clustersChecksum: '', trainedOn: '', trainedAt: '', epochs: options.epochs };
  const quiet = { ...options, onEpoch: undefined };
  const localFeatures = documents.map((d) => d.sentences.map((tokens) => extractFeatures(tokens, lexicon)));

  log('stage 1: sentence features');
  const local = trainPerceptron(examples(documents, localFeatures), options);
  const firstStage: Int32Array[][] = new Array(documents.length);
  for (const [f, [from, to]] of folds(documents.length).entries()) {
    const model = modelOf(trainPerceptron(examples(documents, localFeatures, [from, to]), quiet), header);
    for (let d = from; d < to; d++) firstStage[d] = localFeatures[d].map((features) => decode(model, features));
    log(`  stage-1 labels, jackknife fold ${f + 1}/${JACKKNIFE_FOLDS}`);
  }
  log('stage 2: sentence + document features');
  const documentExamples = documents.flatMap((d, i) => {
    const extra = documentFeatures(d.sentences, firstStage[i]);
    return extra.map((f, s) => ({ features: concatFeatures(localFeatures[i][s], f), labels: d.labels[s] }));
  });
  const document = trainPerceptron(documentExamples, options);
  return { local, document };
}
