// Test support: hand-built analysis documents for the export writers (entities described by the knowledge base).
// Input: events and articles. Output: an AnalysisOutput holding them and the entities they name.
import { describeEntity } from '../annotate/entities.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import type { AnalysisOutput, ArticleOut, EntityOut, EventOut } from '../output/analysis.js';

export function article(id: string, fields: Partial<ArticleOut> = {}): ArticleOut {
  return {
    id, input: id, title: 'عنوان', text: '', outlet: 'وكالة الشام', published: '2026-01-21', url: `https://example.org/${id}`,
    language: 'arb', storyId: 's_' + id, duplicateOf: null, ...fields,
  };
}

let serial = 0;

/** An event with the defaults of a plain dated report in article a_1; `fields` override. */
export function event(fields: Partial<EventOut>): EventOut {
  serial += 1;
  return {
    id: `ev_${serial}`, type: 'assault', qualifiers: [], status: 'reported', actors: [], recipients: [], location: null,
    date: '2026-01-19', counts: {}, articleIds: ['a_1'], evidence: [{ articleId: 'a_1', start: 0, end: 10, text: 'سيطر الجيش على المدينة' }],
    attribution: null, ...fields,
  };
}

/** The document with `events`, `articles` (a_1 by default) and every entity the events name, described by the KB. */
export function outputWith(events: EventOut[], articles: ArticleOut[] = [article('a_1')], mentions: EntityOut['mentions'][] = []): AnalysisOutput {
  const kb = loadKnowledgeBase();
  const ids = new Set(events.flatMap((e) => [...e.actors, ...e.recipients, ...(e.location ? [e.location] : [])]));
  const entities: EntityOut[] = [...ids].sort().map((id, i) => ({ ...describeEntity(kb, id), mentions: mentions[i] ?? [] }));
  return { articles, entities, times: [], quantities: [], events, claims: [], contradictions: [], stories: [], errors: [] };
}
