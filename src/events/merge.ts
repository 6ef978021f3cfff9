// One event per real-world happening: event mentions of many articles (and repeated mentions within one) that agree
// on type, time and participants or place become one EventOut with all their articles and evidence.
// Input: articles in arrival order with their event mentions. Output: EventOut[] in order of first report, and the
// mentions behind each event (the contradiction stage compares them).
import { createHash } from 'node:crypto';
import type { EventMention } from '../document.js';
import type { EventOut } from '../output/analysis.js';
import type { AssemblyArticle } from '../knowledge/assemble.js';

export interface SourcedMention {
  mention: EventMention;
  articleId: string;
  outlet: string | null;
  published: string | null;
  /** The evidence as published. */
  text: string;
}

export interface MergedEvent {
  event: EventOut;
  mentions: SourcedMention[];
}

/** Mentions with no date of their own match across articles published at most this many days apart. */
const UNDATED_WINDOW_DAYS = 3;
/** Candidates compared per shared participant or place (the most recent ones). */
const BLOCK_LIMIT = 200;

/** What a group of mentions agrees on so far: a new mention joins only if it fits all of it (no chaining). */
interface Group {
  members: SourcedMention[];
  type: string;
  mode?: string;
  date: string | null;
  status: EventMention['status'];
  parties: Set<string>;
  locations: Set<string>;
  /** Publication days of the members (ms since epoch), for undated mentions. */
  days: number[];
  /** The members' articles. */
  articleIds: Set<string>;
  /** The block keys the group is listed under. */
  keys: Set<string>;
}

/** What fits() reads of a mention besides the mention itself, worked out once rather than for every candidate group. */
interface Candidate {
  m: SourcedMention;
  /** Actors and recipients, each once. */
  parties: string[];
  /** Publication day (ms since epoch). */
  day: number | null;
  /** dateNear(mention date, ·) as a test on a day. */
  nearDate: ((day: number) => boolean) | null;
}

/** Place containment from the knowledge base (a facility in its town, a town in its province). */
export type PlaceRelation = (inner: string, outer: string) => boolean;

export function mergeEvents(articles: readonly AssemblyArticle[], within: PlaceRelation = (a, b) => a === b): MergedEvent[] {
  const groups: Group[] = [];
  const blocks = new Map<string, Group[]>();
  for (const { doc } of articles) {
    for (const mention of doc.events) {
      const m: SourcedMention = { mention, articleId: doc.id, outlet: doc.outlet, published: doc.published, text: doc.text.slice(mention.start, mention.end) };
      const candidate: Candidate = {
        m, parties: [...new Set([...mention.actors, ...mention.recipients])], day: dayOf(doc.published),
        nearDate: mention.date ? nearTest(mention.date) : null,
      };
      const keys = blockKeys(mention);
      let joined: Group | undefined;
      for (const key of keys) {
        const list = blocks.get(key);
        if (list === undefined) continue;
        for (let k = list.length - 1; k >= Math.max(0, list.length - BLOCK_LIMIT) && !joined; k--) if (fits(list[k], candidate, within)) joined = list[k];
        if (joined) break;
      }
      if (joined) add(joined, m);
      else {
        joined = {
          members: [], type: mention.type, date: null, status: mention.status, parties: new Set(), locations: new Set(), days: [],
          articleIds: new Set(), keys: new Set(),
        };
        add(joined, m);
        groups.push(joined);
      }
      for (const key of keys) {
        if (joined.keys.has(key)) continue;
        joined.keys.add(key);
        const list = blocks.get(key);
        if (list) list.push(joined);
        else blocks.set(key, [joined]);
      }
    }
  }
  return groups.map((g) => ({ event: toEventOut(g.members), mentions: g.members }));
}

function add(group: Group, m: SourcedMention): void {
  group.members.push(m);
  group.articleIds.add(m.articleId);
  const x = m.mention;
  if (x.mode && !group.mode) group.mode = x.mode;
  if (x.date && (!group.date || x.date.length > group.date.length)) group.date = x.date;
  if (x.status === 'reported') group.status = 'reported';
  for (const id of x.actors) group.parties.add(id);
  for (const id of x.recipients) group.parties.add(id);
  if (x.location) group.locations.add(x.location);
  const day = dayOf(m.published);
  if (day !== null) group.days.push(day);
}

/** A day, month or week value within the undated window of a publication day (a month: any day of it, ± the window). */
function dateNear(date: string, day: number): boolean {
  return nearTest(date)(day);
}

/** dateNear(date, ·), with the date read once. */
function nearTest(date: string): (day: number) => boolean {
  const window = UNDATED_WINDOW_DAYS * 86_400_000;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const at = Date.parse(date);
    return (day) => Math.abs(at - day) <= window;
  }
  if (/^\d{4}-\d{2}$/.test(date)) {
    const from = Date.parse(date + '-01');
    const to = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1);
    return (day) => day >= from - window && day < to + window;
  }
  return () => true;
}

function dayOf(published: string | null): number | null {
  if (!published) return null;
  const t = Date.parse(published.slice(0, 10));
  return Number.isNaN(t) ? null : t;
}

