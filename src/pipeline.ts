// The pipeline, in order: the one file that shows the flow from a raw page to an annotated article.
// raw page → clean and segment → per article: language → tokens/sentences → times → quantities → entities → claims → events.
import type { ArticleDraft, Document } from './document.js';
import { newDocument } from './document.js';
import { detectLanguage, isArabic } from './annotate/language.js';
import { annotateTextLayer } from './annotate/text-layer.js';
import { annotateTimes } from './annotate/times.js';
import { annotateQuantities } from './annotate/quantities.js';
import { annotateEntities } from './annotate/entities.js';
import { annotateClaims } from './claims/claims.js';
import { annotateEvents } from './events/extract.js';
import { loadKnowledgeBase, type KnowledgeBase } from './kb/kb.js';
import { loadTagger, type NerTagger } from './ner/tagger.js';
import { articleId } from './stories/ids.js';

/** What the stages share: loaded once per process, read-only afterwards. */
export interface PipelineContext {
  kb: KnowledgeBase;
  /** The learned entity recogniser; null runs the knowledge base and rules alone. */
  tagger: NerTagger | null;
  /** Run the claims and events layers (the benchmark switches them off to measure their cost). */
  knowledge: boolean;
}

export interface PipelineOptions {
  /** Use the learned entity recogniser (default: yes, when the build ships a model). */
  ner?: boolean;
  /** Extract claims and events (default: yes). */
  knowledge?: boolean;
}

export function createPipelineContext(options: PipelineOptions = {}): PipelineContext {
  return { kb: loadKnowledgeBase(), tagger: options.ner === false ? null : loadTagger(), knowledge: options.knowledge !== false };
}

/** A stage reads earlier layers of the Document and returns it with its own layer added. */
export interface Stage {
  /** The layer it adds (the benchmark reports each layer's cost under this name). */
  name: string;
  /** Claims and events: skipped when the context's `knowledge` is off. */
  knowledge?: boolean;
  run: (doc: Document, context: PipelineContext) => Document;
}

/** The Arabic layers, in order; each stage only reads layers added before it. */
export const ARABIC_STAGES: readonly Stage[] = [
  { name: 'tokens and sentences', run: (doc) => annotateTextLayer(doc) },
  { name: 'times', run: (doc) => annotateTimes(doc) },
  { name: 'quantities', run: (doc) => annotateQuantities(doc) },
  { name: 'entities', run: (doc, context) => annotateEntities(doc, context.kb, context.tagger) },
  { name: 'claims', knowledge: true, run: (doc, context) => annotateClaims(doc, context.kb) },
  { name: 'events', knowledge: true, run: (doc, context) => annotateEvents(doc, context.kb) },
];

/** Annotates one article. Non-Arabic articles keep their language and skip the Arabic layers. */
export function annotateArticle(draft: ArticleDraft, context: PipelineContext, id: string = articleId(draft)): Document {
  let doc = detectLanguage(newDocument(id, draft));
  if (!isArabic(doc)) return doc;
  for (const stage of ARABIC_STAGES) if (context.knowledge || !stage.knowledge) doc = stage.run(doc, context);
  return doc;
}
