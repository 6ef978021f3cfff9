// The tag set of the entity recogniser: BIO over ANERcorp's four types.
export const NER_TYPES = ['PERS', 'LOC', 'ORG', 'MISC'] as const;
export type NerType = (typeof NER_TYPES)[number];

/** Label 0 is O; then B-T and I-T for each type, in NER_TYPES order. */
export const LABELS: readonly string[] = ['O', ...NER_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const LABEL_COUNT = LABELS.length;
export const OUTSIDE = 0;

export function labelIndex(tag: string): number {
  const index = LABELS.indexOf(tag);
  if (index < 0) throw new Error(`unknown tag ${tag}`);
  return index;
}

export function isBegin(label: number): boolean {
  return label > 0 && label % 2 === 1;
}

export function isInside(label: number): boolean {
  return label > 0 && label % 2 === 0;
}

export function typeOfLabel(label: number): NerType {
  return NER_TYPES[(label - 1) >> 1];
}

export function beginLabel(type: NerType): number {
  return 1 + 2 * NER_TYPES.indexOf(type);
}

/** I-T may only follow B-T or I-T: the decoder never produces a span that starts inside. */
export function transitionAllowed(previous: number, next: number): boolean {
  if (!isInside(next)) return true;
  return previous === next || previous === next - 1;
}

/** A typed token range [first, end). */
export interface LabeledSpan {
  type: NerType;
  first: number;
  end: number;
}

/** Entity spans of a BIO label sequence; a stray I-T (never produced by the decoder) opens a span, as in conlleval. */
export function spansOfLabels(labels: ArrayLike<number>): LabeledSpan[] {
  const spans: LabeledSpan[] = [];
  let open: LabeledSpan | null = null;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    const continues = open !== null && isInside(label) && typeOfLabel(label) === open.type;
    if (continues) { open!.end = i + 1; continue; }
    if (open) spans.push(open);
    open = label === OUTSIDE ? null : { type: typeOfLabel(label), first: i, end: i + 1 };
  }
  if (open) spans.push(open);
  return spans;
}
