// Story knowledge: the article layers (events, claims) of many articles turned into one set of events, claims and
// contradictions, and each story's timeline, claims by speaker and contradictions.
// Input: analysed articles (tokens not needed) with their story and duplicate links. Output: AssembledKnowledge.
import { createHash } from 'node:crypto';
import type { ClaimMention, Document } from '../document.js';
import type { ClaimOut, ContradictionOut, EventOut, SpeakerClaimsOut } from '../output/analysis.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../kb/kb.js';
import { mergeEvents } from '../events/merge.js';
import { detectContradictions, sourceClaim } from '../contradictions/detect.js';

export interface AssemblyArticle {
  doc: Document;
  storyId: string | null;
  duplicateOf: string | null;
}

export interface StoryKnowledge {
  timeline: string[];
  claimsBySpeaker: SpeakerClaimsOut[];
  contradictions: string[];
}

export interface AssembledKnowledge {
  events: EventOut[];
  claims: ClaimOut[];
  contradictions: ContradictionOut[];
  stories: Map<string, StoryKnowledge>;
}

export function claimId(articleId: string, claim: ClaimMention): string {
  return 'c_' + createHash('sha256').update(`${articleId}|${claim.start}|${claim.end}|${claim.cueSpan.start}`).digest('hex').slice(0, 16);
}

export function toClaimOut(doc: Document, claim: ClaimMention): ClaimOut {
  return {
    id: claimId(doc.id, claim), speaker: claim.speaker, speakerText: claim.speakerText, unnamed: claim.unnamed,
    cue: claim.cue, text: doc.text.slice(claim.start, claim.end), articleId: doc.id, start: claim.start, end: claim.end,
    stance: claim.stance, about: claim.about,
  };
}

/** Articles in arrival order; events merge across articles whatever story they were placed in. */
export function assembleKnowledge(articles: readonly AssemblyArticle[], kb: KnowledgeBase = loadKnowledgeBase()): AssembledKnowledge {
  const merged = mergeEvents(articles, (inner, outer) => lies(inner, outer, kb));
  const claims: ClaimOut[] = [];
  const sourced = [];
  for (const { doc } of articles) {
    const place = mainPlace(doc, kb);
    for (const claim of doc.claims) {
      const out = toClaimOut(doc, claim);
      claims.push(out);
      sourced.push(sourceClaim(out, doc, place));
    }
  }
  const contradictions = detectContradictions(merged, sourced, kb);
  const events = merged.map((m) => m.event);
  return { events, claims, contradictions, stories: storyKnowledge(articles, events, claims, contradictions) };
}

/** Whether a place is, or lies within, another by the knowledge base's partOf chain. */
function lies(inner: string, outer: string, kb: KnowledgeBase): boolean {
  let at: string | undefined = inner;
  for (let depth = 0; at && depth < 6; depth++) {
    if (at === outer) return true;
    at = kb.getEntity(at)?.partOf;
  }
  return false;
}

/** The facility or sub-national place an article names most (what «السجن» and «المدينة» refer back to). */
function mainPlace(doc: Document, kb: KnowledgeBase): string | null {
  const counts = new Map<string, number>();
  for (const m of doc.entities) {
    if (m.type !== 'facility' && !(m.type === 'location' && kb.getEntity(m.entityId)?.partOf)) continue;
    counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + (m.type === 'facility' ? 2 : 1));
  }
  let best: string | null = null;
  for (const [id, n] of counts) if (best === null || n > counts.get(best)!) best = id;
  return best;
}

function storyKnowledge(articles: readonly AssemblyArticle[], events: EventOut[], claims: ClaimOut[], contradictions: ContradictionOut[]): Map<string, StoryKnowledge> {
  const storyOf = new Map<string, string>();
  for (const a of articles) if (a.storyId) storyOf.set(a.doc.id, a.storyId);
  const stories = new Map<string, StoryKnowledge>();
  const of = (storyId: string): StoryKnowledge => {
    let k = stories.get(storyId);
    if (!k) stories.set(storyId, (k = { timeline: [], claimsBySpeaker: [], contradictions: [] }));
    return k;
  };
  // Timeline: dated events by date (a month sorts before its days), then undated ones in order of first report.
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => {
    if (a.e.date && b.e.date && a.e.date !== b.e.date) return a.e.date < b.e.date ? -1 : 1;
    if (a.e.date && !b.e.date) return -1;
    if (!a.e.date && b.e.date) return 1;
    return a.i - b.i;
  });
  for (const { e } of ordered) {
    for (const storyId of new Set(e.articleIds.map((id) => storyOf.get(id)).filter((s): s is string => s !== undefined))) of(storyId).timeline.push(e.id);
  }
  const bySpeaker = new Map<string, Map<string, SpeakerClaimsOut>>();
  for (const c of claims) {
    const storyId = storyOf.get(c.articleId);
    if (!storyId) continue;
    const groups = bySpeaker.get(storyId) ?? new Map<string, SpeakerClaimsOut>();
    bySpeaker.set(storyId, groups);
    const key = c.speaker ?? `text:${c.speakerText}`;
    const group = groups.get(key) ?? { speaker: c.speaker, speakerText: c.speaker ? '' : c.speakerText, claims: [] };
    group.claims.push(c.id);
    groups.set(key, group);
  }
  for (const [storyId, groups] of bySpeaker) {
    of(storyId).claimsBySpeaker = [...groups.values()].sort((a, b) => b.claims.length - a.claims.length);
  }
  const articleOfClaim = new Map(claims.map((c) => [c.id, c.articleId]));
  const articlesOfEvent = new Map(events.map((e) => [e.id, e.articleIds]));
  for (const x of contradictions) {
    const articleIds = [...x.claims.map((id) => articleOfClaim.get(id)), ...x.events.flatMap((id) => articlesOfEvent.get(id) ?? [])];
    for (const storyId of new Set(articleIds.map((id) => (id ? storyOf.get(id) : undefined)).filter((s): s is string => s !== undefined))) {
      of(storyId).contradictions.push(x.id);
    }
  }
  return stories;
}
