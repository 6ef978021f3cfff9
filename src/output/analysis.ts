// The stable JSON contract of `marsad analyze --json` (docs/output.md, docs/output.schema.json).
// Input: annotated articles with their story and duplicate links. Output: one AnalysisOutput document.
import type { AssembledKnowledge, StoryKnowledge } from '../knowledge/assemble.js';
import type { ClaimStance, Document, EntityType, EventCounts, PloverType, QuantityQualifier } from '../document.js';

export interface ArticleOut {
  id: string;
  input: string;
  title: string;
  text: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string;
  storyId: string | null;
  duplicateOf: string | null;
}

export interface MentionOut {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

export interface EntityOut {
  id: string;
  type: EntityType;
  name: { ar: string; en: string };
  coordinates?: [number, number];
  mentions: MentionOut[];
}

export interface TimeOut extends MentionOut {
  value: string;
}

export interface QuantityOut extends MentionOut {
  value: number;
  unit?: string;
  qualifier?: QuantityQualifier;
}

export interface EvidenceOut {
  articleId: string;
  start: number;
  end: number;
  text: string;
}

/** One real-world event, however many articles report it (src/events/merge.ts). */
export interface EventOut {
  id: string;
  type: PloverType;
  mode?: string;
  context?: string;
  qualifiers: string[];
  status: 'reported' | 'planned';
  actors: string[];
  recipients: string[];
  location: string | null;
  date: string | null;
  counts: EventCounts;
  articleIds: string[];
  evidence: EvidenceOut[];
  attribution: string | null;
}

export interface ClaimOut {
  id: string;
  speaker: string | null;
  speakerText: string;
  unnamed: boolean;
  cue: string;
  text: string;
  articleId: string;
  start: number;
  end: number;
  stance: ClaimStance;
  about: string[];
}

export type ContradictionKind = 'accounts' | 'numbers' | 'denial' | 'actors';

/** Incompatible accounts of one thing by different parties or outlets (src/contradictions/). */
export interface ContradictionOut {
  id: string;
  kind: ContradictionKind;
  claims: string[];
  events: string[];
  topic: string;
  explanation: string;
}

export interface SpeakerClaimsOut {
  speaker: string | null;
  speakerText: string;
  claims: string[];
}

/** What the story stage says about a story; the knowledge stage adds the rest of StoryOut. */
export interface StoryBasics {
  id: string;
  title: string;
  summary: string;
  articleIds: string[];
}

/** A story's basics, with its own copy of the article ids (the story stage keeps mutating its list). */
export function storyBasics(story: { id: string; title: string; summary: string; articleIds: readonly string[] }): StoryBasics {
  return { id: story.id, title: story.title, summary: story.summary, articleIds: [...story.articleIds] };
}

export interface StoryOut extends StoryBasics {
  /** Event ids in time order (undated events last, in order of first report). */
  timeline: string[];
  /** The story's claims grouped by speaker, most quoted speaker first. */
  claimsBySpeaker: SpeakerClaimsOut[];
  contradictions: string[];
}

export interface ErrorOut {
  input: string;
  reason: string;
  stage?: string;
}

export interface AnalysisOutput {
  articles: ArticleOut[];
  entities: EntityOut[];
  times: TimeOut[];
  quantities: QuantityOut[];
  events: EventOut[];
  claims: ClaimOut[];
  contradictions: ContradictionOut[];
  stories: StoryOut[];
  errors: ErrorOut[];
}

/** One analysed article with the links the story stage gave it. */
export interface AnalysedArticle {
  doc: Document;
  storyId: string | null;
  duplicateOf: string | null;
}

export interface EntityDescription {
  id: string;
  type: EntityType;
  name: { ar: string; en: string };
  coordinates?: [number, number];
}

/** Collects analysed articles in arrival order and renders the contract document. */
export class AnalysisCollector {
  private readonly articles: ArticleOut[] = [];
  private readonly entities = new Map<string, EntityOut>();
  private readonly times: TimeOut[] = [];
  private readonly quantities: QuantityOut[] = [];
  private readonly errors: ErrorOut[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly describe: (entityId: string, type: EntityType) => EntityDescription) {}

  /** Adds an article once: the same input given twice yields the same id and one entry. */
  addArticle({ doc, storyId, duplicateOf }: AnalysedArticle): void {
    if (this.seen.has(doc.id)) return;
    this.seen.add(doc.id);
    this.articles.push({
      id: doc.id, input: doc.input, title: doc.title, text: doc.text, outlet: doc.outlet,
      published: doc.published, url: doc.url, language: doc.language, storyId, duplicateOf,
    });
    for (const m of doc.entities) {
      let entity = this.entities.get(m.entityId);
      if (!entity) {
        entity = { ...this.describe(m.entityId, m.type), mentions: [] };
        this.entities.set(m.entityId, entity);
      }
      entity.mentions.push({ articleId: doc.id, start: m.start, end: m.end, text: m.text });
    }
    for (const t of doc.times) this.times.push({ articleId: doc.id, start: t.start, end: t.end, text: t.text, value: t.value });
    for (const q of doc.quantities) {
      const out: QuantityOut = { articleId: doc.id, start: q.start, end: q.end, text: q.text, value: q.value };
      if (q.unit) out.unit = q.unit;
      if (q.qualifier) out.qualifier = q.qualifier;
      this.quantities.push(out);
    }
    for (const msg of doc.messages) if (msg.fatal) this.errors.push({ input: msg.input, reason: msg.reason, stage: msg.stage });
  }

  addError(error: ErrorOut): void {
    this.errors.push(error);
  }

  /**
   * The contract document. `stories` are those holding at least one article of this run; `knowledge` holds the events,
   * claims and contradictions of those stories (which may cite articles stored by earlier runs).
   */
  render(stories: StoryBasics[], knowledge: AssembledKnowledge): AnalysisOutput {
    // Entities that events and claims name but no article of this run mentions are listed too, without mentions.
    const referenced = [
      ...knowledge.events.flatMap((e) => [...e.actors, ...e.recipients, ...(e.location ? [e.location] : []), ...(e.attribution ? [e.attribution] : [])]),
      ...knowledge.claims.flatMap((c) => [...(c.speaker ? [c.speaker] : []), ...c.about]),
    ];
    for (const id of referenced) {
      if (!this.entities.has(id)) this.entities.set(id, { ...this.describe(id, 'misc'), mentions: [] });
    }
    const entities = [...this.entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const empty: StoryKnowledge = { timeline: [], claimsBySpeaker: [], contradictions: [] };
    return {
      articles: this.articles,
      entities,
      times: this.times,
      quantities: this.quantities,
      events: knowledge.events,
      claims: knowledge.claims,
      contradictions: knowledge.contradictions,
      stories: stories.map((s) => ({ ...s, ...(knowledge.stories.get(s.id) ?? empty) })),
      errors: this.errors,
    };
  }
}
