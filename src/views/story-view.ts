// Story views: a story's list entry and page (src/serve/api-types.ts) built once from its articles and the assembled
// knowledge, so serving a story is reading one row. Pure: the store writes what this returns.
// Input: the stories, their articles (tokens not needed), the knowledge assembled over them, entity descriptions.
// Output: StoryViewRecord[] (JSON documents, search text, event rows).
import type { AssembledKnowledge, AssemblyArticle } from '../knowledge/assemble.js';
import type { ClaimOut, ContradictionOut, EventOut, StoryBasics } from '../output/analysis.js';
import type {
  ActivityPoint, ArticleSummary, ContradictionDetail, EntityRef, SpeakerClaims, StoryDetail, StoryEntity, StorySummary, ViewEvent,
} from '../serve/api-types.js';
import type { StoryEventRow, StoryViewRecord } from '../store/serving.js';
import { searchForms } from './search-text.js';

/** A story's view as built; the store's record adds the state version it was built from (src/views/publish.ts). */
export type BuiltStoryView = Omit<StoryViewRecord, 'stateVersion'>;

const EXCERPT_LENGTH = 180;
const TOP_ENTITIES = 5;
/**
 * Bounds of a story page, so a story of thousands of articles is still one quick read (the rest is paged through
 * GET /api/articles?storyId= and GET /api/events?storyId=). A capped list says how long it was.
 */
export const PAGE_LIMITS = { entities: 60, articles: 50, timeline: 120, evidence: 2, eventArticles: 5, speakers: 20, claimsPerSpeaker: 5, contradictions: 40, contradictionClaims: 6, contradictionEvents: 4 };

export type Describe = (entityId: string) => EntityRef;

/** The first words of a text, cut at a space. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.lastIndexOf(' ', length);
  return flat.slice(0, cut > length / 2 ? cut : length) + '…';
}

function day(published: string | null): string | null {
  return published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null;
}

function byPublished(a: AssemblyArticle, b: AssemblyArticle): number {
  const pa = a.doc.published ?? '';
  const pb = b.doc.published ?? '';
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function eventEntityIds(e: EventOut): string[] {
  return [...e.actors, ...e.recipients, ...(e.location ? [e.location] : []), ...(e.attribution ? [e.attribution] : [])];
}

function claimEntityIds(c: ClaimOut): string[] {
  return [...(c.speaker ? [c.speaker] : []), ...c.about];
}

export function buildStoryViews(
  stories: readonly StoryBasics[],
  articles: readonly AssemblyArticle[],
  knowledge: AssembledKnowledge,
  describe: Describe,
  /** When an article last joined each story (the store's stories.updated_at). */
  updatedAt: (storyId: string) => string,
): BuiltStoryView[] {
  const articleById = new Map(articles.map((a) => [a.doc.id, a]));
  const eventById = new Map(knowledge.events.map((e) => [e.id, e]));
  const claimById = new Map(knowledge.claims.map((c) => [c.id, c]));
  const contradictionById = new Map(knowledge.contradictions.map((x) => [x.id, x]));
  const described = new Map<string, EntityRef>();
  const ref = (id: string): EntityRef => {
    let r = described.get(id);
    if (!r) described.set(id, (r = describe(id)));
    return r;
  };
  return stories.map((story) => {
    const members = story.articleIds.map((id) => articleById.get(id)).filter((a): a is AssemblyArticle => a !== undefined).sort(byPublished);
    const known = knowledge.stories.get(story.id) ?? { timeline: [], claimsBySpeaker: [], contradictions: [] };
    const allEvents = known.timeline.map((id) => eventById.get(id)).filter((e): e is EventOut => e !== undefined);
    const timeline = mostReported(allEvents, PAGE_LIMITS.timeline).map(viewEvent);
    const claimsBySpeaker: SpeakerClaims[] = known.claimsBySpeaker.slice(0, PAGE_LIMITS.speakers).map((group) => ({
      speaker: group.speaker, speakerText: group.speakerText, total: group.claims.length,
      claims: group.claims.slice(0, PAGE_LIMITS.claimsPerSpeaker).map((id) => claimById.get(id)).filter((c): c is ClaimOut => c !== undefined),
    }));
    const contradictions: ContradictionDetail[] = known.contradictions
      .map((id) => contradictionById.get(id))
      .filter((x): x is ContradictionOut => x !== undefined)
      .slice(0, PAGE_LIMITS.contradictions)
      .map((x) => ({
        id: x.id, kind: x.kind, topic: x.topic, explanation: x.explanation,
        claims: x.claims.slice(0, PAGE_LIMITS.contradictionClaims).map((id) => claimById.get(id)).filter((c): c is ClaimOut => c !== undefined),
        events: x.events.slice(0, PAGE_LIMITS.contradictionEvents).map((id) => eventById.get(id)).filter((e): e is EventOut => e !== undefined).map(viewEvent),
      }));
    const entities = storyEntities(members, ref);
    const summary = storySummary(story, members, updatedAt(story.id), allEvents.length, known.contradictions.length, entities);
    const entityIndex: Record<string, EntityRef> = {};
    const referenced = [
      ...timeline.flatMap(eventEntityIds),
      ...claimsBySpeaker.flatMap((g) => g.claims.flatMap(claimEntityIds)),
      ...contradictions.flatMap((x) => [...x.claims.flatMap(claimEntityIds), ...x.events.flatMap(eventEntityIds)]),
      ...entities.map((e) => e.entity.id),
    ];
    for (const id of referenced) entityIndex[id] ??= ref(id);
    const detail: StoryDetail = {
      ...summary,
      // The latest articles when there are more than a page holds.
      articles: members.slice(-PAGE_LIMITS.articles).map(articleSummary),
      articlesTotal: members.length,
      timeline, timelineTotal: allEvents.length, claimsBySpeaker, contradictions, entities, entityIndex,
    };
    const events: StoryEventRow[] = allEvents.map(viewEvent).map((e) => {
      const place = e.location ? ref(e.location) : null;
      return {
        eventId: e.id, type: e.type, date: e.date, location: e.location,
        lon: place?.coordinates?.[0] ?? null, lat: place?.coordinates?.[1] ?? null, eventJson: JSON.stringify(e),
      };
    });
    return {
      storyId: story.id, updatedAt: summary.updatedAt, firstPublished: summary.firstPublished, lastPublished: summary.lastPublished,
      summaryJson: JSON.stringify(summary), detailJson: JSON.stringify(detail),
      search: { title: searchForms(story.title), summary: searchForms(story.summary) },
      events,
    };
  });
}

