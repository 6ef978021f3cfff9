// Scoring the recogniser on gold sentences, alone (tokens → tags) and through the whole annotation pipeline.
import { readFileSync } from 'node:fs';
import { normalizeForMatch } from '../arabic/normalize.js';
import { cueOf, loadCues, type Cues } from '../annotate/entity-cues.js';
import type { Document, EntityMention, EntityType } from '../document.js';
import type { KnowledgeBase } from '../kb/kb.js';
import { matchKbAt } from '../annotate/kb-match.js';
import { annotateArticle, type PipelineContext } from '../pipeline.js';
import { alignSentence, spansOfLabels, spansOnWords, wordIndexOfOffsets } from './align.js';
import type { LabeledSpan, NerType } from './labels.js';
import type { GoldSentence } from './conll.js';
import { countSpans, emptyCounts, summarise, type SpanCounts } from './score.js';
import { tagDocument, type NerTagger } from './tagger.js';
import { SENTENCES_PER_DOCUMENT } from './train.js';

export interface TaggerScore {
  counts: SpanCounts;
  scores: ReturnType<typeof summarise>;
  tokens: number;
  seconds: number;
}

/** Tags gold sentences in documents of SENTENCES_PER_DOCUMENT; the time covers features and decoding only. */
export function scoreTagger(tagger: NerTagger, sentences: readonly GoldSentence[]): TaggerScore {
  const counts = emptyCounts();
  const aligned = sentences.map((s) => alignSentence(s.words));
  const tokens = aligned.reduce((n, a) => n + a.tokens.length, 0);
  const started = performance.now();
  const predicted: LabeledSpan[][] = [];
  for (let from = 0; from < aligned.length; from += SENTENCES_PER_DOCUMENT) {
    predicted.push(...tagDocument(tagger, aligned.slice(from, from + SENTENCES_PER_DOCUMENT).map((a) => a.tokens)));
  }
  const seconds = (performance.now() - started) / 1000;
  sentences.forEach((sentence, i) => countSpans(counts, spansOfLabels(sentence.labels), spansOnWords(aligned[i], predicted[i])));
  return { counts, scores: summarise(counts), tokens, seconds };
}

/** How pipeline entity types map onto ANERcorp's: the gold scheme has no facility class and tags them as places. */
const GOLD_TYPE: Record<EntityType, NerType | null> = { person: 'PERS', organization: 'ORG', location: 'LOC', facility: 'LOC', misc: 'MISC' };

interface SchemeTable {
  descriptiveHeads: string[];
}

/**
 * Whether a pipeline mention lies outside ANERcorp's annotation scheme (data/anercorp-scheme.json): a role title
 * standing for a person, or a descriptive institution name. Such mentions are reported apart, not scored.
 */
export function outsideAnercorpScheme(mention: EntityMention, doc: Document, kb: KnowledgeBase, cues: Cues): boolean {
  const words = doc.tokens.filter((t) => t.start >= mention.start - 3 && t.end <= mention.end && t.end > mention.start && t.kind === 'word');
  if (words.length === 0) return false;
  const cue = cueOf(words[0], cues.personCues);
  // A kunya ("أبو الغيط") is part of the name, not a title.
  if (mention.type === 'person' && cue !== undefined && cue !== 'kunya') return true;
  if (mention.type !== 'organization') return false;
  if (!scheme().descriptiveHeads.has(words[0].stem) && !scheme().descriptiveHeads.has(words[0].bare)) return false;
  return words.slice(1).every((t) => cues.commonWords.has(t.stem) || kb.nationalityAdjectives.has(t.bare));
}

/**
 * The organisations and places the knowledge base knows inside a role title standing for a person («الأمين العام
 * [للأمم المتحدة]»): ANERcorp tags them, and Marsad's conventions annotate a name inside a title too, except when the
 * title itself is the mention (no nesting). Read from the title's tokens, as the entity stage would without titles.
 */