function blockKeys(m: EventMention): string[] {
  const keys = [...m.actors, ...m.recipients].map((id) => `${m.type}|${id}`);
  if (m.location) keys.push(`${m.type}@${m.location}`);
  return keys;
}

function fits(group: Group, candidate: Candidate, within: PlaceRelation): boolean {
  const { m, day } = candidate;
  const x = m.mention;
  if (x.type !== group.type) return false;
  if (x.mode && group.mode && x.mode !== group.mode) return false;
  // A call and a meeting are different consultations, even between the same two people.
  if (x.type === 'consult' && (x.mode ?? '') !== (group.mode ?? '')) return false;
  // Time: both dated and agreeing, or (undated) reported within days of the group's reports.
  if (x.date && group.date) {
    if (!(x.date.startsWith(group.date) || group.date.startsWith(x.date))) return false;
  } else {
    if (x.status !== group.status && !group.articleIds.has(m.articleId)) return false;
    if (day !== null && group.days.length > 0 && !group.days.some((d) => Math.abs(d - day) <= UNDATED_WINDOW_DAYS * 86_400_000)) return false;
    // A dated mention joins undated reports only when its date is near their publication (and the other way round).
    if (candidate.nearDate && group.days.length > 0 && !group.days.some(candidate.nearDate)) return false;
    if (group.date && day !== null && !dateNear(group.date, day)) return false;
  }
  // Place: no two different places unless one lies within the other.
  if (x.location && group.locations.size > 0 && !someLocation(group.locations, x.location, within)) return false;
  // Parties: the same pair when both sides name two or more, else one shared; or the same place with a side unnamed.
  const { parties } = candidate;
  let shared = 0;
  for (const id of parties) if (group.parties.has(id)) shared++;
  const needed = Math.min(2, parties.length, group.parties.size);
  if (needed > 0) return shared >= needed;
  return x.location !== null && group.locations.has(x.location);
}

function someLocation(locations: Set<string>, location: string, within: PlaceRelation): boolean {
  for (const l of locations) if (within(location, l) || within(l, location)) return true;
  return false;
}

/** The value most mentions give; ties go to the first given (arrival order). */
function mostFrequent<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const v of values) if (best === undefined || counts.get(v)! > counts.get(best)!) best = v;
  return best;
}

function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

export function eventId(group: readonly SourcedMention[]): string {
  // The first in sort order (the least string), found without sorting.
  let first = '';
  group.forEach((m, i) => {
    const key = `${m.articleId}:${String(m.mention.start).padStart(8, '0')}:${m.mention.trigger.start}`;
    if (i === 0 || key < first) first = key;
  });
  return 'e_' + createHash('sha256').update(group[0].mention.type + '|' + first).digest('hex').slice(0, 16);
}

function toEventOut(group: SourcedMention[]): EventOut {
  const ms = group.map((g) => g.mention);
  const actors = byFrequency(ms.flatMap((m) => m.actors));
  const recipients = byFrequency(ms.flatMap((m) => m.recipients)).filter((id) => !actors.includes(id));
  const dates = ms.map((m) => m.date).filter((d): d is string => d !== null);
  // The most precise date that most mentions agree with.
  const longest = Math.max(...dates.map((d) => d.length));
  const date = mostFrequent(dates.filter((d) => d.length === longest)) ?? null;
  const counts: EventOut['counts'] = {};
  for (const key of ['killed', 'injured', 'detained', 'released', 'escaped', 'transferred', 'displaced'] as const) {
    const values = ms.map((m) => m.counts[key]).filter((v): v is number => v !== undefined);
    // Conflicting figures keep the one most reports give, the lowest on a tie (ACLED's rule); contradictions list the rest.
    const best = mostFrequent([...values].sort((a, b) => a - b));
    if (best !== undefined) counts[key] = best;
  }
  const mode = mostFrequent(ms.map((m) => m.mode).filter((m): m is string => m !== undefined));
  const context = mostFrequent(ms.map((m) => m.context).filter((m): m is string => m !== undefined));
  const evidence = group.map((g) => ({ articleId: g.articleId, start: g.mention.start, end: g.mention.end, text: g.text }));
  return {
    id: eventId(group), type: ms[0].type, ...(mode ? { mode } : {}), ...(context ? { context } : {}),
    qualifiers: [...new Set(ms.flatMap((m) => m.qualifiers))].sort(),
    status: ms.some((m) => m.status === 'reported') ? 'reported' : 'planned',
    actors, recipients,
    location: mostFrequent(ms.map((m) => m.location).filter((l): l is string => l !== null)) ?? null,
    date, counts,
    articleIds: [...new Set(group.map((g) => g.articleId))],
    evidence: dedupeEvidence(evidence),
    attribution: mostFrequent(ms.map((m) => m.attribution).filter((a): a is string => a !== null)) ?? null,
  };
}

function dedupeEvidence(evidence: EventOut['evidence']): EventOut['evidence'] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.articleId}:${e.start}:${e.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
