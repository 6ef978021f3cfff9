// Second-stage features: what the first-stage tagger said about the same word elsewhere in the document.
// A surname alone ("الحريري") is hard in its own sentence and easy once "سعد الحريري" was tagged two lines above;
// a team name is an organisation all through a sports report. (Ratinov & Roth 2009, "non-local features".)
import type { Token } from '../document.js';
import { FeatureWriter, templates, type FeatureMatrix } from './features.js';
import { LABELS, NER_TYPES, spansOfLabels, type LabeledSpan, type NerType } from './labels.js';

interface WordEvidence {
  occurrences: number;
  /** Set once the word occurs inside a predicted span (most words never do, and carry no counts). */
  spans: SpanCounts | null;
}

/** Occurrences of a word inside predicted spans, by type (indexed as NER_TYPES). */
interface SpanCounts {
  /** The types in the order the word was first seen inside a span of each (ties between types go to the first). */
  types: NerType[];
  byType: number[];
  /** As the last word of a multi-word span (surnames, second halves of names), and as the first. */
  lastOfLong: number[];
  firstOfLong: number[];
}

function keyOf(token: Token): string | null {
  return token.kind === 'word' || token.kind === 'latin' ? token.stem : null;
}

/** Where token i sits in the first-stage spans: its type and whether it ends or starts a multi-word span. */
function ownRole(spans: readonly LabeledSpan[], i: number): { type: NerType; last: boolean; first: boolean } | null {
  const span = spans.find((s) => s.first <= i && i < s.end);
  if (!span) return null;
  const long = span.end - span.first > 1;
  return { type: span.type, last: long && i === span.end - 1, first: long && i === span.first };
}

function collectEvidence(sentences: readonly (readonly Token[])[], labels: readonly Int32Array[]): Map<string, WordEvidence> {
  const evidence = new Map<string, WordEvidence>();
  sentences.forEach((tokens, s) => {
    for (const token of tokens) {
      const key = keyOf(token);
      if (!key) continue;
      const e = evidence.get(key);
      if (e) e.occurrences++;
      else evidence.set(key, { occurrences: 1, spans: null });
    }
    for (const span of spansOfLabels(labels[s])) {
      const type = NER_TYPES.indexOf(span.type);
      for (let k = span.first; k < span.end; k++) {
        const key = keyOf(tokens[k]);
        if (!key) continue;
        const e = evidence.get(key)!;
        const counts = (e.spans ??= { types: [], byType: [0, 0, 0, 0], lastOfLong: [0, 0, 0, 0], firstOfLong: [0, 0, 0, 0] });
        if (counts.byType[type] === 0) counts.types.push(span.type);
        counts.byType[type]++;
        if (span.end - span.first > 1 && k === span.end - 1) counts.lastOfLong[type]++;
        if (span.end - span.first > 1 && k === span.first) counts.firstOfLong[type]++;
      }
    }
  });
  return evidence;
}

const NO_TYPES: readonly NerType[] = [];

const T = templates(['s1', 's1-1', 's1+1', 'd', 'dr', 'd|', 'dlast', 'dfirst']);

/**
 * Document features of each sentence, to be added to its sentence features: the first-stage labels around the
 * token, and how the same word was labelled in the rest of the document (its own occurrence discounted).
 */
export function documentFeatures(sentences: readonly (readonly Token[])[], firstStage: readonly Int32Array[]): FeatureMatrix[] {
  const evidence = collectEvidence(sentences, firstStage);
  return sentences.map((tokens, s) => {
    const labels = firstStage[s];
    const spans = spansOfLabels(labels);
    const out = new FeatureWriter(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const own = labels[i];
      out.addValue(T.s1, LABELS[own]);
      out.addValue(T['s1-1'], i > 0 ? LABELS[labels[i - 1]] : '<s>');
      out.addValue(T['s1+1'], i + 1 < tokens.length ? LABELS[labels[i + 1]] : '<s>');
      const key = keyOf(tokens[i]);
      const e = key ? evidence.get(key) : undefined;
      if (e && e.occurrences > 1) {
        const role = e.spans ? ownRole(spans, i) : null;
        const others = (counts: number[], type: NerType, ownCounts: boolean) => counts[NER_TYPES.indexOf(type)] - (ownCounts ? 1 : 0);
        let best: NerType | null = null;
        let bestCount = 0;
        let labelled = 0;
        for (const type of e.spans?.types ?? NO_TYPES) {
          const counts = e.spans!;
          const count = others(counts.byType, type, role?.type === type);
          labelled += count;
          if (count > bestCount) { best = type; bestCount = count; }
          if (others(counts.lastOfLong, type, role?.type === type && role.last) > 0) out.addValue(T.dlast, type);
          if (others(counts.firstOfLong, type, role?.type === type && role.first) > 0) out.addValue(T.dfirst, type);
        }
        const elsewhere = e.occurrences - 1;
        out.addValue(T.d, best ?? 'none');
        out.addValue(T.dr, best === null ? '0' : labelled >= elsewhere ? 'all' : labelled * 2 >= elsewhere ? 'most' : 'some');
        if (best !== null) out.addPair(T['d|'], best, LABELS[own]);
      }
      out.endToken();
    }
    return out.finish();
  });
}