/** An event as pages show it: the first evidence passages and article ids, with the number of reports. */
export function viewEvent(e: EventOut): ViewEvent {
  return { ...e, articleIds: e.articleIds.slice(0, PAGE_LIMITS.eventArticles), evidence: e.evidence.slice(0, PAGE_LIMITS.evidence), reportCount: e.articleIds.length };
}

/** At most `limit` events, the most reported ones, kept in their time order. */
function mostReported(events: readonly EventOut[], limit: number): EventOut[] {
  if (events.length <= limit) return [...events];
  const keep = new Set(events.map((e, i) => ({ e, i })).sort((a, b) => b.e.articleIds.length - a.e.articleIds.length || a.i - b.i).slice(0, limit).map((x) => x.e));
  return events.filter((e) => keep.has(e));
}

export function articleSummary({ doc, storyId, duplicateOf }: AssemblyArticle): ArticleSummary {
  return { id: doc.id, title: doc.title, outlet: doc.outlet, published: doc.published, url: doc.url, storyId, duplicateOf, excerpt: excerpt(doc.text) };
}

function storyEntities(members: readonly AssemblyArticle[], ref: Describe): StoryEntity[] {
  const counts = new Map<string, { mentions: number; articles: Set<string> }>();
  for (const { doc } of members) {
    for (const m of doc.entities) {
      const c = counts.get(m.entityId) ?? { mentions: 0, articles: new Set<string>() };
      c.mentions++;
      c.articles.add(doc.id);
      counts.set(m.entityId, c);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].mentions - a[1].mentions || b[1].articles.size - a[1].articles.size || (a[0] < b[0] ? -1 : 1))
    .slice(0, PAGE_LIMITS.entities)
    .map(([id, c]) => ({ entity: ref(id), mentions: c.mentions, articles: c.articles.size }));
}

function storySummary(story: StoryBasics, members: readonly AssemblyArticle[], updatedAt: string, eventCount: number, contradictionCount: number, entities: StoryEntity[]): StorySummary {
  const outletCounts = new Map<string, number>();
  const perDay = new Map<string, number>();
  for (const { doc } of members) {
    if (doc.outlet) outletCounts.set(doc.outlet, (outletCounts.get(doc.outlet) ?? 0) + 1);
    const d = day(doc.published);
    if (d) perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const published = members.map((a) => a.doc.published).filter((p): p is string => p !== null).sort();
  const activity: ActivityPoint[] = [...perDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, count]) => ({ date, count }));
  return {
    id: story.id, title: story.title, summary: story.summary,
    articleCount: story.articleIds.length,
    sourceCount: outletCounts.size,
    outlets: [...outletCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([o]) => o),
    firstPublished: published[0] ?? null,
    lastPublished: published[published.length - 1] ?? null,
    updatedAt,
    activity, eventCount, contradictionCount,
    topEntities: entities.slice(0, TOP_ENTITIES).map((e) => e.entity),
  };
}