function namesInsideTitle(mention: EntityMention, doc: Document, kb: KnowledgeBase): { type: NerType; start: number; end: number }[] {
  if (mention.type !== 'person') return [];
  const names: { type: NerType; start: number; end: number }[] = [];
  const tokens = doc.tokens;
  let k = tokens.findIndex((t) => t.end > mention.start);
  while (k >= 0 && k < tokens.length && tokens[k].start < mention.end) {
    const match = matchKbAt(tokens, k, kb, { date: doc.published, titles: false });
    const type = match ? GOLD_TYPE[kb.getEntity(match.entry.entityId)?.type ?? 'misc'] : null;
    if (match && type && type !== 'MISC' && type !== 'PERS' && match.end <= mention.end && match.start > mention.start) {
      names.push({ type, start: match.start, end: match.end });
      k = match.endToken;
    } else k++;
  }
  return names;
}

let schemeTable: { descriptiveHeads: Set<string> } | null = null;
function scheme(): { descriptiveHeads: Set<string> } {
  if (!schemeTable) {
    const raw = JSON.parse(readFileSync(new URL('./data/anercorp-scheme.json', import.meta.url), 'utf8')) as SchemeTable;
    schemeTable = { descriptiveHeads: new Set(raw.descriptiveHeads.map(normalizeForMatch)) };
  }
  return schemeTable;
}

export interface PipelineScore extends TaggerScore {
  /** Scores with every pipeline mention counted, whatever the scheme says. */
  raw: ReturnType<typeof summarise>;
  /** Predicted mentions left out as outside ANERcorp's scheme. */
  outsideScheme: number;
}

/**
 * Runs gold sentences through the annotation pipeline as articles of `sentencesPerArticle` consecutive sentences
 * (ANERcorp keeps the order of its articles but not their boundaries), one sentence per line. Segmentation is left
 * out: cleaning would drop datelines the gold scores. Mentions map to the gold words their characters fall in.
 */
export function scorePipeline(context: PipelineContext, sentences: readonly GoldSentence[], sentencesPerArticle = SENTENCES_PER_DOCUMENT): PipelineScore {
  const counts = emptyCounts();
  const rawCounts = emptyCounts();
  const cues = loadCues(context.kb);
  let outsideScheme = 0;
  let tokens = 0;
  let seconds = 0;
  for (let from = 0; from < sentences.length; from += sentencesPerArticle) {
    const group = sentences.slice(from, from + sentencesPerArticle);
    const wordStarts: number[] = [];
    const goldSpans: LabeledSpan[] = [];
    let text = '';
    for (const sentence of group) {
      if (text !== '') text += '\n';
      const offset = wordStarts.length;
      sentence.words.forEach((word, w) => {
        if (w > 0) text += ' ';
        wordStarts.push(text.length);
        text += word;
      });
      for (const span of spansOfLabels(sentence.labels)) goldSpans.push({ ...span, first: span.first + offset, end: span.end + offset });
    }
    const started = performance.now();
    const doc = annotateArticle({ input: `gold-${from}`, title: '', text, outlet: null, published: null, url: null }, context);
    seconds += (performance.now() - started) / 1000;
    tokens += doc.tokens.length;
    const predicted: LabeledSpan[] = [];
    const all: LabeledSpan[] = [];
    for (const mention of doc.entities) {
      const type = GOLD_TYPE[mention.type];
      if (type === null) continue;
      const [first, last] = wordIndexOfOffsets([mention.start, mention.end - 1], wordStarts);
      all.push({ type, first, end: last + 1 });
      if (!outsideAnercorpScheme(mention, doc, context.kb, cues)) {
        predicted.push({ type, first, end: last + 1 });
        continue;
      }
      outsideScheme++;
      for (const inner of namesInsideTitle(mention, doc, context.kb)) {
        const [innerFirst, innerLast] = wordIndexOfOffsets([inner.start, inner.end - 1], wordStarts);
        predicted.push({ type: inner.type, first: innerFirst, end: innerLast + 1 });
      }
    }
    countSpans(counts, goldSpans, predicted);
    countSpans(rawCounts, goldSpans, all);
  }
  return { counts, scores: summarise(counts), raw: summarise(rawCounts), outsideScheme, tokens, seconds };
}
