// The stable JSON contract of `marsad analyze --json` (docs/output.md, docs/output.schema.json).
// Input: annotated articles with their story and duplicate links. Output: one AnalysisOutput document.
import type { Document, EntityType, QuantityQualifier } from '../document.js';

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

export interface StoryOut {
  id: string;
  title: string;
  summary: string;
  articleIds: string[];
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

  /** The contract document; `stories` are those holding at least one article of this run. */
  render(stories: StoryOut[]): AnalysisOutput {
    const entities = [...this.entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      articles: this.articles,
      entities,
      times: this.times,
      quantities: this.quantities,
      stories,
      errors: this.errors,
    };
  }
}
