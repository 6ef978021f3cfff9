// Contradictions: places where parties or outlets give incompatible accounts of one thing (docs/events.md).
// - numbers: one event, different figures (killed 5 in one report, 7 in another);
// - actors: the same change of control at one place credited to different parties by different articles;
// - denial: a party denies what another party's claim in the same article says («وهو أمر نفته قسد»);
// - accounts: two sides each blame the other over the same place or facility (the Shaddadi prison case).
// Input: merged events with their mentions, claims with their articles, the knowledge base. Output: ContradictionOut[].
import { createHash } from 'node:crypto';
import type { Document, EventCounts } from '../document.js';
import type { ClaimOut, ContradictionKind, ContradictionOut } from '../output/analysis.js';
import type { KnowledgeBase } from '../kb/kb.js';
import type { MergedEvent, SourcedMention } from '../events/merge.js';
import { sideOf } from './parties.js';

export interface SourcedClaim {
  claim: ClaimOut;
  outlet: string | null;
  published: string | null;
  /** Actors of the event mentions stated inside the claim. */
  eventActors: string[];
  /** Places of the event mentions stated inside the claim, and the article's main place. */
  eventPlaces: string[];
}

/** Claims compared per topic (the most recent ones). */
const TOPIC_LIMIT = 60;
const ACCOUNT_DAYS = 10;
const BLAMING: ReadonlySet<string> = new Set(['accuse', 'deny', 'reject', 'warn']);
/** Events whose actor is blamed by whoever reports them. */
const BLAME_EVENTS: ReadonlySet<string> = new Set(['assault', 'coerce', 'accuse']);

