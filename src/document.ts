// The Document: one article flowing through every stage of the pipeline.
// Its `text` is the published text and is never rewritten; every annotation is a span into it.

/** A half-open range [start, end) in UTF-16 code units of `Document.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A token after clitic analysis: `norm` is the matching form of the whole word, `stem` without proclitics. */
export interface Token extends Span {
  text: string;
  norm: string;
  /** Proclitics peeled off the front, in normalised form, e.g. "وب" for "وبالرئيس" (the article "ال" is kept in `stem`). */
  prefix: string;
  /** The word without proclitics, normalised ("الرئيس"). */
  stem: string;
  /** `stem` without the definite article, normalised ("رئيس"). */
  bare: string;
  kind: 'word' | 'number' | 'punct' | 'latin' | 'other';
  /** Offset in `Document.text` where the stem begins (after the proclitics as published, tatweel included). */
  stemStart: number;
}

export type Sentence = Span;

export type EntityType = 'person' | 'organization' | 'location' | 'facility' | 'misc';

export interface EntityMention extends Span {
  text: string;
  type: EntityType;
  /** Canonical entity id: a knowledge-base id, or a minted id for an entity found from context. */
  entityId: string;
  /** How the mention was found: the knowledge base's aliases, a contextual cue (title, head noun), or the learned tagger. */
  source: 'kb' | 'context' | 'model';
}

export interface TimeMention extends Span {
  text: string;
  /** ISO value at the precision said: "2026-01-19", "2026-02", "2019". */
  value: string;
}

export type QuantityQualifier = 'more_than' | 'less_than' | 'about' | 'up_to' | 'at_least' | 'dozens' | 'hundreds' | 'thousands';

export interface Quantity extends Span {
  text: string;
  value: number;
  /** The counted noun as written (e.g. "معتقل", "جنود"), when one follows the number. */
  unit?: string;
  qualifier?: QuantityQualifier;
}

export interface Message {
  /** The record id (input id or file path) the message is about. */
  input: string;
  stage: string;
  reason: string;
  /** A fatal message means the record could not be analysed at all. */
  fatal: boolean;
  start?: number;
  end?: number;
}

export interface Document {
  id: string;
  /** The record id, or the file path the article came from. */
  input: string;
  title: string;
  text: string;
  outlet: string | null;
  /** Publication date, ISO (YYYY-MM-DD or full timestamp), or null when unknown. */
  published: string | null;
  url: string | null;
  /** ISO 639-3 code from the language detector ("arb" for Arabic), or "und". */
  language: string;
  tokens: Token[];
  sentences: Sentence[];
  entities: EntityMention[];
  times: TimeMention[];
  quantities: Quantity[];
  messages: Message[];
}

/** An article as segmentation hands it to the annotators: provenance plus title and text. */
export interface ArticleDraft {
  input: string;
  title: string;
  text: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
}

export function newDocument(id: string, draft: ArticleDraft): Document {
  return {
    id,
    ...draft,
    language: 'und',
    tokens: [],
    sentences: [],
    entities: [],
    times: [],
    quantities: [],
    messages: [],
  };
}

/** The span's text; by construction `doc.text.slice(start, end)`. */
export function spanText(doc: { text: string }, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
