// Facts both event writers need from the analysis document: the articles and entities an event cites, and its day.
// Input: an AnalysisOutput. Output: lookups and small derived values.
import type { AnalysisOutput, ArticleOut, EntityOut, EventOut } from '../output/analysis.js';

export interface EventLookup {
  articles: ReadonlyMap<string, ArticleOut>;
  entities: ReadonlyMap<string, EntityOut>;
}

export function eventLookup(output: AnalysisOutput): EventLookup {
  return {
    articles: new Map(output.articles.map((a) => [a.id, a])),
    entities: new Map(output.entities.map((e) => [e.id, e])),
  };
}

/** The event's articles that the document lists, in the event's order. */
export function eventArticles(event: EventOut, lookup: EventLookup): ArticleOut[] {
  return event.articleIds.map((id) => lookup.articles.get(id)).filter((a): a is ArticleOut => a !== undefined);
}

export interface EventDay {
  /** YYYY-MM-DD, or null when neither the event nor its articles give a day. */
  day: string | null;
  /** 'event': the event's own date; 'published': the earliest publication day of its articles. */
  from: 'event' | 'published' | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * The event's date at day precision; when the text gives none (or only a month or year), the day it was first reported,
 * which is what event datasets record when they know no better (ACLED's time precision 2–3).
 */
export function eventDay(event: EventOut, lookup: EventLookup): EventDay {
  if (event.date && DAY.test(event.date)) return { day: event.date.slice(0, 10), from: 'event' };
  const published = eventArticles(event, lookup)
    .map((a) => a.published)
    .filter((p): p is string => p !== null && DAY.test(p))
    .map((p) => p.slice(0, 10))
    .sort();
  return published.length > 0 ? { day: published[0], from: 'published' } : { day: null, from: null };
}

export function englishName(entityId: string, lookup: EventLookup): string {
  const entity = lookup.entities.get(entityId);
  return entity ? entity.name.en || entity.name.ar || entityId : entityId;
}

/** Outlets of the event's articles, each once, in the event's article order. */
export function eventOutlets(event: EventOut, lookup: EventLookup): string[] {
  return [...new Set(eventArticles(event, lookup).map((a) => a.outlet).filter((o): o is string => o !== null && o !== ''))];
}
