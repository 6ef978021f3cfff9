// Training both stages. The second stage learns from first-stage labels, which must look like those it will see
// at run time: on the training data they come from models that did not see the document (5-fold jackknife).
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
  local: FeatureMatrix[];
  labels: Int32Array[];
}

export function prepareDocuments(sentences: readonly GoldSentence[], lexicon: NerLexicon): PreparedDocument[] {
  const documents: PreparedDocument[] = [];
  for (let from = 0; from < sentences.length; from += SENTENCES_PER_DOCUMENT) {
    const group = sentences.slice(from, from + SENTENCES_PER_DOCUMENT).map((s) => ({ s, aligned: alignSentence(s.words) }));
    documents.push({
      sentences: group.map((g) => g.aligned.tokens),
      local: group.map((g) => extractFeatures(g.aligned.tokens, lexicon)),
      labels: group.map((g) => projectLabels(g.aligned, g.s.labels)),
    });
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

export function trainTagger(documents: readonly PreparedDocument[], lexicon: NerLexicon, options: TrainingOptions, log: (line: string) => void): TrainedTagger {
  const header = { featureVersion: FEATURE_VERSION, clusterPrefixes: lexicon.clusterPrefixes, without: [...lexicon.without], trainedOn: '', trainedAt: '', epochs: options.epochs };
  const localExamples = (docs: readonly PreparedDocument[]) => docs.flatMap((d) => d.local.map((features, s) => ({ features, labels: d.labels[s] })));
  log('stage 1: sentence features');
  const local = trainPerceptron(localExamples(documents), options);

  const firstStage: Int32Array[][] = new Array(documents.length);
  for (let fold = 0; fold < JACKKNIFE_FOLDS; fold++) {
    const from = Math.floor((fold * documents.length) / JACKKNIFE_FOLDS);
    const to = Math.floor(((fold + 1) * documents.length) / JACKKNIFE_FOLDS);
    const model = modelOf(trainPerceptron(localExamples([...documents.slice(0, from), ...documents.slice(to)]), { ...options, onEpoch: undefined }), header);
    for (let d = from; d < to; d++) firstStage[d] = documents[d].local.map((features) => decode(model, features));
    log(`  jackknife fold ${fold + 1}/${JACKKNIFE_FOLDS}`);
  }
  log('stage 2: sentence + document features');
  const documentExamples = documents.flatMap((d, i) => {
    const features = documentFeatures(d.sentences, firstStage[i]);
    return features.map((f, s) => ({ features: concatFeatures(d.local[s], f), labels: d.labels[s] }));
  });
  const document = trainPerceptron(documentExamples, options);
  return { local, document };
}
