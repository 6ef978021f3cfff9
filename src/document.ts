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

/** The 16 event types of PLOVER (src/events/data/plover.json, docs/events.md), lowercase. */
export type PloverType =
  | 'agree' | 'consult' | 'support' | 'concede' | 'cooperate' | 'aid' | 'retreat' | 'request'
  | 'accuse' | 'reject' | 'threaten' | 'protest' | 'sanction' | 'mobilize' | 'coerce' | 'assault';

/** How many people an event touched, as the text says (from the quantities layer). */
export interface EventCounts {
  killed?: number;
  injured?: number;
  detained?: number;
  released?: number;
  escaped?: number;
  transferred?: number;
  displaced?: number;
}

/** One event as one article states it; the span is the clause that states it (the evidence). */
export interface EventMention extends Span {
  type: PloverType;
  /** PLOVER mode of the type (how), e.g. "ceasefire" for agree. */
  mode?: string;
  /** PLOVER context value (why/what about), e.g. "terrorism". */
  context?: string;
  /** Marsad qualifiers (docs/events.md): distinctions PLOVER does not make, e.g. "territory", "ceasefire". */
  qualifiers: string[];
  /** The word(s) that state the event ("اتصالاً هاتفياً", "السيطرة"). */
  trigger: Span;
  /** Entity ids of who did it, and of whom it was done to or with. */
  actors: string[];
  recipients: string[];
  /** Entity id of where it happened (a place or facility). */
  location: string | null;
  /** ISO date (or month/year) of the event itself, not of the article. */
  date: string | null;
  counts: EventCounts;
  /** Entity id of whoever the article credits for the report ("بحسب بيان للرئاسة السورية"), when named. */
  attribution: string | null;
  /** "planned": announced for the future ("سيجتمع غداً"); "reported": happened or is happening. */
  status: 'reported' | 'planned';
}

export type ClaimStance = 'assert' | 'deny' | 'accuse' | 'warn' | 'reject' | 'demand';

/** One attributed statement; the span is what was said (the reported content, quoted or not). */
export interface ClaimMention extends Span {
  /** Entity id of the speaker, or null for an unnamed or unresolved source. */
  speaker: string | null;
  /** The speaker as written ("الحكومة السورية", "مصادر حكومية"), or "" when only a pronoun or verb agreement names it. */
  speakerText: string;
  /** True for unnamed sources ("مصادر حكومية لرويترز", "مسؤولون"). */
  unnamed: boolean;
  /** The reporting cue as written ("قالت", "بحسب", "نفته") and where. */
  cue: string;
  cueSpan: Span;
  stance: ClaimStance;
  /** Entity ids the statement is about (mentioned in its content). */
  about: string[];
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
  claims: ClaimMention[];
  events: EventMention[];
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
    claims: [],
    events: [],
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