export function detectContradictions(events: readonly MergedEvent[], claims: readonly SourcedClaim[], kb: KnowledgeBase): ContradictionOut[] {
  const name = (id: string): string => kb.getEntity(id)?.name.en ?? id.replace(/^new:[a-z]+:/, '');
  const out: ContradictionOut[] = [];
  // Claims by article: an export over the whole store must not compare every event mention with every claim.
  const claimsOfArticle = new Map<string, SourcedClaim[]>();
  for (const c of claims) {
    const list = claimsOfArticle.get(c.claim.articleId) ?? [];
    list.push(c);
    claimsOfArticle.set(c.claim.articleId, list);
  }
  const claimsIn = (mentions: readonly SourcedMention[]): string[] => {
    const ids = new Set<string>();
    for (const m of mentions) {
      for (const c of claimsOfArticle.get(m.articleId) ?? []) {
        if (c.claim.start <= m.mention.trigger.start && m.mention.trigger.start < c.claim.end) ids.add(c.claim.id);
      }
    }
    return [...ids];
  };
  for (const merged of events) out.push(...numberConflicts(merged, name, claimsIn));
  out.push(...controlConflicts(events, name, claimsIn));
  out.push(...denials(claims, name));
  out.push(...mutualBlame(claims, kb, name));
  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

function contradiction(kind: ContradictionKind, claims: string[], events: string[], topic: string, explanation: string): ContradictionOut {
  const key = [kind, ...[...claims].sort(), ...[...events].sort()].join('|');
  return { id: 'x_' + createHash('sha256').update(key).digest('hex').slice(0, 16), kind, claims, events, topic, explanation };
}

function numberConflicts(merged: MergedEvent, name: (id: string) => string, claimsIn: (m: readonly SourcedMention[]) => string[]): ContradictionOut[] {
  const out: ContradictionOut[] = [];
  for (const key of ['killed', 'injured', 'detained', 'released', 'escaped', 'transferred'] as (keyof EventCounts)[]) {
    const byValue = new Map<number, SourcedMention[]>();
    for (const m of merged.mentions) {
      const v = m.mention.counts[key];
      if (v !== undefined) byValue.set(v, [...(byValue.get(v) ?? []), m]);
    }
    if (byValue.size < 2) continue;
    const sides = [...byValue.entries()].sort((a, b) => a[0] - b[0]);
    const said = sides.map(([v, ms]) => `${v} (${[...new Set(ms.map((m) => m.outlet ?? m.mention.attribution ?? m.articleId))].join(', ')})`).join(' vs ');
    const e = merged.event;
    const topic = `${key} in ${e.type}${e.location ? ' at ' + name(e.location) : ''}${e.date ? ' on ' + e.date : ''}`;
    out.push(contradiction('numbers', claimsIn(merged.mentions), [e.id], topic, `Reports give different numbers ${key}: ${said}.`));
  }
  return out;
}

/** Changes of control at one place, at compatible times, whose actors belong to different sides. */
function controlConflicts(events: readonly MergedEvent[], name: (id: string) => string, claimsIn: (m: readonly SourcedMention[]) => string[]): ContradictionOut[] {
  const byPlace = new Map<string, MergedEvent[]>();
  for (const merged of events) {
    const e = merged.event;
    if (!e.qualifiers.includes('territory') || !e.location || e.actors.length === 0 || e.status !== 'reported') continue;
    const key = `${e.type}|${e.mode ?? ''}|${e.location}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), merged]);
  }
  const out: ContradictionOut[] = [];
  for (const group of byPlace.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i].event;
        const b = group[j].event;
        if (a.date && b.date && !(a.date.startsWith(b.date) || b.date.startsWith(a.date))) continue;
        const sidesA = new Set(a.actors.map(sideOf));
        if (b.actors.some((id) => sidesA.has(sideOf(id)))) continue;
        const verb = a.type === 'retreat' ? 'lost control of' : 'took control of';
        out.push(contradiction('actors', [...claimsIn(group[i].mentions), ...claimsIn(group[j].mentions)], [a.id, b.id], `control of ${name(a.location!)}`,
          `Reports disagree on who ${verb} ${name(a.location!)}: ${a.actors.map(name).join(', ')} in one account, ${b.actors.map(name).join(', ')} in another.`));
      }
    }
  }
  return out;
}

/** A denial and the claims of other speakers whose statement it covers, in the same article. */
function denials(claims: readonly SourcedClaim[], name: (id: string) => string): ContradictionOut[] {
  const out: ContradictionOut[] = [];
  for (const d of claims) {
    if (d.claim.stance !== 'deny') continue;
    const denied = claims.filter((c) => c !== d && c.claim.articleId === d.claim.articleId && c.claim.stance !== 'deny'
      && c.claim.start < d.claim.end && d.claim.start < c.claim.end && speakerKey(c.claim) !== speakerKey(d.claim));
    if (denied.length === 0) continue;
    const who = (c: ClaimOut): string => (c.speaker ? name(c.speaker) : c.speakerText || 'an unnamed source');
    const topic = d.claim.text.length > 80 ? d.claim.text.slice(0, 80) + '…' : d.claim.text;
    out.push(contradiction('denial', [...denied.map((c) => c.claim.id), d.claim.id], [], topic,
      `${who(d.claim)} denies what ${denied.map((c) => who(c.claim)).join(' and ')} said.`));
  }
  return out;
}

function speakerKey(c: ClaimOut): string {
  return c.speaker ? sideOf(c.speaker) : c.speakerText;
}

/** Two sides each blaming the other over the same place, within days of each other. */
function mutualBlame(claims: readonly SourcedClaim[], kb: KnowledgeBase, name: (id: string) => string): ContradictionOut[] {
  const byTopic = new Map<string, SourcedClaim[]>();
  for (const c of claims) {
    if (!c.claim.speaker) continue;
    for (const topic of topicsOf(c, kb)) {
      const list = byTopic.get(topic) ?? [];
      list.push(c);
      if (list.length > TOPIC_LIMIT) list.shift();
      byTopic.set(topic, list);
    }
  }
  // One contradiction per place and pair of sides, listing every claim of either side that blames the other.
  const found = new Map<string, { topic: string; sides: [string, string]; speakers: Set<string>; claims: Set<string> }>();
  for (const [topic, list] of byTopic) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const sideA = sideOf(a.claim.speaker!);
        const sideB = sideOf(b.claim.speaker!);
        if (sideA === sideB || !closeInTime(a, b)) continue;
        if (!(blames(a, sideB) && (blames(b, sideA) || b.claim.stance === 'deny'))
          && !(blames(b, sideA) && (blames(a, sideB) || a.claim.stance === 'deny'))) continue;
        const sides = [sideA, sideB].sort() as [string, string];
        const key = `${topic}|${sides.join('|')}`;
        const entry = found.get(key) ?? { topic, sides, speakers: new Set<string>(), claims: new Set<string>() };
        for (const c of [a, b]) {
          entry.claims.add(c.claim.id);
          entry.speakers.add(c.claim.speaker!);
        }
        found.set(key, entry);
      }
    }
  }
  // A facility and its town name the same incident: keep the facility's entry when both were found.
  const out: ContradictionOut[] = [];
  const covered = new Set<string>();
  const entries = [...found.values()].sort((x, y) => Number(kb.getEntity(y.topic)?.type === 'facility') - Number(kb.getEntity(x.topic)?.type === 'facility'));
  for (const e of entries) {
    const claimKey = [...e.claims].sort().join('|');
    if (covered.has(claimKey)) continue;
    covered.add(claimKey);
    const bySide = (side: string): string => [...e.speakers].filter((id) => sideOf(id) === side).map(name).join(', ');
    out.push(contradiction('accounts', [...e.claims], [], name(e.topic),
      `${bySide(e.sides[0])} and ${bySide(e.sides[1])} give incompatible accounts of ${name(e.topic)}, each side blaming the other.`));
  }
  return out;
}

/** Places and facilities a claim is about (a facility also counts as its town); countries are too broad. */
function topicsOf(c: SourcedClaim, kb: KnowledgeBase): Set<string> {
  const topics = new Set<string>();
  for (const id of [...c.claim.about, ...c.eventPlaces]) {
    const entity = kb.getEntity(id);
    const type = entity?.type ?? (id.startsWith('new:facility') ? 'facility' : id.startsWith('new:location') ? 'location' : null);
    if (type === 'facility') {
      topics.add(id);
      if (entity?.partOf) topics.add(entity.partOf);
    } else if (type === 'location' && entity?.partOf && sideOf(id) === id) topics.add(id);
  }
  return topics;
}

function blames(c: SourcedClaim, side: string): boolean {
  if (c.eventActors.some((id) => sideOf(id) === side)) return true;
  return BLAMING.has(c.claim.stance) && c.claim.about.some((id) => sideOf(id) === side);
}

function closeInTime(a: SourcedClaim, b: SourcedClaim): boolean {
  if (!a.published || !b.published) return true;
  return Math.abs(Date.parse(a.published.slice(0, 10)) - Date.parse(b.published.slice(0, 10))) <= ACCOUNT_DAYS * 86_400_000;
}

/** The claim with what the article's events inside it say: who is blamed for what, and where. */
/** A document's events by trigger position, computed once per document (sourceClaim runs once per claim). */
const eventsByTrigger = new WeakMap<Document, Document['events']>();

/** Events whose trigger lies in [start, end): binary search, so an article dense with claims and events stays linear. */
function eventsWithin(doc: Document, start: number, end: number): Document['events'] {
  let sorted = eventsByTrigger.get(doc);
  if (!sorted) eventsByTrigger.set(doc, (sorted = [...doc.events].sort((a, b) => a.trigger.start - b.trigger.start)));
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].trigger.start < start) lo = mid + 1;
    else hi = mid;
  }
  const inside = [];
  // The sort is stable and the event stage lists events in text order, so this is the list's own order.
  for (let i = lo; i < sorted.length && sorted[i].trigger.start < end; i++) inside.push(sorted[i]);
  return inside;
}

export function sourceClaim(claim: ClaimOut, doc: Document, mainPlace: string | null): SourcedClaim {
  const inside = eventsWithin(doc, claim.start, claim.end);
  return {
    claim, outlet: doc.outlet, published: doc.published,
    eventActors: inside.filter((e) => BLAME_EVENTS.has(e.type)).flatMap((e) => e.actors),
    eventPlaces: [...inside.map((e) => e.location).filter((l): l is string => l !== null), ...(mainPlace ? [mainPlace] : [])],
  };
}
