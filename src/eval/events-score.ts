// Scores event extraction against the hand-annotated set in eval/events/ (eval/events/README.md).
// An extracted event matches a gold event of the same type whose quote its evidence overlaps (one-to-one, greedy by
// overlap). Detection: precision/recall/F1 per type. Arguments: agreement on the matched pairs, slot by slot.
// Input: gold records and the events Marsad extracts from their texts. Output: EventScores.
import type { EventOut } from '../output/analysis.js';

export interface GoldEvent {
  type: string;
  mode?: string | null;
  quotes: string[];
  actors: string[];
  recipients: string[];
  location: string | null;
  date: string | null;
  counts: Record<string, number>;
  planned?: boolean;
  attribution?: string | null;
}

export interface GoldNonEvent {
  type: string;
  quote: string;
  why: string;
}

export interface GoldEventRecord {
  id: string;
  published: string | null;
  outlet?: string | null;
  title: string;
  text: string;
  events: GoldEvent[];
  nonEvents: GoldNonEvent[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface SlotScore {
  correct: number;
  scored: number;
}

export interface EventScores {
  byType: Map<string, Counts>;
  slots: Record<'actors' | 'recipients' | 'location' | 'date' | 'counts' | 'status' | 'mode', SlotScore>;
  /** Extracted events that state what the gold marks as negated, denied, conditional or only called for. */
  nonEventErrors: number;
  nonEvents: number;
  errors: string[];
}

interface Range {
  start: number;
  end: number;
}

function quoteRanges(text: string, quote: string): Range[] {
  const out: Range[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) out.push({ start: at, end: at + quote.length });
  return out;
}

function overlap(a: Range, b: Range): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Knowledge-base ids only: `name:` entries stand for entities the knowledge base lacks and are not scored. */
function scorable(ids: readonly string[]): string[] {
  return ids.filter((id) => !id.startsWith('name:')).sort();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function emptyScores(): EventScores {
  const slot = (): SlotScore => ({ correct: 0, scored: 0 });
  return {
    byType: new Map(), nonEventErrors: 0, nonEvents: 0, errors: [],
    slots: { actors: slot(), recipients: slot(), location: slot(), date: slot(), counts: slot(), status: slot(), mode: slot() },
  };
}

function counts(scores: EventScores, type: string): Counts {
  let c = scores.byType.get(type);
  if (!c) scores.byType.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
  return c;
}

/** Adds one record's comparison to `scores`; `predicted` are the events Marsad made of this record's text alone. */
export function scoreRecord(scores: EventScores, record: GoldEventRecord, predicted: readonly EventOut[]): void {
  const goldRanges = record.events.map((g) => g.quotes.flatMap((q) => quoteRanges(record.text, q)));
  const used = new Set<number>();
  const matchOf = new Map<number, EventOut>();
  record.events.forEach((gold, gi) => {
    let best = -1;
    let bestOverlap = 0;
    predicted.forEach((p, pi) => {
      if (used.has(pi) || p.type !== gold.type) return;
      let o = 0;
      for (const e of p.evidence) for (const r of goldRanges[gi]) o = Math.max(o, overlap(e, r));
      if (o > bestOverlap) {
        best = pi;
        bestOverlap = o;
      }
    });
    if (best >= 0) {
      used.add(best);
      matchOf.set(gi, predicted[best]);
    }
  });
  record.events.forEach((gold, gi) => {
    const p = matchOf.get(gi);
    if (!p) {
      counts(scores, gold.type).fn++;
      scores.errors.push(`${record.id}\tmissed\t${gold.type}\t${gold.quotes[0]?.slice(0, 80)}`);
      return;
    }
    counts(scores, gold.type).tp++;
    scoreSlots(scores, record.id, gold, p);
  });
  predicted.forEach((p, pi) => {
    if (used.has(pi)) return;
    counts(scores, p.type).fp++;
    scores.errors.push(`${record.id}\tspurious\t${p.type}\t${p.evidence[0]?.text.slice(0, 80)}`);
  });
  for (const non of record.nonEvents) {
    scores.nonEvents++;
    const ranges = quoteRanges(record.text, non.quote);
    const wrong = predicted.some((p) => p.type === non.type && p.evidence.some((e) => ranges.some((r) => overlap(e, r) > 0))
      && !record.events.some((g, gi) => matchOf.get(gi) === p));
    if (wrong) {
      scores.nonEventErrors++;
      scores.errors.push(`${record.id}\t${non.why}\t${non.type}\t${non.quote.slice(0, 80)}`);
    }
  }
}

function scoreSlots(scores: EventScores, id: string, gold: GoldEvent, p: EventOut): void {
  const slot = (name: keyof EventScores['slots'], scorableGold: boolean, ok: boolean, detail: string): void => {
    if (!scorableGold) return;
    scores.slots[name].scored++;
    if (ok) scores.slots[name].correct++;
    else scores.errors.push(`${id}\t${name}\t${gold.type}\t${detail}`);
  };
  const actors = scorable(gold.actors);
  slot('actors', actors.length > 0 || gold.actors.length === 0, sameSet(actors, scorable(p.actors)), `gold ${actors} got ${p.actors}`);
  const recipients = scorable(gold.recipients);
  slot('recipients', recipients.length > 0 || gold.recipients.length === 0, sameSet(recipients, scorable(p.recipients)), `gold ${recipients} got ${p.recipients}`);
  const location = gold.location && gold.location.startsWith('name:') ? undefined : gold.location;
  slot('location', location !== undefined, (location ?? null) === p.location, `gold ${location} got ${p.location}`);
  slot('date', true, gold.date === p.date, `gold ${gold.date} got ${p.date}`);
  const goldCounts = JSON.stringify(Object.entries(gold.counts ?? {}).sort());
  const predictedCounts = JSON.stringify(Object.entries(p.counts).sort());
  slot('counts', true, goldCounts === predictedCounts, `gold ${goldCounts} got ${predictedCounts}`);
  slot('status', true, (gold.planned ? 'planned' : 'reported') === p.status, `gold planned=${Boolean(gold.planned)} got ${p.status}`);
  slot('mode', true, (gold.mode ?? null) === (p.mode ?? null), `gold ${gold.mode} got ${p.mode}`);
}

export function f1(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

export function formatScores(name: string, scores: EventScores): string {
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
  const lines = [`## ${name}`, '', '| type | gold | found | correct | P | R | F1 |', '|---|---|---|---|---|---|---|'];
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const [type, c] of [...scores.byType.entries()].sort()) {
    const s = f1(c);
    lines.push(`| ${type} | ${c.tp + c.fn} | ${c.tp + c.fp} | ${c.tp} | ${pct(s.p)} | ${pct(s.r)} | ${pct(s.f)} |`);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  const t = f1(total);
  lines.push(`| **all (micro)** | ${total.tp + total.fn} | ${total.tp + total.fp} | ${total.tp} | ${pct(t.p)} | ${pct(t.r)} | ${pct(t.f)} |`);
  lines.push('', '| argument (on matched events) | correct / scored | accuracy |', '|---|---|---|');
  for (const [slot, s] of Object.entries(scores.slots)) lines.push(`| ${slot} | ${s.correct} / ${s.scored} | ${pct(s.scored ? s.correct / s.scored : 0)} |`);
  lines.push('', `Non-events reported as events: ${scores.nonEventErrors} of ${scores.nonEvents} (negated, denied, conditional, questions, only called for).`);
  return lines.join('\n');
}
